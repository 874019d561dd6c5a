"""Cues spread over a verb and its object, and cues whose speaker is the object.

- Light-verb phrases: the verb says little, the noun carries the cue ("made the case that ...",
  "took aim at the plan", "has no plans to run", "raised concerns about the cost").
- Verbs of feeling whose object holds the view: "The remarks angered Republicans" --
  Republicans (source) reacted to the remarks (content); "Republicans were angered by ...".

Paragraph-relative, like attribution_extract.py, which calls these per cue candidate.
"""

from __future__ import annotations

from ..nlp import Token
from .attribution_records import Range, RawAttribution
from .attribution_tree import (
    NAME_LABELS,
    PERSONAL,
    Tree,
    hull,
    in_quote,
    kind_of,
    source_range,
    source_type,
    subject_of,
    words_of,
)
from .lexicon import Lexicon
from .quotes import Quote

# Verbs that need a cue noun as object to report anything.
LIGHT_VERBS = {
    "make", "take", "have", "give", "raise", "pay", "draw", "offer", "lay", "put", "level", "lodge",
    "file", "deliver", "launch", "issue", "mount", "register", "hurl", "air", "pose", "express", "voice",
}
# Objects that turn a light verb into a cue, beyond the cue nouns of the lexicon.
LIGHT_NOUNS = {
    "case", "point", "points", "mention", "reference", "references", "appeal", "pitch", "aim", "swipe",
    "swipes", "shot", "shots", "jab", "jabs", "dig", "digs", "issue", "position", "stand", "stance",
    "credit", "note", "notice", "offense", "offence", "exception", "tribute", "argument", "arguments",
    "defense", "defence", "case", "vision", "overture", "overtures", "pains", "shout-out", "nod",
}
# Nouns that are never the cue of a light verb: "has plans" is, "has a plan for lunch" is rarely
# an attribution, and "made a speech" reports nothing without a topic.
_HAVE_NOUNS = {"plan", "plans", "intention", "message", "doubt", "doubts", "concern", "concerns",
               "question", "questions", "problem", "complaint", "complaints", "confidence", "faith", "hope",
               "hopes", "fear", "fears", "reservations", "objection", "objections", "view", "views", "opinion"}
_CONTENT_PREPS = {"about", "on", "at", "for", "to", "with", "of", "against", "over", "into", "regarding"}
_HOLDERS = {"name", "pronoun", "role", "vague", "document"}


def _noun_content(tree: Tree, n: Token, v: Token) -> Range | None:
    toks = tree.toks
    for c in tree.kids[n.i]:  # "the case that ...", "no plans to run", "a claim about ..."
        ct = toks[c]
        if ct.dep in ("acl", "ccomp", "relcl") and c > n.i and (
            any(toks[g].dep == "mark" and toks[g].text.lower() == "that" for g in tree.kids[c])
            or any(toks[g].dep == "aux" and toks[g].text.lower() == "to" for g in tree.kids[c])
        ):
            return tree.subtree(c)
    for owner in (n, v):  # "took aim at ...": the preposition hangs on the noun or the verb
        for c in tree.kids[owner.i]:
            ct = toks[c]
            if ct.dep == "prep" and c > n.i and ct.text.lower() in _CONTENT_PREPS and tree.child(c, {"pobj", "pcomp"}) is not None:
                obj = tree.child(c, {"pobj", "pcomp"})
                if obj is not None and obj.ent_type in ("DATE", "TIME"):
                    continue
                return tree.subtree(c)
    for c in tree.kids[v.i]:
        if toks[c].dep == "ccomp" and c > n.i:
            return tree.subtree(c)
    return None


def light_verb_attribution(tree: Tree, si: int, v: Token, quotes: list[Quote], lex: Lexicon) -> RawAttribution | None:
    """'Rubio made the case that ...': source the subject, cue the verb and noun, content the clause."""
    text = tree.pp.text
    lemma = v.lemma.lower()
    if lemma not in LIGHT_VERBS or v.pos != "VERB":
        return None
    n = tree.child(v.i, {"dobj"})
    if n is None or n.pos != "NOUN":
        return None
    noun = n.lemma.lower()
    if lemma == "have":
        if noun not in _HAVE_NOUNS and n.text.lower() not in _HAVE_NOUNS:
            return None
    elif noun not in LIGHT_NOUNS and noun not in lex.nouns and n.text.lower() not in lex.nouns:
        return None
    subj = subject_of(tree, v.i)
    if subj is None or (subj.pos == "PRON" and subj.text.lower() in ("it", "which", "that", "this")):
        return None
    stype = source_type(tree, subj, lex)
    if stype not in _HOLDERS:
        return None
    content = _noun_content(tree, n, v)
    if content is None:  # 'delivered a sharp retort: "Nobody is throwing this plan away."'
        q = next((q for q in quotes if 0 <= q.start - n.end <= 3 and text[n.end:q.start].strip() == ":"), None)
        content = (q.start, q.end) if q is not None else None
    if content is None or len(text[content[0]:content[1]].split()) < 2:
        return None
    for q in quotes:
        if q.start < content[1] and content[0] < q.end:
            content = hull(content, (q.start, q.end))
    return _with_holder(tree, si, v, content, (cue_start(tree, v), n.end), subj, "stance", stype, quotes)


def cue_start(tree: Tree, v: Token, deps: tuple[str, ...] = ("aux", "auxpass", "neg")) -> int:
    """Where a verbal cue starts: its auxiliaries and negation just before it ("has not said")."""
    toks = tree.toks
    return toks[min([c for c in tree.kids[v.i] if toks[c].dep in deps and c < v.i and v.i - c <= 3] + [v.i])].idx


def _with_holder(tree: Tree, si: int, v: Token, content: Range, cue: Range, holder: Token, label: str,
                 stype: str, quotes: list[Quote], source: Range | None = None) -> RawAttribution:
    """The record for a cue whose source is ``holder`` (its subtree unless ``source`` is given)."""
    text = tree.pp.text
    source = source_range(tree, holder) if source is None else source
    return RawAttribution(content, kind_of(text, content, quotes, cue), source, cue, label, stype, holder.text.lower(),
                          holder.ent_type, si, nested=in_quote(quotes, v.idx) is not None, vague=stype == "vague",
                          source_words=words_of(text, source))


# Verbs of feeling whose experiencer is the object: "The ad angered veterans".
PSYCH_VERBS = {
    "anger", "enrage", "infuriate", "outrage", "upset", "frustrate", "annoy", "irritate", "offend",
    "alarm", "worry", "concern", "trouble", "bother", "unnerve", "rattle", "scare", "frighten",
    "horrify", "shock", "stun", "startle", "surprise", "baffle", "puzzle", "confuse", "dismay",
    "disappoint", "please", "delight", "thrill", "impress", "amuse", "disturb", "disgust", "appall",
    "appal", "embarrass", "intrigue",
}


def psych_attribution(tree: Tree, si: int, v: Token, quotes: list[Quote], lex: Lexicon) -> RawAttribution | None:
    """'The remarks angered Republicans' / 'Republicans were angered by the remarks': the people
    moved hold the view (source), what moved them is the content."""
    toks = tree.toks
    text = tree.pp.text
    if v.lemma.lower() not in PSYCH_VERBS or v.pos != "VERB":
        return None
    kids = [toks[c] for c in tree.kids[v.i]]
    passive = next((k for k in kids if k.dep == "nsubjpass"), None)
    if passive is not None:
        holder = passive
        stim = None
        for k in kids:
            if k.dep == "agent" or (k.dep == "prep" and k.text.lower() in ("by", "at", "about", "over", "with")):
                obj = tree.child(k.i, {"pobj", "pcomp"})
                if obj is not None:
                    stim = tree.subtree(obj.i)
                    break
        if stim is None:
            return None
        content = stim
    else:
        holder = next((k for k in kids if k.dep == "dobj"), None)
        subj = next((k for k in kids if k.dep in ("nsubj", "csubj")), None)
        if holder is None or subj is None or (subj.pos == "PRON" and subj.text.lower() in PERSONAL - {"it"}):
            return None  # "she surprised them": a person acting, not a view held
        content = tree.subtree(subj.i)
    personal = holder.pos == "PRON" and holder.text.lower() in PERSONAL - {"it"}
    stype = source_type(tree, holder, lex)
    if not (personal or holder.ent_type in NAME_LABELS or stype in ("name", "role", "vague")):
        return None
    if len(text[content[0]:content[1]].split()) < 2 and not any(q.start <= content[0] < q.end for q in quotes):
        return None
    return _with_holder(tree, si, v, content, (cue_start(tree, v), v.end), holder, "belief", stype, quotes)


# Verbs whose subject is what others judge: "The plan drew criticism from unions", "She received
# support from six in 10 Democrats", "The remark sparked outrage", "came under fire".
RECEIVING_VERBS = {
    "draw", "receive", "get", "face", "earn", "win", "attract", "garner", "gain", "meet", "spark", "prompt",
    "provoke", "trigger", "generate", "invite", "elicit", "court", "weather", "endure", "shrug",
}
REACTION_NOUNS = {
    "criticism", "criticisms", "support", "praise", "condemnation", "backlash", "scrutiny", "fire", "rebuke",
    "rebukes", "endorsement", "endorsements", "applause", "ridicule", "complaint", "complaints", "pushback",
    "outrage", "scorn", "derision", "blame", "approval", "disapproval", "acclaim", "plaudits", "accolades",
    "flak", "boos", "cheers", "attack", "attacks", "objections", "protest", "protests", "skepticism",
    "scepticism", "opposition", "ire", "wrath", "questions", "concern", "concerns", "alarm", "anger",
}


def reception_attribution(tree: Tree, si: int, v: Token, quotes: list[Quote], lex: Lexicon) -> RawAttribution | None:
    """'The statement drew sharp criticism from both sides': the critics (source, if named)
    judge the subject (content); cue the verb and the reaction noun."""
    toks = tree.toks
    text = tree.pp.text
    lemma = v.lemma.lower()
    if v.pos != "VERB" or lemma not in RECEIVING_VERBS and lemma != "come":
        return None
    n = tree.child(v.i, {"dobj"})
    if lemma == "come":  # "came under heavy criticism"
        under = next((toks[c] for c in tree.kids[v.i] if toks[c].dep == "prep" and toks[c].text.lower() == "under"), None)
        n = tree.child(under.i, {"pobj"}) if under is not None else None
    if n is None or n.lemma.lower() not in REACTION_NOUNS and n.text.lower() not in REACTION_NOUNS:
        return None
    subj = subject_of(tree, v.i)
    if subj is None or (subj.pos == "PRON" and subj.text.lower() in ("which", "that", "who")):
        return None
    content = tree.subtree(subj.i)
    source = None
    for owner in (n, v):
        for c in tree.kids[owner.i]:
            if toks[c].dep == "prep" and toks[c].text.lower() in ("from", "among", "by"):
                obj = tree.child(c, {"pobj"})
                if obj is not None:
                    source = (obj, source_range(tree, obj))
                    break
        if source is not None:
            break
    cue = (cue_start(tree, v), n.end)
    if source is None:
        return RawAttribution(content, kind_of(text, content, quotes, cue), None, cue, "stance", "none", "", "", si,
                              nested=in_quote(quotes, v.idx) is not None)
    head, rng = source
    return _with_holder(tree, si, v, content, cue, head, "stance", source_type(tree, head, lex), quotes, rng)


# Verbs of appearance: "The plan seems fair", "Superdelegates might seem anti-democratic",
# "it appeared that ...": a judgement with no one named behind it.
APPEARANCE_VERBS = {"seem", "appear", "sound"}  # "looked at", "looked tired" are too often literal


def appearance_attribution(tree: Tree, si: int, v: Token, quotes: list[Quote]) -> RawAttribution | None:
    toks = tree.toks
    text = tree.pp.text
    if v.lemma.lower() not in APPEARANCE_VERBS or v.pos not in ("VERB", "AUX"):
        return None
    kids = [toks[c] for c in tree.kids[v.i]]
    comp = next((k for k in kids if k.dep in ("acomp", "xcomp", "attr", "oprd", "ccomp") and k.i > v.i), None)
    if comp is None:
        comp = next((k for k in kids if k.dep == "prep" and k.text.lower() in ("like", "as") and k.i > v.i
                     and tree.child(k.i, {"pobj", "pcomp"}) is not None), None)
    if comp is None:
        return None
    subj = next((k for k in kids if k.dep in ("nsubj", "csubj")), None)
    rng = tree.subtree(comp.i)
    if subj is not None and subj.text.lower() not in ("it", "there"):
        rng = hull(tree.subtree(subj.i), rng)
    if len(text[rng[0]:rng[1]].split()) < 2:
        return None
    cue = (cue_start(tree, v, ("aux", "neg")), v.end)
    for q in quotes:
        if q.start < rng[1] and rng[0] < q.end:
            rng = hull(rng, (q.start, q.end))
    return RawAttribution(rng, kind_of(text, rng, quotes, cue), None, cue, "belief", "none", "", "", si,
                          nested=in_quote(quotes, v.idx) is not None)
