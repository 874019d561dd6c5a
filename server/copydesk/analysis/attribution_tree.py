"""Dependency-tree helpers for attribution: subtrees, speakers, source types, quotation kinds.

Plain functions over ``ParsedParagraph`` records (no spaCy), shared by attribution_extract.py.
"""

from __future__ import annotations

import bisect
import re

from ..nlp import ParsedParagraph, Token
from .attribution_records import Range
from .lexicon import Lexicon
from .quotes import Quote

PERSONAL = {"he", "she", "they", "we", "i", "you", "it", "him", "her", "them", "us", "me"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
DOCUMENT_HEADS = {
    "statement", "report", "study", "survey", "poll", "analysis", "research", "review", "audit",
    "memo", "letter", "document", "filing", "complaint", "lawsuit", "indictment", "ruling",
    "verdict", "order", "bill", "law", "resolution", "release", "announcement", "email",
    "message", "tweet", "post", "video", "ad", "advertisement", "commercial", "editorial",
    "article", "story", "book", "data", "figures", "statistics", "records", "estimate",
    "forecast", "projection", "website", "page", "paper", "newspaper",
    "result", "results", "average", "polling", "count", "tally", "summary", "transcript", "footage",
    "headline", "finding", "findings", "evidence", "numbers", "chart", "clip", "segment", "platform",
    "petition", "motion", "amendment", "manifesto",
}
# Passives whose subject is the speaker of the participle after them ("was quoted as saying",
# "was heard saying", "was caught on tape telling").
QUOTED_VERBS = {"quote", "hear", "overhear", "record", "film", "tape", "catch", "see", "photograph"}
# Verbs whose subject may be a thing ("the report says", "the data show").
THING_SOURCE_VERBS = {
    "say", "show", "find", "suggest", "indicate", "state", "report", "note", "claim", "conclude",
    "estimate", "predict", "warn", "read", "reveal", "project", "forecast", "argue", "allege",
    "recommend", "call", "describe", "demonstrate", "prove", "confirm", "detail", "add",
}
# Heads that count or share out the people who speak: "15 percent of", "a third of".
SHARE_HEADS = {
    "percent", "%", "per", "number", "half", "third", "quarter", "fifth", "majority", "plurality", "minority",
    "share", "proportion", "handful", "couple", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
}
# Endings of nouns for people by their work or views, beyond the source-noun list.
AGENT_SUFFIXES = ("man", "woman", "ist", "ian", "eer", "person")
SUBJ = {"nsubj", "nsubjpass", "csubj"}
ISSUING_VERBS = {"issue", "release", "make", "give", "publish", "post", "send", "put", "deliver", "file", "write", "express", "voice", "offer", "repeat", "reiterate", "echo"}
EXPLETIVE_IT = {"seem", "appear", "look", "sound", "remain", "mean", "matter", "help", "take", "make", "feel"}
# Verbs whose direct object is the person spoken to ("told reporters"), not what was said.
ADDRESSEE_VERBS = {
    "tell", "ask", "inform", "remind", "urge", "assure", "reassure", "warn", "advise", "notify",
    "email", "e-mail", "text", "message", "brief", "address", "caution", "implore", "beg",
    "encourage", "press", "push", "invite", "instruct", "order", "persuade", "convince", "answer",
}
# Verbs that report the writer's reading when their subject is a thing ("His speech highlighted").
WEAK_WITH_THINGS = {
    "highlight", "underscore", "underline", "show", "reveal", "indicate", "signal", "suggest",
    "mark", "reflect", "point", "raise", "pose", "flag", "spotlight", "stress", "emphasize",
    "emphasise", "demonstrate", "prove", "confirm", "echo", "add", "see", "find",
}
CLAUSE = {"ccomp"}
GAP = re.compile(r"^[\s,:;—–-]*$")
CUE_TAIL = re.compile(r"^[\s,]*(?:(?:on|in|at|late|early|last|this)\s+)?\w*[\s,]*[:,—–-]?\s*$")
# A cue tail or colon gap is a few words ("he said on Monday: "); longer gaps are not one, and
# CUE_TAIL backtracks on long runs of spaces, so callers never match it on more than this.
MAX_CUE_GAP = 80


class Tree:
    """Children lists and subtree bounds for one paragraph, computed once."""

    def __init__(self, pp: ParsedParagraph) -> None:
        self.pp = pp
        self.toks = pp.tokens
        n = len(self.toks)
        self.kids: list[list[int]] = [[] for _ in range(n)]
        for t in self.toks:
            if t.head != t.i and 0 <= t.head < n:
                self.kids[t.head].append(t.i)
        # words tagged as names somewhere in the paragraph ("Sanders" tagged a noun elsewhere is one too)
        self.name_texts = {t.text for t in self.toks if t.pos == "PROPN" or t.ent_type}
        self.starts = [t.idx for t in self.toks]
        self.lo = list(range(n))
        self.hi = list(range(n))
        order = sorted(range(n), key=self._depth, reverse=True)
        for i in order:  # deepest first: children are final before their head
            for c in self.kids[i]:
                self.lo[i] = min(self.lo[i], self.lo[c])
                self.hi[i] = max(self.hi[i], self.hi[c])

    def _depth(self, i: int) -> int:
        d, seen = 0, set()
        while self.toks[i].head != i and i not in seen and d < 200:
            seen.add(i)
            i = self.toks[i].head
            d += 1
        return d

    def span(self, lo: int, hi: int) -> Range:
        """Character range of tokens lo..hi (inclusive), trimmed of edge punctuation."""
        toks = self.toks
        while lo < hi and (toks[lo].pos == "SPACE" or toks[lo].pos == "PUNCT" and toks[lo].text not in "\"“‘'"):
            lo += 1
        while hi > lo and (toks[hi].pos == "SPACE" or toks[hi].pos == "PUNCT" and toks[hi].text not in "\"”’'"):
            hi -= 1
        return toks[lo].idx, toks[hi].end

    def subtree(self, i: int) -> Range:
        return self.span(self.lo[i], self.hi[i])

    def tokens_in(self, rng: Range) -> tuple[Token, ...]:
        """The tokens that start inside a character range (a cue, a content span)."""
        return self.toks[bisect.bisect_left(self.starts, rng[0]):bisect.bisect_left(self.starts, rng[1])]

    def child(self, i: int, deps: set[str]) -> Token | None:
        for c in self.kids[i]:
            if self.toks[c].dep in deps:
                return self.toks[c]
        return None

# ---------------------------------------------------------------------------------------
# sources


def subject_of(tree: Tree, i: int, depth: int = 0) -> Token | None:
    """The speaker of the verb at ``i``: its subject, its passive agent, or the subject it shares."""
    toks = tree.toks
    t = toks[i]
    subjects = [c for c in tree.kids[i] if toks[c].dep == "nsubj"]
    if subjects:
        return toks[min(subjects, key=lambda c: abs(c - i))]  # '"The fact ...," Huckabee said'
    for c in tree.kids[i]:
        ct = toks[c]
        if ct.dep == "agent":
            for g in tree.kids[c]:
                if toks[g].dep == "pobj":
                    return toks[g]
    kids = [toks[c] for c in tree.kids[i]]
    if any(k.dep == "auxpass" and k.text.lower() in ("'s", "’s") for k in kids) and any(k.dep in ("dobj", "ccomp") for k in kids):
        return next((k for k in kids if k.dep == "nsubjpass"), None)  # "he's said the same thing": "has", not "is"
    if any(k.dep in ("nsubjpass", "auxpass") for k in kids):
        if depth > 0 and t.lemma.lower() in QUOTED_VERBS:
            return next((k for k in kids if k.dep == "nsubjpass"), None)  # "The mayor was quoted as saying ..."
        return None  # passive without an agent: "is expected", "was reported"
    if depth > 4 or t.head == i:
        return None
    if t.dep in ("conj", "xcomp", "advcl") and toks[t.head].pos in ("VERB", "AUX"):
        return subject_of(tree, t.head, depth + 1)
    if t.dep in ("relcl", "acl") and toks[t.head].pos in ("NOUN", "PROPN", "PRON"):
        if t.dep == "acl" and t.tag == "VBG":
            controller = _adjunct_controller(tree, t, depth)
            if controller is not None:
                return controller
        return toks[t.head]
    adj = toks[t.head]
    if t.dep == "xcomp" and adj.pos == "ADJ" and adj.dep == "acomp" and toks[adj.head].pos in ("VERB", "AUX"):
        return subject_of(tree, adj.head, depth + 1)  # "Trump was quick to add that ..."
    if t.dep == "pcomp" and toks[t.head].dep == "prep":  # "responded by saying ..."
        verb = toks[t.head].head
        if toks[verb].pos in ("VERB", "AUX") and verb != i:
            return subject_of(tree, verb, depth + 1)
    return None


_OBJECT_PATH = frozenset({"dobj", "pobj", "prep", "dative", "conj", "appos"})


def _adjunct_controller(tree: Tree, participle: Token, depth: int) -> Token | None:
    """The speaker of a participle after a comma that the parser hung on an object noun
    ('... ended the debate with a reference to the film, remarking ...'): the subject of the
    verb that governs the noun, not the noun; None when no verb governs it."""
    toks = tree.toks
    before = tree.lo[participle.i] - 1
    if before < 0 or toks[before].text != ",":
        return None
    node = toks[participle.head]
    for _ in range(5):
        if node.dep not in _OBJECT_PATH or node.head == node.i:
            return None
        node = toks[node.head]
        if node.pos in ("VERB", "AUX"):
            return subject_of(tree, node.i, depth + 1)
    return None


def source_range(tree: Tree, head: Token) -> Range:
    """The source phrase: the head's subtree without relative clauses and appositive tails."""
    toks = tree.toks
    lo, hi = tree.lo[head.i], tree.hi[head.i]
    for c in tree.kids[head.i]:
        if toks[c].dep in ("relcl", "acl") and c > head.i:
            hi = min(hi, tree.lo[c] - 1)
        if toks[c].dep in ("advmod", "cc", "punct") and c < head.i and c == lo:
            lo = c + 1  # "Earlier the President said": the adverb is not part of the source
        if toks[c].dep in ("ccomp", "parataxis", "advcl", "csubj") and c < head.i:
            lo = max(lo, tree.hi[c] + 1)  # '"...," Nate Silver, ..., tweeted' parsed with the quote under the name
    for k in range(lo + 1, head.i):
        if toks[k].tag == "''" and toks[k - 1].text in (",", "?", "!", "."):
            lo = k + 1  # '"It's unanimous," councilmember Mark Levine said': the quotation is not the speaker
    while lo < head.i and toks[lo].pos in ("PUNCT", "SPACE"):
        lo += 1
    if toks[head.i].pos == "PRON" and toks[head.i].text.lower() in ("who", "which", "that"):
        lo = hi = head.i
    if hi - lo > 30:  # a runaway subtree: keep the head and its close modifiers
        lo = max(lo, head.i - 6)
        hi = min(hi, head.i + 3)
    return tree.span(lo, max(lo, hi))


def source_type(tree: Tree, head: Token, lex: Lexicon, depth: int = 0) -> str:
    low = head.text.lower()
    lemma = head.lemma.lower()
    if depth < 2 and (head.pos == "NUM" or lemma in SHARE_HEADS):
        # "15 percent of Republicans", "one of his aides", "half of the delegates": the people counted
        of = next((tree.toks[c] for c in tree.kids[head.i] if tree.toks[c].dep == "prep" and tree.toks[c].text.lower() == "of"), None)
        counted = tree.child(of.i, {"pobj"}) if of is not None else None
        if counted is not None and source_type(tree, counted, lex, depth + 1) in ("name", "role", "vague", "pronoun"):
            return "role"
    if head.pos == "PRON":
        return "pronoun" if low in PERSONAL else ("other" if low in ("this", "that", "which", "what") else "pronoun")
    words = [tree.toks[j] for j in range(tree.lo[head.i], tree.hi[head.i] + 1)]
    named = any(w.ent_type in NAME_LABELS or w.pos == "PROPN" for w in words)
    before = [w.text.lower() for w in words if w.i < head.i]
    vague_det = any(w in lex.vague_quantifiers for w in before)
    definite = any(w in ("the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your") or w.endswith("'s") or w.endswith("’s") for w in before)
    if lemma in lex.vague_nouns and not (head.ent_type in NAME_LABELS or head.pos == "PROPN"):
        indefinite = head.tag in ("NNS", "NNPS") or any(w in ("a", "an", "one", "another") for w in before) or head.pos == "PRON"
        # a people's or faith's name does not name a group's members ("Muslim groups", "some Anglicans")
        named_only_by_kind = all(w.ent_type in ("NORP", "") for w in words)
        if any(w.dep == "compound" and w.head == head.i and w.lemma.lower() in lex.vague_qualifiers for w in words):
            return "role"  # "Government lawyers", "police sources": whose people they are is said
        if ((not named or named_only_by_kind) and indefinite and not definite) or vague_det:
            return "vague"
    if vague_det and not definite and head.tag in ("NNS", "NNPS") and (head.pos == "NOUN" or head.ent_type == "NORP"):
        return "vague"  # "some web users", "many Anglicans": people counted but not named
    if head.ent_type in NAME_LABELS or head.pos == "PROPN":
        return "name"
    if lemma in DOCUMENT_HEADS or low in DOCUMENT_HEADS:
        return "document"
    if lemma in lex.source_nouns or low in lex.source_nouns:
        return "role"
    if head.pos == "NOUN" and len(lemma) > 5 and lemma.endswith(AGENT_SUFFIXES):
        return "role"  # "the radioman", "a pollster", "the strategist": people by what they do
    if head.pos == "NOUN" and head.text[:1].isupper() and head.text[1:].islower() and (
        not head.sent_start or head.text in tree.name_texts or _bare_name(tree, head, lex)
    ):
        # '"...," Hannity said', "Sanders accused ...": a capitalised word the tagger took for a noun,
        # mid-sentence or tagged as a name elsewhere in the paragraph
        return "name"
    return "other"


_SINGULAR_AUX = frozenset({"is", "has", "was", "does", "'s", "’s"})


def _bare_name(tree: Tree, head: Token, lex: Lexicon) -> bool:
    """'Sanders says ...', 'Trump backed ...' opening a sentence, tagged as a common noun: a
    singular noun with no determiner, or an -s noun with a singular verb or with a past-tense
    cue ('Sanders accused ...': things rarely accuse), is a name."""
    toks = tree.toks
    if head.dep != "nsubj" or any(toks[c].dep in ("det", "poss", "amod", "compound", "nummod") for c in tree.kids[head.i]):
        return False
    verb = toks[head.head]
    singular = verb.tag == "VBZ" or any(
        toks[c].dep in ("aux", "auxpass") and toks[c].text.lower() in _SINGULAR_AUX for c in tree.kids[verb.i]
    )  # "Sanders is touting", "Sanders has denounced"
    spoke = verb.tag == "VBD" and (verb.lemma.lower() in lex.verbs or any(
        toks[c].dep == "dobj" and toks[c].lemma.lower() in lex.nouns for c in tree.kids[verb.i]
    ))  # "Sanders accused ...", "Sanders delivered a retort"
    return head.tag == "NN" or (head.tag == "NNS" and (singular or spoke))


# ---------------------------------------------------------------------------------------
# content


def quotes_near(tree: Tree, quotes: list[Quote], rng: Range) -> list[Quote]:
    return [q for q in quotes if q.start < rng[1] and rng[0] < q.end]


def kind_of(text: str, content: Range, quotes: list[Quote], cue: Range | None) -> str:
    inside = [q for q in quotes if q.start < content[1] and content[0] < q.end]
    if not inside:
        return "indirect"
    outside = []
    pos = content[0]
    for q in inside:
        outside.append(text[pos:max(pos, q.start)])
        pos = max(pos, q.end)
    outside.append(text[pos:content[1]])
    rest = "".join(outside)
    if cue is not None and content[0] <= cue[0] < content[1]:
        return "direct"  # a quotation split around its cue
    letters = sum(1 for ch in rest if ch.isalpha())
    return "direct" if letters <= 3 else "mixed"


def hull(a: Range, b: Range) -> Range:
    return min(a[0], b[0]), max(a[1], b[1])


# ---------------------------------------------------------------------------------------
# small shared helpers


def words_of(text: str, rng: Range | None) -> tuple[str, ...]:
    if rng is None:
        return ()
    return tuple(w.lower() for w in re.findall(r"[\w.-]+", text[rng[0]:rng[1]]))


def trim_range(text: str, rng: Range) -> Range:
    s, e = rng
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    return s, e


def in_quote(quotes: list[Quote], offset: int) -> Quote | None:
    """The quotation whose inside holds ``offset`` (not its closing mark)."""
    for q in quotes:
        if q.start < offset < q.end - (1 if q.closed else 0):
            return q
    return None
