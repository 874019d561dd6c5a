"""Helpers for end-to-end tests that drive `copydesk serve` over stdio with pytest-lsp."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "copydesk", "serve"])
CLIENTS = {
    # VS Code offers no positionEncodings (so utf-16) and only push diagnostics.
    "vscode": "visual-studio-code@v1.65.2",
    # Neovim 0.11 prefers utf-8 and pulls diagnostics.
    "neovim": "neovim@v0.11.0",
}


def encoding_of(client_name: str) -> str:
    return "utf-8" if client_name == "neovim" else "utf-16"


async def start(client: LanguageClient, name: str, root: Path | None = None, options: dict | None = None) -> lsp.InitializeResult:
    caps = client_capabilities(CLIENTS[name])
    params = lsp.InitializeParams(
        capabilities=caps,
        initialization_options=options or {},
        root_uri=root.as_uri() if root else None,
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name=root.name)] if root else None,
        process_id=None,
    )
    return await client.initialize_session(params)


def uses_pull(client: LanguageClient) -> bool:
    caps = client.capabilities
    return bool(caps and caps.text_document and caps.text_document.diagnostic)


async def open_doc(client: LanguageClient, uri: str, text: str, language: str = "plaintext", version: int = 1) -> None:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri=uri, language_id=language, version=version, text=text))
    )


async def diagnostics(client: LanguageClient, uri: str, version: int | None = None, timeout: float = 60) -> list[lsp.Diagnostic]:
    """The server's diagnostics for ``uri`` (at ``version`` for push clients), however the client gets them."""
    if uses_pull(client):
        report = await asyncio.wait_for(
            client.text_document_diagnostic_async(lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri))),
            timeout,
        )
        return list(report.items)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        params = client.published.get(uri) if hasattr(client, "published") else None
        if params is not None and (version is None or params.version == version):
            return list(params.diagnostics)
        await asyncio.sleep(0.02)
    raise TimeoutError(f"no diagnostics for {uri} v{version}")


def track_versions(client: LanguageClient) -> None:
    """Record whole publishDiagnostics params (pytest-lsp keeps only the list)."""
    client.published = {}  # type: ignore[attr-defined]
    client.all_published = []  # type: ignore[attr-defined]
    client.protocol.fm.features.pop(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, None)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _on_publish(params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published[params.uri] = params  # type: ignore[attr-defined]
        client.all_published.append(params)  # type: ignore[attr-defined]

    @client.feature("copydesk/status")
    def _on_status(params) -> None:
        pass

    client.applied_edits = []  # type: ignore[attr-defined]
    # The server asks clients that declare refresh support to pull again after an analysis.
    refreshes = {
        lsp.WORKSPACE_SEMANTIC_TOKENS_REFRESH: "token_refreshes",
        lsp.WORKSPACE_CODE_LENS_REFRESH: "lens_refreshes",
        lsp.WORKSPACE_INLAY_HINT_REFRESH: "hint_refreshes",
    }
    for method, counter in refreshes.items():
        setattr(client, counter, 0)
        if method not in client.protocol.fm.features:
            client.feature(method)(_counter(client, counter))

    if lsp.WORKSPACE_APPLY_EDIT not in client.protocol.fm.features:
        @client.feature(lsp.WORKSPACE_APPLY_EDIT)
        def _on_apply_edit(params: lsp.ApplyWorkspaceEditParams) -> lsp.ApplyWorkspaceEditResult:
            client.applied_edits.append(params.edit)  # type: ignore[attr-defined]
            return lsp.ApplyWorkspaceEditResult(applied=True)

    # Real editors accept dynamic registration (file watchers); the test client must too.
    if lsp.CLIENT_REGISTER_CAPABILITY not in client.protocol.fm.features:
        @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def _on_register(params: lsp.RegistrationParams) -> None:
            client.registrations = getattr(client, "registrations", []) + list(params.registrations)  # type: ignore[attr-defined]


def _counter(client: LanguageClient, name: str):
    def count(params=None) -> None:
        setattr(client, name, getattr(client, name) + 1)

    return count


def text_at(text: str, rng: lsp.Range, encoding: str) -> str:
    """The slice of ``text`` a range covers, counting columns in ``encoding``."""
    from copydesk.text import Encoding, LineIndex

    index = LineIndex(text)
    enc = Encoding(encoding)
    start = index.offset(rng.start.line, rng.start.character, enc)
    end = index.offset(rng.end.line, rng.end.character, enc)
    return text[start:end]


def position_of(text: str, needle: str, encoding: str, occurrence: int = 0) -> lsp.Position:
    from copydesk.text import Encoding, LineIndex

    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index(needle, offset + 1)
    pos = LineIndex(text).position(offset, Encoding(encoding))
    return lsp.Position(pos.line, pos.character)
