# Generated from tests/feature_coverage/openapi.yaml by generator. Do not edit: run "make generate".
"""Helpers for the callbacks the service sends to you: verify the signature, parse, decode the message."""

from __future__ import annotations

from .models import (
    Event,
)

__all__ = [
    "parse_on_event_callback",
]


def parse_on_event_callback(body: bytes | str) -> Event:
    """Parse and validate the body of a onEventCallback: {$request.body#/eventUrl}"""
    return Event.model_validate_json(body)
