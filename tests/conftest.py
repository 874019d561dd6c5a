"""Shared fixtures: one spaCy engine per test session, paths to the seeds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
SEED_000 = SEEDS / "000_60f9b3ceaf33020d.txt"
SEED_003 = SEEDS / "003_3b0ab8ce93788c52.txt"
GOLD = SHARED / "eval" / "seeds-gold.json"
# The console script of the environment the tests run in.
COPYDESK = str(Path(sys.executable).with_name("copydesk"))


@pytest.fixture(scope="session")
def engine():
    from copydesk.nlp import Engine

    eng = Engine()
    eng.load()
    return eng


@pytest.fixture(scope="session")
def settings():
    from copydesk.settings import Settings

    return Settings()
