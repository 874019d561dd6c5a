"""`exclude` globs: files kept out of checks and out of the workspace index.

Patterns follow .gitignore rules (pathspec's GitIgnoreSpec): `drafts/` excludes that folder at
any depth, `*.tmp.md` any such file, `archive/**/old-*.txt` a path under the pattern's root. They
come from `exclude = [...]` in copydesk.toml (relative to that file's folder) and from the CLI's
`--exclude` (relative to the current folder).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pathspec


class Excluder:
    def __init__(self) -> None:
        self._specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []

    def add(self, patterns: Iterable[str], root: str | os.PathLike) -> "Excluder":
        patterns = [p for p in patterns if p.strip()]
        if patterns:
            self._specs.append((Path(root).resolve(), pathspec.GitIgnoreSpec.from_lines(patterns)))
        return self

    def __bool__(self) -> bool:
        return bool(self._specs)

    def excluded(self, path: str | os.PathLike) -> bool:
        if not self._specs:
            return False
        resolved = Path(path).resolve()
        for root, spec in self._specs:
            try:
                relative = resolved.relative_to(root).as_posix()
            except ValueError:
                continue  # outside this pattern's folder
            if spec.match_file(relative):
                return True
        return False


def style_excluder(style: object | None) -> Excluder:
    """The `exclude` globs of a loaded house style, relative to its file's folder."""
    patterns = getattr(style, "exclude", ()) or ()
    path = getattr(style, "path", None)
    return Excluder().add(patterns, Path(path).parent if path else Path.cwd())
