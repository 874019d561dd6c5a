"""Splicing an edited paragraph's parse: only the sentences an edit touched go through spaCy.

A keystroke changes one sentence, but re-parsing its whole paragraph (100-250 words: 30-70 ms)
is most of what an edit costs. A splice keeps the old parse's untouched sentences and sends
only the touched ones through spaCy. It can differ from a whole-paragraph parse next to the
re-parsed part (the model sees a few tokens across sentence boundaries), so the engine marks
spliced entries approximate and the language server parses them whole after a pause
(``Engine.refine``). ``bench/eval_splice.py`` measures how often the findings agree.

Within the re-parsed part, the entity recogniser reads only a window round the edit when the
part is long (``entity_window``); entities further away keep the old parse's labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .nlp import Entity, ParsedParagraph, Token

SPLICE_MAX_SHARE = 0.6  # a re-parsed part longer than this share of the paragraph: parse it whole
# An edit that adds or removes one of these may move a sentence boundary outside the re-parsed
# part, which a splice cannot see: such edits are parsed whole.
_SENTENCE_CHARS = frozenset('.!?\u2026"\u201c\u201d\n\r')


@dataclass(frozen=True, slots=True)
class SplicePlan:
    first: int  # first re-parsed sentence (index into the old parse's sents)
    last: int  # last re-parsed sentence, inclusive
    start: int  # first character of the re-parsed part (the same in the old and new text)
    old_end: int  # one past its last character in the old text
    middle: str  # the new text of the re-parsed part


def sentence_chars(parsed: ParsedParagraph) -> list[tuple[int, int]]:
    """Character span of each sentence, trailing whitespace included, so the spans tile the text."""
    starts = [0] + [parsed.tokens[s].idx for s, _ in parsed.sents[1:]]
    return list(zip(starts, starts[1:] + [len(parsed.text)]))


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str, limit: int) -> int:
    i = 0
    while i < limit and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def plan_splice(old: ParsedParagraph, new_text: str) -> SplicePlan | None:
    """Which sentences of ``old`` an edit to ``new_text`` touches, or None to parse it whole."""
    old_text = old.text
    if old_text == new_text or not old.sents or not new_text.strip():
        return None
    lo = _common_prefix(old_text, new_text)
    tail = _common_suffix(old_text, new_text, min(len(old_text), len(new_text)) - lo)
    old_hi, new_hi = len(old_text) - tail, len(new_text) - tail
    if _SENTENCE_CHARS.intersection(old_text[lo:old_hi]) or _SENTENCE_CHARS.intersection(new_text[lo:new_hi]):
        return None
    spans = sentence_chars(old)
    point = max(old_hi, lo + 1)  # an insertion touches the sentence it lands in
    touched = [k for k, (a, b) in enumerate(spans) if a < point and b > lo] or [len(spans) - 1]
    first, last = touched[0], touched[-1]
    delta = len(new_text) - len(old_text)
    # The re-parsed part starts and ends where the tokenizer splits anyway (after a space), so
    # the tokens at its edges are those a whole parse would make.
    while first > 0 and new_text[spans[first][0] - 1] != " ":
        first -= 1
    while last < len(spans) - 1 and (spans[last][1] + delta <= spans[first][0] or new_text[spans[last][1] + delta - 1] != " "):
        last += 1
    start, old_end = spans[first][0], spans[last][1]
    middle = new_text[start : old_end + delta]
    if not middle.strip() or len(middle) > SPLICE_MAX_SHARE * len(new_text):
        return None
    return SplicePlan(first, last, start, old_end, middle)


def _moved(t: Token, tokens: int, chars: int) -> Token:
    if not tokens and not chars:
        return t
    return Token(
        t.i + tokens, t.text, t.idx + chars, t.ws, t.lemma, t.pos, t.tag, t.dep, t.head + tokens,
        t.ent_iob, t.ent_type, t.sent_start,
    )


def _moved_entity(e: Entity, tokens: int, chars: int) -> Entity:
    return Entity(e.start + tokens, e.end + tokens, e.start_char + chars, e.end_char + chars, e.label, e.text)


def build_splice(old: ParsedParagraph, new_text: str, plan: SplicePlan, middle: ParsedParagraph) -> ParsedParagraph | None:
    """The parse of ``new_text``: ``old`` outside the plan's sentences, ``middle`` inside (None if unsafe)."""
    if middle.text != plan.middle or len(middle.sents) != plan.last - plan.first + 1:
        return None  # the parser moved a sentence boundary: only a whole parse can say where
    k0, k1 = old.sents[plan.first][0], old.sents[plan.last][1]
    if any(e.start < k0 < e.end or e.start < k1 < e.end for e in old.ents):
        return None  # an entity across the edge of the re-parsed part
    shift = k0 + len(middle.tokens) - k1
    delta = len(new_text) - len(old.text)
    tokens = (
        old.tokens[:k0]
        + tuple(_moved(t, k0, plan.start) for t in middle.tokens)
        + tuple(_moved(t, shift, delta) for t in old.tokens[k1:])
    )
    sents = (
        old.sents[: plan.first]
        + tuple((s + k0, e + k0) for s, e in middle.sents)
        + tuple((s + shift, e + shift) for s, e in old.sents[plan.last + 1 :])
    )
    ents = (
        tuple(e for e in old.ents if e.end <= k0)
        + tuple(_moved_entity(e, k0, plan.start) for e in middle.ents)
        + tuple(_moved_entity(e, shift, delta) for e in old.ents if e.start >= k1)
    )
    spliced = ParsedParagraph(new_text, tokens, sents, ents)
    return spliced if is_consistent(spliced) else None


def is_consistent(p: ParsedParagraph) -> bool:
    """Tokens tile the text with right offsets; sentences tile the tokens; heads and entities fit."""
    n = len(p.tokens)
    starts = {s for s, _ in p.sents}
    sentence = [0] * n
    expected = 0
    for k, (s, e) in enumerate(p.sents):
        if s != expected or e <= s:
            return False
        sentence[s:e] = [k] * (e - s)
        expected = e
    if expected != n:
        return False
    pos = 0
    for k, t in enumerate(p.tokens):
        if t.i != k or t.idx != pos or not p.text.startswith(t.text + t.ws, pos):
            return False
        if not 0 <= t.head < n or sentence[t.head] != sentence[k] or t.sent_start != (k in starts):
            return False
        pos += len(t.text) + len(t.ws)
    if pos != len(p.text):
        return False
    previous_end = 0
    for e in p.ents:
        if not previous_end <= e.start < e.end <= n or e.start_char != p.tokens[e.start].idx:
            return False
        if e.end_char != p.tokens[e.end - 1].end or p.text[e.start_char : e.end_char] != e.text:
            return False
        previous_end = e.end
    return True


def changed_pairs(old: Sequence[str], new: Sequence[str], most: int = 8) -> dict[str, str]:
    """New paragraph -> the old one it replaced, for paragraphs edited in place.

    The unchanged paragraphs at both ends are stripped; what is left is paired in order when
    old and new have as many paragraphs (an edit that splits or joins paragraphs pairs none).
    """
    head = 0
    while head < len(old) and head < len(new) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_mid, new_mid = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(old_mid) != len(new_mid) or len(new_mid) > most:
        return {}
    return {n: o for o, n in zip(old_mid, new_mid) if o != n}


# -- entities of the re-parsed part ---------------------------------------------------------
# The entity recogniser is half of spaCy's time on a sentence (it has its own embedding layers).
# Around a keystroke only the words near it can change their entities: the recogniser reads a
# window of the re-parsed part, and the labels of its inner tokens are taken; the rest keep the
# old parse's entities. A window token's embedding sees 4 neighbours on each side (4 convolution
# layers of width 1), so the outer NER_CONTEXT tokens of a cut window are context only.
NER_WINDOW = 8  # tokens on each side of the edited ones that the window holds
NER_CONTEXT = 4  # of those, the outer ones whose labels are not taken


@dataclass(frozen=True, slots=True)
class EntityWindow:
    start: int  # tokens of the re-parsed part the recogniser reads: [start, end)
    end: int
    core_start: int  # tokens whose entities come from the window: [core_start, core_end)
    core_end: int
    kept: tuple[tuple[int, int, str], ...]  # old entities outside the core, as (start, end, label) tokens of the new part


def entity_window(old: ParsedParagraph, plan: SplicePlan, tokens: Sequence[tuple[str, int]]) -> EntityWindow | None:
    """Where the recogniser must look in the re-parsed part, or None to run it on all of it.

    ``tokens``: (text, offset in the part) of the re-parsed part's new tokens. The tokens before
    and after the edited whitespace-separated chunk must be the old ones (same text, same place),
    and no old entity may cross the edge of the core, else the whole part is read.
    """
    k0, k1 = old.sents[plan.first][0], old.sents[plan.last][1]
    old_part = old.text[plan.start : plan.old_end]
    lo = _common_prefix(old_part, plan.middle)
    tail = _common_suffix(old_part, plan.middle, min(len(old_part), len(plan.middle)) - lo)
    delta = len(plan.middle) - len(old_part)
    new_hi = len(plan.middle) - tail
    chunk_lo = max(plan.middle.rfind(c, 0, lo) for c in " \n\t") + 1
    breaks = [p for p in (plan.middle.find(c, new_hi) for c in " \n\t") if p >= 0]
    chunk_hi = min(breaks) if breaks else len(plan.middle)
    new = list(tokens)
    was = [(t.text, t.idx - plan.start) for t in old.tokens[k0:k1]]
    n, m = len(new), len(was)
    before = sum(1 for text, idx in new if idx + len(text) <= chunk_lo)
    after = sum(1 for _, idx in new if idx >= chunk_hi)
    old_before = sum(1 for text, idx in was if idx + len(text) <= chunk_lo)
    old_after = sum(1 for _, idx in was if idx >= chunk_hi - delta)
    if (before, after) != (old_before, old_after) or before + after > min(n, m):
        return None
    if new[:before] != was[:before] or new[n - after :] != [(text, idx + delta) for text, idx in was[m - after :]]:
        return None
    start, end = max(0, before - NER_WINDOW), min(n, n - after + NER_WINDOW)
    if start == 0 and end == n:
        return None  # the window would be the whole part
    core_start = start + NER_CONTEXT if start > 0 else 0
    core_end = end - NER_CONTEXT if end < n else n
    shift = n - m
    kept = []
    for e in old.ents:
        if e.end <= k0 or e.start >= k1:
            continue
        if e.start < k0 or e.end > k1:
            return None  # across the edge of the re-parsed part (build_splice refuses it too)
        s, t = e.start - k0, e.end - k0
        if t <= before:  # among the unchanged tokens before the edit
            new_s, new_t = s, t
        elif s >= m - after:  # among those after it
            new_s, new_t = s + shift, t + shift
        else:  # on the edited tokens, which lie inside the core
            new_s, new_t = min(s, before), (t + shift if t > m - after else n - after)
        if new_t <= core_start or new_s >= core_end:
            kept.append((new_s, new_t, e.label))
        elif new_s < core_start or new_t > core_end:
            return None  # across the edge of the core
    return EntityWindow(start, end, core_start, core_end, tuple(kept))


def window_entities(window: EntityWindow, found: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]] | None:
    """The re-parsed part's entities: the window's inside its core (``found``: (start, end,
    label) tokens of the window), the old ones outside; None if one it found crosses the core's edge."""
    inner = []
    for s, e, label in found:
        s, e = s + window.start, e + window.start
        if e <= window.core_start or s >= window.core_end:
            continue  # context only: the old entities stand there
        if s < window.core_start or e > window.core_end:
            return None
        inner.append((s, e, label))
    return sorted([*window.kept, *inner])
