"""Splicing an edited paragraph's parse: only the touched sentences go back through spaCy."""

from __future__ import annotations

import random

import pytest

from conftest import SEED_000, SEED_003
from copydesk.analysis.pipeline import WorkspaceContext, analyse_parsed
from copydesk.article import Article
from copydesk.nlp import Engine, Entity, ParsedParagraph, Token
from copydesk.splice import build_splice, changed_pairs, is_consistent, plan_splice, sentence_chars

PARAGRAPH = (
    "The minister said on Tuesday that the plan would go ahead. Critics in London called it "
    "reckless and expensive. Sergei Shoigu, the defence minister, did not comment on the report. "
    "A decision is expected next month."
)


def _edit(text: str, rng: random.Random) -> str:
    while True:
        pos = rng.randrange(len(text) + 1)
        op = rng.choice(("insert", "delete", "replace"))
        char = rng.choice("abcdefghijklmnopqrstuvwxyz ")
        new = text[:pos] + char + text[pos:] if op == "insert" else text[:pos] + (char if op == "replace" else "") + text[pos + 1 :]
        if new != text:
            return new


def _shifted_equal(a: Token, b: Token, tokens: int, chars: int) -> bool:
    return (a.text, a.ws, a.dep, a.tag, a.ent_iob, a.ent_type, a.sent_start) == (
        b.text, b.ws, b.dep, b.tag, b.ent_iob, b.ent_type, b.sent_start
    ) and (a.i + tokens, a.idx + chars, a.head + tokens) == (b.i, b.idx, b.head)


def test_whole_parses_are_consistent(engine):
    for seed in (SEED_000, SEED_003):
        for para in engine.parse([p.text for p in Article(seed.read_text(encoding="utf-8")).paragraphs]):
            assert is_consistent(para)


def test_splice_reparses_only_the_touched_sentence(engine):
    old = engine.parse([PARAGRAPH])[0]
    new_text = PARAGRAPH.replace("reckless", "rexkless")
    plan = plan_splice(old, new_text)
    assert plan is not None and plan.first == plan.last == 1
    assert plan.middle == "Critics in London called it rexkless and expensive. "
    middle = engine._run([plan.middle])  # noqa: SLF001 - the engine's own parse of a piece
    spliced = build_splice(old, new_text, plan, next(iter(middle)))
    assert spliced is not None and spliced.text == new_text and is_consistent(spliced)
    k0, k1 = old.sents[1]
    shift = len(spliced.tokens) - len(old.tokens)
    # Untouched sentences keep their tokens; the later ones only move.
    assert spliced.tokens[:k0] == old.tokens[:k0]
    assert all(_shifted_equal(a, b, shift, 0) for a, b in zip(old.tokens[k1:], spliced.tokens[k1 + shift :]))
    assert "rexkless" in [t.text for t in spliced.tokens]
    assert [e.text for e in spliced.ents if e.label == "PERSON"] == [e.text for e in old.ents if e.label == "PERSON"]


@pytest.mark.parametrize("seed", [SEED_000, SEED_003])
def test_random_edits_splice_exactly_into_the_new_text(engine, settings, seed):
    """Every spliced parse tiles the new text, and its findings match a whole parse's (nearly always)."""
    # The seeds' paragraphs are mostly one sentence (nothing to splice); news paragraphs elsewhere
    # run to 100-250 words, so join four at a time.
    singles = [p.text for p in Article(seed.read_text(encoding="utf-8")).paragraphs]
    paragraphs = [" ".join(singles[k : k + 4]) for k in range(0, len(singles) - 3, 4)]
    rng = random.Random(11)
    spliced = agree = 0
    for _ in range(60):
        old_text = rng.choice(paragraphs)
        old = engine.parse([old_text])[0]
        new_text = _edit(old_text, rng)
        plan = plan_splice(old, new_text)
        if plan is None:
            continue
        assert old_text[: plan.start] == new_text[: plan.start]
        assert old_text[plan.old_end :] == new_text[plan.start + len(plan.middle) :]
        result = build_splice(old, new_text, plan, next(iter(engine._run([plan.middle]))))  # noqa: SLF001
        if result is None:
            continue
        spliced += 1
        assert result.text == new_text and is_consistent(result)
        assert "".join(t.text + t.ws for t in result.tokens) == new_text
        for e in result.ents:
            assert new_text[e.start_char : e.end_char] == e.text
        whole = next(iter(engine._run([new_text])))  # noqa: SLF001
        article = Article(new_text)
        a = analyse_parsed(article, [result], settings, WorkspaceContext()).findings
        b = analyse_parsed(article, [whole], settings, WorkspaceContext()).findings
        agree += sorted((f.code, f.start, f.end) for f in a) == sorted((f.code, f.start, f.end) for f in b)
    assert spliced >= 30, "most one-character edits in prose should splice"
    assert agree >= 0.9 * spliced


@pytest.mark.parametrize(
    "old_part, new_part",
    [
        ("go ahead.", "go ahead"),  # a sentence end removed: boundaries may move
        ("reckless and", 'reckless " and'),  # a quotation mark added
        ("The minister said", "The minister\nsaid"),  # a line break
    ],
)
def test_edits_that_may_move_sentence_boundaries_are_parsed_whole(engine, old_part, new_part):
    old = engine.parse([PARAGRAPH])[0]
    assert plan_splice(old, PARAGRAPH.replace(old_part, new_part)) is None


def test_short_paragraphs_and_large_changes_are_parsed_whole(engine):
    short = "Shoigu spoke on Monday."
    assert plan_splice(engine.parse([short])[0], short.replace("spoke", "spoek")) is None
    old = engine.parse([PARAGRAPH])[0]
    assert plan_splice(old, PARAGRAPH) is None
    assert plan_splice(old, "   ") is None
    half = PARAGRAPH[: len(PARAGRAPH) // 2]
    assert plan_splice(old, half.replace("minister", "ministers") + PARAGRAPH[len(half) :].replace("month", "months")) is None


def test_edit_at_a_sentence_start_keeps_the_sentence_before():
    text = "Aa bb. Cc dd. Ee ff."
    para = _hand_made(text, sentences=[(0, 3), (3, 6), (6, 9)])
    plan = plan_splice(para, text.replace("Cc", "xCc"))
    assert plan is not None and (plan.first, plan.last) == (1, 1) and plan.middle == "xCc dd. "
    assert sentence_chars(para) == [(0, 7), (7, 14), (14, 20)]


def test_unsafe_splice_edges_are_refused():
    text = "Aa bb. Cc dd. Ee ff."
    para = _hand_made(text, sentences=[(0, 3), (3, 6), (6, 9)], ents=[(1, 4, "ORG")])
    new_text = text.replace("dd", "dx")
    plan = plan_splice(para, new_text)
    middle = _hand_made("Cc dx. ", sentences=[(0, 3)])
    assert plan is not None and build_splice(para, new_text, plan, middle) is None  # entity across the edge
    para = _hand_made(text, sentences=[(0, 3), (3, 6), (6, 9)])
    two = _hand_made("Cc dx. ", sentences=[(0, 1), (1, 3)])
    assert build_splice(para, new_text, plan, two) is None  # the parser split the sentence
    spliced = build_splice(para, new_text, plan, middle)
    assert spliced is not None and spliced.text == new_text and is_consistent(spliced)


def test_changed_pairs_pairs_paragraphs_edited_in_place():
    assert changed_pairs(["a", "b", "c"], ["a", "bx", "c"]) == {"bx": "b"}
    assert changed_pairs(["a", "b", "c"], ["a", "b", "c"]) == {}
    assert changed_pairs(["a", "b", "c"], ["a", "b1", "b2", "c"]) == {}  # a paragraph split in two
    assert changed_pairs(["a", "b", "c"], ["ax", "b", "cx"]) == {"ax": "a", "cx": "c"}
    assert changed_pairs([], ["a"]) == {}


def test_engine_marks_spliced_entries_until_refined(engine):
    eng = Engine()
    eng._nlp = engine._nlp  # noqa: SLF001 - share the loaded model, keep a separate cache
    eng.parse([PARAGRAPH])
    new_text = PARAGRAPH.replace("reckless", "rexkless")
    parsed = eng.parse([new_text], {new_text: PARAGRAPH})[0]
    assert parsed.text == new_text and eng.spliced_count == 1
    assert eng.approximate([PARAGRAPH, new_text]) == [new_text]
    exact = next(iter(engine._run([new_text])))  # noqa: SLF001
    assert eng.refine(new_text) == (parsed != exact)
    assert eng.approximate([new_text]) == [] and eng.cached(new_text) == exact
    # Forgetting or evicting an entry drops its mark too.
    other = PARAGRAPH.replace("month", "mouth")
    eng.parse([other], {other: PARAGRAPH})
    assert eng.approximate([other]) == [other]
    eng.forget([other])
    assert eng.approximate([other]) == []
    eng.parse([other], {other: PARAGRAPH})
    eng.cache_size = 1
    eng.parse(["Something else entirely."])
    assert eng.approximate([other]) == [] and eng.cached(other) is None


def test_without_an_old_parse_the_paragraph_is_parsed_whole(engine):
    eng = Engine()
    eng._nlp = engine._nlp  # noqa: SLF001
    new_text = PARAGRAPH.replace("reckless", "rexkless")
    eng.parse([new_text], {new_text: PARAGRAPH})  # the old text is not cached
    assert eng.spliced_count == 0 and eng.approximate([new_text]) == []


def _hand_made(text: str, sentences: list[tuple[int, int]], ents: list[tuple[int, int, str]] = ()) -> ParsedParagraph:
    """Records for whitespace-separated tokens ("." split off), each sentence headed by its first token."""
    pieces = []
    for word in text.split(" "):
        if word.endswith(".") and len(word) > 1:
            pieces += [(word[:-1], ""), (".", " ")]
        else:
            pieces.append((word, " "))
    pieces[-1] = (pieces[-1][0], "")
    if text.endswith(" "):
        pieces = [p for p in pieces if p[0]]
        pieces[-1] = (pieces[-1][0], " ")
    tokens, idx = [], 0
    head_of = {i: s for s, e in sentences for i in range(s, e)}
    starts = {s for s, _ in sentences}
    for i, (word, ws) in enumerate(pieces):
        tokens.append(Token(i, word, idx, ws, word.lower(), "X", "X", "dep", head_of[i], "O", "", i in starts))
        idx += len(word) + len(ws)
    entities = tuple(
        Entity(s, e, tokens[s].idx, tokens[e - 1].end, label, text[tokens[s].idx : tokens[e - 1].end]) for s, e, label in ents
    )
    return ParsedParagraph(text, tuple(tokens), tuple(sentences), entities)


def test_hostile_edits_always_give_a_consistent_parse_of_the_new_text(engine):
    """Typing odd characters (emoji, combining marks, tabs, NBSP, U+2028, runs of spaces) in sequence:
    every paragraph's records, spliced or whole, tile exactly the text the editor has."""
    eng = Engine()
    eng._nlp = engine._nlp  # noqa: SLF001
    pieces = ["a", "Z", " ", "  ", "\t", "\u00a0", "😀", "e\u0301", "—", "’", "-", "1", "\u2028", "x y", "U.S", "\u200b", "(", "ﬁ"]
    rng = random.Random(5)
    text = "\n\n".join([PARAGRAPH, PARAGRAPH.replace("London", "Kyiv"), "Short one."])
    for markdown in (False, True):
        before = [p.text for p in Article(text, markdown).paragraphs]
        eng.parse(before)
        current = text
        for _ in range(80):
            pos = rng.randrange(len(current) + 1)
            current = current[:pos] + rng.choice(pieces) + current[pos + rng.choice([0, 0, 1, 2]) :]
            texts = [p.text for p in Article(current, markdown).paragraphs]
            for t, parsed in zip(texts, eng.parse(texts, changed_pairs(before, texts))):
                assert parsed.text == t and is_consistent(parsed), repr(t)
            before = texts
    assert eng.spliced_count >= 40


# A paragraph whose middle sentence is long enough for the entity window to be a part of it.
LONG = (
    "The vote was close, and the count took most of the night in the hall. Officials checked every ballot twice. "
    "Speaking in Brussels on Monday, the Dutch prime minister Mark Rutte said that the new rules on "
    "farm subsidies, which had been debated for more than two years by ministers from every member "
    "state, would be applied from January by the European Commission in all regions. "
    "Nobody objected, and the meeting ended early in the afternoon. Farmers were not told until later that week."
)


def _window_of(engine, old, new_text):
    from copydesk.splice import entity_window

    plan = plan_splice(old, new_text)
    assert plan is not None
    doc = engine._nlp.make_doc(plan.middle)  # noqa: SLF001 - the tokens of the re-parsed part
    return plan, entity_window(old, plan, [(t.text, t.idx) for t in doc])


def test_entity_window_reads_only_round_the_edit(engine):
    old = engine.parse([LONG])[0]
    new_text = LONG.replace("subsidies", "subsidys")
    plan, window = _window_of(engine, old, new_text)
    assert window is not None
    assert 0 < window.start < window.core_start < window.core_end < window.end
    tokens = engine._nlp.make_doc(plan.middle)  # noqa: SLF001
    assert "subsidys" in tokens[window.core_start : window.core_end].text
    # the names far from the edit keep the old parse's entities
    kept = {tokens[s:e].text for s, e, _ in window.kept}
    assert {"Brussels", "Mark Rutte", "the European Commission"} <= kept


def test_windowed_splice_matches_the_entities_of_a_whole_parse(engine):
    old = engine.parse([LONG])[0]
    fresh = Engine()
    fresh.load()
    fresh.parse([LONG])
    new_text = LONG.replace("subsidies", "payments")
    spliced = fresh.parse([new_text], {new_text: LONG})[0]
    assert fresh.windowed_count == 1 and is_consistent(spliced)
    whole = engine.parse([new_text])[0]
    assert [(e.text, e.label) for e in spliced.ents] == [(e.text, e.label) for e in whole.ents]
    assert [e.text for e in spliced.ents if e.label == "PERSON"] == ["Mark Rutte"]


def test_entity_window_refuses_an_entity_across_its_edge(engine):
    from copydesk.splice import EntityWindow, window_entities

    old = engine.parse([LONG])[0]
    # an edit inside a name: the name lies in the core, so the window decides it, not the old parse
    _, window = _window_of(engine, old, LONG.replace("Mark Rutte", "Mark Rutter"))
    assert window is not None
    assert all(e <= window.core_start or s >= window.core_end for s, e, _ in window.kept)
    # an entity the window finds across the core's edge: the whole part is read instead
    probe = EntityWindow(start=10, end=30, core_start=14, core_end=26, kept=())
    assert window_entities(probe, [(2, 6, "ORG")]) is None  # tokens 12-16 cross 14
    assert window_entities(probe, [(0, 3, "ORG"), (5, 8, "GPE")]) == [(15, 18, "GPE")]
