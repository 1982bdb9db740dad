"""Values synthesised from OpenAPI schemas: seeded, deterministic, and valid (formats and bounds too)."""

from __future__ import annotations

import base64
import importlib
import math
import random
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

from mockserver.schemas import CompiledSchema, compile_schema
from speccore.refs import deref

# Optional properties and array items stop here, so that a recursive schema (a tree) ends.
OPTIONAL_DEPTH = 3
MAX_DEPTH = 12

_INT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
_BASE_TIME = datetime(2024, 1, 31, 12, 0, 0, tzinfo=UTC)

# Python's own regex parser (the private module behind `re`): turning a pattern into a string
# that matches it needs the parse tree, and a hand-written parser would be a second opinion.
_sre: Any = importlib.import_module("re._parser")
_sre_constants: Any = importlib.import_module("re._constants")


def _hex(rng: random.Random, chars: int) -> str:
    return f"{rng.getrandbits(4 * chars):0{chars}x}" if chars else ""


def _formatted(fmt: str, rng: random.Random) -> str | None:
    n = rng.randrange(1, 250)
    samples: dict[str, Callable[[], str]] = {
        "date-time": lambda: (
            (_BASE_TIME + timedelta(seconds=n * 3607)).isoformat().replace("+00:00", "Z")
        ),
        "date": lambda: (_BASE_TIME + timedelta(days=n)).date().isoformat(),
        "time": lambda: f"{n % 24:02d}:{n % 60:02d}:00Z",
        "uuid": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        # pydantic (and datamodel-code-generator's UUID1..UUID5) check the version digit.
        "uuid1": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=1)),
        "uuid3": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=3)),
        "uuid4": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "uuid5": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=5)),
        "email": lambda: f"user{n}@example.com",
        "idn-email": lambda: f"user{n}@example.com",
        "uri": lambda: f"https://example.com/r/{n}",
        "url": lambda: f"https://example.com/r/{n}",
        "uri-reference": lambda: f"/r/{n}",
        "iri": lambda: f"https://example.com/r/{n}",
        "hostname": lambda: f"host{n}.example.com",
        "idn-hostname": lambda: f"host{n}.example.com",
        "ipv4": lambda: f"192.0.2.{n}",
        "ipv6": lambda: f"2001:db8::{n:x}",
        "byte": lambda: base64.b64encode(rng.getrandbits(48).to_bytes(6, "big")).decode(),
        "binary": lambda: _hex(rng, 8),
        "password": lambda: _hex(rng, 12),
    }
    make = samples.get(fmt)
    return make() if make is not None else None


class Sampler:
    """Builds values for the schemas of one document; examples, defaults and enums first."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self._compiled: dict[int, tuple[Any, CompiledSchema]] = {}

    def valid(self, schema: Any, value: Any) -> bool:
        """Whether `value` is valid against the OpenAPI `schema`, formats checked."""
        cached = self._compiled.get(id(schema))
        if cached is None or cached[0] is not schema:
            # The schema is kept with its validator, so its id cannot be reused meanwhile.
            cached = (schema, compile_schema(self.document, schema, check_formats=True))
            self._compiled[id(schema)] = cached
        return cached[1].is_valid(value)

    def properties(self, schema: Any) -> tuple[str, ...]:
        """The property names an object schema declares (allOf members included)."""
        node = deref(self.document, schema) if isinstance(schema, dict) else {}
        if not isinstance(node, dict):
            return ()
        if node.get("allOf"):
            node = self._merge_all_of(node)
        return tuple(node.get("properties") or ())

    def sample(self, schema: Any, rng: random.Random, depth: int = 0, variant: int = 0) -> Any:
        """A value for `schema`: its example, default or an enum member if valid, else synthesised."""
        node = deref(self.document, schema) if isinstance(schema, dict) else {}
        if not isinstance(node, dict):
            return {}
        candidates: list[Any] = []
        if variant == 0:
            candidates += [node[key] for key in ("example", "default") if key in node]
        enum = node.get("enum")
        if isinstance(enum, list) and enum:
            start = rng.randrange(len(enum)) if variant == 0 else variant
            candidates += [enum[(start + i) % len(enum)] for i in range(len(enum))]
        for candidate in candidates:
            if self.valid(node, candidate):
                return candidate
        return self._synthesise(node, rng, depth, variant)

    def _synthesise(
        self, node: dict[str, Any], rng: random.Random, depth: int, variant: int
    ) -> Any:
        if node.get("allOf"):
            return self.sample(self._merge_all_of(node), rng, depth, variant)
        for combinator in ("oneOf", "anyOf"):
            branches = node.get(combinator)
            if isinstance(branches, list) and branches:
                return self._one_of(node, branches, rng, depth, variant)
        kind = node.get("type") or _implied_type(node)
        if kind == "object":
            return self._object(node, rng, depth)
        if kind == "array":
            return self._array(node, rng, depth)
        if kind == "integer":
            return _integer(node, rng, variant)
        if kind == "number":
            return _number(node, rng, variant)
        if kind == "boolean":
            return rng.random() < 0.5
        return self._string(node, rng, variant)

    def _one_of(
        self,
        node: dict[str, Any],
        branches: list[Any],
        rng: random.Random,
        depth: int,
        variant: int,
    ) -> Any:
        discriminator = node.get("discriminator")
        prop = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
        mapping = (discriminator.get("mapping") or {}) if isinstance(discriminator, dict) else {}
        first = None
        for branch in branches:
            value = self.sample(branch, rng, depth, variant)
            if isinstance(prop, str) and isinstance(value, dict) and isinstance(branch, dict):
                ref = branch.get("$ref")
                names = [k for k, v in mapping.items() if v == ref]
                if not names and isinstance(ref, str):
                    names = [ref.rsplit("/", 1)[-1]]  # OpenAPI: the schema's name by default
                for name in names:
                    tagged = {**value, prop: name}
                    if self.valid(node, tagged):
                        return tagged
            if self.valid(node, value):
                return value
            first = value if first is None else first
        return first

    def _merge_all_of(self, node: dict[str, Any]) -> dict[str, Any]:
        merged = {k: v for k, v in node.items() if k != "allOf"}
        for part in node.get("allOf") or ():
            target = deref(self.document, part) if isinstance(part, dict) else {}
            if isinstance(target, dict) and target.get("allOf"):
                target = self._merge_all_of(target)
            merged = _merge(merged, target if isinstance(target, dict) else {})
        return merged

    def _object(self, node: dict[str, Any], rng: random.Random, depth: int) -> dict[str, Any]:
        if depth > MAX_DEPTH:
            return {}
        properties = node.get("properties") or {}
        required = [r for r in node.get("required") or () if isinstance(r, str)]
        extra = node.get("additionalProperties")
        out: dict[str, Any] = {}
        for name, sub in properties.items():
            if name not in required:
                target = deref(self.document, sub) if isinstance(sub, dict) else {}
                # An answer never carries a writeOnly property, nor optional ones deep down.
                if depth >= OPTIONAL_DEPTH or (
                    isinstance(target, dict) and target.get("writeOnly")
                ):
                    continue
            out[name] = self.sample(sub, rng, depth + 1)
        for name in required:
            if name not in out:
                out[name] = self.sample(extra if isinstance(extra, dict) else {}, rng, depth + 1)
        maximum = node.get("maxProperties")
        if isinstance(maximum, int):
            for name in [n for n in out if n not in required][::-1]:
                if len(out) <= maximum:
                    break
                del out[name]
        minimum = node.get("minProperties")
        index = 0
        while isinstance(minimum, int) and len(out) < minimum and extra is not False:
            out[f"key{index}"] = self.sample(
                extra if isinstance(extra, dict) else {}, rng, depth + 1
            )
            index += 1
        return out

    def _array(self, node: dict[str, Any], rng: random.Random, depth: int) -> list[Any]:
        items = node.get("items", {})
        least = int(node.get("minItems", 0))
        count = max(least, 1) if depth < OPTIONAL_DEPTH else least
        if isinstance(node.get("maxItems"), int):
            count = min(count, node["maxItems"])
        values: list[Any] = []
        attempt = 0
        while len(values) < count and attempt < 10 * count + 10:
            value = self.sample(items, rng, depth + 1, attempt)
            attempt += 1
            if node.get("uniqueItems") and value in values:
                continue
            values.append(value)
        return values

    def _string(self, node: dict[str, Any], rng: random.Random, variant: int) -> str:
        least = int(node.get("minLength", 0))
        most = node.get("maxLength")
        pattern = node.get("pattern")

        def fits(text: str) -> bool:
            if len(text) < least or (isinstance(most, int) and len(text) > most):
                return False
            return not isinstance(pattern, str) or _matches(pattern, text)

        fmt = node.get("format")
        formatted = _formatted(fmt, rng) if isinstance(fmt, str) else None
        if formatted is not None and fits(formatted):
            return formatted
        if isinstance(pattern, str):
            for text in _from_pattern(pattern, rng, least, most):
                if fits(text):
                    return text
        length = max(least, min(most if isinstance(most, int) else 8, 8))
        text = _hex(rng, length)
        if variant and length:
            text = (f"{variant:x}" + text)[:length]
        return text


def _implied_type(node: dict[str, Any]) -> str:
    if "properties" in node or "additionalProperties" in node:
        return "object"
    if "items" in node:
        return "array"
    if any(k in node for k in ("minLength", "maxLength", "pattern", "format")):
        return "string"
    if any(k in node for k in ("minimum", "maximum", "multipleOf")):
        return "number"
    return "object"


def _merge(base: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in part.items():
        if key not in out:
            out[key] = value
        elif key == "properties":
            props = dict(out[key])
            for name, sub in value.items():
                props[name] = {"allOf": [props[name], sub]} if name in props else sub
            out[key] = props
        elif key == "required":
            out[key] = [*out[key], *(r for r in value if r not in out[key])]
        elif key in ("minimum", "minLength", "minItems", "minProperties"):
            out[key] = max(out[key], value)
        elif key in ("maximum", "maxLength", "maxItems", "maxProperties"):
            out[key] = min(out[key], value)
        elif key == "enum":
            out[key] = [v for v in out[key] if v in value]
    return out


def _integer(node: dict[str, Any], rng: random.Random, variant: int) -> int:
    fmt_low, fmt_high = _INT_BOUNDS.get(node.get("format", ""), (None, None))
    low = _bound(node, "minimum", "exclusiveMinimum", +1, fmt_low)
    high = _bound(node, "maximum", "exclusiveMaximum", -1, fmt_high)
    if low is None:
        low = 0 if high is None or high >= 0 else int(high) - 1000
    if high is None:
        high = max(int(low), 0) + 1000
    low_i, high_i = math.ceil(low), math.floor(high)
    step = node.get("multipleOf")
    if isinstance(step, int | float) and step > 0:
        unit = Fraction(str(step)).numerator  # the smallest whole multiple of multipleOf
        first, last = math.ceil(low_i / unit) * unit, math.floor(high_i / unit) * unit
        if first > last:
            return low_i
        count = (last - first) // unit + 1
        return first + ((rng.randrange(min(count, 10**9)) + variant) % count) * unit
    if low_i > high_i:
        return low_i
    span = high_i - low_i + 1
    return low_i + (rng.randrange(min(span, 10**18)) + variant) % span


def _bound(
    node: dict[str, Any], key: str, exclusive: str, nudge: int, fallback: int | None
) -> float | None:
    value = node.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return fallback
    if node.get(exclusive) is True:
        value = math.floor(value) + 1 if nudge > 0 else math.ceil(value) - 1
    if fallback is not None:
        value = max(value, fallback) if nudge > 0 else min(value, fallback)
    return value


def _number(node: dict[str, Any], rng: random.Random, variant: int) -> float:
    low, high = node.get("minimum"), node.get("maximum")
    low_excl, high_excl = node.get("exclusiveMinimum") is True, node.get("exclusiveMaximum") is True

    def inside(value: float) -> bool:
        if isinstance(low, int | float) and (value < low or (low_excl and value == low)):
            return False
        return not (
            isinstance(high, int | float) and (value > high or (high_excl and value == high))
        )

    step = node.get("multipleOf")
    candidates: list[float] = []
    if isinstance(low, int | float):
        candidates += [float(low), float(math.floor(low) + 1)]
    if isinstance(low, int | float) and isinstance(high, int | float):
        candidates.append((low + high) / 2)
    if isinstance(high, int | float):
        candidates += [float(high), float(math.ceil(high) - 1)]
    candidates += [float(rng.randrange(0, 100) + variant), 0.0]
    if isinstance(step, int | float) and step > 0:
        unit = Fraction(str(step))
        # Whole numbers first: k * 0.1 is rarely exact in binary, a whole multiple always is.
        whole = [
            c for c in candidates if c == int(c) and (Fraction(int(c)) / unit).denominator == 1
        ]
        start = math.ceil(Fraction(str(low)) / unit) if isinstance(low, int | float) else 0
        multiples = [float((start + i) * unit) for i in range(3)]
        candidates = whole + multiples
    return next((c for c in candidates if inside(c)), candidates[0])


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # a pattern Python cannot read (ECMA-only syntax): not ours to judge


def _from_pattern(pattern: str, rng: random.Random, least: int, most: Any) -> list[str]:
    try:
        tree = _sre.parse(pattern)
    except (re.error, RecursionError):
        return []
    texts = []
    for target in (0, 1, 2, 4, 8, 16, 32, max(least, 1)):
        texts.append(_render(tree, rng, target))
    return texts


def _render(items: Any, rng: random.Random, target: int) -> str:
    c = _sre_constants
    out: list[str] = []
    for op, arg in items:
        if op is c.LITERAL:
            out.append(chr(arg))
        elif op is c.NOT_LITERAL:
            out.append("a" if arg != ord("a") else "b")
        elif op is c.ANY:
            out.append("a")
        elif op is c.IN:
            out.append(_from_set(arg, rng))
        elif op is c.BRANCH:
            out.append(_render(arg[1][0], rng, target))
        elif op is c.SUBPATTERN:
            out.append(_render(arg[-1], rng, target))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
            low, high, sub = arg
            count = max(low, min(target, high))
            out.append("".join(_render(sub, rng, target) for _ in range(count)))
        elif op is c.CATEGORY:
            out.append(_from_category(arg))
        # AT (anchors), ASSERT and GROUPREF add no characters of their own here.
    return "".join(out)


def _from_category(category: Any) -> str:
    name = str(category)
    if "NOT_DIGIT" in name or "NOT_SPACE" in name:
        return "a"
    if "NOT_WORD" in name:
        return "-"
    if "DIGIT" in name:
        return "7"
    if "SPACE" in name:
        return " "
    return "a"


def _from_set(members: Any, rng: random.Random) -> str:
    c = _sre_constants
    if members and members[0][0] is c.NEGATE:
        excluded = members[1:]
        for char in "a0-_ Zx9.":
            if not _in_set(char, excluded):
                return char
        return "~"
    op, arg = members[0]
    if op is c.LITERAL:
        return chr(arg)
    if op is c.RANGE:
        return chr(rng.randint(arg[0], min(arg[1], arg[0] + 25)))
    if op is c.CATEGORY:
        return _from_category(arg)
    return "a"


def _in_set(char: str, members: Any) -> bool:
    c = _sre_constants
    code = ord(char)
    for op, arg in members:
        if op is c.LITERAL and arg == code:
            return True
        if op is c.RANGE and arg[0] <= code <= arg[1]:
            return True
        if op is c.CATEGORY and re.fullmatch(f"[{_CATEGORY_TEXT.get(str(arg), '')}]", char):
            return True
    return False


_CATEGORY_TEXT = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
