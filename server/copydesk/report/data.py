"""What a report page shows, as plain data built from one article's analysis.

Built in the worker that analysed the article (so it pickles: dicts, lists, strings and
ints only) and rendered in the parent. Offsets are code points into ``text``.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..analysis.claim_findings import KIND_NAMES
from ..analysis.pipeline import ArticleAnalysis
from ..findings import Code
from ..inputs import Source
from ..settings import Settings

# Findings that get a row in the findings list; entity hints are the side panel instead.
LISTED_CODES = (
    Code.UNATTRIBUTED_CLAIM, Code.UNATTRIBUTED_QUOTE, Code.VAGUE_ATTRIBUTION,
    Code.SPELLING_VARIANT, Code.HOUSE_STYLE,
)
# The words the diagnostics use for a claim's kinds of evidence ("ranking" -> "ranking or record").
REASON_WORDS: dict[str, str] = KIND_NAMES


class ReportSummary:
    """Picklable ``batch`` summariser: the page data for one article."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, source: Source, analysis: ArticleAnalysis) -> dict[str, Any]:
        return article_data(source.path, analysis, self.settings)


def _finding_entries(text: str, found, settings: Settings | None) -> list[dict[str, Any]]:
    line_starts = [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n"]
    out = []
    for f in found:
        if f.code not in LISTED_CODES or (settings is not None and not settings.enabled(f.code)):
            continue
        severity = settings.severity(f.code, f.severity) if settings else f.effective_severity
        line = bisect_right(line_starts, f.start) - 1
        out.append({
            "code": f.code, "start": f.start, "end": f.end, "message": f.message,
            "severity": int(severity), "line": line + 1, "column": f.start - line_starts[line] + 1,
            "reasons": [str(r) for r in (f.data or {}).get("reasons", [])],
        })
    return out


def article_data(path: str, analysis: ArticleAnalysis, settings: Settings | None = None) -> dict[str, Any]:
    text = analysis.article.text
    findings = _finding_entries(text, analysis.findings, settings)
    entities = [
        {"id": c.id, "canonical": c.canonical, "label": c.label, "variants": list(c.variants),
         "mentions": [[m.start, m.end] for m in c.mentions]}
        for c in analysis.entities
    ]
    attributions = [
        {
            "kind": a.kind,
            "content": [a.content.start, a.content.end],
            "source": [a.source.start, a.source.end] if a.source else None,
            "cue": a.cue.text if a.cue else None,
            "speaker": a.speaker or (a.source.text if a.source else None),
            "speaker_id": a.speaker_id,
            "vague": a.vague,
        }
        for a in analysis.attributions
    ]
    variants = [
        {"id": g.id, "canonical": g.canonical, "kind": g.kind, "house_style": g.house_style,
         "forms": {form: [[s.start, s.end] for s in spans] for form, spans in g.forms.items()}}
        for g in analysis.variant_groups
        if len(g.forms) > 1 or g.house_style
    ]
    return {"path": path, "text": text, "entities": entities, "attributions": attributions,
            "variants": variants, "findings": findings, "forms": analysis.forms}


def add_cross_file_findings(pages: list[dict[str, Any]], settings: Settings | None = None) -> None:
    """Spellings that differ between the report's articles (Kiev in one, Kyiv in another), as
    `check` reports them; each page's ``forms`` (the variant summary) is used up here."""
    forms = {page["path"]: page.pop("forms", None) for page in pages}
    forms = {path: summary for path, summary in forms.items() if summary is not None}
    if len(forms) < 2:
        return
    try:
        from ..analysis.variants import cross_file_findings
    except ImportError:
        return
    by_path = {page["path"]: page for page in pages}
    for path, found in cross_file_findings(forms).items():
        page = by_path[path]
        page["findings"].extend(_finding_entries(page["text"], found, settings))
        page["findings"].sort(key=lambda f: (f["start"], f["end"], f["code"]))


def reason_text(reasons: list[str]) -> str:
    return ", ".join(REASON_WORDS.get(r, r.replace("-", " ")) for r in reasons)
