"""The article's words together with the subsets the variant passes scan.

Each pass files only a few kinds of word (capitalised ones, words with a British/American
reading), yet each used to walk every word of the article on every edit. The subsets are
kept per paragraph as relative indexes, cached with the paragraph's parse, so an edit works
them out again only for the paragraph it changed; the article's lists are then put
together from the cached parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..article import Article
from ..nlp import ParsedParagraph
from .paragraph_cache import ParagraphCache
from .variant_lexical import american, uk_us_probe
from .variant_words import CONNECTORS, HYPHENS, Word, collect_words, paragraph_words


@dataclass(frozen=True)
class ArticleWords:
    all: list[Word]
    capitalised: list[Word]  # with a capital letter somewhere
    runnable: list[Word]  # capitalised, or a connector ("of"): what name runs are made of
    spelled: list[Word]  # capitalised, or with a British/American pair: what the cross-file keys read
    uk_us: list[Word]  # with a British/American or -ise/-ize reading
    lower_forms: frozenset[str]  # forms written without a capital
    vocabulary: frozenset[str]  # every form, lower-cased

    @classmethod
    def of(cls, words: list[Word]) -> ArticleWords:
        """The subsets worked out from the words themselves (e.g. after some were dropped)."""
        return cls(
            words,
            [w for w in words if w.has_upper],
            [w for w in words if _runnable(w.text, w.has_upper)],
            [w for w in words if _spelled(w.text, w.has_upper)],
            [w for w in words if _has_uk_us_reading(w.text)],
            frozenset(w.text for w in words if not w.has_upper),
            frozenset(w.text.lower() for w in words),
        )


def _runnable(form: str, has_upper: bool) -> bool:
    return has_upper or form in CONNECTORS


def _parts(form: str) -> list[str]:
    return HYPHENS.split(form) if "-" in form or "\u2010" in form or "\u2011" in form else [form]


def _spelled(form: str, has_upper: bool) -> bool:
    return has_upper or any(american(part) is not None for part in _parts(form))


def _has_uk_us_reading(form: str) -> bool:
    for part in _parts(form):
        us, readings = uk_us_probe(part)
        if us is not None or readings:
            return True
    return False


_PARTS_CACHE = ParagraphCache()


def _paragraph_parts(text: str, pp: ParsedParagraph) -> tuple:
    """The paragraph's word count; (capitalised, runnable, spelled, uk_us) as indexes into its
    words; its (lower_forms, vocabulary)."""
    if pp.text == text:
        hit = _PARTS_CACHE.get(pp)
        if hit is not None:
            return hit
    records = paragraph_words(text, pp)
    capitalised, runnable, spelled, uk_us = [], [], [], []
    for i, (form, *_, upper) in enumerate(records):
        if upper:
            capitalised.append(i)
        if _runnable(form, upper):
            runnable.append(i)
        if _spelled(form, upper):
            spelled.append(i)
        if _has_uk_us_reading(form):
            uk_us.append(i)
    parts = (
        len(records), tuple(capitalised), tuple(runnable), tuple(spelled), tuple(uk_us),
        frozenset(r[0] for r in records if not r[-1]), frozenset(r[0].lower() for r in records),
    )
    if pp.text == text:
        _PARTS_CACHE.put(pp, parts)
    return parts


def article_words(article: Article, parsed: list[ParsedParagraph]) -> ArticleWords:
    words = collect_words(article, parsed)
    subsets: tuple[list[Word], ...] = ([], [], [], [])
    lower_parts, vocabulary_parts = [], []
    first = 0  # index of the paragraph's first word in the article
    for para, pp in zip(article.paragraphs, parsed):
        count, *indexes, lower_forms, vocabulary = _paragraph_parts(para.text, pp)
        for subset, local in zip(subsets, indexes):
            subset.extend([words[first + i] for i in local])
        lower_parts.append(lower_forms)
        vocabulary_parts.append(vocabulary)
        first += count
    return ArticleWords(words, *subsets, frozenset().union(*lower_parts), frozenset().union(*vocabulary_parts))
