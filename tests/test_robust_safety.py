"""Safety (issue 8): settings and house style are data; the workspace scan stays inside and honours caps."""

from __future__ import annotations

import inspect
import os
import re
from dataclasses import replace
from types import SimpleNamespace

from copydesk import house_style, settings as settings_mod
from copydesk.lsp.workspace import WorkspaceIndex
from copydesk.settings import Settings

RISKY = re.compile(r"(?<![.\w])(?:eval|exec|compile)\(|\b(?:__import__|import_module|pickle|marshal|yaml\.load|subprocess|os\.system)\b")


def test_settings_and_house_style_code_runs_nothing_from_the_files():
    for module in (settings_mod, house_style):
        source = inspect.getsource(module)
        assert not RISKY.findall(source), (module.__name__, RISKY.findall(source))


def test_house_style_presets_cannot_name_a_path():
    style, problems = house_style.parse_house_style('presets = ["../../../../etc/passwd", "/etc/hosts"]\n')
    assert len(problems) == 2 and all("unknown preset" in p.message for p in problems)
    assert not style.preferred


def _index(root, **overrides) -> WorkspaceIndex:
    folder = SimpleNamespace(uri=root.as_uri())
    ls = SimpleNamespace(workspace=SimpleNamespace(folders={"w": folder}, root_path=str(root)), settings=replace(Settings(), **overrides))
    return WorkspaceIndex(ls)  # type: ignore[arg-type]


def test_scan_does_not_follow_symlinks_out_of_the_workspace(tmp_path):
    inside, outside = tmp_path / "ws", tmp_path / "outside"
    inside.mkdir(), outside.mkdir()
    (outside / "secret.txt").write_text("Outside.", encoding="utf-8")
    (outside / "dir").mkdir()
    (outside / "dir" / "deep.md").write_text("Outside too.", encoding="utf-8")
    (inside / "a.txt").write_text("Inside.", encoding="utf-8")
    os.symlink(outside / "secret.txt", inside / "link.txt")
    os.symlink(outside / "dir", inside / "linkdir")
    os.symlink(inside, inside / "loop")  # a cycle must not hang the walk
    found = {p.name for p in _index(inside).candidate_files()}
    assert found == {"a.txt"}


def test_scan_honours_file_size_and_count_caps(tmp_path):
    for i in range(30):
        (tmp_path / f"f{i:02}.txt").write_text("Short article.", encoding="utf-8")
    (tmp_path / "huge.txt").write_text("x" * 5000, encoding="utf-8")
    index = _index(tmp_path, workspace_max_file_bytes=1000)
    names = {p.name for p in index.candidate_files()}
    assert "huge.txt" not in names and len(names) == 30
    assert any("workspaceMaxFileBytes" in s for s in index.skipped)
    capped = _index(tmp_path, workspace_max_files=10)
    assert len(capped.candidate_files()) == 10
    assert any("workspaceMaxFiles" in s for s in capped.skipped)
