"""Plain records produced by the analysis passes (no spaCy, no LSP types)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int  # code-point offset into the document
    end: int
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str  # the label spaCy gave this mention
    paragraph: int
    role: str | None = None  # "Russian Defence Minister" for "Russian Defence Minister Sergei Shoigu"


@dataclass
class EntityCluster:
    id: str
    canonical: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, EVENT, PRODUCT, WORK_OF_ART, LAW, NORP
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    acronym: str | None = None
    expansion: str | None = None
    place: dict[str, Any] | None = None  # gazetteer facts: name, country, population, kind

    @property
    def variants(self) -> list[str]:
        """Other spellings seen for this entity, in order of first use."""
        seen: list[str] = []
        for m in self.mentions:
            if m.text != self.canonical and m.text not in seen:
                seen.append(m.text)
        return seen


@dataclass(frozen=True)
class Attribution:
    content: Span
    kind: str  # direct | indirect | mixed | according-to | carry-over
    source: Span | None = None
    cue: Span | None = None
    speaker_id: str | None = None  # entity cluster id the source resolves to
    speaker: str | None = None  # that cluster's canonical name (or the source text)
    vague: bool = False  # the source names nobody ("critics say")

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source.as_json() if self.source else None,
            "cue": self.cue.as_json() if self.cue else None,
            "content": self.content.as_json(),
            "kind": self.kind,
        }


@dataclass
class VariantGroup:
    id: str
    canonical: str
    forms: dict[str, list[Span]]  # form -> its occurrences in this document
    kind: str  # transliteration | british-american | abbreviation | acronym | orthography | house-style
    entity_id: str | None = None
    house_style: bool = False  # canonical comes from the house style
