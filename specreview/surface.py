"""The public surface of a generated SDK package, read with `ast`, and what changed between two."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from speccore.text import markdown_code

POSITIONAL_KINDS = ("positional-only", "positional")
Definition = ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
NO_CHANGE = "No change to the public surface."


@dataclass(frozen=True)
class Parameter:
    """A parameter of a function or method; annotation and default are source text."""

    name: str
    kind: str
    """positional-only, positional, var-positional, keyword-only or var-keyword."""
    annotation: str | None
    default: str | None


@dataclass(frozen=True)
class Function:
    """A module-level function or a method."""

    name: str
    parameters: tuple[Parameter, ...]
    returns: str | None
    is_async: bool
    decorators: tuple[str, ...]

    @property
    def signature(self) -> str:
        """E.g. `def start(self, room_id: str, *, timeout: Timeout = NOT_GIVEN) -> Result`."""
        head = "".join(f"@{d} " for d in self.decorators) + (
            "async def " if self.is_async else "def "
        )
        returns = f" -> {self.returns}" if self.returns is not None else ""
        return f"{head}{self.name}({', '.join(_parameter_texts(self.parameters))}){returns}"


@dataclass(frozen=True)
class Field:
    """A class-level annotated name; `default` is source text, None when the field is required."""

    name: str
    annotation: str
    default: str | None

    @property
    def optional(self) -> bool:
        """Whether the field has a default, so that a caller may leave it out."""
        return self.default is not None

    @property
    def text(self) -> str:
        """E.g. `int | None = None`, or `int` for a required field."""
        return self.annotation + (f" = {self.default}" if self.default is not None else "")


@dataclass(frozen=True)
class ClassSurface:
    """A public class: bases, public methods (sorted by name), fields (in declaration order)."""

    name: str
    bases: tuple[str, ...]
    methods: tuple[Function, ...]
    fields: tuple[Field, ...]

    def method(self, name: str) -> Function:
        """The method called `name`; KeyError if the class has no such public method."""
        return _named(self.methods, name)

    def field(self, name: str) -> Field:
        """The field called `name`; KeyError if the class has no such field."""
        return _named(self.fields, name)


@dataclass(frozen=True)
class ModuleSurface:
    """One module's public names (sorted), and the classes and functions among them."""

    name: str
    names: tuple[str, ...]
    classes: tuple[ClassSurface, ...]
    functions: tuple[Function, ...]

    def cls(self, name: str) -> ClassSurface:
        """The public class called `name`; KeyError if the module defines none."""
        return _named(self.classes, name)

    def function(self, name: str) -> Function:
        """The public function called `name`; KeyError if the module defines none."""
        return _named(self.functions, name)


@dataclass(frozen=True)
class Surface:
    """The public surface of a package: its modules, sorted by dotted name."""

    package: str
    modules: tuple[ModuleSurface, ...]

    def module(self, name: str) -> ModuleSurface:
        """The module with dotted name `name` (e.g. metastudio.models); KeyError if absent."""
        return _named(self.modules, name)


@dataclass(frozen=True)
class SurfaceChange:
    """One change to the public surface, e.g. field-removed at metastudio.models.VideoConfig.dx."""

    kind: str
    location: str
    old: str
    new: str
    breaking: bool


def public_surface(package_dir: Path) -> Surface:
    """Parse every `.py` file under `package_dir` (never importing it) into its public surface.

    What counts as public, per module (`__init__.py` is the package's module, `resources/x.py`
    is `<package>.resources.x`):

    - Every module is read, private ones (`_client.py`) too: the package re-exports its classes
      from them (`Client` lives in `_client.py`, the methods it inherits in `_base_client.py`),
      so a change there is a change users see. Nothing is imported or executed: the base
      revision's code is only parsed.
    - A module's public names are its `__all__` when it declares one (a literal list or tuple of
      strings, `+=` included); otherwise every module-level name it defines (class, function,
      assignment) without a leading underscore. Imported names count only through `__all__`.
    - Classes and functions are those among the public names that the module defines itself. A
      class's bases are source text; its methods are the public ones plus `__init__` (other
      dunders and `_private` methods are ignored), with a readable signature; its fields are its
      class-level annotated names without a leading underscore (pydantic and dataclass fields,
      and attributes such as `Client.smart_live`).
    - Only the module body is read (not `if TYPE_CHECKING:` blocks); when a name is defined
      twice (an `@overload` and its implementation), the last definition wins, as at runtime.
    """
    package = package_dir.name
    modules = (
        _module_surface(_module_name(package, path.relative_to(package_dir)), path)
        for path in sorted(package_dir.rglob("*.py"))
        if "__pycache__" not in path.parts
    )
    return Surface(package, tuple(sorted(modules, key=lambda m: m.name)))


def _module_name(package: str, relative: Path) -> str:
    parts = [package, *relative.with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_surface(name: str, path: Path) -> ModuleSurface:
    tree = ast.parse(path.read_bytes(), filename=str(path))
    definitions = _definitions(tree)
    exported = _dunder_all(tree)
    names = exported if exported is not None else _defined_public_names(tree)
    public = {n: d for n, d in definitions.items() if n in names}
    return ModuleSurface(
        name=name,
        names=tuple(sorted(set(names))),
        classes=tuple(
            _class_surface(d) for _, d in sorted(public.items()) if isinstance(d, ast.ClassDef)
        ),
        functions=tuple(
            _function(d) for _, d in sorted(public.items()) if not isinstance(d, ast.ClassDef)
        ),
    )


def _definitions(tree: ast.Module) -> dict[str, Definition]:
    """The module body's classes and functions by name; a later definition replaces an earlier."""
    found: dict[str, Definition] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            found[node.name] = node
    return found


def _dunder_all(tree: ast.Module) -> list[str] | None:
    """The literal `__all__` of a module (assignments and `+=`), or None when it declares none."""
    names: list[str] | None = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(_is_name(t, "__all__") for t in node.targets):
            names = _string_list(node.value)
        elif isinstance(node, ast.AnnAssign) and _is_name(node.target, "__all__") and node.value:
            names = _string_list(node.value)
        elif isinstance(node, ast.AugAssign) and _is_name(node.target, "__all__"):
            names = (names or []) + _string_list(node.value)
    return names


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _string_list(node: ast.expr) -> list[str]:
    if not isinstance(node, ast.List | ast.Tuple):
        return []
    return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]


def _defined_public_names(tree: ast.Module) -> list[str]:
    return [name for name in _defined_names(tree) if not name.startswith("_")]


def _defined_names(tree: ast.Module) -> Iterator[str]:
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                yield from _target_names(target)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            yield from _target_names(node.target)


def _target_names(target: ast.expr) -> Iterator[str]:
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _target_names(element)


def _class_surface(node: ast.ClassDef) -> ClassSurface:
    methods: dict[str, Function] = {}
    fields: dict[str, Field] = {}
    for item in node.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            if item.name == "__init__" or not item.name.startswith("_"):
                methods[item.name] = _function(item)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            if not item.target.id.startswith("_"):
                fields[item.target.id] = _field(item.target.id, item)
    return ClassSurface(
        name=node.name,
        bases=tuple(ast.unparse(base) for base in node.bases)
        + tuple(ast.unparse(k) for k in node.keywords),
        methods=tuple(sorted(methods.values(), key=lambda m: m.name)),
        fields=tuple(fields.values()),
    )


def _field(name: str, node: ast.AnnAssign) -> Field:
    annotation = ast.unparse(node.annotation)
    if node.value is None:
        return Field(name, annotation, _annotated_default(node.annotation))
    return Field(name, annotation, _value_default(node.value))


def _value_default(value: ast.expr) -> str | None:
    """The default a class-level value gives a field; `Field()` or `field()` without one, none."""
    if _is_field_call(value):
        assert isinstance(value, ast.Call)
        return _field_call_default(value)
    return ast.unparse(value)


def _annotated_default(annotation: ast.expr) -> str | None:
    """The default of `Annotated[T, Field(default=...)]`, the one way to default with no value."""
    if not (isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Tuple)):
        return None
    if ast.unparse(annotation.value).rsplit(".", 1)[-1] != "Annotated":
        return None
    for meta in annotation.slice.elts[1:]:
        if isinstance(meta, ast.Call) and _is_field_call(meta):
            return _field_call_default(meta)
    return None


def _is_field_call(node: ast.expr) -> bool:
    """A call of pydantic's `Field` or dataclasses' `field` (the name only: nothing is imported)."""
    if not isinstance(node, ast.Call):
        return False
    return ast.unparse(node.func).rsplit(".", 1)[-1] in ("Field", "field")


def _field_call_default(call: ast.Call) -> str | None:
    """`Field(x)`, `default=x` or `default_factory=f` give a default; `Field(...)` gives none."""
    if call.args and not (isinstance(call.args[0], ast.Constant) and call.args[0].value is ...):
        return ast.unparse(call.args[0])
    for keyword in call.keywords:
        if keyword.arg in ("default", "default_factory"):
            return ast.unparse(keyword.value)
    return None


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Function:
    return Function(
        name=node.name,
        parameters=tuple(_parameters(node.args)),
        returns=ast.unparse(node.returns) if node.returns is not None else None,
        is_async=isinstance(node, ast.AsyncFunctionDef),
        decorators=tuple(ast.unparse(d) for d in node.decorator_list),
    )


def _parameters(args: ast.arguments) -> Iterator[Parameter]:
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults += args.defaults
    for i, arg in enumerate(positional):
        kind = "positional-only" if i < len(args.posonlyargs) else "positional"
        yield _parameter(arg, kind, defaults[i])
    if args.vararg is not None:
        yield _parameter(args.vararg, "var-positional", None)
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        yield _parameter(arg, "keyword-only", default)
    if args.kwarg is not None:
        yield _parameter(args.kwarg, "var-keyword", None)


def _parameter(arg: ast.arg, kind: str, default: ast.expr | None) -> Parameter:
    return Parameter(
        name=arg.arg,
        kind=kind,
        annotation=ast.unparse(arg.annotation) if arg.annotation is not None else None,
        default=ast.unparse(default) if default is not None else None,
    )


def _parameter_texts(parameters: tuple[Parameter, ...]) -> Iterator[str]:
    """Parameters as Python spells them, with `/` and a bare `*` where the kinds call for them."""
    starred = any(p.kind == "var-positional" for p in parameters)
    for i, p in enumerate(parameters):
        if p.kind == "keyword-only" and not starred:
            starred = True
            yield "*"
        yield _parameter_text(p)
        last_positional_only = i + 1 == len(parameters) or parameters[i + 1].kind != p.kind
        if p.kind == "positional-only" and last_positional_only:
            yield "/"


def _parameter_text(p: Parameter) -> str:
    text = {"var-positional": "*", "var-keyword": "**"}.get(p.kind, "") + p.name
    if p.annotation is not None:
        text += f": {p.annotation}"
    if p.default is not None:
        text += f" = {p.default}" if p.annotation is not None else f"={p.default}"
    return text


def diff_surfaces(old: Surface, new: Surface) -> list[SurfaceChange]:
    """Every change from `old` to `new`, sorted by location, then kind.

    Breaking: anything removed or changed, and an added required field; not breaking: anything
    else added, a method or function that only gained optional parameters (positional ones after
    the old positional ones), a field that gained a default and kept its annotation.
    """
    changes = [
        change
        for name, old_module, new_module in _matched(old.modules, new.modules)
        for change in _diff_module(name, old_module, new_module)
    ]
    return sorted(changes, key=lambda c: (c.location, c.kind))


class _Named(Protocol):
    @property
    def name(self) -> str: ...


NamedT = TypeVar("NamedT", bound=_Named)


def _matched(
    old: Iterable[NamedT], new: Iterable[NamedT]
) -> Iterator[tuple[str, NamedT | None, NamedT | None]]:
    """(name, old item, new item) for every name on either side, sorted by name."""
    olds = {item.name: item for item in old}
    news = {item.name: item for item in new}
    for name in sorted(olds.keys() | news.keys()):
        yield name, olds.get(name), news.get(name)


def _named(items: Iterable[NamedT], name: str) -> NamedT:
    for item in items:
        if item.name == name:
            return item
    raise KeyError(name)


def _added(kind: str, location: str, text: str, breaking: bool = False) -> SurfaceChange:
    return SurfaceChange(f"{kind}-added", location, "", text, breaking)


def _removed(kind: str, location: str, text: str) -> SurfaceChange:
    return SurfaceChange(f"{kind}-removed", location, text, "", True)


def _names_text(module: ModuleSurface) -> str:
    return ", ".join(module.names)


@dataclass(frozen=True)
class _Name:
    """A public module-level name that is neither a class nor a function of the module."""

    name: str


def _diff_module(
    location: str, old: ModuleSurface | None, new: ModuleSurface | None
) -> Iterator[SurfaceChange]:
    if old is None or new is None:
        if new is not None:
            yield _added("module", location, _names_text(new))
        elif old is not None:
            yield _removed("module", location, _names_text(old))
        return
    defined = {c.name for c in old.classes + new.classes}
    defined |= {f.name for f in old.functions + new.functions}
    old_names = [_Name(n) for n in old.names if n not in defined]
    new_names = [_Name(n) for n in new.names if n not in defined]
    for name, old_name, new_name in _matched(old_names, new_names):
        if new_name is None:
            yield _removed("name", f"{old.name}.{name}", name)
        elif old_name is None:
            yield _added("name", f"{old.name}.{name}", name)
    for name, old_class, new_class in _matched(old.classes, new.classes):
        yield from _diff_class(f"{old.name}.{name}", old_class, new_class)
    for name, old_function, new_function in _matched(old.functions, new.functions):
        yield from _diff_function("function", f"{old.name}.{name}", old_function, new_function)


def _diff_class(
    location: str, old: ClassSurface | None, new: ClassSurface | None
) -> Iterator[SurfaceChange]:
    if old is None or new is None:
        if new is not None:
            yield _added("class", location, _class_text(new))
        elif old is not None:
            yield _removed("class", location, _class_text(old))
        return
    if old.bases != new.bases:
        yield SurfaceChange(
            "class-bases-changed", location, _class_text(old), _class_text(new), True
        )
    for name, old_method, new_method in _matched(old.methods, new.methods):
        yield from _diff_function("method", f"{location}.{name}", old_method, new_method)
    for name, old_field, new_field in _matched(old.fields, new.fields):
        yield from _diff_field(f"{location}.{name}", old_field, new_field)


def _class_text(cls: ClassSurface) -> str:
    return f"class {cls.name}({', '.join(cls.bases)})" if cls.bases else f"class {cls.name}"


def _diff_function(
    kind: str, location: str, old: Function | None, new: Function | None
) -> Iterator[SurfaceChange]:
    if new is None:
        if old is not None:
            yield _removed(kind, location, old.signature)
    elif old is None:
        yield _added(kind, location, new.signature)
    elif old.signature != new.signature:
        yield SurfaceChange(
            f"{kind}-signature-changed",
            location,
            old.signature,
            new.signature,
            _breaks_calls(old, new),
        )


def _breaks_calls(old: Function, new: Function) -> bool:
    """Whether a call that worked with `old` may fail with `new`: all but added optional params."""
    if (old.returns, old.is_async, old.decorators) != (new.returns, new.is_async, new.decorators):
        return True
    kept = {p.name: p for p in new.parameters}
    if any(kept.get(p.name) != p for p in old.parameters):
        return True
    old_names = {p.name for p in old.parameters}
    added = [p for p in new.parameters if p.name not in old_names]
    if any(p.default is None and p.kind not in ("var-positional", "var-keyword") for p in added):
        return True
    old_order, new_order = _positional_names(old), _positional_names(new)
    return new_order[: len(old_order)] != old_order


def _positional_names(function: Function) -> list[str]:
    return [p.name for p in function.parameters if p.kind in POSITIONAL_KINDS]


def _diff_field(location: str, old: Field | None, new: Field | None) -> Iterator[SurfaceChange]:
    if new is None:
        if old is not None:
            yield _removed("field", location, old.text)
        return
    if old is None:
        yield _added("field", location, new.text, breaking=not new.optional)
        return
    if old.optional != new.optional:
        kind = "field-became-optional" if new.optional else "field-became-required"
        breaking = not new.optional or old.annotation != new.annotation
        yield SurfaceChange(kind, location, old.text, new.text, breaking)
    elif old.annotation != new.annotation:
        yield SurfaceChange("field-annotation-changed", location, old.text, new.text, True)
    elif old.default != new.default:
        yield SurfaceChange("field-default-changed", location, old.text, new.text, True)


def render_surface_markdown(changes: list[SurfaceChange]) -> str:
    """A Markdown section: a summary line and a table of changes, breaking ones first."""
    if not changes:
        return NO_CHANGE + "\n"
    breaking = sum(1 for c in changes if c.breaking)
    lines = [
        f"{len(changes)} change(s) to the public surface, {breaking} breaking.",
        "",
        "| Change | Location | Old | New | Breaking |",
        "|---|---|---|---|---|",
    ]
    ordered = sorted(changes, key=lambda c: (not c.breaking, c.location, c.kind))
    lines += [_row(c) for c in ordered]
    return "\n".join(lines) + "\n"


def _row(change: SurfaceChange) -> str:
    cells = [
        change.kind,
        markdown_code(change.location),
        markdown_code(change.old) if change.old else "",
        markdown_code(change.new) if change.new else "",
        "yes" if change.breaking else "no",
    ]
    return "| " + " | ".join(cells) + " |"
