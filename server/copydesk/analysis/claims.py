"""Does a sentence assert something a fact-checker would want sourced?

A claim is a sentence with something checkable or evaluative in it: a figure, a
comparison, an evaluative word, a modal judgement, a causal link, or the writer reading
someone's intentions. Plain narration ("He was speaking at a meeting of ...") is not.
The reasons are kept so a message (and a test) can say why a sentence was marked.
"""

from __future__ import annotations

from ..nlp import ParsedParagraph
from .attribution_records import SentenceInfo
from .lexicon import Lexicon
from .quotes import Quote

NUMBER_ENTS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
MODALS = {"should", "must", "ought", "shall"}
# "more" and "most" as quantity words are counted as figures only with a number nearby.
WEAK_COMPARATIVES = {"more", "most", "less", "least", "earlier", "later", "further", "other", "last", "next", "first"}
# Words that look evaluative but mostly tag things in ordinary narration.
NEUTRAL_IN_NAMES = {"great", "major", "general", "chief", "key", "central", "primary", "true"}


def sentence_info(pp: ParsedParagraph, s: int, e: int, quotes: list[Quote], lex: Lexicon) -> SentenceInfo:
    toks = pp.tokens[s:e]
    text = pp.text
    start, end = toks[0].idx, toks[-1].end
    chunk = text[start:end]
    stripped = chunk.rstrip(" \"”’')]")
    question = stripped.endswith("?")
    boiler = any(rx.search(chunk) for rx in lex.boilerplate)
    root = next((t for t in toks if t.dep == "ROOT"), toks[0])
    reasons: list[str] = []
    figures = [t for t in toks if t.ent_type in NUMBER_ENTS and t.pos == "NUM" and _statistic(t)]
    if figures:
        reasons.append("figure")
    comparatives = [
        t for t in toks
        if t.tag in ("JJR", "JJS", "RBR", "RBS") and t.lemma.lower() not in WEAK_COMPARATIVES
        and t.ent_type == "" and not t.text[:1].isupper()
    ]
    if comparatives:
        reasons.append("comparison")
    evaluative = [
        t for t in toks
        if t.tag not in ("JJR", "JJS", "RBR", "RBS")  # "best", "biggest" already count as comparisons
        and (
            (t.pos == "ADJ" and t.lemma.lower() in lex.evaluative_adjectives and t.ent_type == ""
             and t.lemma.lower() not in NEUTRAL_IN_NAMES and not t.text[:1].isupper())
            or (t.pos == "ADV" and t.lemma.lower() in lex.evaluative_adverbs)
        )
    ]
    if evaluative:
        reasons.append("evaluation")
    if any(t.tag == "MD" and t.lemma.lower() in MODALS for t in toks):
        reasons.append("judgement")
    if lex.causal_markers.search(chunk):
        reasons.append("cause")
    if any(
        t.pos == "NOUN" and (
            (t.lemma.lower() in lex.interpretive_nouns and t.dep in ("nsubj", "nsubjpass", "dobj", "attr", "pobj"))
            or (t.lemma.lower() in lex.characterising_nouns and (t.dep == "attr" or (t.dep == "nsubj" and root.lemma.lower() == "be")))
        )
        for t in toks
    ):
        reasons.append("interpretation")
    scene = root.lemma.lower() in lex.scene_verbs and not (set(reasons) & {"evaluation", "comparison", "judgement"})
    return SentenceInfo(start, end, question, boiler, scene, tuple(reasons))


def _statistic(t) -> bool:
    """A figure worth a source: money, a share, a quantity, or a large or exact number.

    "three changes", "11 goals", "one thing": counts a reader can see for themselves in
    plain narration are not statistics.
    """
    if t.ent_type in ("PERCENT", "MONEY", "QUANTITY"):
        return True
    digits = sum(ch.isdigit() for ch in t.text)
    return digits >= 4 or ("." in t.text and digits >= 2) or t.text.lower() in ("million", "billion", "trillion", "thousand", "thousands", "millions", "billions")


def is_claim(info: SentenceInfo) -> bool:
    """Two kinds of evidence make a claim; narration and furniture never do."""
    if info.question or info.boilerplate or info.scene:
        return False
    return len(info.claim) >= 2
