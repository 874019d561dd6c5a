"""Quotation marks that are not an unsourced quotation.

News copy puts many things in quotation marks besides someone's words: terms and scare quotes
(a "super union", his "golden rule"), texts cited after a colon (a slogan, a ballot question),
and quotations whose speaker the copy has just named. A checker that marks these is wrong
most of the time on real copy, so each shape is recognised here from the text itself.
"""

from __future__ import annotations

import re

from .attribution_records import SentenceInfo
from .quotes import Quote

MAX_TERM_WORDS = 6
# '"...," said Joshua Osagie', '"...," he was due to say', '"...," Ms Lee added'
_CUE_AFTER = re.compile(
    r"^\s*(?:(?:said|says|added|adds|told|asked|explained|insisted|warned|wrote)\s+[A-Z\w]"
    r"|(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|added|adds|told|explained|insisted|warned|wrote)\b"
    r"|(?:he|she|they|it|we|I)\s+(?:was due to |is due to |is expected to |will |would )?"
    r"(?:said|says|say|added|adds|add|told|tell|explained|insisted|warned|wrote)\b)"
)
# the text just inside an opening mark reads like the words after a closing one: a mark is missing
_MISREAD = re.compile(r"^\s*(?:he|she|they|it|we|I)\s+(?:said|says|added|adds|told)\b", re.I)


def is_term(quote: Quote, sentence: SentenceInfo | None, paragraph: str) -> bool:
    """A short fragment with no finite verb, inside a sentence: a term or scare quote."""
    inner_s, inner_e = quote.inner
    words = paragraph[inner_s:inner_e].split()
    if not words or len(words) > MAX_TERM_WORDS or sentence is None:
        return False
    if spans_sentence(quote, sentence):
        return False  # a whole sentence in quotation marks is a quotation
    return not any(inner_s <= at < inner_e for at in sentence.finite)


def spans_sentence(quote: Quote, sentence: SentenceInfo) -> bool:
    """The quotation is the whole sentence (give or take its marks)."""
    return quote.start <= sentence.start + 1 and quote.end >= sentence.end - 1


def cue_follows(quote: Quote, paragraph: str) -> bool:
    """'"...," said Joshua Osagie, a farmer' where the parser lost the speaker."""
    if not quote.closed:
        return False
    closing = paragraph[max(quote.start, quote.end - 3):quote.end]
    return any(ch in closing for ch in ",?!") and bool(_CUE_AFTER.match(paragraph[quote.end:quote.end + 60]))


def misread_marks(quote: Quote, paragraph: str) -> bool:
    inner_s, _ = quote.inner
    return bool(_MISREAD.match(paragraph[inner_s:inner_s + 30]))


def cited_after_colon(quote: Quote, sentence: SentenceInfo | None, paragraph: str) -> bool:
    """'Labour's slogan will be: "..."', 'It will be: "Should ...?"', ': "..."' under a lost label:
    a frame that says what the quoted text is, or whose it is."""
    before = paragraph[:quote.start].rstrip()
    if not before.endswith(":"):
        return False
    if not before[:-1].strip():
        return True  # the paragraph opens with a label whose name the copy has lost
    return sentence is not None and sentence.subject != "none"
