"""Open documents: text kept with our own line index, edits applied in the negotiated encoding.

pygls' own document store splits lines with ``str.splitlines``, which also
breaks on U+2028, U+0085 and form feeds; an edit after such a character would
land in the wrong place. Copydesk keeps its own store instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp

from ..analysis.pipeline import ArticleAnalysis
from ..article import is_markdown
from ..text import Encoding, LineIndex

log = logging.getLogger(__name__)


@dataclass
class DocumentState:
    uri: str
    text: str
    version: int | None
    language_id: str
    _index: LineIndex | None = field(default=None, repr=False)
    analysis: ArticleAnalysis | None = None
    analysed_version: int | None = None
    analysed_text: str | None = None
    error: str | None = None  # why this document cannot be analysed, if it cannot

    @property
    def markdown(self) -> bool:
        return is_markdown(self.uri, self.language_id if self.language_id not in ("", "plaintext", "text") else None) or (
            self.language_id == "" and self.uri.lower().endswith((".md", ".markdown"))
        )

    @property
    def index(self) -> LineIndex:
        if self._index is None or self._index.text is not self.text:
            self._index = LineIndex(self.text)
        return self._index

    def current_analysis(self) -> ArticleAnalysis | None:
        """The analysis, only if it was made from the text the editor has now."""
        if self.analysis is not None and self.analysed_text == self.text:
            return self.analysis
        return None

    def paragraph_texts(self) -> list[str]:
        if self.analysis is None:
            return []
        return [p.text for p in self.analysis.article.paragraphs]


class DocumentStore:
    def __init__(self) -> None:
        self.docs: dict[str, DocumentState] = {}

    def get(self, uri: str) -> DocumentState | None:
        return self.docs.get(uri)

    def open(self, item: lsp.TextDocumentItem) -> DocumentState:
        doc = DocumentState(item.uri, item.text, item.version, item.language_id or "")
        self.docs[item.uri] = doc
        return doc

    def close(self, uri: str) -> DocumentState | None:
        return self.docs.pop(uri, None)

    def change(
        self, params: lsp.DidChangeTextDocumentParams, encoding: Encoding
    ) -> DocumentState | None:
        doc = self.docs.get(params.text_document.uri)
        if doc is None:
            log.warning("didChange for a document that is not open: %s", params.text_document.uri)
            return None
        new_version = params.text_document.version
        if doc.version is not None and new_version is not None and new_version < doc.version:
            # Out of order: apply anyway (the client's text is the truth) but say so.
            log.warning("didChange version went backwards for %s: %s -> %s", doc.uri, doc.version, new_version)
        text = doc.text
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                index = LineIndex(text)
                start = index.offset(change.range.start.line, change.range.start.character, encoding)
                end = index.offset(change.range.end.line, change.range.end.character, encoding)
                if end < start:
                    start, end = end, start
                text = text[:start] + change.text + text[end:]
            else:
                text = change.text
        doc.text = text
        doc.version = new_version
        if doc.analysis is not None and doc.analysed_text == text:
            # An edit that leaves the analysed text as it was (an undo, an empty change):
            # the analysis is the analysis of this version too.
            doc.analysed_version = new_version
        return doc

    def uris(self) -> list[str]:
        return list(self.docs)


def uri_to_path(uri: str) -> str | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return unquote(parsed.path)
