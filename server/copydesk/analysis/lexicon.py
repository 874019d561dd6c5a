"""Word lists for the attribution pass, loaded once from ``copydesk/data/attribution``.

The lists are plain text so an editor can extend them without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data" / "attribution"


def _lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass(frozen=True)
class Cue:
    classes: frozenset[str]  # speech | belief | intention | directive | stance | evidence
    preps: frozenset[str]  # prepositions that introduce the content ("warn of")


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    adjectives: dict[str, Cue]  # "is concerned about", with a copula and a person as subject
    source_nouns: frozenset[str]
    vague_nouns: frozenset[str]
    vague_quantifiers: frozenset[str]
    vague_qualifiers: frozenset[str]  # "Government lawyers": a modifier that says whose people they are
    vague_phrases: tuple[re.Pattern[str], ...]
    boilerplate: tuple[re.Pattern[str], ...]
    evaluative_adjectives: frozenset[str]
    evaluative_adverbs: frozenset[str]
    interpretive_nouns: frozenset[str]
    characterising_nouns: frozenset[str]  # interpretive only as a predicate ("was an attempt")
    causal_markers: re.Pattern[str]
    scene_verbs: frozenset[str]
    ranking_words: re.Pattern[str]
    change_verbs: frozenset[str]
    prediction: re.Pattern[str]
    beyond_event: re.Pattern[str]
    action_cues: frozenset[str]


def _cues(name: str) -> dict[str, Cue]:
    classes: dict[str, set[str]] = {}
    preps: dict[str, set[str]] = {}
    for line in _lines(name):
        parts = line.split()
        lemma, cls = parts[0].lower(), parts[1]
        classes.setdefault(lemma, set()).add(cls)
        found = preps.setdefault(lemma, set())
        if len(parts) > 2:
            found.update(p for p in parts[2].split(",") if p)
    return {k: Cue(frozenset(v), frozenset(preps[k])) for k, v in classes.items()}


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in _lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out[current] = []
        else:
            out.setdefault(current, []).append(line)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    vague = [ln.split(None, 1) for ln in _lines("vague.txt")]
    claims = _sections("claims.txt")
    causal = sorted(claims["causal_markers"], key=len, reverse=True)
    return Lexicon(
        verbs=_cues("cue_verbs.txt"),
        nouns=_cues("cue_nouns.txt"),
        adjectives=_cues("cue_adjectives.txt"),
        source_nouns=frozenset(w.lower() for w in _lines("source_nouns.txt")),
        vague_nouns=frozenset(v for k, v in vague if k == "noun"),
        vague_quantifiers=frozenset(v for k, v in vague if k == "quantifier"),
        vague_qualifiers=frozenset(v for k, v in vague if k == "qualifier"),
        vague_phrases=tuple(re.compile(v, re.I) for k, v in vague if k == "phrase"),
        boilerplate=tuple(re.compile(p, re.I) for p in _lines("boilerplate.txt")),
        evaluative_adjectives=frozenset(claims["evaluative_adjectives"]),
        evaluative_adverbs=frozenset(claims["evaluative_adverbs"]),
        interpretive_nouns=frozenset(claims["interpretive_nouns"]),
        characterising_nouns=frozenset(claims.get("characterising_nouns", [])),
        causal_markers=re.compile(r"\b(?:" + "|".join(re.escape(c) for c in causal) + r")\b", re.I),
        scene_verbs=frozenset(claims["scene_verbs"]),
        ranking_words=_word_alternation(claims["ranking_words"]),
        change_verbs=frozenset(claims["change_verbs"]),
        prediction=re.compile("|".join(f"(?:{p})" for p in claims["prediction_phrases"]), re.I),
        beyond_event=_word_alternation(claims["beyond_event"]),
        action_cues=frozenset(claims["action_cues"]),
    )


def _word_alternation(phrases: list[str]) -> re.Pattern[str]:
    """Whole words or phrases, longest first, case-insensitive."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w-])", re.I)


# not "Said": a first name ("Said Hamid") as often as a verb
_IRREGULAR_PAST = {"told": "tell", "wrote": "write", "spoke": "speak"}


def inverted_speech_verb(word: str) -> bool:
    """'Stated', 'Continued', 'Added', 'Said': a speech verb opening a label, the speaker after it."""
    if not word[:1].isupper() or not word[1:].islower():
        return False
    w = word.lower()
    verbs = lexicon().verbs
    forms = [_IRREGULAR_PAST.get(w, "")]
    if w.endswith("ed"):
        forms += [w[:-1], w[:-2], w[:-3] + "y", w[:-3]]  # stated, added, replied, quipped
    return any(f in verbs and "speech" in verbs[f].classes for f in forms if f)
