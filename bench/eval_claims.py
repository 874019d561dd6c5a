"""Unsourced claims and vague sources on hand-labelled BBC copy (issue 17).

Runs `copydesk check --format json --claims LEVEL` on ../shared/eval/bbc-claims/texts for
each level, scores it with the set's own scorer (score_unattributed.py, read at run time and
never copied into the repository) and prints precision and recall overall and per category
(business, entertainment, politics, sport, tech), with the targets beside them. With --corpus
it also counts marks per article on the 300 corpus articles; --misses lists every miss and
false flag of one level with the scorer's reason.

    .venv/bin/python bench/eval_claims.py                  # all three levels
    .venv/bin/python bench/eval_claims.py --levels balanced --misses
    .venv/bin/python bench/eval_claims.py --corpus         # also marks per article on the corpus
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLAIMS = SHARED / "eval" / "bbc-claims"
CORPUS = SHARED / "corpus" / "bbc"
TARGETS = {"strict": "P >= 0.90 at R >= 0.50", "balanced": "P >= 0.80 and R >= 0.80", "all": "R >= 0.95"}
CODES = ("unattributed-claim", "unattributed-quote", "vague-attribution")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_unattributed", CLAIMS / "score_unattributed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _copydesk() -> list[str]:
    exe = Path(sys.executable).with_name("copydesk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "copydesk"]


def check(paths: list[Path], level: str) -> dict:
    cmd = [*_copydesk(), "check", *map(str, paths), "--format", "json", "--fail-on", "none", "--claims", level]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"copydesk check failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def score_level(scorer, gold: dict, level: str) -> tuple[dict, dict[str, dict]]:
    result = check([CLAIMS / "texts"], level)
    gold_path = str(CLAIMS / "gold.json")
    overall = scorer.score(gold, result, gold_path)
    per_category: dict[str, dict] = {}
    for category in sorted({name.split("_")[0] for name in gold["files"]}):
        sub = {**gold, "files": {k: v for k, v in gold["files"].items() if k.startswith(category + "_")}}
        per_category[category] = scorer.score(sub, result, gold_path)
    return overall, per_category


def _row(name: str, res: dict) -> str:
    u, v = res["unattributed"], res["vague"]
    return (f"  {name:<14} unsourced P {u['precision']:.3f} R {u['recall']:.3f} "
            f"({u['true_positives']}/{u['positives']}, flagged {u['flagged_items']})   "
            f"vague P {v['precision']:.3f} R {v['recall']:.3f} ({v['true_positives']}/{v['positives']})")


def corpus_marks(level: str) -> Counter:
    files = sorted(CORPUS.rglob("*.txt"))
    marks: Counter = Counter()
    for entry in check(files, level)["files"]:
        for diag in entry["diagnostics"]:
            if diag["code"] in CODES:
                marks[diag["code"]] += 1
    marks["articles"] = len(files)
    return marks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--levels", default="strict,balanced,all")
    ap.add_argument("--misses", action="store_true", help="list misses and false flags of the last level")
    ap.add_argument("--corpus", action="store_true", help="marks per article on the 300 corpus articles")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    if not CLAIMS.is_dir():
        print(f"no labelled set at {CLAIMS}", file=sys.stderr)
        return 2
    scorer = _scorer()
    gold = json.loads((CLAIMS / "gold.json").read_text(encoding="utf-8"))
    figures: dict = {}
    last = None
    for level in args.levels.split(","):
        overall, per_category = score_level(scorer, gold, level)
        last = overall
        print(f"{level}  (target {TARGETS.get(level, '-')})")
        print(_row("overall", overall))
        for category, res in per_category.items():
            print(_row(category, res))
        figures[level] = {
            "overall": {k: overall[k] for k in ("unattributed", "vague")},
            "categories": {c: {k: r[k] for k in ("unattributed", "vague")} for c, r in per_category.items()},
        }
        if args.corpus:
            marks = corpus_marks(level)
            n = marks.pop("articles")
            shown = ", ".join(f"{code} {marks[code] / n:.2f}" for code in CODES)
            print(f"  corpus marks per article ({n} articles): {shown}")
            figures[level]["corpus_per_article"] = {code: marks[code] / n for code in CODES}
    if args.misses and last is not None:
        for key in ("unattributed_misses", "unattributed_false_flags", "vague_misses", "vague_false_flags"):
            print(f"\n{key}:")
            for row in last["details"][key]:
                print(f"  [{row['label']}] {row['file']}: {row['sentence'][:110]}  -- {row['why'][:70]}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
