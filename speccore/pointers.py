"""JSON pointers (RFC 6901): the one place that escapes and unescapes their tokens."""

from __future__ import annotations


def pointer(*parts: str | int) -> str:
    """A JSON pointer from path parts, escaping `~` and `/`: pointer("paths", "/a") == "/paths/~1a"."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def unescape(token: str) -> str:
    """One pointer token as the key it names: `~1` is `/`, `~0` is `~` (in that order)."""
    return token.replace("~1", "/").replace("~0", "~")


def parts(json_pointer: str) -> list[str]:
    """The keys of a pointer ("" or "#" is the whole document): "/paths/~1a" → ["paths", "/a"]."""
    body = json_pointer.removeprefix("#")
    return [unescape(token) for token in body.split("/")[1:]] if body else []


def last(json_pointer: str) -> str:
    """The last key a pointer names, e.g. a component's name from its `$ref`."""
    return unescape(json_pointer.rsplit("/", 1)[-1])
