"""The console script says what happened: no silent no-ops, an example house style that
tests itself, and a progress bar only on a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from conftest import COPYDESK

ARTICLE = "The ferry from Odessa reached Kiev late on Sunday, the harbour master said.\n"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([COPYDESK, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_fix_without_a_house_style_says_how_to_get_one(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = _run("fix", "--dry-run", "a.txt", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert "no house style found; try --majority or `copydesk style init`" in result.stderr
    missing = _run("fix", "--dry-run", "nope.txt", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.txt: no such file" in missing.stderr


def test_check_on_a_folder_without_articles_says_so(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "photo.jpg").write_bytes(b"\xff\xd8")
    result = _run("check", "drafts", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert "no .txt/.md/.markdown files under drafts" in result.stderr


def test_style_init_then_style_test_and_fix_work_out_of_the_box(tmp_path):
    made = _run("style", "init", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    style = (tmp_path / "copydesk.toml").read_text(encoding="utf-8")
    assert 'presets = ["ukraine-places"]' in style and style.count("\n[[tests]]\n") == 2
    assert sum(line.startswith("#") for line in style.splitlines()) >= 10  # commented
    tested = _run("style", "test", cwd=tmp_path)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "2 passed, 0 failed" in tested.stdout
    # the example style is a real one: fix applies it
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    diff = _run("fix", "--dry-run", "a.txt", cwd=tmp_path)
    assert diff.returncode == 1, diff.stderr
    assert "+The ferry from Odesa reached Kyiv late" in diff.stdout
    # an existing file is never replaced without --force
    again = _run("style", "init", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert (tmp_path / "copydesk.toml").read_text(encoding="utf-8") == style


def test_fix_that_changes_nothing_says_so(tmp_path):
    assert _run("style", "init", cwd=tmp_path).returncode == 0
    (tmp_path / "a.txt").write_text("The ferry reached Kyiv late on Sunday.\n", encoding="utf-8")
    result = _run("fix", "--dry-run", "a.txt", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert "nothing to change in 1 file" in result.stderr


def _run_on_terminal(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """Run with stderr on a pseudo-terminal; stdout piped. (exit code, terminal bytes, stdout)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    proc = subprocess.Popen([COPYDESK, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    out = proc.stdout.read().decode("utf-8") if proc.stdout else ""
    os.close(leader)
    return proc.wait(timeout=60), seen, out


def test_progress_bar_on_a_terminal_only(tmp_path):
    if not sys.platform.startswith("linux"):
        return
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(ARTICLE, encoding="utf-8")
    code, terminal, out = _run_on_terminal(["check", ".", "--fail-on", "none"], tmp_path)
    assert code == 0
    assert b"Checking" in terminal and b"3/3" in terminal, terminal[-500:]
    assert "Checking" not in out  # the report on stdout stays clean
    piped = _run("check", ".", "--fail-on", "none", cwd=tmp_path)
    assert "Checking" not in piped.stderr and "\x1b[" not in piped.stderr
