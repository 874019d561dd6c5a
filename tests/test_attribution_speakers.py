"""Speakers of participles the parser hangs on a noun, on text written for the tests."""

from __future__ import annotations

from copydesk.findings import Code
from test_attribution import analyse, only
from test_entities import clusters_of


def test_participle_after_a_comma_takes_the_subject_not_the_object(engine):
    text = "The club secretary called for a postal ballot, and then a show of hands, declaring after both that the motion had failed.\n"
    atts, _ = analyse(engine, text)
    assert only(atts, "declaring").source.text == "The club secretary"


def test_message_sent_to_people_speaks_for_its_sender(engine):
    text = "The union sent a letter to members warning that the strike could last weeks.\n"
    atts, _ = analyse(engine, text)
    assert only(atts, "warning").source.text == "The union"


def test_a_share_of_people_set_against_the_first_speaker_has_its_own_report(engine):
    text = "Among the voters polled, 61 percent said they had decided, while 38 percent said they could still change their minds.\n"
    atts, _ = analyse(engine, text)
    first, second = [a for a in atts if a.cue is not None and a.cue.text == "said"]
    assert first.source.text == "61 percent" and first.content.text == "they had decided"
    assert second.source.text == "38 percent" and second.content.text == "they could still change their minds"


def test_critics_set_against_the_first_speaker_have_their_own_report(engine):
    text = "The mayor said the plan would save money, while critics said it would cost jobs.\n"
    atts, findings = analyse(engine, text)
    mayor, critics = [a for a in atts if a.cue is not None and a.cue.text == "said"]
    assert mayor.content.text == "the plan would save money"
    assert critics.source.text == "critics" and critics.content.text == "it would cost jobs"
    assert any(f.code == Code.VAGUE_ATTRIBUTION for f in findings)


def test_a_capitalised_plural_opening_a_past_tense_report_is_a_name(engine):
    # the tagger reads "Rollins" and "Perkins" as plural common nouns
    atts, _ = analyse(engine, "Rollins accused the council of hiding the audit.\n")
    assert only(atts, "accused").source.text == "Rollins"
    atts, _ = analyse(engine, 'Perkins delivered a sharp retort: "Nobody is throwing this plan away."\n')
    retort = only(atts, "delivered a sharp retort")
    assert retort.source.text == "Perkins" and retort.kind == "direct"


LABELS = (
    "Roger Dale spoke to a radio host on Monday about the count.\n\n"
    "Stated Dale:\n\n"
    "“I think the stakes are so high that they would do anything to stay in power.”\n\n"
    "Continued Dale: “So I think it is a very real problem.”\n"
)


def test_a_speaker_label_with_the_verb_first_speaks_the_next_quotation(engine):
    atts, findings = analyse(engine, LABELS, clusters_of(engine, LABELS))
    stated = only(atts, "Stated")
    assert stated.source.text == "Dale" and stated.content.text.startswith("“I think the stakes")
    continued = only(atts, "Continued")
    assert continued.source.text == "Dale" and continued.content.text.startswith("“So I think")
    assert {a.speaker for a in (stated, continued)} == {"Roger Dale"}
    assert not [f for f in findings if f.code == Code.UNATTRIBUTED_QUOTE]


def test_the_verb_of_a_speaker_label_is_not_part_of_the_name(engine):
    names = {m.text for c in clusters_of(engine, LABELS) for m in c.mentions}
    assert "Stated Dale" not in names and "Continued Dale" not in names


def test_the_one_told_is_not_what_was_said(engine):
    text = '"Is this what we accept now? Because that will decide what kind of town we are," she told the radio show.\n'
    atts, findings = analyse(engine, text)
    told = only(atts, "told")
    assert told.source.text == "she" and told.kind == "direct"
    assert told.content.text.startswith('"Is this what we accept') and "radio show" not in told.content.text
    assert not [f for f in findings if f.code == Code.UNATTRIBUTED_QUOTE]


def test_the_quotation_before_the_speaker_is_not_part_of_the_source(engine):
    atts, _ = analyse(engine, "“It is unanimous,” councilmember Rosa Levin said of the council’s support for the plan.\n")
    said = only(atts, "said")
    assert said.source.text == "councilmember Rosa Levin" and said.content.text == "“It is unanimous,”"
    text = "“The council needs a plan for the Elm Street voters,” Rosa Levin, the pollster who founded the survey, tweeted on Wednesday.\n"
    atts, _ = analyse(engine, text)
    tweeted = only(atts, "tweeted")
    assert tweeted.source.text == "Rosa Levin, the pollster who founded the survey"
    assert tweeted.content.text.startswith("“The council needs") and tweeted.kind == "direct"


def test_a_participle_read_as_a_noun_still_reports(engine):
    text = "He shared the letter on his page last week, writing: “It is an honour to back a candidate I trust.”\n"
    atts, findings = analyse(engine, text)
    writing = only(atts, "writing")
    assert writing.source.text == "He" and writing.kind == "direct"
    assert not [f for f in findings if f.code == Code.UNATTRIBUTED_QUOTE]
