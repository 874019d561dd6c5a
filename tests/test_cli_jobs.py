"""`copydesk check --jobs N`: worker processes give the report one process gives, and fail cleanly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import COPYDESK, SEED_000, SEED_003

ARTICLES = [
    "Officials in Kiev said the talks would resume on Monday.\n\nThe minister declined to comment.",
    "The government in Kyiv denied the report.\n\n\"We will not bow to pressure,\" a spokesman said.",
    "Critics say the plan will cost billions.\n\nIt is widely seen as a gamble.",
    "Maria Lopez, a nurse at St Mary's Hospital, said staff were exhausted.\n\nLopez added that pay was the issue.",
    "The colour of the new trains was chosen by commuters.\n\nThe color scheme divided opinion.",
    "Shares in Acme Corp fell 5% after the announcement, according to analysts.",
]


def _check(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([COPYDESK, "check", *args], capture_output=True, text=True, timeout=timeout)


def _corpus(tmp_path: Path) -> list[str]:
    paths = [shutil.copy(SEED_000, tmp_path / "a_seed.txt"), shutil.copy(SEED_003, tmp_path / "b_seed.txt")]
    for k, text in enumerate(ARTICLES):
        path = tmp_path / f"c_{k}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    bad = tmp_path / "d_latin1.txt"
    bad.write_bytes("caf\xe9 society".encode("latin-1"))
    return [str(p) for p in [*paths, bad]]


def test_two_workers_give_the_same_report_as_one_process(tmp_path):
    files = _corpus(tmp_path)
    one = _check("--format", "json", *files)
    two = _check("--format", "json", "--jobs", "2", *files)
    assert one.returncode == two.returncode == 2, (one.stderr, two.stderr)  # the latin-1 file is an input error
    assert two.stdout == one.stdout
    assert '"kyiv"' in one.stdout.lower()  # cross-file variants still see every file


def test_two_workers_with_a_missing_model_stop_with_one_clear_error(tmp_path):
    # A worker that cannot load the model used to die in the pool's initializer, be replaced,
    # die again, ... for ever. The model is now loaded once, before the workers start.
    files = _corpus(tmp_path)
    proc = _check("--jobs", "2", "--model", "no_such_model_xyz", *files, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.count("no_such_model_xyz") == 1 and "pip install" in proc.stderr
    assert "Traceback" not in proc.stderr
