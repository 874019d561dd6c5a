"""Requests on an analysed document: hover, symbols, references, highlights, semantic tokens
and code actions. Each reads the document's latest analysis; none of them waits for spaCy."""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types as lsp

from . import actions, hover, ignore_actions, symbols
from .documents import DocumentState
from .server import CopydeskServer, server

log = logging.getLogger(__name__)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def on_hover(ls: CopydeskServer, params: lsp.HoverParams) -> lsp.Hover | None:
    found = ls.analysis_at(params.text_document.uri, params.position)
    return None if found is None else hover.hover(found[1], found[2], ls.encoding)


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def on_symbols(ls: CopydeskServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    found = ls.analysis_of(params.text_document.uri)
    if found is None or found[0].analysed_text != found[0].text:
        return []
    return symbols.document_symbols(found[1], ls.encoding)


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def on_references(ls: CopydeskServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    found = ls.analysis_at(params.text_document.uri, params.position)
    return None if found is None else symbols.references(found[1], found[2], found[0].uri, ls.encoding)


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
def on_highlight(ls: CopydeskServer, params: lsp.DocumentHighlightParams) -> list[lsp.DocumentHighlight] | None:
    found = ls.analysis_at(params.text_document.uri, params.position)
    return None if found is None else symbols.highlights(found[1], found[2], ls.encoding)


@server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, symbols.LEGEND)
def on_tokens(ls: CopydeskServer, params: lsp.SemanticTokensParams) -> lsp.SemanticTokens:
    found = ls.analysis_of(params.text_document.uri)
    if found is None:
        return lsp.SemanticTokens(data=[])
    # While a newer text is being analysed the last tokens stand (no flicker); a refresh follows.
    return symbols.semantic_tokens(found[1], ls.encoding)


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll, "source.fixAll.copydesk"],
        resolve_provider=False,
    ),
)
def on_code_action(ls: CopydeskServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return []
    out: list[lsp.CodeAction] = []
    # Fix data is trusted only if the analysis of the text the editor has now made it: a
    # diagnostic from before an edit (or a forged one) would insert at a shifted offset.
    analysis = doc.current_analysis()
    current = {(f.code, _insert_at(f.data)) for f in analysis.findings} if analysis is not None else set()
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "copydesk":
            continue
        if diagnostic.code in actions.ATTRIBUTION_CODES and (diagnostic.code, _insert_at(diagnostic.data)) in current:
            out.extend(actions.attribution_actions(doc, diagnostic, ls.encoding, ls.client_capabilities))
    out.extend(_variant_actions(ls, doc, params))
    out.extend(ignore_actions.code_actions(doc, params.context.diagnostics, ls.encoding, ls.client_capabilities))
    return out


def _insert_at(data: Any) -> Any:
    return data.get("insertAt") if isinstance(data, dict) else None


def _variant_actions(ls: CopydeskServer, doc: DocumentState, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    try:
        from . import variant_actions
    except ImportError:
        return []
    try:
        return variant_actions.code_actions(ls, doc, params)
    except Exception:  # noqa: BLE001 - a forged or stale action payload must not break the request
        log.exception("variant code actions failed")
        return []
