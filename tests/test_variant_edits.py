"""The edit helper keeps punctuation, possessives and case."""

from __future__ import annotations

import pytest

from copydesk.analysis.variant_edits import apply_edits, edits_for, preserves_case


def _fix(text: str, word: str, target: str, preserve_case: bool) -> str:
    import re

    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    return apply_edits(text, edits_for(text, spans, target, preserve_case))


@pytest.mark.parametrize(
    "text,word,target,keep,expected",
    [
        ("Zaporozhye's plant.", "Zaporozhye", "Zaporizhzhia", False, "Zaporizhzhia's plant."),
        ("SERGEI SHOIGU", "SERGEI", "Sergey", False, "SERGEY SHOIGU"),
        ("“Kiev,” he said.", "Kiev", "Kyiv", False, "“Kyiv,” he said."),
        ("Defence spending and defence budgets", "defence", "defense", True, "Defense spending and defense budgets"),
        ("the Organisation", "Organisation", "organization", True, "the Organization"),
        ("in the U.S. The next day", "U.S.", "US", False, "in the US. The next day"),
        ("the U.S. Secretary of State", "U.S.", "US", False, "the US Secretary of State"),
        ("went to the U.S.\n", "U.S.", "US", False, "went to the US.\n"),
        ("in the US. Then", "US", "U.S.", False, "in the U.S. Then"),
        ("Al-Qaeda said. Then al-Qaeda", "al-Qaeda", "al-Qaeda", False, "Al-Qaeda said. Then al-Qaeda"),
        ("😀 Kiev", "Kiev", "Kyiv", False, "😀 Kyiv"),
    ],
)
def test_edits_keep_context(text, word, target, keep, expected):
    assert _fix(text, word, target, keep) == expected


def test_only_changed_occurrences_get_edits():
    text = "Kyiv and Kiev"
    edits = edits_for(text, [(0, 4), (9, 13)], "Kyiv", False)
    assert [(e.start, e.end, e.new_text) for e in edits] == [(9, 13, "Kyiv")]


def test_overlapping_spans_are_dropped():
    text = "abc def"
    edits = edits_for(text, [(0, 3), (1, 5)], "xyz", True)
    assert len(edits) == 1


def test_case_free_groups():
    assert preserves_case("ukus:defense") and preserves_case("orth:email")
    assert not preserves_case("name:sergi") and not preserves_case("abbr:US")
