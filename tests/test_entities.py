"""Entity clustering and labels: the seeds against the gold list, and text written for the tests."""

from __future__ import annotations

import json

import pytest

from conftest import GOLD, SEEDS
from copydesk.analysis.entities import find_entities
from copydesk.article import Article


def clusters_of(engine, text, markdown=False):
    article = Article(text, markdown)
    return find_entities(article, engine.parse([p.text for p in article.paragraphs]))


def by_name(clusters):
    out = {}
    for c in clusters:
        for m in c.mentions:
            out.setdefault(m.text, c)
    return out


@pytest.mark.skipif(not GOLD.exists(), reason="shared/eval not beside the project")
def test_gold_entity_recall_on_seeds(engine):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["files"]
    found = total = 0
    missed = []
    for name, entry in gold.items():
        clusters = clusters_of(engine, (SEEDS / name).read_text(encoding="utf-8"))
        for ent in entry.get("entities", []):
            total += 1
            ok = any(
                c.label == ent["label"] and (c.canonical == ent["text"] or any(m.text == ent["text"] for m in c.mentions))
                for c in clusters
            )
            found += ok
            if not ok:
                missed.append((name, ent))
    assert total and found / total >= 0.95, missed


def test_shoigu_cluster_with_variants_and_role(engine):
    text = (SEEDS / "000_60f9b3ceaf33020d.txt").read_text(encoding="utf-8")
    shoigu = by_name(clusters_of(engine, text))["Shoigu"]
    assert shoigu.canonical == "Sergei Shoigu" and shoigu.label == "PERSON"
    assert "Sergey Shoigu" in shoigu.variants
    assert "Russian Defence Minister" in shoigu.roles
    assert len(shoigu.mentions) >= 9


def test_acronym_joins_its_expansion(engine):
    text = (SEEDS / "003_3b0ab8ce93788c52.txt").read_text(encoding="utf-8")
    names = by_name(clusters_of(engine, text))
    mcis = names["MCIS"]
    assert mcis.canonical == "Moscow Conference on International Security" and mcis.acronym == "MCIS"
    assert names["Shoigu"].label == "PERSON"  # the headline "Putin, Shoigu, Li ..." is tagged GPE by the model
    assert names["Kiev"].label == "GPE" and names["Kiev"].place["country"] == "Ukraine"


def test_places_fixed_by_gazetteer_and_labels_by_majority(engine):
    text = (
        "Kiev said the talks had failed. Officials in Kiev declined to comment.\n\n"
        "Later, Zaporizhzhia was shelled again, and Kiev blamed Moscow.\n"
    )
    names = by_name(clusters_of(engine, text))
    assert names["Kiev"].label == "GPE"
    assert names["Zaporizhzhia"].label == "GPE"
    assert names["Zaporizhzhia"].place["population"] > 100_000


def test_different_people_with_one_surname_stay_apart(engine):
    text = "Joe Biden met Jill Biden at the White House. Later, Hunter Biden arrived.\n"
    clusters = [c for c in clusters_of(engine, text) if c.label == "PERSON"]
    assert {c.canonical for c in clusters} >= {"Joe Biden", "Jill Biden", "Hunter Biden"}


def test_emoji_and_lower_case_words_are_not_names(engine):
    text = "Reporter Olena Marchenko 🙂 met café owner Jean-Luc Dupont 🎉 in Paris.\n"
    names = by_name(clusters_of(engine, text))
    assert "Olena Marchenko" in names and "Jean-Luc Dupont" in names
    assert not any(not any(ch.isupper() for ch in n) for n in names)


def test_role_after_name_by_apposition(engine):
    text = "Antony Blinken, the US secretary of state, said the talks were useful.\n"
    blinken = by_name(clusters_of(engine, text))["Antony Blinken"]
    assert any("secretary of state" in r for r in blinken.roles)
