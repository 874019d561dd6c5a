"""The gazetteer's on-disk index: read back instead of rebuilt, and never a reason to fail."""

from __future__ import annotations

import pytest

from copydesk import gazetteer
from copydesk.gazetteer import Place

KYIV = Place(703448, "Kyiv", "city", "UA", "Ukraine", 2952301)
UKRAINE = Place(690791, "Ukraine", "country", "UA", "Ukraine", 44622516, "Kyiv")
SMALL = {"Kyiv": KYIV, "Kiev": KYIV, "Ukraine": UKRAINE}


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A process that has not loaded the gazetteer yet, with its cache in tmp_path."""
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer, "_index", None)
    gazetteer.lookup.cache_clear()
    yield tmp_path / "cache"
    gazetteer.lookup.cache_clear()  # answers from the small index must not outlive the test


def _no_build():
    raise AssertionError("built the index although the cache file was there")


def test_the_second_start_reads_the_cache_file_instead_of_building(fresh, monkeypatch):
    monkeypatch.setattr(gazetteer, "_build", lambda: dict(SMALL))
    assert gazetteer.lookup("Kiev") == KYIV
    assert gazetteer.cache_path().is_file() and gazetteer.cache_path().parent == fresh

    monkeypatch.setattr(gazetteer, "_build", _no_build)
    monkeypatch.setattr(gazetteer, "_index", None)
    gazetteer.lookup.cache_clear()
    assert gazetteer.lookup("KIEV") == KYIV  # the upper-case fallback works on the stored index
    assert gazetteer.lookup("Ukraine").capital == "Kyiv"
    assert gazetteer.lookup("Kiev") is gazetteer.lookup("Kyiv")  # one object per place
    assert gazetteer.lookup("Atlantis") is None


def test_a_damaged_file_is_rebuilt_and_replaced(fresh, monkeypatch):
    monkeypatch.setattr(gazetteer, "_build", lambda: dict(SMALL))
    path = gazetteer.cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle at all")
    assert gazetteer.lookup("Kyiv") == KYIV
    assert gazetteer._read(path) is not None


def test_an_unwritable_cache_location_still_gives_a_gazetteer(tmp_path, fresh, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(gazetteer, "_build", lambda: dict(SMALL))
    assert gazetteer.lookup("Kyiv") == KYIV


def test_a_new_format_or_data_uses_another_file(fresh, monkeypatch):
    before = gazetteer.cache_path()
    monkeypatch.setattr(gazetteer, "FORMAT", gazetteer.FORMAT + 1)
    assert gazetteer.cache_path() != before


def test_the_real_index_round_trips(fresh, monkeypatch):
    real = gazetteer._compact(gazetteer._build())
    path = gazetteer.cache_path()
    gazetteer._write(path, real)
    back = gazetteer._read(path)
    assert back is not None
    assert back.names == real.names and back.rows == real.rows and list(back.rows_of) == list(real.rows_of)
    assert back.get("Kyiv")[1] == "Kyiv" and back.get("France")[2] == "country"
