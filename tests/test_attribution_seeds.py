"""The seeds' hand-made labels: every U sentence gets a diagnostic, no A and no N sentence does."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import COPYDESK, GOLD, SEED_000, SEED_003, SEEDS

from copydesk.analysis.pipeline import analyse_text
from copydesk.findings import Code

CODES = {Code.UNATTRIBUTED_QUOTE, Code.UNATTRIBUTED_CLAIM}


def _labelled():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for name, entry in gold["files"].items():
        for label in entry["attribution"]:
            if label["label"] in ("U", "A", "N"):
                yield name, label["quote"], label["label"]


@pytest.fixture(scope="module")
def seed_findings(engine, settings):
    out = {}
    for path in (SEED_000, SEED_003):
        text = path.read_text(encoding="utf-8")
        analysis = analyse_text(text, engine, settings)
        out[path.name] = (text, [f for f in analysis.findings if f.code in CODES], analysis)
    return out


@pytest.mark.parametrize("name,quote,label", list(_labelled()))
def test_seed_sentence_label(seed_findings, name, quote, label):
    text, findings, _ = seed_findings[name]
    start = text.find(quote)
    assert start >= 0, "gold quote must be a substring of the seed"
    while start >= 0:
        end = start + len(quote)
        hits = [f.code for f in findings if f.start < end and start < f.end]
        if label == "U":
            assert hits, f"U sentence has no unattributed-quote/claim diagnostic: {quote!r}"
        else:
            assert not hits, f"{label} sentence got {hits}: {quote!r}"
        start = text.find(quote, end)


def test_seed_speakers_resolve(seed_findings):
    _, _, analysis = seed_findings[SEED_000.name]
    by_cue = {(a.source.text if a.source else None, a.cue.text if a.cue else None): a for a in analysis.attributions}
    carried = [a for a in analysis.attributions if a.kind == "carry-over"]
    assert carried and carried[0].content.text.startswith('"Such intentions')
    assert "Shoigu" in (carried[0].speaker or "")
    told = by_cue[("he", "told")]
    assert "Shoigu" in (told.speaker or "")


def test_cli_json_contract(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01binary")
    out = subprocess.run(
        [COPYDESK, "attributions", str(SEEDS), str(bad), "--format", "json"], capture_output=True, text=True
    )
    assert out.returncode == 2
    assert "broken.txt" in out.stderr
    data = json.loads(out.stdout)
    assert data["version"] == 1
    paths = [f["path"] for f in data["files"]]
    assert any(p.endswith("000_60f9b3ceaf33020d.txt") for p in paths)
    for entry in data["files"]:
        text = open(entry["path"], encoding="utf-8").read()
        assert entry["attributions"]
        for att in entry["attributions"]:
            assert set(att) == {"source", "cue", "content", "kind"}
            assert att["kind"] in {"direct", "indirect", "mixed", "according-to", "carry-over"}
            for role in ("source", "cue", "content"):
                span = att[role]
                if span is None:
                    assert role != "content"
                    continue
                assert text[span["start"]:span["end"]] == span["text"]


def test_cli_text_format():
    out = subprocess.run([COPYDESK, "attributions", str(SEED_003)], capture_output=True, text=True)
    assert out.returncode == 0
    assert "carry-over" in out.stdout and "revealed" in out.stdout
