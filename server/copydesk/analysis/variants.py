"""Spelling variants (issue 4). Placeholder until the detector lands."""

from __future__ import annotations

from ..article import Article
from ..findings import Finding
from ..nlp import ParsedParagraph
from .model import EntityCluster, VariantGroup


def find_variants(
    article: Article, parsed: list[ParsedParagraph], clusters: list[EntityCluster], context
) -> tuple[list[VariantGroup], list[Finding]]:
    return [], []
