"""Python names for spec names: valid, stable, collision-free; the wire name is kept beside them.

Every name the SDK exposes is made here: model classes (schemas), resource attributes and classes
(tags), methods (operationIds) and keyword arguments (parameters and body fields). Collisions are
resolved deterministically, in document order: the first keeps the name, later ones get a suffix.
"""

from __future__ import annotations

import ast
import keyword
import re
import unicodedata
from collections.abc import Iterable

from sdkbuild.paths import RUNTIME

# A module's `__all__ = [...]` (or a tuple): a list of names holds no bracket.
_ALL = re.compile(r"^__all__ = ([(\[][^)\]]*[)\]])[ \t]*(?:#.*)?$", re.MULTILINE)


def _runtime_exports() -> frozenset[str]:
    # What the runtime modules export (their __all__), read from their source: the resources
    # import some of them beside the models, the package's __init__ re-exports others, so a model
    # of the same name would hide one. Read, not listed here, so the two cannot disagree.
    names: set[str] = set()
    for module in sorted(RUNTIME.glob("*.py")):
        names |= _exports(module.read_text(encoding="utf-8"))
    return frozenset(names)


def _exports(source: str) -> set[str]:
    # The assignment alone when it has the usual form: parsing every runtime module whole took
    # a few hundredths of a second of each generation. Any other form: the whole module.
    found = _ALL.findall(source)
    if found:
        try:
            return {name for names in found for name in ast.literal_eval(names)}
        except (ValueError, SyntaxError):
            pass
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            names |= set(ast.literal_eval(node.value))
    return names


# Names a model class must not take: what models.py imports beside the models (the names
# datamodel-code-generator's output uses), the clients _client.py defines, and what the runtime
# exports.
RESERVED_CLASS_NAMES = (
    frozenset(
        {
            "Annotated",
            "Any",
            "AnyUrl",
            "AwareDatetime",
            "AsyncClient",
            "BaseModel",
            "Client",
            "ConfigDict",
            "EmptyResult",
            "Enum",
            "Field",
            "IPv4Address",
            "IPv6Address",
            "Literal",
            "RootModel",
            "UUID",
        }
    )
    | _runtime_exports()
)
# Keyword arguments that would hide a name the method body uses, or the method's own parameters.
# (Not `params`: the body only passes `params=` to PreparedRequest, and a discriminated body's
# field of that name, ExecuteSmartLiveCommand's, reads best as itself.)
RESERVED_ARGUMENTS = frozenset({"self", "timeout", "body", "headers", "request", "form", "files"})
# Attributes of the clients themselves: a resource (tag) must not replace one.
RESERVED_ATTRIBUTES = frozenset(
    {"base_url", "close", "project_id", "request", "retry", "timeout", "with_options"}
)


def words(name: str) -> list[str]:
    """The words of a name, split at case changes, digits runs and anything not alphanumeric."""
    ascii_name = _ascii(name)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", ascii_name)
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", spaced)
    return [w for w in re.split(r"[^0-9A-Za-z]+", spaced) if w]


def snake(name: str) -> str:
    """snake_case: StartSmartLive → start_smart_live, RTCUser → rtc_user, get-item/by id →
    get_item_by_id. Empty when the name has no letter or digit at all."""
    return "_".join(w.lower() for w in words(name))


def pascal(name: str) -> str:
    """PascalCase: smart-live → SmartLive, message → Message (inner capitals are kept)."""
    return "".join(w[:1].upper() + w[1:] for w in words(name))


def identifier(candidate: str, fallback: str, reserved: Iterable[str] = ()) -> str:
    """`candidate` made a valid identifier: `fallback` if empty, a leading digit prefixed with
    `fallback`'s first word, keywords and reserved names suffixed with `_`."""
    name = candidate or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}" if name.islower() or "_" in name else f"{fallback}{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in set(reserved):
        name += "_"
    return name


class Namer:
    """Hands out unique names in one namespace: a taken name gets `_2`, `_3`... (or `2`, `3`)."""

    def __init__(self, taken: Iterable[str] = (), *, separator: str = "_") -> None:
        self._taken = {n.lower() for n in taken}
        self._separator = separator

    def claim(self, name: str) -> str:
        """`name`, or the first free numbered variant of it; then taken."""
        candidate, n = name, 1
        # Case-only twins collide too: they would share a file name on a case-insensitive disk,
        # and are unreadable side by side.
        while candidate.lower() in self._taken:
            n += 1
            candidate = f"{name}{self._separator}{n}"
        self._taken.add(candidate.lower())
        return candidate


def class_names(schema_names: Iterable[str]) -> dict[str, str]:
    """Schema name → model class name, in document order."""
    namer = Namer(RESERVED_CLASS_NAMES - {"BaseModel"}, separator="")
    found: dict[str, str] = {}
    for name in schema_names:
        base = identifier(pascal(name), "Model")
        if base in RESERVED_CLASS_NAMES:
            base += "Model"
        found[name] = namer.claim(base)
    return found


def argument_name(wire_name: str, strip_x_prefix: bool = False) -> str:
    """A keyword argument for a parameter or body field: X-App-UserId → app_user_id, from → from_."""
    stripped = re.sub(r"^x-", "", wire_name, flags=re.I) if strip_x_prefix else wire_name
    return identifier(snake(stripped), "field", RESERVED_ARGUMENTS)


def method_name(operation_id: str | None, method: str, path: str, tag_attribute: str) -> str:
    """A resource method for an operation: StartSmartLive under smart_live → start; without an
    operationId, from the method and path (get /pets/{id} → get_pets_id)."""
    full = snake(operation_id) if operation_id else snake(f"{method} {path}")
    for trimmed in (full.removesuffix("_" + tag_attribute), full.removeprefix(tag_attribute + "_")):
        if trimmed != full and trimmed and not trimmed[0].isdigit():
            full = trimmed
            break
    return identifier(full, "op")


def _ascii(name: str) -> str:
    # é → e; letters without an ASCII form (名称) have no word in a Python name: they are dropped,
    # and `identifier` falls back when nothing is left.
    decomposed = unicodedata.normalize("NFKD", name)
    return decomposed.encode("ascii", "ignore").decode("ascii")
