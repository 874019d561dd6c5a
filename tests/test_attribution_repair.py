"""Tagger slips mended before attribution reads a parse (attribution_repair), on text written
for the tests: the report keeps its cue and speaker, and a quotation gets no unattributed-quote
mark. Each case fails with the repairs switched off (the parser really slips on these)."""

from __future__ import annotations

import pytest
from test_attribution import analyse, only

from copydesk.analysis.attribution_repair import repair_tags
from copydesk.analysis.lexicon import lexicon
from copydesk.findings import Code

# (text, cue, speaker): what the small model's parse loses, and what the repair gives back
SLIPS = {
    "'May' after a quotation read as the modal": (
        '"The tour will go ahead in the spring, whatever the promoters think," May wrote on his website.\n',
        "wrote", "May"),
    "'May' at a sentence start before a past tense": (
        'The band will tour from April. May said: "We are rising again from the ashes." Tickets sold out.\n',
        "said", "May"),
    "a name after the cue read as an adverb": (
        '"To go two goals up and then to let them back in, it feels almost like losing," admitted Wetherly.\n',
        "admitted", "Wetherly"),
    "a speech verb's -s form read as a plural noun": (
        '"The company has broken its promise to every customer it signed up," the lawsuit states.\n',
        "states", "the lawsuit"),
    "'write' after 'the two' read as a noun": (
        '"We do not see the need to cite intent here," the two write.\n',
        "write", "the two"),
    "a speech verb's -s form after a quotation and a name read as a plural noun": (
        '"We can point to two wins—1. The bridge 2. The new school. Beyond that, not a single success," Farrow answers.\n',
        "answers", "Farrow"),
    "'read' after a document read as a noun": (
        '"The band had been told to keep the noise down before midnight," a council statement read.\n',
        "read", "a council statement"),
    "a name hung on the noun before it": (
        'In a column for the Courier newspaper, Mrs Pennington, who chairs the housing committee, says: '
        '"Modest rises in rent greatly increase the pressure on young families."\n',
        "says", "Mrs Pennington"),
    "the opening name hung on a verb inside the aside ('co-founded' split)": (
        "Omar Haddad, who co-founded the charity, said donations had doubled.\n",
        "said", "Omar Haddad"),
    "the opening name, when the aside ends in a name in apposition to something else": (
        'Dr Anna Lindqvist, on her first full day in the job after Tom Reed was sacked, admitted "big problems" '
        'but insisted the "basics" were in place.\n',
        "admitted", "Dr Anna Lindqvist"),
    "a name right before the verb read as the object of a verb before it": (
        'When asked whether he would go back to his old club if he returned Diaz said: "I have not thought about it."\n',
        "said", "Diaz"),
}


@pytest.mark.parametrize("case", list(SLIPS))
def test_the_slip_is_mended(engine, case):
    text, cue, speaker = SLIPS[case]
    atts, findings = analyse(engine, text)
    found = only(atts, cue)
    assert found.source is not None and found.source.text.startswith(speaker)
    assert not [f for f in findings if f.code == Code.UNATTRIBUTED_QUOTE]


def test_verb_after_an_apposition_is_the_main_verb(engine):
    # The parser reads "called" as a participle on "Ortiz" and hangs the quotation on the name.
    for text in ('Ortiz, a Lopez ally, called the county\'s budget "reckless."\n',
                 'Okafor, a Smith ally, called Lagos\'s plans "weak."\n'):
        atts, findings = analyse(engine, text)
        called = only(atts, "called")
        assert called.source.text.startswith(text.split(",")[0]) and called.content.text.endswith('"'), text
        assert not [f for f in findings if f.code == Code.UNATTRIBUTED_QUOTE]


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


def test_a_one_word_root_before_the_verb_becomes_its_subject():
    # '.”“I know': the tokenizer glues the marks to "I" and the parser makes it a root of its own.
    from copydesk.nlp import ParsedParagraph, Token

    words = [("”“I", "PROPN", "NNP", "ROOT", 0), ("know", "VERB", "VBP", "ROOT", 1), ("it", "PRON", "PRP", "dobj", 1),
             (".", "PUNCT", ".", "punct", 1)]
    toks, idx = [], 0
    for i, (text, pos, tag, dep, head) in enumerate(words):
        toks.append(Token(i, text, idx, " ", text.lower(), pos, tag, dep, head, "O", "", i == 0))
        idx += len(text) + 1
    pp = ParsedParagraph("”“I know it . ", tuple(toks), ((0, 1), (1, 4)), ())
    fixed = repair_tags(pp, lexicon().verbs)
    assert (fixed.tokens[0].head, fixed.tokens[0].dep) == (1, "nsubj")
