"""Static checks of the shipped editor configs (the real-editor tests drive
Neovim and Emacs; Helix has no Debian package here, so its file is checked
for the shape Helix expects)."""

from __future__ import annotations

import pytest

from editor_harness import EDITORS


def test_helix_languages_toml_registers_copydesk_for_markdown_and_text():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((EDITORS / "helix" / "languages.toml").read_text(encoding="utf-8"))
    server = config["language-server"]["copydesk"]
    assert server["command"] == "copydesk" and server["args"] == ["serve"]
    # Helix answers workspace/configuration by walking `config` with the section name.
    assert isinstance(server["config"]["copydesk"], dict)
    languages = {entry["name"]: entry for entry in config["language"]}
    assert "copydesk" in languages["markdown"]["language-servers"]
    text = languages["text"]
    # A new language needs these for Helix to load the file.
    assert text["scope"] and text["file-types"] == ["txt"] and text["language-servers"] == ["copydesk"]


def test_neovim_config_is_a_vim_lsp_config_table():
    source = (EDITORS / "nvim" / "lsp" / "copydesk.lua").read_text(encoding="utf-8")
    for expected in ("cmd = { 'copydesk', 'serve' }", "filetypes = { 'text', 'markdown' }",
                     "root_markers = { 'copydesk.toml', '.git' }", "settings = {"):
        assert expected in source
