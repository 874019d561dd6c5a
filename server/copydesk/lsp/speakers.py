"""Who said what: an article's speakers with their quotes and paraphrases, and what nobody said.

One model serves the `copydesk/attributions` request (the editors' speaker views), the
article summary CodeLens and the speaker inlay hints' tooltips, so they always agree.
Everything here reads a finished analysis; nothing parses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..analysis.model import Attribution, EntityCluster
from ..analysis.pipeline import ArticleAnalysis
from ..findings import Code
from ..text import Encoding
from .convert import to_json, to_range

# A quotation in the speaker's words; the rest report what the speaker said.
QUOTE_KINDS = {"direct", "mixed", "carry-over"}
UNSOURCED_CODES = (Code.UNATTRIBUTED_QUOTE, Code.UNATTRIBUTED_CLAIM)


@dataclass
class Speaker:
    key: str  # the entity cluster id, or "source:<text>" for a source that is no entity
    name: str
    label: str | None  # the entity label (PERSON, ORG, ...) when the speaker is an entity
    vague: bool
    first: tuple[int, int]  # where the speaker is first named (or first cited)
    said: list[Attribution] = field(default_factory=list)

    @property
    def quotes(self) -> list[Attribution]:
        return [a for a in self.said if a.kind in QUOTE_KINDS]

    @property
    def paraphrases(self) -> list[Attribution]:
        return [a for a in self.said if a.kind not in QUOTE_KINDS]


def speakers(analysis: ArticleAnalysis) -> list[Speaker]:
    """The article's speakers in order of their first attributed words."""
    clusters = {c.id: c for c in analysis.entities}
    found: dict[str, Speaker] = {}
    for attr in sorted(analysis.attributions, key=lambda a: a.content.start):
        speaker = _speaker_of(attr, clusters, found)
        if speaker is not None:
            speaker.said.append(attr)
    return list(found.values())


def _speaker_of(attr: Attribution, clusters: dict[str, EntityCluster], found: dict[str, Speaker]) -> Speaker | None:
    cluster = clusters.get(attr.speaker_id) if attr.speaker_id else None
    if cluster is not None:
        key = cluster.id
        if key not in found:
            full = first_full_mention(cluster)
            found[key] = Speaker(key, cluster.canonical, cluster.label, False, (full.start, full.end))
        return found[key]
    if attr.source is None:
        return None
    name = attr.speaker or attr.source.text
    key = "source:" + " ".join(name.lower().split())
    if key not in found:
        found[key] = Speaker(key, " ".join(name.split()), None, attr.vague, (attr.source.start, attr.source.end))
    return found[key]


def first_full_mention(cluster: EntityCluster):
    """The first mention that writes the name in full (the canonical form, else the longest)."""
    exact = [m for m in cluster.mentions if m.text == cluster.canonical]
    if exact:
        return exact[0]
    longest = max(len(m.text) for m in cluster.mentions)
    return next(m for m in cluster.mentions if len(m.text) == longest)


# -- the summary ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Summary:
    unsourced: int
    vague: int
    speakers: int
    variants: int

    def title(self) -> str:
        def count(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        return " · ".join(
            [
                count(self.unsourced, "unsourced claim", "unsourced claims"),
                count(self.vague, "vague source", "vague sources"),
                count(self.speakers, "speaker", "speakers"),
                count(self.variants, "name variant", "name variants"),
            ]
        )


def summary(analysis: ArticleAnalysis) -> Summary:
    """Counts of what the article's diagnostics show (findings of codes turned off are not in it)."""
    findings = analysis.findings
    variant_groups = {
        (f.data or {}).get("group") for f in findings if f.code in (Code.SPELLING_VARIANT, Code.HOUSE_STYLE)
    }
    named = [s for s in speakers(analysis) if not s.vague]
    return Summary(
        unsourced=sum(1 for f in findings if f.code in UNSOURCED_CODES),
        vague=sum(1 for f in findings if f.code == Code.VAGUE_ATTRIBUTION),
        speakers=len(named),
        variants=len(variant_groups - {None}),
    )


# -- the copydesk/attributions payload ---------------------------------------------------------
def attributions_payload(analysis: ArticleAnalysis, uri: str, version: int | None, encoding: Encoding) -> dict[str, Any]:
    index = analysis.article.index

    def rng(start: int, end: int) -> Any:
        return to_json(to_range(index, start, end, encoding))

    def span(s) -> dict[str, Any] | None:
        return None if s is None else {"text": s.text, "range": rng(s.start, s.end)}

    def item(attr: Attribution) -> dict[str, Any]:
        return {
            "kind": attr.kind,
            "text": attr.content.text,
            "range": rng(attr.content.start, attr.content.end),
            "source": span(attr.source),
            "cue": span(attr.cue),
        }

    people = []
    for speaker in speakers(analysis):
        people.append(
            {
                "id": speaker.key,
                "name": speaker.name,
                "label": speaker.label,
                "vague": speaker.vague,
                "range": rng(*speaker.first),
                "quotes": [item(a) for a in speaker.quotes],
                "paraphrases": [item(a) for a in speaker.paraphrases],
            }
        )
    unattributed = [
        {
            "code": f.code,
            "kind": "quote" if f.code == Code.UNATTRIBUTED_QUOTE else "claim",
            "text": index.text[f.start : f.end],
            "message": f.message,
            "range": rng(f.start, f.end),
        }
        for f in analysis.findings
        if f.code in UNSOURCED_CODES
    ]
    counts = summary(analysis)
    return {
        "uri": uri,
        "version": version,
        "speakers": people,
        "unattributed": unattributed,
        "summary": {
            "unsourcedClaims": counts.unsourced,
            "vagueSources": counts.vague,
            "speakers": counts.speakers,
            "nameVariants": counts.variants,
            "title": counts.title(),
        },
    }
