"""The command lines refuse what they cannot do, at parse time, and say their version."""

from __future__ import annotations

import subprocess
from importlib import metadata

import pytest

from tests.conftest import RunCli, run_module


def _mock(*args: str) -> subprocess.CompletedProcess[str]:
    return run_module("mockserver", *args)


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_the_mock_refuses_a_port_out_of_range(port: str) -> None:
    # Once a defect: --port 99999 was accepted and the mock listened on another port.
    result = _mock("--port", port)
    assert result.returncode == 2
    assert "--port" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["doc-diff", "openapi/doc/start-smart-live.zh.txt"]])
def test_format_is_a_choice(run_cli: RunCli, command: list[str]) -> None:
    result = run_cli(*command, "--format", "yaml")
    assert result.returncode == 2
    assert "'markdown'" in result.stderr and "'json'" in result.stderr


def test_the_diff_format_is_a_choice_too(run_cli: RunCli) -> None:
    spec = "openapi/metastudio-smart-live.yaml"
    result = run_cli("diff", spec, spec, "--format", "xml")
    assert result.returncode == 2 and "'json'" in result.stderr


def test_both_command_lines_say_their_version(run_cli: RunCli) -> None:
    version = metadata.version("metastudio-pipeline")
    assert run_cli("--version").stdout.strip() == f"generator {version}"
    assert _mock("--version").stdout.strip() == f"mockserver {version}"


@pytest.mark.parametrize(
    "command",
    [
        ["benchmarks", "--connections", "0"],
        ["benchmarks", "--seconds", "99999"],
        ["benchmarks.load", "--seconds", "0"],
        ["benchmarks.load", "--connections", "100000"],
    ],
)
def test_the_benchmark_tools_bound_their_options(command: list[str]) -> None:
    # Once argparse with free numbers; now typer like every other command line, every loop bounded.
    result = run_module(*command)
    assert result.returncode == 2 and "Invalid value" in result.stderr, result.stderr
