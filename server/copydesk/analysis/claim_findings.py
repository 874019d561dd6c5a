"""Unsourced claims: which sentences of a paragraph assert something nobody is cited for.

A sentence is attributed only when what it asserts itself -- its root verb and the verbs
coordinated with it -- is a report with an identifiable source ("X said", "according to X")
or lies inside such a report's content. A report in a subordinate clause does not cover the
main clause: "The dollar hit a three-month high after the Fed chairman said ..." is a claim.
Everything else that is a statement gets a strength from its evidence (claims.py), and the
`claims` level decides which strengths are shown:

    strict    strong evidence: a figure, rank or record, cause, prediction, modal judgement
    balanced  strong and weak evidence (comparison, change, evaluation, count, date ...)
    all       every unsourced statement, plain narration and data lines included

Headlines, questions, boilerplate, scene-setting and quotations (which have their own code)
are never marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Code, Finding, Severity
from .attribution_records import ParagraphAttributions, SentenceInfo
from .claims import strength
from .lexicon import Lexicon
from .quote_context import spans_sentence

LEVELS = ("strict", "balanced", "all")
SHOWN = {"strict": {"strong"}, "balanced": {"strong", "weak"}, "all": {"strong", "weak", "faint"}}
SEVERITY = {"strong": Severity.INFORMATION, "weak": Severity.HINT, "faint": Severity.HINT}
REPORTING_SOURCES = {"name", "pronoun", "role", "document", "vague"}
SAYING = {"speech", "according-to", "noun", "colon"}
TAIL_CHARS = 30  # "..., it said." or ", the company added." split off by the parser
KIND_NAMES = {
    "figure": "figure", "ranking": "ranking or record", "cause": "causal claim", "prediction": "prediction",
    "judgement": "judgement", "comparison": "comparison", "change": "change", "evaluation": "evaluation",
    "characterisation": "characterisation", "future": "plan or forecast", "count": "count", "date": "dated fact", "current": "statement of fact",
}
# An account of an event the writer watched: a match report's data lines and minute marks.
_DATA_LINE = re.compile(
    r"(?<![\w-])(?:Subs(?: [Nn]ot [Uu]sed)?|Booked|Sent off|Goals?|Scorers?|Att(?:endance)?|Ref(?:eree)?|Tries|Cons|Pens"
    r"|Drop goals?|Replacements|Sin bin|Man of the match)\s*:")
_MINUTE = re.compile(r"\b(?:\d{1,3}(?:st|nd|rd|th)?[- ]minute|(?:on|after|within) \d{1,3} minutes)\b", re.I)


@dataclass(frozen=True)
class Report:
    """A reporting attribution in paragraph offsets: its cue and what it covers."""

    cue: tuple[int, int] | None
    content: tuple[int, int]
    sentence: int | None = None  # where its cue is; None for a quotation carried over
    quoted: bool = True  # its content is a quotation, which may run over several sentences
    vague: bool = False  # a vague phrase ("is seen as"): the verb is the report whatever it is


def eyewitness_marks(paragraph: str) -> tuple[int, int]:
    return len(_DATA_LINE.findall(paragraph)), len(_MINUTE.findall(paragraph))


def eyewitness_account(records: list[ParagraphAttributions]) -> bool:
    """A match report (or the like): data lines or minute-by-minute narration in the text itself."""
    return sum(r.eyewitness_marks[0] for r in records) >= 2 or sum(r.eyewitness_marks[1] for r in records) >= 2


def is_report(source_type: str, cue_class: str, cue_lemma: str, lex: Lexicon) -> bool:
    """A report that sources a claim: someone identifiable (or vague) saying, finding or believing.

    Any subject of a verb of saying identifies a source ("the insurer said"); other cues need a
    source that names or points to someone.
    """
    if cue_class == "intention" or cue_lemma in lex.action_cues:
        return False
    return source_type in REPORTING_SOURCES or (source_type == "other" and cue_class in SAYING)


def cue_lemma(rec: ParagraphAttributions, sentence: int, cue: tuple[int, int] | None) -> str:
    if cue is None or not 0 <= sentence < len(rec.sentences):
        return ""
    return next((lemma for at, lemma in rec.sentences[sentence].lemmas if cue[0] <= at < cue[1]), "")


def attributed_sentences(rec: ParagraphAttributions, reports: list[Report], lex: Lexicon, paragraph: str) -> set[int]:
    """Sentences whose main predicates are all reports, vague sources, or inside what a report covers."""
    out: set[int] = set()
    quoted_parts = [(r, [Report(None, q, None) for q in _quoted_parts(rec, r)]) for r in reports if r.quoted]
    for si, sent in enumerate(rec.sentences):
        preds = sent.predicates or ((sent.start, "", False),)
        # a paraphrase covers only its own sentence; a quotation may run on past its cue's
        if _followed_by_tail_cue(rec, si, lex, paragraph) or _agentless_speech(sent, lex):
            out.add(si)
            continue
        near = [r for r in reports if r.sentence == si or _tail(rec, si, r)]
        near += [Report((v.start, v.end), (v.start, v.end), si, False, True) for v in rec.vague if v.sentence == si]
        # a quotation that runs on from another sentence covers only what is inside its marks
        near += [part for r, parts in quoted_parts if r.sentence != si for part in parts]
        # a report whose cue is itself a main verb covers its own clause, not a coordinated one
        own_clause = [r for r in near if r.cue is not None and any(r.cue[0] <= at < r.cue[1] for at, *_ in preds)]
        spoken = _spoken_by_subject(sent, lex)
        if all(at == spoken or _reported(at, lemma, hedged, near, own_clause, lex) or _frames_report(at, sent, near)
               for at, lemma, hedged in preds):
            out.add(si)
    return out


def _quoted_parts(rec: ParagraphAttributions, r: Report) -> list[tuple[int, int]]:
    lo, hi = r.content
    return [(max(lo, q.start), min(hi, q.end)) for q in rec.quotes if q.start < hi and lo < q.end]


def _tail(rec: ParagraphAttributions, si: int, r: Report) -> bool:
    """'..., it said.' split off by the parser as a sentence of its own: it reports the one before."""
    if r.sentence != si + 1 or si + 1 >= len(rec.sentences):
        return False
    tail = rec.sentences[si + 1]
    return tail.end - tail.start <= TAIL_CHARS and r.cue is not None and tail.start <= r.cue[0]


def _agentless_speech(sent: SentenceInfo, lex: Lexicon) -> bool:
    """'Ms Ray was told ...': a report by nobody named (a passive of judging, 'was accused of',
    stays a claim: what it judges is the article's to source)."""
    return sent.subject == "agentless" and bool(sent.predicates) and _speech_verb(sent.predicates[0][1], lex)


def _followed_by_tail_cue(rec: ParagraphAttributions, si: int, lex: Lexicon, paragraph: str) -> bool:
    """'..., it said.' that the parser split off with nothing the attribution pass could read."""
    if si + 1 >= len(rec.sentences):
        return False
    tail = rec.sentences[si + 1]
    opening = paragraph[tail.start:tail.start + 1]
    if tail.end - tail.start > TAIL_CHARS or not tail.predicates or not (opening == "," or opening.islower()):
        return False
    return _speech_verb(tail.predicates[0][1], lex)


def _speech_verb(lemma: str, lex: Lexicon) -> bool:
    cue = lex.verbs.get(lemma)
    return cue is not None and "speech" in cue.classes


def _spoken_by_subject(sent: SentenceInfo, lex: Lexicon) -> int:
    """'The festival praises his "sensational start"', 'Mr Ebbers rejected allegations ...': a verb
    of saying or judging whose subject names someone is that someone's report, even where the
    attribution pass found no reported clause. The offset of that verb, or -1."""
    if sent.subject not in ("named", "pronoun") or not sent.predicates:
        return -1
    at, lemma, hedged = sent.predicates[0]
    cue = lex.verbs.get(lemma)
    if hedged or cue is None or lemma in lex.action_cues or not cue.classes & {"speech", "stance", "evidence"}:
        return -1
    return at


def _reported(
    at: int, lemma: str, hedged: bool, reports: list[Report], own_clause: list[Report], lex: Lexicon
) -> bool:
    """Is the main verb at `at` a report's cue, or inside what a report covers?

    A cue under a modal ("Councils should publish ...") reports nothing that was said.
    """
    for r in reports:
        if r.cue is not None and r.cue[0] <= at < r.cue[1]:
            if r.vague or (lemma not in lex.action_cues and not hedged):
                return True
        elif r.content[0] <= at < r.content[1] and r not in own_clause:
            return True
    return False


def _frames_report(at: int, sent: SentenceInfo, reports: list[Report]) -> bool:
    """'Akamai declined to comment, saying ...': the act frames the report that follows it."""
    return any(p == at and any(r.cue is not None and r.cue[0] <= v < r.cue[1] for r in reports) for p, v in sent.followers)


def ascribed_quote(sent: SentenceInfo, quote, paragraph: str, lex: Lexicon) -> bool:
    """Quoted words that the sentence itself gives to someone.

    'Ms Lee "utterly rejected" the report', 'The festival praised his "sensational start"': a
    fragment after a named subject is that subject's; 'But told reporters: "..."' goes on with
    the subject of the sentence before.
    """
    if re.search(r"[.!?]\s", paragraph[sent.start:quote.start]):
        return False  # the parser ran two sentences together: the subject is another sentence's
    if sent.subject == "none" and quote.start > sent.start:
        return True  # an elided subject continues the sentence before
    if _agentless_speech(sent, lex) and quote.start > sent.start:
        return True  # 'was described as "..."', 'is alleged to have said': a vague source's words, not nobody's
    return sent.subject in ("named", "pronoun") and quote.start > sent.start + 1 and not spans_sentence(quote, sent)


def mostly_quoted(sent: SentenceInfo, quotes, paragraph: str) -> bool:
    """A sentence that is a quotation (or opens one) belongs to the quotation's own code."""
    body = paragraph[sent.start:sent.end].lstrip(" -–—")
    if body[:1] in "\"“‘'":
        return True
    inside = sum(max(0, min(q.end, sent.end) - max(q.start, sent.start)) for q in quotes)
    return inside * 2 > sent.end - sent.start


def claim_finding(sent: SentenceInfo, base: int, text: str, eyewitness: bool, fix: dict) -> Finding:
    level = strength(sent)
    if sent.verbless or (eyewitness and not sent.beyond_event and not _money(sent)):
        level = "faint"  # a data line, or the play the reporter watched
    elif sent.recap and level == "weak":
        level = "faint"  # "The festival was founded in 1981": dated background with nothing else to check
    elif level == "faint" and sent.subject == "named" and not sent.recap:
        level = "weak"  # "Delta Airlines suspended her without pay": a news fact about someone named
    words = {ev.kind: list(ev.words) for ev in sent.evidence}
    return Finding(
        Code.UNATTRIBUTED_CLAIM, base + sent.start, base + sent.end, _message(sent, level),
        severity=SEVERITY[level],
        data=fix | {"reasons": list(sent.claim), "strength": level, "evidence": words},
    )


def _money(sent: SentenceInfo) -> bool:
    """Money or a share: beyond what a match reporter saw (a distance, 'from six yards', is not)."""
    return any(ch in w for ev in sent.evidence if ev.kind == "figure" for w in ev.words for ch in "£$€%")


def _message(sent: SentenceInfo, level: str) -> str:
    if level == "faint" or not sent.evidence:
        return "Statement with no source: say who reports it, unless it is common knowledge"
    parts = []
    for ev in sent.evidence[:2]:
        shown = ", ".join(w for w in ev.words[:3])
        parts.append(f"{KIND_NAMES[ev.kind]} ({shown})")
    return f"Unsourced {' and '.join(parts)}: say who reports it"


def shown_at(level: str, finding: Finding) -> bool:
    """Is this unattributed-claim finding shown at the `claims` level?"""
    if finding.code != Code.UNATTRIBUTED_CLAIM or not finding.data:
        return True
    return finding.data.get("strength", "strong") in SHOWN.get(level, SHOWN["balanced"])
