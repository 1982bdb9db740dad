"""The dependencies are what the code uses, pinned, and locked with everything they bring."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME_PACKAGES = ("speccore", "sdkbuild", "specreview", "generator", "mockserver")
# Fuzzing, benchmarks and tests may use the dev tools (schemathesis, the official SDK...) too.
DEV_PACKAGES = ("fuzz", "benchmarks", "tests")
# Declared but not imported by name, each for a reason: run as `python -m`
# (datamodel-code-generator, ruff); used through uvicorn (its httptools protocol, which
# mockserver/protocol.py subclasses, and uvloop, its loop when installed); the SDK's models
# (pydantic, which the mock imports through metastudio).
NOT_IMPORTED = {"datamodel-code-generator", "ruff", "httptools", "uvloop", "pydantic"}
# Code that runs in another environment: the openapi-core peer, in its own venv (benchmarks).
ELSEWHERE = {ROOT / "benchmarks" / "openapi_core_peer.py"}


def _name(requirement: str) -> str:
    return _canonical(re.split(r"[=<>!~\[; ]", requirement, maxsplit=1)[0])


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(requirements: list[str]) -> dict[str, str]:
    return {_name(r): r.split("==", 1)[1].strip() for r in requirements if "==" in r}


def _lock() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {
        _canonical(m.group(1)): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==(\S+)", text, re.MULTILINE)
    }


def _third_party_imports(packages: tuple[str, ...]) -> dict[str, str]:
    """Top-level module → a file that imports it, for modules outside the stdlib and ours."""
    ours = {*RUNTIME_PACKAGES, *DEV_PACKAGES, "metastudio"}
    found: dict[str, str] = {}
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.is_relative_to(ROOT / "tests" / "feature_coverage") or path in ELSEWHERE:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                for name in names:
                    top = name.split(".")[0]
                    if top not in ours and top not in sys.stdlib_module_names:
                        found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_direct_dependency_is_pinned_and_locked_at_that_version() -> None:
    project = PYPROJECT["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    assert all("==" in r for r in declared), [r for r in declared if "==" not in r]
    lock = _lock()
    wrong = {n: (v, lock.get(n)) for n, v in _pins(declared).items() if lock.get(n) != v}
    assert not wrong, f"requirements.lock disagrees with pyproject.toml (run make lock): {wrong}"


def test_the_environment_is_the_lock() -> None:
    # Once a defect: only direct tools were pinned; a transitive release could change the bytes.
    installed = {_canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differ = {n: (v, installed.get(n)) for n, v in _lock().items() if installed.get(n) != v}
    assert not differ, f"the venv is not requirements.lock (run make bootstrap): {differ}"


def test_every_runtime_import_is_a_declared_runtime_dependency() -> None:
    # Once a defect: openapi_schema_validator was imported but not declared.
    declared = set(_pins(PYPROJECT["project"]["dependencies"]))
    providers = metadata.packages_distributions()
    undeclared = {
        module: where
        for module, where in _third_party_imports(RUNTIME_PACKAGES).items()
        if not {_canonical(d) for d in providers.get(module, [module])} & declared
    }
    assert not undeclared, undeclared


def test_every_dev_import_is_declared() -> None:
    project = PYPROJECT["project"]
    declared = set(_pins(project["dependencies"] + project["optional-dependencies"]["dev"]))
    providers = metadata.packages_distributions()
    undeclared = {
        module: where
        for module, where in _third_party_imports(DEV_PACKAGES).items()
        if not {_canonical(d) for d in providers.get(module, [module])} & declared
    }
    assert not undeclared, undeclared


def test_every_runtime_dependency_is_used() -> None:
    # Once a defect: rich was pinned and never imported.
    providers = metadata.packages_distributions()
    imported = {
        _canonical(dist)
        for module in _third_party_imports(RUNTIME_PACKAGES)
        for dist in providers.get(module, [])
    }
    unused = set(_pins(PYPROJECT["project"]["dependencies"])) - imported - NOT_IMPORTED
    assert not unused, unused


def test_one_distribution_ships_the_sdk_package() -> None:
    # Once a defect: the pipeline's distribution shipped `metastudio` too, beside metastudio-sdk.
    assert metadata.packages_distributions()["metastudio"] == ["metastudio-sdk"]
    include = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not any(pattern.startswith("metastudio") for pattern in include)
