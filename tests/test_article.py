"""Paragraph units, Markdown masking and the line index, on text written for the tests."""

from __future__ import annotations

from copydesk.article import Article, ParaKind
from copydesk.text import Encoding, LineIndex


def units(text, markdown=False):
    article = Article(text, markdown)
    return [(text[p.start : p.end], p.kind) for p in article.paragraphs]


def test_blank_line_and_single_break_end_units():
    text = "Talks collapse in Geneva\nThe talks ended on Friday without a deal.\n\nA second paragraph.\n"
    got = units(text)
    assert got[0] == ("Talks collapse in Geneva", ParaKind.HEADLINE)
    assert got[1][0] == "The talks ended on Friday without a deal." and got[1][1] == ParaKind.BODY
    assert got[2][0] == "A second paragraph."


def test_hard_wrapped_block_joins_into_one_paragraph():
    text = (
        "The minister said on Friday that the government would not\n"
        "change its plans for the budget, despite criticism from the\n"
        "opposition and from several business groups in the capital.\n"
    )
    article = Article(text)
    assert len(article.paragraphs) == 1
    para = article.paragraphs[0]
    assert len(para.text) == para.end - para.start and "\n" not in para.text


def test_caption_with_photo_cue():
    text = "Minister Jane Doe (L) shakes hands with the ambassador in Rome on Friday.\n\nBody text here.\n"
    assert units(text)[0][1] == ParaKind.CAPTION


def test_crlf_and_lone_cr_keep_offsets():
    text = "Headline here\r\n\r\nFirst sentence of the body.\rSecond line on its own.\r\n"
    article = Article(text)
    for para in article.paragraphs:
        assert text[para.start : para.end].replace("\r", " ").replace("\n", " ") == para.text
    assert article.index.line_count == 5


def test_markdown_non_prose_is_masked_with_offsets_kept():
    text = (
        "---\ntitle: Vladimir Putin\n---\n\n# Heading about Moscow\n\n"
        "See [the report](https://example.com/x) and `code Shoigu` <b>bold</b> **strong** text.\n\n"
        "```\nfenced Shoigu\n```\n"
    )
    article = Article(text, markdown=True)
    kinds = [p.kind for p in article.paragraphs]
    assert kinds[0] == ParaKind.HEADLINE
    body = article.paragraphs[1]
    assert "the report" in body.text and "example.com" not in body.text
    assert "Shoigu" not in body.text and "<b>" not in body.text and "**" not in body.text
    assert len(body.text) == body.end - body.start
    assert not any("fenced" in p.text or "title:" in p.text for p in article.paragraphs)


def test_urls_are_not_prose_in_plain_text():
    text = "Read more at https://news.example.org/Kyiv-Kiev-story today.\n"
    assert "Kiev" not in Article(text).paragraphs[0].text


def test_markup_tags_are_not_prose_in_plain_text():
    text = (
        'Officials reacted: <tweet author="@GovWalker" id="67">Praying for the victims.</tweet>. '
        "Then <p>the vote</p> came. If x <y and z> w, the sum holds.\n"
    )
    body = Article(text).paragraphs[0].text
    assert "author" not in body and "@GovWalker" not in body and "</tweet>" not in body and "<p>" not in body
    assert "Praying for the victims." in body and "the vote" in body
    assert "<y and z>" in body
    assert len(body) == len(text.rstrip("\n"))


def test_line_index_ignores_unicode_line_separators():
    text = "a\u2028b\u0085c\x0cd\ne"
    index = LineIndex(text)
    assert index.line_count == 2
    assert index.position(text.index("e")).line == 1
    assert index.position(text.index("d")).character == 6


def test_line_index_encodings_and_clamping():
    text = "é😀x\r\nnext"
    index = LineIndex(text)
    x = text.index("x")
    assert index.position(x, Encoding.UTF8).character == 2 + 4
    assert index.position(x, Encoding.UTF16).character == 1 + 2
    assert index.position(x, Encoding.UTF32).character == 2
    assert index.offset(0, 2, Encoding.UTF16) == 1  # inside the surrogate pair snaps to the emoji start
    assert index.offset(0, 99, Encoding.UTF16) == text.index("\r")
    assert index.offset(7, 0) == len(text)
