"""Reading articles from disk: UTF-8 or a clear reason why not."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_BYTES_DEFAULT = 20_000_000


class InputError(Exception):
    """A file that cannot be analysed; the message names the file and the reason."""


@dataclass(frozen=True)
class Source:
    path: str
    text: str

    @property
    def markdown(self) -> bool:
        return self.path.lower().endswith((".md", ".markdown"))


def decode_article(data: bytes, name: str) -> str:
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            data.decode("cp1252")
            guess = "it looks like Latin-1/Windows-1252"
        except UnicodeDecodeError:
            guess = "unknown encoding"
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}; {guess}). "
            f"Convert it, e.g. `iconv -f latin1 -t utf-8 {name}`"
        ) from None
    return text


def read_bytes(path: str | os.PathLike, max_bytes: int = MAX_BYTES_DEFAULT, name: str | None = None) -> bytes:
    """The file's bytes, or an InputError naming it as ``name`` (default: the path)."""
    name = name or os.fspath(path)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(f"{name}: {size:,} bytes is over the limit of {max_bytes:,} bytes")
        with open(path, "rb") as handle:
            return handle.read()
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def read_article(path: str | os.PathLike, max_bytes: int = MAX_BYTES_DEFAULT) -> Source:
    name = os.fspath(path)
    return Source(name, decode_article(read_bytes(name, max_bytes), name))


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, InputError | None]]:
    """Files named directly, and article files found under directories (sorted, no symlink escapes)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "node_modules")))
                for filename in sorted(filenames):
                    if not filename.lower().endswith(ARTICLE_SUFFIXES):
                        continue
                    full = Path(dirpath) / filename
                    try:
                        full.resolve().relative_to(root)
                    except ValueError:
                        continue  # a symlink that leads out of the tree
                    yield str(full), None
        elif path.exists():
            yield str(path), None
        else:
            yield str(path), InputError(f"{raw}: no such file or directory")
