"""Tagger slips that hide a report, mended before attribution reads a paragraph's parse.

The small model reads a few reporting frames in ways that lose the speaker or the cue, and
an editor then sees a quotation marked as unattributed although its source is right there:

- '"...," May wrote', 'May said: "..."': the name is taken for the modal, so the verb has no subject;
- '"...," admitted Wetherly': the name after the verb is taken for an adverb;
- 'In a column for the Courier, Mrs Pennington, who chairs ..., says:': the name is hung on the
  noun before it, so the verb has no subject;
- '"...," the lawsuit states', '"...," a statement read': the verb after a noun is taken for a
  noun, so there is no cue at all, though the parser hangs the quotation's clause on it;
- '... gave $3,000 to the PAC, campaign finance records show.', 'F.A.A. records show, ...': the
  verb after the plural noun is taken for a noun compound, so the finding has no source;
- 'He shared the letter, writing: "..."': the participle is taken for a noun, so there is no cue;
- 'Ortiz, a Lopez ally, called the budget "reckless."': the verb is taken for a participle on
  the name, so the sentence has no main verb and no speaker.

Each repair changes tags and arcs on a copy of the tokens; texts and offsets stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..nlp import ParsedParagraph, Token
from .attribution_tree import Tree

# Modals that are also given names or surnames ("Theresa May", "Will Smith").
_NAME_MODALS = frozenset({"May", "Will"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
# Plural nouns that report a finding in the closing "..., records show." formula.
_FINDING_HOLDERS = frozenset({
    "records", "documents", "filings", "figures", "data", "numbers", "statistics", "polls",
    "surveys", "reports", "studies", "estimates", "results", "returns", "logs", "emails",
})
_NP_DEPS = frozenset({"compound", "amod", "det", "nmod", "poss"})
_FINDING_VERBS = frozenset({"show", "suggest", "indicate", "reveal", "confirm"})


def repair_tags(pp: ParsedParagraph, speech_verbs) -> ParsedParagraph:
    """``pp`` with the slips above mended (the same object when there are none).
    ``speech_verbs``: lemmas that report speech or writing (the lexicon's cue verbs)."""
    toks = list(pp.tokens)
    kids = _children(toks)
    changed = False
    for verb, name in _stranded_subjects(pp, kids, speech_verbs):
        if toks[name].head == name:
            if kids.get(name):
                continue  # a sentence's root: hanging it on the verb would leave its words rootless
        else:  # a one-word root ('.”“I know', the marks glued to the pronoun) has no parent to leave
            kids[toks[name].head].remove(name)
        kids.setdefault(verb, []).append(name)
        toks[name] = replace(toks[name], dep="nsubj", head=verb)
        changed = True
    for verb, subject, comma, root in _closing_findings(toks):
        for j in [comma, *range(verb + 1, len(toks))]:
            if toks[j].head == root and toks[j].pos in ("PUNCT", "SPACE"):
                toks[j] = replace(toks[j], head=verb)  # the comma before, the full stop after
        toks[root] = replace(toks[root], head=verb, dep="ccomp")
        toks[subject] = replace(toks[subject], head=verb, dep="nsubj")
        toks[verb] = replace(toks[verb], pos="VERB", tag="VBP", lemma=toks[verb].text.lower(), head=verb, dep="ROOT")
        changed = True
    for verb, name in _verbs_after_apposition(toks, kids, speech_verbs):
        for c in kids.get(name, []):
            if c > verb:  # the verb's object, quotation and full stop were hung on the name
                toks[c] = replace(toks[c], head=verb, dep="oprd" if toks[c].dep == "amod" else toks[c].dep)
        toks[name] = replace(toks[name], head=verb, dep="nsubj")
        toks[verb] = replace(toks[verb], head=verb, dep="ROOT", tag="VBD")
        changed = True
    if changed:
        kids = _children(toks)  # the arcs above moved
    for t in list(toks):
        if _modal_name(toks, kids, t) or _name_after_cue(toks, kids, t, speech_verbs):
            toks[t.i] = replace(t, pos="PROPN", tag="NNP", dep="nsubj")
            changed = True
        elif (lemma := _participle_noun(toks, kids, t, speech_verbs)) is not None:
            toks[t.i] = replace(t, pos="VERB", tag="VBG", lemma=lemma)
            changed = True
        elif (verb := _noun_verb(toks, kids, t, speech_verbs)) is not None:
            lemma, subject = verb
            toks[t.i] = replace(t, pos="VERB", tag="VBZ" if t.tag == "NNS" else "VBD", lemma=lemma)
            toks[subject] = replace(toks[subject], dep="nsubj")
            for c in kids.get(t.i, []):
                if toks[c].dep in ("det", "amod", "poss") and c < subject:
                    toks[c] = replace(toks[c], head=subject)  # "the" belongs to "lawsuit" now
            changed = True
    return replace(pp, tokens=tuple(toks)) if changed else pp


def _children(toks: Sequence[Token]) -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for t in toks:
        if t.head != t.i:
            kids.setdefault(t.head, []).append(t.i)
    return kids


def _formula_comma(toks: list[Token], subject: int) -> int:
    """The comma that sets off the formula's noun phrase ("..., campaign finance records")."""
    lo = subject
    while lo > 0 and toks[lo - 1].head in range(lo, subject + 2) and toks[lo - 1].dep in _NP_DEPS:
        lo -= 1
    return lo - 1


def _closing_findings(toks: list[Token]) -> list[tuple[int, int, int, int]]:
    """'..., campaign finance records show.' read as a noun compound: (verb, subject, comma,
    root of the clause it reports) for each such formula set off by a comma from the finding."""
    found = []
    for t in toks:
        if t.i < 2 or t.pos not in ("NOUN", "PROPN") or t.text not in _FINDING_VERBS:
            continue
        after = toks[t.i + 1] if t.i + 1 < len(toks) else None
        if after is not None and after.text not in (".", ";", "!") and after.pos != "SPACE":
            continue  # only the closing formula: mid-sentence, the finding is on both sides
        subject = toks[t.i - 1]
        if subject.text.lower() not in _FINDING_HOLDERS or subject.head != t.i:
            continue
        comma = _formula_comma(toks, subject.i)
        if comma < 0 or toks[comma].text != ",":
            continue  # "the show records show" or no comma before the formula: leave it
        root = t.i
        for _ in range(len(toks)):
            if toks[root].head == root:
                break
            root = toks[root].head
        if root == t.i or toks[root].head != root or not (toks[root].pos in ("VERB", "AUX")):
            continue
        found.append((t.i, subject.i, comma, root))
    return found


def _stranded_subjects(pp: ParsedParagraph, kids: dict[int, list[int]], speech_verbs) -> list[tuple[int, int]]:
    """A subjectless speech verb whose speaker the parser hung elsewhere, as (verb, name) pairs:
    - a name or noun in apposition that ends right before the verb ('In an article for the
      Courier, Mrs Pennington, who chairs the committee, says: "..."');
    - the name that opens the sentence (or follows a full stop the splitter missed), set off by
      commas ('Mike Hobday, from the league, said');
    - a name right before the verb, hung on a word before it ('... Scott Christie said').
    """
    toks = pp.tokens
    verbs = [
        v for v in toks
        if v.pos == "VERB" and v.tag in ("VBD", "VBZ", "VBP") and v.lemma.lower() in speech_verbs
        and not any(toks[c].dep in _SUBJECTS for c in kids.get(v.i, []))
    ]
    if not verbs:
        return []
    sentence_start = {}
    for start, end in pp.sents:
        for k in range(start, end):
            sentence_start[k] = start
    tree = Tree(pp)  # subtree bounds, built only when such a verb exists
    lo, hi = tree.lo, tree.hi
    out = []
    for v in verbs:
        j = v.i - 1
        while j >= 0 and toks[j].text == ",":
            j -= 1
        appos = next((x.i for x in toks[:j + 1] if x.dep == "appos" and x.pos in ("PROPN", "NOUN") and hi[x.i] == j), None)
        opening = _opening_name(toks, sentence_start.get(v.i, 0), v.i, lo) if toks[v.i - 1].text == "," else None
        if appos is not None and _ancestor(toks, v.i, appos):
            out.append((v.i, appos))
        elif opening is not None and not _ancestor(toks, opening, v.i):  # hanging it on the verb makes no cycle
            out.append((v.i, opening))
        elif appos is None and opening is None and v.i > 0 and toks[v.i - 1].pos == "PROPN" and hi[v.i - 1] == v.i - 1:
            x = v.i - 1
            # the name's own words only (its subtree is its source span), and no cycle
            if all(toks[k].pos == "PROPN" for k in range(lo[x], x + 1)) and not _ancestor(toks, x, v.i):
                out.append((v.i, x))
    return out


def _verbs_after_apposition(toks: Sequence[Token], kids: dict[int, list[int]], speech_verbs) -> list[tuple[int, int]]:
    """'Ortiz, a Lopez ally, called the budget "reckless."': the name and its apposition read
    as the sentence and the verb as a participle on the name. A participle of that kind takes
    no object, so a speech verb there with an object or a clause is the main verb: (verb, name)."""
    out = []
    for v in toks:
        if v.dep != "acl" or v.tag not in ("VBN", "VBD") or v.lemma.lower() not in speech_verbs or toks[v.i - 1].text != ",":
            continue
        name = toks[v.head]
        if name.head != name.i or name.pos not in ("PROPN", "NOUN"):
            continue
        if any(toks[c].dep == "appos" and c < v.i for c in kids.get(name.i, [])) and any(
            toks[c].dep in ("dobj", "oprd", "ccomp", "dative") for c in kids.get(v.i, [])
        ):
            out.append((v.i, name.i))
    return out


def _opening_name(toks: Sequence[Token], first: int, verb: int, lo: list[int]) -> int | None:
    """The last word of a name that opens the sentence, or follows a full stop inside it, and
    is followed by a comma, with the aside after it reaching the verb. Its subtree (the source
    span) must not reach back before the name."""
    for k in range(verb - 2, first - 1, -1):
        if toks[k].pos != "PROPN" or toks[k + 1].text != ",":
            continue
        start = k
        while start > first and toks[start - 1].pos == "PROPN":
            start -= 1
        if (start == first or toks[start - 1].text.endswith((".", "!", "?"))) and lo[k] >= start:
            return k  # a full stop the sentence splitter missed ("... rose 4%. Anna Berg, of ..., said")
    return None


def _ancestor(toks: Sequence[Token], anc: int, i: int) -> bool:
    """``anc`` is above ``i`` in the tree: hanging ``i`` on it makes no cycle."""
    d = 0
    while toks[i].head != i and d < 200:
        i, d = toks[i].head, d + 1
        if i == anc:
            return True
    return False


def _modal_name(toks: list[Token], kids: dict[int, list[int]], t: Token) -> bool:
    """A capitalised "May" as the only 'subject' of a verb that has none: inside a sentence, or
    at its start before a past or -s form (a modal takes the base form: "May I ask", "May said")."""
    if t.tag != "MD" or t.text not in _NAME_MODALS or t.dep != "aux":
        return False
    head = toks[t.head]
    if head.pos != "VERB" or head.i <= t.i or any(toks[c].dep in _SUBJECTS for c in kids.get(head.i, [])):
        return False
    return not t.sent_start or head.tag in ("VBD", "VBZ")


def _name_after_cue(toks: list[Token], kids: dict[int, list[int]], t: Token, speech_verbs) -> bool:
    """'"...," admitted Wetherly.': a capitalised word right after a speech verb that follows a
    quotation, ending the clause, read as an adverb or a common noun: the speaker."""
    if t.pos in ("PROPN", "PRON") or not t.text[:1].isupper() or not t.text[1:].islower() or t.sent_start:
        return False
    if t.i < 3 or t.head != t.i - 1 or t.dep not in ("advmod", "dobj", "npadvmod", "attr", "oprd", "dep"):
        return False
    verb = toks[t.i - 1]
    if verb.pos != "VERB" or verb.lemma.lower() not in speech_verbs or verb.tag not in ("VBD", "VBZ"):
        return False
    if any(toks[c].dep in _SUBJECTS for c in kids.get(verb.i, [])):
        return False
    if not _closes_quote(toks, t.i - 2):
        return False
    after = toks[t.i + 1] if t.i + 1 < len(toks) else None
    return after is None or after.text in (".", ",", ";", "!", "?") or after.pos == "SPACE"


def _participle_noun(toks: list[Token], kids: dict[int, list[int]], t: Token, speech_verbs) -> str | None:
    """'He shared the letter, writing: "..."': a speech verb's participle after a comma, read as
    a noun the parser still hangs on the clause as an adverbial. Returns the verb's lemma."""
    low = t.text.lower()
    if t.tag != "NN" or t.dep != "advcl" or not low.endswith("ing") or t.i == 0 or toks[t.i - 1].text != ",":
        return None
    if any(toks[c].dep in ("det", "poss", "amod") for c in kids.get(t.i, [])):
        return None  # "the writing", "his writing": a noun
    stem = low[:-3]
    for lemma in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if lemma and lemma in speech_verbs:
            return lemma
    return None


def _noun_verb(toks: list[Token], kids: dict[int, list[int]], t: Token, speech_verbs) -> tuple[str, int] | None:
    """A noun that heads a clausal complement before it and has a subject, a noun compound or
    "the" and a number: a speech verb read as a noun ("the lawsuit states", "a council statement
    read", "the two write"). Returns the verb's lemma and its subject."""
    if t.tag not in ("NN", "NNS") or not t.text.islower():
        return None
    children = kids.get(t.i, [])
    if not any(toks[c].dep == "ccomp" and c < t.i for c in children) and not _closes_quotation(toks, t):
        return None  # the reported clause comes first; "the BBC report that ..." is a noun
    subjects = [c for c in children if toks[c].dep == "nsubj" and c < t.i] or [
        c for c in children if c == t.i - 1 and (
            toks[c].dep == "compound" and toks[c].pos in ("NOUN", "PROPN")
            or toks[c].dep == "nummod" and toks[c].pos == "NUM" and c > 0 and toks[c - 1].text.lower() == "the"
        )
    ]
    if not subjects:
        return None
    # states -> state, stresses -> stress; "read" is its own past tense
    forms = (t.text[:-1], t.text[:-2]) if t.tag == "NNS" and t.text.endswith("s") else (t.text,) if t.tag == "NN" else ()
    for lemma in forms:
        if lemma in speech_verbs:
            return lemma, subjects[0]
    return None


def _closes_quotation(toks: list[Token], t: Token) -> bool:
    """'..., not a single accomplishment," Bozell answers.': the word ends its sentence, and
    one name or noun stands between it and a quotation closed by a comma, "!" or "?"."""
    after = toks[t.i + 1] if t.i + 1 < len(toks) else None
    if after is not None and after.text not in (".", "!", "?") and after.pos != "SPACE":
        return False
    k = t.i - 1
    while k > 0 and toks[k].head == t.i and toks[k].dep == "compound" and toks[k].pos in ("PROPN", "NOUN"):
        k -= 1
    return t.i - k in (2, 3, 4) and _closes_quote(toks, k)


def _closes_quote(toks: list[Token], k: int) -> bool:
    """The mark at ``k`` closes a quotation that ends with a comma, "!" or "?" ('...," he said')."""
    return k > 0 and toks[k].text in ('"', "”", "''") and toks[k - 1].text in (",", "!", "?")
