"""Words (not names) spelled two ways: British/American, hyphens and accents,
abbreviation style (U.S./US, NATO/Nato) and one expansion with two acronyms.

British/American pairs come from ``breame`` (a maintained UK/US spelling list),
minus pairs where both words are ordinary British English with different
meanings (draft/draught, program/programme, tire/tyre ...), listed in
``data/uk_us_not_variants.txt``.

Official names keep their spelling: "Ministry of Defence" next to "Department
of Defense" is not a variant. A capitalised occurrence inside a longer name is
compared only with occurrences that share a neighbouring word in their name
("Defence Minister" / "Defense Minister", "Cooperation Organisation" /
"Cooperation Organization").
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

from . import keys
from .variant_words import CONNECTORS, RawGroup, Word, name_runs, spelling_words, word


@lru_cache(maxsize=1)
def _not_variants() -> frozenset[str]:
    raw = resources.files("copydesk.data").joinpath("uk_us_not_variants.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


_ISE = re.compile(r"^(\w{4,})is(e|ed|es|ing|ation|ations|er|ers)$")
_IZE = re.compile(r"^(\w{4,})iz(e|ed|es|ing|ation|ations|er|ers)$")


def _excluded(word: str) -> bool:
    """In the not-variants list, or an inflection of a word there (practices, programmes)."""
    if word in _not_variants():
        return True
    return any(word.startswith(stem) and len(word) - len(stem) <= 3 for stem in _not_variants() if len(stem) >= 4)


@lru_cache(maxsize=65536)
def american(word: str) -> str | None:
    """The American spelling a word stands for, if it has a British/American pair; else None."""
    w = word.lower()
    if w in BRITISH_ENGLISH_SPELLINGS:
        us = BRITISH_ENGLISH_SPELLINGS[w]
    elif w in AMERICAN_ENGLISH_SPELLINGS:
        us = w
    else:
        return None
    if _excluded(w) or _excluded(us):
        return None
    return us


@lru_cache(maxsize=65536)
def british(word: str) -> str | None:
    us = american(word)
    if us is None:
        return None
    if word.lower() in BRITISH_ENGLISH_SPELLINGS:
        return word.lower()
    return AMERICAN_ENGLISH_SPELLINGS.get(us)


def uk_us_pair(a: str, b: str) -> bool:
    ua, ub = american(a), american(b)
    return ua is not None and ua == ub and a.lower() != b.lower()


@lru_cache(maxsize=65536)
def uk_us_probe(form: str) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """What a form can stand for: its American spelling from the list, else -ise/-ize
    readings the list lacks, as (the other spelling the article must also use, the key).
    Cached by form: the pass asks it of every word of the article on every edit."""
    us = american(form)
    if us is not None:
        return us, ()
    w = form.lower()
    readings = []
    m = _ISE.match(w)
    if m:
        readings.append((m.group(1) + "iz" + m.group(2), m.group(1) + "iz" + m.group(2)))
    m = _IZE.match(w)
    if m:
        readings.append((m.group(1) + "is" + m.group(2), w))
    return None, tuple(readings)


# Labour (UK) and Labor (Australia, Israel) are different parties, not spellings.
_PARTY_NAMES = frozenset({"labour", "labor"})


def _signatures(run: list[Word], w: Word) -> set[str]:
    """The word with its nearest name-word neighbours, spelling-folded: "defense minister".
    Connectors are skipped, so "Ministry of Defence" gives "ministry defense"."""
    i = run.index(w)
    left = [x for x in run[:i] if x.text.lower() not in CONNECTORS]
    right = [x for x in run[i + 1 :] if x.text.lower() not in CONNECTORS]
    out = set()
    if left:
        out.add(f"{_fold(left[-1])} {_fold(w)}")
    if right:
        out.add(f"{_fold(w)} {_fold(right[0])}")
    return out


def _fold(w: Word) -> str:
    base = w.text.lower()
    folded = american(base) or base
    return folded[:-1] if len(folded) > 3 and folded.endswith("s") and not folded.endswith("ss") else folded


def caps_parts(words: list[Word]) -> list[Word]:
    """Words plus the capitalised parts of hyphenated words: "US" in "US-led"."""
    out: list[Word] = []
    for w in words:
        out.append(w)
        if "-" in w.text and any(c.isupper() for c in w.text):
            offset = 0
            for part in w.text.split("-"):
                if part.isupper() and len(part) >= 2:
                    out.append(word(part, w.start + offset, w.start + offset + len(part), w.paragraph, w.kind,
                                    "PROPN", part, w.ent_label, w.sentence_initial and offset == 0, w.index))
                offset += len(part) + 1
    return out


def spelling_preference(words: list[Word]) -> str | None:
    """"british" or "american": how the article spells the words that have both spellings
    (lower-case words only; names keep their own), None when it is even."""
    votes = {"british": 0, "american": 0}
    for w in spelling_words(words):
        if w.has_upper:
            continue
        us = american(w.text)
        if us is None:
            continue
        uk = british(w.text)
        low = w.text.lower()
        if low == us and uk != us:
            votes["american"] += 1
        elif low == uk and uk != us:
            votes["british"] += 1
    if votes["british"] == votes["american"]:
        return None
    return max(votes, key=votes.__getitem__)


def find_uk_us_groups(
    text: str,
    words: list[Word],
    runs: list[list[Word]] | None = None,
    readable: list[Word] | None = None,
    vocabulary: frozenset[str] | None = None,
) -> list[RawGroup]:
    """``readable``: the words with a British/American reading (``uk_us_probe``), and
    ``vocabulary``: every form lower-cased, if the caller has them."""
    by_key: dict[str, list[Word]] = defaultdict(list)
    for w in spelling_words(readable if readable is not None else words):
        if w.all_caps or (w.has_upper and w.text.lower() in _PARTY_NAMES):
            continue
        us, readings = uk_us_probe(w.text)
        if us is None and readings:  # an -ise/-ize word the list lacks: only if the article uses both
            if vocabulary is None:
                vocabulary = frozenset(x.text.lower() for x in words)
            us = next((key for other, key in readings if other in vocabulary), None)
        if us:
            by_key[us].append(w)
    groups: list[RawGroup] = []
    if not by_key:
        return groups
    run_of: dict[int, list[Word]] = {}
    for run in runs if runs is not None else name_runs(text, words):
        if len(run) > 1:
            for w in run:
                run_of[w.index] = run
    for us, occ in by_key.items():
        # Plain words form one pool; words inside names join others sharing a signature.
        plain_words = [w for w in occ if w.index not in run_of or not w.has_upper or w not in run_of[w.index]]
        named = [w for w in occ if w not in plain_words]
        parent = list(range(len(named)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        sig_home: dict[str, int] = {}
        for i, w in enumerate(named):
            for sig in _signatures(run_of[w.index], w):
                if sig in sig_home:
                    parent[find(i)] = find(sig_home[sig])
                else:
                    sig_home[sig] = i
        by_root: dict[int, list[Word]] = defaultdict(list)
        for i, w in enumerate(named):
            by_root[find(i)].append(w)
        components = ([plain_words] if plain_words else []) + list(by_root.values())
        for n, comp in enumerate(components):
            forms: dict[str, list[Word]] = defaultdict(list)
            for w in sorted(comp, key=lambda w: w.start):
                forms[w.text.lower()].append(w)
            if len(forms) > 1:
                groups.append(RawGroup(f"ukus:{us}" + (f"#{n}" if n else ""), "british-american", dict(forms), False))
    return groups


def find_abbreviation_groups(words: list[Word]) -> list[RawGroup]:
    """U.S./US, U.K./UK; NATO/Nato (an acronym also written as a name)."""
    by_letters: dict[str, dict[str, list[Word]]] = defaultdict(lambda: defaultdict(list))
    # Capitals next to capitals are emphasis or a headline ("SERGEY SHOIGU"), not acronyms.
    def caps(w: Word) -> bool:
        return w.all_caps and not keys.DOTTED.match(w.text)

    # Every form this pass files has a capital, so lower-case words (most of them) are skipped
    # up front; two capitalised words are neighbours in the article when their indexes are.
    words = [w for w in words if w.has_upper]
    shouted: set[int] = set()
    for a, b in zip(words, words[1:]):
        if b.index == a.index + 1 and a.paragraph == b.paragraph and caps(a) and caps(b):
            shouted |= {a.index, b.index}
    words = [w for w in caps_parts(words) if not (w.index in shouted and w.all_caps and not keys.DOTTED.match(w.text))]
    for w in words:
        if keys.DOTTED.match(w.text):
            by_letters[keys.undotted(w.text)][w.text].append(w)
    for w in words:
        t = w.text
        if t in by_letters:
            by_letters[t][t].append(w)
        elif len(t) >= 4 and t.isalpha() and t.isupper():
            by_letters[t][t].append(w)
    for w in words:
        t = w.text
        if len(t) >= 4 and t.istitle() and t.upper() in by_letters and t.upper() in by_letters[t.upper()]:
            if (w.pos == "PROPN" or w.ent_label) and not w.sentence_initial and w.kind.value != "headline":
                by_letters[t.upper()][t].append(w)
    groups = []
    for letters, forms in by_letters.items():
        if len(forms) > 1:
            ordered = dict(sorted(forms.items(), key=lambda kv: kv[1][0].start))
            groups.append(RawGroup(f"abbr:{letters}", "abbreviation", ordered))
    return groups


_SMALL = {"of", "on", "for", "and", "the", "in", "de", "du", "la", "&", "to"}
_DEFINITION = re.compile(
    r"((?:[A-Z][\w’'-]*)(?:\s+(?:(?:of|on|for|and|the|in|de|du|la|to|&)\s+)*[A-Z][\w’'-]*){1,9})"
    r"\s*\(\s*([A-Z][A-Z0-9&]{1,7})\s*\)"
)


def _initials(words: list[str], with_small: bool) -> str:
    return "".join(w[0].upper() for w in words if with_small or w.lower() not in _SMALL)


def acronym_definitions(text: str) -> dict[str, str]:
    """ACRONYM -> expansion, for "Moscow Conference on International Security (MCIS)"."""
    found: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        acro, parts = m.group(2), m.group(1).split()
        # Keep the shortest tail of the phrase that the acronym abbreviates.
        for start in range(len(parts)):
            tail = parts[start:]
            if tail[0].lower() in _SMALL:
                continue
            if acro in (_initials(tail, False), _initials(tail, True)) or (
                acro[0] == tail[0][0] and set(acro) <= set(_initials(tail, True)) and len(acro) >= len(_initials(tail, False)) - 1
            ):
                found.setdefault(acro, " ".join(tail))
                break
    return found


def find_acronym_groups(text: str, words: list[Word], runs: list[list[Word]] | None = None) -> list[RawGroup]:
    """One expansion written with two acronyms: a defined MCIS and an undefined MIOS next to it,
    or two acronyms both defined with the same expansion. Given ``runs``, ``words`` need only
    hold the capitalised words."""
    defined = acronym_definitions(text)
    occ: dict[str, list[Word]] = defaultdict(list)
    for w in caps_parts(words):
        if w.text.isupper() and w.text.isalpha() and len(w.text) >= 2:
            occ[w.text].append(w)
    if runs is None:
        runs = name_runs(text, words)
    runs_initials = {_initials([x.text for x in run], False) for run in runs if len(run) > 1}
    groups: dict[str, dict[str, list[Word]]] = {}
    by_expansion: dict[str, list[str]] = defaultdict(list)
    for acro, expansion in defined.items():
        by_expansion[keys.fine(expansion)].append(acro)
    for exp_key, acros in by_expansion.items():
        if len(acros) > 1:
            groups[exp_key] = {a: occ[a] for a in acros if occ.get(a)}
    for acro, expansion in defined.items():
        letters = set(_initials(expansion.split(), True))
        for other, ws in occ.items():
            if other in defined or other == acro or len(other) < 3:
                continue
            limit = 1 if len(other) <= 3 else 2
            if (
                other[0] == acro[0]
                and abs(len(other) - len(acro)) <= 1
                and keys.edit_distance(other, acro) <= limit
                and set(other) <= letters
                and other not in runs_initials
                and len(ws) <= len(occ.get(acro, ()))
                and place_free(other)
            ):
                group = groups.setdefault(keys.fine(expansion), {acro: occ.get(acro, [])})
                group[other] = ws
    out = []
    for exp_key, forms in groups.items():
        forms = {f: ws for f, ws in forms.items() if ws}
        if len(forms) > 1:
            ordered = dict(sorted(forms.items(), key=lambda kv: kv[1][0].start))
            out.append(RawGroup(f"acr:{exp_key}", "acronym", ordered))
    return out


def place_free(acro: str) -> bool:
    """Country codes and the like are their own thing (UK is not a typo of UN)."""
    from .. import gazetteer

    place = gazetteer.lookup(acro) if len(acro) > 3 else None
    return place is None and acro not in {"US", "UK", "UN", "EU", "USA", "UAE", "USSR"}


_OPEN_COMPOUND_POS = {"NOUN", "PROPN"}


def _real_orthography(forms: dict[str, list[Word]]) -> bool:
    """A closed form against a hyphenated or open one (email/e-mail, website/web site), or
    accents only. Hyphenated against open is grammar, not spelling: "a long-term plan" but
    "in the long term"."""
    closed = [f for f in forms if "-" not in f and " " not in f]
    if closed and len(forms) > 1:
        return True
    ascii_forms = {f.encode("ascii", "ignore").decode() for f in forms}
    return len(ascii_forms) < len(forms)


def _one_space(gap: str) -> bool:
    return gap == " " or (gap.isspace() and gap.count("\n") <= 1 and len(gap) <= 4)


def find_orthography_groups(text: str, words: list[Word]) -> list[RawGroup]:
    """e-mail/email, co-operation/cooperation, web site/website, café/cafe (lower-case words)."""
    # Occurrences by form first, keys per distinct form after: an article repeats its words,
    # and the order of first occurrences (of forms, so of keys) is kept.
    by_form: dict[str, list[Word]] = {}
    for w in words:
        if w.has_upper and not w.sentence_initial:
            continue
        t = w.text.lower()
        if t in by_form:
            by_form[t].append(w)
        else:
            by_form[t] = [w]
    by_key: dict[str, dict[str, list[Word]]] = defaultdict(lambda: defaultdict(list))
    for t, ws in by_form.items():
        key = keys.plain(t)
        if len(key) < 4 or t.startswith("re-"):
            continue
        by_key[key][t] = ws
    # Open compounds ("web site") only where the closed form is also used.
    for a, b in zip(words, words[1:]):
        if a.pos not in _OPEN_COMPOUND_POS or b.pos not in _OPEN_COMPOUND_POS or a.has_upper or b.has_upper:
            continue
        # A hard-wrapped article breaks "web\nsite" over two lines: the same open compound.
        if a.paragraph == b.paragraph and _one_space(text[a.end : b.start]):
            key = keys.plain(a.text + b.text)
            if key in by_key:
                merged = word(f"{a.text} {b.text}", a.start, b.end, a.paragraph, a.kind, b.pos, b.lemma, "", a.sentence_initial, a.index)
                by_key[key][merged.text.lower()].append(merged)
    groups = []
    for key, forms in by_key.items():
        if len(forms) > 1 and american(next(iter(forms))) is None and _real_orthography(forms):
            ordered = dict(sorted(forms.items(), key=lambda kv: kv[1][0].start))
            groups.append(RawGroup(f"orth:{key}", "orthography", ordered, False))
    return groups
