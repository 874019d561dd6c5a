"""What a batch run has to do: its files, their chunks, and which chunks an earlier run finished.

Chunks are cut where a file's path hashes to a boundary (content-defined chunking, as rsync
and restic cut files): adding or removing one article changes the chunk it falls in, not
every later one, so a re-run over a grown archive redoes only the chunks that changed.

The manifest (``manifest.jsonl`` in the output folder) is append-only while a run goes: one
line per chunk that finished or failed, with its inputs (path, size, sha256, mtime) and
status. A line cut short by a crash is ignored. At the end of a run it is rewritten with the
last line of each chunk of the current plan only, so it does not grow run after run.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..inputs import expand_paths

MANIFEST = "manifest.jsonl"
SHARDS = "shards"
TALLIES = "tallies"
REPORT = "report.json"
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class FileStat:
    path: str  # as the user named it (and as `copydesk check` reports it)
    size: int | None
    mtime_ns: int | None


@dataclass
class Chunk:
    id: str
    files: list[FileStat]

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]


@dataclass
class Plan:
    chunks: list[Chunk]
    missing: list[str] = field(default_factory=list)  # messages for paths that named nothing

    @property
    def file_count(self) -> int:
        return sum(len(c.files) for c in self.chunks)


def expand(patterns: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files named by paths, folders and globs (``'archive/**/*.txt'``); (files, problems).

    A pattern the shell did not expand is expanded here, so quoting a glob that would be
    too long for one command line works."""
    files: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for raw in patterns:
        named = [raw]
        if not os.path.exists(raw) and _GLOB_CHARS & set(raw):
            named = sorted(glob.glob(raw, recursive=True))
            if not named:
                problems.append(f"{raw}: no file matches")
                continue
        for path, error in expand_paths(named):
            if error is not None:
                problems.append(str(error))
            elif path not in seen:
                seen.add(path)
                files.append(path)
    return files, problems


def stat(path: str) -> FileStat:
    try:
        st = os.stat(path)
    except OSError:
        return FileStat(path, None, None)  # the worker reports why it cannot be read
    return FileStat(path, st.st_size, st.st_mtime_ns)


def _boundary(path: str, spread: int) -> bool:
    digest = hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % spread == 0


def make_chunks(stats: list[FileStat], average: int) -> list[Chunk]:
    """Chunks of about ``average`` files (half to twice that), cut at path-hash boundaries.

    A boundary may fall only after ``average // 2`` files (as FastCDC's minimum size), and
    one in ``average - average // 2`` paths is one, so chunks average ``average`` files."""
    average = max(1, average)
    least = max(1, average // 2)
    spread = max(1, average - least)
    chunks: list[Chunk] = []
    current: list[FileStat] = []
    for f in stats:
        current.append(f)
        if (len(current) >= least and _boundary(f.path, spread)) or len(current) >= 2 * average:
            chunks.append(_chunk(current))
            current = []
    if current:
        chunks.append(_chunk(current))
    return chunks


def _chunk(files: list[FileStat]) -> Chunk:
    digest = hashlib.blake2b("\0".join(f.path for f in files).encode("utf-8", "surrogateescape"), digest_size=8)
    return Chunk(digest.hexdigest(), list(files))


def plan(patterns: Iterable[str], chunk_size: int) -> Plan:
    files, problems = expand(patterns)
    return Plan(make_chunks([stat(p) for p in files], chunk_size), problems)


# -- manifest ---------------------------------------------------------------------------


def read_manifest(out_dir: str | Path) -> dict[str, dict]:
    """The last record of each chunk in the manifest (a torn last line is skipped)."""
    records: dict[str, dict] = {}
    path = Path(out_dir) / MANIFEST
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        return records
    with handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("chunk"), str):
                records[record["chunk"]] = record
    return records


def append_record(out_dir: str | Path, record: dict) -> None:
    with (Path(out_dir) / MANIFEST).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.flush()


def compact_manifest(out_dir: str | Path, chunk_ids: Iterable[str]) -> None:
    """Keep only the last record of each chunk still in the plan (written atomically)."""
    records = read_manifest(out_dir)
    kept = [records[c] for c in chunk_ids if c in records]
    write_atomic(Path(out_dir) / MANIFEST, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))


def write_atomic(path: Path, text: str) -> None:
    """Write beside, then rename: a reader (or a re-run after a crash) never sees half a file."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temp.open("w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temp, path)


def is_done(chunk: Chunk, record: dict | None, fingerprint: str, out_dir: str | Path) -> bool:
    """Did an earlier run finish this chunk, with these options, on files that have not changed?"""
    if not record or record.get("status") != "done" or record.get("settings") != fingerprint:
        return False
    if not (Path(out_dir) / SHARDS / f"{chunk.id}.jsonl").is_file():
        return False
    inputs = record.get("inputs") or []
    if [i.get("path") for i in inputs] != chunk.paths:
        return False
    for f, before in zip(chunk.files, inputs):
        if f.size is None or f.size != before.get("size"):
            return False
        if f.mtime_ns != before.get("mtime_ns") and sha256_of(f.path) != before.get("sha256"):
            return False  # touched: only the content decides
    return True


def sha256_of(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def settings_fingerprint(what: Iterable[str], settings, style_text: str | None) -> str:
    """Everything besides the files that changes a shard: a new value redoes every chunk."""
    from .. import __version__

    payload = json.dumps(
        {"what": sorted(what), "settings": repr(settings), "style": style_text, "copydesk": __version__},
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]
