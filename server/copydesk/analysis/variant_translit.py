"""Older and current transliterations of one name (Odessa/Odesa, Nikolayev/Mykolaiv,
Tadjik/Tajik, Kharkov/Kharkiv), read through the transliteration systems themselves.

Each Latin form is read back into the Cyrillic letters it can stand for under the systems
that English-language copy meets: the Russian schemas of ``iuliia`` (BGN/PCGN, ALA-LC,
Wikipedia, ICAO, UNGEGN, BS 2979, passports, French MVD ...), the Ukrainian tables of
``translitua`` (the 2010 national system, BGN/PCGN, ALA-LC, British, 1996 ...), and the
BGN/PCGN tables for Tajik and Uzbek in ``data/transliteration_extra.tsv`` (j for дж).
The tables are read as data: a Latin spelling maps to the Cyrillic letters it transliterates.

Russian and Ukrainian letters for one sound are one class (г/ґ, и/і/ы/ї/й, е/є/э/ё), and the
Ukrainian -ів for Russian -ов/-ев (Kharkov/Kharkiv, Lvov/Lviv) is one ending, so a Russian
form and a Ukrainian one of a name meet. Two forms are one name's when some reading of each
is the same; a form the gazetteer lacks (Nikolayev) is respelled in BGN/PCGN from its
readings and looked up again (Nikolaev, an alternate name of Mykolaiv).
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from importlib import resources

log = logging.getLogger(__name__)

_CLASS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "э": "e", "ё": "e",
    "ж": "Z", "з": "z", "и": "i", "і": "i", "ї": "i", "ы": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "c",
    "ч": "C", "ш": "S", "щ": "SC", "ь": "", "ъ": "", "ю": "iu", "я": "ia", "ҷ": "dZ", "ғ": "g", "қ": "k",
    "ҳ": "x", "ӣ": "i", "ӯ": "u", "ў": "u",
}
# A class string back in BGN/PCGN, to ask the gazetteer for a form it lacks.
_BGN = {"Z": "zh", "x": "kh", "c": "ts", "C": "ch", "S": "sh"}
_MAX_READINGS = 48
_VOWELS = "aeiou"


def _cyrillic_class(cyrillic: str) -> str:
    return "".join(_CLASS.get(ch, "?") for ch in cyrillic.lower())


def _iuliia_tables() -> list[list[tuple[str, str]]]:
    """Each schema as Cyrillic -> Latin; a letter spelled by what precedes it ("ye" for е after
    a vowel) is filed under the letter alone."""
    try:
        folder = resources.files("iuliia").joinpath("schemas")
    except ModuleNotFoundError:
        log.warning("iuliia is not installed: Russian transliterations are read with fewer tables")
        return []
    out = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".json") or entry.name == "uz.json":  # uz: Uzbek Cyrillic, see the extra table
            continue
        schema = json.loads(entry.read_text(encoding="utf-8"))
        table = dict(schema.get("mapping") or {})
        pairs = [(c, lat) for c, lat in table.items()]
        pairs += [(c[-1], lat) for c, lat in (schema.get("prev_mapping") or {}).items()]
        pairs += list((schema.get("ending_mapping") or {}).items())
        out.append(pairs)
    return out


def _translitua_tables() -> list[list[tuple[str, str]]]:
    try:
        import translitua
    except ModuleNotFoundError:
        log.warning("translitua is not installed: Ukrainian transliterations are read with fewer tables")
        return []
    out = []
    for table in translitua.ALL_UKRAINIAN:
        pairs = list((getattr(table, "_MAIN_TRANSLIT_TABLE", {}) or {}).items())
        pairs += list((getattr(table, "_FIRST_CHARACTERS", {}) or {}).items())
        out.append(pairs)
    return out


def _extra_tables() -> list[list[tuple[str, str]]]:
    raw = resources.files("copydesk.data").joinpath("transliteration_extra.tsv").read_text(encoding="utf-8")
    pairs = []
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            cyrillic, latin = line.split("\t")[:2]
            pairs.append((cyrillic.strip(), latin.strip()))
    return [pairs]


@lru_cache(maxsize=1)
def chunks() -> dict[str, frozenset[str]]:
    """Latin spelling -> the letter classes it transliterates, from every table."""
    out: dict[str, set[str]] = {}
    for table in _iuliia_tables() + _translitua_tables() + _extra_tables():
        for cyrillic, latin in table:
            latin = latin.lower().replace("·", "")
            if not latin or not latin.isascii() or not latin.isalpha():
                continue
            cls = _cyrillic_class(cyrillic)
            if "?" not in cls:
                out.setdefault(latin, set()).add(cls)
    return {k: frozenset(v) for k, v in out.items()}


def _normalise(reading: str) -> str:
    reading = re.sub(r"(.)\1+", r"\1", reading)  # Odessa/Odesa: doubled letters are one
    reading = re.sub(r"(?<=[aeou])i(?=[aeou])", "", reading)  # Nikolayev/Nikolaev: the glide
    reading = re.sub(r"(?<=c)ia$", "a", reading)  # Vinnitsa/Vinnytsia: Russian -ца, Ukrainian -ця
    return re.sub(r"[oe]v$", "iv", reading)  # Kharkov/Kharkiv


@lru_cache(maxsize=16384)
def readings(form: str) -> frozenset[str]:
    """The letter-class strings a Latin form can transliterate (empty if it has other letters),
    with the differences between systems and between Russian and Ukrainian folded away."""
    return frozenset(_normalise(r) for r in _raw_readings(form))


@lru_cache(maxsize=4096)
def _raw_readings(form: str) -> frozenset[str]:
    text = form.lower()
    if not text.isascii() or not text.isalpha() or len(text) < 4:
        return frozenset()
    table = chunks()
    longest = max(map(len, table)) if table else 1
    partial: list[set[str]] = [set() for _ in range(len(text) + 1)]
    partial[0].add("")
    for i in range(len(text)):
        if not partial[i]:
            continue
        for n in range(1, min(longest, len(text) - i) + 1):
            classes = table.get(text[i : i + n])
            if not classes:
                continue
            for prefix in partial[i]:
                for cls in classes:
                    partial[i + n].add(prefix + cls)
            if len(partial[i + n]) > _MAX_READINGS:
                partial[i + n] = set(sorted(partial[i + n])[:_MAX_READINGS])
    return frozenset(partial[len(text)])


def same_reading(a: str, b: str) -> bool:
    ra = readings(a)
    return bool(ra) and bool(ra & readings(b))


def bgn_spellings(form: str) -> list[str]:
    """The form respelled in BGN/PCGN from each of its readings (Nikolayev -> Nikolaev)."""
    out = []
    for reading in sorted(_raw_readings(form)):
        latin = "".join(_BGN.get(ch, ch) for ch in re.sub(r"(.)\1+", r"\1", reading))
        latin = re.sub(r"(?<=[^aeiou])i$", "y", latin) if latin.endswith("ii") else latin
        shaped = latin[:1].upper() + latin[1:]
        if shaped.lower() != form.lower() and shaped not in out:
            out.append(shaped)
    return out[:12]
