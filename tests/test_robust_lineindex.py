"""Property tests of text.LineIndex against an independent reference (regex lines, codec lengths)."""

from __future__ import annotations


from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.text import Encoding, LineIndex, line_starts, units_len
from robust_support import ref_lines

PIECES = [
    "a", "Z", " ", "é", "e\u0301", "😀", "🇺🇦", "👩\u200d👩\u200d👧", "中", "م", "\t", "\r\n", "\r", "\n",
    "\u2028", "\u2029", "\u0085", "\x0c", "\x0b", "\u00a0", "\ufeff", "“", "”", "‘", "’", "«", "»", "„", '"', "'",
    "\U00010348", "\U0001f600\U0001f601",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=("Cs",)), max_size=4)), max_size=60).map("".join)
ENCODINGS = list(Encoding)
CODEC = {Encoding.UTF8: ("utf-8", 1), Encoding.UTF16: ("utf-16-le", 2), Encoding.UTF32: ("utf-32-le", 4)}


def ref_units(s: str, enc: Encoding) -> int:
    codec, width = CODEC[enc]
    return len(s.encode(codec)) // width


def valid_offsets(text: str) -> list[int]:
    """Offsets an LSP position can name: all but the middle of a CRLF."""
    return [i for i in range(len(text) + 1) if not (0 < i < len(text) and text[i - 1] == "\r" and text[i] == "\n")]


@settings(max_examples=400, deadline=None, database=None)
@given(TEXT)
def test_line_starts_match_lsp_terminators(text):
    assert line_starts(text) == [s for s, _ in ref_lines(text)]
    index = LineIndex(text)
    for n, (s, e) in enumerate(ref_lines(text)):
        assert index.line_end(n) == e
        assert index.line_text(n) == text[s:e]


@settings(max_examples=400, deadline=None, database=None)
@given(TEXT, st.sampled_from(ENCODINGS))
def test_offset_position_roundtrip(text, enc):
    index = LineIndex(text)
    lines = ref_lines(text)
    for offset in valid_offsets(text):
        pos = index.position(offset, enc)
        s, e = lines[pos.line]
        assert s <= offset <= e
        assert pos.character == ref_units(text[s:offset], enc)
        assert index.offset(pos.line, pos.character, enc) == offset


@settings(max_examples=300, deadline=None, database=None)
@given(TEXT, st.sampled_from(ENCODINGS), st.data())
def test_positions_clamp_and_snap(text, enc, data):
    index = LineIndex(text)
    lines = ref_lines(text)
    line = data.draw(st.integers(-2, len(lines) + 2))
    char = data.draw(st.integers(0, 200))
    offset = index.offset(line, char, enc)
    if line < 0:
        assert offset == 0
        return
    if line >= len(lines):
        assert offset == len(text)
        return
    s, e = lines[line]
    assert s <= offset <= e
    # The code point at `offset` is the one `char` falls in (or the end of the line).
    prefix = ref_units(text[s:offset], enc)
    assert prefix <= char
    if offset < e:
        assert prefix + ref_units(text[offset], enc) > char


@settings(max_examples=200, deadline=None, database=None)
@given(TEXT, st.sampled_from(ENCODINGS))
def test_offset_inside_crlf_is_end_of_line(text, enc):
    index = LineIndex(text)
    for i in range(1, len(text)):
        if text[i - 1] == "\r" and text[i] == "\n":
            pos = index.position(i, enc)
            assert pos == index.position(i - 1, enc)


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=50), st.sampled_from(ENCODINGS))
def test_units_len(s, enc):
    assert units_len(s, enc) == ref_units(s, enc)
