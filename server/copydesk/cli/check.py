"""`copydesk check` and `copydesk entities`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import batch
from ..analysis.pipeline import ArticleAnalysis, WorkspaceContext
from ..findings import Code, Severity
from ..inputs import Source
from ..lsp.convert import to_diagnostic, to_json
from ..text import Encoding
from . import formats
from .common import add_common, collect, excluder, load_style, run_listing
from .progress import track


def add_parsers(sub: Any) -> None:
    check = sub.add_parser("check", help="report findings for articles")
    add_common(check)
    check.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    check.add_argument(
        "--fail-on", default="warning", choices=["error", "warning", "information", "hint", "none"],
        help="exit 1 when a finding is at or above this severity (default warning)",
    )
    check.add_argument(
        "--min-severity", choices=["error", "warning", "information", "hint"],
        help="report findings at or above this severity (default: information for text, hint otherwise)",
    )
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--claims", choices=["strict", "balanced", "all"],
        help="which unsourced claims to mark: strong evidence only, strong and weak (default), or every statement",
    )
    check.add_argument("--style", metavar="FILE", help="house-style file (default: ./copydesk.toml or pyproject.toml)")
    check.set_defaults(func=run_check)

    entities = sub.add_parser("entities", help="list the named entities of articles")
    add_common(entities)
    entities.add_argument("--format", choices=["text", "json"], default="text")
    entities.set_defaults(func=run_entities)


def _diagnostics(source: Source, analysis: ArticleAnalysis, settings) -> list[dict[str, Any]]:
    index = analysis.article.index
    return [to_json(to_diagnostic(f, index, Encoding.UTF16, source.path, settings)) for f in analysis.findings]


class _CheckSummary:
    """Picklable summariser for worker processes."""

    def __init__(self, settings) -> None:
        self.settings = settings

    def __call__(self, source: Source, analysis: ArticleAnalysis) -> dict[str, Any]:
        return {"diagnostics": _diagnostics(source, analysis, self.settings), "forms": _forms(analysis)}


def _forms(analysis: ArticleAnalysis) -> Any:
    try:
        from ..analysis.variants import document_forms
    except ImportError:
        return None
    return document_forms(analysis)


def _emit(report: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(report)
    else:
        sys.stdout.write(report)


def _input_error_entry(path: str, message: str) -> dict[str, Any]:
    diag = {
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "severity": int(Severity.ERROR), "code": Code.INPUT, "source": "copydesk", "message": message,
    }
    return {"path": path, "diagnostics": [diag]}


def run_check(args: argparse.Namespace) -> int:
    settings = args.settings
    style, status = load_style(args.style)
    if status:
        return status
    files, errors = collect(args.paths, excluder(args, style))
    context = WorkspaceContext(house_style=style)
    analysed = batch.run(files, settings, _CheckSummary(settings), jobs=args.jobs, context=context)
    results = list(track(analysed, len(files), "Checking"))
    _cross_file(results)
    min_sev = args.min_severity or ("information" if args.format == "text" else "hint")
    shown = int(Severity.parse(min_sev))
    entries, texts = [], {}
    worst = 5
    for result in [*errors, *results]:
        if result.error:
            print(f"copydesk: {result.error}", file=sys.stderr)
            entries.append(_input_error_entry(result.path, result.error))
            continue
        diags = [d for d in result.payload["diagnostics"] if d["severity"] <= shown]
        worst = min([worst, *(d["severity"] for d in result.payload["diagnostics"])])
        entries.append({"path": result.path, "diagnostics": diags})
        texts[result.path] = result.text
    entries.sort(key=lambda e: e["path"])
    if args.format == "json":
        report = formats.json_report(entries)
    elif args.format == "sarif":
        report = formats.sarif_report(entries, texts)
    else:
        report = formats.text_report(entries)
    _emit(report, args.output)
    if any(r.error for r in [*errors, *results]):
        return 2
    threshold = formats.parse_fail_on(args.fail_on)
    return 1 if threshold and worst <= threshold else 0


def _cross_file(results: list[batch.FileResult]) -> None:
    """Variants across the given files (Kiev in one article, Kyiv in another)."""
    try:
        from ..analysis.variants import cross_file_diagnostics
    except ImportError:
        return
    ok = [r for r in results if not r.error and r.payload.get("forms") is not None]
    if len(ok) < 2:
        return
    extra = cross_file_diagnostics({r.path: (r.text, r.payload["forms"]) for r in ok})
    for r in ok:
        r.payload["diagnostics"].extend(extra.get(r.path, []))
        r.payload["diagnostics"].sort(key=lambda d: (d["range"]["start"]["line"], d["range"]["start"]["character"]))


class _EntitySummary:
    def __init__(self, fmt: str) -> None:
        self.fmt = fmt

    def __call__(self, source: Source, analysis: ArticleAnalysis) -> Any:
        if self.fmt == "json":
            return formats.entities_json(source.path, analysis.entities, analysis.article.index)
        return formats.entities_text(source.path, analysis.entities, analysis.article.index)


def run_entities(args: argparse.Namespace) -> int:
    return run_listing(args, _EntitySummary(args.format))
