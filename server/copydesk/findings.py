"""Findings: the one contract between analysis and the adapters (LSP, CLI).

Spans are code-point offsets into the document text. Adapters turn them into
ranges in whatever position encoding their consumer speaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4

    @classmethod
    def parse(cls, value: str | int) -> "Severity":
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        name = str(value).strip().upper()
        aliases = {"INFO": "INFORMATION", "WARN": "WARNING"}
        return cls[aliases.get(name, name)]


class Code:
    """Stable diagnostic codes (documented in README.md)."""

    ENTITY = "entity"
    SPELLING_VARIANT = "spelling-variant"
    HOUSE_STYLE = "house-style"
    UNATTRIBUTED_QUOTE = "unattributed-quote"
    UNATTRIBUTED_CLAIM = "unattributed-claim"
    VAGUE_ATTRIBUTION = "vague-attribution"
    INPUT = "input"
    STYLE_FILE = "style-file"
    UNUSED_DISABLE = "unused-disable"

    ALL = (
        ENTITY, SPELLING_VARIANT, HOUSE_STYLE, UNATTRIBUTED_QUOTE,
        UNATTRIBUTED_CLAIM, VAGUE_ATTRIBUTION, INPUT, STYLE_FILE, UNUSED_DISABLE,
    )


DEFAULT_SEVERITY = {
    Code.ENTITY: Severity.HINT,
    Code.SPELLING_VARIANT: Severity.WARNING,
    Code.HOUSE_STYLE: Severity.WARNING,
    Code.UNATTRIBUTED_QUOTE: Severity.WARNING,
    Code.UNATTRIBUTED_CLAIM: Severity.INFORMATION,
    Code.VAGUE_ATTRIBUTION: Severity.WARNING,
    Code.INPUT: Severity.ERROR,
    Code.STYLE_FILE: Severity.ERROR,
    Code.UNUSED_DISABLE: Severity.HINT,
}


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding; ``uri`` None means the same document."""

    start: int
    end: int
    message: str
    uri: str | None = None
    # Line/character in UTF-16 for other documents, filled by whoever knows their text.
    range16: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class Finding:
    code: str
    start: int
    end: int
    message: str
    severity: Severity | None = None  # None: the code's default (or the user's setting)
    data: dict[str, Any] | None = None
    related: tuple[Related, ...] = field(default_factory=tuple)

    @property
    def effective_severity(self) -> Severity:
        return self.severity if self.severity is not None else DEFAULT_SEVERITY.get(self.code, Severity.WARNING)
