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
