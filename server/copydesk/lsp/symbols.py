"""Document symbols (entities by type), references and highlights (all mentions), semantic tokens."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..analysis.pipeline import ArticleAnalysis
from ..text import Encoding, units_len
from .convert import to_range
from .lookup import mention_at

GROUPS = {
    "PERSON": ("People", lsp.SymbolKind.Object),
    "ORG": ("Organisations", lsp.SymbolKind.Module),
    "GPE": ("Places", lsp.SymbolKind.Namespace),
    "LOC": ("Places", lsp.SymbolKind.Namespace),
    "FAC": ("Places", lsp.SymbolKind.Namespace),
    "EVENT": ("Events", lsp.SymbolKind.Event),
    "PRODUCT": ("Products", lsp.SymbolKind.Class),
    "WORK_OF_ART": ("Works", lsp.SymbolKind.File),
    "LAW": ("Laws", lsp.SymbolKind.File),
    "NORP": ("Groups", lsp.SymbolKind.Enum),
}
TOKEN_TYPES = ["person", "organization", "place", "event", "product", "work", "law", "group"]
TOKEN_OF_LABEL = {
    "PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 2, "FAC": 2, "EVENT": 3, "PRODUCT": 4, "WORK_OF_ART": 5, "LAW": 6, "NORP": 7,
}
LEGEND = lsp.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=[])


def document_symbols(analysis: ArticleAnalysis, encoding: Encoding) -> list[lsp.DocumentSymbol]:
    index = analysis.article.index
    groups: dict[str, list[lsp.DocumentSymbol]] = {}
    kinds: dict[str, lsp.SymbolKind] = {}
    for cluster in analysis.entities:
        title, kind = GROUPS.get(cluster.label, ("Other", lsp.SymbolKind.Object))
        kinds[title] = kind
        first, last = cluster.mentions[0], cluster.mentions[-1]
        children = [
            lsp.DocumentSymbol(
                name=m.text, kind=kind, range=to_range(index, m.start, m.end, encoding),
                selection_range=to_range(index, m.start, m.end, encoding),
                detail=f"line {index.line_of(m.start) + 1}",
            )
            for m in cluster.mentions
        ]
        groups.setdefault(title, []).append(
            lsp.DocumentSymbol(
                name=cluster.canonical,
                detail=f"{cluster.label} · {len(cluster.mentions)} mention{'s' if len(cluster.mentions) != 1 else ''}",
                kind=kind,
                range=to_range(index, first.start, last.end, encoding),
                selection_range=to_range(index, first.start, first.end, encoding),
                children=children,
            )
        )
    out = []
    for title, symbols in groups.items():
        out.append(
            lsp.DocumentSymbol(
                name=title, kind=kinds[title], detail=f"{len(symbols)}",
                range=lsp.Range(symbols[0].range.start, max((s.range.end for s in symbols), key=lambda p: (p.line, p.character))),
                selection_range=symbols[0].selection_range, children=symbols,
            )
        )
    return out


def references(analysis: ArticleAnalysis, offset: int, uri: str, encoding: Encoding) -> list[lsp.Location] | None:
    hit = mention_at(analysis, offset)
    if hit is None:
        return None
    index = analysis.article.index
    return [lsp.Location(uri, to_range(index, m.start, m.end, encoding)) for m in hit[0].mentions]


def highlights(analysis: ArticleAnalysis, offset: int, encoding: Encoding) -> list[lsp.DocumentHighlight] | None:
    hit = mention_at(analysis, offset)
    if hit is None:
        return None
    index = analysis.article.index
    return [
        lsp.DocumentHighlight(to_range(index, m.start, m.end, encoding), lsp.DocumentHighlightKind.Text)
        for m in hit[0].mentions
    ]


def semantic_tokens(analysis: ArticleAnalysis, encoding: Encoding) -> lsp.SemanticTokens:
    """Entity mentions as semantic tokens, split at line ends (tokens may not span lines)."""
    index = analysis.article.index
    pieces: list[tuple[int, int, int, int]] = []  # line, char, length, type
    for cluster in analysis.entities:
        kind = TOKEN_OF_LABEL.get(cluster.label)
        if kind is None:
            continue
        for m in cluster.mentions:
            line = index.line_of(m.start)
            start = m.start
            while start < m.end:
                end = min(m.end, index.line_end(line))
                if end > start:
                    pos = index.position(start, encoding)
                    pieces.append((pos.line, pos.character, units_len(index.text[start:end], encoding), kind))
                line += 1
                if line >= index.line_count:
                    break
                start = max(end, index.starts[line])
    pieces.sort()
    data: list[int] = []
    prev_line = prev_char = 0
    for line, char, length, kind in pieces:
        delta_line = line - prev_line
        delta_char = char - prev_char if delta_line == 0 else char
        if delta_line == 0 and data and delta_char < 0:
            continue  # overlapping mention; keep the first
        data.extend([delta_line, delta_char, length, kind, 0])
        prev_line, prev_char = line, char
    return lsp.SemanticTokens(data=data)
