#!/usr/bin/env python3
"""Score `copydesk attributions` on PolNeAR with the shared scorer, next to its lexicon baseline.

    python bench/eval_attribution.py                # all 840 training articles
    python bench/eval_attribution.py --limit 200    # a fixed sample (same articles every run)
    python bench/eval_attribution.py --json         # the scorer's full output as well
    python bench/eval_attribution.py --bbc-marks    # editor marks per article on ../shared/corpus/bbc

The corpus stays outside the project: texts are written to a temporary directory with the
scorer's --emit-texts, the CLI runs on that directory, and the scorer reads its JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
ROLES = ("cue", "source", "content", "content_tokens", "sentences", "unattributed_sentences")
TARGETS = {"cue": ("f1", 0.85), "source": ("f1", 0.80), "content": ("f1", 0.75), "unattributed_sentences": ("precision", 0.80)}


def _score(scorer: Path, gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(pred)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


MARK_CODES = ("unattributed-claim", "vague-attribution", "unattributed-quote")


def bbc_marks(corpus: Path, jobs: int) -> int:
    """Attribution marks per article on plain news text (false alarms an editor would see)."""
    files = sorted(corpus.glob("*.txt"))
    run = subprocess.run(
        [sys.executable, "-m", "copydesk", "check", *map(str, files), "--format", "json", "--jobs", str(jobs)],
        capture_output=True, text=True,
    )
    if run.returncode not in (0, 1):
        print(run.stderr, file=sys.stderr)
        return run.returncode
    counts = {code: 0 for code in MARK_CODES}
    for entry in json.loads(run.stdout)["files"]:
        for d in entry.get("diagnostics", []):
            if d.get("code") in counts:
                counts[d["code"]] += 1
    n = len(files) or 1
    print(f"{corpus.name}: {len(files)} articles, marks per article: " + ", ".join(f"{c} {v / n:.2f}" for c, v in counts.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=EVAL / "polnear-train.jsonl")
    ap.add_argument("--scorer", type=Path, default=EVAL / "score_attribution.py")
    ap.add_argument("--limit", type=int, default=0, help="score a fixed random sample of N articles (0: all)")
    ap.add_argument("--seed", type=int, default=7, help="sample seed (keep it fixed to compare runs)")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="worker processes for the CLI")
    ap.add_argument("--json", action="store_true", help="print the scorer's full JSON for copydesk too")
    ap.add_argument("--bbc-marks", action="store_true", help="count attribution marks per article on ../shared/corpus/bbc instead")
    args = ap.parse_args(argv)
    if args.bbc_marks:
        return bbc_marks(ROOT.parent / "shared" / "corpus" / "bbc", args.jobs)

    articles = [line for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit and args.limit < len(articles):
        random.Random(args.seed).shuffle(articles)
        articles = articles[: args.limit]
    with tempfile.TemporaryDirectory(prefix="copydesk-polnear-") as tmp:
        tmpdir = Path(tmp)
        gold = tmpdir / "gold.jsonl"
        gold.write_text("\n".join(articles) + "\n", encoding="utf-8")
        texts = tmpdir / "texts"
        subprocess.run([sys.executable, str(args.scorer), str(gold), "--emit-texts", str(texts)], check=True, capture_output=True)
        pred = tmpdir / "pred.json"
        started = time.perf_counter()
        with pred.open("w", encoding="utf-8") as handle:
            run = subprocess.run(
                [sys.executable, "-m", "copydesk", "attributions", str(texts), "--format", "json", "--jobs", str(args.jobs)],
                stdout=handle, stderr=subprocess.PIPE, text=True,
            )
        elapsed = time.perf_counter() - started
        if run.returncode not in (0,):
            print(run.stderr, file=sys.stderr)
            return run.returncode
        baseline = tmpdir / "baseline.json"
        subprocess.run([sys.executable, str(args.scorer), str(gold), "--baseline-lexicon", str(baseline)], check=True, capture_output=True)
        ours, base = _score(args.scorer, gold, pred), _score(args.scorer, gold, baseline)

    print(f"PolNeAR train: {len(articles)} articles, CLI time {elapsed:.1f}s")
    print(f"{'':24s} {'copydesk P/R/F1':>22s}   {'lexicon baseline P/R/F1':>24s}   target")
    for role in ROLES:
        o, b = ours[role], base[role]
        target = TARGETS.get(role)
        mark = ""
        if target:
            key, bar = target
            mark = f"{key} >= {bar:.2f} {'ok' if o[key] >= bar else 'MISSED'}"
        print(f"{role:24s} {o['precision']:.3f} {o['recall']:.3f} {o['f1']:.3f}       {b['precision']:.3f} {b['recall']:.3f} {b['f1']:.3f}      {mark}")
    problems = {k: v for k, v in ours["problems"].items() if k != "examples" and v}
    if problems:
        print("span problems:", problems, ours["problems"]["examples"][:3])
    if args.json:
        print(json.dumps(ours, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
