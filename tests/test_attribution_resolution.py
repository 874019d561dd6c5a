"""Which entity a pronoun, role or bare surname source stands for, on text written for the tests."""

from __future__ import annotations

from test_attribution import analyse
from test_entities import clusters_of

STRATEGISTS = (
    "Republican strategist Mark Dunn said the race was close.\n\n"
    "The governor spoke in Ohio on Monday.\n\n"
    "A Republican strategist said the campaign was running out of money. He added that donors were nervous.\n\n"
    "The strategist said the ads were not working.\n\n"
    "Dunn disagreed, saying the ads were fine.\n"
)


def by_source(engine, text):
    """Each attribution of ``text`` by its source's words (the last one for a repeated source)."""
    atts, _ = analyse(engine, text, clusters_of(engine, text))
    return {a.source.text: a for a in atts if a.source is not None}


def test_an_indefinite_role_is_someone_new(engine):
    atts, _ = analyse(engine, STRATEGISTS, clusters_of(engine, STRATEGISTS))
    by_content = {a.content.text: a for a in atts}
    assert by_content["the race was close"].speaker == "Mark Dunn"
    unnamed = by_content["the campaign was running out of money"]
    assert unnamed.speaker_id is None and unnamed.speaker == "A Republican strategist"
    assert by_content["that donors were nervous"].speaker_id is None  # "He": the unnamed strategist again
    assert by_content["the ads were not working"].speaker_id is None  # "The strategist": the unnamed one, nearer
    assert by_content["the ads were fine"].speaker == "Mark Dunn"  # a bare surname the recogniser missed


def test_a_definite_role_still_finds_the_named_person(engine):
    text = (
        "Defence Minister Anna Kovacs said the army would stay.\n\n"
        "Officials met in the capital on Tuesday.\n\n"
        "The minister said the troops had enough supplies.\n"
    )
    assert by_source(engine, text)["The minister"].speaker == "Anna Kovacs"


def test_a_role_is_not_given_to_someone_known_by_another_title(engine):
    text = (
        "Mayor Ann Lee said the bridge would reopen in May.\n\n"
        "The senator said the federal money had not arrived.\n\n"
        "The mayor said the delay was not her fault.\n"
    )
    speakers = by_source(engine, text)
    assert speakers["The senator"].speaker_id is None and speakers["The senator"].speaker == "The senator"
    assert speakers["The mayor"].speaker == "Ann Lee"
