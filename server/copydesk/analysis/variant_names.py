"""Names spelled two ways: Sergei/Sergey, Kiev/Kyiv, Zaporozhye/Zaporizhzhia, al-Qaeda/Al-Qaeda.

Two capitalised forms are one name only when their consonant outlines agree
AND something says they are the same thing:
- the gazetteer resolves both to the same place;
- the entity clusters put both in one cluster;
- they share a neighbour in the name ("Sergei Shoigu" / "Sergey Shoigu") or
  the words that follow ("Zaporozhye nuclear power" / "Zaporizhzhia nuclear power");
- or they differ only in accents, hyphens or case, or their transliteration keys
  are equal and long (Zelensky/Zelenskyy).
Never when one is the other plus a demonym or plural ending (Russia/Russian),
when the gazetteer names two different places (Iran/Iraq, Austria/Australia),
or when one is a nationality and the other is not.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from .. import gazetteer
from . import keys
from .entity_mentions import title_words
from .model import EntityCluster
from .variant_words import CONNECTORS, RawGroup, Word, name_runs
from .variant_lexical import uk_us_pair
from .variant_people import People, letter_apart
from .variant_translit import bgn_spellings, readings, same_reading

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "st"})
_STOP = frozenset(
    "the a an he she it they we i you his her its their our this that these those there here "
    "but and or if when while after before as at in on of for by with from to not no yes mr mrs ms dr "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


@lru_cache(maxsize=8192)
def place_id(form: str, labelled_place: bool = True) -> int | None:
    """GeoNames id of the place a form names: any place if the text labels it a place,
    else only a prominent one (Brian is an alternate name of Bryan, Texas)."""
    if len(keys.plain(form)) < 4:
        return None
    place = gazetteer.lookup(form)
    if place is None or not (labelled_place or place.prominent):
        return None
    _COUNTRY_OF[place.geonameid] = place.country_code
    return place.geonameid


def _is_candidate(w: Word) -> bool:
    if not w.has_upper or w.all_caps or len(w.text) < 3:
        return False
    if w.text.lower() in _STOP:
        return False
    if w.sentence_initial and not (w.pos == "PROPN" or w.ent_label):
        # "Odesa is on the Black Sea": the small model reads a sentence's first word as a noun;
        # a prominent place's name is a name all the same.
        return place_id(w.text, False) is not None
    return w.pos == "PROPN" or bool(w.ent_label) or not w.sentence_initial


def majority_label(occ: list[Word]) -> str:
    """The entity label most occurrences carry (the first seen on a tie), "" if none has one."""
    labels = [w.ent_label for w in occ if w.ent_label]
    if not labels:
        return ""
    if labels.count(labels[0]) == len(labels):  # the usual case, without building a Counter
        return labels[0]
    return Counter(labels).most_common(1)[0][0]


def name_candidates(
    text: str, words: list[Word], capitalised: list[Word] | None = None, lower_forms: frozenset[str] | None = None
) -> dict[str, list[Word]]:
    """Capitalised proper-name forms with their occurrences; position-only capitals folded.

    A capitalised word whose lower-case form the article also uses is a word, not a name
    ("Bank of America" against "Banc of America"). ``capitalised`` and ``lower_forms``: the
    words with a capital and the forms without one, if the caller has them."""
    occ: dict[str, list[Word]] = defaultdict(list)
    lower_words = lower_forms if lower_forms is not None else {w.text for w in words if not w.has_upper}
    words = capitalised if capitalised is not None else words  # only these can be names
    for w in words:
        if _is_candidate(w) and w.text.lower() not in lower_words:
            occ[w.text].append(w)
    # "SERGEY" in capitals stands for "Sergey" (the edit will keep the capitals).
    by_upper = {form.upper(): form for form in occ}
    for w in words:
        if w.all_caps and len(w.text) >= 3 and "." not in w.text and w.text in by_upper and w.text not in occ:
            occ[by_upper[w.text]].append(w)
            occ[by_upper[w.text]].sort(key=lambda x: x.start)
    # "Al-Qaeda" at a sentence start or in a headline stands for "al-Qaeda" used in the body.
    for form in list(occ):
        lowered = form[0].lower() + form[1:]
        if lowered != form and lowered in occ:
            positional = [w for w in occ[form] if w.sentence_initial or w.kind.value == "headline"]
            rest = [w for w in occ[form] if w not in positional]
            occ[lowered].extend(positional)
            occ[lowered].sort(key=lambda w: w.start)
            if rest:
                occ[form] = rest
            else:
                del occ[form]
    return dict(occ)


class _Context:
    """What each form's occurrences sit next to.

    Built on first use: most edits meet no pair of forms that gets this far in ``same_name``,
    and building it walks every word of the article."""

    def __init__(self, text: str, words: list[Word], clusters: list[EntityCluster], runs: list[list[Word]] | None = None):
        self._inputs: tuple | None = (text, words, clusters, runs)

    def _ready(self) -> None:
        if self._inputs is None:
            return
        text, words, clusters, runs = self._inputs
        self._inputs = None
        titles = title_words() | _HONORIFICS
        self.run_neighbours: dict[str, set[str]] = defaultdict(set)
        # Forms only ever seen before another name ("Bryan" in "Bryan Okonkwo"): given names,
        # which identify nobody on their own.
        self.given: Counter[str] = Counter()
        self.seen: Counter[str] = Counter(w.text for w in words)
        runs = runs if runs is not None else name_runs(text, words)
        first_seen: dict[str, int] = {}
        for w in words:
            first_seen.setdefault(w.text, w.start)
        self.people = People(text, runs, clusters, titles, first_seen)
        for run in runs:
            for w, after in zip(run, run[1:]):
                if after.has_upper and after.text.lower() not in CONNECTORS and w.text.lower() not in titles:
                    self.given[w.text] += 1
            for i, w in enumerate(run):
                # Direct neighbours only: "Dong Jun and Juan Guaido" is one run but two people.
                for other in run[max(i - 1, 0) : i] + run[i + 1 : i + 2]:
                    low = other.text.lower()
                    if not other.has_upper or low in titles or low in CONNECTORS:
                        continue
                    if keys.outline_match(other.text, w.text):
                        continue
                    self.run_neighbours[w.text].add(keys.fine(other.text))
        self.following: dict[str, set[str]] = defaultdict(set)
        for i, w in enumerate(words[:-2]):
            a, b = words[i + 1], words[i + 2]
            if a.paragraph == b.paragraph == w.paragraph and not a.has_upper and a.pos in ("NOUN", "ADJ"):
                self.following[w.text].add(f"{a.text.lower()} {b.text.lower()}")
        # Clusters join full names only: a lone "Brian" may have been folded into "Bryan Okonkwo".
        self.cluster_of: dict[str, set[str]] = defaultdict(set)
        for cluster in clusters:
            for m in cluster.mentions:
                if len(m.text.split()) < 2:
                    continue
                for part in m.text.split():
                    self.cluster_of[part.strip(".,'’")].add(cluster.id)

    def given_name(self, form: str) -> bool:
        self._ready()
        return self.given[form] >= self.seen[form]

    def conflict(self, a: str, b: str) -> bool:
        self._ready()
        na, nb = self.run_neighbours[a], self.run_neighbours[b]
        return bool(na) and bool(nb) and not (na & nb)

    def in_full_name(self, *forms: str) -> bool:
        self._ready()
        return any(f in self.people.in_full_name for f in forms)

    def two_people(self, a: str, b: str) -> bool:
        self._ready()
        return self.people.two_people(a, b)

    def one_person(self, a: str, b: str) -> bool:
        self._ready()
        return self.people.one_person(a, b)

    def evidence(self, a: str, b: str) -> bool:
        self._ready()
        if self.run_neighbours[a] & self.run_neighbours[b]:
            return True
        if self.following[a] & self.following[b]:
            return True
        return bool(self.cluster_of.get(a, set()) & self.cluster_of.get(b, set()))


def _resolved_place(form: str, label: str) -> int | None:
    """The place a form names, also when only its BGN/PCGN respelling is in the gazetteer."""
    pid = place_id(form, label in PLACE_LABELS)
    if pid is not None or label not in PLACE_LABELS:
        return pid
    return next((p for p in (place_id(s, True) for s in bgn_spellings(form)) if p is not None and cyrillic_place(p)), None)


# Countries whose place names English copy takes from Cyrillic, where the systems apply.
_CYRILLIC_COUNTRIES = frozenset("RU UA BY KZ KG TJ UZ TM MD BG RS MK MN AZ GE AM".split())
_COUNTRY_OF: dict[int, str] = {}


def cyrillic_place(pid: int) -> bool:
    return _COUNTRY_OF.get(pid, "") in _CYRILLIC_COUNTRIES



def same_name(a: str, b: str, labels: dict[str, str], ctx: _Context | None) -> str | None:
    """The kind of variant if ``a`` and ``b`` are one name spelled two ways, else None."""
    if a == b or keys.is_derived(a, b):
        return None
    transliterated = same_reading(a, b)  # Tadjik/Tajik, Kharkov/Kharkiv: one reading under the systems
    outlined = transliterated or keys.outline_match(a, b)
    if uk_us_pair(a, b):
        return None  # Organisation/Organization: the British/American pass owns it
    la, lb = labels.get(a, ""), labels.get(b, "")
    if {la, lb} & {"NORP"} and {la, lb} & PLACE_LABELS:
        return None  # a nationality and a place

    pa, pb = place_id(a, la in PLACE_LABELS), place_id(b, lb in PLACE_LABELS)
    if pa is not None and pb is not None and pa != pb:
        return None
    if (pa is None) != (pb is None):
        # The gazetteer lacks one form (Nikolayev): respelled in BGN/PCGN it may be the other's
        # place -- if that place's name comes from Cyrillic (Parys is not Paris).
        known, unknown = (pa, b) if pa is not None else (pb, a)
        if cyrillic_place(known) and any(place_id(s, True) == known for s in bgn_spellings(unknown)):
            pa = pb = known
    if not outlined and not (pa is not None and pa == pb):
        return None
    if keys.plain(a) == keys.plain(b):
        return "orthography"
    same_place = pa is not None and pa == pb
    if ctx is not None and ctx.two_people(a, b):
        return None  # "John Smith, a farmer" and "Jon Smith, a banker"
    shared = ctx is not None and ctx.evidence(a, b)
    if not same_place and not shared and ctx is not None and ctx.conflict(a, b):
        return None  # "Philip Green" and "Phillip Okonkwo": two people
    if not same_place and not shared and ctx is not None and letter_apart(a, b) and ctx.one_person(a, b):
        return "transliteration"  # "Mark Phillips ... Philips said": the only person of that name
    long_enough = min(len(keys.plain(a)), len(keys.plain(b))) >= 5
    given = ctx is not None and (ctx.given_name(a) or ctx.given_name(b))
    if keys.fine(a) == keys.fine(b) and (same_place or shared or (long_enough and not given)):
        return "transliteration"
    if transliterated and (same_place or shared):
        return "transliteration"
    if transliterated and long_enough and not given and not (pa or pb) and ctx is not None and not ctx.in_full_name(a, b):
        return "transliteration"  # peoples and names outside the gazetteer, never in a full name: Tadjik/Tajik
    if keys.similarity(a, b) < 0.6:
        return None
    return "transliteration" if same_place or shared else None


def find_name_groups(
    text: str,
    words: list[Word],
    clusters: list[EntityCluster],
    runs: list[list[Word]] | None = None,
    candidates: dict[str, list[Word]] | None = None,
) -> list[RawGroup]:
    """``runs`` and ``candidates``: ``name_runs`` and ``name_candidates`` of the same words, if
    the caller has them already."""
    occ = candidates if candidates is not None else name_candidates(text, words)
    labels = {form: majority_label(ws) for form, ws in occ.items()}
    ctx = _Context(text, words, clusters, runs)
    by_outline: dict[str, list[str]] = defaultdict(list)
    for form in occ:
        for sk in keys.skeletons(form):
            by_outline[sk].append(form)
        for reading in readings(form):  # forms whose outlines differ but one system's letters agree
            by_outline["r:" + reading].append(form)
        pid = _resolved_place(form, labels.get(form, ""))
        if pid is not None:  # Nikolayev (respelled Nikolaev) and Mykolaiv: one place, other outlines
            by_outline[f"p:{pid}"].append(form)
    parent = {form: form for form in occ}
    kinds: dict[tuple[str, str], str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    checked: set[tuple[str, str]] = set()
    for forms in by_outline.values():
        for i, a in enumerate(forms):
            for b in forms[i + 1 :]:
                if (a, b) in checked or a == b:
                    continue
                checked.add((a, b))
                kind = same_name(a, b, labels, ctx)
                if kind:
                    kinds[(a, b)] = kind
                    parent[find(a)] = find(b)
    components: dict[str, list[str]] = defaultdict(list)
    for form in occ:
        components[find(form)].append(form)
    groups = []
    for forms in components.values():
        if len(forms) < 2:
            continue
        forms.sort(key=lambda f: occ[f][0].start)
        pair_kinds = {k for (a, b), k in kinds.items() if a in forms and b in forms}
        kind = "transliteration" if "transliteration" in pair_kinds else "orthography"
        pid = next((place_id(f, labels.get(f) in PLACE_LABELS) for f in forms if place_id(f, labels.get(f) in PLACE_LABELS) is not None), None)
        key = f"place:{pid}" if pid is not None else "name:" + min(keys.fine(f) for f in forms)
        groups.append(RawGroup(key, kind, {f: occ[f] for f in forms}))
    return groups
