"""A small asyncio LSP client for the benchmark: drives `copydesk serve` over stdio like an editor.

It offers VS Code's capabilities (utf-16, push diagnostics) and records every
publishDiagnostics with its version and arrival time, so a figure can be read
as "the time from sending a change to receiving the diagnostics for it".
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pytest_lsp import client_capabilities

VSCODE = "visual-studio-code@v1.65.2"
SERVER_COMMAND = [sys.executable, "-m", "copydesk", "serve"]


class BenchClient(LanguageClient):
    def __init__(self) -> None:
        super().__init__("copydesk-bench", "1")
        self.published: dict[str, lsp.PublishDiagnosticsParams] = {}
        self.arrivals: dict[tuple[str, int | None], float] = {}  # (uri, version) -> first arrival
        self.publish_count: dict[str, int] = {}
        self._changed = asyncio.Event()
        self.stderr_tail: list[bytes] = []
        self.started_at = 0.0

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: lsp.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            self.published[params.uri] = params
            self.arrivals.setdefault((params.uri, params.version), now)
            self.publish_count[params.uri] = self.publish_count.get(params.uri, 0) + 1
            self._changed.set()

        @self.feature("copydesk/status")
        def _status(params) -> None:
            pass

        @self.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def _register(params: lsp.RegistrationParams) -> None:
            return None

        @self.feature(lsp.WINDOW_SHOW_MESSAGE)
        def _show(params) -> None:
            pass

        # VS Code answers the refresh requests the server sends after each analysis.
        @self.feature(lsp.WORKSPACE_CODE_LENS_REFRESH)
        def _lens_refresh(params=None) -> None:
            return None

        @self.feature(lsp.WORKSPACE_INLAY_HINT_REFRESH)
        def _hint_refresh(params=None) -> None:
            return None

        @self.feature(lsp.WORKSPACE_SEMANTIC_TOKENS_REFRESH)
        def _tokens_refresh(params=None) -> None:
            return None

    # -- process -------------------------------------------------------------------------------
    async def launch(self, root: Path | None = None, options: dict | None = None) -> lsp.InitializeResult:
        self.started_at = time.perf_counter()
        await self.start_io(*SERVER_COMMAND)
        assert self._server is not None
        asyncio.ensure_future(self._drain_stderr())
        params = lsp.InitializeParams(
            capabilities=client_capabilities(VSCODE),
            initialization_options={"diagnosticMode": "push", **(options or {})},
            root_uri=root.as_uri() if root else None,
            workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name=root.name)] if root else None,
            process_id=None,
        )
        result = await self.initialize_async(params)
        self.initialized(lsp.InitializedParams())
        return result

    async def _drain_stderr(self) -> None:
        # An unread stderr pipe would fill up and block the server's logging.
        assert self._server is not None and self._server.stderr is not None
        while line := await self._server.stderr.readline():
            self.stderr_tail.append(line)
            del self.stderr_tail[:-50]

    @property
    def pid(self) -> int:
        assert self._server is not None
        return self._server.pid

    def rss_mb(self) -> float:
        """The server's resident memory (VmRSS) in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    async def close_session(self) -> None:
        try:
            await asyncio.wait_for(self.shutdown_async(None), 10)
            self.exit(None)
        except Exception:  # noqa: BLE001 - a server that does not answer is killed below
            pass
        try:
            await asyncio.wait_for(self.stop(), 10)
        except Exception:  # noqa: BLE001
            if self._server and self._server.returncode is None:
                self._server.kill()

    # -- documents -----------------------------------------------------------------------------
    def open(self, uri: str, text: str, version: int = 1) -> float:
        sent = time.perf_counter()
        self.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=version, text=text))
        )
        return sent

    def close(self, uri: str) -> None:
        self.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))

    def insert(self, uri: str, version: int, line: int, character: int, new_text: str) -> float:
        sent = time.perf_counter()
        pos = lsp.Position(line, character)
        self.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangePartial(range=lsp.Range(pos, pos), text=new_text)],
            )
        )
        return sent

    def replace_all(self, uri: str, version: int, text: str) -> float:
        sent = time.perf_counter()
        self.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return sent

    async def diagnostics_at(self, uri: str, version: int | None, timeout: float = 120) -> float:
        """Wait for diagnostics of ``uri`` at ``version``; returns their arrival time."""
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.arrivals:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                tail = b"".join(self.stderr_tail[-10:]).decode(errors="replace")
                raise TimeoutError(f"no diagnostics for {uri} v{version}; server stderr:\n{tail}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except asyncio.TimeoutError:
                pass
        return self.arrivals[(uri, version)]

    async def hover_at(self, uri: str, line: int, character: int) -> tuple[float, lsp.Hover | None]:
        sent = time.perf_counter()
        result = await self.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, character))
        )
        return time.perf_counter() - sent, result

    async def configure(self, settings: dict) -> None:
        self.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={"copydesk": settings}))
        await asyncio.sleep(0.05)

    async def debug_state(self, uri: str) -> dict:
        return await self.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="copydesk.debug.documentState", arguments=[uri])
        )
