"""workspace/executeCommand handlers: normalising an article, and a test-only state view."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from .server import CopydeskServer, server

CMD_DEBUG_STATE = "copydesk.debug.documentState"
CMD_NORMALISE = "copydesk.normaliseArticle"


def _doc_arg(ls: CopydeskServer, args: tuple[Any, ...]):
    uri = args[0] if args else None
    if isinstance(uri, dict):
        uri = uri.get("uri")
    return ls.documents.get(uri) if isinstance(uri, str) else None


@server.command(CMD_DEBUG_STATE)
def debug_state(ls: CopydeskServer, *args: Any) -> dict[str, Any] | None:
    """Test-only view of what the server holds for a document (its text and versions)."""
    doc = _doc_arg(ls, args)
    if doc is None:
        return None
    return {
        "uri": doc.uri, "text": doc.text, "version": doc.version,
        "analysedVersion": doc.analysed_version, "error": doc.error,
        "cachedParagraphs": ls.scheduler.engine.cache_len() if ls.scheduler else 0,
        "parsedParagraphs": ls.scheduler.engine.parsed_count if ls.scheduler else 0,
    }


@server.command(CMD_NORMALISE)
async def normalise_article(ls: CopydeskServer, *args: Any) -> dict[str, Any]:
    """Apply the house style and the article's majority spellings to one document, as one edit."""
    doc = _doc_arg(ls, args)
    if doc is None or ls.scheduler is None:
        return {"applied": False, "edits": 0, "reason": "document not open"}
    analysis = await ls.scheduler.wait_for(doc)
    if analysis is None:
        return {"applied": False, "edits": 0, "reason": doc.error or ls.scheduler.model_error or "not analysed"}
    from .variant_actions import normalise_edit

    edit = normalise_edit(ls, doc, analysis, majority=True)
    if edit is None:
        return {"applied": False, "edits": 0, "reason": "nothing to normalise"}
    result = await ls.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(edit=edit, label="Normalise names"))
    count = sum(len(d.edits) for d in edit.document_changes or []) or sum(len(v) for v in (edit.changes or {}).values())
    return {"applied": bool(result and result.applied), "edits": count}
