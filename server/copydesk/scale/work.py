"""What runs on a Dask worker: load the model once, analyse a chunk, write its shard and tally.

Each chunk is analysed exactly as `copydesk check` analyses files (``batch.analyse_chunk``:
one spaCy batch per chunk, the same passes and the same JSON writers), so a file's line in a
shard holds the same objects as the CLI's JSON contracts. The shard and the tally are
written beside their final names and renamed into place: a worker killed half-way leaves
no half shard, and the scheduler runs the chunk again on another worker.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin, get_worker

from .. import batch
from ..analysis.pipeline import ArticleAnalysis, WorkspaceContext
from ..cli.check import _diagnostics, _input_error_entry
from ..cli.formats import entities_json
from ..inputs import Source, decode_article, read_bytes
from ..nlp import Engine
from ..settings import Settings
from . import tally
from .plan import SHARDS, TALLIES, write_atomic

WHAT = ("check", "entities", "attributions")
PLUGIN_NAME = "copydesk-model"

_engines: dict[str, Engine] = {}
# One chunk at a time on a process's model: a worker given several threads still parses
# serially (spaCy holds the GIL for most of a parse anyway).
_engine_lock = threading.Lock()


def engine_for(model: str) -> Engine:
    """The worker process's engine for ``model``, loaded on first use and kept."""
    with _engine_lock:
        engine = _engines.get(model)
        if engine is None:
            engine = Engine(model)
            engine.load()
            try:
                from .. import gazetteer

                gazetteer.warm()
            except Exception:  # noqa: BLE001 - loaded lazily on first lookup instead
                pass
            _engines[model] = engine
        return engine


class ModelPlugin(WorkerPlugin):
    """Loads the model when a worker starts (and when the nanny restarts a dead one), so
    the first chunk does not pay for it and a missing model shows up at once."""

    name = PLUGIN_NAME

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker) -> None:  # noqa: ARG002 - the engine is per process, not per worker object
        engine_for(self.model)


@dataclass(frozen=True)
class Job:
    """What every chunk task of one run shares (pickled once per task; small)."""

    out_dir: str
    base_dir: str  # the client's working directory: relative paths are read from there
    what: tuple[str, ...]
    settings: Settings
    style: object | None  # HouseStyle


class _Summary:
    """The per-file object (the CLI's JSON contracts side by side) and the file's tally."""

    def __init__(self, what: tuple[str, ...], settings: Settings) -> None:
        self.what, self.settings = what, settings

    def __call__(self, source: Source, analysis: ArticleAnalysis) -> dict[str, Any]:
        entry: dict[str, Any] = {"path": source.path}
        if "check" in self.what:
            entry["diagnostics"] = _diagnostics(source, analysis, self.settings)
        if "entities" in self.what:
            entry["entities"] = entities_json(source.path, analysis.entities, analysis.article.index)["entities"]
        if "attributions" in self.what:
            entry["attributions"] = [a.as_json() for a in analysis.attributions]
        return {"entry": entry, "tally": tally.of_file(source.path, analysis)}


def run_chunk(job: Job, chunk_id: str, paths: list[str]) -> dict[str, Any]:
    """Analyse one chunk; write ``shards/<id>.jsonl`` and ``tallies/<id>.json``; say what was read."""
    started, cpu_started = time.perf_counter(), time.process_time()
    engine = engine_for(job.settings.model)
    read: dict[str, tuple[int, str]] = {}

    def read_source(path: str, max_bytes: int) -> Source:
        data = read_bytes(os.path.join(job.base_dir, path), max_bytes, name=path)
        read[path] = (len(data), hashlib.sha256(data).hexdigest())
        return Source(path, decode_article(data, path))

    context = WorkspaceContext(house_style=job.style)
    with _engine_lock:
        results = batch.analyse_chunk(paths, engine, job.settings, _Summary(job.what, job.settings), context, read_source)
    lines = []
    chunk_tally = tally.empty()
    errors = []
    for result in results:
        if result.error:
            entry = {"path": result.path, "error": result.error}
            if "check" in job.what:
                entry["diagnostics"] = _input_error_entry(result.path, result.error)["diagnostics"]
            errors.append(result.error)
        else:
            entry = result.payload["entry"]
            tally.merge(chunk_tally, result.payload["tally"])
        lines.append(json.dumps(entry, ensure_ascii=False) + "\n")
    out = Path(job.out_dir)
    # The tally first: a shard on disk means its chunk is complete.
    write_atomic(out / TALLIES / f"{chunk_id}.json", json.dumps(chunk_tally, ensure_ascii=False))
    write_atomic(out / SHARDS / f"{chunk_id}.jsonl", "".join(lines))
    try:
        worker = get_worker().address
    except ValueError:
        worker = None  # called outside a worker (tests)
    return {
        "chunk": chunk_id,
        "read": {p: list(v) for p, v in read.items()},
        "files": len(paths),
        "errors": errors,
        "worker": worker,
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu_started, 3),  # the worker process's, this chunk's span
    }
