"""Entities across the workspace (workspace/symbol) and a mention's first full mention (definition)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from lsprotocol import types as lsp

from ..analysis.pipeline import ArticleAnalysis
from ..text import Encoding, LineIndex
from .convert import to_range
from .lookup import mention_at
from .speakers import first_full_mention
from .symbols import GROUPS

MAX_SYMBOLS = 1000


@dataclass(frozen=True)
class IndexedEntity:
    """What the workspace index keeps of one entity of one article (offsets in its text)."""

    canonical: str
    label: str
    forms: tuple[str, ...]  # every way the article writes it
    mentions: tuple[tuple[int, int], ...]
    first_full: tuple[int, int]
    first_text: str


def entity_entries(analysis: ArticleAnalysis) -> list[IndexedEntity]:
    out = []
    for cluster in analysis.entities:
        if not cluster.mentions:
            continue
        full = first_full_mention(cluster)
        forms = tuple(dict.fromkeys(m.text for m in cluster.mentions))
        out.append(
            IndexedEntity(
                cluster.canonical, cluster.label, forms,
                tuple((m.start, m.end) for m in cluster.mentions), (full.start, full.end), full.text,
            )
        )
    return out


def _matches(entity: IndexedEntity, query: str) -> bool:
    if not query:
        return True
    return any(query in form.casefold() for form in (entity.canonical, *entity.forms))


def _file_name(uri: str) -> str:
    return os.path.basename(unquote(uri.rstrip("/"))) or uri


def workspace_symbols(
    query: str,
    articles: Iterable[tuple[str, list[IndexedEntity]]],
    index_for: Callable[[str], LineIndex | None],
    encoding: Encoding,
) -> list[lsp.WorkspaceSymbol]:
    """One symbol per entity per article whose name or any written form contains ``query``."""
    needle = " ".join(query.split()).casefold()
    out: list[lsp.WorkspaceSymbol] = []
    for uri, entities in articles:
        chosen = [e for e in entities if _matches(e, needle)]
        if not chosen:
            continue
        index = index_for(uri)
        if index is None:
            continue
        for entity in chosen:
            start, end = entity.first_full
            if end > len(index.text) or index.text[start:end] != entity.first_text:
                continue  # the file changed since it was indexed; its symbol would point elsewhere
            count = len(entity.mentions)
            out.append(
                lsp.WorkspaceSymbol(
                    name=entity.canonical,
                    kind=GROUPS.get(entity.label, ("", lsp.SymbolKind.Object))[1],
                    location=lsp.Location(uri, to_range(index, start, end, encoding)),
                    container_name=f"{_file_name(uri)} · {count} mention{'s' if count != 1 else ''}",
                )
            )
            if len(out) >= MAX_SYMBOLS:
                return out
    out.sort(key=lambda s: (s.name.casefold(), s.location.uri))
    return out


def definition(analysis: ArticleAnalysis, offset: int, uri: str, encoding: Encoding) -> lsp.Location | None:
    hit = mention_at(analysis, offset)
    if hit is None:
        return None
    full = first_full_mention(hit[0])
    return lsp.Location(uri, to_range(analysis.article.index, full.start, full.end, encoding))
