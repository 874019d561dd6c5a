"""Capitalised words that are not names: sentence openers and headline words.

A capital at the start of a sentence or in a headline says nothing about a name. The small
model still tags such words ("Pandas benefit from ...", "Opera band Il Divo ...",
"Foster carers are to be ...", "Media seek ..."). They are kept only if the article also
writes them with a capital where a capital means a name, or if they name a known place.
"""

from __future__ import annotations

from .. import gazetteer
from ..article import Article, ParaKind
from ..nlp import ParsedParagraph
from .entity_mentions import RawMention, title_words

COMMON_POS = {"NOUN", "ADJ", "VERB", "ADV", "ADP", "DET", "PRON", "AUX", "NUM"}


def _first_word(pp: ParsedParagraph, i: int) -> bool:
    """The first word of a sentence, by the parser or by the stop before it (which the
    parser misses after a title: "... his Greatest Hits. Opera band Il Divo ...")."""
    sent_s, _ = pp.sentence_of(i)
    if all(not t.text[:1].isalnum() for t in pp.tokens[sent_s:i]):
        return True
    k = i - 1
    while k >= 0 and pp.tokens[k].text in {'"', "'", "“", "‘", "(", "”", "’"}:
        k -= 1
    return k >= 0 and pp.tokens[k].text in {".", "!", "?"}


def capitalised_inside(article: Article, parsed: list[ParsedParagraph]) -> set[str]:
    """Words the article writes with a capital inside a sentence of its body."""
    seen: set[str] = set()
    for para, pp in zip(article.paragraphs, parsed):
        if para.kind is ParaKind.HEADLINE:
            continue
        for t in pp.tokens:
            if t.text[:1].isupper() and not _first_word(pp, t.i):
                seen.add(t.text)
    return seen


def _common_word(pp: ParsedParagraph, i: int) -> bool:
    """Tagged as a common word ("Pandas" NOUN, "Foster" ADJ), or modifying one, and not a place's name."""
    t = pp.tokens[i]
    head = pp.tokens[t.head]
    # "Digital technology", "Opera band": tagged PROPN for the capital only, modifying a common
    # noun ("Microsoft chief" is a name before a role: kept)
    modifier = t.dep in {"compound", "amod"} and head.i == i + 1 and head.pos == "NOUN" and head.text.islower() and (
        head.text not in title_words()
    )
    if t.pos not in COMMON_POS and not modifier:
        return False
    place = gazetteer.lookup(t.text)
    return place is None or not (place.prominent or place.population >= 50_000 and place.name == t.text)


def drop_common_openers(mentions: list[RawMention], article: Article, parsed: list[ParsedParagraph]) -> list[RawMention]:
    inside = capitalised_inside(article, parsed)
    kept = []
    for m in mentions:
        inner_capital = any(ch.isupper() for ch in m.text[1:])  # "MoD", "McDonald": written as names
        if m.evidence is None and m.tokens == 1 and m.first_tok >= 0 and " " not in m.text and not inner_capital:
            pp = parsed[m.paragraph]
            headline = article.paragraphs[m.paragraph].kind is ParaKind.HEADLINE
            if (headline or _first_word(pp, m.first_tok)) and m.text not in inside and _common_word(pp, m.first_tok):
                continue
        kept.append(m)
    return kept
