"""The import rules of ARCHITECTURE.md, read from the code's imports (never executed)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("speccore", "sdkbuild", "specreview", "generator", "mockserver", "fuzz", "benchmarks")
# package → the packages of ours it must never import.
FORBIDDEN = {
    "speccore": {"sdkbuild", "specreview", "generator", "mockserver", "fuzz", "benchmarks"},
    "sdkbuild": {"specreview", "generator", "mockserver", "fuzz", "benchmarks"},
    "specreview": {"sdkbuild", "generator", "mockserver", "fuzz", "benchmarks"},
    "mockserver": {"sdkbuild", "specreview", "generator", "fuzz", "benchmarks"},
    "fuzz": {"sdkbuild", "specreview", "generator", "benchmarks"},
}


def _imports(package: str) -> list[tuple[str, int, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            line = getattr(node, "lineno", 0)
            found += [(str(path.relative_to(ROOT)), line, n) for n in names]
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_its_layer_may(package: str) -> None:
    wrong = [
        f"{file}:{line} imports {name}"
        for file, line, name in _imports(package)
        if name.split(".")[0] in FORBIDDEN[package]
    ]
    assert not wrong, wrong


def test_the_rule_sees_a_violation(tmp_path: Path) -> None:
    # The reader must see a planted import, or the rules above would pass vacuously.
    assert any(name == "speccore.model" for _, _, name in _imports("sdkbuild"))
    assert any(name.startswith("metastudio") for _, _, name in _imports("mockserver"))


def test_the_sdk_runtime_never_imports_the_pipeline() -> None:
    runtime = ROOT / "templates" / "runtime"
    for path in sorted(runtime.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                assert node.module.split(".")[0] not in OURS, (path.name, node.module)


def test_every_module_has_a_one_line_docstring() -> None:
    missing = []
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            if not doc:
                missing.append(str(path.relative_to(ROOT)))
    assert not missing, missing
