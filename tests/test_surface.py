"""specreview.surface reads the generated package's public surface and reports what changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from specreview.surface import (
    NO_CHANGE,
    Surface,
    SurfaceChange,
    diff_surfaces,
    public_surface,
    render_surface_markdown,
)
from tests.conftest import GENERATED

PACKAGE = GENERATED / "metastudio"


@pytest.fixture(scope="module")
def current() -> Surface:
    return public_surface(PACKAGE)


def copy_package(tmp_path: Path) -> Path:
    target = tmp_path / "metastudio"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_package(root: Path, source: str) -> Path:
    package = root / "pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(source, encoding="utf-8")
    return package


def test_the_generated_package_has_its_clients_models_and_resource_methods(
    current: Surface,
) -> None:
    exported = current.module("metastudio").names
    assert {"Client", "AsyncClient", "VideoConfig", "parse_live_event_callback"} <= set(exported)
    client = current.module("metastudio._client").cls("Client")
    assert client.bases == ("SyncAPIClient",)
    assert client.field("smart_live").annotation == "SmartLive"
    init = client.method("__init__")
    assert {p.name for p in init.parameters} >= {"ak", "sk", "token", "project_id"}
    assert current.module("metastudio._client").cls("AsyncClient").bases == ("AsyncAPIClient",)

    bitrate = current.module("metastudio.models").cls("VideoConfig").field("bitrate")
    assert bitrate.annotation == "Annotated[int, Field(ge=40, le=30000)]"
    assert not bitrate.optional
    assert current.module("metastudio.models").cls("VideoConfig").field("codec").optional

    resources = current.module("metastudio.resources.smart_live")
    start = resources.cls("SmartLive").method("start")
    kinds = {p.name: p.kind for p in start.parameters}
    assert kinds["room_id"] == "positional"
    assert kinds["video_config"] == "keyword-only"
    assert start.returns == "StartSmartLiveResponse"
    assert start.signature.startswith("def start(self, room_id: str, *, video_config: ")
    assert resources.cls("AsyncSmartLive").method("start").is_async


def test_private_and_dunder_methods_are_left_out(current: Surface) -> None:
    api_client = current.module("metastudio._base_client").cls("SyncAPIClient")
    assert [m.name for m in api_client.methods] == ["__init__", "close", "request", "request_as"]
    assert "__enter__" not in [
        m.name for m in current.module("metastudio._client").cls("Client").methods
    ]


def test_identical_trees_have_no_change(tmp_path: Path, current: Surface) -> None:
    assert diff_surfaces(current, current) == []
    assert diff_surfaces(current, public_surface(copy_package(tmp_path))) == []
    assert render_surface_markdown([]) == NO_CHANGE + "\n"


def test_edits_on_disk_are_reported_exactly(tmp_path: Path, current: Surface) -> None:
    package = copy_package(tmp_path)
    models = package / "models.py"
    edit(models, '    codec: Literal["H264", "VP8", "QTRLE"] | None = None\n', "")
    edit(
        models,
        "    bitrate: Annotated[int, Field(ge=40, le=30000)]\n",
        "    bitrate: Annotated[int | None, Field(ge=40, le=30000)] = None\n",
    )
    with models.open("a", encoding="utf-8") as out:
        out.write("\n\nclass NewThing(BaseModel):\n    name: str | None = None\n")
    # A new argument of SmartLive.start: its first `timeout:` after `    def start(` (the sync
    # class comes first).
    resource = package / "resources" / "smart_live.py"
    text = resource.read_text(encoding="utf-8")
    start = text.index("    def start(")
    timeout = text.index("        timeout: Timeout | NotGiven = NOT_GIVEN,\n", start)
    resource.write_text(
        text[:timeout] + "        trace_id: str | None = None,\n" + text[timeout:], encoding="utf-8"
    )

    changes = diff_surfaces(current, public_surface(package))

    assert [(c.kind, c.location, c.breaking) for c in changes] == [
        ("class-added", "metastudio.models.NewThing", False),
        ("field-became-optional", "metastudio.models.VideoConfig.bitrate", True),
        ("field-removed", "metastudio.models.VideoConfig.codec", True),
        ("method-signature-changed", "metastudio.resources.smart_live.SmartLive.start", False),
    ]
    added, optional, removed, signature = changes
    assert added.new == "class NewThing(BaseModel)"
    assert (optional.old, optional.new) == (
        "Annotated[int, Field(ge=40, le=30000)]",
        "Annotated[int | None, Field(ge=40, le=30000)] = None",
    )
    assert removed == SurfaceChange(
        "field-removed",
        "metastudio.models.VideoConfig.codec",
        "Literal['H264', 'VP8', 'QTRLE'] | None = None",
        "",
        True,
    )
    assert "trace_id" not in signature.old
    assert "trace_id: str | None = None, timeout: Timeout | NotGiven" in signature.new


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("def f(a: int) -> int: ...", "def f(a: int, b: int) -> int: ...", True),
        ("def f(a: int) -> int: ...", "def f(a: int, b: int = 0) -> int: ...", False),
        ("def f(a: int) -> int: ...", "def f(b: int = 0, a: int = 1) -> int: ...", True),
        ("def f(a: int) -> int: ...", "def f(a: int) -> str: ...", True),
        ("def f(a: int, *, b: int = 0) -> None: ...", "def f(a: int) -> None: ...", True),
    ],
)
def test_a_signature_change_is_breaking_unless_it_only_adds_optional_parameters(
    tmp_path: Path, old: str, new: str, expected: bool
) -> None:
    before = public_surface(write_package(tmp_path / "old", old + "\n"))
    after = public_surface(write_package(tmp_path / "new", new + "\n"))
    (change,) = diff_surfaces(before, after)
    assert (change.kind, change.location, change.breaking) == (
        "function-signature-changed",
        "pkg.f",
        expected,
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("x: int = 0", "x: int = 0\ny: int", ("field-added", True)),
        ("x: int = 0", "x: int = 0\ny: int = 1", ("field-added", False)),
        ("x: int", "x: int = 0", ("field-became-optional", False)),
        ("x: int = 0", "x: int", ("field-became-required", True)),
        ("x: int = 0", "x: str = ''", ("field-annotation-changed", True)),
        ("x: int = Field(...)", "x: int = Field(default=1)", ("field-became-optional", False)),
        ("x: int = 0\ndef m(self) -> None: ...", "x: int = 0", ("method-removed", True)),
    ],
)
def test_field_and_method_changes(
    tmp_path: Path, old: str, new: str, expected: tuple[str, bool]
) -> None:
    def package(root: Path, body: str) -> Surface:
        indented = "".join(f"    {line}\n" for line in body.splitlines())
        return public_surface(write_package(root, f"class Model(Base):\n{indented}"))

    (change,) = diff_surfaces(package(tmp_path / "old", old), package(tmp_path / "new", new))
    assert (change.kind, change.breaking) == expected
    assert change.location.startswith("pkg.Model.")


def test_public_names_follow_all_and_private_names_are_ignored(tmp_path: Path) -> None:
    source = "from os import path\n__all__ = ['f']\n__all__ += ['C']\n\ndef f() -> None: ...\n"
    source += "def g() -> None: ...\nclass C: ...\nclass _D: ...\n"
    module = public_surface(write_package(tmp_path, source)).module("pkg")
    assert module.names == ("C", "f")
    assert [c.name for c in module.classes] == ["C"]
    assert [f.name for f in module.functions] == ["f"]
    without_all = public_surface(write_package(tmp_path / "b", "import os\nX = 1\n_y = 2\n"))
    assert without_all.module("pkg").names == ("X",)


def test_the_package_is_parsed_never_run(tmp_path: Path) -> None:
    package = write_package(tmp_path, "raise SystemExit('imported')\nclass C: ...\n")
    assert [c.name for c in public_surface(package).module("pkg").classes] == ["C"]


def test_modules_added_and_removed(tmp_path: Path) -> None:
    package = write_package(tmp_path, "")
    before = public_surface(package)
    (package / "extra.py").write_text("def f() -> None: ...\n", encoding="utf-8")
    after = public_surface(package)
    assert diff_surfaces(before, after) == [
        SurfaceChange("module-added", "pkg.extra", "", "f", False)
    ]
    assert diff_surfaces(after, before) == [
        SurfaceChange("module-removed", "pkg.extra", "f", "", True)
    ]


def test_the_markdown_table_escapes_pipes_and_lists_breaking_changes_first() -> None:
    changes = [
        SurfaceChange("field-added", "m.A.x", "", "int | None = None", False),
        SurfaceChange("field-removed", "m.B.y", "int | None = None", "", True),
    ]
    markdown = render_surface_markdown(changes)
    lines = markdown.splitlines()
    assert lines[0] == "2 change(s) to the public surface, 1 breaking."
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| Change | Location | Old | New | Breaking |"
    assert table[2].startswith("| field-removed | `m.B.y` | `int \\| None = None` |")
    for row in table:
        assert len(re.split(r"(?<!\\)\|", row)) == 7, row
