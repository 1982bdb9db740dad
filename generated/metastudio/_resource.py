# Generated from openapi/metastudio-smart-live.yaml by generator. Do not edit: run "make generate".
"""Base classes of the generated resources, and the helpers their methods share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from ._base_model import BaseModel

if TYPE_CHECKING:
    from ._client import AsyncClient, Client

__all__ = ["AsyncAPIResource", "SyncAPIResource", "build_body", "path_segment"]

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
    """
    return model(**{name: value for name, value in fields.items() if value is not None})


def body_json(body: BaseModel) -> Any:
    """The JSON value of a body: only fields that were set, never a null."""
    return body.model_dump(mode="json", exclude_unset=True, exclude_none=True)
