"""`copydesk fix PATH... [--dry-run] [--majority] [--style FILE]` and `copydesk style test`.

fix: applies the house style's normalisations (and with --majority, each article's
majority spelling for its variant groups, outside direct quotations unless --in-quotes; a
1-1 British/American tie goes the house style's or the article's spelling way). --dry-run prints a unified diff instead
of writing. `fix --from DIR` does the same for an archive from a `copydesk batch` run's
shards (see copydesk.scale.fix_from). Exit codes as `check`: 0 nothing to change, 1 changes made (or, with
--dry-run, to make), 2 input or style-file error.

style test: runs the style file's [[tests]] (text -> expected after fixing); exit 0
when all pass, 1 when one fails, 2 when the style file is missing or broken.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from .. import batch
from ..analysis.pipeline import ArticleAnalysis, WorkspaceContext, analyse_parsed
from ..analysis.variant_edits import TextEdit, apply_edits, normalisation_edits, quotation_spans
from ..article import Article
from ..house_style import HouseStyle
from ..inputs import Source
from ..nlp import Engine
from . import style_init
from .common import add_common, collect, excluder, load_style


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    fix = subparsers.add_parser("fix", help="normalise spellings to the house style (and the majority)")
    add_common(fix, paths_nargs="*")
    fix.add_argument("--dry-run", action="store_true", help="print a unified diff, change nothing")
    fix.add_argument("--from", dest="from_dir", metavar="DIR", help="apply the fixes in a `copydesk batch` output folder (no PATH)")
    fix.add_argument("--diff", action="store_true", help="with --from --dry-run: print the unified diffs too")
    fix.add_argument("--majority", action="store_true", help="also use each article's majority spelling")
    fix.add_argument("--in-quotes", action="store_true",
                     help="with --majority, also change words inside direct quotations (left alone by default)")
    fix.add_argument("--style", metavar="FILE", help="house-style file (default: ./copydesk.toml or pyproject.toml)")
    fix.set_defaults(func=run)

    style = subparsers.add_parser("style", help="house-style file tools")
    style_sub = style.add_subparsers(dest="style_command", metavar="ACTION")
    test = style_sub.add_parser("test", help="run the style file's [[tests]]")
    test.add_argument("--style", metavar="FILE", help="house-style file (default: ./copydesk.toml or pyproject.toml)")
    test.add_argument("--model", help="spaCy model package to load")
    test.add_argument("--config", metavar="FILE", help="settings as JSON")
    test.set_defaults(func=run_style_test)
    style_init.add_parser(style_sub)
    style.set_defaults(func=lambda args: (style.print_help(sys.stderr), 2)[1])
    return fix


def fix_edits(analysis: ArticleAnalysis, majority: bool, in_quotes: bool = False) -> list[TextEdit]:
    """The edits `fix` makes: house style always, article majority on request (outside direct
    quotations unless ``in_quotes``)."""
    quotations = () if in_quotes or not majority else quotation_spans(analysis.article)
    return normalisation_edits(analysis.article.text, analysis.findings, majority, quotations)


class _FixSummary:
    """Picklable: the edits for one file."""

    def __init__(self, majority: bool, in_quotes: bool = False) -> None:
        self.majority = majority
        self.in_quotes = in_quotes

    def __call__(self, source: Source, analysis: ArticleAnalysis) -> list[tuple[int, int, str]]:
        return [(e.start, e.end, e.new_text) for e in fix_edits(analysis, self.majority, self.in_quotes)]


def unified_diff(old: str, new: str, path: str) -> str:
    out = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    ):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _write(path: str, text: str) -> None:
    raw = Path(path).read_bytes()
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") and not text.startswith("\ufeff") else ""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(bom + text)


def run(args: argparse.Namespace) -> int:
    if args.from_dir or not args.paths:
        if args.paths or not args.from_dir:
            print("copydesk: fix takes either PATH... or --from DIR (a copydesk batch output folder)", file=sys.stderr)
            return 2
        from ..scale import fix_from

        return fix_from.run(args.from_dir, args.dry_run, args.majority, args.diff)
    style, code = load_style(getattr(args, "style", None))
    if code:
        return code
    files, errors = collect(args.paths, excluder(args, style))
    if style is None and not args.majority:  # nothing could change: say why instead of nothing
        for error in errors:
            print(f"copydesk: {error.error}", file=sys.stderr)
        print("copydesk: no house style found; try --majority or `copydesk style init`", file=sys.stderr)
        return 2 if errors else 0
    context = WorkspaceContext(house_style=style)
    results = list(batch.run(files, args.settings, _FixSummary(args.majority, args.in_quotes), jobs=args.jobs, context=context))
    changed = 0
    for result in [*errors, *results]:
        if result.error:
            print(f"copydesk: {result.error}", file=sys.stderr)
            continue
        edits = [TextEdit(*e) for e in result.payload]
        if not edits:
            continue
        new_text = apply_edits(result.text, edits)
        if new_text == result.text:
            continue
        changed += 1
        if args.dry_run:
            sys.stdout.write(unified_diff(result.text, new_text, result.path))
        else:
            _write(result.path, new_text)
            print(f"fixed {result.path} ({len(edits)} change{'s' if len(edits) != 1 else ''})", file=sys.stderr)
    if any(r.error for r in [*errors, *results]):
        return 2
    if not changed and results:
        print(f"copydesk: nothing to change in {len(results)} file{'s' if len(results) != 1 else ''}", file=sys.stderr)
    return 1 if changed else 0


def fix_text(text: str, engine: Engine, settings, style: HouseStyle | None, majority: bool = False, markdown: bool = False,
             in_quotes: bool = False) -> str:
    """The text after one `fix` pass (used by `style test` and tests)."""
    article = Article(text, markdown)
    parsed = engine.parse([p.text for p in article.paragraphs])
    analysis = analyse_parsed(article, parsed, settings, WorkspaceContext(house_style=style))
    return apply_edits(text, fix_edits(analysis, majority, in_quotes))


def run_style_test(args: argparse.Namespace) -> int:
    style, code = load_style(args.style, required=True)
    if code or style is None:
        return code or 2
    if not style.tests:
        print(f"copydesk: {style.path}: no [[tests]] to run", file=sys.stderr)
        return 0
    engine = Engine(args.settings.model)
    failed = 0
    for n, test in enumerate(style.tests, 1):
        got = fix_text(test.text, engine, args.settings, style)
        label = test.name or f"test {n}"
        where = f"{style.path}:{test.line}"
        if got == test.expected:
            print(f"PASS {where} {label}")
        else:
            failed += 1
            print(f"FAIL {where} {label}\n  text:     {test.text!r}\n  expected: {test.expected!r}\n  got:      {got!r}")
    print(f"{len(style.tests) - failed} passed, {failed} failed")
    return 1 if failed else 0
