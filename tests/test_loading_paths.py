"""The libyaml fast path and PyYAML's Python path read every spec alike: data, lines and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccore import loading
from speccore.diagnostics import SpecError
from tests.conftest import ROOT

SPECS = sorted(
    [ROOT / "openapi" / "metastudio-smart-live.yaml", ROOT / "tests/feature_coverage/openapi.yaml"]
    + list((ROOT / "tests" / "corpus").glob("*.yaml"))
    + list((ROOT / "tests" / "corpus").glob("*.json"))
    + list((ROOT / "tests" / "broken_specs").glob("*.yaml"))
)
AWKWARD = {
    "anchors": b"openapi: 3.0.3\nx-a: &a {k: [1, 2]}\nx-b: *a\nx-c: {<<: *a, j: 2}\n",
    "bare status": b"paths:\n  /a:\n    get:\n      responses:\n        200: {description: x}\n",
    "duplicate": b"a: 1\na: 2\n",
    "date": b"a: 2025-06-17\n",
    "bad indent": b"a:\n  b: 1\n c: 2\n",
    "unclosed": b"a: [1, 2\nb: 3\n",
    "tab": b"a:\n\tb: 1\n",
    "empty": b"",
    "scalar": b"just text\n",
    "deep": b"a: " + b"[" * 300 + b"]" * 300 + b"\n",
    "very deep": b"a: " + b"[" * 200_000 + b"]" * 200_000 + b"\n",
}


def read(raw: bytes, path: Path) -> object:
    try:
        document = loading.parse_spec(raw, path)
    except SpecError as exc:
        return ("error", [(d.pointer, d.message, d.rule, d.line) for d in exc.diagnostics])
    return (document.data, document.lines, document.findings)


def read_by_python(raw: bytes, path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patched:
        patched.setattr(loading, "_compose_fast", lambda text: None)
        return read(raw, path)


@pytest.mark.parametrize("spec", SPECS, ids=[p.name for p in SPECS])
def test_every_committed_spec_reads_alike(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = spec.read_bytes()
    assert read(raw, spec) == read_by_python(raw, spec, monkeypatch)


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_awkward_yaml_reads_alike(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(f"{name}.yaml")
    assert read(AWKWARD[name], path) == read_by_python(AWKWARD[name], path, monkeypatch)


def test_the_fast_path_is_taken_for_a_real_spec_and_not_for_a_deep_one() -> None:
    spec = (ROOT / "openapi" / "metastudio-smart-live.yaml").read_text(encoding="utf-8")
    assert loading._compose_fast(spec) is not None
    # libyaml's composer recurses in C: this depth would crash the process there.
    assert loading._compose_fast(AWKWARD["very deep"].decode()) is None
