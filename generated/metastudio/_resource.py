# Copied from templates/runtime/_resource.py by generator. Do not edit here: edit templates/runtime/_resource.py.
"""Base classes of the generated resources, and the helpers their methods share."""

from __future__ import annotations

import datetime
import enum
import functools
import json
import operator
import re
import uuid
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from urllib.parse import quote

import pydantic
import pydantic_core

from ._base_model import BaseModel
from ._exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

__all__ = [
    "AsyncAPIResource",
    "SyncAPIResource",
    "body_json",
    "build_body",
    "build_union_body",
    "form_fields",
    "header_params",
    "header_value",
    "json_value",
    "multipart_parts",
    "path_segment",
    "query_params",
]

ModelT = TypeVar("ModelT", bound=BaseModel)


class SyncAPIResource:
    """A group of operations (one spec tag) bound to a Client."""

    def __init__(self, client: Client) -> None:
        self._client = client


class AsyncAPIResource:
    """A group of operations (one spec tag) bound to an AsyncClient."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client


def path_segment(name: str, value: object) -> str:
    """Percent-encode one path parameter; an empty value would silently change the URL."""
    text = wire_text(value)
    if not text:
        raise InvalidArgumentError.of(
            "path parameter", (name,), "expected a non-empty value: an empty one changes the URL"
        )
    return quote(text, safe="")


def wire_text(value: object) -> str:
    """A scalar as the spec's text form: true/false, ISO 8601 dates, an enum's value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return wire_text(value.value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | int | float | str):
        return str(value)
    raise TypeError(f"expected a scalar value, not {type(value).__name__}")


def query_params(*items: tuple[str, object, bool]) -> tuple[tuple[str, str], ...]:
    """(name, value, explode) → the query's name=value pairs, in order; None is left out.

    Arrays follow OpenAPI's `style: form`: explode gives one pair per item (`id=1&id=2`), no
    explode one comma-joined value (`id=1,2`); an empty array is left out, as RFC 6570 leaves out
    a list of zero members (`id=` would be one empty item).
    """
    pairs: list[tuple[str, str]] = []
    for name, value, explode in items:
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        if isinstance(value, list | tuple):
            texts = [wire_text(v) for v in value]
            pairs.extend((name, t) for t in texts) if explode else pairs.append(
                (name, ",".join(texts))
            )
        else:
            pairs.append((name, wire_text(value)))
    return tuple(pairs)


def header_params(*items: tuple[str, object]) -> dict[str, str]:
    """(name, value) → headers as sent, None left out; arrays comma-joined (`style: simple`)."""
    headers: dict[str, str] = {}
    for name, value in items:
        if value is None:
            continue
        text = (
            ",".join(wire_text(v) for v in value)
            if isinstance(value, list | tuple)
            else wire_text(value)
        )
        checked = header_value(name, text)
        if checked is not None:
            headers[name] = checked
    return headers


def build_body(model: type[ModelT], fields: Mapping[str, Any]) -> ModelT:
    """Validate the body from the fields the caller passed (by wire name); None means not passed.

    None can only mean "leave it out" (the field is not sent): a keyword argument cannot tell
    "not given" from null otherwise. Unknown fields, allowed in models so that newer answers
    parse, are rejected here: in a request they are typos.
    """
    try:
        body = model.model_validate(
            {name: value for name, value in fields.items() if value is not None}
        )
    except pydantic.ValidationError as exc:
        raise InvalidArgumentError.from_validation_error(exc) from None
    _refuse_unknown_fields(model.__name__, body)
    return body


def build_union_body(
    title: str,
    discriminator: str,
    variants: Mapping[str, type[BaseModel]],
    fields: Mapping[str, Any],
) -> BaseModel:
    """Validate a oneOf body with a discriminator from the fields the caller passed (wire names;
    None means not passed): the variant is the one `variants` maps the discriminator's value to,
    as a pydantic discriminated union. Model instances are validated as they are, never dumped
    first, so a model of another variant's field (or one given where a free-form object goes)
    is refused; so are fields the chosen variant does not have. Nothing is sent on a refusal."""
    given = {name: value for name, value in fields.items() if value is not None}
    try:
        body: BaseModel = _union_adapter(discriminator, tuple(variants.items())).validate_python(
            given
        )
    except pydantic.ValidationError as exc:
        raise InvalidArgumentError.from_validation_error(exc, title) from None
    _refuse_unknown_fields(title, body)
    return body


@functools.cache
def _union_adapter(
    discriminator: str, variants: tuple[tuple[str, type[BaseModel]], ...]
) -> pydantic.TypeAdapter[Any]:
    # Tagged by the spec's mapping (pydantic's callable discriminator), not by the variants'
    # Literal fields: the mapping is what the spec says picks the variant.
    members = [Annotated[model, pydantic.Tag(tag)] for tag, model in variants]
    union: Any = functools.reduce(operator.or_, members)
    tags = ", ".join(repr(tag) for tag, _ in variants)

    def tag_of(value: Any) -> Any:
        return value.get(discriminator) if isinstance(value, Mapping) else None

    picker = pydantic.Discriminator(
        tag_of,
        custom_error_type="invalid_variant",
        custom_error_message=f"{discriminator} must be one of {tags}",
    )
    return pydantic.TypeAdapter(Annotated[union, picker])


def _refuse_unknown_fields(title: str, body: BaseModel) -> None:
    unknown = list(_unknown_fields(body, ()))
    if unknown:
        raise InvalidArgumentError.from_exception_data(
            title=title,
            line_errors=[{"type": "extra_forbidden", "loc": loc, "input": None} for loc in unknown],
            hide_input=True,
        )


def _unknown_fields(value: Any, at: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, pydantic.BaseModel):
        for name in value.model_extra or {}:
            yield (*at, name)
        given = value.model_fields_set
        # The fields in their order, from __dict__ (not getattr: a field the spec marks deprecated
        # warns on access); only those the caller set: one left out holds its default, no typo.
        for name, child in value.__dict__.items():
            if name in given and isinstance(child, pydantic.BaseModel | list):
                yield from _unknown_fields(child, (*at, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, pydantic.BaseModel | list):
                yield from _unknown_fields(item, (*at, index))


def header_value(name: str, value: str | None) -> str | None:
    """A header value as sent; HTTP headers here are ASCII, so anything else is refused up front."""
    if value is not None and not _HEADER_TEXT.fullmatch(value):
        message = f"header {name} must be ASCII text, printable, with no line break"
        raise InvalidArgumentError.of("header", (name,), message)
    return value


_HEADER_TEXT = re.compile(r"[\x20-\x7e\t]*")


def body_json(body: BaseModel) -> Any:
    """The JSON value of a body: only fields that were set, never a null, wire names."""
    return body.model_dump(mode="json", exclude_unset=True, exclude_none=True, by_alias=True)


def json_value(value: Any) -> Any:
    """The JSON value of a body that is not one model (a list of models, a string...)."""
    return pydantic_core.to_jsonable_python(value, by_alias=True, exclude_none=True)


def form_fields(body: BaseModel) -> dict[str, str | list[str]]:
    """An x-www-form-urlencoded body: scalars as text, arrays as repeated keys, objects as JSON."""
    fields: dict[str, str | list[str]] = {}
    for name, value in body_json(body).items():
        if isinstance(value, list):
            fields[name] = [_form_text(v) for v in value]
        else:
            fields[name] = _form_text(value)
    return fields


def multipart_parts(
    body: BaseModel,
) -> tuple[dict[str, str | list[str]], dict[str, tuple[str, bytes]]]:
    """A multipart/form-data body: (text fields, file parts); bytes values are the files."""
    raw = body.model_dump(mode="python", exclude_unset=True, exclude_none=True, by_alias=True)
    files = {name: (name, value) for name, value in raw.items() if isinstance(value, bytes)}
    data: dict[str, str | list[str]] = {}
    for name, value in body_json(body).items():
        if name in files:
            continue
        data[name] = (
            [_form_text(v) for v in value] if isinstance(value, list) else _form_text(value)
        )
    return data, files


def _form_text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return wire_text(value)
