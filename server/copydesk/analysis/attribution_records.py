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
    claim: tuple[str, ...]  # the kinds of evidence that it states something checkable
    evidence: tuple = ()  # claims.Evidence: each kind with the words that carry it
    # (offset, lemma, under a modal) of the root and the verbs coordinated with it
    predicates: tuple[tuple[int, str, bool], ...] = ()
    verbless: bool = False  # a label, a list or a data line ("Att: 47,111")
    beyond_event: tuple[str, ...] = ()  # words past a watched event: records, injuries, fees
    lemmas: tuple[tuple[int, str], ...] = ()  # (offset, lemma) of verbs and nouns, to name a cue's word
    followers: tuple[tuple[int, int], ...] = ()  # (predicate, verb after it that depends on it) offsets
    recap: bool = False  # a dated simple past: background the article recalls, not its news
    subject: str = "other"  # named (person, organisation, role) | pronoun | none (elided) | agentless | other
    finite: tuple[int, ...] = ()  # offsets of finite verbs and modals


@dataclass(frozen=True)
class VagueSource:
    start: int
    end: int
    text: str
    sentence: int
    phrase: bool = False  # found by a vague phrase ("is thought"), not as a report's source


@dataclass(frozen=True)
class ParagraphAttributions:
    quotes: tuple[Quote, ...]
    sentences: tuple[SentenceInfo, ...]
    attributions: tuple[RawAttribution, ...]
    vague: tuple[VagueSource, ...]
    quote_only: bool
    boilerplate: bool
    eyewitness_marks: tuple[int, int] = (0, 0)  # match data lines and minute marks ("Att: ...", "on 75 minutes")
