"""The review's gates, by name: what `generator review --fail-on` can fail on (imports nothing)."""

from __future__ import annotations

GATES = ("breaking", "drift", "stale", "lint")
"""What a review can fail on: unwaived breaking spec changes, doc drift, stale x-doc decisions,
lint errors."""
