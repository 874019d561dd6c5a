"""Tagger slips mended before attribution reads a parse (attribution_repair), on text written
for the tests: the quotation keeps its speaker and gets no unattributed-quote mark."""

from __future__ import annotations

from test_attribution import analyse, only

from copydesk.analysis.attribution_repair import repair_tags
from copydesk.analysis.lexicon import lexicon
from copydesk.findings import Code


def _quote_marks(findings):
    return [f for f in findings if f.code == Code.UNATTRIBUTED_QUOTE]


def test_may_after_a_quotation_is_the_speaker(engine):
    text = '"The tour will go ahead in the spring, whatever the promoters think," May wrote on his website.\n'
    atts, findings = analyse(engine, text)
    wrote = only(atts, "wrote")
    assert wrote.source is not None and wrote.source.text == "May"
    assert not _quote_marks(findings)


def test_may_at_a_sentence_start_before_a_past_tense_is_the_speaker(engine):
    text = 'The band will tour from April. May said: "We are rising again from the ashes." Tickets sold out.\n'
    atts, findings = analyse(engine, text)
    said = only(atts, "said")
    assert said.source is not None and said.source.text == "May"
    assert not _quote_marks(findings)


def test_a_name_read_as_an_adverb_after_the_cue_is_the_speaker(engine):
    text = '"To take the lead and then to get pegged back, it feels a little bit like a defeat," admitted Kiely.\n'
    atts, findings = analyse(engine, text)
    admitted = only(atts, "admitted")
    assert admitted.source is not None and admitted.source.text == "Kiely"
    assert not _quote_marks(findings)


def test_a_speech_verb_read_as_a_plural_noun_is_the_cue(engine):
    text = '"The company has broken its promise to every customer it signed up," the lawsuit states.\n'
    atts, findings = analyse(engine, text)
    states = only(atts, "states")
    assert states.source.text == "the lawsuit"
    assert states.content.text.startswith('"The company has broken')
    assert not _quote_marks(findings)


def test_read_after_a_document_is_the_cue(engine):
    text = '"The singer had been asked to tone his act down before the show," a BBC statement read.\n'
    atts, findings = analyse(engine, text)
    read = only(atts, "read")
    assert read.source.text == "a BBC statement"
    assert not _quote_marks(findings)


def test_a_name_hung_on_the_noun_before_it_is_the_subject(engine):
    text = ('In an article for the Times newspaper, Ms Dunwoody, who chairs the transport committee, says: '
            '"Small increases in speed hugely increase the risks to pedestrians."\n')
    atts, findings = analyse(engine, text)
    says = only(atts, "says")
    assert says.source is not None and says.source.text.startswith("Ms Dunwoody")
    assert not _quote_marks(findings)


def test_the_name_that_opens_the_sentence_before_an_aside_is_the_subject(engine):
    # the parser splits "co-founded" and hangs the name on "founded"
    text = "Omar Haddad, who co-founded the charity, said donations had doubled.\n"
    atts, _ = analyse(engine, text)
    said = only(atts, "said")
    assert said.source is not None and said.source.text == "Omar Haddad"


def test_a_name_right_before_the_verb_hung_on_a_word_before_it_is_the_subject(engine):
    # the parser reads "Diaz" as the object of "returned"
    text = 'When asked whether he would go back to his old club if he returned Diaz said: "I have not thought about it."\n'
    atts, findings = analyse(engine, text)
    said = only(atts, "said")
    assert said.source is not None and said.source.text == "Diaz"
    assert not _quote_marks(findings)


def test_modals_and_plural_nouns_elsewhere_are_left_alone(engine):
    for text in (
        "Officials may announce the result on Friday, the ministry said.\n",
        "May was the wettest month on record in the northern states.\n",
        "May I ask a question about the budget?\n",
        '"We lost," he said quietly.\n',
        "The United States and other states signed the treaty.\n",
        "The BBC report that the minister resigned was wrong.\n",
    ):
        pp = engine.parse([text.strip()])[0]
        assert repair_tags(pp, lexicon().verbs) is pp, text
