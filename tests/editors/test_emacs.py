"""Batch Emacs + Eglot with the shipped editors/emacs/copydesk.el against the
real `copydesk serve`: Flymake shows copydesk diagnostics over the right text
(Eglot 1.9 counts columns in UTF-16 without negotiating), hover answers, and
the quick fix applies through M-x eglot-code-actions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor_harness import (
    EDITORS, EMACS_PACKAGE_INIT, HERE, SEEDS, TEXTS, editor_env, emacs_has_library, find_emacs, read_result, run_with_hard_timeout, server_bin_dir,
)

pytestmark = pytest.mark.editor

SEED = SEEDS / "003_3b0ab8ce93788c52.txt"
NONASCII = TEXTS / "nonascii_variants.md"
FORMS = ("Zaporozhye", "Zaporizhzhia")


@pytest.fixture(scope="module")
def emacs() -> Path:
    found = find_emacs()
    if found is None:
        pytest.skip("emacs not installed: run tests/editors/install_editors.sh (apt emacs-nox elpa-eglot)")
    return found


@pytest.fixture(scope="module")
def bin_dir() -> Path:
    found = server_bin_dir()
    assert found is not None, "no `copydesk` executable next to the test Python: pip install -e . first"
    return found


def run_emacs(emacs: Path, bin_dir: Path, tmp_path: Path, source: Path, name: str, hover: str) -> dict:
    workdir = tmp_path / "articles"
    workdir.mkdir()
    (workdir / ".git").mkdir()  # a project root, as in a newsroom's article repo
    article = workdir / name
    shutil.copyfile(source, article)
    out = tmp_path / "result.json"
    env = editor_env(tmp_path / "home", bin_dir)
    env.update({
        "COPYDESK_EL": str(EDITORS / "emacs" / "copydesk.el"),
        "COPYDESK_PROBE_FILE": str(article),
        "COPYDESK_PROBE_OUT": str(out),
        "COPYDESK_PROBE_TIMEOUT": "90",
        "COPYDESK_PROBE_HOVER": hover,
        "COPYDESK_PROBE_FIX_CODE": "spelling-variant",
        "COPYDESK_PROBE_FIX_WORDS": ",".join(FORMS),
    })
    run = run_with_hard_timeout([str(emacs), "--batch", "-Q", "-l", str(HERE / "emacs_probe.el")], env, workdir)
    result = read_result(out, run)
    print(f"\n[emacs] {name}: open->first diagnostics {result.get('first_diagnostics_ms')} ms, "
          f"-> spelling-variant {result.get('code_diagnostics_ms')} ms, whole run {run.seconds:.1f} s")
    return result


def check_common(result: dict) -> None:
    assert result.get("server_name") == "copydesk", f"Eglot did not start copydesk: {result['errors']}"
    assert result["command"][-1] == "serve"
    assert result.get("first_diagnostics_ms") is not None, result["errors"]
    assert result["diagnostics"], "Flymake shows no copydesk diagnostics"
    for d in result["diagnostics"]:
        assert d["text"].strip(), f"empty diagnostic range: {d}"


def check_fix(result: dict, original: str) -> None:
    assert not result["errors"], result["errors"]
    fix_at = result["fix_at"]
    assert fix_at["text"] in FORMS, fix_at
    other = FORMS[1 - FORMS.index(fix_at["text"])]
    lines = original.split("\n")
    line = lines[fix_at["line"]]
    lines[fix_at["line"]] = line[: fix_at["col"]] + other + line[fix_at["col"] + len(fix_at["text"]):]
    assert result["after_text"] == "\n".join(lines)
    left = [d for d in result["diagnostics_after_fix"]
            if d["code"] == "spelling-variant" and any(form in d["message"] for form in FORMS)]
    assert not left, f"the name is still flagged after the fix: {left}"


def test_copydesk_el_byte_compiles_cleanly(emacs, tmp_path):
    source = tmp_path / "copydesk.el"
    shutil.copyfile(EDITORS / "emacs" / "copydesk.el", source)
    lisp = (
        f'(progn {EMACS_PACKAGE_INIT} (setq byte-compile-error-on-warn t)'
        f' (kill-emacs (if (byte-compile-file "{source}") 0 1)))'
    )
    env = editor_env(tmp_path / "home", tmp_path)
    run = run_with_hard_timeout([str(emacs), "--batch", "-Q", "--eval", lisp], env, tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]


def test_seed_003_flymake_shows_copydesk_diagnostics(emacs, bin_dir, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    result = run_emacs(emacs, bin_dir, tmp_path, SEED, SEED.name, hover="Zaporozhye")
    check_common(result)
    assert result["major_mode"] == "text-mode"
    assert result["language_id"] == "plaintext"

    variants = [d for d in result["diagnostics"] if d["code"] == "spelling-variant"]
    assert variants, f"no spelling-variant diagnostic (codes seen: {sorted({d['code'] for d in result['diagnostics']})})"
    assert any(d["text"] in FORMS for d in variants), variants
    assert result["hover"], "no hover on Zaporozhye"
    check_fix(result, text)


def test_nonascii_line_ranges_in_utf16(emacs, bin_dir, tmp_path):
    """Eglot 1.9 sends and expects UTF-16 columns: after “, —, é and an emoji
    the ranges still cover whole names."""
    text = NONASCII.read_text(encoding="utf-8")
    # markdown-mode is not part of Emacs: without it, open the text as .txt.
    markdown = emacs_has_library(emacs, "markdown-mode")
    name = "nonascii_variants.md" if markdown else "nonascii_variants.txt"
    result = run_emacs(emacs, bin_dir, tmp_path, NONASCII, name, hover="Marchenko")
    check_common(result)
    if markdown:
        assert (result["major_mode"], result["language_id"]) == ("markdown-mode", "markdown")

    line_no = next(i for i, line in enumerate(text.split("\n")) if "🙂" in line)
    line = text.split("\n")[line_no]
    for d in (d for d in result["diagnostics"] if d["line"] == line_no):
        start = d["col"]
        assert line[start: start + len(d["text"])] == d["text"]
        assert (start == 0 or not line[start - 1].isalnum()) and d["text"][0].isalnum(), f"{d} starts mid-word"
        end = start + len(d["text"])
        assert end == len(line) or not line[end].isalnum(), f"{d} ends mid-word"
        assert d["text"][-1].isalnum() or d["text"][-1] == ".", f"{d}: a range should end on the word"

    variant = [d for d in result["diagnostics"] if d["code"] == "spelling-variant" and d["line"] == line_no]
    assert variant and variant[0]["text"] == "Zaporozhye", f"spelling variant on the emoji line: {variant}"
    assert result["hover"] and "Marchenko" in result["hover"], f"hover after the emoji: {result.get('hover')}"
    check_fix(result, text)
