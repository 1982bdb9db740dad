"""The one Jinja environment, its filters, and rendering of the spec-dependent SDK files."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jinja2

from sdkbuild import cache
from sdkbuild.ir import Api, Operation
from speccore.text import markdown_cell, markdown_code

# template (relative to templates/) → output path (relative to the generated root), per resource
# where the name holds {resource}.
PACKAGE_TEMPLATES = {
    "docs/API.md.jinja": "API.md",
    "package/__init__.py.jinja": "{package}/__init__.py",
    "package/_client.py.jinja": "{package}/_client.py",
    "package/callbacks.py.jinja": "{package}/callbacks.py",
    "package/resources/__init__.py.jinja": "{package}/resources/__init__.py",
    "pyproject.toml.jinja": "pyproject.toml",
}
RESOURCE_TEMPLATE = ("package/resources/resource.py.jinja", "{package}/resources/{resource}.py")


def environment(templates: Path) -> jinja2.Environment:
    """The Jinja environment: strict about undefined names, whitespace-tidy, filters from FILTERS."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # we render Python, TOML and Markdown, never HTML
        # No constant folding at compile time: the same output, and compiling, most of
        # rendering's time on a cold run, takes a sixth less.
        optimized=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(FILTERS)
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    # Compiling the templates is most of rendering's time; Jinja keeps each compiled template
    # with its source's checksum, so an edited template is compiled anew.
    folder = cache.directory("jinja")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None


def render_package(api: Api, templates: Path, provenance: str) -> dict[str, str]:
    """Every spec-dependent file of the SDK: relative output path → text."""
    env = environment(templates)
    out: dict[str, str] = {}
    for template, target in sorted(PACKAGE_TEMPLATES.items()):
        if template == "package/callbacks.py.jinja" and not api.callbacks:
            continue  # no callbacks: no module of helpers for them
        text = env.get_template(template).render(api=api, provenance=provenance)
        out[target.format(package=api.package)] = text
    template, target = RESOURCE_TEMPLATE
    for resource in api.resources:
        text = env.get_template(template).render(api=api, resource=resource, provenance=provenance)
        out[target.format(package=api.package, resource=resource.attribute)] = text
    return out


def path_fstring(op: Operation) -> str:
    """The operation's path as an f-string that percent-encodes each path parameter."""

    def segment(match: re.Match[str]) -> str:
        name = match.group(1)
        param = next(p for p in op.path_params if p.name == name)
        return "{path_segment(" + repr(name) + ", " + param.python_name + ")}"

    return 'f"' + re.sub(r"\{([^}]+)\}", segment, op.path) + '"'


def docstring_text(text: str, indent: int, lead: int = 0, width: int = 100) -> str:
    """Wrap prose for a docstring at `indent` spaces, its first line `lead` characters further in.

    Backslashes and triple quotes are escaped so that spec text cannot end the docstring.
    """
    safe = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lead = max(lead, 0)
    lines = textwrap.wrap(safe, width=width - indent, initial_indent="x" * lead) or [""]
    lines[0] = lines[0][lead:]
    return ("\n" + " " * indent).join(lines)


# The exception each error status raises: the runtime's _exceptions.status_error_type, whose
# classes the docstrings name (tests/test_client_retries.py checks that the two agree).
STATUS_ERRORS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    429: "RateLimitError",
}


def status_error(status: int) -> str:
    """The exception class an error status raises, for a docstring's Raises section."""
    if status >= 500:
        return "InternalServerError"
    return STATUS_ERRORS.get(status, "UnexpectedStatusError")


def pep440(version: str) -> str:
    """A doc date such as 2025-06-17 as a PEP 440 version (2025.6.17)."""
    parts = re.findall(r"\d+", version)
    return ".".join(str(int(p)) for p in parts) if parts else "0"


def python_string(text: str) -> str:
    """A Python string literal in double quotes (JSON's escapes are Python's too)."""
    return json.dumps(text, ensure_ascii=False)


def python_tuple(value: tuple[tuple[str, ...], ...]) -> str:
    """Nested tuples of strings as Python source: (("a",), ("b", "c"))."""
    inner = ", ".join("(" + "".join(python_string(v) + ", " for v in t) + ")" for t in value)
    return "(" + inner + ("," if len(value) == 1 else "") + ")"


FILTERS = {
    "pystr": python_string,
    "pytuple": python_tuple,
    "path_fstring": path_fstring,
    "docstring": docstring_text,
    "pep440": pep440,
    "status_error": status_error,
    "md_cell": markdown_cell,
    "md_code": markdown_code,
}
