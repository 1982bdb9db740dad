# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Base classes of the generated resources, and the helpers their methods share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import pydantic

from ._base_model import BaseModel

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

__all__ = [
    "AsyncAPIResource",
    "SyncAPIResource",
    "body_json",
    "build_body",
    "header_value",
    "path_segment",
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


def path_segment(name: str, value: str) -> str:
    """Percent-encode one path parameter; an empty value would silently change the URL."""
    if not value:
        raise ValueError(f"expected a non-empty value for path parameter {name!r}")
    return quote(value, safe="")


def build_body(model: type[ModelT], **fields: Any) -> ModelT:
    """Validate the body from the fields the caller passed; None means not passed, not null.

    The spec has no nullable field, so None can only mean "leave it out" (the field is not sent).
    Unknown fields, allowed in models so that newer answers parse, are rejected here: in a request
    they are typos.
    """
    body = model(**{name: value for name, value in fields.items() if value is not None})
    unknown = list(_unknown_fields(body, ()))
    if unknown:
        raise pydantic.ValidationError.from_exception_data(
            title=model.__name__,
            line_errors=[{"type": "extra_forbidden", "loc": loc, "input": None} for loc in unknown],
            hide_input=True,
        )
    return body


def _unknown_fields(value: Any, at: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    if isinstance(value, pydantic.BaseModel):
        for name in value.model_extra or {}:
            yield (*at, name)
        for name in type(value).model_fields:
            yield from _unknown_fields(getattr(value, name), (*at, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unknown_fields(item, (*at, index))


def header_value(name: str, value: str | None) -> str | None:
    """A header value as sent; HTTP headers here are ASCII, so anything else is refused up front."""
    if value is not None and not value.isascii():
        raise ValueError(f"header {name} must be ASCII text")
    return value


def body_json(body: BaseModel) -> Any:
    """The JSON value of a body: only fields that were set, never a null."""
    return body.model_dump(mode="json", exclude_unset=True, exclude_none=True)
