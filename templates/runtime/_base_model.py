"""Base class of every generated model: secret-safe reprs and errors, the request id of a result."""

from __future__ import annotations

from typing import Any

import pydantic

from ._exceptions import InvalidArgumentError

SECRET_MASK = "<redacted>"


class BaseModel(pydantic.BaseModel):
    """A pydantic model that never shows a secret field and keeps unknown fields of newer servers."""

    # extra="allow": a newer service may answer with fields the spec does not know yet; keep them
    # (``model_extra``) instead of failing. Request bodies are checked for unknown fields by
    # _resource.build_body, where a typo must not pass silently. hide_input_in_errors: a
    # ValidationError must not echo a stream key or callback key into a log. validate_assignment:
    # `config.bitrate = 50000` fails as the constructor would.
    model_config = pydantic.ConfigDict(
        extra="allow", hide_input_in_errors=True, validate_assignment=True
    )

    _request_id: str | None = pydantic.PrivateAttr(default=None)

    # No __init__ override to do the same for construction: pydantic then builds nested models
    # through __init__, in lax mode, and strict validation of answers would be lost. A model built
    # by hand raises pydantic's ValidationError, whose str() hides inputs (hide_input_in_errors);
    # its errors() and json() need include_input=False. The SDK's own calls go through
    # _resource.build_body, which raises InvalidArgumentError.
    def __setattr__(self, name: str, value: Any) -> None:
        # validate_assignment: a rejected value (a stream key) stays out of every rendering.
        try:
            super().__setattr__(name, value)
        except pydantic.ValidationError as exc:
            raise InvalidArgumentError.from_validation_error(exc) from None

    @property
    def request_id(self) -> str | None:
        """The X-Request-Id of the response this result came from (None for models built locally)."""
        return self._request_id

    def __repr_args__(self) -> Any:
        # Fields whose schema carries `x-secret: true` arrive here as json_schema_extra={"secret": True}.
        for name, value in super().__repr_args__():
            if name is not None and is_secret_field(type(self), name) and value is not None:
                yield name, SECRET_MASK
            else:
                yield name, value


class EmptyResult(BaseModel):
    """The result of an operation whose success response has no body: only its request id."""


def is_secret_field(model: type[pydantic.BaseModel], name: str) -> bool:
    """Whether the spec marks the field `name` of `model` as a secret (`x-secret: true`)."""
    field = model.model_fields.get(name)
    if field is None:
        return False
    extra = field.json_schema_extra
    return isinstance(extra, dict) and extra.get("secret") is True


def field_value(model: pydantic.BaseModel, wire_name: str) -> Any:
    """The value of the field the spec calls `wire_name` (its alias, when the Python name differs);
    an extra field of that name otherwise; None when there is neither."""
    for name, field in type(model).model_fields.items():
        if (field.alias or name) == wire_name:
            return model.__dict__.get(name)
    return (model.model_extra or {}).get(wire_name)
