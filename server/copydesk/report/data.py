"""What a report page shows, as plain data built from one article's analysis.

Built in the worker that analysed the article (so it pickles: dicts, lists, strings and
ints only) and rendered in the parent. Offsets are code points into ``text``.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..analysis import attribution
from ..analysis.pipeline import ArticleAnalysis
from ..findings import Code
from ..inputs import Source
from ..settings import Settings

# Findings that get a row in the findings list; entity hints are the side panel instead.
LISTED_CODES = (
    Code.UNATTRIBUTED_CLAIM, Code.UNATTRIBUTED_QUOTE, Code.VAGUE_ATTRIBUTION,
    Code.SPELLING_VARIANT, Code.HOUSE_STYLE,
)
# The words the diagnostics use for a claim's reasons ("figure" -> "a figure").
REASON_WORDS: dict[str, str] = getattr(attribution, "_REASON", {})


class ReportSummary:
    """Picklable ``batch`` summariser: the page data for one article."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, source: Source, analysis: ArticleAnalysis) -> dict[str, Any]:
        return article_data(source.path, analysis, self.settings)


def article_data(path: str, analysis: ArticleAnalysis, settings: Settings | None = None) -> dict[str, Any]:
    text = analysis.article.text
    line_starts = [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n"]

    def position(offset: int) -> tuple[int, int]:
        line = bisect_right(line_starts, offset) - 1
        return line + 1, offset - line_starts[line] + 1

    findings = []
    for f in analysis.findings:
        if f.code not in LISTED_CODES:
            continue
        severity = settings.severity(f.code, f.severity) if settings else f.effective_severity
        line, column = position(f.start)
        data = f.data or {}
        findings.append({
            "code": f.code, "start": f.start, "end": f.end, "message": f.message,
            "severity": int(severity), "line": line, "column": column,
            "reasons": [str(r) for r in data.get("reasons", [])],
        })
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
            "variants": variants, "findings": findings}


def reason_text(reasons: list[str]) -> str:
    return ", ".join(REASON_WORDS.get(r, r.replace("-", " ")) for r in reasons)
