"""Functional tests of `generator generate` and `generator check`: spec in, tree out."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from sdkbuild import cache, generation
from sdkbuild.checking import compare_trees
from sdkbuild.generation import GenerationError, build, generate, provenance, runtime_header
from sdkbuild.paths import RUNTIME
from tests.conftest import GENERATED, ROOT, SPEC, RunCli


def tree_digest(tree: Path) -> dict[str, str]:
    """Path → sha256 of every file under `tree`."""
    return {
        p.relative_to(tree).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(tree.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_committed_output_matches_a_fresh_generation(tmp_path: Path) -> None:
    build(SPEC, tmp_path / "out")
    diff = compare_trees(GENERATED, tmp_path / "out")
    assert diff == "", f"generated/ is stale; fix: make generate\n{diff}"


def test_generation_is_byte_identical_across_hash_seeds(tmp_path: Path, run_cli: RunCli) -> None:
    digests = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"seed-{seed}"
        # Every step runs under each seed: nothing is taken from the build cache.
        env = {**os.environ, "PYTHONHASHSEED": seed, cache.DISABLE: "1"}
        result = run_cli("generate", "--output", str(out), env=env)
        assert result.returncode == 0, result.stderr
        digests.append(tree_digest(out))
    assert digests[0] == digests[1] == digests[2]
    assert len(digests[0]) >= 10


def test_check_passes_on_the_committed_tree(run_cli: RunCli) -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stderr


@pytest.mark.parametrize("change", ["edit", "delete", "add"])
def test_check_fails_on_a_stale_tree_and_prints_the_fix(
    tmp_path: Path, run_cli: RunCli, change: str
) -> None:
    stale = tmp_path / "generated"
    shutil.copytree(GENERATED, stale, ignore=shutil.ignore_patterns("__pycache__"))
    target = stale / "metastudio" / "_client.py"
    if change == "edit":
        target.write_text(target.read_text() + "# hand edit\n")
    elif change == "delete":
        target.unlink()
    else:
        (stale / "metastudio" / "extra.py").write_text("x = 1\n")
    result = run_cli("check", "--output", str(stale))
    assert result.returncode == 1
    assert "Fix: make generate" in result.stderr
    # The diff shows what `make generate` would do: drop the hand edit, restore the file, drop the extra.
    expected = {"edit": "-# hand edit", "delete": "+class Client(", "add": "-x = 1"}[change]
    assert expected in result.stdout


def test_a_failing_step_leaves_the_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "generated"
    shutil.copytree(GENERATED, output, ignore=shutil.ignore_patterns("__pycache__"))
    before = tree_digest(output)

    def broken_formatter(tree: Path) -> None:
        raise GenerationError("ruff format failed on the output")

    monkeypatch.setattr(generation, "_ruff", broken_formatter)
    with pytest.raises(GenerationError):
        generate(SPEC, output)
    assert tree_digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


@pytest.mark.parametrize("how", ["exit status", "argparse exit"])
def test_a_failing_datamodel_codegen_is_named_with_its_message_and_cwd_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    # datamodel-codegen runs in this process: its failure must still be a GenerationError with
    # what it printed, and leave the working directory as it was.
    def failing(arguments: list[str]) -> int:
        print("error: something in the models document", file=sys.stderr)
        if how == "argparse exit":
            raise SystemExit(2)
        return 1

    monkeypatch.setattr(generation, "datamodel_codegen", failing)
    monkeypatch.setenv(cache.DISABLE, "1")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GenerationError, match="something in the models document"):
        build(SPEC, tmp_path / "out")
    assert Path.cwd() == tmp_path


def test_datamodel_codegens_warnings_are_its_output_not_the_callers_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pytest turns warnings into errors; in its own process datamodel-codegen's warnings were
    # only printed. In this one they must still be: a warning never fails a generation.
    import warnings

    real = generation.datamodel_codegen

    def warning(arguments: list[str]) -> object:
        warnings.warn("format of 'uriref' not understood for 'string'", UserWarning, stacklevel=1)
        return real(arguments)

    monkeypatch.setattr(generation, "datamodel_codegen", warning)
    monkeypatch.setenv(cache.DISABLE, "1")
    build(SPEC, tmp_path / "out")
    assert not compare_trees(GENERATED, tmp_path / "out")


def test_generation_failure_in_the_cli_exits_1_without_traceback(
    tmp_path: Path, run_cli: RunCli
) -> None:
    # A spec that passes validation but names a body schema datamodel-codegen cannot turn into a
    # class is hard to build; an unwritable output parent is a real, reachable step failure.
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    result = run_cli("generate", "--output", str(blocked / "generated"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout


def test_every_generated_text_file_starts_with_the_provenance_line() -> None:
    line = provenance(SPEC)
    assert line.startswith("# Generated from openapi/metastudio-smart-live.yaml by generator.")
    runtime = {p.name for p in RUNTIME.glob("*.py")}
    for path in sorted(GENERATED.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            first = path.read_text().splitlines()[0]
            if path.parent.name == "metastudio" and path.name in runtime:
                # A runtime module names its real source, not the spec it never depends on.
                assert first == runtime_header(f"templates/runtime/{path.name}"), path
            else:
                assert first == line, path


def test_models_carry_one_header_not_two() -> None:
    head = (GENERATED / "metastudio" / "models.py").read_text().splitlines()[:4]
    assert head[0] == provenance(SPEC)
    assert not any("datamodel-codegen" in text for text in head), head


def test_manifest_records_spec_hash_tool_versions_and_files() -> None:
    manifest = json.loads((GENERATED / "manifest.json").read_text())
    assert manifest["spec"] == "openapi/metastudio-smart-live.yaml"
    assert manifest["spec_sha256"] == hashlib.sha256(SPEC.read_bytes()).hexdigest()
    files = tree_digest(GENERATED)
    files.pop("manifest.json")
    assert manifest["files"] == files
    pinned = {
        requirement.split("==")[0].lower(): requirement.split("==")[1]
        for requirement in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
            "dependencies"
        ]
    }
    for tool, version in manifest["tools"].items():
        assert pinned[tool] == version == metadata.version(tool), tool


def test_the_generated_package_builds_a_typed_wheel_with_two_dependencies(tmp_path: Path) -> None:
    # Build from a copy: setuptools writes build/ and *.egg-info into the source tree.
    source = tmp_path / "src"
    shutil.copytree(GENERATED, source, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--wheel-dir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("metastudio_sdk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (meta_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = archive.read(meta_name).decode()
    assert "metastudio/py.typed" in names
    sources = {
        p.relative_to(GENERATED).as_posix() for p in (GENERATED / "metastudio").rglob("*.py")
    }
    assert sources <= names
    requires = sorted(
        line.split(":", 1)[1].strip()
        for line in meta.splitlines()
        if line.startswith("Requires-Dist:")
    )
    assert [r.split(">")[0].split("<")[0] for r in requires] == ["httpx", "pydantic"]
    # The generated package must never import the official Huawei SDK.
    for module in sources:
        tree = ast.parse((GENERATED / module).read_text())
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        imported |= {
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        }
        assert not {name for name in imported if name.startswith("huaweicloudsdk")}, module


def test_generate_refuses_an_output_it_did_not_make(tmp_path: Path, run_cli: RunCli) -> None:
    # Once a defect: `generate --output DIR` deleted whatever DIR held (a user's notes.txt was
    # lost), and replaced a regular file by a directory.
    notes = tmp_path / "mine"
    notes.mkdir()
    (notes / "notes.txt").write_text("keep me")
    refused = run_cli("generate", "--output", str(notes))
    assert refused.returncode == 2
    assert "is not a previous output of the generator" in refused.stderr
    assert (notes / "notes.txt").read_text() == "keep me" and len(list(notes.iterdir())) == 1

    plain = tmp_path / "plain.txt"
    plain.write_text("a file")
    assert run_cli("generate", "--output", str(plain)).returncode == 2
    assert plain.read_text() == "a file"
    assert "Traceback" not in refused.stderr

    forced = run_cli("generate", "--output", str(notes), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (notes / "manifest.json").is_file() and not (notes / "notes.txt").exists()
    # A previous output (its manifest) or an empty directory is regenerated without --force.
    assert run_cli("generate", "--output", str(notes)).returncode == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("generate", "--output", str(empty)).returncode == 0


def test_a_no_op_generate_touches_no_file(tmp_path: Path, run_cli: RunCli) -> None:
    # Once a defect: regenerating an up-to-date tree rewrote every file (new inodes and mtimes).
    out = tmp_path / "out"
    assert run_cli("generate", "--output", str(out)).returncode == 0

    def stamps() -> dict[str, tuple[int, int]]:
        return {
            p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*"))
            if p.is_file()
        }

    before = stamps()
    assert run_cli("generate", "--output", str(out)).returncode == 0
    assert stamps() == before


def test_installing_the_sdk_from_its_folder_leaves_it_up_to_date(
    tmp_path: Path, run_cli: RunCli
) -> None:
    # Once a defect: `pip install ./generated` leaves build/ and *.egg-info in the folder, and
    # `generator check` then failed with a 2,000-line diff; only what the generator writes counts.
    source = tmp_path / "generated"
    shutil.copytree(GENERATED, source, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--target", str(tmp_path / "site"), str(source)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    assert (source / "build").is_dir() and list(source.glob("*.egg-info"))
    result = run_cli("check", "--output", str(source))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
