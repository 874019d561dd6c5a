"""Archive-scale figures for `copydesk batch` (issue 22). Prints a table and writes JSON.

    python bench/figures_scale.py [--corpus DIR] [--reduce-sizes 10000,30000,100000] [--out FILE]

1. Throughput on the corpus (300 BBC articles): whole processes, model load included --
   plain spaCy ``nlp.pipe`` (bench/spacy_only.py), single-process `copydesk check --format
   json`, and `copydesk batch` on a LocalCluster of 1 and 2 workers (cluster start included).
   Also the batch's own analysing time (sum of its chunks' seconds, from the manifest), which
   leaves out starting the cluster and loading the model, and each worker's peak RSS.
2. The reduce step as the archive grows: `copydesk batch` over the smallest size of
   generated short articles (bench/gen_archive.py) gives real chunk tallies; larger archives
   are made of those tallies repeated with their paths and the people's names made new in
   each copy (so distinct names grow linearly with the archive: more than a real archive,
   whose new names slow down, so an upper bound), then merged and reported as `batch` does.

Whole-process figures on a shared machine are noisy: run it when the machine is quiet.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from figures_batch import timed  # noqa: E402
from gen_archive import write_archive  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus" / "bbc"
PYTHON = sys.executable


def _copydesk(*args: str) -> list[str]:
    return [PYTHON, "-m", "copydesk", *args]


def _batch_timed(files_arg: list[str], out: Path, workers: int, chunk_size: int, cwd: Path | None = None) -> dict:
    """One `copydesk batch` process: wall, CPU of it and its workers, peak RSS per worker."""
    shutil.rmtree(out, ignore_errors=True)
    command = _copydesk("batch", *files_arg, "--out", str(out), "--workers", str(workers),
                        "--chunk-size", str(chunk_size), "--no-progress")
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd)
    peak: dict[int, int] = {}
    cpu: dict[int, float] = {}
    parent = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            processes = [parent, *parent.children(recursive=True)]
        except psutil.Error:
            processes = []
        for p in processes:
            try:
                with p.oneshot():
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
                    if p.pid != proc.pid and "spawn_main" in " ".join(p.cmdline()):
                        peak[p.pid] = max(peak.get(p.pid, 0), p.memory_info().rss)
            except psutil.Error:
                continue
        time.sleep(0.25)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0,):
        raise RuntimeError(f"batch exited {proc.returncode}: {stderr[-800:]}")
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {
        "wall": wall,
        "cpu": sum(cpu.values()),  # sampled every 0.25 s: the last moments of a process are missed
        "analysing_seconds": sum(r.get("seconds", 0) for r in records),
        "analysing_cpu_seconds": sum(r.get("cpu_seconds") or 0 for r in records),
        "chunks": len(records),
        "worker_peak_rss_mb": sorted(round(v / 2**20) for v in peak.values()),
        "reduce_seconds": report.get("reduceSeconds"),
    }


def throughput(corpus: Path, work: Path) -> dict:
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    out: dict = {"files": len(files)}
    out["spacy"] = timed([PYTHON, str(HERE / "spacy_only.py"), *files])
    out["check"] = timed([*_copydesk("check", "--format", "json", "--fail-on", "none"), *files])
    for workers in (1, 2):
        out[f"batch_w{workers}"] = _batch_timed([str(corpus)], work / f"corpus_w{workers}", workers, 25)
    return out


def reduce_growth(sizes: list[int], work: Path, workers: int) -> dict:
    """Generated short articles: the smallest size analysed for real, the others repeated."""
    base = sizes[0]
    archive = work / "short"
    write_archive(archive, base, short=True)
    out_dir = work / "short_out"
    real = _batch_timed([str(archive)], out_dir, workers, 100)
    rows = _merge_rows(out_dir / "tallies", sizes, work)
    rows.insert(0, {"articles": base, "analysing_seconds": real["analysing_seconds"],
                    "analysing_cpu_seconds": real["analysing_cpu_seconds"], "wall": real["wall"]})
    return {"base_run": real, "rows": rows}


def _merge_rows(tallies: Path, sizes: list[int], work: Path) -> list[dict]:
    """The reduce (merge + report, as `batch` runs it) over ``tallies`` repeated up to each size."""
    from copydesk.analysis import variants  # noqa: F401 - imported before the clock starts
    from copydesk.scale import tally

    chunks = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(tallies.glob("*.json"))]
    base = sum(c["files"] for c in chunks)
    rows = []
    for size in sizes:
        copies = max(1, round(size / base))
        folder = work / f"tallies_{size}"
        folder.mkdir(exist_ok=True)
        names = []
        for copy in range(copies):
            for k, chunk in enumerate(chunks):
                name = f"{copy:04d}_{k:04d}"
                (folder / f"{name}.json").write_text(json.dumps(_renamed(chunk, copy)), encoding="utf-8")
                names.append(name)
        process = psutil.Process()
        rss_before = process.memory_info().rss
        started = time.perf_counter()
        total = tally.reduce(folder, names)
        report = tally.report(total)
        seconds = time.perf_counter() - started
        rss_after = process.memory_info().rss
        rows.append({
            "articles": total["files"], "chunks": len(names), "reduce_seconds": round(seconds, 3),
            "variant_keys": len(total["variants"]), "entities": len(total["entities"]),
            "varying_groups": len(report["variants"]), "reduce_rss_growth_mb": round((rss_after - rss_before) / 2**20),
        })
        del total, report
        shutil.rmtree(folder)
    return rows


def _renamed(chunk: dict, copy: int) -> dict:
    """A chunk tally as if from other files, whose people (not places) have new names."""
    if copy == 0:
        return chunk
    def path(sample: list) -> list:
        return [f"copy{copy}/{sample[0]}", *sample[1:]]

    def entry(e: dict) -> dict:
        return {**e, "samples": [path(s) for s in e["samples"]]}

    variants = {}
    for key, slot in chunk["variants"].items():
        new_key = f"{key}~{copy}" if key.startswith("name:") else key
        forms = {(f"{f}{copy}" if key.startswith("name:") else f): entry(e) for f, e in slot["forms"].items()}
        variants[new_key] = {"kind": slot["kind"], "forms": forms}
    entities = {}
    for key, e in chunk["entities"].items():
        person = e["label"] == "PERSON"
        new = {**entry(e), "canonical": f"{e['canonical']}{copy}" if person else e["canonical"]}
        if person:
            new["forms"] = {f"{f}{copy}": n for f, n in e["forms"].items()}
        entities[f"{e['label']}\t{new['canonical']}"] = new
    return {"files": chunk["files"], "variants": variants, "entities": entities}


def print_table(figures: dict) -> None:
    t = figures.get("throughput")
    if t:
        n = t["files"]
        spacy, check = t["spacy"], t["check"]
        print(f"{'throughput, ' + str(n) + ' corpus articles':<28} {'wall s':>7} {'art/s':>6} {'/spaCy':>7} {'/check':>7} "
              f"{'CPU s':>7} {'CPU/spaCy':>9}")
        for name in ("spacy", "check", "batch_w1", "batch_w2"):
            row = t[name]
            print(f"{name:<28} {row['wall']:>7.1f} {n / row['wall']:>6.2f} {row['wall'] / spacy['wall']:>7.2f} "
                  f"{row['wall'] / check['wall']:>7.2f} {row['cpu']:>7.1f} {row['cpu'] / spacy['cpu']:>9.2f}")
        for name in ("batch_w1", "batch_w2"):
            row = t[name]
            print(f"  {name}: in chunks {row['analysing_seconds']:.1f} s wall, {row['analysing_cpu_seconds']:.1f} s CPU "
                  f"({row['analysing_cpu_seconds'] / n * 1000:.0f} ms CPU/article); worker peak RSS {row['worker_peak_rss_mb']} MB")
    for name, title in (("reduce", "generated short articles"), ("reduce_corpus", "corpus tallies repeated")):
        r = figures.get(name)
        if not r:
            continue
        rows = r["rows"]
        if "analysing_seconds" in rows[0]:
            base = rows.pop(0)
            print(f"reduce ({title}): base run {base['articles']:,} articles analysed, "
                  f"{base['analysing_cpu_seconds'] / base['articles'] * 1000:.1f} ms CPU/article")
        else:
            print(f"reduce ({title}, names new in each copy)")
        print(f"{'articles':>10} {'chunks':>7} {'reduce s':>9} {'kept keys':>9} {'kept ents':>9} {'varying':>8} {'RSS +MB':>8}")
        for row in rows:
            print(f"{row['articles']:>10,} {row['chunks']:>7,} {row['reduce_seconds']:>9.2f} {row['variant_keys']:>9,} "
                  f"{row['entities']:>9,} {row['varying_groups']:>8,} {row['reduce_rss_growth_mb']:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--reduce-sizes", default="10000,30000,100000")
    parser.add_argument("--workers", type=int, default=2, help="workers for the base run of the reduce figures")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here too")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.reduce_sizes.split(","))
    figures: dict = {"cores": os.cpu_count(), "load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="copydesk-scale-") as tmp:
        work = Path(tmp)
        if not args.skip_throughput:
            figures["throughput"] = throughput(args.corpus, work)
        else:  # the corpus tallies only, for the second reduce table
            _batch_timed([str(args.corpus)], work / "corpus_w1", args.workers, 25)
        figures["reduce"] = reduce_growth(sizes, work, args.workers)
        corpus_tallies = work / "corpus_w1" / "tallies"
        if corpus_tallies.is_dir():
            # Real articles bring far more names per article than the generated ones.
            figures["reduce_corpus"] = {"rows": _merge_rows(corpus_tallies, sizes, work)}
    figures["load_average_at_end"] = os.getloadavg()
    print_table(figures)
    print(f"load average (1, 5, 15 min) at start {figures['load_average_at_start']}, at end {figures['load_average_at_end']}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
