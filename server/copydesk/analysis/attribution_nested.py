"""Reports inside reports: which inner cues stand on their own.

A cue inside another attribution's content is usually part of what is reported ("She cited
reports that he said ...") and is dropped, and so is a cue inside another report's source
("X, a Republican who voted for Y, said"). Two shapes are reports of their own, and the outer
content then stops before them:

- a second speech verb that the parser hung inside the first content although it shares the
  outer speaker: "X said that ... and insisted that ...", "X said ..., noting that ...",
  "..., calling them ..."; the inner verb gets the outer speaker;
- an object relative with its own speaker: "X cited the rules, which she said had hurt
  small farms".
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..nlp import Token
from .attribution_records import RawAttribution
from .attribution_tree import SHARE_HEADS, Tree, kind_of, trim_range
from .attribution_verbs import (
    BARE_REPORTING,
    NAMING,
    clause_content,
    cue_lemma,
    cue_range,
    naming_content,
)
from .lexicon import Lexicon
from .quotes import Quote

# Joining words between a report and the coordinated one ("..., and insisted", "but added").
# Words that set a second speaker against the first ("..., while Cruz said ...").
_CONTRAST = {"while", "whereas", "although", "though"}
_OWN_SOURCES = {"name", "pronoun", "role", "vague"}
_JOINERS = {"and", "but", "while", "whereas", "although", "though", "as", ",", ";", "—", "–", "-"}


def _counted(a: RawAttribution) -> bool:
    """'..., while 22 percent said ...', 'and four in 10 said ...': a share of the people polled."""
    head = a.source_head
    return head in SHARE_HEADS or head.replace(",", "").isdigit() or head in _NUMBER_WORDS


_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "most", "many"}


def _inside(a: RawAttribution, b: RawAttribution) -> bool:
    """a's cue lies in b's content, and b is a plain report (its cue outside its content)."""
    return (
        b is not a and b.cue is not None and not b.nested and b.sentence == a.sentence
        and a.cue is not None and b.content[0] <= a.cue[0] and a.cue[1] <= b.content[1]
        and not (b.content[0] <= b.cue[0] < b.content[1])
    )


def drop_inside_sources(attrs: list[RawAttribution]) -> list[RawAttribution]:
    """'Parker Eaton, a Republican who voted for Kennedy, said ...': a cue inside another
    report's source describes the speaker; it is not a report of its own."""
    return [
        a for a in attrs
        if a.cue is None or not any(b is not a and b.source is not None and b.source[0] <= a.cue[0] < b.source[1] for b in attrs)
    ]


def _start(a: RawAttribution) -> int:
    return min(r[0] for r in (a.content, a.source, a.cue) if r is not None)


def _object_relative(tree: Tree, a: RawAttribution) -> bool:
    """'the rules, which she said had hurt small farms': a relative clause whose own
    speaker reports on the antecedent (the pronoun is the subject of the reported clause)."""
    toks = tree.toks
    verbs = [t for t in tree.tokens_in(a.cue) if t.pos == "VERB"]
    if not verbs or verbs[-1].dep != "relcl":
        return False
    v = verbs[-1]
    kids = [toks[c] for c in tree.kids[v.i]]
    subj = next((k for k in kids if k.dep == "nsubj"), None)
    if subj is None or subj.text.lower() in ("who", "which", "that") or not any(k.dep == "ccomp" for k in kids):
        return False
    first = tree.lo[v.i]
    return toks[first].text.lower() in ("who", "which", "whom", "that") and first < subj.i


def drop_embedded(tree: Tree, attrs: list[RawAttribution]) -> list[RawAttribution]:
    """'She cited reports that he said ...': the inner report belongs to the outer content.
    An object relative with its own speaker stands, and the outer content ends before it:
    'Reyes cited the rules, which she said had hurt small farms'."""
    text = tree.pp.text
    out: list[RawAttribution | None] = list(attrs)
    for ai, a in enumerate(attrs):
        if a.cue is None or a.nested or a.cue_class == "question":  # 'Asked if ..., X said': both stand
            continue
        # against the contents as they stand: once a report's content ends before an object
        # relative, what follows that relative is no longer inside it
        outers = [k for k, b in enumerate(out) if b is not None and k != ai and _inside(a, b)]
        if not outers:
            continue
        if not _object_relative(tree, a):
            out[ai] = None
            continue
        for k in outers:
            b = out[k]
            cut = trim_range(text, (b.content[0], _start(a)))
            if text[cut[0]:cut[1]].split():
                out[k] = replace(b, content=cut)
    return [a for a in out if a is not None]


def _coordinated_verb(tree: Tree, v: Token, outer: RawAttribution) -> str | None:
    """'..., and insisted that ...', '..., noting that ...' ("shared": no subject of its own) or
    '..., while Cruz said that ...' ("own"): a speech verb joined to the clause before it, that
    the parser placed inside ``outer``'s content."""
    toks = tree.toks
    if v.pos != "VERB" or v.head == v.i:
        return None
    kids = [toks[c] for c in tree.kids[v.i]]
    lemma = cue_lemma(v)
    if lemma not in BARE_REPORTING and (lemma not in NAMING or naming_content(tree, v, kids) is None):
        return None  # '..., calling them "very boring"': naming, with a label, reports like "said"
    if not (outer.content[0] < v.idx < outer.content[1]) or in_quote_range(tree, v, outer):
        return None
    prev = toks[tree.lo[v.i] - 1] if tree.lo[v.i] > 0 else None
    if any(k.dep == "nsubj" and k.i < v.i for k in kids):
        if v.dep == "advcl" and any(k.dep == "mark" and k.text.lower() in _CONTRAST for k in kids):
            return "own"  # '..., while Cruz said that ...'
        if v.dep == "conj" and prev is not None and (prev.text.lower() in ("but", ";", "while", "whereas") or (
            prev.text.lower() == "and" and prev.i > 0 and toks[prev.i - 1].text == ","
        )):
            return "own"  # '...; but the mayor said ...', '..., and the agency said ...'
        return None
    if any(k.dep in ("nsubj", "nsubjpass", "csubj", "mark") for k in kids):
        return None
    if v.dep == "conj":
        joined = any(toks[c].dep == "cc" and c < v.i for c in tree.kids[toks[v.head].i]) or (
            prev is not None and prev.text.lower() in ("and", "but")
        )
        return "shared" if joined and v.tag in ("VBD", "VBZ", "VBP") else None  # a report's tense, not "to say"
    if v.dep == "advcl" and v.tag == "VBG" and prev is not None and prev.text in (",", "—", "–", ";"):
        return "shared"  # ', noting that ...'
    return None


def in_quote_range(tree: Tree, v: Token, outer: RawAttribution) -> bool:
    """Inside a quotation mark pair of the outer content: the quoted speaker's own words."""
    text = tree.pp.text
    before = text[outer.content[0]:v.idx]
    return sum(before.count(c) for c in "\"“”") % 2 == 1


def split_coordinated(tree: Tree, attrs: list[RawAttribution], quotes: list[Quote], lex: Lexicon) -> list[RawAttribution]:
    """Give a coordinated report its own attribution and end the outer content before it."""
    out: list[RawAttribution | None] = list(attrs)
    text = tree.pp.text
    starts = tree.starts
    for k, b in enumerate(attrs):
        if out[k] is None or b.cue is None or b.nested or b.source is None or b.cue_class not in ("speech", "belief", "stance", "evidence"):
            continue
        if b.content[0] <= b.cue[0] < b.content[1]:
            continue
        first = bisect.bisect_right(starts, b.content[0])
        last = bisect.bisect_left(starts, b.content[1])
        for v in tree.toks[first:last]:  # only the content's tokens: a long paragraph stays linear per report
            shape = _coordinated_verb(tree, v, b)
            if shape is None:
                continue
            cue = lex.verbs.get(cue_lemma(v))
            if cue is None:
                continue
            content = clause_content(tree, v, cue)
            if content is None or content[1] - content[0] < 2:
                continue
            own = [a for a in out if a is not None and a.cue is not None and a.cue[0] <= v.idx < a.cue[1]]
            if shape == "own" and not any(a.source_type in _OWN_SOURCES or _counted(a) for a in own):
                continue
            cut = trim_range(text, (b.content[0], tree.toks[tree.lo[v.i]].idx))
            while True:  # drop the joining word: ", and insisted" -> end before "and"
                words = text[cut[0]:cut[1]].rsplit(None, 1)
                if len(words) == 2 and words[1].lower() in _JOINERS:
                    cut = trim_range(text, (cut[0], cut[0] + len(text[cut[0]:cut[1]]) - len(words[1])))
                    continue
                break
            if len(text[cut[0]:cut[1]].split()) < 2:
                continue
            if shape == "own":  # the inner report stands with its own speaker
                out[k] = b = replace(b, content=cut, kind=kind_of(text, cut, quotes, b.cue))
                break
            cue_rng = cue_range(tree, v)
            # the verb's own reading (with the subject of the clause it hangs on) gives way
            out = [a if a is None or a.cue is None or not (a.cue[0] < cue_rng[1] and cue_rng[0] < a.cue[1]) else None for a in out]
            out[k] = b = replace(b, content=cut, kind=kind_of(text, cut, quotes, b.cue))
            out.append(replace(b, content=content, cue=cue_rng, kind=kind_of(text, content, quotes, cue_rng),
                               cue_class="speech", open_colon=False))
            break  # one split per report; the new one is checked no further
    return [a for a in out if a is not None]
