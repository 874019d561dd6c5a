#!/usr/bin/env python3
"""Score `copydesk entities` on bbc-entities with the shared scorer, overall and per category.

    python bench/eval_entities.py                 # all figures, overall and per category
    python bench/eval_entities.py --errors        # and every error, by kind
    python bench/eval_entities.py --errors wrong_type,split
    python bench/eval_entities.py --json          # the scorer's full JSON (overall)
    python bench/eval_entities.py --read 12       # list the clusters of 12 other corpus articles
                                                  # (not in the gold set): read them for false alarms

The texts stay outside the project: the CLI runs on ../shared/eval/bbc-entities/texts, the
scorer reads its JSON, and per-category figures come from scoring the same JSON against a
temporary gold directory holding only that category's files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval" / "bbc-entities"
FIGURES = ("precision", "recall", "type_accuracy", "split_rate", "mixed_rate", "canonical_agreement")
# (figure, target, True if higher is better) — from issue 18.
TARGETS = {
    "precision": (0.92, True), "recall": (0.90, True), "type_accuracy": (0.90, True),
    "split_rate": (0.03, False), "mixed_rate": (0.02, False), "canonical_agreement": (0.95, True),
}


def _env() -> dict[str, str]:
    """Run this checkout's code, whatever copydesk the interpreter has installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "server") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_entities(files: list[Path], out: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "copydesk", "entities", *map(str, files), "--format", "json"],
        capture_output=True, text=True, env=_env(),
    )
    if run.returncode != 0:
        sys.exit(f"copydesk entities failed ({run.returncode}):\n{run.stderr}")
    out.write_text(run.stdout, encoding="utf-8")


def score(scorer: Path, gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(pred)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _row(name: str, result: dict) -> str:
    counts = result["counts"]
    cells = [f"{result[f]:.3f}" for f in FIGURES]
    return f"{name:<14}" + "".join(f"{c:>10}" for c in cells) + f"{counts['clusters']:>10}{counts['gold']:>7}"


def _category(path_name: str) -> str:
    return path_name.split("_", 1)[0]


def figures(gold_dir: Path, scorer: Path, pred: Path) -> tuple[dict, dict[str, dict]]:
    overall = score(scorer, gold_dir, pred)
    per_category: dict[str, dict] = {}
    categories = sorted({_category(p.name) for p in gold_dir.glob("*.json")})
    with tempfile.TemporaryDirectory(prefix="copydesk-entcat-") as tmp:
        for cat in categories:
            sub = Path(tmp) / cat
            sub.mkdir()
            for gf in gold_dir.glob(f"{cat}_*.json"):
                (sub / gf.name).symlink_to(gf.resolve())
            per_category[cat] = score(scorer, sub, pred)
    return overall, per_category


def print_table(overall: dict, per_category: dict[str, dict]) -> None:
    short = {"type_accuracy": "type", "split_rate": "split", "mixed_rate": "mixed", "canonical_agreement": "canonical"}
    head = f"{'':<14}" + "".join(f"{short.get(f, f):>10}" for f in FIGURES)
    print(head + f"{'clusters':>10}{'gold':>7}")
    for cat, result in per_category.items():
        print(_row(cat, result))
    print(_row("ALL", overall))
    targets = []
    for f in FIGURES:
        goal, higher = TARGETS[f]
        ok = overall[f] >= goal if higher else overall[f] <= goal
        targets.append(f"{f} {'>=' if higher else '<='} {goal} {'ok' if ok else 'MISSED'}")
    print("targets: " + "; ".join(targets))
    errors = overall.get("errors", {})
    print("errors: " + ", ".join(f"{k} {len(v)}" for k, v in errors.items()))


def read_sample(n: int, seed: int) -> int:
    """Print the clusters of N corpus articles outside the gold set, to read for false alarms."""
    gold_names = {p.name for p in (EVAL / "texts").glob("*.txt")}
    pool = sorted(p for p in (SHARED / "corpus" / "bbc").glob("*.txt") if p.name not in gold_names)
    random.Random(seed).shuffle(pool)
    files = pool[:n]
    with tempfile.TemporaryDirectory(prefix="copydesk-entread-") as tmp:
        pred = Path(tmp) / "entities.json"
        run_entities(files, pred)
        data = json.loads(pred.read_text(encoding="utf-8"))
    for entry in data["files"]:
        print(f"== {Path(entry['path']).name}")
        for c in entry["entities"]:
            forms = sorted({m["text"] for m in c["mentions"]} - {c["canonical"]})
            extra = f"  (+ {' | '.join(forms)})" if forms else ""
            print(f"  {c['label']:<12} {c['canonical']!r} x{len(c['mentions'])}{extra}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=EVAL, help="a directory with texts/, gold/ and score_entities.py")
    ap.add_argument("--entities", type=Path, help="score this `copydesk entities --format json` output instead of running the CLI")
    ap.add_argument("--errors", nargs="?", const="all", help="print errors (all, or a comma list of kinds)")
    ap.add_argument("--json", action="store_true", help="print the scorer's full JSON for the whole set")
    ap.add_argument("--read", type=int, default=0, metavar="N", help="list clusters of N other corpus articles instead")
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args(argv)
    if args.read:
        return read_sample(args.read, args.seed)

    scorer, gold_dir = args.data / "score_entities.py", args.data / "gold"
    with tempfile.TemporaryDirectory(prefix="copydesk-ent-") as tmp:
        pred = args.entities or Path(tmp) / "entities.json"
        if args.entities is None:
            run_entities(sorted((args.data / "texts").glob("*.txt")), pred)
        overall, per_category = figures(gold_dir, scorer, pred)
    if args.json:
        print(json.dumps(overall, indent=1, ensure_ascii=False))
    print_table(overall, per_category)
    if args.errors:
        kinds = overall["errors"].keys() if args.errors == "all" else args.errors.split(",")
        for kind in kinds:
            items = overall["errors"].get(kind, [])
            print(f"\n## {kind} ({len(items)})")
            for item in items:
                print("  " + item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
