"""Quotation spans in a paragraph: straight and curly quotes, nesting, unbalanced marks.

A quotation that opens and never closes runs to the end of its paragraph (news style: a
quote that continues into the next paragraph leaves the first one open) and no further, so
a stray mark can never swallow the rest of a document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
ALL_MARKS = set("\"'“”„«»‘’‹›")
_OPENERS_BEFORE = set(" \t([{—–-/:;,") | set(OPEN_DOUBLE) | set(OPEN_SINGLE)


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark in the paragraph
    end: int  # one past the closing mark (or the paragraph end when unclosed)
    closed: bool
    opened: bool = True  # False: the paragraph starts inside a quotation (no opening mark)
    width: int = 1  # length of the marks: 2 for a doubled apostrophe ('' ... '')

    @property
    def inner(self) -> tuple[int, int]:
        s = self.start + self.width if self.opened else self.start
        e = self.end - self.width if self.closed else self.end
        return s, e

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == "\u00a0"


def _straight_role(text: str, i: int, width: int = 1) -> str:
    """'open', 'close' or 'either' for a straight double quote at ``i``; 'none' for an inch mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if width == 2:  # a doubled apostrophe is never an inch mark
        if before in ",.;:!?" and not after.isalnum():
            return "close"  # glued to the punctuation before it, the pair closes
        if before in _OPENERS_BEFORE or _is_space(before) or i == 0:
            return "either" if _is_space(after) or i + 2 >= len(text) else "open"
        return "close" if _is_space(after) or after in ".,;:!?)]}—–-" or i + 2 >= len(text) else "either"
    if before.isdigit() and (i + 1 >= len(text) or not after.isalpha()):
        # 5" or 12": an inch mark, unless it plainly closes a quotation ("... in 2021.")
        return "close" if before.isdigit() and after in ",.;" else "none"
    if before in _OPENERS_BEFORE or _is_space(before) or i == 0:
        return "either" if _is_space(after) or i + 1 >= len(text) else "open"
    if _is_space(after) or after in ".,;:!?)]}—–-" or i + 1 >= len(text):
        return "close"
    return "either"


def find_quotes(text: str) -> list[Quote]:
    """Top-level quotations of ``text`` (one paragraph), in order; nested quotes are inside them."""
    quotes: list[Quote] = []
    open_at: int | None = None
    open_kind = ""  # "straight" | "curly" | "single"
    depth_single = 0
    n = len(text)
    i = 0
    width = 1  # of the open quotation's marks
    # Where "two spaces before i" becomes true; counting text[:i] at every mark was quadratic.
    first_space = text.find(" ")
    second_space = text.find(" ", first_space + 1) if first_space >= 0 else -1
    while i < n:
        ch = text[i]
        doubled = ch == "'" and i + 1 < n and text[i + 1] == "'"  # '' as a double quote (wire copy)
        if doubled and open_at is not None and open_kind == "straight" and i + 2 < n and text[i + 2] == "'":
            i += 1  # three marks after a nested quote: the first closes it, the pair the outer one
            continue
        if ch == '"' or doubled:
            w = 2 if doubled else 1
            role = _straight_role(text, i, w)
            if role == "none" and open_kind == "straight" and open_at is not None and (i + 1 >= n or not text[i + 1].isalnum()):
                role = "close"  # '"about $200,000" from': after an opening mark, a number's mark closes it
            if role == "none":
                pass
            elif open_at is None:
                if role in ("open", "either"):
                    open_at, open_kind, width = i, "straight", w
            elif open_kind in ("straight", "curly") and role in ("close", "either"):
                quotes.append(Quote(open_at, i + w, True, width=w))
                open_at = None
                depth_single = 0
            elif open_kind == "single":
                open_at, open_kind, width = i, "straight", w  # the single mark was an apostrophe
            i += w
            continue
        elif ch in OPEN_DOUBLE:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < n else " "
            if open_at is not None and open_kind in ("curly", "straight") and not _is_space(before) and (
                _is_space(after) or after in ".,;:!?"
            ):
                # '“Apparently not,“ he said': an opening mark typed where the closing one belongs
                quotes.append(Quote(open_at, i + 1, True))
                open_at = None
                depth_single = 0
            elif open_at is None or open_kind == "single":
                open_at, open_kind = i, "curly"
            elif open_kind == "curly" and i > open_at + 1:
                # a second opening mark before any close: the first quote was never closed;
                # end it at the last sentence end before this mark
                quotes.append(Quote(open_at, _cap(text, open_at, i), False))
                open_at = i
        elif ch in CLOSE_DOUBLE:
            if open_at is not None and open_kind in ("curly", "straight"):
                quotes.append(Quote(open_at, i + 1, True))
                open_at = None
                depth_single = 0
            elif open_at is None and (i == 0 or _is_space(text[i - 1]) or unicodedata.category(text[i - 1]) == "Cf") and (
                i + 1 < n and text[i + 1].isalpha()
            ):
                open_at, open_kind = i, "curly"  # a closing mark typed as the opening one: 'aides ”get close'
            elif open_at is None and not quotes and 0 <= second_space < i:
                # the paragraph starts inside a quotation carried over from the last one
                quotes.append(Quote(0, i + 1, True, opened=False))
        elif ch in OPEN_SINGLE:
            before = text[i - 1] if i > 0 else " "
            if open_at is not None:
                depth_single += 1
            elif _is_space(before) or before in _OPENERS_BEFORE or i == 0:
                open_at, open_kind = i, "single"
        elif ch in CLOSE_SINGLE:
            after = text[i + 1] if i + 1 < n else " "
            if after.isalpha():
                pass  # an apostrophe: Russia’s, don’t
            elif open_at is not None and open_kind == "single":
                if text[open_at:i].count(" ") >= 1:
                    quotes.append(Quote(open_at, i + 1, True))
                open_at = None
            elif depth_single:
                depth_single -= 1
        i += 1
    if open_at is not None and open_kind != "single":
        quotes.append(Quote(open_at, n, False, width=width if open_kind == "straight" else 1))
    return quotes


def _cap(text: str, start: int, limit: int) -> int:
    """End of an unclosed quotation: the last sentence end before ``limit`` (or ``limit``)."""
    for j in range(limit - 1, start, -1):
        if text[j] in ".!?" and j + 1 < len(text) and _is_space(text[j + 1]):
            return j + 1
    return limit


def quote_only(text: str, quotes: list[Quote]) -> bool:
    """True when the paragraph is nothing but a quotation (maybe with trailing punctuation)."""
    if not quotes:
        return False
    stripped = text.strip()
    if not stripped:
        return False
    lead = len(text) - len(text.lstrip())
    covered = sum(q.end - q.start for q in quotes)
    first = quotes[0]
    return first.start <= lead and covered >= 0.9 * len(stripped) and (
        len(quotes) == 1 or all(not any(c.isalpha() for c in text[a.end:b.start]) for a, b in zip(quotes, quotes[1:]))
    )


# "- Bolton boss Sam Allardyce "...": a bulleted label naming the speaker, then the quotation.
_SPEAKER_LABEL = re.compile(r"^\s*[-–—•*]\s*(?:[\w'’.-]+\s+){0,6}[A-Z][\w'’.-]+\s*:?\s*$")


def opens_with_speaker_label(text: str, quotes: list[Quote]) -> bool:
    """The paragraph's quotations follow a bulleted speaker label (post-match quotes, Q&A copy)."""
    if not quotes or not quotes[0].opened:
        return False
    if text.lstrip().startswith(":"):
        return True  # "Name: ..." whose name the copy lost: the paragraph is the labelled speaker's
    return bool(_SPEAKER_LABEL.match(text[:quotes[0].start]))
