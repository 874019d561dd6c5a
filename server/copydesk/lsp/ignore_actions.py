"""Code actions for disable comments: "Ignore here" writes one above the marked line, and an
unused comment can be removed. Markdown only: in plain text a comment would be read as prose."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from ..analysis.disable import DIRECTIVE, NOT_DISABLED, comment_for_next_line
from ..findings import Code
from ..text import Encoding
from .convert import SOURCE, from_position, to_range
from .documents import DocumentState


def _edit(doc: DocumentState, edit: lsp.TextEdit, versioned: bool) -> lsp.WorkspaceEdit:
    if versioned:
        ident = lsp.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version)
        return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=ident, edits=[edit])])
    return lsp.WorkspaceEdit(changes={doc.uri: [edit]})


def code_actions(
    doc: DocumentState, diagnostics: list[lsp.Diagnostic], encoding: Encoding, caps: lsp.ClientCapabilities | None
) -> list[lsp.CodeAction]:
    if not doc.markdown:
        return []
    ws = caps.workspace if caps else None
    versioned = bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)
    eol = "\r\n" if "\r\n" in doc.text else "\n"
    out: list[lsp.CodeAction] = []
    seen: set[tuple[str, int]] = set()
    for diagnostic in diagnostics:
        code = diagnostic.code
        if diagnostic.source != SOURCE or not isinstance(code, str):
            continue
        if code == Code.UNUSED_DISABLE:
            removal = _remove_comment(doc, diagnostic, encoding)
            if removal is not None:
                out.append(
                    lsp.CodeAction(
                        title="Remove this unused disable comment", kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic], edit=_edit(doc, removal, versioned), is_preferred=True,
                    )
                )
            continue
        if code in NOT_DISABLED or code not in Code.ALL:
            continue
        line = diagnostic.range.start.line
        if (code, line) in seen or line >= doc.index.line_count:
            continue
        seen.add((code, line))
        comment = comment_for_next_line(code)
        at = lsp.Position(line, 0)
        out.append(
            lsp.CodeAction(
                title=f"Ignore {code} here ({comment})",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=_edit(doc, lsp.TextEdit(lsp.Range(at, at), comment + eol), versioned),
            )
        )
    return out


def _remove_comment(doc: DocumentState, diagnostic: lsp.Diagnostic, encoding: Encoding) -> lsp.TextEdit | None:
    """The comment under the diagnostic, with its line when nothing else is on it."""
    start = from_position(doc.index, diagnostic.range.start, encoding)
    match = DIRECTIVE.match(doc.text, start)
    if match is None:
        return None  # the text moved since the diagnostic was made
    begin, end = match.start(), match.end()
    line = doc.index.line_of(begin)
    line_start, line_end = doc.index.starts[line], doc.index.line_end(line)
    if not doc.text[line_start:begin].strip() and not doc.text[end:line_end].strip():
        begin = line_start
        end = doc.index.starts[line + 1] if line + 1 < doc.index.line_count else line_end
    elif re.match(r"[ \t]+", doc.text[end:]):
        end += len(re.match(r"[ \t]+", doc.text[end:]).group())
    return lsp.TextEdit(to_range(doc.index, begin, end, encoding), "")
