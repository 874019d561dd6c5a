"""How often a spliced parse gives the same findings as a whole-paragraph parse.

An edit in the language server re-parses only the sentences it touched and splices them into
the paragraph's previous parse (copydesk.nlp.plan_splice); after a pause the paragraph is parsed
whole again. This script makes random one-character edits (insert, delete or replace a letter
or space) in real articles and compares, for each edit, the findings (code, start, end) of the
analysis built from the spliced parse with those built from a whole-paragraph parse.

    .venv/bin/python bench/eval_splice.py                 # 40 articles x 10 edits
    .venv/bin/python bench/eval_splice.py --articles 100 --edits 20 --seed 7

Text is read from ../shared/corpus/bbc at run time, never copied into the repository.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "server"))

from copydesk.analysis.pipeline import WorkspaceContext, analyse_parsed  # noqa: E402
from copydesk.article import Article  # noqa: E402
from copydesk.nlp import Engine  # noqa: E402
from copydesk.splice import changed_pairs  # noqa: E402
from copydesk.settings import Settings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
LETTERS = "abcdefghijklmnopqrstuvwxyz     "


def one_char_edit(text: str, rng: random.Random) -> str:
    """Insert, delete or replace one character at a random place in ``text``'s prose."""
    while True:
        pos = rng.randrange(len(text) + 1)
        op = rng.choice(("insert", "delete", "replace"))
        char = rng.choice(LETTERS)
        if op == "insert":
            new = text[:pos] + char + text[pos:]
        elif pos < len(text) and text[pos] != "\n":
            new = text[:pos] + (char if op == "replace" else "") + text[pos + 1 :]
        else:
            continue
        if new != text:
            return new


def keys(findings) -> list[tuple[str, int, int]]:
    return sorted((f.code, f.start, f.end) for f in findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--edits", type=int, default=10, help="edits per article")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=5, help="print this many disagreements")
    args = parser.parse_args(argv)
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        print(f"the corpus is missing: {CORPUS}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    engine, settings = Engine(), Settings()
    engine.load()
    edits = spliced = same = same_records = 0
    differing: Counter[str] = Counter()
    splice_ms: list[float] = []
    whole_ms: list[float] = []
    shown = 0
    for path in rng.sample(files, min(args.articles, len(files))):
        text = path.read_text(encoding="utf-8")
        before = [p.text for p in Article(text).paragraphs]
        engine.parse(before)
        for _ in range(args.edits):
            new_text = one_char_edit(text, rng)
            article = Article(new_text)
            texts = [p.text for p in article.paragraphs]
            similar = changed_pairs(before, texts)
            fresh = [t for t in dict.fromkeys(texts) if engine.cached(t) is None]
            started = time.perf_counter()
            approx_parsed = engine.parse(texts, similar)
            took = time.perf_counter() - started
            edits += 1
            approximate = engine.approximate(fresh)
            if approximate:
                spliced += 1
                splice_ms.append(took * 1000)
                started = time.perf_counter()
                for t in approximate:
                    engine.refine(t)
                whole_ms.append((time.perf_counter() - started) * 1000)
            exact_parsed = engine.parse(texts)
            same_records += approx_parsed == exact_parsed
            approx = keys(analyse_parsed(article, approx_parsed, settings, WorkspaceContext()).findings)
            exact = keys(analyse_parsed(article, exact_parsed, settings, WorkspaceContext()).findings)
            if approx == exact:
                same += 1
            else:
                for key in set(approx) ^ set(exact):
                    differing[key[0]] += 1
                if shown < args.show:
                    shown += 1
                    print(f"{path.name}: {len(set(approx) ^ set(exact))} findings differ: "
                          f"only spliced {sorted(set(approx) - set(exact))[:3]}, only whole {sorted(set(exact) - set(approx))[:3]}")
            engine.forget(fresh)
    print(f"\n{edits} one-character edits in {min(args.articles, len(files))} articles (seed {args.seed})")
    print(f"spliced (the rest parsed whole): {spliced} ({spliced / edits:.1%})")
    print(f"findings equal to a whole-paragraph parse: {same}/{edits} = {same / edits:.1%} of all edits; "
          f"{same - (edits - spliced)}/{spliced} = {(same - (edits - spliced)) / max(1, spliced):.1%} of spliced edits")
    print(f"parse records identical: {same_records}/{edits}")
    if differing:
        print("findings that differ, by code:", ", ".join(f"{c} {n}" for c, n in differing.most_common()))
    if splice_ms:
        print(f"parse time of the edited paragraph, median: spliced {statistics.median(splice_ms):.1f} ms, "
              f"whole {statistics.median(whole_ms):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
