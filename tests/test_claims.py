"""Unsourced claims (issue 17): evidence and strength, levels, and what is never a claim.

Every sentence here is written for these tests. Each test names the rule it guards; removing
that rule (or its word list) makes the test fail.
"""

from __future__ import annotations

import pytest

from copydesk.analysis.pipeline import analyse_text
from copydesk.findings import Code, Severity
from copydesk.settings import parse_settings

CLAIM_CODES = (Code.UNATTRIBUTED_CLAIM, Code.UNATTRIBUTED_QUOTE)


def analyse(engine, text, level="all"):
    settings, problems = parse_settings({"claims": level})
    assert not problems
    return analyse_text(text, engine, settings)


def claims(engine, text, level="all", code=Code.UNATTRIBUTED_CLAIM):
    return [f for f in analyse(engine, text, level).findings if f.code == code]


def marked(engine, text, level="all"):
    """The marked sentences' texts, for both unattributed codes."""
    analysis = analyse(engine, text, level)
    return [text[f.start:f.end] for f in analysis.findings if f.code in CLAIM_CODES]


def only(engine, text, level="all"):
    found = claims(engine, text, level)
    assert len(found) == 1, [(f.message, f.data) for f in found]
    return found[0]


# --- evidence and strength ---------------------------------------------------------------

@pytest.mark.parametrize("text,kind,words", [
    ("Pre-tax profits at the grocer rose 12% to £3.2bn in the year to March.\n", "figure", ["12%", "£3.2bn"]),
    ("The trade gap is now the widest since records began.\n", "ranking", ["widest", "since records began"]),
    ("Exports slowed because the strong pound made goods dearer abroad.\n", "cause", ["because"]),
    ("Mortgage rates are likely to climb again before the summer.\n", "prediction", ["likely"]),
    ("Councils should publish every contract they sign.\n", "judgement", ["should"]),
])
def test_strong_evidence_names_its_words(engine, text, kind, words):
    f = only(engine, text, "strict")
    assert f.data["strength"] == "strong"
    assert all(any(w in found for found in f.data["evidence"][kind]) for w in words), f.data["evidence"]
    assert f.effective_severity == Severity.INFORMATION
    assert f.message.startswith("Unsourced ") and words[0] in f.message


def test_figure_message_reads_as_in_the_issue(engine):
    f = only(engine, "Pre-tax profits at the grocer rose 12% to £3.2bn.\n")
    assert f.message.startswith("Unsourced figure (12%, £3.2bn)")
    assert f.message.endswith("say who reports it")


@pytest.mark.parametrize("text,kind", [
    ("Ticket sales at the theatre fell.\n", "change"),
    ("The new terminal is bigger than the old one.\n", "comparison"),
    ("The rescue was disastrous.\n", "evaluation"),
])
def test_weak_evidence_is_a_hint_shown_at_balanced_not_strict(engine, text, kind):
    f = only(engine, text, "balanced")
    assert f.data["strength"] == "weak" and kind in f.data["evidence"]
    assert f.effective_severity == Severity.HINT
    assert not claims(engine, text, "strict")


def test_two_kinds_of_weak_evidence_make_a_strong_claim(engine):
    f = only(engine, "Attendance at the museum has fallen sharply.\n", "strict")
    assert {"change", "evaluation"} <= set(f.data["evidence"])
    assert f.data["strength"] == "strong"


def test_a_plain_fact_about_someone_named_is_weak(engine):
    f = only(engine, "Northfield Council sold the library without notice.\n", "balanced")
    assert f.data["strength"] == "weak"


def test_a_statement_with_no_evidence_shows_only_at_all(engine):
    text = "The old barn has a red roof.\n"
    assert not claims(engine, text, "balanced")
    assert only(engine, text, "all").data["strength"] == "faint"


def test_dated_background_in_the_simple_past_is_faint(engine):
    text = "The choir was founded by a group of teachers in 1968.\n"
    assert not claims(engine, text, "balanced")
    assert claims(engine, text, "all")


def test_a_year_is_not_a_figure(engine):
    f = only(engine, "The ferry service ran until 2009, carrying 40,000 passengers.\n")
    assert "2009" not in f.data["evidence"].get("figure", [])
    assert "40,000" in f.data["evidence"]["figure"]


def test_future_in_a_relative_clause_is_not_the_sentence_s(engine):
    f = claims(engine, "The captain spoke ahead of the final, which he will miss.\n", "all")
    assert not f or "future" not in f[0].data["evidence"]


def test_level_setting_is_validated(engine):
    _, problems = parse_settings({"claims": "loud"})
    assert problems


# --- attributed or not: the main clause decides --------------------------------------------

def test_main_clause_report_attributes_the_sentence(engine):
    assert not claims(engine, "The chief executive said profits rose 40% last year.\n")


def test_subordinate_report_leaves_the_main_claim_unsourced(engine):
    text = "The dollar hit a three-month high after the central bank chief said rates would rise.\n"
    f = only(engine, text)
    assert text[f.start:f.end].startswith("The dollar hit")


def test_coordinated_clause_with_its_own_subject_is_its_own_assertion(engine):
    text = 'Ortega tore a hamstring in the semi-final and his coach said: "He cannot run."\n'
    assert claims(engine, text), "the injury is the reporter's own claim"


def test_an_act_is_not_a_report(engine):
    text = "Harlow Freight agreed to pay $12m to settle the case.\n"
    assert claims(engine, text), "'agreed' tells of an act, not a source"


def test_a_report_after_the_act_attributes_it(engine):
    text = "The regulator declined the request, saying the bank had not shown enough capital.\n"
    assert not claims(engine, text)


def test_a_sentence_never_inherits_a_source_from_the_one_before(engine):
    text = "The minister said the scheme was working. Unemployment fell by 40,000 in the quarter.\n"
    found = claims(engine, text)
    assert len(found) == 1 and text[found[0].start:].startswith("Unemployment")


def test_a_tail_cue_split_off_reports_the_sentence_before(engine):
    text = "Over 60% of the phones sold in the quarter had two cameras, it said.\n"
    assert not claims(engine, text)


# --- never a claim -------------------------------------------------------------------------

def test_headline_is_not_a_claim(engine):
    text = "Profits soar 40% at carmaker\n\nThe carmaker's profits rose 40% in the year.\n"
    found = marked(engine, text)
    assert found and all(not s.startswith("Profits soar") for s in found)


def test_question_is_not_a_claim(engine):
    assert not claims(engine, "Will profits at the carmaker really rise 40% next year?\n")


def test_boilerplate_is_not_a_claim(engine):
    assert not claims(engine, "Sign up for our newsletter to get the latest 10 figures.\n")


def test_declined_to_comment_is_furniture(engine):
    assert not claims(engine, "Harlow Freight declined to comment.\n")


def test_scene_setting_is_not_a_claim(engine):
    assert not claims(engine, "He was speaking at a conference in Berlin on Tuesday.\n")


def test_sentences_of_an_attributed_quotation_are_not_claims(engine):
    text = '"Profits will rise 40% next year," the chief executive said. "Costs fell by a fifth."\n'
    assert not marked(engine, text)


def test_bulleted_speaker_label_sources_its_quotations(engine):
    text = '- Rovers manager Ian Crowe "We were the better side. The referee had a poor game."\n'
    assert not marked(engine, text)


MATCH = (
    "Rovers beat City 2-1 at a rain-soaked Vale Park.\n\n"
    "Okafor saved bravely from Marsh in the 12th minute and City wasted a glorious chance.\n\n"
    "It was Dunne's first goal of the season and the club's fifth straight win.\n\n"
    "Rovers: Okafor, Lyle, Banks, Reid. Subs Not Used: Grey, Platt.\n\n"
    "Goals: Dunne 55, Reid 80. Att: 12,411 Ref: P Hale.\n"
)


def test_match_narration_and_data_lines_are_not_claims_at_balanced(engine):
    found = marked(engine, MATCH, "balanced")
    assert not any("saved bravely" in s or s.startswith("Goals") or "Subs" in s for s in found), found


def test_records_in_a_match_report_stay_claims(engine):
    found = marked(engine, MATCH, "balanced")
    assert any("first goal of the season" in s for s in found), found


def test_the_same_narration_outside_a_match_report_is_a_claim(engine):
    text = "Okafor saved bravely from Marsh and City wasted a glorious chance.\n"
    assert claims(engine, text, "balanced")


# --- quotations and vague sources ---------------------------------------------------------------

def test_quoted_words_after_a_named_subject_are_theirs(engine):
    assert not marked(engine, 'Ms Okafor "utterly rejected" the findings of the review.\n')


def test_quoted_words_after_a_subjectless_speech_verb_continue_the_speaker(engine):
    text = 'The mayor left the meeting early. But told reporters: "We have drawn a line under it."\n'
    assert not claims(engine, text, code=Code.UNATTRIBUTED_QUOTE)


def test_a_quotation_with_nobody_is_still_marked(engine):
    text = "The plan was announced on Monday.\n\n“We are not going to give up on the reform.”\n"
    assert claims(engine, text, code=Code.UNATTRIBUTED_QUOTE)


@pytest.mark.parametrize("text,phrase", [
    ("The company is thought to be preparing a bid for its rival.\n", "is thought"),
    ("The striker has been linked with a move to Spain.\n", "has been linked"),
    ("Shares in the miner rose 4% on speculation that a bid was near.\n", "on speculation"),
    ("Some shop owners say the new parking charges are driving customers away.\n", "Some shop owners"),
])
def test_vague_sources(engine, text, phrase):
    found = [f for f in analyse(engine, text).findings if f.code == Code.VAGUE_ATTRIBUTION]
    assert any(phrase in text[f.start:f.end] or text[f.start:f.end] in phrase for f in found), found


def test_agentless_passive_source_is_not_also_an_unsourced_claim(engine):
    assert not claims(engine, "The company is thought to be preparing a bid for its rival.\n")


def test_a_named_qualifier_makes_a_group_source_identifiable(engine):
    text = "Government lawyers said they would appeal against the ruling.\n"
    assert not [f for f in analyse(engine, text).findings if f.code == Code.VAGUE_ATTRIBUTION]


def test_a_quantity_is_not_a_vague_source(engine):
    text = "The clinic wants as many people as possible to get the vaccine.\n"
    assert not [f for f in analyse(engine, text).findings if f.code == Code.VAGUE_ATTRIBUTION]


def test_a_verb_of_judging_with_a_named_subject_is_a_report(engine):
    assert not claims(engine, "Judge Amara Okoye praised the nurse for her courage on the night.\n")


def test_a_thing_that_highlights_is_not_a_source(engine):
    assert claims(engine, "His speech highlighted the country's plan to double its navy by 2030.\n")


def test_a_speech_verb_under_a_modal_reports_nothing(engine):
    assert claims(engine, "Councils should publish every contract over £5,000.\n")


def test_a_short_capitalised_sentence_after_a_claim_is_not_a_tail_cue(engine):
    text = "Unemployment fell by 40,000 in the quarter. She said no more.\n"
    found = claims(engine, text)
    assert any(text[f.start:].startswith("Unemployment") for f in found)


@pytest.mark.parametrize("text", [
    "Two rival unions could merge to form a \"super union\" of a million members.\n",
    "The chancellor said little about his \"golden rule\" on borrowing.\n",
    "The site was knocked out by a so-called \"denial of service\" attack.\n",
])
def test_terms_and_scare_quotes_are_not_quotations(engine, text):
    assert not claims(engine, text, code=Code.UNATTRIBUTED_QUOTE)


def test_a_cue_right_after_the_closing_mark_gives_the_speaker(engine):
    text = '"Nobody in the village ever sees the money," said Ada Obi, a maize grower, told a radio station.\n'
    assert not claims(engine, text, code=Code.UNATTRIBUTED_QUOTE)


def test_a_text_cited_after_a_colon_frame_is_not_an_unsourced_quotation(engine):
    text = 'The party\'s slogan will be: "Keep the lights on, keep the trains running".\n'
    assert not claims(engine, text, code=Code.UNATTRIBUTED_QUOTE)


def test_a_quotation_after_a_named_speaker_s_paragraph_is_theirs(engine):
    text = (
        "Ms Obi told the inquiry the pumps had failed twice that winter.\n\n"
        "\"We had no water for eleven days and nobody came to help us at all.\"\n"
    )
    assert not claims(engine, text, code=Code.UNATTRIBUTED_QUOTE)


def test_a_quotation_with_no_speaker_anywhere_near_is_still_marked(engine):
    text = (
        "The pumps failed twice that winter.\n\nThe council met on Monday.\n\nRepairs began in March.\n\n"
        "\"We had no water for eleven days and nobody came to help us at all.\"\n"
    )
    assert claims(engine, text, code=Code.UNATTRIBUTED_QUOTE)
