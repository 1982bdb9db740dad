"""Hostile YAML is refused with a located diagnostic, before it can cost memory or time."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccore import loading
from speccore.diagnostics import SpecError
from speccore.loading import load_spec, parse_spec
from tests.conftest import RunCli


def _alias_bomb() -> str:
    # 10 levels of 10 aliases each: 10^10 strings once expanded, in well under 1 KiB of YAML.
    lines = ["openapi: 3.0.3", 'info: {title: bomb, version: "1"}', "paths: {}"]
    lines.append("x-a0: &a0 [" + ",".join(['"lol"'] * 10) + "]")
    lines += [f"x-a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["validate", "generate"])
def test_an_alias_bomb_is_refused(run_cli: RunCli, tmp_path: Path, command: str) -> None:
    # Once a defect: 48 KB of nested aliases took 2 GB in 40 s and never finished.
    spec = tmp_path / "bomb.yaml"
    spec.write_text(_alias_bomb())
    args = ["--output", str(tmp_path / "out")] if command == "generate" else []
    result = run_cli(command, "--spec", str(spec), "--lint", "openapi", *args)
    assert result.returncode == 2
    assert "error [size]" in result.stderr and "through aliases" in result.stderr
    assert f"{spec}:" in result.stderr  # located
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_aliases_within_the_bound_still_load(tmp_path: Path) -> None:
    spec = tmp_path / "anchors.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n'
        "x-shared: &shared {type: string}\nx-use: [*shared, *shared]\n"
    )
    assert load_spec(spec).data["x-use"] == [{"type": "string"}] * 2


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "deep.yaml"
    spec.write_text('openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx: ' + "[" * 300)
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    assert caught.value.diagnostics[0].rule in ("size", "yaml")


def test_deep_but_valid_nesting_is_refused_by_the_walk(tmp_path: Path) -> None:
    spec = tmp_path / "deep.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx: '
        + "[" * 300
        + "]" * 300
        + "\n"
    )
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.rule == "size" and "levels deep" in diagnostic.message


def test_a_file_over_the_size_bound_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_BYTES", 100)
    with pytest.raises(SpecError) as caught:
        parse_spec(b"openapi: 3.0.3\n" + b"#" * 200, Path("big.yaml"))
    assert caught.value.diagnostics[0].rule == "size"
