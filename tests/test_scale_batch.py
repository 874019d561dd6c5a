"""`copydesk batch` on a 2-worker Dask LocalCluster, through the real console script.

One run over a few hundred articles (generated ones and, when ../shared is there, real ones)
in which a worker is killed mid-run; then checks on its output: per file the same objects as
`copydesk check --format json`, the killed worker's chunk done by another, a corrupt file
reported while the rest finish, resume skipping finished chunks, the archive-wide report,
and `fix --from`. The tests after the first reuse its output folder, so they run in order.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import COPYDESK, ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))
from gen_archive import Writer  # noqa: E402 - the benchmark's article generator

psutil = pytest.importorskip("psutil")
pytest.importorskip("distributed")

CORPUS = SHARED / "corpus" / "bbc"
GENERATED = 220
CORPUS_FILES = 40
CHUNK_SIZE = 10

def _copydesk(*args: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([COPYDESK, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _shard_entries(out: Path) -> dict[str, dict]:
    entries = {}
    for shard in sorted((out / "shards").glob("*.jsonl")):
        for line in shard.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            assert entry["path"] not in entries
            entries[entry["path"]] = entry
    return entries


def _manifest(out: Path) -> dict[str, dict]:
    records = {}
    for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[record["chunk"]] = record
    return records


def _worker_processes(pid: int) -> list:
    """The Dask worker processes under the CLI (multiprocessing spawns them)."""
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in cmdline and "resource_tracker" not in cmdline:
            found.append(child)
    return found


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    archive = root / "archive"
    (archive / "generated").mkdir(parents=True)
    writer = Writer(seed=22)
    for k in range(GENERATED):
        (archive / "generated" / f"story_{k:03d}.txt").write_text(writer.article(), encoding="utf-8")
    corpus = sorted(CORPUS.glob("*.txt"))[:CORPUS_FILES] if CORPUS.is_dir() else []
    if corpus:
        (archive / "corpus").mkdir()
        for path in corpus:
            shutil.copy(path, archive / "corpus" / path.name)
    (archive / "generated" / "story_latin1.txt").write_bytes("Caf\xe9 owners in Lisbon protested.".encode("latin-1"))
    (root / "copydesk.toml").write_text('presets = ["ukraine-places"]\n', encoding="utf-8")
    out = root / "out"

    proc = subprocess.Popen(
        [COPYDESK, "batch", "archive", "--out", str(out), "--workers", "2", "--chunk-size", str(CHUNK_SIZE), "--no-progress"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    killed = None
    deadline = time.monotonic() + 600
    while proc.poll() is None and time.monotonic() < deadline:
        manifest = out / "manifest.jsonl"
        if killed is None and manifest.is_file() and manifest.read_text(encoding="utf-8").count("\n") >= 1:
            workers = _worker_processes(proc.pid)
            if len(workers) == 2:
                done_when_killed = len(_manifest(out))
                workers[0].send_signal(signal.SIGKILL)
                killed = {"pid": workers[0].pid, "done": done_when_killed}
        time.sleep(0.2)
    stdout, stderr = proc.communicate(timeout=60)
    check = _copydesk("check", "--format", "json", "--fail-on", "none", "archive", cwd=root)
    return {
        "root": root, "out": out, "returncode": proc.returncode, "stdout": stdout, "stderr": stderr,
        "killed": killed, "check": check, "files": len(list(archive.rglob("*.txt"))),
    }


def test_each_file_gets_the_objects_check_writes(run):
    assert run["check"].returncode == 2, run["check"].stderr  # the Latin-1 file
    expected = {f["path"]: f for f in json.loads(run["check"].stdout)["files"]}
    got = _shard_entries(run["out"])
    assert set(got) == set(expected) and len(got) == run["files"] >= 200
    for path, entry in expected.items():
        # `check` over many paths adds variants across them (scope "workspace"); across an
        # archive that is the reduce step's report, so a shard holds the file's own findings.
        own = [d for d in entry["diagnostics"] if (d.get("data") or {}).get("scope") != "workspace"]
        assert got[path]["diagnostics"] == own, path
    entities = _copydesk("entities", "--format", "json", "archive/generated/story_000.txt", cwd=run["root"])
    assert got["archive/generated/story_000.txt"]["entities"] == json.loads(entities.stdout)["files"][0]["entities"]
    attributions = _copydesk("attributions", "--format", "json", "archive/generated/story_001.txt", cwd=run["root"])
    assert got["archive/generated/story_001.txt"]["attributions"] == json.loads(attributions.stdout)["files"][0]["attributions"]
    assert any(e["attributions"] for e in got.values() if "attributions" in e)


def test_a_killed_worker_s_chunk_is_done_by_another(run):
    assert run["killed"] is not None, "the run ended before a worker could be killed"
    records = _manifest(run["out"])
    assert run["killed"]["done"] < len(records)  # chunks were left when it died
    assert all(r["status"] == "done" for r in records.values()), records
    assert sum(r["files"] for r in records.values()) == run["files"]
    assert len({r["worker"] for r in records.values()}) >= 2


def test_a_corrupt_file_is_reported_and_the_rest_finish(run):
    assert run["returncode"] == 2, run["stderr"]
    assert "story_latin1.txt: not valid UTF-8" in run["stderr"]
    entry = _shard_entries(run["out"])["archive/generated/story_latin1.txt"]
    assert "not valid UTF-8" in entry["error"] and entry["diagnostics"][0]["code"] == "input"
    report = json.loads((run["out"] / "report.json").read_text(encoding="utf-8"))
    assert report["fileErrors"] == 1 and report["files"] == run["files"] - 1
    assert report["chunks"]["failed"] == 0


def test_the_report_counts_spellings_across_the_archive(run):
    report = json.loads((run["out"] / "report.json").read_text(encoding="utf-8"))
    texts = {p: p.read_text(encoding="utf-8") for p in (run["root"] / "archive" / "generated").glob("story_[0-9]*.txt")}
    kiev = next(g for g in report["variants"] if {"Kiev", "Kyiv"} <= {f["form"] for f in g["forms"]})
    assert kiev["canonical"] == "Kyiv" and kiev["houseStyle"]
    forms = {f["form"]: f for f in kiev["forms"]}
    in_generated = sum(len(re.findall(r"\bKiev\b", t)) for t in texts.values())
    assert forms["Kiev"]["count"] >= in_generated > 0
    assert forms["Kiev"]["files"] >= sum(1 for t in texts.values() if re.search(r"\bKiev\b", t))
    path, line, col = forms["Kiev"]["samples"][0]
    text_line = (run["root"] / path).read_text(encoding="utf-8").splitlines()[line - 1]
    assert text_line[col - 1 :].startswith("Kiev")
    line = next(x for x in run["stdout"].splitlines() if "Kiev" in x)
    assert f"Kiev {forms['Kiev']['count']:,}× in {forms['Kiev']['files']:,} files" in line
    assert f"Kyiv {forms['Kyiv']['count']:,}× in" in line and "(house style: Kyiv)" in line


def test_a_rerun_skips_finished_chunks_and_redoes_a_changed_one(run):
    root, out = run["root"], run["out"]
    shards = {p: p.stat().st_mtime_ns for p in (out / "shards").glob("*.jsonl")}
    again = _copydesk("batch", "archive", "--out", str(out), "--workers", "1", "--chunk-size", str(CHUNK_SIZE), cwd=root)
    assert f"{len(shards)} done by an earlier run, 0 to run" in again.stderr, again.stderr
    assert {p: p.stat().st_mtime_ns for p in shards} == shards

    changed = root / "archive" / "generated" / "story_007.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe mayor of Kiev thanked the volunteers.\n", encoding="utf-8")
    again = _copydesk("batch", "archive", "--out", str(out), "--workers", "1", "--chunk-size", str(CHUNK_SIZE), cwd=root)
    assert f"{len(shards) - 1} done by an earlier run, 1 to run" in again.stderr, again.stderr
    redone = [p for p in shards if p.stat().st_mtime_ns != shards[p]]
    assert len(redone) == 1 and "story_007.txt" in redone[0].read_text(encoding="utf-8")
    entry = _shard_entries(out)["archive/generated/story_007.txt"]
    last_line = changed.read_text(encoding="utf-8").count("\n") - 1
    assert any(d["code"] == "house-style" and d["range"]["start"]["line"] == last_line for d in entry["diagnostics"])


def test_fix_from_the_shards_changes_only_files_that_need_it(run):
    root, out = run["root"], run["out"]
    generated = root / "archive" / "generated"
    before = {p: p.read_bytes() for p in root.joinpath("archive").rglob("*.txt")}
    dry = _copydesk("fix", "--from", str(out), "--dry-run", cwd=root)
    assert dry.returncode == 1, dry.stderr
    assert re.search(r"Kiev → Kyiv: [\d,]+× in [\d,]+ file", dry.stdout), dry.stdout
    assert {p: p.read_bytes() for p in before} == before

    edited = next(p for p in sorted(generated.glob("story_*.txt")) if b"Kiev" in p.read_bytes())
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late paragraph about Kiev.\n", encoding="utf-8")
    before[edited] = edited.read_bytes()
    done = _copydesk("fix", "--from", str(out), cwd=root)
    assert done.returncode == 2 and f"{edited.relative_to(root)}: changed since the batch run" in done.stderr
    after = {p: p.read_bytes() for p in before}
    changed = {p for p in before if after[p] != before[p]}
    assert changed and edited not in changed
    for path in changed:
        assert after[path] == before[path].replace(b"Kiev", b"Kyiv").replace(b"Kharkov", b"Kharkiv").replace(b"Odessa", b"Odesa") or path.parent.name == "corpus"
    untouched_kiev = [p for p in generated.glob("story_[0-9]*.txt") if b"Kiev" in after[p] and p != edited]
    assert not untouched_kiev


def test_a_missing_model_stops_before_any_worker_starts(tmp_path):
    (tmp_path / "a.txt").write_text("The ferry to Lisbon left late.\n", encoding="utf-8")
    proc = _copydesk("batch", "a.txt", "--out", "out", "--model", "no_such_model_xyz", cwd=tmp_path, timeout=120)
    assert proc.returncode == 2 and "no_such_model_xyz" in proc.stderr
