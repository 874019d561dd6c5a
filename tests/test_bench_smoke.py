"""The speed benchmark keeps running: `bench/run.py --quick` goes end to end and prints every row.

No timing is asserted here (the machine's noise would make that flaky); the figures
and their goals are read from the full run, `python bench/run.py`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
ROWS = ["1. open", "2a.", "2b.", "2c.", "2d.", "3. hover", "4. cold start", "5a.", "5b.", "B1.", "B2.", "B3.", "6a.", "6b.", "6c."]


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus/bbc")
def test_quick_bench_prints_every_row():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    table = done.stdout
    assert table.splitlines()[0].startswith("figure")
    for row in ROWS:
        lines = [line for line in table.splitlines() if line.startswith(row)]
        assert len(lines) == 1, f"row {row!r} missing from:\n{table}"
        measured = lines[0].split("|")[1].strip()
        assert measured and "nan" not in measured, lines[0]
