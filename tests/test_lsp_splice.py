"""End-to-end: a spliced (approximate) parse is made exact after a pause, under the same version.

The text is one where re-parsing only the edited sentence gives a different answer from a
whole-paragraph parse: after `stadium."` the small model reads "United" at the start of a
sentence parsed on its own as an organisation, but not in the whole paragraph (the edit is a
few words after "United", so the splice's entity window reads it too). The server first
publishes the spliced result, then, after the pause, what `copydesk check` reports.
"""

from __future__ import annotations

import asyncio
import json
import subprocess

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from conftest import COPYDESK, SEED_000
from lsp_helpers import SERVER, diagnostics, open_doc, start, text_at, track_versions

TEXT = (
    "The club wrote to supporters on Monday. Fans were told: \"No masks will be allowed inside the stadium.\" "
    "United fans had declared Saturday as 'Dupont Day' and had planned to wear masks, which were popular in the "
    "nineties. The police said they would watch the gates.\n"
)
EDITED = TEXT.replace("United fans", "United fns")


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    track_versions(lsp_client)
    yield
    await lsp_client.shutdown_session()


def _replace(client: LanguageClient, uri: str, version: int, text: str, old: str, new: str) -> None:
    offset = text.index(old)
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)  # ASCII text: code points = UTF-16 units
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(line, column), lsp.Position(line, column + len(old))), text=new)],
        )
    )


def _keys(diags) -> list[tuple]:
    return sorted(
        (d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"], d["range"]["end"]["line"], d["range"]["end"]["character"], d["message"])
        for d in diags
    )


def _lsp_keys(diags: list[lsp.Diagnostic]) -> list[tuple]:
    return _keys(
        {"code": d.code, "message": d.message, "range": {
            "start": {"line": d.range.start.line, "character": d.range.start.character},
            "end": {"line": d.range.end.line, "character": d.range.end.character},
        }}
        for d in diags
    )


def _cli_keys(tmp_path, text: str) -> list[tuple]:
    path = tmp_path / "cli" / "edited.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([COPYDESK, "check", "--format", "json", str(path)], capture_output=True, text=True, timeout=120)
    return _keys(json.loads(out.stdout)["files"][0]["diagnostics"])


def _publishes(client: LanguageClient, uri: str) -> list[lsp.PublishDiagnosticsParams]:
    return [p for p in client.all_published if p.uri == uri]  # type: ignore[attr-defined]


async def _wait_for_publishes(client: LanguageClient, uri: str, version: int, count: int, timeout: float = 20) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len([p for p in _publishes(client, uri) if p.version == version]) < count:
        assert loop.time() < deadline, f"expected {count} publishes of v{version}"
        await asyncio.sleep(0.05)


async def test_spliced_result_is_made_exact_after_a_pause(client: LanguageClient, tmp_path):
    await start(client, "vscode", tmp_path, options={"debounceMs": 0})
    uri = (tmp_path / "united.txt").as_uri()
    await open_doc(client, uri, TEXT)
    await diagnostics(client, uri, version=1)
    _replace(client, uri, 2, TEXT, "United fans", "United fns")
    spliced = await diagnostics(client, uri, version=2)
    exact = _cli_keys(tmp_path, EDITED)
    # The splice's known difference: this is what the pause must correct.
    assert "United" in {text_at(EDITED, d.range, "utf-16") for d in spliced if d.code == "entity"}
    assert _lsp_keys(spliced) != exact
    await _wait_for_publishes(client, uri, 2, 2)
    assert _lsp_keys(client.published[uri].diagnostics) == exact  # type: ignore[attr-defined]
    assert [p.version for p in _publishes(client, uri)] == [1, 2, 2]


async def test_an_edit_before_the_pause_cancels_the_refinement(client: LanguageClient, tmp_path):
    await start(client, "vscode", tmp_path, options={"debounceMs": 0})
    uri = (tmp_path / "united.txt").as_uri()
    await open_doc(client, uri, TEXT)
    await diagnostics(client, uri, version=1)
    _replace(client, uri, 2, TEXT, "United fans", "United fns")
    await diagnostics(client, uri, version=2)
    await asyncio.sleep(0.5)  # shorter than the pause
    again = EDITED.replace("Dupont Day", "Dupont Dax")
    _replace(client, uri, 3, EDITED, "Dupont Day", "Dupont Dax")
    await diagnostics(client, uri, version=3)
    await _wait_for_publishes(client, uri, 3, 2)
    await asyncio.sleep(0.5)
    # Never an older version after a newer one, and the last word is the exact analysis.
    versions = [p.version for p in _publishes(client, uri)]
    assert versions == sorted(versions) and versions[-1] == 3 and versions.count(2) == 1
    assert _lsp_keys(client.published[uri].diagnostics) == _cli_keys(tmp_path, again)  # type: ignore[attr-defined]


async def test_a_splice_equal_to_the_whole_parse_is_not_published_again(client: LanguageClient, tmp_path):
    await start(client, "vscode", tmp_path, options={"debounceMs": 0})
    text = SEED_000.read_text(encoding="utf-8")
    # One long paragraph from the seed's first paragraphs, so that there is something to splice.
    paragraphs = text.split("\n\n")
    text = " ".join(p.replace("\n", " ") for p in paragraphs[:6]) + "\n"
    uri = (tmp_path / "long.txt").as_uri()
    await open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    word = next(w for w in text.split() if w.isalpha() and len(w) > 6)
    _replace(client, uri, 2, text, word, word[:-1] + "x")
    await diagnostics(client, uri, version=2)
    await asyncio.sleep(3.0)  # past the pause: the whole parse equals the splice here
    assert [p.version for p in _publishes(client, uri)] == [1, 2]


async def test_pull_clients_are_asked_to_pull_again(client: LanguageClient, tmp_path):
    """Neovim-like pull client that supports workspace/diagnostic/refresh."""
    from pytest_lsp import client_capabilities

    caps = client_capabilities("neovim@v0.11.0")
    caps.workspace.diagnostics = lsp.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    refreshes: list[int] = []
    client.protocol.fm.features.pop(lsp.WORKSPACE_DIAGNOSTIC_REFRESH, None)

    @client.feature(lsp.WORKSPACE_DIAGNOSTIC_REFRESH)
    def _on_refresh(params=None) -> None:
        refreshes.append(1)

    await client.initialize_session(
        lsp.InitializeParams(capabilities=caps, initialization_options={"debounceMs": 0}, process_id=None, root_uri=tmp_path.as_uri())
    )
    uri = (tmp_path / "united.txt").as_uri()
    await open_doc(client, uri, TEXT)
    await diagnostics(client, uri)
    before = len(refreshes)
    _replace(client, uri, 2, TEXT, "United fans", "United fns")
    spliced = await diagnostics(client, uri)
    exact = _cli_keys(tmp_path, EDITED)
    assert _lsp_keys(spliced) != exact
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while len(refreshes) == before:
        assert loop.time() < deadline, "no workspace/diagnostic/refresh after the pause"
        await asyncio.sleep(0.05)
    assert _lsp_keys(await diagnostics(client, uri)) == exact
