"""Per-paragraph attribution records (paragraph-relative offsets), cached by paragraph text."""

from __future__ import annotations

from dataclasses import dataclass

from .quotes import Quote

Range = tuple[int, int]


@dataclass(frozen=True)
class RawAttribution:
    content: Range
    kind: str  # direct | indirect | mixed | according-to
    source: Range | None
    cue: Range | None
    cue_class: str  # speech | belief | intention | directive | stance | evidence | according-to | noun | colon
    source_type: str  # name | pronoun | role | document | vague | other | none
    source_head: str  # lower-case head word of the source ("he", "minister", "shoigu")
    source_label: str  # entity label of the source head, "" if none
    sentence: int  # index into ParagraphAttributions.sentences
    nested: bool = False  # the cue sits inside a quotation: a quoted speaker quoting someone
    vague: bool = False
    open_colon: bool = False  # "X responded:" ending the paragraph; content is the next paragraph
    source_words: tuple[str, ...] = ()  # lower-case words of the source, for role matching


@dataclass(frozen=True)
class SentenceInfo:
    start: int
    end: int
    question: bool
    boilerplate: bool
    scene: bool
    claim: tuple[str, ...]  # why the sentence reads as a checkable or evaluative claim


@dataclass(frozen=True)
class VagueSource:
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True)
class ParagraphAttributions:
    quotes: tuple[Quote, ...]
    sentences: tuple[SentenceInfo, ...]
    attributions: tuple[RawAttribution, ...]
    vague: tuple[VagueSource, ...]
    quote_only: bool
    boilerplate: bool
