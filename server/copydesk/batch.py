"""Analysing many files at once for the CLI: ``nlp.pipe`` batches and worker processes.

Files are read and analysed in chunks; each chunk's paragraphs go through spaCy
in one ``pipe`` call. With ``jobs > 1`` chunks are spread over forked worker
processes, each with its own model.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .analysis.pipeline import ArticleAnalysis, WorkspaceContext, analyse_parsed
from .article import Article
from .inputs import InputError, Source, expand_paths, read_article
from .nlp import Engine
from .settings import Settings

CHUNK = 16


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


def _analyse_chunk(
    paths: list[str], engine: Engine, settings: Settings, summarise: Summarise, context: WorkspaceContext | None
) -> list[FileResult]:
    results: list[FileResult] = []
    loaded: list[tuple[Source, Article]] = []
    for path in paths:
        try:
            source = read_article(path, settings.max_document_bytes)
        except InputError as exc:
            results.append(FileResult(path, error=str(exc)))
            continue
        loaded.append((source, Article(source.text, source.markdown)))
    texts = [p.text for _, article in loaded for p in article.paragraphs]
    parsed = engine.parse(texts)
    k = 0
    for source, article in loaded:
        n = len(article.paragraphs)
        analysis = analyse_parsed(article, parsed[k : k + n], settings, context)
        k += n
        results.append(FileResult(source.path, source.text, payload=summarise(source, analysis)))
    # Keep input order: errors were appended first.
    order = {p: i for i, p in enumerate(paths)}
    results.sort(key=lambda r: order[r.path])
    engine.forget(texts)  # a batch run never sees the same paragraph twice in practice
    return results


def _init_worker(model: str, settings: Settings, summarise: Summarise, context: WorkspaceContext | None) -> None:
    global _worker_engine, _worker_settings, _worker_summarise, _worker_context
    _worker_engine = Engine(model)
    _worker_engine.load()
    _worker_settings, _worker_summarise, _worker_context = settings, summarise, context


def _worker_run(paths: list[str]) -> list[FileResult]:
    assert _worker_engine and _worker_settings and _worker_summarise
    return _analyse_chunk(paths, _worker_engine, _worker_settings, _worker_summarise, _worker_context)


def collect(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    files, errors = [], []
    for path, error in expand_paths(paths):
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
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    jobs = max(1, min(jobs, len(chunks) or 1))
    if jobs == 1:
        engine = engine or Engine(settings.model)
        for chunk in chunks:
            yield from _analyse_chunk(chunk, engine, settings, summarise, context)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(jobs, _init_worker, (settings.model, settings, summarise, context)) as pool:
        for results in pool.imap(_worker_run, chunks):
            yield from results


def default_jobs() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
