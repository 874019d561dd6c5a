"""Runs analyses off the event loop, debounced per document; stale results are dropped.

spaCy runs in one worker thread. Paragraphs already parsed come from the
engine's cache, so an edit re-parses only the paragraphs it touched, and of an
edited paragraph only the sentences it touched (a splice onto the previous
parse); the article-level passes then run over the cached records. Big documents
are parsed in chunks so that staleness is noticed early and hover stays answered.

A spliced parse can differ a little from a whole-paragraph parse, which is what
`copydesk check` does. After a pause in typing, the spliced paragraphs of a
document are parsed whole and its results published again if they changed, so
the editor and the command line agree at rest.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor

from ..analysis.pipeline import ArticleAnalysis, WorkspaceContext, analyse_parsed
from ..article import Article
from ..nlp import Engine, ModelNotAvailable
from ..settings import Settings
from ..splice import changed_pairs
from .documents import DocumentState

log = logging.getLogger(__name__)

CHUNK_PARAGRAPHS = 64
# Documents longer than this are parsed one job per chunk of about this many characters
# (~0.5 s of spaCy here), so hover and other documents' analyses get the worker in between.
CHUNK_CHARS = 8_000
# Spliced paragraphs are parsed whole once a document has had no edit for this long.
REFINE_DELAY_S = 1.5
# COPYDESK_SPLICE=0 parses every edited paragraph whole (for A/B measurements).
SPLICE = os.environ.get("COPYDESK_SPLICE", "1") != "0"


def _chunks(texts: list[str], size: int) -> list[list[str]]:
    out: list[list[str]] = [[]]
    total = 0
    for text in texts:
        if out[-1] and (total + len(text) > size or len(out[-1]) >= CHUNK_PARAGRAPHS):
            out.append([])
            total = 0
        out[-1].append(text)
        total += len(text)
    return out


def _same_results(a: ArticleAnalysis, b: ArticleAnalysis) -> bool:
    return (a.findings, a.entities, a.attributions, a.variant_groups) == (b.findings, b.entities, b.attributions, b.variant_groups)


def _still_current(doc: DocumentState, text: str) -> Callable[[], bool]:
    """Whether work on ``text`` still matters: the document has it and is open (a closed
    document's work is stale too, so a 5 MB file does not keep the worker after close)."""
    return lambda: not getattr(doc, "released", False) and (doc.text is text or doc.text == text)


class Stale(Exception):
    """The document changed while it was being analysed."""


class Scheduler:
    def __init__(
        self,
        settings: Settings,
        on_result: Callable[[DocumentState, ArticleAnalysis, int | None], Awaitable[None]],
        context_for: Callable[[DocumentState], WorkspaceContext],
        on_state: Callable[[str, str | None], None] = lambda state, message: None,
    ) -> None:
        self.settings = settings
        self.engine = Engine(settings.model)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copydesk-nlp")
        self.on_result = on_result
        self.context_for = context_for
        self.on_state = on_state
        self.model_error: str | None = None
        self._pending: dict[str, asyncio.Task] = {}
        self._running: dict[str, asyncio.Future] = {}
        self._refining: dict[str, asyncio.Task] = {}
        self.refine_delay = REFINE_DELAY_S
        self.splice = SPLICE
        # Called after a refined analysis replaced the published one (pull clients need a refresh).
        self.on_refined: Callable[[DocumentState], None] = lambda doc: None
        self._loaded = asyncio.Event()
        self.timings: list[float] = []
        # Who else holds paragraphs in the cache (other open documents); set by the server.
        self.paragraph_users: list[Callable[[], list[str]]] = []

    # -- model ---------------------------------------------------------------------------------
    async def load_model(self) -> bool:
        loop = asyncio.get_running_loop()
        self.on_state("loading", f"loading spaCy model {self.engine.model_name}")
        try:
            await loop.run_in_executor(self.executor, self._load_blocking)
        except ModelNotAvailable as exc:
            self.model_error = str(exc)
            self.on_state("error", self.model_error)
            return False
        finally:
            self._loaded.set()
        self.model_error = None
        self.on_state("ready", None)
        return True

    def _load_blocking(self) -> None:
        from .. import gazetteer

        gc.unfreeze()  # a model switched away from can be collected
        self.engine.load()
        gazetteer.warm()
        # A first tiny parse pays spaCy's lazy initialisation before a user waits on it.
        self.engine.parse(["Copydesk warms up."])
        self.engine.forget(["Copydesk warms up."])
        # The model, the gazetteer and the modules live as long as the server: out of the
        # collector's sight, a full collection during typing takes ~0.1 ms instead of ~80 ms.
        gc.freeze()

    async def switch_model(self, settings: Settings) -> None:
        self.settings = settings
        if settings.model != self.engine.model_name:
            self.engine = Engine(settings.model)
            self._loaded = asyncio.Event()
            await self.load_model()

    # -- scheduling ----------------------------------------------------------------------------
    def schedule(self, doc: DocumentState, delay_ms: int | None = None) -> None:
        """Analyse ``doc`` after the debounce delay; a newer call replaces an older one."""
        pending = self._pending.pop(doc.uri, None)
        if pending is not None and not pending.done():
            pending.cancel()
        self._cancel_refine(doc.uri)
        delay = (self.settings.debounce_ms if delay_ms is None else delay_ms) / 1000
        self._pending[doc.uri] = asyncio.ensure_future(self._debounced(doc, delay))

    def cancel(self, uri: str) -> None:
        # A waiting refinement stays: it checks the text itself, and an undo back to the
        # analysed text (which cancels the run) still wants the exact parse after the pause.
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

    async def wait_for(self, doc: DocumentState, timeout: float = 30.0) -> ArticleAnalysis | None:
        """The analysis of the current text, waiting for a pending run if needed (pull diagnostics)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = doc.current_analysis()
            if current is not None or doc.error or self.model_error:
                return current
            if doc.uri not in self._pending or self._pending[doc.uri].done():
                self.schedule(doc, 0)
            try:
                await asyncio.wait_for(asyncio.shield(self._pending[doc.uri]), timeout=max(0.01, deadline - time.monotonic()))
            except (asyncio.CancelledError, asyncio.TimeoutError):
                await asyncio.sleep(0.01)
            except Exception:  # noqa: BLE001 - the run logged it already
                return None
        return doc.current_analysis()

    async def _debounced(self, doc: DocumentState, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        await self._loaded.wait()
        if self.model_error:
            return
        await self.run_now(doc)

    async def run_now(self, doc: DocumentState) -> ArticleAnalysis | None:
        text, version = doc.text, doc.version
        loop = asyncio.get_running_loop()
        context = self.context_for(doc)
        # The paragraphs of the last analysis: an edited paragraph is spliced onto its old parse.
        before = doc.paragraph_texts() if self.splice else []
        is_current = _still_current(doc, text)
        started = time.perf_counter()
        self.on_state("analysing", None)
        try:
            if len(text) <= CHUNK_CHARS:
                analysis = await loop.run_in_executor(
                    self.executor, self._analyse_blocking, text, doc.markdown, context, is_current, before
                )
            else:
                analysis = await self._analyse_in_chunks(text, doc.markdown, context, is_current, before)
        except Stale:
            log.debug("dropped a stale analysis of %s v%s", doc.uri, version)
            return None
        except ModelNotAvailable as exc:
            self.model_error = str(exc)
            self.on_state("error", self.model_error)
            return None
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the server
            log.exception("analysis of %s failed", doc.uri)
            doc.error = f"Copydesk could not analyse this document: {exc}"
            self.on_state("error", doc.error)
            return None
        if not is_current():
            log.debug("dropped a finished but stale analysis of %s v%s", doc.uri, version)
            return None
        # Same text as now, so the result holds for the version the editor has now (an undo
        # back to this text under a newer version must not get the older version number).
        version = doc.version
        self.on_state("ready", None)
        self.timings.append(time.perf_counter() - started)
        del self.timings[:-200]
        previous = doc.paragraph_texts()
        doc.analysis, doc.analysed_version, doc.analysed_text, doc.error = analysis, version, text, None
        self._release(previous, doc)
        await self.on_result(doc, analysis, version)
        if self.engine.approximate(doc.paragraph_texts()):
            self._refine_later(doc)
        return analysis

    def _analyse_blocking(
        self, text: str, markdown: bool, context: WorkspaceContext, is_current, before: list[str]
    ) -> ArticleAnalysis:
        article = Article(text, markdown)
        texts = [p.text for p in article.paragraphs]
        similar = changed_pairs(before, texts) if before else {}
        parsed = []
        for start in range(0, len(texts), CHUNK_PARAGRAPHS):
            if not is_current():
                raise Stale()
            parsed.extend(self.engine.parse(texts[start : start + CHUNK_PARAGRAPHS], similar))
        if not is_current():
            raise Stale()
        return analyse_parsed(article, parsed, self.settings, context)

    async def _analyse_in_chunks(
        self, text: str, markdown: bool, context: WorkspaceContext, is_current, before: list[str]
    ) -> ArticleAnalysis:
        """A big document, one chunk of paragraphs per job: other documents' jobs queue in between."""
        loop = asyncio.get_running_loop()
        article = await loop.run_in_executor(self.executor, Article, text, markdown)
        texts = [p.text for p in article.paragraphs]
        similar = changed_pairs(before, texts) if before else {}
        parsed: list = []
        for chunk in _chunks(texts, CHUNK_CHARS):
            if not is_current():
                raise Stale()
            parsed.extend(await loop.run_in_executor(self.executor, self.engine.parse, chunk, similar))
        if not is_current():
            raise Stale()
        return await loop.run_in_executor(self.executor, analyse_parsed, article, parsed, self.settings, context)

    # -- exact again after a pause ------------------------------------------------------------
    def _refine_later(self, doc: DocumentState) -> None:
        self._cancel_refine(doc.uri)
        self._refining[doc.uri] = asyncio.ensure_future(self._refine(doc))

    def _cancel_refine(self, uri: str) -> None:
        task = self._refining.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()

    def _busy(self) -> bool:
        return any(not task.done() for task in self._pending.values())

    async def _refine(self, doc: DocumentState) -> None:
        """After a pause, parse the document's spliced paragraphs whole; publish if that changed anything."""
        await asyncio.sleep(self.refine_delay)
        while self._busy():  # behind every analysis waiting or running
            await asyncio.sleep(self.refine_delay / 4)
        analysis, text = doc.current_analysis(), doc.text
        if analysis is None or self.model_error:
            return  # an edit is on its way; its own run refines later
        is_current = _still_current(doc, text)
        context = self.context_for(doc)
        loop = asyncio.get_running_loop()
        try:
            refined = await loop.run_in_executor(self.executor, self._refine_blocking, analysis, context, is_current)
        except Stale:
            return
        except Exception:  # noqa: BLE001 - the spliced results stand; the next edit tries again
            log.exception("refining the analysis of %s failed", doc.uri)
            return
        if refined is None or not is_current() or doc.analysis is not analysis:
            return
        doc.analysis = refined
        if _same_results(analysis, refined):
            return  # parses differed in details no finding or entity depends on: nothing to publish
        log.debug("refined %s v%s: the whole parses changed its results", doc.uri, doc.version)
        await self.on_result(doc, refined, doc.version)
        self.on_refined(doc)

    def _refine_blocking(self, analysis: ArticleAnalysis, context: WorkspaceContext, is_current) -> ArticleAnalysis | None:
        """The analysis again from whole-paragraph parses, or None if they equal the spliced ones."""
        texts = [p.text for p in analysis.article.paragraphs]
        changed = False
        for text in self.engine.approximate(texts):
            if not is_current():
                raise Stale()  # one paragraph at a time: a new edit waits for at most one parse
            changed = self.engine.refine(text) or changed
        if not changed or not is_current():
            return None
        return analyse_parsed(analysis.article, self.engine.parse(texts), self.settings, context)

    # -- memory --------------------------------------------------------------------------------
    def _release(self, previous: list[str], doc: DocumentState) -> None:
        """Forget paragraphs that left a document, unless another open document still has them."""
        if not previous:
            return
        kept = set(doc.paragraph_texts())
        gone = [t for t in previous if t not in kept]
        if gone:
            self._forget_unused(gone)

    def _forget_unused(self, texts: list[str]) -> None:
        used: set[str] = set()
        for provider in self.paragraph_users:
            used.update(provider())
        self.engine.forget(t for t in texts if t not in used)

    def release_document(self, doc: DocumentState) -> None:
        self.cancel(doc.uri)
        self._cancel_refine(doc.uri)
        doc.released = True  # type: ignore[attr-defined]  # read by is_current in run_now
        self._forget_unused(doc.paragraph_texts())

    def shutdown(self) -> None:
        for task in [*self._pending.values(), *self._refining.values()]:
            task.cancel()
        self.executor.shutdown(wait=False, cancel_futures=True)
