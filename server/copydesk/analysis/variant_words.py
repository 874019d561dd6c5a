"""Every word of an article's prose, with what the variant pass needs to judge it.

Words come from the paragraphs' analysis text (markup and URLs are already
blanked out there), so a form that occurs only inside a URL is never seen.
Each word is matched to the spaCy token under it for part of speech, entity
label and sentence position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..article import Article, ParaKind
from ..nlp import ParsedParagraph, Token
from .paragraph_cache import ParagraphCache

# A dotted abbreviation (U.S., U.K.) or a word with inner hyphens (e-mail, al-Qaeda).
WORD = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}(?![\w])|[^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)*")
_QUOTES_AND_BRACKETS = "\"'“‘«([{-–—"


class Word(NamedTuple):
    """A word of the article. A tuple, not a dataclass: an edit builds one per word of the
    article, and a frozen dataclass's __init__ was most of that cost."""

    text: str
    start: int  # document offsets
    end: int
    paragraph: int
    kind: ParaKind
    pos: str  # spaCy coarse tag of the first token under the word
    lemma: str
    ent_label: str  # "" outside entities
    sentence_initial: bool  # first word of its sentence (capitalised for that reason alone)
    index: int  # position in Article word list
    # Derived from ``text`` (see ``word``); stored because the passes ask them of every word
    # many times per edit.
    all_caps: bool
    has_upper: bool

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def word(text: str, start: int, end: int, paragraph: int, kind: ParaKind, pos: str, lemma: str, ent_label: str,
         sentence_initial: bool, index: int) -> Word:
    """A Word with its derived fields computed."""
    return Word(text, start, end, paragraph, kind, pos, lemma, ent_label, sentence_initial, index,
                _all_caps(text), _has_upper(text))


@lru_cache(maxsize=1 << 16)
def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1 << 16)
def _has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


def _token_at(parsed: ParsedParagraph, offset: int, cursor: list[int]) -> Token | None:
    tokens = parsed.tokens
    i = cursor[0]
    while i < len(tokens) and tokens[i].end <= offset:
        i += 1
    cursor[0] = i
    if i < len(tokens) and tokens[i].idx <= offset < tokens[i].end:
        return tokens[i]
    return None


def _sentence_initial(para_text: str, local_start: int, token: Token | None, parsed: ParsedParagraph) -> bool:
    before = para_text[:local_start].rstrip()
    before = before.rstrip(_QUOTES_AND_BRACKETS).rstrip()
    if not before:
        return True
    if before[-1] in ".!?:;…":
        return True
    if token is not None and token.sent_start:
        # spaCy starts a sentence here; trust it unless the previous char continues a phrase.
        return before[-1] not in ",-"
    return False


# An edit changes one paragraph; the others' words are rebuilt from these records
# (relative to the paragraph) without regex or token matching.
_WORDS_CACHE = ParagraphCache()


def paragraph_words(text: str, pp: ParsedParagraph) -> tuple[tuple, ...]:
    """(text, local start, local end, pos, lemma, ent_label, sentence_initial, all_caps, has_upper) per word."""
    if pp.text == text:
        hit = _WORDS_CACHE.get(pp)
        if hit is not None:
            return hit
    cursor = [0]
    records = []
    for match in WORD.finditer(text):
        token = _token_at(pp, match.start(), cursor)
        form = match.group(0)
        records.append((
            form, match.start(), match.end(),
            token.pos if token else "",
            token.lemma if token else form.lower(),
            token.ent_type if token else "",
            _sentence_initial(text, match.start(), token, pp),
            _all_caps(form), _has_upper(form),
        ))
    out = tuple(records)
    if pp.text == text:
        _WORDS_CACHE.put(pp, out)
    return out


def collect_words(article: Article, parsed: list[ParsedParagraph]) -> list[Word]:
    words: list[Word] = []
    append, make = words.append, tuple.__new__  # a NamedTuple's own __new__ is Python code
    for p_index, (para, pp) in enumerate(zip(article.paragraphs, parsed)):
        base, kind = para.start, para.kind
        for form, start, end, pos, lemma, ent, initial, caps, upper in paragraph_words(para.text, pp):
            append(make(Word, (form, base + start, base + end, p_index, kind, pos, lemma, ent, initial, len(words), caps, upper)))
    return words


HYPHENS = re.compile(r"[-\u2010\u2011]")


def compound_parts(w: Word) -> list[Word]:
    """The parts of a hyphenated word, each a word of its own ("grey" and "haired" in "grey-haired"):
    British/American spelling lives in the parts ("well-organised" / "well-organized")."""
    out: list[Word] = []
    offset = 0
    for part in HYPHENS.split(w.text):
        if part:
            start = w.start + offset
            out.append(word(part, start, start + len(part), w.paragraph, w.kind, w.pos, part.lower(), w.ent_label,
                            w.sentence_initial and offset == 0, w.index))
        offset += len(part) + 1
    return out


def spelling_words(words: list[Word]) -> list[Word]:
    """Words, with hyphenated ones replaced by their parts."""
    out: list[Word] = []
    for w in words:
        if HYPHENS.search(w.text) and not w.all_caps:
            out.extend(compound_parts(w))
        else:
            out.append(w)
    return out


CONNECTORS = frozenset({"of", "for", "and", "bin", "ibn", "al", "el", "de", "del", "da", "van", "von", "der", "la", "le", "du"})


def name_runs(text: str, words: list[Word]) -> list[list[Word]]:
    """Runs of adjacent capitalised words (connectors such as "of" allowed inside):
    "Russian Defence Minister Sergei Shoigu", "Ministry of Defence". ``words`` may leave out
    words that are neither capitalised nor connectors: a gap in the indexes ends a run."""
    runs: list[list[Word]] = []
    current: list[Word] = []

    def close() -> None:
        while current and not current[-1].has_upper:
            current.pop()
        if current:
            runs.append(list(current))
        current.clear()

    last = -2
    for w in words:
        if w.index != last + 1:
            close()  # words left out between (callers may pass only the capitals and connectors)
        last = w.index
        joinable = (w.has_upper and not (w.sentence_initial and w.pos not in ("PROPN", "ADJ"))) or (
            bool(current) and w.text in CONNECTORS
        )
        adjacent = bool(current) and current[-1].paragraph == w.paragraph and text[current[-1].end : w.start] in (" ", "\u00a0")
        if joinable and (adjacent or not current):
            current.append(w)
        elif joinable:
            close()
            current.append(w)
        else:
            close()
    close()
    return runs


@dataclass
class RawGroup:
    """Forms found to be one thing, before a canonical form is chosen.

    ``forms`` maps a spelling to its occurrences; occurrences whose case is
    only due to position (sentence start, headline) are filed under the
    spelling they stand for.
    """

    key: str  # stable within the article: kind prefix + key of the forms
    kind: str  # transliteration | orthography | british-american | abbreviation | acronym
    forms: dict[str, list[Word]]
    case_sensitive: bool = True  # False: forms differ in spelling, and each occurrence keeps its case

    def count(self, form: str) -> int:
        return len(self.forms[form])
