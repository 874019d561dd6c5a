"""Speakers the subject slot does not give: after the verb ('"...," added an engineer') and
behind a message ("X sent out a statement saying ..."). Used by attribution_verbs.py."""

from __future__ import annotations

from ..nlp import Token
from .attribution_tree import ADDRESSEE_VERBS, DOCUMENT_HEADS, Tree, source_type, subject_of
from .lexicon import Lexicon

# Things sent ("responded with a note saying"); "with polls showing" is evidence, not a message.
_MESSAGES = {"statement", "note", "letter", "email", "message", "tweet", "post", "release", "announcement", "memo", "video", "ad"}


def message_sender(tree: Tree, noun: Token, lex: Lexicon) -> Token | None:
    """The one who sent the message a participle hangs on: 'X issued a statement saying',
    'X responded with a note saying' -- the sender speaks, the message carries the words."""
    toks = tree.toks
    addressee = _addressee_of_message(tree, noun)
    if addressee is not None:
        noun = addressee  # "sent a text message to supporters saying ...": the message speaks, not the supporters
    if noun.lemma.lower() not in DOCUMENT_HEADS or noun.pos != "NOUN":
        return None
    verb = noun.head
    if noun.dep == "pobj" and toks[verb].dep == "prep" and toks[verb].text.lower() == "with" and noun.lemma.lower() in _MESSAGES:
        verb = toks[verb].head
    elif noun.dep != "dobj":
        return None
    if toks[verb].pos != "VERB" or verb == noun.i:
        return None
    doer = subject_of(tree, verb)
    if doer is None or doer.text.lower() in ("who", "which", "that", "it"):
        return None
    return doer if source_type(tree, doer, lex) in ("name", "pronoun", "role") else None


def _addressee_of_message(tree: Tree, noun: Token) -> Token | None:
    """The message a noun receives: 'supporters' in 'sent a message to supporters'."""
    toks = tree.toks
    if noun.dep != "pobj" or toks[noun.head].text.lower() != "to" or toks[noun.head].dep not in ("dative", "prep"):
        return None
    verb = toks[noun.head].head
    for c in tree.kids[verb]:
        if toks[c].dep == "dobj" and toks[c].lemma.lower() in _MESSAGES:
            return toks[c]
    return None


def inverted_subject(tree: Tree, v: Token, lemma: str, s: int, e: int) -> Token | None:
    """'"...," added another New Hampshire Republican', '"...," said retired neurosurgeon Ben
    Carson, asked about ...', '"...," read the email': a speech verb after its quotation or
    clause, with the speaker after the verb. The parser makes the speaker the verb's object or
    the subject of a following clause; the noun phrase right after the cue is the speaker."""
    toks = tree.toks
    if v.tag not in ("VBD", "VBZ", "VBP") or any(toks[c].dep in ("nsubj", "nsubjpass", "auxpass", "expl") for c in tree.kids[v.i]):
        return None  # a participle (", noting the nominee ...") takes the clause's subject
    j = v.i - 1
    while j >= s and toks[j].pos == "SPACE":
        j -= 1
    if j < s or toks[j].text not in (",", "\"", "”", "’", "'", "''"):
        return None  # the words before the verb must end with the quotation or a comma
    if toks[j].text == "," and (
        lemma in ADDRESSEE_VERBS or not any(toks[c].dep == "ccomp" and c < v.i for c in tree.kids[v.i])
    ):
        return None  # unquoted, the verb must close the clause it reports ("..., said a spokesman")
    k = v.i + 1
    while k < e and toks[k].dep == "prt" and toks[k].head == v.i:
        k += 1
    if k >= e or toks[k].pos not in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "VERB", "PRON"):
        return None
    h = k  # climb to the head of the noun phrase that starts right after the verb
    while toks[h].head != h and toks[h].head != v.i and toks[h].head > v.i and toks[toks[h].head].pos in ("NOUN", "PROPN") and toks[h].head < e:
        h = toks[h].head
    head = toks[h]
    if head.pos not in ("NOUN", "PROPN", "PRON", "NUM") or tree.lo[h] < k:
        return None
    if head.pos == "PRON" and head.text.lower() not in ("he", "she", "they", "one", "another", "others"):
        return None
    if head.head == v.i and head.dep in ("dobj", "attr", "npadvmod", "appos", "dative", "oprd", "nsubj"):
        return head
    comma = toks[tree.hi[h]].text == "," or (tree.hi[h] + 1 < e and toks[tree.hi[h] + 1].text == ",")
    if head.dep == "nsubj" and toks[head.head].pos in ("VERB", "AUX") and head.head > h and comma:
        return head  # "..., said Ben Carson, asked about ...": the parser gave the name to the next verb
    return None
