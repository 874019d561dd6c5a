"""An article: its text, line index, and the prose units (paragraphs) to analyse.

Every paragraph keeps code-point offsets into the original text. Its analysis
text has the same length as the original slice: markup, code, URLs and line
breaks are replaced by spaces, so an offset found in the analysis text is an
offset in the document with a single addition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .text import LineIndex

# Longest analysis unit; longer paragraphs are cut at sentence ends (see _bounded_pieces).
MAX_PARAGRAPH_CHARS = 5_000
# No word is this long; spaCy's tokenizer is quadratic on a long run without spaces
# (60,000 closing quotes took minutes), so such runs are blanked like URLs.
_LONG_RUN = re.compile(r"\S{200,}")
TERMINAL = set('.!?:;"”’)]…»')
PHOTO_CUE = re.compile(
    r"\((?:L|R|C|L-R|R-L|l|r|left|right|centre|center|top|bottom|front|back|pictured|file|FILE)\)"
    r"|^(?:photo|image|picture|pictured|caption|credit|file photo)\s*[:|]",
    re.IGNORECASE,
)
URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\"'“”]+[^\s<>()\[\]\"'“”.,;:!?]|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


class ParaKind(str, Enum):
    HEADLINE = "headline"
    CAPTION = "caption"
    BODY = "body"


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str
    kind: ParaKind
    line_count: int = 1

    @property
    def key(self) -> str:
        return self.text


@dataclass
class Article:
    text: str
    markdown: bool = False
    index: LineIndex = field(init=False)
    paragraphs: list[Paragraph] = field(init=False)
    masked: str = field(init=False)

    def __post_init__(self) -> None:
        self.index = LineIndex(self.text)
        self.masked = mask_non_prose(self.text, self.markdown)
        self.paragraphs = split_paragraphs(self.text, self.masked, self.index, self.markdown)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        for para in self.paragraphs:
            if para.start <= offset < para.end:
                return para
        return None


def is_markdown(path_or_uri: str, language_id: str | None = None) -> bool:
    if language_id:
        return language_id.lower() in {"markdown", "md", "mdx"}
    return path_or_uri.lower().endswith((".md", ".markdown", ".mdx"))


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\r\n]", " ", match.group(0))


_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)
_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# In plain text only what cannot be prose is markup: a closing tag, a tag with an attribute
# value, or a bare tag named like an HTML element ("<p>", "<br/>"); "if x <y and z> w" stays.
_MARKUP_TAG = re.compile(
    r"</[A-Za-z][\w-]*\s*>"
    r"|<[A-Za-z][\w-]*\s[^<>]*?=\s*[\"'][^<>]*>"
    r"|<(?:p|br|hr|div|span|em|strong|b|i|u|a|blockquote|li|ul|ol|h[1-6]|table|tr|td|th|sup|sub|figure|figcaption|img)\s*/?>",
    re.I,
)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)([^\]\n]*)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
# The lookbehind starts a closing-hashes match only at the start of a blank run: without it a
# long run of spaces is scanned once per position (quadratic).
_HEADING_MARK = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|$)|(?<![ \t])[ \t]+#+[ \t]*$", re.M)
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t]*$", re.M)
_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M)
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+|^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?", re.M)
_EMPHASIS = re.compile(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|~~")
_TABLE_PIPE = re.compile(r"\|")
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|(?<=\r\n\r\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")


def mask_non_prose(text: str, markdown: bool) -> str:
    """Blank out what is not prose, keeping every offset and line break."""
    masked = _LONG_RUN.sub(_blank, URL.sub(_blank, text))
    if not markdown:
        return _MARKUP_TAG.sub(_blank, masked)
    for pattern in (_FRONT_MATTER, _FENCE, _HTML_COMMENT, _INDENTED_CODE, _INLINE_CODE, _IMAGE, _REF_DEF):
        masked = pattern.sub(_blank, masked)
    masked = _LINK.sub(lambda m: " " + m.group(2) + " " * len(m.group(3)), masked)
    for pattern in (_HTML_TAG, _HEADING_MARK, _SETEXT, _RULE, _LINE_PREFIX, _EMPHASIS, _TABLE_PIPE):
        masked = pattern.sub(_blank, masked)
    return masked


def _ends_mid_sentence(line: str) -> bool:
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] not in TERMINAL


def _starts_lower(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and (stripped[0].islower() or stripped[0].isdigit())


def _wrapped_block(lines: list[str]) -> bool:
    """A block is hard-wrapped when its lines break mid-sentence at a similar width."""
    if len(lines) < 2:
        return False
    body = [ln.strip() for ln in lines[:-1]]
    widest = max(len(ln.strip()) for ln in lines)
    if widest > 120:
        return False
    wrapped = sum(1 for ln in body if _ends_mid_sentence(ln) and len(ln) >= max(30, 0.6 * widest))
    return wrapped * 2 >= len(body)


def _heading_lines(text: str, markdown: bool, index: LineIndex) -> set[int]:
    if not markdown:
        return set()
    found: set[int] = set()
    for line in range(index.line_count):
        raw = index.line_text(line)
        if re.match(r"^[ \t]{0,3}#{1,6}(?:[ \t]|$)", raw):
            found.add(line)
        elif line > 0 and re.match(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$", raw) and index.line_text(line - 1).strip():
            found.add(line - 1)
    return found


def _structural(raw: str, markdown: bool) -> bool:
    return markdown and bool(re.match(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|^[ \t]*>", raw))


def split_paragraphs(text: str, masked: str, index: LineIndex, markdown: bool) -> list[Paragraph]:
    headings = _heading_lines(text, markdown, index)
    masked_lines = [masked[index.starts[i] : index.line_end(i)] for i in range(index.line_count)]
    paragraphs: list[Paragraph] = []
    block: list[int] = []

    def flush() -> None:
        if block:
            paragraphs.extend(_units_of_block(block, masked_lines, text, masked, index, headings, markdown))
            block.clear()

    for line, content in enumerate(masked_lines):
        if content.strip():
            block.append(line)
        else:
            flush()
    flush()
    return paragraphs


def _units_of_block(
    block: list[int],
    masked_lines: list[str],
    text: str,
    masked: str,
    index: LineIndex,
    headings: set[int],
    markdown: bool,
) -> list[Paragraph]:
    lines = [masked_lines[i] for i in block]
    wrapped = _wrapped_block([masked_lines[i] for i in block if i not in headings])
    units: list[list[int]] = [[block[0]]]
    for prev, line in zip(block, block[1:]):
        a, b = masked_lines[prev], masked_lines[line]
        join = (
            prev not in headings
            and line not in headings
            and not _structural(index.line_text(line), markdown)
            and _ends_mid_sentence(a)
            and (wrapped or _starts_lower(b) or a.rstrip().endswith((",", "-", "–", "—")))
        )
        if join:
            units[-1].append(line)
        else:
            units.append([line])
    del lines
    out = []
    for unit in units:
        start = index.starts[unit[0]]
        end = index.line_end(unit[-1])
        chunk = masked[start:end].replace("\r", " ").replace("\n", " ")
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if lead == len(chunk):
            continue
        start, end = start + lead, end - trail
        chunk = chunk[lead : len(chunk) - trail]
        kind = _kind(chunk, unit, headings, text[start:end])
        for piece_start, piece in _bounded_pieces(chunk):
            out.append(Paragraph(start + piece_start, start + piece_start + len(piece), piece, kind, len(unit)))
    return out


def _bounded_pieces(chunk: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[tuple[int, str]]:
    """``chunk`` cut into pieces of at most ``limit`` characters, at sentence ends where possible.

    Several analysis passes compare every quotation, verb and sentence of a paragraph with
    every other; on one 200,000-character line that took hours and held the only worker.
    Real paragraphs are far shorter than the limit, so they are never cut.
    """
    if len(chunk) <= limit:
        return [(0, chunk)]
    pieces: list[tuple[int, str]] = []
    pos = 0
    while len(chunk) - pos > limit:
        window = chunk[pos : pos + limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("” "))
        cut = cut + 1 if cut >= limit // 2 else window.rfind(" ")
        if cut <= 0:
            cut = limit  # no space at all: a hard cut
        pieces.append((pos, chunk[pos : pos + cut]))
        pos += cut
        while pos < len(chunk) and chunk[pos] == " ":
            pos += 1
    if pos < len(chunk):
        pieces.append((pos, chunk[pos:]))
    return [(a, p.rstrip(" ")) for a, p in pieces if p.strip(" ")]


def _kind(chunk: str, unit: list[int], headings: set[int], original: str) -> ParaKind:
    if unit[0] in headings:
        return ParaKind.HEADLINE
    if PHOTO_CUE.search(original):
        return ParaKind.CAPTION
    words = chunk.split()
    if len(unit) == 1 and _ends_mid_sentence(chunk) and len(words) <= 25:
        return ParaKind.HEADLINE
    return ParaKind.BODY
