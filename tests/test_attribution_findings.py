"""Findings of the attribution pass: unattributed quotes and claims, vague sources."""

from __future__ import annotations

import time

from copydesk.analysis.attribution import find_attributions
from copydesk.article import Article
from copydesk.findings import Code, Severity


def findings_of(engine, text, code=None):
    article = Article(text)
    parsed = engine.parse([p.text for p in article.paragraphs])
    _, found = find_attributions(article, parsed, [])
    return [f for f in found if code is None or f.code == code]


def test_unattributed_partial_quote_is_a_warning(engine):
    text = 'The agreement was hailed as "a new chapter in relations between the two countries" on Tuesday.\n'
    found = findings_of(engine, text, Code.UNATTRIBUTED_QUOTE)
    assert len(found) == 1
    f = found[0]
    assert text[f.start:f.end] == '"a new chapter in relations between the two countries"'
    assert f.effective_severity == Severity.WARNING
    assert f.data["snippet"] == ", ${1:source} said"
    assert f.data["insertAt"] == text.index(" on Tuesday.") + len(" on Tuesday")


def test_attributed_quote_is_not_flagged(engine):
    text = '"We are ready to talk," the foreign minister told reporters in Geneva.\n'
    assert not findings_of(engine, text, Code.UNATTRIBUTED_QUOTE)


def test_unattributed_claim_is_information_on_the_sentence(engine):
    text = "Unemployment is now higher than at any time in the past decade, a sign that the recovery has stalled.\n"
    found = findings_of(engine, text, Code.UNATTRIBUTED_CLAIM)
    assert len(found) == 1
    assert found[0].start == 0 and text[found[0].start:found[0].end].endswith("stalled.")
    assert found[0].effective_severity == Severity.INFORMATION
    assert "comparison" in found[0].data["reasons"]


def test_the_same_claim_with_a_source_is_not_flagged(engine):
    text = "Unemployment is now higher than at any time in the past decade, the central bank said.\n"
    assert not findings_of(engine, text, Code.UNATTRIBUTED_CLAIM)


def test_not_flagged_headlines_questions_boilerplate_scene_setting(engine):
    text = (
        "Markets tumble as inflation soars to record high\n\n"
        "Will the central bank raise rates again?\n\n"
        "Read more: our full coverage of the economy here.\n\n"
        "Click here to download our free app from the App Store.\n\n"
        "He was speaking at a meeting of finance ministers in Brussels on Monday.\n"
    )
    assert not findings_of(engine, text, Code.UNATTRIBUTED_CLAIM)
    assert not findings_of(engine, text, Code.UNATTRIBUTED_QUOTE)


def test_caption_quote_is_not_flagged(engine):
    text = 'Protesters hold a banner reading "No more war" (L) outside parliament.\n\nThe vote takes place today.\n'
    assert not findings_of(engine, text, Code.UNATTRIBUTED_QUOTE)


def test_vague_sources_name_what_is_missing(engine):
    text = (
        "Critics say the new law will hurt small farmers.\n\n"
        "It is widely believed that the minister will resign.\n\n"
        "Some experts believe prices will fall.\n"
    )
    found = findings_of(engine, text, Code.VAGUE_ATTRIBUTION)
    shown = [text[f.start:f.end] for f in found]
    assert "Critics" in shown[0]
    assert any("widely believed" in s for s in shown)
    assert any("experts" in s for s in shown)
    assert found[0].message == "Vague source “Critics say”: name who says it"
    assert all(f.effective_severity == Severity.WARNING for f in found)


def test_named_and_definite_sources_are_not_vague(engine):
    text = (
        "Pentagon officials said the drill was routine.\n\n"
        "The analyst, Maria Ruiz of Capital Economics, said growth would slow.\n"
    )
    assert not findings_of(engine, text, Code.VAGUE_ATTRIBUTION)


def test_vague_words_inside_a_quotation_are_the_speakers(engine):
    text = '"Critics say a lot of things," the governor said.\n'
    assert not findings_of(engine, text, Code.VAGUE_ATTRIBUTION)


def test_document_step_is_cheap_with_warm_cache(engine):
    paragraph = (
        '"We will not accept these terms," Finance Minister Elena Marsh said on Tuesday, adding that '
        "the government expected growth of 2% next year. Critics say the plan is unrealistic. "
        "The deficit is larger than last year, according to the budget office."
    )
    # about 1,000 words in 25 paragraphs with distinct texts
    text = "\n\n".join(f"{paragraph} ({i})" for i in range(25)) + "\n"
    article = Article(text)
    assert 900 <= len(text.split()) <= 1200
    parsed = engine.parse([p.text for p in article.paragraphs])
    find_attributions(article, parsed, [])  # warms the per-paragraph cache
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        find_attributions(article, parsed, [])
        runs.append(time.perf_counter() - started)
    assert min(runs) < 0.005, f"document-level step took {min(runs) * 1000:.1f} ms"
