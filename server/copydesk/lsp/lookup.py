"""What is under the cursor: an entity mention, an attribution, a variant occurrence."""

from __future__ import annotations

from ..analysis.model import Attribution, EntityCluster, Mention
from ..analysis.pipeline import ArticleAnalysis


def mention_at(analysis: ArticleAnalysis, offset: int) -> tuple[EntityCluster, Mention] | None:
    """The mention containing ``offset``; a cursor just after a name also counts (editors put it there)."""
    touching = None
    for cluster in analysis.entities:
        for mention in cluster.mentions:
            if mention.start <= offset < mention.end:
                return cluster, mention
            if offset == mention.end and touching is None:
                touching = (cluster, mention)
    return touching


def cluster_by_id(analysis: ArticleAnalysis, cluster_id: str) -> EntityCluster | None:
    return next((c for c in analysis.entities if c.id == cluster_id), None)


def attributions_at(analysis: ArticleAnalysis, offset: int) -> list[Attribution]:
    found = []
    for attr in analysis.attributions:
        spans = [attr.content, attr.cue, attr.source]
        if any(s is not None and s.start <= offset < s.end for s in spans):
            found.append(attr)
    return found


def attributions_of(analysis: ArticleAnalysis, cluster: EntityCluster) -> list[Attribution]:
    spans = {(m.start, m.end) for m in cluster.mentions}
    out = []
    for attr in analysis.attributions:
        if attr.speaker_id == cluster.id or (attr.source is not None and (attr.source.start, attr.source.end) in spans):
            out.append(attr)
    return out
