"""Offsets and positions.

Analysis works in code-point offsets (Python ``str`` indices). Editors speak
(line, character) where *character* counts UTF-8 bytes, UTF-16 code units or
code points depending on the negotiated position encoding. ``LineIndex`` is the
one place that converts between the two.

LSP recognises exactly three line terminators: ``\\r\\n``, ``\\n`` and ``\\r``.
``str.splitlines`` also breaks on U+2028, U+0085, form feeds and more, which
would shift every position after such a character, so it is never used here.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import Enum


class Encoding(str, Enum):
    UTF8 = "utf-8"
    UTF16 = "utf-16"
    UTF32 = "utf-32"


def char_width(ch: str, encoding: Encoding) -> int:
    """Size of one code point in the units of ``encoding``."""
    cp = ord(ch)
    if encoding is Encoding.UTF32:
        return 1
    if encoding is Encoding.UTF16:
        return 2 if cp > 0xFFFF else 1
    if cp < 0x80:
        return 1
    if cp < 0x800:
        return 2
    if cp < 0x10000:
        return 3
    return 4


def units_len(text: str, encoding: Encoding) -> int:
    if encoding is Encoding.UTF32:
        return len(text)
    if text.isascii():
        return len(text)
    if encoding is Encoding.UTF16:
        return len(text.encode("utf-16-le")) // 2
    return len(text.encode("utf-8"))


def line_starts(text: str) -> list[int]:
    """Code-point offsets at which each line begins (LSP line terminators only)."""
    starts = [0]
    i = 0
    n = len(text)
    find_n = text.find
    while i < n:
        j_n = find_n("\n", i)
        j_r = find_n("\r", i)
        if j_n < 0 and j_r < 0:
            break
        if j_r >= 0 and (j_n < 0 or j_r < j_n):
            end = j_r + 2 if j_r + 1 < n and text[j_r + 1] == "\n" else j_r + 1
        else:
            end = j_n + 1
        starts.append(end)
        i = end
    return starts


@dataclass(frozen=True)
class Position:
    line: int
    character: int


class LineIndex:
    """Maps code-point offsets to (line, character) and back for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line`` content (before its terminator)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if end >= 2 and self.text[end - 2 : end] == "\r\n":
                return end - 2
            return end - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line] : self.line_end(line)]

    def position(self, offset: int, encoding: Encoding = Encoding.UTF16) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.starts[line]
        # An offset inside a CRLF pair belongs to the end of the line.
        offset = min(offset, self.line_end(line))
        return Position(line, units_len(self.text[start:offset], encoding))

    def offset(self, line: int, character: int, encoding: Encoding = Encoding.UTF16) -> int:
        """Code-point offset of an LSP position; clamps like the spec asks.

        A character past the end of the line means the end of the line; a
        position inside a surrogate pair or a UTF-8 sequence snaps back to the
        start of that code point.
        """
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.line_end(line)
        if encoding is Encoding.UTF32:
            return min(start + max(character, 0), end)
        units = 0
        i = start
        text = self.text
        while i < end:
            width = char_width(text[i], encoding)
            if units + width > character:
                break
            units += width
            i += 1
        return i
