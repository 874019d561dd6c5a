"""Attribution cases met on PolNeAR articles, rewritten in text made for the tests."""

from __future__ import annotations

from test_attribution import analyse


def cues(atts):
    return [a.cue.text for a in atts if a.cue is not None]


def test_in_a_statement_closing_an_unpunctuated_paragraph(engine):
    # The missing space in `,"Katie` glues the quote mark into one token; the paragraph ends
    # with "said in a statement", so the document phrase has nothing after it to report.
    text = 'Smith says different things to different audiences,"Katie Jones, who is chairman of Our Town Pac said in a statement\n'
    atts, _ = analyse(engine, text)
    assert "says" in cues(atts)


def test_closing_records_show_formula_read_as_a_noun(engine):
    # The tagger reads "show" as a noun compounded with "records": the finding had no source.
    text = "A company called Harmony Enterprises gave $5,000 to the PAC on June 27, 2014, campaign finance records show.\n"
    atts, _ = analyse(engine, text)
    (att,) = atts
    assert (att.source.text, att.cue.text) == ("campaign finance records", "show")
    assert att.content.text == "A company called Harmony Enterprises gave $5,000 to the PAC on June 27, 2014"


def test_a_show_that_is_a_noun_stays_a_noun(engine):
    atts, _ = analyse(engine, "She starred in the game show, the quiz show and the motor show.\n")
    assert "show" not in cues(atts)
