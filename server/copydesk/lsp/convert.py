"""Findings -> LSP types, in a given position encoding.

Used by the language server and by the CLI's JSON/SARIF writers (which speak
UTF-16 like the LSP default), so both report the same ranges and messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp
from lsprotocol.converters import get_converter

from ..findings import Finding
from ..settings import Settings
from ..text import Encoding, LineIndex

SOURCE = "copydesk"
_converter = get_converter()


def to_range(index: LineIndex, start: int, end: int, encoding: Encoding) -> lsp.Range:
    a = index.position(start, encoding)
    b = index.position(end, encoding)
    return lsp.Range(lsp.Position(a.line, a.character), lsp.Position(b.line, b.character))


def from_position(index: LineIndex, position: lsp.Position, encoding: Encoding) -> int:
    return index.offset(position.line, position.character, encoding)


def to_diagnostic(
    finding: Finding,
    index: LineIndex,
    encoding: Encoding,
    uri: str,
    settings: Settings | None = None,
    related_supported: bool = True,
    index_for: Callable[[str], LineIndex | None] | None = None,
) -> lsp.Diagnostic:
    """``index_for`` gives the line index of another document, for related locations there."""
    severity = settings.severity(finding.code, finding.severity) if settings else finding.effective_severity
    related = None
    if related_supported and finding.related:
        related = []
        for rel in finding.related:
            if rel.uri is None:
                rng = to_range(index, rel.start, rel.end, encoding)
                target = uri
            elif index_for is not None and (other := index_for(rel.uri)) is not None:
                rng = to_range(other, rel.start, rel.end, encoding)
                target = rel.uri
            elif rel.range16 is not None and encoding is Encoding.UTF16:
                sl, sc, el, ec = rel.range16
                rng = lsp.Range(lsp.Position(sl, sc), lsp.Position(el, ec))
                target = rel.uri
            else:
                continue
            related.append(lsp.DiagnosticRelatedInformation(lsp.Location(target, rng), rel.message))
    return lsp.Diagnostic(
        range=to_range(index, finding.start, finding.end, encoding),
        message=finding.message,
        severity=lsp.DiagnosticSeverity(int(severity)),
        code=finding.code,
        source=SOURCE,
        data=finding.data,
        related_information=related or None,
        tags=None,
    )


def to_json(obj: Any) -> Any:
    """An lsprotocol object as the JSON the protocol would carry."""
    return _converter.unstructure(obj)
