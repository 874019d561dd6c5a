"""The word subsets the variant passes scan, put together from cached per-paragraph parts,
must equal what a scan of every word gives, and the passes must find the same groups from
them as from all the words (texts written for the tests)."""

from __future__ import annotations

from copydesk.article import Article
from copydesk.analysis import variant_lexical, variant_names
from copydesk.analysis.variant_index import ArticleWords, article_words
from copydesk.analysis.variant_words import name_runs

ARTICLE = """RUSSIA: Defence Minister Sergei Shoigu meets the U.S. envoy

Russian Defence Minister Sergei Shoigu said the Ministry of Defence would organise talks. The US envoy, who \
criticised the plan, said the organisation was "unrealised".

Shoigu later told the Shanghai Cooperation Organization (SCO) that the organization would realize its aims. \
Sergey Shoigu added that NATO and Nato officials had been invited by the US-led group.

“Nothing is decided,” said an official of the Bank of America, who asked not to be named. The e-mail and the \
email said the same.
"""


def _parsed(engine, text):
    article = Article(text, False)
    return article, engine.parse([p.text for p in article.paragraphs])


def test_subsets_from_paragraph_parts_equal_a_scan_of_every_word(engine):
    article, parsed = _parsed(engine, ARTICLE)
    built = article_words(article, parsed)
    assert built == ArticleWords.of(built.all)
    assert {w.text for w in built.uk_us} >= {"Defence", "organise", "criticised", "organisation", "organization", "realize"}
    assert "of" in {w.text for w in built.runnable} and "of" not in {w.text for w in built.capitalised}
    # an edit in one paragraph: the others' parts come from the cache, the offsets move
    edited_text = ARTICLE.replace("would organise talks", "would soon organise talks")
    edited, parsed2 = _parsed(engine, edited_text)
    again = article_words(edited, parsed2)
    assert again == ArticleWords.of(again.all)
    assert [w.start for w in again.capitalised][-1] == [w.start for w in built.capitalised][-1] + len("soon ")


def test_passes_find_the_same_groups_from_the_subsets(engine):
    article, parsed = _parsed(engine, ARTICLE)
    aw = article_words(article, parsed)
    text = article.text
    assert name_runs(text, aw.runnable) == name_runs(text, aw.all)
    runs = name_runs(text, aw.all)
    assert variant_names.name_candidates(text, aw.all, aw.capitalised, aw.lower_forms) == variant_names.name_candidates(text, aw.all)
    subset_groups = variant_lexical.find_uk_us_groups(text, aw.all, runs, aw.uk_us, aw.vocabulary)
    assert subset_groups == variant_lexical.find_uk_us_groups(text, aw.all, runs)
    assert {g.key for g in subset_groups} >= {"ukus:organization"}
    assert variant_lexical.find_abbreviation_groups(aw.capitalised) == variant_lexical.find_abbreviation_groups(aw.all)
    joined = " ".join(p.text for p in article.paragraphs)
    assert variant_lexical.find_acronym_groups(joined, aw.capitalised, runs) == variant_lexical.find_acronym_groups(joined, aw.all, runs)


def test_a_run_ends_where_words_were_left_out(engine):
    article, parsed = _parsed(engine, "Mr Smith spoke of England to the Bank of England chief and then Foreign Office staff.")
    aw = article_words(article, parsed)
    runs = [" ".join(w.text for w in run) for run in name_runs(article.text, aw.runnable)]
    assert runs == [" ".join(w.text for w in run) for run in name_runs(article.text, aw.all)]
    # "of" after a left-out word starts no run: "of England" is not a name
    assert "Bank of England" in runs and "England" in runs and not any(r.startswith("of") for r in runs)
