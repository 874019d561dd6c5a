"""Does a sentence assert something a fact-checker would want sourced, and how strongly?

Every sentence gets the evidence that it states something checkable, each piece with the
words that carry it: a figure, a rank or record, a cause, a prediction, a modal judgement
(strong evidence), or a comparison, a change, an evaluation, a characterisation, a count
or a date (weak evidence). Whether the sentence is attributed is decided elsewhere
(claim_findings.py); this module only reads the sentence. The reasons are kept so the
message can name them ("Unsourced figure (12%, £3.2bn)") and a test can say why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp import ParsedParagraph, Token
from .attribution_records import SentenceInfo
from .lexicon import Lexicon
from .quotes import Quote

STRONG = ("figure", "ranking", "cause", "prediction", "judgement")
WEAK = ("comparison", "change", "future", "evaluation", "characterisation", "count", "date", "current")

STATISTIC_ENTS = {"PERCENT", "MONEY", "QUANTITY"}
MODALS = {"should", "must", "ought"}
FUTURE = {"will", "shall", "'ll", "wo"}
# "more" and "most" as quantity words are counted as figures only with a number nearby.
WEAK_COMPARATIVES = {"more", "most", "less", "least", "earlier", "later", "further", "other", "last", "next", "first"}
# Words that look evaluative but mostly tag things in ordinary narration.
NEUTRAL_IN_NAMES = {"great", "major", "general", "chief", "key", "central", "primary", "true"}
QUANTIFIERS = {"many", "most", "few", "several", "numerous", "countless", "majority", "minority", "dozens", "hundreds"}
# An ordinal in narration ("the first half", "the second round") orders events; elsewhere it ranks.
NARRATIVE_AFTER_ORDINAL = {"half", "minute", "minutes", "period", "quarter", "leg", "round", "innings", "set", "game",
                           "day", "week", "month", "year", "stage", "phase", "part", "step", "paragraph", "page"}
PRESENT_AUXES = {"has", "have", "is", "are", "'s", "'re", "’s", "’re"}
SCALE_WORDS = {"million", "billion", "trillion", "thousand", "thousands", "millions", "billions", "bn", "m"}
_CURRENCY = re.compile(r"[£$€¥]\s?\d|\d\s?%|\d(?:bn|m)\b")
# "Goals: Rooney 68", "Att: 47,111", "Subs Not Used: ...": a data line's label, not a sentence.
_DATA_LABEL = re.compile(r"^\s*(?:[A-Z][\w'’.-]*\s?){1,4}:\s")


@dataclass(frozen=True)
class Evidence:
    kind: str
    words: tuple[str, ...]  # the words that carry it, as written


def sentence_info(pp: ParsedParagraph, s: int, e: int, quotes: list[Quote], lex: Lexicon) -> SentenceInfo:
    toks = pp.tokens[s:e]
    text = pp.text
    start, end = toks[0].idx, toks[-1].end
    chunk = text[start:end]
    stripped = chunk.rstrip(" \"”’')]")
    question = stripped.endswith("?")
    boiler = any(rx.search(chunk) for rx in lex.boilerplate)
    root = next((t for t in toks if t.dep == "ROOT"), toks[0])
    main = _main_predicates(pp, toks, root)
    modal = {t.head for t in toks if t.tag == "MD"}
    # "Councils should publish ...": a speech verb under a modal reports nothing said
    predicates = tuple((t.idx, t.lemma.lower(), t.i in modal) for t in main)
    auxes = [t for t in toks if t.head == root.i and t.dep in ("aux", "auxpass")]
    evidence = tuple(ev for ev in _evidence(pp, toks, root, auxes, chunk, lex, predicates) if ev.words)
    kinds = tuple(ev.kind for ev in evidence)
    scene = root.lemma.lower() in lex.scene_verbs and not set(kinds) - {"date", "current"}
    verbless = not any(t.pos in ("VERB", "AUX") for t in toks) or bool(_DATA_LABEL.match(chunk))
    beyond = tuple(m.group(0) for m in lex.beyond_event.finditer(chunk))
    verbs = tuple((t.idx, t.lemma.lower()) for t in toks if t.pos in ("VERB", "AUX", "NOUN"))
    finite = tuple(t.idx for t in toks if t.tag in ("VBD", "VBZ", "VBP", "MD"))
    recap = "date" in kinds and _past(root, auxes)
    subject = _subject(pp, toks, root, lex)
    return SentenceInfo(start, end, question, boiler, scene, kinds, evidence, predicates, verbless, beyond, verbs,
                        _followers(toks, main), recap, subject, finite)


def _main_predicates(pp: ParsedParagraph, toks: tuple[Token, ...], root: Token) -> list[Token]:
    """The root and the clauses coordinated with it that have a subject of their own.

    "Duff hurt a knee and his manager said ...": two assertions, one of them unsourced;
    "The regulator voiced concern and issued guidelines": one subject, one assertion.
    """
    subjects = {t.head for t in toks if t.dep in ("nsubj", "nsubjpass", "expl")}
    out = [root]
    for t in toks:
        if t.dep == "conj" and t.pos in ("VERB", "AUX") and t.i in subjects and _head_chain_is(pp, t, root.i):
            out.append(t)
    return out


def _followers(toks: tuple[Token, ...], preds: list[Token]) -> tuple[tuple[int, int], ...]:
    """(predicate, verb) pairs where a verb hangs after the predicate: '..., saying ...', '..., accusing ...'."""
    at = {p.i: p.idx for p in preds}
    return tuple(
        (at[t.head], t.idx) for t in toks
        if t.head in at and t.i > t.head and t.dep in ("advcl", "xcomp", "conj") and t.pos == "VERB" and t.tag == "VBG"
    )


def _head_chain_is(pp: ParsedParagraph, t: Token, root_i: int) -> bool:
    while t.dep == "conj" and t.head != t.i:
        t = pp.tokens[t.head]
    return t.i == root_i


def _evidence(
    pp: ParsedParagraph, toks: tuple[Token, ...], root: Token, auxes: list[Token], chunk: str, lex: Lexicon,
    predicates: tuple[tuple[int, str, bool], ...],
) -> list[Evidence]:
    lo, hi = toks[0].i, toks[-1].i + 1
    ents = [en for en in pp.ents if lo <= en.start and en.end <= hi]
    figures = [_with_currency(pp.text, en) for en in ents if en.label in STATISTIC_ENTS]
    figures += [en.text for en in ents if en.label == "CARDINAL" and _large(en.text)]
    if not figures:
        figures = [m.group(0) for m in _CURRENCY.finditer(chunk)]
    counts = [en.text for en in ents if en.label == "CARDINAL" and en.text not in figures and en.text.lower() != "one"]
    counts += [t.text for t in toks if t.text.lower() in QUANTIFIERS and t.dep in ("amod", "det", "nsubj", "dobj")]
    dates = [en.text for en in ents if en.label == "DATE" and en.text.lower() not in ("today", "yesterday", "tomorrow")]
    ranking = [en.text for en in ents if en.label == "ORDINAL" and _ranked(pp, en.end, hi)]
    ranking += [m.group(0) for m in lex.ranking_words.finditer(chunk)]
    ranking += [t.text for t in toks if t.tag in ("JJS", "RBS") and t.lemma.lower() not in WEAK_COMPARATIVES and t.ent_type == ""
                and not t.text[:1].isupper()]
    comparison = [t.text for t in toks if t.tag in ("JJR", "RBR") and t.lemma.lower() not in WEAK_COMPARATIVES
                  and t.ent_type == "" and not t.text[:1].isupper()]
    change = [t.text for t in toks if t.pos in ("VERB", "NOUN") and t.lemma.lower() in lex.change_verbs and t.ent_type == ""]
    evaluation = [
        t.text for t in toks
        if t.tag not in ("JJR", "JJS", "RBR", "RBS")
        and ((t.pos == "ADJ" and t.lemma.lower() in lex.evaluative_adjectives and t.ent_type == ""
              and t.lemma.lower() not in NEUTRAL_IN_NAMES and not t.text[:1].isupper())
             or (t.pos == "ADV" and t.lemma.lower() in lex.evaluative_adverbs))
    ]
    main = {at for at, *_ in predicates}
    modals = [t for t in toks if t.tag == "MD" and pp.tokens[t.head].idx in main]  # "which he will miss": not the sentence's
    judgement = [t.text for t in modals if t.lemma.lower() in MODALS]
    future = [t.text for t in modals if t.lemma.lower() in FUTURE]
    cause = [m.group(0) for m in lex.causal_markers.finditer(chunk) if not _scheduled(chunk, m)]
    prediction = [m.group(0).strip() for m in lex.prediction.finditer(chunk)]
    current = _current_state(root, auxes)
    characterisation = [
        t.text for t in toks
        if t.pos == "NOUN" and (
            (t.lemma.lower() in lex.interpretive_nouns and t.dep in ("nsubj", "nsubjpass", "dobj", "attr", "pobj"))
            or (t.lemma.lower() in lex.characterising_nouns
                and (t.dep == "attr" or (t.dep == "nsubj" and root.lemma.lower() == "be"))))
    ]
    found = {
        "figure": figures, "ranking": ranking, "cause": cause, "prediction": prediction, "judgement": judgement,
        "comparison": comparison, "change": change, "future": future, "evaluation": evaluation,
        "characterisation": characterisation, "count": counts, "date": dates, "current": current,
    }
    return [Evidence(kind, tuple(dict.fromkeys(found[kind]))) for kind in (*STRONG, *WEAK)]


def _with_currency(text: str, en) -> str:
    """'£3.2bn' as written: the tagger leaves the currency sign outside the MONEY entity."""
    before = text[en.start_char - 1:en.start_char] if en.start_char > 0 else ""
    return before + en.text if before in "£$€¥" and before else en.text


def _large(text: str) -> bool:
    """Money aside, a number worth a source is large, exact or scaled ("47,111", "2.5", "3 million").

    A year ("in 2003") is a date, not a figure.
    """
    if re.fullmatch(r"(?:1[89]|20)\d\d", text.strip()):
        return False
    digits = sum(ch.isdigit() for ch in text)
    words = text.lower().split()
    return digits >= 4 or ("." in text and digits >= 2) or any(w in SCALE_WORDS for w in words)


def _ranked(pp: ParsedParagraph, after: int, hi: int) -> bool:
    """'third position', 'his first silverware', 'first-ever': an ordinal that ranks, not 'the first half'."""
    nxt = pp.tokens[after].text.lower() if after < hi else ""
    return bool(nxt) and nxt not in NARRATIVE_AFTER_ORDINAL and pp.tokens[after].pos in ("NOUN", "ADJ", "PUNCT", "ADV")


def _subject(pp: ParsedParagraph, toks: tuple[Token, ...], root: Token, lex: Lexicon) -> str:
    """Who speaks for the sentence: 'named' (a person, organisation or role, or a passive's agent),
    'pronoun' (he, she, they),
    'none' (elided, as in 'But told reporters: ...', which continues the sentence before),
    'agentless' (a passive report with nobody named), or 'other'."""
    subjects = [t for t in toks if t.head == root.i and t.dep in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return "none" if root.tag in ("VBD", "VBZ", "VBP") else "other"
    passive = any(t.head == root.i and t.dep == "auxpass" for t in toks)
    # the parser often hangs the agent's "by" on a word after the verb ('described as "outrageous" by X')
    agents = [t for c in toks if (c.dep == "agent" or (passive and c.text.lower() == "by" and c.i > root.i))
              for t in toks if t.head == c.i and t.dep == "pobj"]
    active = [t for t in subjects if t.dep != "nsubjpass"]  # 'The deal was hailed as ...': the deal says nothing
    for head in (*agents, *active[:1]):  # 'was described as "..." by the Commission': the agent speaks
        if head.pos == "PRON":
            if head.text.lower() in ("he", "she", "they", "we", "i"):
                return "pronoun"
            continue  # "nobody", "it": no one to give the words to
        if head.ent_type in ("PERSON", "ORG", "NORP", "GPE") or head.pos == "PROPN" or head.lemma.lower() in lex.source_nouns:
            return "named"
    cue = lex.verbs.get(root.lemma.lower())
    particle = any(t.head == root.i and t.dep == "prt" for t in toks)  # 'was ruled out', not 'was told'
    if passive and not agents and cue is not None and cue.classes & {"speech", "stance"} and not particle:
        return "agentless"  # 'Ms Ray was told her post was "inappropriate"': told by nobody named
    return "other"


def _past(root: Token, auxes: list[Token]) -> bool:
    """'quit last week', 'had been released': a simple past or pluperfect main verb."""
    words = [a.text.lower() for a in auxes]
    return (root.tag == "VBD" and not words) or "had" in words or (root.tag == "VBN" and words[:1] in (["was"], ["were"]))


def _current_state(root: Token, auxes: list[Token]) -> list[str]:
    """'have introduced', 'is improving', 'has been made': the news as it stands now, not a recap.

    A present-perfect or present main verb reports the state of things the article is about;
    a simple past or pluperfect ('quit last week', 'had been released') is mostly background.
    """
    if root.pos not in ("VERB", "AUX") or root.lemma.lower() in ("be", "have"):
        return []
    words = [a.text for a in auxes] + [root.text]
    if any(a.text.lower() in PRESENT_AUXES for a in auxes):
        return [" ".join(words)]
    if not auxes and root.tag in ("VBZ", "VBP"):
        return [root.text]
    return []


def _scheduled(chunk: str, m: re.Match[str]) -> bool:
    """'due to be incorporated' is a schedule (a prediction), not a cause."""
    return m.group(0).lower() == "due to" and chunk[m.end():m.end() + 4].lower() in (" be ", " be,", " hav", " sta", " ope")


def strength(info: SentenceInfo) -> str:
    """strong (a figure, rank, cause, prediction, judgement, or two kinds of weak evidence), weak, or faint (none)."""
    kinds = set(info.claim)
    if kinds & set(STRONG) or len(kinds - {"date", "count"}) >= 2:
        return "strong"  # two independent kinds of weak evidence ("is improving", "sharply") make a strong one
    return "weak" if kinds else "faint"
