"""The Copydesk language server: wires documents, the scheduler and the feature modules.

Each LSP feature lives in its own module (hover, symbols, actions, ...); this
module only connects them to pygls and keeps per-client state: the negotiated
position encoding, the settings, and whether the client pulls diagnostics.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from .. import __version__
from ..analysis.pipeline import ArticleAnalysis, WorkspaceContext
from ..findings import Code
from ..settings import Settings, parse_settings
from ..inputs import InputError, read_article
from ..text import Encoding, LineIndex
from .capabilities import drop_unsupported, refresh_views
from .convert import from_position, to_diagnostic
from .documents import DocumentState, DocumentStore, uri_to_path
from .memory import MemoryTrimmer
from .scheduler import Scheduler
from .workspace import WorkspaceIndex

log = logging.getLogger(__name__)
STATUS = "copydesk/status"


class CopydeskProtocol(LanguageServerProtocol):
    """Keeps documents in Copydesk's own store instead of pygls' (see documents.py)."""

    _server: "CopydeskServer"

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class CopydeskServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("copydesk", __version__, protocol_cls=CopydeskProtocol)
        self.documents = DocumentStore()
        self.settings = Settings()
        self.encoding = Encoding.UTF16
        self.pull_diagnostics = False
        self.scheduler: Scheduler | None = None
        self.workspace_index = WorkspaceIndex(self)
        self._disk_indexes: dict[str, tuple[int, LineIndex]] = {}
        self.memory = MemoryTrimmer()

    # -- helpers used by feature modules ------------------------------------------------------
    def status(self, state: str, message: str | None = None) -> None:
        self.protocol.notify(STATUS, {"state": state, **({"message": message} if message else {})})

    def show(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))

    def diagnostics_for(self, doc: DocumentState, analysis: ArticleAnalysis) -> list[lsp.Diagnostic]:
        related = bool(
            self.client_capabilities.text_document
            and self.client_capabilities.text_document.publish_diagnostics
            and self.client_capabilities.text_document.publish_diagnostics.related_information is not False
        )
        index = analysis.article.index
        return [
            to_diagnostic(f, index, self.encoding, doc.uri, self.settings, related, self.index_for)
            for f in analysis.findings
            if self.settings.enabled(f.code)
        ]

    def index_for(self, uri: str) -> LineIndex | None:
        """The line index of another document: the editor's text if open, else the file on disk."""
        doc = self.documents.get(uri)
        if doc is not None:
            return doc.index
        path = uri_to_path(uri)
        if not path:
            return None
        try:
            mtime = os.stat(path).st_mtime_ns
            cached = self._disk_indexes.get(path)
            if cached is None or cached[0] != mtime:
                cached = (mtime, LineIndex(read_article(path, self.settings.workspace_max_file_bytes).text))
                self._disk_indexes[path] = cached
                if len(self._disk_indexes) > 256:
                    self._disk_indexes.pop(next(iter(self._disk_indexes)))
            return cached[1]
        except (OSError, InputError):
            return None

    def context_for(self, doc: DocumentState) -> WorkspaceContext:
        return self.workspace_index.context_for(doc.uri)

    async def on_result(self, doc: DocumentState, analysis: ArticleAnalysis, version: int | None) -> None:
        # The scheduler only hands over results for the text the editor has now, but the version
        # may have moved on with the same text (an undo, an empty change): results belong to it.
        version = doc.analysed_version = doc.version
        # Diagnostics go out first: they are what the user waits for after a keystroke.
        if not self.pull_diagnostics:
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=doc.uri, version=version, diagnostics=self.diagnostics_for(doc, analysis))
            )
        self.workspace_index.document_analysed(doc, analysis)
        ws = self.client_capabilities.workspace
        if ws and ws.semantic_tokens and ws.semantic_tokens.refresh_support:
            # Tokens asked for before the analysis was ready were empty or stale.
            self.workspace_semantic_tokens_refresh(None)
        refresh_views(self)

    def publish_error(self, doc: DocumentState, message: str) -> None:
        diag = lsp.Diagnostic(
            range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), message=message,
            severity=lsp.DiagnosticSeverity.Error, code=Code.INPUT, source="copydesk",
        )
        if not self.pull_diagnostics:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=doc.uri, version=doc.version, diagnostics=[diag]))

    def reanalyse_all(self) -> None:
        if self.scheduler is None:
            return
        for doc in self.documents.docs.values():
            self.scheduler.schedule(doc, 0)
        if self.pull_diagnostics and self._refresh_supported():
            self.workspace_diagnostic_refresh(None)

    def _refresh_supported(self) -> bool:
        ws = self.client_capabilities.workspace
        return bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)

    def apply_settings(self, raw: Any, source: str) -> None:
        settings, problems = parse_settings(raw, self.settings)
        for problem in problems:
            log.warning("%s: %s", source, problem)
        if problems:
            self.show("Copydesk settings: " + "; ".join(problems))
        old = self.settings
        self.settings = settings
        if self.scheduler is not None:
            if settings.model != old.model:
                asyncio.ensure_future(self._switch_model(settings))
            else:
                self.scheduler.settings = settings
        if settings != old:
            self.reanalyse_all()

    async def _switch_model(self, settings: Settings) -> None:
        assert self.scheduler is not None
        await self.scheduler.switch_model(settings)
        if self.scheduler.model_error:
            self.show(self.scheduler.model_error, lsp.MessageType.Error)
        self.reanalyse_all()

    def doc_or_none(self, uri: str) -> DocumentState | None:
        return self.documents.get(uri)

    def analysis_of(self, uri: str) -> tuple[DocumentState, ArticleAnalysis] | None:
        doc = self.documents.get(uri)
        if doc is None or doc.analysis is None:
            return None
        return doc, doc.analysis

    def analysis_at(self, uri: str, position: lsp.Position) -> tuple[DocumentState, ArticleAnalysis, int] | None:
        """The document, its analysis and the offset of ``position``, when the analysis matches the text."""
        found = self.analysis_of(uri)
        if found is None:
            return None
        offset = self.offset_of(found[0], found[1], position)
        return None if offset is None else (found[0], found[1], offset)

    def offset_of(self, doc: DocumentState, analysis: ArticleAnalysis, position: lsp.Position) -> int | None:
        """A position in the editor's text as an offset into the analysed text (None if they differ there)."""
        offset = from_position(doc.index, position, self.encoding)
        if doc.analysed_text is doc.text or doc.analysed_text == doc.text:
            return offset
        return None


server = CopydeskServer()


@server.feature(lsp.INITIALIZE)
def on_initialize(ls: CopydeskServer, params: lsp.InitializeParams) -> None:
    ls.encoding = Encoding(ls.workspace.position_encoding or "utf-16")
    td = params.capabilities.text_document
    ls.pull_diagnostics = bool(td and td.diagnostic)
    ls.apply_settings(params.initialization_options, "initializationOptions")
    if ls.pull_diagnostics:
        mode = ls.settings.diagnostic_mode
        ls.pull_diagnostics = mode != "push"
    ls.scheduler = Scheduler(ls.settings, ls.on_result, ls.context_for, ls.status)
    ls.scheduler.paragraph_users.append(
        lambda: [t for d in ls.documents.docs.values() for t in d.paragraph_texts()]
    )
    # Results made exact after a pause in typing: pull clients must be told to ask again.
    ls.scheduler.on_refined = lambda doc: ls.pull_diagnostics and ls._refresh_supported() and ls.workspace_diagnostic_refresh(None)
    if not ls.pull_diagnostics:
        # Pull is advertised through the capability only when the client uses it.
        ls.protocol.fm.features.pop(lsp.TEXT_DOCUMENT_DIAGNOSTIC, None)
        ls.protocol.fm.feature_options.pop(lsp.TEXT_DOCUMENT_DIAGNOSTIC, None)
    drop_unsupported(ls.protocol.fm.features, ls.protocol.fm.feature_options, params.capabilities)
    log.info("initialize: encoding %s, %s diagnostics", ls.encoding.value, "pull" if ls.pull_diagnostics else "push")


@server.feature(lsp.INITIALIZED)
async def on_initialized(ls: CopydeskServer, params: lsp.InitializedParams) -> None:
    assert ls.scheduler is not None
    _watch_parent(ls)
    await ls.workspace_index.start()
    ok = await ls.scheduler.load_model()
    if not ok:
        ls.show(ls.scheduler.model_error or "spaCy model missing", lsp.MessageType.Error)
        for doc in ls.documents.docs.values():
            ls.publish_error(doc, ls.scheduler.model_error or "spaCy model missing")
        return
    ls.workspace_index.scan_in_background()


def _watch_parent(ls: CopydeskServer) -> None:
    """Exit when the editor that started us has gone (processId from initialize)."""
    pid = ls.process_id
    if not pid:
        return

    async def watch() -> None:
        while True:
            await asyncio.sleep(2)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                log.info("client process %s is gone; exiting", pid)
                os._exit(0)
            except PermissionError:
                pass

    asyncio.ensure_future(watch())


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def on_configuration(ls: CopydeskServer, params: lsp.DidChangeConfigurationParams) -> None:
    raw = params.settings
    if isinstance(raw, dict) and "copydesk" in raw:
        ls.apply_settings(raw["copydesk"], "workspace/didChangeConfiguration")
        return
    ws = ls.client_capabilities.workspace
    if ws and ws.configuration:
        try:
            result = await ls.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="copydesk")])
            )
        except Exception as exc:  # noqa: BLE001 - a client that fails this request keeps the old settings
            log.warning("workspace/configuration failed: %s", exc)
            return
        if result and isinstance(result[0], dict):
            ls.apply_settings(result[0], "workspace/configuration")


def _supported(ls: CopydeskServer, doc: lsp.TextDocumentItem) -> bool:
    lang = (doc.language_id or "").lower()
    return lang in ls.settings.language_ids or doc.uri.lower().endswith((".txt", ".md", ".markdown"))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def on_open(ls: CopydeskServer, params: lsp.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    if not _supported(ls, item) or ls.workspace_index.excluded(item.uri):
        return
    doc = ls.documents.open(item)
    doc.error = _input_problem(ls, doc.text)
    if doc.error:
        ls.publish_error(doc, doc.error)
        return
    if ls.scheduler:
        ls.scheduler.schedule(doc, 0)


def _input_problem(ls: CopydeskServer, text: str) -> str | None:
    """Why a document's text is not analysed at all (too big, binary), or None."""
    limit = ls.settings.max_document_bytes
    if len(text) * 4 > limit:  # a UTF-8 code point is at most 4 bytes: only then count exactly
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limit:
            return f"Copydesk skips this document: {size:,} bytes is over maxDocumentBytes ({limit:,})."
    if "\x00" in text:
        return "Copydesk skips this document: it contains NUL bytes (a binary file?)."
    return None


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def on_change(ls: CopydeskServer, params: lsp.DidChangeTextDocumentParams) -> None:
    doc = ls.documents.change(params, ls.encoding)
    if doc is None or ls.scheduler is None:
        return
    # Checked on every change: the old test looked for the string "NUL" instead of the NUL
    # character, so a binary document was analysed after its first edit.
    problem = _input_problem(ls, doc.text)
    if problem:
        doc.error = problem
        ls.scheduler.cancel(doc.uri)
        ls.publish_error(doc, problem)
        return
    doc.error = None  # a failed analysis is tried again on the new text
    current = doc.current_analysis()
    if current is not None:
        # The text is what was analysed (an empty edit, an undo): its results hold for this
        # version, so publish them now instead of waiting on a run that may be cancelled.
        ls.scheduler.cancel(doc.uri)
        if not ls.pull_diagnostics:
            ls.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=doc.uri, version=doc.version, diagnostics=ls.diagnostics_for(doc, current))
            )
        return
    ls.scheduler.schedule(doc)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def on_close(ls: CopydeskServer, params: lsp.DidCloseTextDocumentParams) -> None:
    doc = ls.documents.close(params.text_document.uri)
    if doc is None:
        return
    if ls.scheduler:
        ls.scheduler.release_document(doc)
    ls.workspace_index.document_closed(doc)
    if not ls.pull_diagnostics:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))
    ls.memory.documents_closed()


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def on_save(ls: CopydeskServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.workspace_index.file_saved(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DIAGNOSTIC, lsp.DiagnosticOptions(identifier="copydesk", inter_file_dependencies=True, workspace_diagnostics=False))
async def on_pull(ls: CopydeskServer, params: lsp.DocumentDiagnosticParams) -> lsp.DocumentDiagnosticReport:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None or ls.scheduler is None:
        return lsp.RelatedFullDocumentDiagnosticReport(items=[])
    if doc.error:
        return lsp.RelatedFullDocumentDiagnosticReport(items=[_error_diag(doc.error)])
    # scheduler.wait_for retries when its run is cancelled by a newer edit, which also swallowed
    # the cancellation of this request; shielding it lets $/cancelRequest end the request now.
    waiter = asyncio.ensure_future(ls.scheduler.wait_for(doc))
    try:
        analysis = await asyncio.shield(waiter)
    except asyncio.CancelledError:
        waiter.cancel()
        raise
    if analysis is None:
        if ls.scheduler.model_error:
            return lsp.RelatedFullDocumentDiagnosticReport(items=[_error_diag(ls.scheduler.model_error)])
        return lsp.RelatedFullDocumentDiagnosticReport(items=[])
    return lsp.RelatedFullDocumentDiagnosticReport(items=ls.diagnostics_for(doc, analysis))


def _error_diag(message: str) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), message=message,
        severity=lsp.DiagnosticSeverity.Error, code=Code.INPUT, source="copydesk",
    )


@server.feature(lsp.SHUTDOWN)
def on_shutdown(ls: CopydeskServer, params: None = None) -> None:
    if ls.scheduler:
        ls.scheduler.shutdown()
    ls.workspace_index.stop()


@server.feature(lsp.EXIT)
def on_exit(ls: CopydeskServer, params: None = None) -> None:
    """Leave at once: a normal exit waits for the NLP worker thread to finish its current parse
    (measured: ~10 s after `exit` during an analysis). The server writes no files, so nothing is lost."""
    code = 0 if getattr(ls.protocol, "_shutdown", False) else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe: we are leaving anyway
            pass
    logging.shutdown()
    os._exit(code)


def start(tcp: str | None = None) -> int:
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
    return 0


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def on_watched_files(ls: CopydeskServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    await ls.workspace_index.watched_files_changed(params)


# Commands live in their own module and register themselves on `server`.
from . import commands, features, newsroom  # noqa: E402,F401  (they register their handlers)
