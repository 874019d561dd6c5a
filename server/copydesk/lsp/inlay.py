"""Speaker inlay hints: `she said: Oksana Melnyk` where the source is a pronoun, a role or a carry-over.

Only the hints inside the requested range are built, from the document's current
analysis; nothing here asks for a parse. The tooltip lists the speaker's other words.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from ..analysis.model import Attribution, EntityCluster
from ..analysis.pipeline import ArticleAnalysis
from ..text import Encoding
from .hover import _short
from .speakers import Speaker, speakers

MAX_LISTED = 8


def _names_speaker(attr: Attribution, cluster: EntityCluster) -> bool:
    """The source already writes the speaker's name (`Melnyk said`): a hint would repeat it."""
    source = attr.source
    return source is not None and any(m.start < source.end and source.start < m.end for m in cluster.mentions)


def hint_offset(attr: Attribution) -> int | None:
    """Where the hint goes: after the source and its cue, or after a carried-over quotation."""
    if attr.kind == "carry-over" or attr.source is None:
        return attr.content.end
    if attr.cue is not None and abs(attr.cue.start - attr.source.end) < 40:
        return max(attr.cue.end, attr.source.end)
    return attr.source.end


def tooltip(analysis: ArticleAnalysis, speaker: Speaker, shown: Attribution) -> lsp.MarkupContent:
    index = analysis.article.index
    others = [a for a in speaker.said if a is not shown]
    lines = [f"**{speaker.name}**", ""]
    if not others:
        lines.append("No other quotes or paraphrases in this article.")
    else:
        lines.append(f"Also said ({len(others)}):")
        for attr in others[:MAX_LISTED]:
            lines.append(f"- line {index.line_of(attr.content.start) + 1} ({attr.kind}): {_short(attr.content.text)}")
        if len(others) > MAX_LISTED:
            lines.append(f"- … and {len(others) - MAX_LISTED} more")
    return lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n".join(lines))


def speaker_hints(analysis: ArticleAnalysis, start: int, end: int, encoding: Encoding) -> list[lsp.InlayHint]:
    """Hints for the attributions whose hint falls within code-point offsets [start, end]."""
    clusters = {c.id: c for c in analysis.entities}
    by_key: dict[str, Speaker] | None = None
    index = analysis.article.index
    hints: dict[int, lsp.InlayHint] = {}
    for attr in analysis.attributions:
        cluster = clusters.get(attr.speaker_id) if attr.speaker_id else None
        if cluster is None:
            continue
        if attr.kind != "carry-over" and (attr.source is None or _names_speaker(attr, cluster)):
            continue
        at = hint_offset(attr)
        if at is None or not start <= at <= end or at in hints:
            continue
        if by_key is None:  # built once, and only when a hint is in view
            by_key = {s.key: s for s in speakers(analysis)}
        speaker = by_key.get(cluster.id)
        if speaker is None:
            continue
        pos = index.position(at, encoding)
        hints[at] = lsp.InlayHint(
            position=lsp.Position(pos.line, pos.character),
            label=f": {cluster.canonical}",
            kind=None,
            tooltip=tooltip(analysis, speaker, attr),
            padding_left=False,
            padding_right=True,
        )
    return [hints[k] for k in sorted(hints)]
