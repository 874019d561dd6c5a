"""Quick-fixes for spelling variants and house style (issue 4), and source.fixAll.copydesk.

For a `spelling-variant` / `house-style` diagnostic:
1. Change to “C”                          -- this occurrence
2. Use “C” throughout this article         -- one edit per occurrence, one undo step
3. Use “C” in all files                   -- open files by version; closed files only when the
                                             client takes versionless document edits
4. Use “F” throughout                      -- any other form of the group, article-wide
5. Add “C” to house style                  -- edits (or creates) the style file
6. Ignore “F” in this article              -- adds <!-- copydesk-ignore: F --> to the article
source.fixAll.copydesk applies the house-style normalisations only.

Edits are computed from the analysis of the text the editor has now; when the
analysis is older than the text (the user is typing) no action is offered, so
unsaved text is never overwritten. Other files' edits are checked against their
text before they are offered.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from ..analysis.model import VariantGroup
from ..analysis.variant_edits import normalisation_edits, quotation_spans, TextEdit, edit_for, preserves_case
from ..analysis.variants import ignore_marker
from ..findings import Code
from ..house_style import STYLE_FILE
from ..text import Encoding, LineIndex
from .convert import from_position, to_range
from .documents import DocumentState, uri_to_path

if TYPE_CHECKING:
    from .server import CopydeskServer

log = logging.getLogger(__name__)
VARIANT_CODES = {Code.SPELLING_VARIANT, Code.HOUSE_STYLE}
FIX_ALL = "source.fixAll.copydesk"


def _quote(form: str) -> str:
    return f"“{form}”"


def _keeps_case(group: VariantGroup, target: str) -> bool:
    return preserves_case(group.id) or (group.kind == "house-style" and target[:1].islower())


def _document_changes_supported(ls: "CopydeskServer") -> bool:
    ws = ls.client_capabilities.workspace if ls.client_capabilities else None
    edit = ws.workspace_edit if ws else None
    return bool(edit and edit.document_changes)


def _create_supported(ls: "CopydeskServer") -> bool:
    ws = ls.client_capabilities.workspace if ls.client_capabilities else None
    edit = ws.workspace_edit if ws else None
    ops = (edit.resource_operations or []) if edit else []
    return _document_changes_supported(ls) and lsp.ResourceOperationKind.Create in ops


def _workspace_edit(ls: "CopydeskServer", per_doc: list[tuple[str, int | None, list[lsp.TextEdit]]]) -> lsp.WorkspaceEdit:
    per_doc = [(uri, version, edits) for uri, version, edits in per_doc if edits]
    if _document_changes_supported(ls):
        return lsp.WorkspaceEdit(
            document_changes=[
                lsp.TextDocumentEdit(text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)
                for uri, version, edits in per_doc
            ]
        )
    return lsp.WorkspaceEdit(changes={uri: edits for uri, _, edits in per_doc})


def _lsp_edits(index: LineIndex, edits: list[TextEdit], encoding: Encoding) -> list[lsp.TextEdit]:
    return [lsp.TextEdit(range=to_range(index, e.start, e.end, encoding), new_text=e.new_text) for e in edits]


def _article_edits(doc: DocumentState, group: VariantGroup, target: str) -> list[TextEdit]:
    keep = _keeps_case(group, target)
    out = []
    for spans in group.forms.values():
        for span in spans:
            edit = edit_for(doc.text, span.start, span.end, target, keep)
            if doc.text[edit.start : edit.end] != edit.new_text:
                out.append(edit)
    return sorted(out, key=lambda e: e.start)


def _action(title: str, kind: str, edit: lsp.WorkspaceEdit, diagnostic: lsp.Diagnostic | None = None, preferred: bool = False) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=title, kind=kind, edit=edit, diagnostics=[diagnostic] if diagnostic else None, is_preferred=preferred or None
    )


def code_actions(ls: "CopydeskServer", doc: DocumentState, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    analysis = doc.current_analysis()
    if analysis is None:
        return []  # the text changed since the last analysis: no edits against stale offsets
    only = params.context.only
    out: list[lsp.CodeAction] = []
    if only is None or any(FIX_ALL.startswith(k) or k.startswith(FIX_ALL) for k in only):
        fix_all = fix_all_action(ls, doc, analysis)
        if fix_all is not None:
            out.append(fix_all)
    if only is not None and not any(k == lsp.CodeActionKind.QuickFix or lsp.CodeActionKind.QuickFix.startswith(k) for k in only):
        return out
    groups = {g.id: g for g in analysis.variant_groups}
    seen: set[str] = set()
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "copydesk" or diagnostic.code not in VARIANT_CODES:
            continue
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        group = groups.get(data.get("group"))
        if group is None:
            continue
        start = from_position(doc.index, diagnostic.range.start, ls.encoding)
        end = from_position(doc.index, diagnostic.range.end, ls.encoding)
        form = " ".join(doc.text[start:end].split())  # a hard-wrapped form is filed with one space
        if not form or form not in {" ".join(s.text.split()) for spans in group.forms.values() for s in spans}:
            continue
        out.extend(_quick_fixes(ls, doc, group, diagnostic, start, end, form, first=group.id not in seen))
        seen.add(group.id)
    return out


def _quick_fixes(ls, doc, group: VariantGroup, diagnostic, start: int, end: int, form: str, first: bool) -> list[lsp.CodeAction]:
    canonical = group.canonical
    keep = _keeps_case(group, canonical)
    index = doc.index
    actions: list[lsp.CodeAction] = []
    one = edit_for(doc.text, start, end, canonical, keep)
    if doc.text[one.start : one.end] != one.new_text:
        actions.append(_action(f"Change to {_quote(canonical)}", lsp.CodeActionKind.QuickFix,
                               _workspace_edit(ls, [(doc.uri, doc.version, _lsp_edits(index, [one], ls.encoding))]), diagnostic))
    if not first:
        return actions  # article-wide actions once per group per request
    throughout = _article_edits(doc, group, canonical)
    if len(throughout) > 1 or (throughout and not actions):
        actions.append(_action(f"Use {_quote(canonical)} throughout this article", lsp.CodeActionKind.QuickFix,
                               _workspace_edit(ls, [(doc.uri, doc.version, _lsp_edits(index, throughout, ls.encoding))]),
                               diagnostic, preferred=True))
    everywhere = _workspace_fix(ls, doc, group, canonical, throughout)
    if everywhere is not None:
        actions.append(_action(f"Use {_quote(canonical)} in all files", lsp.CodeActionKind.QuickFix, everywhere, diagnostic))
    for other in group.forms:
        if other == canonical or group.kind == "house-style":
            continue
        edits = _article_edits(doc, group, other)
        if edits:
            actions.append(_action(f"Use {_quote(other)} throughout", lsp.CodeActionKind.QuickFix,
                                   _workspace_edit(ls, [(doc.uri, doc.version, _lsp_edits(index, edits, ls.encoding))]), diagnostic))
    style_action = _add_to_house_style(ls, group, canonical, diagnostic)
    if style_action is not None:
        actions.append(style_action)
    shown = next((f for f, spans in group.forms.items() if any(sp.start == start for sp in spans)), form)
    actions.append(_ignore_action(ls, doc, shown, diagnostic))
    return actions


# -- all files -------------------------------------------------------------------------------
def _workspace_fix(ls, doc: DocumentState, group: VariantGroup, target: str, here: list[TextEdit]) -> lsp.WorkspaceEdit | None:
    index = getattr(ls, "workspace_index", None)
    all_forms: dict[str, Any] = dict(getattr(index, "forms", {}) or {})
    mine = all_forms.get(doc.uri)
    if mine is None:
        return None
    names = {s.text for spans in group.forms.values() for s in spans}
    if group.id.startswith("ws:"):
        keys = {group.id[3:]}
    else:
        keys = {k for k, forms in mine.forms.items() if names & set(forms) or {n.lower() for n in names} & set(forms)}
    keep = _keeps_case(group, target)
    per_doc: list[tuple[str, int | None, list[lsp.TextEdit]]] = [(doc.uri, doc.version, _lsp_edits(doc.index, here, ls.encoding))]
    closed_ok = _document_changes_supported(ls)
    touched = False
    for uri, forms in sorted(all_forms.items()):
        if uri == doc.uri:
            continue
        spans = [(s, e, form) for key in keys & set(forms.forms) for form, entry in forms.forms[key].items()
                 if form != target for s, e in entry.spans]
        if not spans:
            continue
        text, version = _text_of(ls, uri, closed_ok)
        if text is None or any(text[s:e] != form for s, e, form in spans):
            continue  # unsaved or changed since indexed: never clobber
        edits = [edit_for(text, s, e, target, keep) for s, e, _ in sorted(spans)]
        edits = [x for x in edits if text[x.start : x.end] != x.new_text]
        if edits:
            per_doc.append((uri, version, _lsp_edits(LineIndex(text), edits, ls.encoding)))
            touched = True
    return _workspace_edit(ls, per_doc) if touched else None


def _text_of(ls, uri: str, closed_ok: bool) -> tuple[str | None, int | None]:
    """An open document's current text and version, or a closed file's text (version None)."""
    open_doc = ls.documents.get(uri)
    if open_doc is not None:
        if open_doc.analysed_text != open_doc.text:
            return None, None  # being edited: its index entry may be stale
        return open_doc.text, open_doc.version
    if not closed_ok:
        return None, None
    path = uri_to_path(uri)
    try:
        with open(path, encoding="utf-8", newline="") as handle:  # type: ignore[arg-type]
            return handle.read(), None
    except (OSError, TypeError, UnicodeDecodeError):
        return None, None


# -- house style -----------------------------------------------------------------------------
def _toml_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def forms_line(preferred: str, variants: list[str]) -> str:
    return f"{_toml_string(preferred)} = [{', '.join(_toml_string(v) for v in variants)}]\n"


def add_forms_edit(text: str, preferred: str, variants: list[str], pyproject: bool) -> TextEdit:
    """Where a new `preferred = [variants]` line goes in a style file's text."""
    table = "[tool.copydesk.forms]" if pyproject else "[forms]"
    line = forms_line(preferred, variants)
    lines = text.splitlines(keepends=True)
    offset = 0
    for ln in lines:
        offset += len(ln)
        if ln.strip() == table:
            return TextEdit(offset, offset, line if ln.endswith(("\n", "\r")) else "\n" + line)
    lead = "" if not text or text.endswith("\n") else "\n"
    sep = "\n" if text.strip() else ""
    return TextEdit(len(text), len(text), f"{lead}{sep}{table}\n{line}")


def _add_to_house_style(ls, group: VariantGroup, canonical: str, diagnostic) -> lsp.CodeAction | None:
    index = getattr(ls, "workspace_index", None)
    style = getattr(index, "house_style", None)
    variants = [f for f in group.forms if f != canonical]
    if not variants or group.kind == "house-style":
        return None
    if style is not None and all(style.preferred_form(v) == canonical for v in variants):
        return None  # already the house style
    style_uri = getattr(index, "style_uri", None)
    if style_uri:
        text, version = _text_of(ls, style_uri, True)
        if text is None:
            return None
        edit = add_forms_edit(text, canonical, variants, style_uri.endswith("pyproject.toml"))
        wedit = _workspace_edit(ls, [(style_uri, version, _lsp_edits(LineIndex(text), [edit], ls.encoding))])
    else:
        roots = index.roots() if index is not None else []
        if not roots or not _create_supported(ls):
            return None
        uri = (Path(roots[0]) / getattr(ls.settings, "house_style_file", STYLE_FILE)).resolve().as_uri()
        content = f"# Copydesk house style (see `copydesk style test`)\n\n[forms]\n{forms_line(canonical, variants)}"
        wedit = lsp.WorkspaceEdit(
            document_changes=[
                lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(ignore_if_exists=True)),
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                    edits=[lsp.TextEdit(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), new_text=content)],
                ),
            ]
        )
    return _action(f"Add {_quote(canonical)} to house style", lsp.CodeActionKind.QuickFix, wedit, diagnostic)


# -- ignore ----------------------------------------------------------------------------------
def _ignore_action(ls, doc: DocumentState, form: str, diagnostic) -> lsp.CodeAction:
    text = doc.text
    newline = "\r\n" if "\r\n" in text else "\n"
    lead = "" if not text or text.endswith(("\n", "\r")) else newline
    edit = TextEdit(len(text), len(text), f"{lead}{newline}{ignore_marker(form)}{newline}")
    wedit = _workspace_edit(ls, [(doc.uri, doc.version, _lsp_edits(doc.index, [edit], ls.encoding))])
    return _action(f"Ignore {_quote(form)} in this article", lsp.CodeActionKind.QuickFix, wedit, diagnostic)


# -- fix all ---------------------------------------------------------------------------------
def fix_all_action(ls, doc: DocumentState, analysis) -> lsp.CodeAction | None:
    """House-style normalisations only: majority choices stay with the user."""
    edit = normalise_edit(ls, doc, analysis, majority=False)
    if edit is None:
        return None
    return lsp.CodeAction(title="Apply the house style (Copydesk)", kind=FIX_ALL, edit=edit)


def normalise_edit(ls, doc: DocumentState, analysis, majority: bool) -> lsp.WorkspaceEdit | None:
    """One versioned edit for the article: house style, and with ``majority`` the majority forms."""
    # Majority choices leave direct quotations alone, as `copydesk fix --majority` does.
    quotations = quotation_spans(analysis.article) if majority else ()
    edits = normalisation_edits(doc.text, analysis.findings, majority, quotations)
    if not edits:
        return None
    return _workspace_edit(ls, [(doc.uri, doc.version, _lsp_edits(doc.index, edits, ls.encoding))])
