"""The client side of `copydesk batch`: plan, skip what is done, run the rest on Dask, reduce.

Chunks are Dask tasks. The scheduler already does what a home-made queue would have to:
a worker that dies has its running chunk given to another worker (the nanny restarts the
dead one), and a chunk that kills workers again and again ends as ``KilledWorker`` instead
of stalling the run. The client writes one manifest line per finished chunk as it comes
back, so an interrupted run resumes from there.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import plan as planning
from . import tally

# Memory one worker needs: the model, one chunk of parses, and the worker's own overhead
# (peak RSS 360-440 MB with 25-file chunks of corpus articles, bench/figures_scale.py),
# with room for longer articles and bigger chunks.
WORKER_MEMORY = 1_500_000_000


@dataclass
class Options:
    paths: list[str]
    out_dir: str
    what: tuple[str, ...]
    chunk_size: int
    settings: Any
    style: Any  # HouseStyle | None
    style_text: str | None
    scheduler: str | None = None
    workers: int | None = None
    progress: bool | None = None  # None: when stderr is a terminal
    restart: bool = False


def _say(message: str) -> None:
    print(f"copydesk: {message}", file=sys.stderr, flush=True)


def default_workers() -> int:
    """One worker per core, fewer if memory would not hold them."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        import psutil

        by_memory = int(psutil.virtual_memory().available // WORKER_MEMORY)
    except Exception:  # noqa: BLE001 - psutil comes with distributed; be safe anyway
        by_memory = cores
    return max(1, min(cores, by_memory))


@contextmanager
def connect(options: Options) -> Iterator[Any]:
    """A client on the given scheduler, or on a local cluster sized to the machine."""
    from distributed import Client, LocalCluster

    if options.scheduler:
        with Client(options.scheduler) as client:
            yield client
        return
    workers = options.workers or default_workers()
    # One thread per worker process: spaCy holds the GIL for most of a parse, so more
    # threads in one process would only queue behind each other. The dashboard on a free
    # port: another run (or another user's) may hold 8787.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as client:
            yield client


def dashboard_link(client) -> str | None:
    """The dashboard's address, when the scheduler serves one (it needs bokeh there)."""
    try:
        if "dashboard" not in client.scheduler_info().get("services", {}):
            return None
        if client.cluster is not None and importlib.util.find_spec("bokeh") is None:
            return None  # a local cluster without bokeh serves only a "bokeh is missing" page
        return client.dashboard_link
    except Exception:  # noqa: BLE001 - a link is a convenience
        return None


def run(options: Options) -> int:
    out = Path(options.out_dir)
    for sub in ("", planning.SHARDS, planning.TALLIES):
        (out / sub).mkdir(parents=True, exist_ok=True)
    the_plan = planning.plan(options.paths, options.chunk_size)
    for problem in the_plan.missing:
        _say(problem)
    if not the_plan.chunks:
        _say("no articles to analyse")
        return 2
    fingerprint = planning.settings_fingerprint(options.what, options.settings, options.style_text)
    records = {} if options.restart else planning.read_manifest(out)
    todo = [c for c in the_plan.chunks if not planning.is_done(c, records.get(c.id), fingerprint, out)]
    done_before = len(the_plan.chunks) - len(todo)
    _say(
        f"{the_plan.file_count:,} files in {len(the_plan.chunks):,} chunks; "
        f"{done_before:,} done by an earlier run, {len(todo):,} to run"
    )
    failed_chunks = 0
    if todo and not options.scheduler:
        _check_model(options.settings.model)
    if todo:
        failed_chunks = _run_chunks(options, todo, fingerprint)
    planning.compact_manifest(out, [c.id for c in the_plan.chunks])
    file_errors = _report(options, the_plan, out)
    if failed_chunks:
        _say(f"{failed_chunks} chunk(s) failed (see {out / planning.MANIFEST}); run the same command again to retry them")
    return 2 if failed_chunks or file_errors or the_plan.missing else 0


def _check_model(model: str) -> None:
    """A missing model stops the run here, once, rather than in every worker and chunk."""
    if importlib.util.find_spec(model) is None and not os.path.exists(model):
        from ..nlp import _load_uncached

        _load_uncached(model)  # raises ModelNotAvailable with the install hint


def _run_chunks(options: Options, todo: list[planning.Chunk], fingerprint: str) -> int:
    from distributed import as_completed

    from .work import Job, ModelPlugin, run_chunk

    job = Job(str(Path(options.out_dir).resolve()), os.getcwd(), options.what, options.settings, options.style)
    token = uuid.uuid4().hex[:8]
    failed = 0
    with connect(options) as client:
        link = dashboard_link(client)
        workers = len(client.scheduler_info().get("workers", {}))
        _say(f"{workers} worker(s)" + (f"; dashboard: {link}" if link else ""))
        client.register_plugin(ModelPlugin(options.settings.model))
        by_key = {}
        futures = []
        for chunk in todo:
            # retries: an exception in the task (a full disk, say) is tried twice more;
            # a worker that dies is handled by the scheduler, not counted here.
            future = client.submit(run_chunk, job, chunk.id, chunk.paths, key=f"copydesk-chunk-{chunk.id}-{token}", retries=2, pure=False)
            by_key[future.key] = chunk
            futures.append(future)
        bar = _progress_bar(options, sum(len(c.files) for c in todo))
        try:
            for future in as_completed(futures):
                chunk = by_key[future.key]
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - one chunk's failure must not stop the run
                    failed += 1
                    record = _record(chunk, fingerprint, "failed", options, error=f"{type(exc).__name__}: {exc}")
                    _say(f"chunk {chunk.id} failed: {type(exc).__name__}: {exc}")
                else:
                    record = _record(chunk, fingerprint, "done", options, result=result)
                    for error in result["errors"]:
                        _say(error)
                planning.append_record(options.out_dir, record)
                future.release()
                if bar is not None:
                    bar.update(len(chunk.files))
        finally:
            if bar is not None:
                bar.close()
    return failed


def _record(chunk: planning.Chunk, fingerprint: str, status: str, options: Options, result=None, error=None) -> dict:
    read = (result or {}).get("read", {})
    inputs = []
    for f in chunk.files:
        size, sha = read.get(f.path, (f.size, None))
        inputs.append({"path": f.path, "size": size, "sha256": sha, "mtime_ns": f.mtime_ns})
    record = {
        "chunk": chunk.id, "status": status, "settings": fingerprint, "what": list(options.what),
        "base": os.getcwd(), "inputs": inputs, "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    if result is not None:
        record.update(files=result["files"], errors=len(result["errors"]), worker=result["worker"], seconds=result["seconds"],
                      cpu_seconds=result.get("cpu_seconds"))
    if error is not None:
        record["error"] = error
    return record


def _progress_bar(options: Options, total: int):
    show = options.progress if options.progress is not None else sys.stderr.isatty()
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def _report(options: Options, the_plan: planning.Plan, out: Path) -> int:
    """The reduce step over every finished chunk (this run's and earlier ones'); file errors seen."""
    records = planning.read_manifest(out)
    done = [c.id for c in the_plan.chunks if records.get(c.id, {}).get("status") == "done"]
    started = time.perf_counter()
    total = tally.reduce(out / planning.TALLIES, done)
    rep = tally.report(total, options.style)
    file_errors = sum(records[c].get("errors", 0) for c in done)
    rep["chunks"] = {"total": len(the_plan.chunks), "done": len(done), "failed": len(the_plan.chunks) - len(done)}
    rep["fileErrors"] = file_errors
    rep["reduceSeconds"] = round(time.perf_counter() - started, 3)
    planning.write_atomic(out / planning.REPORT, json.dumps(rep, ensure_ascii=False, indent=1) + "\n")
    for line in tally.summary_lines(rep):
        print(line)
    print(f"{file_errors:,} file(s) could not be analysed; shards, manifest and report in {out}")
    return file_errors
