"""Code actions built from the fix data a diagnostic carries (``Diagnostic.data``)."""

from __future__ import annotations

import logging

from lsprotocol import types as lsp

from ..findings import Code
from ..text import Encoding
from .convert import to_range
from .documents import DocumentState

log = logging.getLogger(__name__)


def _snippet_support(caps: lsp.ClientCapabilities | None) -> bool:
    workspace = caps.workspace if caps else None
    edit = workspace.workspace_edit if workspace else None
    return bool(edit and getattr(edit, "snippet_edit_support", False))


def attribution_actions(
    doc: DocumentState, diagnostic: lsp.Diagnostic, encoding: Encoding, caps: lsp.ClientCapabilities | None
) -> list[lsp.CodeAction]:
    """`, ${1:source} said` after an unattributed quote or claim."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    insert_at = data.get("insertAt")
    if not isinstance(insert_at, int) or not 0 <= insert_at <= len(doc.text):
        return []
    rng = to_range(doc.index, insert_at, insert_at, encoding)
    ident = lsp.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version)
    if _snippet_support(caps):
        edit = lsp.SnippetTextEdit(range=rng, snippet=lsp.StringValue(value=", ${1:source} said"))
        title = "Add an attribution (, source said)"
    else:
        edit = lsp.TextEdit(range=rng, new_text=", [source] said")
        title = "Add an attribution placeholder (, [source] said)"
    return [
        lsp.CodeAction(
            title=title,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=ident, edits=[edit])]),
        )
    ]


ATTRIBUTION_CODES = {Code.UNATTRIBUTED_QUOTE, Code.UNATTRIBUTED_CLAIM}
