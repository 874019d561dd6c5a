"""Set phrases built on cue verbs that report nothing.

"Reyes reported from Lisbon" is a dateline; "the delays added to the confusion" adds; "Do you
support the tax?" asks for a view; in '"...," she said, speaking by phone from the shelter' the
participle sets the scene of the report that 'said' already gives. Each would otherwise read as a
report of its own, with a source and content.
"""

from __future__ import annotations

from ..nlp import Token
from .attribution_records import RawAttribution
from .attribution_tree import Tree

_ASKING_VIEW = {"support", "think", "believe", "agree", "want", "favor", "favour", "oppose", "expect", "feel", "like", "back"}
# Verbs whose participle describes how a report was given ("speaking by phone", "talking to reporters").
_SETTING_VERBS = {"speak", "talk"}


def _kids(tree: Tree, t: Token) -> list[Token]:
    return [tree.toks[c] for c in tree.kids[t.i]]


def is_dateline(tree: Tree, v: Token) -> bool:
    """'Reyes reported from Lisbon.': where the reporter was, not what was reported."""
    if v.lemma.lower() != "report" or v.dep not in ("ROOT", "acl"):  # "Reyes reported": the tagger may make the name the root
        return False
    kids = _kids(tree, v)
    if any(k.dep in ("ccomp", "xcomp", "dobj", "parataxis", "advcl", "conj") for k in kids):
        return False
    return any(k.dep == "prep" and k.text.lower() == "from" for k in kids)


def asks_for_a_view(tree: Tree, v: Token, sentence_end: int) -> bool:
    """'Do you support Donald Trump?', 'What do you think of the plan?': a question, not a view held."""
    if v.lemma.lower() not in _ASKING_VIEW:
        return False
    tail = [t.text for t in tree.toks[max(0, sentence_end - 3):sentence_end]]
    if not any("?" in t for t in tail):
        return False
    return any(k.dep == "nsubj" and k.text.lower() == "you" for k in _kids(tree, v))


def adds_a_thing(tree: Tree, v: Token) -> bool:
    """'The delays added to the confusion', 'the airline added two routes': adding, not saying."""
    if v.lemma.lower() != "add":
        return False
    kids = _kids(tree, v)
    if any(k.dep in ("ccomp", "parataxis", "xcomp") or k.text == ":" for k in kids):
        return False  # 'She added: "A new stadium ..."': the object the parser found is the quotation
    if any(k.dep == "prep" and k.text.lower() == "to" for k in kids):
        return True
    return any(k.dep == "dobj" and k.pos in ("NOUN", "PROPN", "NUM") for k in kids)


def not_a_report(tree: Tree, v: Token, sentence_end: int) -> bool:
    return is_dateline(tree, v) or asks_for_a_view(tree, v, sentence_end) or adds_a_thing(tree, v)


def drop_echoing_participles(tree: Tree, attrs: list[RawAttribution]) -> list[RawAttribution]:
    """'"...," she said, speaking by phone from the shelter': the participle adds the setting of the
    report, not a second one, so the content belongs to 'said' alone."""
    toks = tree.toks
    out = []
    for a in attrs:
        cue_toks = tree.tokens_in(a.cue) if a.cue is not None else ()
        cue_tok = cue_toks[0] if cue_toks and cue_toks[0].idx == a.cue[0] else None
        echo = cue_tok is not None and cue_tok.tag == "VBG" and cue_tok.lemma.lower() in _SETTING_VERBS and any(
            b is not a and b.content == a.content and b.cue is not None
            and b.cue[0] <= toks[cue_tok.head].idx < b.cue[1] for b in attrs
        )
        if not echo:
            out.append(a)
    return out
