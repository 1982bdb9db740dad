"""The build cache: a hit gives the bytes a fresh run would, a damaged entry is a miss, it is bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sdkbuild import cache, generation
from sdkbuild.checking import compare_trees
from sdkbuild.generation import build
from tests.conftest import GENERATED, SPEC


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache, "CACHE", folder)
    monkeypatch.delenv(cache.DISABLE, raising=False)
    return folder


def counting_codegen(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    real = generation.datamodel_codegen

    def counted(arguments: list[str]) -> object:
        calls.append(arguments)
        return real(arguments)

    monkeypatch.setattr(generation, "datamodel_codegen", counted)
    return calls


def test_a_cached_generation_is_the_committed_tree_and_skips_datamodel_codegen(
    tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_codegen(monkeypatch)
    build(SPEC, tmp_path / "cold")
    build(SPEC, tmp_path / "warm")
    assert len(calls) == 1
    assert not compare_trees(GENERATED, tmp_path / "cold")
    assert not compare_trees(GENERATED, tmp_path / "warm")
    assert len(list((empty_cache / "models").glob("*.json"))) == 1
    assert list((empty_cache / "jinja").iterdir())  # Jinja's compiled templates


def test_a_damaged_entry_is_a_miss(
    tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(SPEC, tmp_path / "first")
    (entry,) = (empty_cache / "models").glob("*.json")
    stored = json.loads(entry.read_text())
    stored["text"] = stored["text"].replace("class ", "class Evil", 1)
    entry.write_text(json.dumps(stored))
    calls = counting_codegen(monkeypatch)
    build(SPEC, tmp_path / "second")
    assert len(calls) == 1
    assert not compare_trees(GENERATED, tmp_path / "second")


def test_another_package_name_is_another_entry(
    tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_codegen(monkeypatch)
    build(SPEC, tmp_path / "a")
    build(SPEC, tmp_path / "b", generation.Options(package="other_name"))
    assert len(calls) == 2
    assert "other_name._base_model" in (tmp_path / "b" / "other_name" / "models.py").read_text()


def test_turned_off_it_reads_and_writes_nothing(
    tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DISABLE, "1")
    calls = counting_codegen(monkeypatch)
    build(SPEC, tmp_path / "a")
    build(SPEC, tmp_path / "b")
    assert len(calls) == 2
    assert not empty_cache.exists()


def test_it_keeps_the_newest_entries_only(empty_cache: Path) -> None:
    for n in range(cache.ENTRIES + 5):
        cache.write("things", cache.key(str(n)), f"text {n}")
    assert len(list((empty_cache / "things").glob("*.json"))) == cache.ENTRIES
    assert cache.read("things", cache.key(str(cache.ENTRIES + 4))) == f"text {cache.ENTRIES + 4}"
    assert not list((empty_cache / "things").glob("*.tmp"))


def test_keys_of_different_parts_never_collide() -> None:
    assert cache.key("ab", "c") != cache.key("a", "bc")
    assert cache.key("a") != cache.key("a", "")
