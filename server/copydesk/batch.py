"""Analysing many files at once for the CLI: ``nlp.pipe`` batches and worker processes.

Files are read and analysed in chunks; each chunk's paragraphs go through spaCy
in one ``pipe`` call. With ``jobs > 1`` chunks are spread over worker processes.
Where processes fork, the model is loaded once in the parent before the fork and
the workers share it (copy-on-write) instead of each importing spaCy and loading
it again (~1.5 s of CPU per worker, which on a busy machine is wall time too).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .analysis.pipeline import ArticleAnalysis, WorkspaceContext, analyse_parsed
from .article import Article
from .inputs import InputError, Source, expand_paths, read_article
from .nlp import Engine
from .settings import Settings

CHUNK = 16
# Files per task when workers share the run: small, so no worker is left with a long last
# task while the others idle (a 4-file chunk is still one spaCy batch of ~40 paragraphs).
JOB_CHUNK = 4
# Native thread pools (OpenBLAS, OpenMP, MKL) sized to the machine would give every worker
# extra threads competing with the other workers for the same cores.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class FileResult:
    path: str
    text: str | None = None
    error: str | None = None
    payload: Any = None  # what the command's `summarise` returned


Summarise = Callable[[Source, ArticleAnalysis], Any]

_worker_engine: Engine | None = None
_worker_settings: Settings | None = None
_worker_summarise: Summarise | None = None
_worker_context: WorkspaceContext | None = None
_inherited_engine: Engine | None = None  # loaded by the parent before forking


def analyse_chunk(
    paths: list[str],
    engine: Engine,
    settings: Settings,
    summarise: Summarise,
    context: WorkspaceContext | None,
    read: Callable[[str, int], Source] = read_article,
) -> list[FileResult]:
    """Read and analyse ``paths`` with one spaCy batch; one result per path, in order."""
    results: list[FileResult] = []
    loaded: list[tuple[Source, Article]] = []
    for path in paths:
        try:
            source = read(path, settings.max_document_bytes)
        except InputError as exc:
            results.append(FileResult(path, error=str(exc)))
            continue
        loaded.append((source, Article(source.text, source.markdown)))
    texts = [p.text for _, article in loaded for p in article.paragraphs]
    parsed = engine.parse(texts)
    k = 0
    for source, article in loaded:
        n = len(article.paragraphs)
        try:
            analysis = analyse_parsed(article, parsed[k : k + n], settings, context)
            payload = summarise(source, analysis)
        except Exception as exc:  # noqa: BLE001 - a bug met on one file must not cost the user the others
            traceback.print_exc(file=sys.stderr)
            results.append(FileResult(source.path, error=f"{source.path}: internal error while analysing ({type(exc).__name__}: {exc}); please report it"))
        else:
            results.append(FileResult(source.path, source.text, payload=payload))
        k += n
    # Keep input order: errors were appended first.
    order = {p: i for i, p in enumerate(paths)}
    results.sort(key=lambda r: order[r.path])
    engine.forget(texts)  # a batch run never sees the same paragraph twice in practice
    return results


def _init_worker(model: str, settings: Settings, summarise: Summarise, context: WorkspaceContext | None) -> None:
    global _worker_engine, _worker_settings, _worker_summarise, _worker_context
    inherited = _inherited_engine
    _worker_engine = inherited if inherited is not None and inherited.model_name == model else Engine(model)
    _worker_engine.load()
    _worker_settings, _worker_summarise, _worker_context = settings, summarise, context


def _worker_run(paths: list[str]) -> list[FileResult]:
    assert _worker_engine and _worker_settings and _worker_summarise
    return analyse_chunk(paths, _worker_engine, _worker_settings, _worker_summarise, _worker_context)


def collect(paths: Iterable[str], exclude=None) -> tuple[list[str], list[FileResult]]:
    """Article files under ``paths``, less those ``exclude`` (an exclude.Excluder) leaves out."""
    files, errors = [], []
    for path, error in expand_paths(paths):
        if exclude and exclude.excluded(path):
            continue
        if error is not None:
            errors.append(FileResult(path, error=str(error)))
        else:
            files.append(path)
    return files, errors


def run(
    files: list[str],
    settings: Settings,
    summarise: Summarise,
    jobs: int = 1,
    context: WorkspaceContext | None = None,
    engine: Engine | None = None,
) -> Iterator[FileResult]:
    """Analyse ``files`` and yield one result per file, in order."""
    if jobs <= 1 or len(files) <= JOB_CHUNK:
        engine = engine or Engine(settings.model)
        for start in range(0, len(files), CHUNK):
            yield from analyse_chunk(files[start : start + CHUNK], engine, settings, summarise, context)
        return
    chunks = [files[i : i + JOB_CHUNK] for i in range(0, len(files), JOB_CHUNK)]
    jobs = min(jobs, len(chunks))
    global _inherited_engine
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        _one_native_thread_per_worker()
        engine = engine or Engine(settings.model)
        engine.load()  # a missing model is reported here, once, not by every worker
        _warm_gazetteer()
        _inherited_engine = engine
        # The model's objects live as long as the run: kept out of the collector's passes, a
        # worker's full collection does not touch (and so copy) every page it shares with us.
        gc.collect()
        gc.freeze()
    ctx = multiprocessing.get_context(method)
    try:
        with ctx.Pool(jobs, _init_worker, (settings.model, settings, summarise, context)) as pool:
            for results in pool.imap(_worker_run, chunks):
                yield from results
    finally:
        _inherited_engine = None
        if method == "fork":
            gc.unfreeze()


def _one_native_thread_per_worker() -> None:
    """Ask for one native thread per process, unless the user chose; only before numpy is
    imported (its thread pools read these once, when they load)."""
    if "numpy" in sys.modules:
        return
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def _warm_gazetteer() -> None:
    try:
        from . import gazetteer

        gazetteer.warm()
    except Exception:  # noqa: BLE001 - the workers load it lazily again
        pass


def default_jobs() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
