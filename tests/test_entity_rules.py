"""Entity rules (issue 18), each on text written for it: team sheets, types from evidence,
one cluster per thing, no fragments, titles of works."""

from __future__ import annotations

from copydesk.analysis.entities import find_entities
from copydesk.article import Article


def clusters_of(engine, text):
    article = Article(text)
    return find_entities(article, engine.parse([p.text for p in article.paragraphs]))


def cluster_with(clusters, text):
    found = [c for c in clusters if any(m.text == text for m in c.mentions)]
    assert found, f"no cluster has a mention {text!r}: {[(c.canonical, c.label) for c in clusters]}"
    assert len(found) == 1, f"{text!r} is in {len(found)} clusters"
    return found[0]


def mention_texts(clusters):
    return {m.text for c in clusters for m in c.mentions}


# -- team sheets and score lines --------------------------------------------------------------
MATCH = (
    "Kelso Athletic 3-1 Dunmore\n\n"
    "Kelso Athletic won at home on Saturday. Tomas Brennan scored twice and Ivo Okafor added a third.\n\n"
    "Lutz, Moreau, Quill, Harte, Varga, Okafor (Brennan 71), Dalgleish, Ferrier, Sneddon, Pryce, Whitlow.\n\n"
    "Subs Not Used: Gorse, Wickham.\n\n"
    "Okafor 23, Brennan 64.\n"
)


def test_team_sheet_items_are_people_without_their_minutes(engine):
    clusters = clusters_of(engine, MATCH)
    texts = mention_texts(clusters)
    assert "Okafor 23" not in texts and "Brennan 64" not in texts
    for name in ("Lutz", "Quill", "Harte", "Varga", "Gorse", "Wickham", "Whitlow"):
        assert cluster_with(clusters, name).label == "PERSON", name
    # the surname in the sheet is the player named in full in the report
    assert cluster_with(clusters, "Okafor").canonical == "Ivo Okafor"


def test_score_line_names_two_teams(engine):
    clusters = clusters_of(engine, MATCH)
    assert cluster_with(clusters, "Dunmore").label == "ORG"
    assert cluster_with(clusters, "Kelso Athletic").label == "ORG"


def test_list_and_score_line_parsers():
    from copydesk.analysis.entity_lists import list_items, score_line

    items, n = list_items("Subs Not Used: Gorse, Wickham.")
    assert n == 2 and [i[2] for i in items] == ["Gorse", "Wickham"]
    items, n = list_items("Harte, Okafor (Brennan 71), Pryce.")
    assert [i[2] for i in items] == ["Harte", "Okafor", "Brennan", "Pryce"]
    assert list_items("The minister said the plan was sound.") == ([], 0)
    assert [t[2] for t in score_line("Kelso Athletic 3-1 Dunmore")] == ["Kelso Athletic", "Dunmore"]
    assert score_line("Prices rose 3-1 in the end") == []


def test_fixture_splits_into_two_teams(engine):
    clusters = clusters_of(engine, "The tie will be Brentwood Rovers v Castlemere United next month.\n")
    texts = mention_texts(clusters)
    assert "Brentwood Rovers" in texts and "Castlemere United" in texts
    assert cluster_with(clusters, "Castlemere United").label == "ORG"


# -- types from evidence ------------------------------------------------------------------------
def test_honorific_form_joins_the_full_name(engine):
    text = "The economist Harriet Quellwood spoke on Monday. Later Ms Quellwood said the figures were poor.\n"
    quell = cluster_with(clusters_of(engine, text), "Ms Quellwood")
    assert quell.canonical == "Harriet Quellwood" and quell.label == "PERSON"


def test_company_suffix_makes_an_organisation(engine):
    # the model reads "Quentin Hale Labs" as a person; "Labs" says otherwise
    clusters = clusters_of(engine, "A tool made by Quentin Hale Labs was sold to schools.\n")
    assert cluster_with(clusters, "Quentin Hale Labs").label == "ORG"


def test_place_name_before_a_team_word_is_a_club(engine):
    text = "Aberdeen boss Jim Ross said his players were tired after the match in Glasgow.\n"
    clusters = clusters_of(engine, text)
    assert cluster_with(clusters, "Aberdeen").label == "ORG"
    assert cluster_with(clusters, "Glasgow").label == "GPE"


# -- one cluster per thing ------------------------------------------------------------------------
def test_country_synonyms_are_one_country(engine):
    text = "The UK economy grew last year. Exports from Britain rose, and the United Kingdom paid less for oil.\n"
    uk = cluster_with(clusters_of(engine, text), "Britain")
    assert {m.text for m in uk.mentions} >= {"UK", "Britain", "United Kingdom"}
    assert uk.label == "GPE" and uk.place["countryCode"] == "GB"


def test_name_inside_a_longer_name_is_one_thing(engine):
    text = (
        "The US Federal Reserve raised interest rates on Wednesday. "
        "The Federal Reserve said inflation was too high.\n"
    )
    fed = cluster_with(clusters_of(engine, text), "Federal Reserve")
    assert "US Federal Reserve" in {m.text for m in fed.mentions}


def test_party_and_its_short_name(engine):
    text = "The Labour Party met in Leeds. Labour said it would win the vote.\n"
    labour = cluster_with(clusters_of(engine, text), "Labour Party")
    assert "Labour" in {m.text for m in labour.mentions}


def test_misspelt_surname_joins_the_person(engine):
    text = (
        "The tales of Hans Christian Andersen are read in every school. "
        "Critics say Anderson wrote for adults as much as for children.\n"
    )
    hans = cluster_with(clusters_of(engine, text), "Hans Christian Andersen")
    assert "Anderson" in {m.text for m in hans.mentions}


def test_two_people_with_one_surname_stay_apart_with_honorifics(engine):
    # a guard for the surname rule: the short form joins one of the two, never both
    text = (
        "Ruth Calloway, the chairwoman, opened the meeting. Her brother Simon Calloway spoke next. "
        "Mr Calloway said the plan was costly.\n"
    )
    clusters = clusters_of(engine, text)
    ruth = cluster_with(clusters, "Ruth Calloway")
    # the model tags "Calloway" after "Mr" (an organisation, to it): the honorific makes it
    # a person, the nearest full name before it says which
    assert "Calloway" not in {m.text for m in ruth.mentions}
    simon = cluster_with(clusters, "Calloway")
    assert simon.canonical == "Simon Calloway" and simon.label == "PERSON"


# -- no fragments ---------------------------------------------------------------------------------
def test_common_words_opening_a_headline_or_sentence_are_not_names(engine):
    # the model tags "Media" (a headline's first word) and "Digital" as organisations
    text = "Media seek access to court papers\n\nDigital radio reached more homes this year, the regulator said.\n"
    texts = mention_texts(clusters_of(engine, text))
    assert "Media" not in texts and "Digital" not in texts


def test_sentence_opener_the_article_writes_as_a_name_stays(engine):
    text = "Digital radio reached more homes. The firm Digital said its sales rose.\n"
    assert "Digital" in mention_texts(clusters_of(engine, text))


def test_named_list_is_split_into_people(engine):
    clusters = clusters_of(engine, "Guests at the gala included Chris Martin, Dido, Bono and Kylie Minogue.\n")
    texts = mention_texts(clusters)
    assert "Chris Martin, Dido" not in texts and {"Chris Martin", "Dido"} <= texts


# -- titles of works ------------------------------------------------------------------------------
def test_title_after_a_work_noun(engine):
    text = "The band Marrowfield released the album Songs About Quiet Rooms in May, and it sold well.\n"
    clusters = clusters_of(engine, text)
    work = cluster_with(clusters, "Songs About Quiet Rooms")
    assert work.label == "WORK_OF_ART"
    assert "Quiet Rooms" not in mention_texts(clusters) - {"Songs About Quiet Rooms"}


def test_title_after_its_makers_possessive(engine):
    text = "The band Marrowfield was praised by critics. Marrowfield's Up All Hours came fifth in the poll.\n"
    work = cluster_with(clusters_of(engine, text), "Up All Hours")
    assert work.label == "WORK_OF_ART"


def test_capitalised_small_words_make_a_title(engine):
    # the model reads the game's title as an organisation; "Of The" inside says it is a title
    clusters = clusters_of(engine, "Gamers praised Knights Of The Old Republic when it came out in the spring.\n")
    assert cluster_with(clusters, "Knights Of The Old Republic").label == "WORK_OF_ART"


def test_title_after_its_makers_possessive_the_model_missed(engine):
    text = "The chart was topped again by Coldharbour's How to Build a Quiet Boat for a third week.\n"
    assert cluster_with(clusters_of(engine, text), "How to Build a Quiet Boat").label == "WORK_OF_ART"


def test_all_capitals_name_is_not_a_person(engine):
    clusters = clusters_of(engine, "Officers from MI6 met the minister, and MI6 later denied it.\n")
    assert cluster_with(clusters, "MI6").label == "ORG"


def test_role_inside_a_tagged_name_is_cut_off(engine):
    clusters = clusters_of(engine, "Striker Novo scored twice for the visitors on Saturday.\n")
    texts = mention_texts(clusters)
    assert "Novo" in texts and "Striker Novo" not in texts


def test_person_inside_a_title_stays_a_person(engine):
    text = "The critics loved The Diary of Alicia Keys, and Alicia Keys toured the US.\n"
    clusters = clusters_of(engine, text)
    assert cluster_with(clusters, "Alicia Keys").label == "PERSON"
    assert "The Diary of Alicia Keys" not in {m.text for m in cluster_with(clusters, "Alicia Keys").mentions}


def test_half_a_compound_and_inner_lower_case_words_are_not_in_a_name(engine):
    text = (
        "Rovers won their Highland Cup quarter-final tie against Kelso on Saturday. "
        "It was one-way traffic at the Riverside as Middlesbrough pressed forward.\n"
    )
    texts = mention_texts(clusters_of(engine, text))
    assert "Riverside as Middlesbrough" not in texts and {"Riverside", "Middlesbrough"} <= texts


def test_party_names_are_one_organisation(engine):
    # the model tags both as a group of people (NORP); the party list makes them one party
    clusters = clusters_of(engine, "The Conservatives say the plan is costly, but the Tory leader would not say more.\n")
    party = cluster_with(clusters, "Tory")
    assert party.label == "ORG" and "Conservatives" in {m.text for m in party.mentions}


def test_tagged_name_grows_to_the_whole_capitalised_name(engine):
    # the model tags "James Dean" and leaves "Bradfield" out
    texts = mention_texts(clusters_of(engine, "Guitarist James Dean Bradfield and the singer were there.\n"))
    assert "James Dean Bradfield" in texts and "James Dean" not in texts


def test_a_body_and_the_person_after_it_stay_two_names(engine):
    text = "The visit was hosted by the Minister of Trade of the Republic of China Wen Hao in Taipei.\n"
    clusters = clusters_of(engine, text)
    assert cluster_with(clusters, "Wen Hao").label == "PERSON"
