"""`copydesk fix` and `copydesk style test` through the installed console script."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import COPYDESK, SEED_000, SEED_003

STYLE = """\
spelling = "british"
abbreviations = "undotted"
presets = ["ukraine-places"]
[[tests]]
text = "He flew to Kiev. The U.S. organization said."
expected = "He flew to Kyiv. The US organisation said."
"""


def _run(*args, cwd):
    return subprocess.run([COPYDESK, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def workspace(tmp_path):
    shutil.copy(SEED_000, tmp_path / "a.txt")
    shutil.copy(SEED_003, tmp_path / "b.txt")
    (tmp_path / "copydesk.toml").write_text(STYLE, encoding="utf-8")
    return tmp_path


def test_dry_run_prints_a_diff_and_changes_nothing(workspace):
    before = (workspace / "b.txt").read_text(encoding="utf-8")
    result = _run("fix", "--dry-run", "b.txt", cwd=workspace)
    assert result.returncode == 1, result.stderr
    assert "--- a/b.txt" in result.stdout and "+++ b/b.txt" in result.stdout
    assert "-\"The Kiev regime" in result.stdout and "+\"The Kyiv regime" in result.stdout
    assert (workspace / "b.txt").read_text(encoding="utf-8") == before


def test_fix_writes_then_nothing_is_left(workspace):
    result = _run("fix", "b.txt", cwd=workspace)
    assert result.returncode == 1, result.stderr
    text = (workspace / "b.txt").read_text(encoding="utf-8")
    assert "Kiev" not in text and "Zaporozhye" not in text and "Zaporizhzhia nuclear" in text
    assert "Kyiv has amassed" in text
    again = _run("fix", "b.txt", cwd=workspace)
    assert again.returncode == 0, again.stdout


def test_majority_fixes_article_variants(workspace):
    (workspace / "copydesk.toml").unlink()
    result = _run("fix", "--majority", "a.txt", cwd=workspace)
    assert result.returncode == 1, result.stderr
    text = (workspace / "a.txt").read_text(encoding="utf-8")
    assert "Sergey" not in text and "Russia's Sergei Shoigu" in text


def test_missing_file_is_an_input_error(workspace):
    assert _run("fix", "nope.txt", cwd=workspace).returncode == 2


def test_broken_style_file_is_an_input_error(workspace):
    (workspace / "copydesk.toml").write_text('spelling = "klingon"\n', encoding="utf-8")
    result = _run("fix", "a.txt", cwd=workspace)
    assert result.returncode == 2
    assert "copydesk.toml:1:1: error style-file" in result.stderr


def test_style_test_passes_and_fails(workspace):
    ok = _run("style", "test", cwd=workspace)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "1 passed, 0 failed" in ok.stdout
    (workspace / "copydesk.toml").write_text(STYLE.replace("He flew to Kyiv.", "He flew to Kiev."), encoding="utf-8")
    bad = _run("style", "test", cwd=workspace)
    assert bad.returncode == 1 and "FAIL" in bad.stdout


def test_style_test_without_a_style_file(tmp_path):
    assert _run("style", "test", cwd=tmp_path).returncode == 2


TIE = (
    "Council news\n\n"
    "The color of the new hall was chosen on Monday. The council will organise a vote and realise its plan.\n\n"
    "Members said the colour was too bright.\n"
)
QUOTED = (
    "Port news\n\n"
    "Sergei Lavrin spoke on Monday. Sergei Lavrin left at noon.\n\n"
    "\"Sergey Lavrin is wrong,\" the mayor said. Sergey Lavrin did not reply.\n\n"
    "Sergei Lavrin later flew home.\n"
)


def test_majority_tie_follows_the_articles_spelling(tmp_path):
    (tmp_path / "tie.txt").write_text(TIE, encoding="utf-8")
    result = _run("fix", "--majority", "tie.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    text = (tmp_path / "tie.txt").read_text(encoding="utf-8")
    assert "The colour of the new hall" in text and "color" not in text


def test_majority_leaves_quotations_alone_unless_asked(tmp_path):
    (tmp_path / "q.txt").write_text(QUOTED, encoding="utf-8")
    assert _run("fix", "--majority", "q.txt", cwd=tmp_path).returncode == 1
    text = (tmp_path / "q.txt").read_text(encoding="utf-8")
    assert "\"Sergey Lavrin is wrong,\"" in text and "Sergei Lavrin did not reply" in text
    assert _run("fix", "--majority", "--in-quotes", "q.txt", cwd=tmp_path).returncode == 1
    assert "\"Sergei Lavrin is wrong,\"" in (tmp_path / "q.txt").read_text(encoding="utf-8")
