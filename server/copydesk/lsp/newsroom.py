"""Handlers for the newsroom features: who said what, speaker hints, the summary lens,
entities across the workspace, definition and rename. The logic lives in one module each
(speakers, lens, inlay, navigation, rename); this module only connects them to requests."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from ..inputs import InputError, read_article
from ..text import LineIndex
from . import inlay, lens, navigation, rename, speakers
from .convert import from_position, to_range
from .documents import uri_to_path
from .server import CopydeskServer, server

log = logging.getLogger(__name__)
ATTRIBUTIONS = "copydesk/attributions"


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _uri_of(params: Any) -> str | None:
    """The document of a custom request: {"textDocument": {"uri": …}} or {"uri": …}."""
    uri = _get(params, "uri")
    if uri is None and (doc := _get(params, "textDocument")) is not None:
        uri = _get(doc, "uri")
    if uri is None and isinstance(params, (list, tuple)) and params and isinstance(params[0], str):
        uri = params[0]
    return uri if isinstance(uri, str) else None


@server.feature(ATTRIBUTIONS)
async def on_attributions(ls: CopydeskServer, params: Any) -> dict[str, Any]:
    uri = _uri_of(params)
    if uri is None:
        raise JsonRpcInvalidParams("copydesk/attributions needs {\"textDocument\": {\"uri\": …}}")
    doc = ls.documents.get(uri)
    if doc is None:
        raise JsonRpcInvalidParams(f"copydesk/attributions: {uri} is not open in the editor")
    if doc.error or ls.scheduler is None:
        raise JsonRpcInvalidParams(f"copydesk/attributions: {doc.error or 'the server is not initialised'}")
    # Asked for explicitly (a view opening), so waiting for the current text's analysis is right.
    analysis = await ls.scheduler.wait_for(doc)
    if analysis is None:
        raise JsonRpcInvalidParams(f"copydesk/attributions: {ls.scheduler.model_error or 'the analysis did not finish'}")
    return speakers.attributions_payload(analysis, doc.uri, doc.version, ls.encoding)


@server.feature(lsp.TEXT_DOCUMENT_CODE_LENS, lsp.CodeLensOptions(resolve_provider=False))
def on_code_lens(ls: CopydeskServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None or doc.analysis is None or doc.error:
        return []  # never parse for a lens: a refresh follows the analysis
    return [lens.summary_lens(doc.analysis, doc.uri)]


@server.feature(lsp.TEXT_DOCUMENT_INLAY_HINT, lsp.InlayHintOptions(resolve_provider=False))
def on_inlay_hint(ls: CopydeskServer, params: lsp.InlayHintParams) -> list[lsp.InlayHint]:
    if not ls.settings.inlay_hint_speakers:
        return []
    doc = ls.documents.get(params.text_document.uri)
    analysis = doc.current_analysis() if doc is not None else None
    if analysis is None:
        return []  # positions of an older text would be wrong; a refresh follows the analysis
    start = from_position(doc.index, params.range.start, ls.encoding)
    end = from_position(doc.index, params.range.end, ls.encoding)
    return inlay.speaker_hints(analysis, start, end, ls.encoding)


@server.feature(lsp.WORKSPACE_SYMBOL)
def on_workspace_symbol(ls: CopydeskServer, params: lsp.WorkspaceSymbolParams) -> list[lsp.WorkspaceSymbol]:
    return navigation.workspace_symbols(params.query, ls.workspace_index.indexed_entities(), ls.index_for, ls.encoding)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def on_definition(ls: CopydeskServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    found = ls.analysis_at(params.text_document.uri, params.position)
    return None if found is None else navigation.definition(found[1], found[2], found[0].uri, ls.encoding)


NOT_READY = "Copydesk has not finished reading this article; try again in a moment."


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
def on_prepare_rename(ls: CopydeskServer, params: lsp.PrepareRenameParams) -> lsp.PrepareRenamePlaceholder:
    found = ls.analysis_at(params.text_document.uri, params.position)
    if found is None:
        raise rename.RenameRefused(NOT_READY)
    start, end, text = rename.prepare(found[1], found[2])
    return lsp.PrepareRenamePlaceholder(range=to_range(found[1].article.index, start, end, ls.encoding), placeholder=text)


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
async def on_rename(ls: CopydeskServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None or ls.scheduler is None or doc.error:
        raise rename.RenameRefused(doc.error if doc is not None and doc.error else "Copydesk renames in open articles only.")
    analysis = await ls.scheduler.wait_for(doc)
    if analysis is None or doc.current_analysis() is not analysis:
        raise rename.RenameRefused(NOT_READY)
    plan, edits = rename.plan_for(analysis, from_position(doc.index, params.position, ls.encoding), params.new_name)
    changes = [(doc.uri, doc.version, analysis.article.index, edits)]
    if ls.settings.rename_workspace:
        for other in list(ls.documents.docs.values()):
            theirs = other.current_analysis() if other is not doc else None
            if theirs is not None:
                changes.append((other.uri, other.version, theirs.article.index, rename.edits_in(theirs, plan)))
        on_disk = [(u, e) for u, e in ls.workspace_index.indexed_entities() if u not in ls.documents.docs]
        loop = asyncio.get_running_loop()
        changes += await loop.run_in_executor(None, _disk_renames, on_disk, plan, ls.settings.workspace_max_file_bytes)
    ws = ls.client_capabilities.workspace
    versioned = bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)
    return rename.workspace_edit(changes, ls.encoding, versioned)


def _disk_renames(articles, plan: rename.Plan, max_bytes: int):
    """The rename in articles only on disk, read now and checked against what the index saw."""
    out = []
    for uri, entities in articles:
        path = uri_to_path(uri)
        try:
            text = read_article(path, max_bytes).text if path else None
        except InputError:
            continue
        if text is not None:
            out.append((uri, None, LineIndex(text), rename.edits_in_indexed(text, entities, plan)))
    return out
