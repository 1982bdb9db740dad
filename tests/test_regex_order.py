"""Regex containment for the spec diff: exact on the regular subset, None beyond it."""

from __future__ import annotations

import pytest

from specreview.regex_order import admits_all


@pytest.mark.parametrize(
    ("wider", "narrower", "expected"),
    [
        ("^[a-z]{1,20}$", "^[a-z]{1,10}$", True),
        ("^[a-z]{1,10}$", "^[a-z]{1,20}$", False),
        ("^[A-Za-z0-9]+$", "^[a-z]+$", True),
        ("^\\d{8}T\\d{6}Z$", "^[0-9]{8}T[0-9]{6}Z$", True),  # JSON Schema's \\d is [0-9]
        ("abc", "^abc$", True),  # unanchored: found anywhere
        ("^abc$", "abc", False),
        ("^(a|b)*$", "^a*$", True),
        ("^[^\\u4e00-\\u9fa5]*$", "^[ -~]*$", True),  # "no Chinese" admits printable ASCII
        ("^[ -~]*$", "^[^\\u4e00-\\u9fa5]*$", False),
        ("^a.c$", "^a[bx]c$", True),
        ("^a.c$", "^a\\nc$", False),  # `.` is no newline
        ("^(?=a)b$", "^b$", None),  # a lookahead: not decided
        ("^(a)\\1$", "^aa$", None),  # a back reference: not decided
        ("^[a-z$", "^a$", None),  # not a regex
    ],
)
def test_admits_all(wider: str, narrower: str, expected: bool | None) -> None:
    assert admits_all(wider, narrower) is expected
