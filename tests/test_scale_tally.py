"""The archive-wide reduce: chunk tallies merge into counts, files and sample places; the
two-pass reduce keeps exactly the keys whose spelling varies and reports what a full merge does."""

from __future__ import annotations

import json
import random

from copydesk.scale import tally
from copydesk.scale.plan import FileStat, make_chunks


def _chunk(files: list[tuple[str, dict[str, dict[str, int]], dict[str, list[str]]]]) -> dict:
    """A chunk tally from (path, {key: {form: count}}, {"LABEL\\tcanonical": [mention texts]})."""
    out = tally.empty()
    for path, variants, entities in files:
        one = tally.empty()
        one["files"] = 1
        for key, forms in variants.items():
            one["variants"][key] = {"kind": "transliteration", "forms": {
                f: {"count": n, "files": 1, "samples": [[path, 1, 1]]} for f, n in forms.items()}}
        for key, texts in entities.items():
            label, canonical = key.split("\t")
            counts: dict[str, int] = {}
            for t in texts:
                counts[t] = counts.get(t, 0) + 1
            one["entities"][key] = {"label": label, "canonical": canonical, "mentions": len(texts), "files": 1,
                                    "forms": counts, "samples": [[path, 2, 1]]}
        tally.merge(out, one)
    return out


def test_counts_files_and_samples_add_up_across_chunks():
    a = _chunk([("a1.txt", {"place:1": {"Kiev": 2}}, {}), ("a2.txt", {"place:1": {"Kiev": 1, "Kyiv": 1}}, {})])
    b = _chunk([(f"b{k}.txt", {"place:1": {"Kyiv": 3}}, {}) for k in range(5)])
    total = tally.merge_all([a, b])
    forms = total["variants"]["place:1"]["forms"]
    assert (forms["Kiev"]["count"], forms["Kiev"]["files"]) == (3, 2)
    assert (forms["Kyiv"]["count"], forms["Kyiv"]["files"]) == (16, 6)
    assert len(forms["Kyiv"]["samples"]) == tally.SAMPLES and forms["Kyiv"]["samples"][0] == ["a2.txt", 1, 1]
    assert total["files"] == 7
    line = tally.summary_lines(tally.report(total))[1]
    assert line.startswith("  Kyiv 16× in 6 files; Kiev 3× in 2 files (most used: Kyiv) — e.g. a1.txt:1:1")


def test_the_two_pass_reduce_reports_what_a_full_merge_reports(tmp_path):
    rng = random.Random(5)
    names = ["Zelensky", "Zelenskiy", "Zelenskyy"]
    chunk_ids = []
    tallies = []
    for c in range(30):
        files = []
        for k in range(8):
            variants = {f"name:solo{c}_{k}": {"Onlyone": 1}}  # one spelling: not in the report
            if rng.random() < 0.3:
                variants["name:zelensky"] = {rng.choice(names): rng.randint(1, 3)}
            entities = {"PERSON\tAnn Lee": ["Ann Lee"] * rng.randint(1, 2) + (["Lee"] if rng.random() < 0.2 else [])}
            files.append((f"c{c}/{k}.txt", variants, entities))
        t = _chunk(files)
        tallies.append(t)
        chunk_ids.append(f"{c:03d}")
        (tmp_path / f"{c:03d}.json").write_text(json.dumps(t), encoding="utf-8")
    reduced = tally.reduce(tmp_path, chunk_ids)
    assert set(reduced["variants"]) == {"name:zelensky"}
    assert tally.report(reduced) == tally.report(tally.merge_all(tallies))
    assert reduced["files"] == 240


def test_chunks_are_cut_by_path_so_a_new_file_changes_one_chunk():
    stats = [FileStat(f"archive/{k:05d}.txt", 100, 1) for k in range(2000)]
    chunks = make_chunks(stats, 20)
    sizes = [len(c.files) for c in chunks]
    assert 10 <= min(sizes[:-1]) and max(sizes) <= 40 and 15 <= sum(sizes) / len(sizes) <= 25
    grown = stats[:700] + [FileStat("archive/00699a.txt", 100, 1)] + stats[700:]
    changed = {c.id for c in make_chunks(grown, 20)} - {c.id for c in chunks}
    assert 1 <= len(changed) <= 2
