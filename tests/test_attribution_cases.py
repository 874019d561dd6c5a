"""Attribution cases met on PolNeAR articles, rewritten in text made for the tests."""

from __future__ import annotations

from copydesk.findings import Code
from test_attribution import analyse
from test_attribution_rules import cues


def test_in_a_statement_closing_an_unpunctuated_paragraph(engine):
    # The missing space in `,"Katie` glues the quote mark into one token; the paragraph ends
    # with "said in a statement", so the document phrase has nothing after it to report.
    text = 'Smith says different things to different audiences,"Katie Jones, who is chairman of Our Town Pac said in a statement\n'
    atts, _ = analyse(engine, text)
    assert "says" in cues(atts)


def test_closing_records_show_formula_read_as_a_noun(engine):
    # The tagger reads "show" as a noun compounded with "records": the finding had no source.
    text = "A business called Copperleaf Ventures gave $3,000 to the PAC on July 19, 2016, campaign finance records show.\n"
    atts, _ = analyse(engine, text)
    (att,) = atts
    assert (att.source.text, att.cue.text) == ("campaign finance records", "show")
    assert att.content.text == "A business called Copperleaf Ventures gave $3,000 to the PAC on July 19, 2016"


def test_a_show_that_is_a_noun_stays_a_noun(engine):
    atts, _ = analyse(engine, "She starred in the game show, the quiz show and the motor show.\n")
    assert "show" not in cues(atts)


def test_partial_quote_in_the_next_sentence_continues_the_speaker(engine):
    text = '"He is supposed to be a cheerleader for this town," Smith said. Instead, "he just acts like a beaten man."\n'
    atts, findings = analyse(engine, text)
    (att,) = atts
    assert att.source.text == "Smith" and att.content.text.endswith('"he just acts like a beaten man."')
    assert not [f for f in findings if f.code == Code.UNATTRIBUTED_QUOTE]


def test_partial_quote_after_a_sentence_of_its_own_is_not_carried(engine):
    text = ('"The bridge will reopen," Smith said. The council met on Monday. '
            'Later, "nobody knows when the work will end."\n')
    atts, findings = analyse(engine, text)
    assert all("nobody knows" not in a.content.text for a in atts)
    assert [f for f in findings if f.code == Code.UNATTRIBUTED_QUOTE]


def test_a_term_in_quotation_marks_does_not_continue_the_speaker(engine):
    text = '"We are on course," Mr Brown said. Critics say the "golden rule" has been bent.\n'
    atts, _ = analyse(engine, text)
    assert all("golden rule" not in a.content.text for a in atts if a.cue is not None and a.cue.text == "said")


def test_a_long_appositive_stays_in_the_source_and_reports_nothing(engine):
    text = ("Peter Eaton, a retired farmer and lifelong Republican who voted for Kennedy and for Carter, "
            "said he would vote for Smith.\n")
    atts, _ = analyse(engine, text)
    (att,) = atts
    assert att.cue.text == "said"
    assert att.source.text == "Peter Eaton, a retired farmer and lifelong Republican who voted for Kennedy and for Carter"


def test_shares_of_people_hold_stances(engine):
    atts, _ = analyse(engine, "Fewer than 18 percent of Democrats approve of the governor's handling of the budget.\n")
    (att,) = atts
    assert (att.source.text, att.cue.text) == ("Fewer than 18 percent of Democrats", "approve")
    atts, _ = analyse(engine, "On this question, a 58% majority of Democrats support raising the school budget.\n")
    assert only_cue(atts, "support").content.text == "raising the school budget"
    # things counted are not people: the pillars hold the roof up, they take no side
    atts, _ = analyse(engine, "Two of the pillars support the roof of the old market hall.\n")
    assert "support" not in cues(atts)


def test_people_named_by_their_leaning_or_part(engine):
    text = "While liberals dismissed her as a small-town pharmacist, the fact was she was a shrewd negotiator.\n"
    atts, _ = analyse(engine, text)
    assert only_cue(atts, "dismissed").source.text == "liberals"
    atts, _ = analyse(engine, "At the convention, 412 delegates cast their votes for rivals other than Mr. Novak.\n")
    assert only_cue(atts, "cast").source.text == "412 delegates"


def only_cue(atts, cue_text):
    (att,) = [a for a in atts if a.cue is not None and a.cue.text == cue_text]
    return att


def test_those_polled_speak_through_the_poll(engine):
    text = "In a Valley Courier survey released last Friday, 71 percent of Democrats said they were pleased with the governor.\n"
    atts, _ = analyse(engine, text)
    (att,) = atts
    assert (att.source.text, att.cue.text) == ("a Valley Courier survey", "In")
    assert att.content.text.startswith("71 percent of Democrats said")


def test_naming_after_a_comma_is_a_report_of_its_own(engine):
    text = 'On his taxes, he says he would release the papers on Friday, calling them "very boring tax returns."\n'
    atts, _ = analyse(engine, text)
    calling = only_cue(atts, "calling")
    assert calling.source.text == "he" and calling.content.text.startswith('them "very boring')
    assert "calling" not in only_cue(atts, "says").content.text


def test_called_for_someone_to_act_keeps_who_was_called_on(engine):
    text = "A few county commissioners have called for a special investigator to review the contracts.\n"
    atts, _ = analyse(engine, text)
    assert only_cue(atts, "have called").content.text == "for a special investigator to review the contracts"


def test_a_petition_can_call_for_something(engine):
    text = "A petition calling on her to be removed from the parish council has gathered 4,200 signatures.\n"
    atts, _ = analyse(engine, text)
    assert only_cue(atts, "calling").source.text == "A petition"


def test_object_relative_with_its_own_speaker_stands_inside_a_report(engine):
    text = "Reyes cited the rules of her rivals, which she said had hurt small farms.\n"
    atts, _ = analyse(engine, text)
    assert only_cue(atts, "cited").content.text == "the rules of her rivals"
    said = only_cue(atts, "said")
    assert said.source.text == "she" and said.content.text == "which she said had hurt small farms"


def test_cue_words_counted_on_the_corpus(engine):
    text = ("The senator has been outspoken about the plan to close the port. "
            "In his speech, the mayor took a swipe at the council over the budget.\n")
    atts, _ = analyse(engine, text)
    assert only_cue(atts, "been outspoken").content.text == "about the plan to close the port"
    assert only_cue(atts, "took a swipe").source.text == "the mayor"


def test_a_name_opening_the_sentence_tagged_as_a_plural_noun(engine):
    atts, _ = analyse(engine, "Sanders supports raising the minimum wage to $15.\n")
    assert only_cue(atts, "supports").source.text == "Sanders"


def test_a_second_speaker_after_comma_and(engine):
    text = ("Council officers will have to report to the auditor next month about the overspend, "
            "and the authority said it will publish another set of accounts in June.\n")
    atts, _ = analyse(engine, text)
    assert only_cue(atts, "said").source.text == "the authority"
    assert "authority" not in only_cue(atts, "to report").content.text


def test_headline_labels_with_a_name_and_lower_case_words(engine):
    for text, speaker in (
        ("Clinton camp: the rival's plan threatens national security.\n", "Clinton camp"),
        ("Former AG Mukasey at RNC: the email scandal disqualifies her.\n", "Former AG Mukasey"),
        ("EXCLUSIVE – Roger Stone: Don't trust the voting machines.\n", "Roger Stone"),
    ):
        atts, _ = analyse(engine, text)
        assert only_cue(atts, ":").source.text == speaker, text
    atts, _ = analyse(engine, "Tickets on sale: the box office opens at noon.\n")
    assert ":" not in cues(atts)
