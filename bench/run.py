"""Copydesk speed benchmark: one command, one table, a goal for every figure (issue 7).

Drives `copydesk serve` over stdio with VS Code's capabilities (push diagnostics)
and times `copydesk check` as whole processes against spaCy alone and proselint.
Reads real news text from ../shared/corpus/bbc at run time (never copied into the repo).

    .venv/bin/python bench/run.py            # full run, a few minutes
    .venv/bin/python bench/run.py --quick    # every row, smaller samples (smoke test)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "server"))

import figures_lsp as fl  # noqa: E402
from figures_batch import batch_figures  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
SEEDS = ROOT / "seeds"
# The five corpus articles of 900-1,100 words (the "1,000-word article").
THOUSAND_WORDS = ["tech_137.txt", "politics_111.txt", "tech_154.txt", "tech_110.txt", "sport_118.txt"]

SIZES = {
    "full": {"edits": 200, "full_runs": 5, "hovers": 300, "cold": 3, "memory": 50, "batch": 200, "big_mb": 5.0, "rounds": 1},
    "quick": {"edits": 20, "full_runs": 2, "hovers": 40, "cold": 1, "memory": 8, "batch": 12, "big_mb": 0.3, "rounds": 1},
}


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, figure: str, measured: str, goal: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("met" if met else "MISSED")
        self.rows.append((figure, measured, goal, verdict))
        print(f"  {figure}: {measured}", file=sys.stderr, flush=True)

    def render(self) -> str:
        head = ("figure", "measured", "goal", "")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(4)]
        line = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
        return "\n".join([line(head), "-+-".join("-" * w for w in widths), *map(line, self.rows)])


def corpus_files(limit: int) -> list[Path]:
    """``limit`` articles spread evenly over the five categories."""
    files = sorted(CORPUS.glob("*.txt"))
    by_category: dict[str, list[Path]] = {}
    for f in files:
        by_category.setdefault(f.name.split("_")[0], []).append(f)
    picked: list[Path] = []
    while len(picked) < min(limit, len(files)):
        for group in by_category.values():
            if group and len(picked) < limit:
                picked.append(group.pop(0))
    return picked


async def lsp_figures(table: Table, size: dict, quick: bool) -> None:
    from copydesk.nlp import DEFAULT_MODEL, load_model

    seed = (SEEDS / "000_60f9b3ceaf33020d.txt").read_text(encoding="utf-8")
    articles = fl.read_texts([CORPUS / n for n in THOUSAND_WORDS][: 2 if quick else 5])
    names = list(articles)
    nlp = load_model(DEFAULT_MODEL)
    nlp(seed)  # spaCy's own lazy start-up is not part of "nlp(text) alone"

    client = await fl.warm_server()
    try:
        await fl.open_and_wait(client, "seed.txt", seed)
        opened = await fl.open_ratio(client, nlp, articles)
        table.add(
            f"1. open {len(articles)} articles of ~1,000 words: diagnostics / spaCy nlp(text), both on unseen text",
            f"{opened['ratio']:.2f}x ({opened['server_ms']:.0f} ms vs {opened['spacy_ms']:.0f} ms, medians;"
            f" vs spaCy's warm repeat {opened['warm_ratio']:.2f}x)",
            "<= 1.15x", opened["ratio"] <= 1.15,
        )
        await client.configure({"debounceMs": 0})
        await asyncio.sleep(2.0)  # the re-analysis a settings change triggers
        first = names[0]
        typed = await fl.typing(client, first, articles[first], size["edits"])
        lat = [x * 1000 for x in typed["latencies"]]
        p50, p95 = fl.percentile(lat, 50), fl.percentile(lat, 95)
        table.add(
            f"2a. {len(lat)} one-char edits in one paragraph ({typed['words']} words), debounce 0: p50 / p95",
            f"{p50:.1f} / {p95:.1f} ms", "p95 <= 50 ms", p95 <= 50,
        )
        longest = await fl.typing(client, first, articles[first], size["edits"] // 4, typed["version"], "longest")
        ll = [x * 1000 for x in longest["latencies"]]
        table.add(
            f"2d. {len(ll)} edits in the article's longest paragraph ({longest['words']} words): p50 / p95",
            f"{fl.percentile(ll, 50):.1f} / {fl.percentile(ll, 95):.1f} ms", "(context)",
        )
        full, version = await fl.full_reanalysis(client, first, articles[first], longest["version"], size["full_runs"])
        full_ms = statistics.median(full) * 1000
        table.add(
            "2b. full re-analysis (every paragraph changed) / incremental p50",
            f"{full_ms / p50:.1f}x ({full_ms:.0f} ms / {p50:.1f} ms)", ">= 10x", full_ms / p50 >= 10,
        )
        hovered = await fl.hovers(client, names[1], articles[names[1]], size["hovers"])
        hl = [x * 1000 for x in hovered["latencies"]]
        table.add(
            f"3. hover, {len(hl)} requests: p50 / p95",
            f"{fl.percentile(hl, 50):.1f} / {fl.percentile(hl, 95):.1f} ms ({hovered['answered']} with content)",
            "p95 <= 10 ms", fl.percentile(hl, 95) <= 10,
        )
        await client.configure({"debounceMs": 250})
        await asyncio.sleep(1.0)
        burst = await fl.debounced_burst(client, names[-1], articles[names[-1]], 1)
        table.add(
            "2c. 20 keys 30 ms apart, default debounce 250 ms: last key -> diagnostics",
            f"{burst['after_last_key_ms']:.0f} ms, {burst['publishes']} publish(es)", "(context)",
        )
    finally:
        await client.close_session()

    cold = await fl.cold_start(seed, size["cold"])
    table.add(
        f"4. cold start: process start -> first diagnostics for a seed (median of {len(cold)})",
        f"{statistics.median(cold):.2f} s", "<= 3 s", statistics.median(cold) <= 3,
    )

    client = await fl.warm_server()
    try:
        await fl.open_and_wait(client, "seed.txt", seed)
        others = fl.read_texts([p for p in corpus_files(300) if p.name not in THOUSAND_WORDS][: size["memory"]])
        mem = await fl.memory(client, others)
        table.add(
            f"5a. server RSS with {mem['n']} articles open (start {mem['start']:.0f} MB)",
            f"{mem['open']:.0f} MB", "<= 400 MB", mem["open"] <= 400,
        )
        table.add(
            "5b. server RSS after closing them",
            f"{mem['closed']:.0f} MB (+{mem['closed'] - mem['start']:.0f} MB over start; {mem['cached_after']} paragraphs cached)",
            "near start (<= +10%)", mem["closed"] <= mem["start"] * 1.10,
        )
        texts = [p.read_text(encoding="utf-8") for p in corpus_files(300)]
        big = fl.big_article(texts, int(size["big_mb"] * 1_000_000))
        bf = await fl.big_file(client, big, "seed.txt", seed, 30 if not quick else 10, 1)
        table.add(
            f"B1. while a {bf['bytes'] / 1e6:.1f} MB article is analysed: hover on another document p95 / max",
            f"{bf['hover_p95_ms']:.1f} / {bf['hover_max_ms']:.1f} ms", "<= ~100 ms", bf["hover_max_ms"] <= 100,
        )
        table.add(
            "B2. ... an edit in the other document -> its diagnostics",
            f"{bf['edit_during_ms']:.0f} ms", "(context)",
        )
        table.add(
            "B3. close the big article -> next diagnostics of the other document",
            f"{bf['edit_after_close_ms']:.0f} ms", "(context)",
        )
    finally:
        await client.close_session()


def batch_rows(table: Table, size: dict) -> None:
    files = [str(p) for p in corpus_files(size["batch"])]
    b = batch_figures(files, size["rounds"])
    n, spacy = b["files"], b["spacy"]
    ratio = b["check"]["wall"] / spacy["wall"]
    table.add(
        f"6a. copydesk check, {n} articles, 1 process: s/article vs spaCy nlp.pipe alone",
        f"{ratio:.2f}x ({b['check']['per_article_ms']:.0f} vs {spacy['per_article_ms']:.0f} ms/article, load included)",
        "<= 1.2x", ratio <= 1.2,
    )
    table.add(
        "6b. copydesk check --jobs 2 vs single-process spaCy",
        f"{b['check_j2']['wall'] / spacy['wall']:.2f}x ({b['check_j2']['per_article_ms']:.0f} ms/article)",
        "< 1.0x", b["check_j2"]["wall"] < spacy["wall"],
    )
    if "proselint" in b:
        table.add(
            "6c. proselint 0.16 on the same files (regex only)",
            f"{b['proselint']['per_article_ms']:.0f} ms/article", "(context)",
        )
    else:
        table.add("6c. proselint 0.16 on the same files", "not installed (pip install -e .[bench])", "(context)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Copydesk speed benchmark (issue 7)")
    parser.add_argument("--quick", action="store_true", help="small samples: checks that every row runs")
    parser.add_argument("--no-batch", action="store_true", help="skip the whole-process CLI rows")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the corpus is missing: {CORPUS}", file=sys.stderr)
        return 2
    size = SIZES["quick" if args.quick else "full"]
    table = Table()
    started = time.perf_counter()
    asyncio.run(lsp_figures(table, size, args.quick))
    if not args.no_batch:
        batch_rows(table, size)
    print(table.render())
    print(f"\n({'quick' if args.quick else 'full'} run, {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
