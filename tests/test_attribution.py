"""Attribution extraction on text written for the tests: who said what, and of which kind."""

from __future__ import annotations

import pytest

from copydesk.analysis.attribution import find_attributions
from copydesk.analysis.model import EntityCluster, Mention
from copydesk.article import Article


def analyse(engine, text, clusters=()):
    article = Article(text)
    parsed = engine.parse([p.text for p in article.paragraphs])
    return find_attributions(article, parsed, list(clusters))


def only(atts, cue_text):
    found = [a for a in atts if a.cue is not None and a.cue.text == cue_text]
    assert found, f"no attribution with cue {cue_text!r} in {[a.as_json() for a in atts]}"
    return found[0]


def test_direct_quote_before_cue(engine):
    text = 'The council met on Monday.\n\n"We will rebuild the bridge by spring," Mayor Anna Kovacs said.\n'
    atts, _ = analyse(engine, text)
    a = only(atts, "said")
    assert a.kind == "direct"
    assert a.source.text == "Mayor Anna Kovacs"
    assert a.content.text == '"We will rebuild the bridge by spring,"'
    assert text[a.content.start:a.content.end] == a.content.text


def test_inverted_and_colon_cues(engine):
    text = (
        'The fire spread quickly.\n\n'
        '"The roof collapsed within minutes," said fire chief Tom Reyes.\n\n'
        'Reyes added: "Nobody was inside the building at the time."\n'
    )
    atts, _ = analyse(engine, text)
    said = only(atts, "said")
    assert said.kind == "direct" and "Reyes" in said.source.text
    added = only(atts, "added")
    assert added.kind == "direct"
    assert added.content.text.startswith('"Nobody was inside')


def test_quote_split_around_cue_is_one_attribution(engine):
    text = '"The plan is sound," she said, "but the money is not there yet."\n'
    atts, _ = analyse(engine, text)
    a = only(atts, "said")
    assert a.kind == "direct"
    assert a.content.start == 0 and a.content.text.endswith('yet."')


def test_indirect_speech_and_accusation(engine):
    text = "The minister said that the talks had failed.\n\nHe accused the opposition of blocking the budget.\n"
    atts, _ = analyse(engine, text)
    said = only(atts, "said")
    assert said.kind == "indirect" and said.source.text == "The minister"
    assert "talks had failed" in said.content.text
    accused = only(atts, "accused")
    assert accused.source.text == "He" and "blocking the budget" in accused.content.text


def test_mixed_quote(engine):
    text = 'Putin stressed that the strategy is in fact "aimed at creating military blocs" in the region.\n'
    atts, _ = analyse(engine, text)
    a = only(atts, "stressed")
    assert a.kind == "mixed"
    assert '"aimed at creating military blocs"' in a.content.text


def test_according_to(engine):
    text = "Prices rose by 4% in March, according to the national statistics office.\n"
    atts, _ = analyse(engine, text)
    a = only(atts, "according to")
    assert a.kind == "according-to"
    assert a.source.text == "the national statistics office"
    assert a.content.text.startswith("Prices rose")


def test_carry_over_of_quote_only_paragraph(engine):
    text = (
        '"The border is calm tonight," General Ivan Petrov said.\n\n'
        '"Our units have held every position since the weekend."\n'
    )
    atts, findings = analyse(engine, text)
    carried = [a for a in atts if a.kind == "carry-over"]
    assert len(carried) == 1
    assert carried[0].content.text.startswith('"Our units')
    assert carried[0].source.text == "General Ivan Petrov"
    assert carried[0].cue is None
    assert not [f for f in findings if f.code == "unattributed-quote"]


def test_quote_over_several_paragraphs_keeps_speaker(engine):
    text = (
        'The senator said: "We have waited long enough for this bill.\n\n'
        '"Every family in this state will feel the difference."\n'
    )
    atts, findings = analyse(engine, text)
    second = [a for a in atts if a.content.text.startswith('"Every family')]
    assert second and second[0].source.text == "The senator"
    assert not [f for f in findings if f.code == "unattributed-quote"]


def test_quote_after_other_text_is_not_carried(engine):
    text = 'The storm hit the coast at dawn.\n\n"Nothing like this has happened here before."\n'
    atts, findings = analyse(engine, text)
    assert not [a for a in atts if a.kind == "carry-over"]
    assert [f for f in findings if f.code == "unattributed-quote"]


def _cluster(cid, canonical, label, spans, text, roles=()):
    mentions = [Mention(s, s + len(text[s:s + n]), text[s:s + n], label, 0) for s, n in spans]
    return EntityCluster(cid, canonical, label, mentions, list(roles))


def test_pronoun_source_resolves_to_previous_person(engine):
    text = "Maria Lopez, the city treasurer, presented the budget.\n\nShe said the deficit had doubled.\n"
    lopez = _cluster("p1", "Maria Lopez", "PERSON", [(0, len("Maria Lopez"))], text, ["city treasurer"])
    atts, _ = analyse(engine, text, [lopez])
    a = only(atts, "said")
    assert a.source.text == "She"
    assert a.speaker == "Maria Lopez" and a.speaker_id == "p1"


def test_role_source_resolves_through_cluster_roles(engine):
    text = (
        "Russian Defence Minister Sergei Shoigu arrived in Astana on Friday.\n\n"
        "Jane Smith, a trade envoy, also attended.\n\n"
        "The top defense official said the exercises would grow.\n"
    )
    start = text.index("Sergei Shoigu")
    shoigu = _cluster("p1", "Sergei Shoigu", "PERSON", [(start, len("Sergei Shoigu"))], text, ["Russian Defence Minister"])
    smith = _cluster("p2", "Jane Smith", "PERSON", [(text.index("Jane Smith"), len("Jane Smith"))], text, ["trade envoy"])
    atts, findings = analyse(engine, text, [shoigu, smith])
    a = only(atts, "said")
    assert a.speaker == "Sergei Shoigu"
    assert not [f for f in findings if f.code == "vague-attribution"]


def test_nested_and_curly_quotes(engine):
    text = "“He told me ‘go home’ and left,” the witness said.\n"
    atts, findings = analyse(engine, text)
    a = only(atts, "said")
    assert a.kind == "direct" and a.content.text.startswith("“He told me")
    assert not [f for f in findings if f.code == "unattributed-quote"]


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never closes and goes on and on.\n\nA new paragraph with plain text.\n',
        '"\n\n"""\n\n“ ” ‘ ’ " \' «»\n',
        'Five" screens and 12" pipes were sold, he said.\n',
        "",
        "\n\n\n",
    ],
)
def test_unbalanced_quotes_do_not_crash_or_run_away(engine, text):
    atts, findings = analyse(engine, text)
    article = Article(text)
    for a in atts:
        para = article.paragraph_at(a.content.start)
        assert para is not None and a.content.end <= para.end  # never past its paragraph
        assert text[a.content.start:a.content.end] == a.content.text
    for f in findings:
        para = article.paragraph_at(f.start)
        assert para is not None and f.end <= para.end


# --- cue frames beyond reporting verbs -------------------------------------------------


def test_adjective_cue_with_a_named_holder(engine):
    text = "The Reserve Bank is concerned about the rise in rents.\n\nMayor Anna Kovacs is confident that the levy will pass.\n"
    atts, _ = analyse(engine, text)
    bank = next(a for a in atts if a.cue is not None and "concerned" in a.cue.text)
    assert bank.source.text == "The Reserve Bank"
    assert bank.content.text == "about the rise in rents"
    mayor = next(a for a in atts if a.cue is not None and "confident" in a.cue.text)
    assert "Kovacs" in mayor.source.text and mayor.content.text == "that the levy will pass"


def test_adjective_without_a_holder_is_no_cue(engine):
    text = "It is clear that the bridge needs repairs.\n\nThe concerned residents met at the hall on Monday.\n"
    atts, _ = analyse(engine, text)
    assert not [a for a in atts if a.cue is not None and ("clear" in a.cue.text or "concerned" in a.cue.text)]


def test_name_or_document_before_a_colon_speaks_the_quotation(engine):
    text = (
        'Turnout fell in the north - Maria Lind: "Two weeks ago the valley was his. Now it is not."\n\n'
        'From the audit: "Most of the invoices were paid twice."\n'
    )
    atts, _ = analyse(engine, text)
    lind, audit = [a for a in atts if a.cue is not None and a.cue.text == ":"]
    assert lind.source.text == "Maria Lind" and lind.content.text.startswith('"Two weeks ago')
    assert lind.content.text.endswith('is not."')
    assert audit.source.text == "the audit" and audit.kind == "direct"


def test_sourceless_passive_cues(engine):
    text = "Two council members are said to be drafting a rival budget.\n\nThe senator is widely seen as the favourite for the nomination.\n"
    atts, _ = analyse(engine, text)
    said = only(atts, "are said")
    assert said.source is None
    assert said.content.text.startswith("Two council members") and said.content.text.endswith("rival budget")
    seen = only(atts, "is widely seen")
    assert seen.content.text.endswith("as the favourite for the nomination")


def test_passive_with_an_agent_is_not_sourceless(engine):
    text = "The senator is seen by most party members as the favourite.\n"
    atts, _ = analyse(engine, text)
    assert not [a for a in atts if a.cue is not None and "seen" in a.cue.text and a.source is None]


def test_reportedly_marks_hearsay_up_to_a_coordinated_clause(engine):
    text = "The firm reportedly paid the fine last year, and the mayor said the case was closed.\n"
    atts, _ = analyse(engine, text)
    a = only(atts, "reportedly")
    assert a.source is None
    assert a.content.text == "The firm reportedly paid the fine last year"
    assert only(atts, "said").content.text == "the case was closed"


def test_when_asked_about_marks_the_question(engine):
    text = "The mayor, when asked about the overspending on the bridge, often changes the subject.\n"
    atts, _ = analyse(engine, text)
    a = only(atts, "asked")
    assert a.content.text == "about the overspending on the bridge"


# --- features of the previous round ----------------------------------------------------


def test_doubled_apostrophes_are_quotation_marks(engine):
    text = "''We will not raise fares this year,'' said Tom Reyes, the transit director.\n"
    atts, _ = analyse(engine, text)
    a = only(atts, "said")
    assert a.kind == "direct"
    assert a.content.text == "''We will not raise fares this year,''"
    assert "Tom Reyes" in a.source.text


def test_poll_speaks_through_in_a_poll(engine):
    text = "In a Harbor Times poll released on Sunday, the mayor led her rival by nine points among likely voters.\n"
    atts, _ = analyse(engine, text)
    a = next(a for a in atts if a.source is not None and "poll" in a.source.text)
    assert a.cue.text == "In"
    assert a.content.text.startswith("the mayor led")


def test_transcript_speaker_label(engine):
    text = "KOVACS: The budget will be balanced by next spring, and nobody will lose a job.\n"
    atts, _ = analyse(engine, text)
    a = only(atts, ":")
    assert a.source.text == "KOVACS"
    assert a.content.text.startswith("The budget will be balanced")


def _claim_reasons(engine, sentence):
    from copydesk.analysis.attribution_extract import extract_paragraph

    return extract_paragraph(engine.parse([sentence])[0]).sentences[0].claim


@pytest.mark.parametrize(
    "sentence, figure",
    [
        ("Sales rose 12% to $3.4 billion in the year to March.", True),
        ("The port handled 14,500 containers in the first week.", True),
        ("The coach made three changes for the second game.", False),
        ("She scored 11 goals in the first half of the season.", False),
    ],
)
def test_only_statistics_count_as_figures(engine, sentence, figure):
    assert ("figure" in _claim_reasons(engine, sentence)) == figure
