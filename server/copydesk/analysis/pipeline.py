"""Runs the article-level passes over parsed paragraphs.

The passes are cheap compared with spaCy and run on every edit from cached
paragraph records; only changed paragraphs go back through the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article import Article
from ..findings import Finding
from ..nlp import Engine, ParsedParagraph
from ..settings import Settings
from . import attribution, disable, entities, variants
from .claim_findings import shown_at
from .model import Attribution, EntityCluster, VariantGroup


@dataclass
class WorkspaceContext:
    """What the variant pass needs from outside the article: house style and other files."""

    house_style: object | None = None  # variants.HouseStyle
    other_documents: dict[str, object] = field(default_factory=dict)  # uri -> variants.DocumentForms


@dataclass
class ArticleAnalysis:
    article: Article
    parsed: list[ParsedParagraph]
    entities: list[EntityCluster]
    attributions: list[Attribution]
    variant_groups: list[VariantGroup]
    findings: list[Finding]
    # Kept so the workspace index reads the document's spellings without a second pass.
    inventory: object | None = None  # variants.Inventory
    forms: object | None = None  # variants.DocumentForms


def analyse_parsed(
    article: Article,
    parsed: list[ParsedParagraph],
    settings: Settings,
    context: WorkspaceContext | None = None,
) -> ArticleAnalysis:
    context = context or WorkspaceContext()
    clusters = entities.find_entities(article, parsed, settings.entity_labels)
    found: list[Finding] = list(entities.entity_findings(clusters))
    attrs, attr_findings = attribution.find_attributions(article, parsed, clusters)
    found.extend(attr_findings)
    inv = variants.inventory(article, parsed, clusters)
    groups, variant_findings = variants.find_variants(article, parsed, clusters, context, inv)
    found.extend(variant_findings)
    found = disable.apply(article.text, found)  # the writer's <!-- copydesk-disable --> comments
    found = [f for f in found if settings.enabled(f.code) and shown_at(settings.claims, f)]
    found.sort(key=lambda f: (f.start, f.end, f.code))
    return ArticleAnalysis(article, parsed, clusters, attrs, groups, found, inv, variants.forms_of(article, inv))


def analyse_text(
    text: str,
    engine: Engine,
    settings: Settings,
    markdown: bool = False,
    context: WorkspaceContext | None = None,
) -> ArticleAnalysis:
    article = Article(text, markdown)
    parsed = engine.parse([p.text for p in article.paragraphs])
    return analyse_parsed(article, parsed, settings, context)
