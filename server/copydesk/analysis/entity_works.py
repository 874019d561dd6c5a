"""Titles of works (albums, songs, films, books, programmes, reports) found from their frames.

The small model is weakest here: it tags a fragment of a title ("Atomic Bomb" of "How to
Dismantle an Atomic Bomb"), or the title as a person ("Lose My Breath"). A title is read
from what surrounds it instead:

- a work noun before it: "the album Songs About Jane", "his hit Misunderstood",
  "latest release I Believe in You";
- its maker's possessive: "Razorlight's Up All Night", "Keane's Hope and Fears", when the
  words after are not a name (a capitalised pronoun, verb, preposition or adjective inside);
- quotation marks around a title-case phrase: 'Rebel Without A Pause';
- a title-case run at a sentence's start with a capitalised verb or pronoun inside
  ("A Grand Don't Come for Free beat ...").

The title runs over capitalised words and the small words of titles ("to", "an", "in",
"and") between them, and ends before the first lower-case word that is not one.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..nlp import ParsedParagraph

SMALL_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "by", "with", "from", "at", "or", "without",
    "about", "is", "it", "my", "your", "you", "me", "we", "be", "are", "as", "into", "over", "up",
}
CLITICS = {"'s", "’s", "n't", "n’t", "'ll", "’ll", "'re", "’re", "'m", "’m", "'ve", "’ve", "'d", "’d"}
TITLE_POS = {"VERB", "AUX", "PRON", "ADP", "DET", "ADV", "ADJ", "PART", "SCONJ", "CCONJ", "INTJ"}
QUOTES_OPEN = {"'", "‘", '"', "“"}
QUOTES_CLOSE = {"'": "'", "‘": "’", '"': '"', "“": "”"}
MAX_WORDS = 10
CALENDAR = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
}


@lru_cache(maxsize=1)
def work_nouns() -> frozenset[str]:
    raw = resources.files("copydesk.data").joinpath("entities").joinpath("work_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def _cap(t) -> bool:
    return t.text[:1].isupper() or t.text[:1].isdigit()


def title_run(pp: ParsedParagraph, i: int, end: int) -> int:
    """One past the last token of the title that starts at token ``i`` (``i`` if none)."""
    toks = pp.tokens
    j, last = i, i
    while j < end and j - i < MAX_WORDS + 4:
        t = toks[j]
        if _cap(t) and t.pos != "PUNCT":
            j += 1
            last = j
        elif t.text.lower() in CLITICS and j > i and not toks[j - 1].ws and t.tag != "POS":
            j += 1
            last = j
        elif t.text.lower() in SMALL_WORDS and j > i and not (j + 1 < end and toks[j + 1].text in CALENDAR):
            j += 1  # kept only if a capitalised word follows ("in May" ends the title)
        else:
            break
    return last


def _inside_words(pp: ParsedParagraph, s: int, e: int, adjectives: bool = True) -> bool:
    """A capitalised word of the run that names nothing: "Up", "My", "Don't", "Greatest"
    (adjectives only where a frame already says "work": "Global" begins many firms' names)."""
    pos = TITLE_POS if adjectives else TITLE_POS - {"ADJ"}
    return any(pp.tokens[k].pos in pos and _cap(pp.tokens[k]) for k in range(s, e))


def _long_enough(pp: ParsedParagraph, s: int, e: int) -> bool:
    words = [t for t in pp.tokens[s:e] if t.text[:1].isalnum()]
    return 1 <= len(words) <= MAX_WORDS


def work_spans(pp: ParsedParagraph, person_tokens: set[int], place_tokens: set[int]) -> list[tuple[int, int]]:
    """Token spans [start, end) of titles of works in one paragraph."""
    toks = pp.tokens
    nouns = work_nouns()
    found: list[tuple[int, int]] = []
    taken: set[int] = set()

    def add(s: int, e: int) -> None:
        if s < e and not any(k in taken for k in range(s, e)) and _long_enough(pp, s, e):
            found.append((s, e))
            taken.update(range(s, e))

    for sent_s, sent_e in pp.sents:
        for i in range(sent_s, sent_e):
            t = toks[i]
            if i in taken or not t.text[:1].isupper():
                continue  # a title starts with a capital letter ("41 Grammy awards" is no title)
            prev = toks[i - 1] if i > sent_s else None
            if prev is not None and prev.text.lower() in nouns and prev.text[:1].islower() and prev.pos == "NOUN":
                e = title_run(pp, i, sent_e)
                if not any(k in person_tokens for k in range(i, e)) or _inside_words(pp, i, e):
                    add(i, e)  # "the album Songs About Jane", "track Misunderstood"
                continue
            if prev is not None and prev.tag == "POS" and i - 2 >= sent_s and (i - 2) not in place_tokens:
                e = title_run(pp, i, sent_e)
                if e - i >= 2 and _inside_words(pp, i, e, adjectives=False) and not any(toks[k].text.lower() in nouns for k in range(i, e)):
                    add(i, e)  # "Razorlight's Up All Night"
                continue
            if prev is not None and prev.text in QUOTES_OPEN:
                e = title_run(pp, i, sent_e)
                close = QUOTES_CLOSE.get(prev.text)
                if e < sent_e and toks[e].text in {close, "’", "'", "”", '"'} and e - i >= 2:
                    add(i, e)  # 'Rebel Without A Pause'
                continue
            first_word = i == sent_s or all(not x.text[:1].isalnum() for x in toks[sent_s:i])
            if first_word:
                e = title_run(pp, i, sent_e)
                caps = [k for k in range(i + 1, e) if _cap(toks[k])]
                if e - i >= 4 and any(toks[k].pos in {"VERB", "AUX", "PRON"} for k in caps) and e < sent_e and toks[e].pos in {"VERB", "AUX", "PUNCT"}:
                    add(i, e)  # "A Grand Don't Come for Free beat ..."
    return found
