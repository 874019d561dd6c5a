"""`copydesk attributions PATH... [--format json|text]`: who said what, per file.

JSON contract (issue 5): {"version":1,"files":[{"path":str,"attributions":[{"source":Span|null,
"cue":Span|null,"content":Span,"kind":"direct"|"indirect"|"mixed"|"according-to"|"carry-over"}]}]}
with Span = {"text","start","end"} in code-point offsets into the file text.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..analysis.pipeline import ArticleAnalysis
from ..inputs import Source
from .common import add_common, run_listing


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("attributions", help="list who said what in articles (source, cue, content)")
    add_common(parser)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(func=run)
    return parser


class _Summary:
    """Turns one analysis into the command's payload (module level so worker processes can pickle it)."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt

    def __call__(self, source: Source, analysis: ArticleAnalysis) -> Any:
        if self.fmt == "json":
            return {"path": source.path, "attributions": [a.as_json() for a in analysis.attributions]}
        return _text_report(source.path, source.text, analysis)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _short(value: str, limit: int = 90) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _text_report(path: str, text: str, analysis: ArticleAnalysis) -> str:
    lines = [f"{path}: {len(analysis.attributions)} attribution(s)"]
    for a in analysis.attributions:
        who = a.speaker or (a.source.text if a.source else "(no source)")
        if a.source is not None and a.speaker and a.speaker != a.source.text:
            who = f"{a.source.text} → {a.speaker}"
        cue = a.cue.text if a.cue else "—"
        lines.append(f"  {_line(text, a.content.start)}: [{a.kind}] {_short(who, 40)} | {cue} | {_short(a.content.text)}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    return run_listing(args, _Summary(args.format))
