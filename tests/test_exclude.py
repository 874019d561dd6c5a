"""`exclude` globs: copydesk.toml and --exclude keep files out of `copydesk check` and the editor."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from conftest import COPYDESK
from copydesk.exclude import Excluder
from copydesk.house_style import parse_house_style
from lsp_helpers import SERVER, diagnostics, open_doc, start, track_versions

STORY = "Critics say the tax that Oksana Melnyk proposed in Lviv will close half the cafés 😀 by spring.\n"


def make_tree(root):
    (root / "drafts").mkdir()
    (root / "desk").mkdir()
    (root / "desk" / "live.md").write_text(STORY, encoding="utf-8")
    (root / "drafts" / "early.md").write_text(STORY, encoding="utf-8")
    (root / "desk" / "notes.tmp.md").write_text(STORY, encoding="utf-8")
    (root / "copydesk.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")


def test_gitignore_rules(tmp_path):
    ex = Excluder().add(["drafts/", "*.tmp.md", "/top.md"], tmp_path)
    assert ex.excluded(tmp_path / "drafts" / "a.md") and ex.excluded(tmp_path / "x" / "drafts" / "b.md")
    assert ex.excluded(tmp_path / "x" / "n.tmp.md") and ex.excluded(tmp_path / "top.md")
    assert not ex.excluded(tmp_path / "x" / "top.md") and not ex.excluded(tmp_path / "a.md")
    assert not ex.excluded("/elsewhere/drafts/a.md")  # outside the patterns' folder


def test_style_file_validates_exclude():
    style, problems = parse_house_style('exclude = ["drafts/", "*.tmp.md"]\n')
    assert style.exclude == ("drafts/", "*.tmp.md") and not problems
    _, problems = parse_house_style('exclude = "drafts/"\n')
    assert problems and "exclude must be a list" in problems[0].message


def _checked(root, *extra) -> list[str]:
    out = subprocess.run(
        [COPYDESK, "check", ".", "--format", "json", *extra], cwd=root, capture_output=True, text=True, env=os.environ.copy()
    )
    assert out.returncode in (0, 1), out.stderr
    return sorted(f["path"] for f in json.loads(out.stdout)["files"])


def test_cli_check_leaves_out_excluded_files(tmp_path):
    make_tree(tmp_path)
    assert _checked(tmp_path) == ["desk/live.md", "desk/notes.tmp.md"]
    assert _checked(tmp_path, "--exclude", "*.tmp.md") == ["desk/live.md"]


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    track_versions(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def test_editor_leaves_excluded_files_out(client: LanguageClient, tmp_path):
    make_tree(tmp_path)
    await start(client, "neovim", tmp_path)
    live, early = (tmp_path / "desk" / "live.md").as_uri(), (tmp_path / "drafts" / "early.md").as_uri()
    await open_doc(client, live, STORY, language="markdown")
    await open_doc(client, early, STORY, language="markdown")
    assert [d for d in await diagnostics(client, live) if d.code == "vague-attribution"]
    assert await diagnostics(client, early) == []
    state = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="copydesk.debug.documentState", arguments=[early]))
    assert state is None  # not analysed at all
    for _ in range(300):  # the background index reads notes.tmp.md but never the drafts folder
        files = {s.location.uri.rsplit("/", 2)[-2] + "/" + s.location.uri.rsplit("/", 1)[-1]
                 for s in await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="melnyk")) or []}
        if "desk/notes.tmp.md" in files:
            break
        await asyncio.sleep(0.2)
    assert files == {"desk/live.md", "desk/notes.tmp.md"}
