"""Concurrency and life cycle of the real server (issue 8): many documents, cancellation, shutdown, parent death."""

from __future__ import annotations

import asyncio
import random
import subprocess
import time

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from lsp_helpers import CLIENTS, SERVER, diagnostics, open_doc, start, text_at, track_versions
from robust_support import StderrCapture, error_messages, range_problem

NAMES = ["Vladimir Putin", "Sergei Shoigu", "Angela Merkel", "Emmanuel Macron", "Olaf Scholz"]


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    track_versions(lsp_client)
    lsp_client.stderr = StderrCapture(lsp_client)  # type: ignore[attr-defined]
    yield
    # A test that failed before its own shutdown would leave the server running and the
    # fixture's teardown waiting for it.
    try:
        await asyncio.wait_for(lsp_client.shutdown_session(), 10)
    except Exception:  # noqa: BLE001 - already shut down, or the server is gone
        pass


async def test_fifty_documents_with_interleaved_edits(client: LanguageClient, tmp_path):
    await start(client, "vscode", tmp_path, options={"debounceMs": 50})
    rng = random.Random(8)
    texts: dict[str, dict[int, str]] = {}
    latest: dict[str, int] = {}
    for i in range(50):
        uri = (tmp_path / f"doc{i:02}.txt").as_uri()
        # Document i has its first mark on line i: results landing on another URI show up as wrong lines.
        text = "\n" * i + f"{NAMES[i % 5]} spoke in Moscow on day {i}.\n"
        texts[uri], latest[uri] = {1: text}, 1
        await open_doc(client, uri, text)
    uris = list(texts)
    deadline = time.monotonic() + 6
    while time.monotonic() < deadline:
        for uri in rng.sample(uris, 5):
            text = texts[uri][latest[uri]]
            line = text.count("\n")
            added = f"{rng.choice(NAMES)} said 😀 “{rng.randint(0, 999)}”.\n"
            version = latest[uri] + 1
            texts[uri][version], latest[uri] = text + added, version
            client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)), text=added)],
                )
            )
        await asyncio.sleep(0.1)
    for uri in uris:
        await diagnostics(client, uri, version=latest[uri], timeout=90)
    for uri in uris:
        first_line = int(uri.rsplit("doc", 1)[1][:2])
        seen = [p for p in client.all_published if p.uri == uri]  # type: ignore[attr-defined]
        versions = [p.version for p in seen]
        assert versions == sorted(versions), (uri, versions)
        assert versions[-1] == latest[uri]
        for params in seen:
            text = texts[uri][params.version]
            for d in params.diagnostics:
                assert range_problem(text, d.range, "utf-16") is None
                if d.code == "entity":
                    assert d.range.start.line >= first_line, (uri, d)
                    assert text_at(text, d.range, "utf-16") in {n for name in NAMES for n in (name, name.split()[-1])} | {"Moscow"}
    assert not error_messages(client)
    assert not client.stderr.errors(), client.stderr.errors()  # type: ignore[attr-defined]
    await client.shutdown_session()


async def test_cancel_request_ends_a_waiting_pull_promptly(client: LanguageClient, tmp_path):
    await start(client, "neovim", tmp_path, options={"debounceMs": 0})
    uri = (tmp_path / "long.txt").as_uri()
    text = "".join(f"Paragraph {i}: officials in Moscow said Sergei Shoigu would speak, “we will see,” a source added.\n\n" for i in range(3000))
    await open_doc(client, uri, text)
    msg_id = "copydesk-cancel-test"
    future = client.protocol.send_request(
        lsp.TEXT_DOCUMENT_DIAGNOSTIC, lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri)), msg_id=msg_id
    )
    await asyncio.sleep(0.3)
    assert not future.done(), "the analysis of 300 kB should take longer than 0.3 s"
    t0 = time.monotonic()
    client.protocol.notify("$/cancelRequest", lsp.CancelParams(id=msg_id))
    with pytest.raises(Exception):
        await asyncio.wait_for(asyncio.wrap_future(future) if not asyncio.isfuture(future) else future, 5)
    assert time.monotonic() - t0 < 1.0, f"cancelled after {time.monotonic() - t0:.2f} s"
    # The server still answers, and later pulls get the results.
    report = await asyncio.wait_for(
        client.text_document_diagnostic_async(lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri))), 120
    )
    assert report.items
    await client.shutdown_session()


async def test_shutdown_and_exit_within_a_second(client: LanguageClient, tmp_path):
    await start(client, "vscode", tmp_path, options={"debounceMs": 0})
    uri = (tmp_path / "a.txt").as_uri()
    await open_doc(client, uri, "Vladimir Putin spoke.\n" * 200)
    await asyncio.sleep(0.2)  # an analysis may be running now
    server = client._server  # noqa: SLF001
    t0 = time.monotonic()
    await client.shutdown_session()
    await asyncio.wait_for(server.wait(), 5)
    elapsed = time.monotonic() - t0
    assert elapsed < 1.0, f"shutdown + exit took {elapsed:.2f} s"
    assert server.returncode == 0


@pytest_lsp.fixture(config=SERVER)
async def orphan(lsp_client: LanguageClient):
    track_versions(lsp_client)
    lsp_client.stderr = StderrCapture(lsp_client)  # type: ignore[attr-defined]
    yield


async def test_server_exits_when_the_editor_process_dies(orphan: LanguageClient, tmp_path):
    editor = subprocess.Popen(["sleep", "120"])
    try:
        params = lsp.InitializeParams(
            capabilities=client_capabilities(CLIENTS["vscode"]), process_id=editor.pid, root_uri=tmp_path.as_uri(),
        )
        await orphan.initialize_session(params)
        server = orphan._server  # noqa: SLF001
        await asyncio.sleep(2.5)
        assert server.returncode is None, "the server left while its editor was alive"
    finally:
        editor.kill()
        editor.wait()  # reaped: a zombie would still answer kill(pid, 0)
    t0 = time.monotonic()
    await asyncio.wait_for(server.wait(), 10)
    assert time.monotonic() - t0 < 5


async def test_workspace_fix_uses_the_editors_unsaved_text(client: LanguageClient, tmp_path):
    await start(client, "vscode", tmp_path, options={"debounceMs": 20})
    b_path = tmp_path / "b.txt"
    b_path.write_text("Kiev.\n", encoding="utf-8")  # on disk: one Kiev, at the start
    a_text = "Troops left Kyiv on Monday. Kyiv was quiet, and Kiev residents returned to Kyiv.\n"
    a_uri, b_uri = (tmp_path / "a.txt").as_uri(), b_path.resolve().as_uri()
    await open_doc(client, b_uri, "Kiev.\n", version=1)
    await diagnostics(client, b_uri, version=1)
    unsaved = "New lead 🎉 paragraph.\n\nOfficials in Kiev said the Kiev talks would go on.\n"
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(lsp.VersionedTextDocumentIdentifier(uri=b_uri, version=2), [lsp.TextDocumentContentChangeWholeDocument(text=unsaved)])
    )
    await diagnostics(client, b_uri, version=2)
    await open_doc(client, a_uri, a_text, version=5)
    diags = [d for d in await diagnostics(client, a_uri, version=5) if d.code == "spelling-variant"]
    (kiev,) = [d for d in diags if text_at(a_text, d.range, "utf-16") == "Kiev"]
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(lsp.TextDocumentIdentifier(a_uri), kiev.range, lsp.CodeActionContext(diagnostics=[kiev]))
    )
    everywhere = next(a for a in result if a.title == "Use “Kyiv” in all files")
    b_changes = [c for c in everywhere.edit.document_changes if c.text_document.uri == b_uri]
    assert len(b_changes) == 1 and b_changes[0].text_document.version == 2
    from copydesk.text import Encoding, LineIndex

    index = LineIndex(unsaved)
    spans = sorted(((index.offset(e.range.start.line, e.range.start.character, Encoding.UTF16),
                     index.offset(e.range.end.line, e.range.end.character, Encoding.UTF16), e.new_text) for e in b_changes[0].edits), reverse=True)
    fixed = unsaved
    for s, e, new in spans:
        fixed = fixed[:s] + new + fixed[e:]
    assert fixed == unsaved.replace("Kiev", "Kyiv")
    assert b_path.read_text(encoding="utf-8") == "Kiev.\n"  # nothing written to disk by the server
    await client.shutdown_session()


def _snapshot(root) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file()}


async def test_a_session_writes_nothing_to_disk(client: LanguageClient, tmp_path):
    """Open, edit, ask for every code action, run the normalise command (the test client only
    records the edit it is sent) and close: the workspace on disk is exactly as before. Edits only ever go to the editor."""
    (tmp_path / "copydesk.toml").write_text('presets = ["ukraine-places"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Officials in Kiev said “we will hold”. Kyiv is calm.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Kiev\n\nCritics say Kyiv and Kiev differ.\n", encoding="utf-8")
    before = _snapshot(tmp_path)
    await start(client, "vscode", tmp_path, options={"debounceMs": 20})
    a_uri = (tmp_path / "a.txt").resolve().as_uri()
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    await open_doc(client, a_uri, text)
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(lsp.VersionedTextDocumentIdentifier(uri=a_uri, version=2), [lsp.TextDocumentContentChangeWholeDocument(text="Unsaved. " + text)])
    )
    diags = await diagnostics(client, a_uri, version=2)
    assert diags
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(lsp.TextDocumentIdentifier(a_uri), lsp.Range(lsp.Position(0, 0), lsp.Position(1, 0)), lsp.CodeActionContext(diagnostics=diags))
    )
    assert actions
    result = await client.workspace_execute_command_async(lsp.ExecuteCommandParams("copydesk.normaliseArticle", [a_uri]))
    assert result["edits"] > 0 and client.applied_edits, result  # type: ignore[attr-defined]
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(a_uri)))
    await asyncio.sleep(0.5)
    await client.shutdown_session()
    assert _snapshot(tmp_path) == before


async def test_cross_file_refresh_reaches_only_documents_that_share_a_name(client: LanguageClient, tmp_path):
    """A new spelling in one article re-analyses the open articles that use that name, not the rest."""
    await start(client, "vscode", tmp_path, options={"debounceMs": 20})
    uris = {name: (tmp_path / f"{name}.txt").resolve().as_uri() for name in ("kiev", "berlin", "kyiv")}
    await open_doc(client, uris["kiev"], "Officials in Kiev said the talks would go on.\n")
    await open_doc(client, uris["berlin"], "Officials in Berlin said the talks would go on.\n")
    for name in ("kiev", "berlin"):
        assert not [d for d in await diagnostics(client, uris[name], version=1) if d.code == "spelling-variant"]
    published = lambda uri: sum(p.uri == uri for p in client.all_published)  # noqa: E731
    berlin_before = published(uris["berlin"])
    await open_doc(client, uris["kyiv"], "Troops left Kyiv on Monday. Kyiv was quiet.\n")
    await diagnostics(client, uris["kyiv"], version=1)
    for _ in range(100):  # the refresh waits for a pause in typing (about a second)
        kiev = [d for d in client.published[uris["kiev"]].diagnostics if d.code == "spelling-variant"]  # type: ignore[attr-defined]
        if kiev:
            break
        await asyncio.sleep(0.1)
    assert kiev and kiev[0].related_information and kiev[0].related_information[0].location.uri == uris["kyiv"]
    await asyncio.sleep(1.5)
    assert published(uris["berlin"]) == berlin_before
