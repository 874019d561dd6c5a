"""Attribution: who said what (issue 5). Placeholder until the extractor lands."""

from __future__ import annotations

from ..article import Article
from ..findings import Finding
from ..nlp import ParsedParagraph
from .model import Attribution, EntityCluster


def find_attributions(
    article: Article, parsed: list[ParsedParagraph], clusters: list[EntityCluster]
) -> tuple[list[Attribution], list[Finding]]:
    return [], []
