"""Small shared types: the NOT_GIVEN sentinel and the timeout a caller may pass."""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

import httpx

__all__ = ["NOT_GIVEN", "NotGiven", "Timeout"]


class NotGiven:
    """Marks an argument the caller did not pass, where None would mean something (no timeout)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

Timeout: TypeAlias = float | httpx.Timeout | None
"""Seconds, an httpx.Timeout, or None for no timeout at all."""
