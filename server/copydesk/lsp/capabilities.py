"""Which optional features to advertise: only those the client says it can use.

pygls builds the server capabilities from the registered handlers after the
initialize handler runs, so a feature the client lacks is unregistered there.
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types as lsp

_Caps = lsp.ClientCapabilities


def _td(caps: _Caps, name: str) -> bool:
    return bool(caps.text_document and getattr(caps.text_document, name, None) is not None)


def _ws(caps: _Caps, name: str) -> bool:
    return bool(caps.workspace and getattr(caps.workspace, name, None) is not None)


OPTIONAL: dict[str, Callable[[_Caps], bool]] = {
    lsp.TEXT_DOCUMENT_INLAY_HINT: lambda c: _td(c, "inlay_hint"),
    lsp.TEXT_DOCUMENT_CODE_LENS: lambda c: _td(c, "code_lens"),
    lsp.TEXT_DOCUMENT_RENAME: lambda c: _td(c, "rename"),
    lsp.TEXT_DOCUMENT_PREPARE_RENAME: lambda c: bool(_td(c, "rename") and c.text_document.rename.prepare_support),
    lsp.TEXT_DOCUMENT_DEFINITION: lambda c: _td(c, "definition"),
    lsp.WORKSPACE_SYMBOL: lambda c: _ws(c, "symbol"),
}


def drop_unsupported(features: dict, options: dict, caps: _Caps) -> list[str]:
    """Unregister the optional features ``caps`` does not mention; return their methods."""
    dropped = []
    for method, supported in OPTIONAL.items():
        if method in features and not supported(caps):
            features.pop(method, None)
            options.pop(method, None)
            dropped.append(method)
    return dropped


def refresh_views(ls) -> None:
    """After a new analysis: ask the client to pull lenses and inlay hints again, if it can."""
    ws = ls.client_capabilities.workspace
    if ws is None:
        return
    if ws.code_lens and ws.code_lens.refresh_support and lsp.TEXT_DOCUMENT_CODE_LENS in ls.protocol.fm.features:
        ls.workspace_code_lens_refresh(None)
    if ws.inlay_hint and ws.inlay_hint.refresh_support and lsp.TEXT_DOCUMENT_INLAY_HINT in ls.protocol.fm.features:
        ls.workspace_inlay_hint_refresh(None)
