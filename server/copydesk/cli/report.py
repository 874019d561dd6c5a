"""`copydesk report PATH... -o DIR`: one self-contained HTML page per article and an index.html.

Exit codes: 0 written, 2 when a file could not be read (the others are still written)
or DIR cannot be written.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from .. import batch
from ..analysis.pipeline import WorkspaceContext
from ..report import ReportSummary, add_cross_file_findings, article_page, index_page
from .common import add_common, collect, excluder, load_style
from .progress import track


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("report", help="write an HTML report: a page per article and an index")
    add_common(parser)
    parser.add_argument("--output", "-o", metavar="DIR", required=True, help="folder for the pages (created if missing)")
    parser.add_argument("--style", metavar="FILE", help="house-style file (default: ./copydesk.toml or pyproject.toml)")
    parser.set_defaults(func=run)
    return parser


def common_folder(files: list[str]) -> Path | None:
    """The deepest folder that holds all ``files`` (page names are relative to it)."""
    try:
        return Path(os.path.commonpath([str(Path(f).resolve().parent) for f in files])) if files else None
    except ValueError:  # different drives
        return None


def page_name(path: str, taken: set[str], base: Path | None = None) -> str:
    """A file name for the page of ``path`` (relative to ``base``), unique in ``taken`` (which it joins)."""
    relative = Path(path).resolve()
    if base is not None and relative.is_relative_to(base):
        relative = relative.relative_to(base)
    stem = relative.with_suffix("").as_posix()
    stem = re.sub(r"[^\w.-]+", "_", stem.replace("/", "--")).strip("._-") or "article"
    name, n = f"{stem}.html", 1
    while name.casefold() in taken or name.casefold() == "index.html":
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name.casefold())
    return name


def run(args: argparse.Namespace) -> int:
    style, status = load_style(args.style)
    if status:
        return status
    out_dir = Path(args.output)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"copydesk: cannot create {out_dir}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    files, errors = collect(args.paths, excluder(args, style))
    analysed = batch.run(files, args.settings, ReportSummary(args.settings), jobs=args.jobs,
                         context=WorkspaceContext(house_style=style))
    pages: list[tuple[str, dict[str, Any]]] = []
    failures: list[tuple[str, str]] = []
    taken: set[str] = set()
    base = common_folder(files)
    for result in [*errors, *track(analysed, len(files), "Report")]:
        if result.error:
            print(f"copydesk: {result.error}", file=sys.stderr)
            failures.append((result.path, result.error))
        else:
            pages.append((page_name(result.path, taken, base), result.payload))
    add_cross_file_findings([data for _, data in pages], args.settings)
    try:
        for name, data in pages:
            (out_dir / name).write_text(article_page(data), encoding="utf-8")
        (out_dir / "index.html").write_text(index_page(pages, failures), encoding="utf-8")
    except OSError as exc:
        print(f"copydesk: cannot write the report in {out_dir}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if pages or not failures:
        print(f"copydesk: wrote {len(pages)} page{'s' if len(pages) != 1 else ''} and {out_dir / 'index.html'}", file=sys.stderr)
    return 2 if failures else 0
