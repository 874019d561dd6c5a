"""Safe text edits that change one spelling into another (used by `copydesk fix` and the
LSP quick-fixes). Pure functions over code-point offsets.

An edit replaces only the word itself, so punctuation and possessives around it
stay (Zaporozhye's -> Zaporizhzhia's). The case of each occurrence carries over
(SERGEI -> SERGEY, "Defence" at a sentence start stays capitalised). A dotted
abbreviation that also ends a sentence keeps its full stop (... in the U.S. -> ... in the US.),
and a dotted target swallows a following full stop (in the US. -> in the U.S.).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .keys import case_shape

# Groups whose forms differ in spelling only; each occurrence keeps its own case.
CASE_FREE_PREFIXES = ("ukus:", "orth:")
_SENTENCE_STARTERS = frozenset(
    "The A An He She It They We I In On At But And This That These Those There His Her Its Their Our "
    "Mr Mrs Ms Dr After Before When While If As However Meanwhile".split()
)


@dataclass(frozen=True)
class TextEdit:
    start: int
    end: int
    new_text: str


def preserves_case(group_id: str) -> bool:
    return group_id.startswith(CASE_FREE_PREFIXES)


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘([")
    return not before or before[-1] in ".!?\n\r"


def replacement(text: str, start: int, end: int, target: str, preserve_case: bool) -> str:
    """What the occurrence ``text[start:end]`` becomes when changed to ``target``."""
    occurrence = text[start:end]
    shape = case_shape(occurrence)
    if shape == "upper" and case_shape(target) != "upper" and len(occurrence) > 1:
        return target.upper()
    if preserve_case:
        if shape == "lower":
            return target.lower()
        if shape == "title":
            return target[:1].upper() + target[1:].lower() if case_shape(target) in ("lower", "title") else target
        return target
    if occurrence[:1].isupper() and target[:1].islower() and _at_sentence_start(text, start):
        return target[:1].upper() + target[1:]
    return target


def _ends_sentence(text: str, end: int) -> bool:
    """After a dotted abbreviation: is its full stop also the sentence's?"""
    rest = text[end:]
    stripped = rest.lstrip(" \t")
    if not stripped or stripped[0] in "\r\n\"”’)]":
        return True
    if len(stripped) != len(rest):  # a space, then ...
        word = re.match(r"[A-Za-z]+", stripped)
        return bool(word) and word.group(0) in _SENTENCE_STARTERS
    return False


def edit_for(text: str, start: int, end: int, target: str, preserve_case: bool) -> TextEdit:
    new = replacement(text, start, end, target, preserve_case)
    occurrence = text[start:end]
    if occurrence.endswith(".") and not new.endswith(".") and _ends_sentence(text, end):
        new += "."
    elif new.endswith(".") and not occurrence.endswith(".") and text[end : end + 1] == ".":
        end += 1
    return TextEdit(start, end, new)


def edits_for(
    text: str, spans: Iterable[tuple[int, int]], target: str, preserve_case: bool = True
) -> list[TextEdit]:
    """One edit per span that actually changes; spans sorted, overlaps dropped."""
    edits: list[TextEdit] = []
    last_end = -1
    for start, end in sorted(set(spans)):
        if start < last_end or not (0 <= start < end <= len(text)):
            continue
        edit = edit_for(text, start, end, target, preserve_case)
        if text[edit.start : edit.end] != edit.new_text:
            edits.append(edit)
            last_end = edit.end
    return edits


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    out = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            continue  # overlapping edits: keep the first
        out.append(text[pos : edit.start])
        out.append(edit.new_text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def quotation_spans(article) -> list[tuple[int, int]]:
    """Where the article's direct quotations are (document offsets, quotation marks included)."""
    from .quotes import find_quotes

    spans = []
    for para in article.paragraphs:
        spans.extend((para.start + q.start, para.start + q.end) for q in find_quotes(para.text))
    return spans


def normalisation_edits(
    text: str, findings: Iterable, majority: bool, quotations: Iterable[tuple[int, int]] = ()
) -> list[TextEdit]:
    """Edits that apply the house style, and with ``majority`` the article's majority forms.

    ``findings`` are the article's findings; the variant ones carry their fix in ``data``.
    A majority edit inside one of ``quotations`` is left out: a speaker's words are changed
    only by the house style, or when the caller passes no quotations (the user asked).
    """
    quoted = sorted(quotations)
    edits: list[TextEdit] = []
    for f in findings:
        data = f.data or {}
        if "canonical" not in data or "group" not in data:
            continue
        house = f.code == "house-style" or data.get("houseStyle")
        article_majority = f.code == "spelling-variant" and data.get("scope", "article") == "article"
        if not (house or (majority and article_majority)):
            continue
        if not house and any(qs <= f.start and f.end <= qe for qs, qe in quoted):
            continue
        target = data["canonical"]
        keep_case = preserves_case(data["group"]) or (data.get("kind") == "house-style" and target[:1].islower())
        edit = edit_for(text, f.start, f.end, target, keep_case)
        if text[edit.start : edit.end] != edit.new_text:
            edits.append(edit)
    return sorted(edits, key=lambda e: e.start)
