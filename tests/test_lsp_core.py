"""End-to-end: the real server over stdio, as VS Code (utf-16, push) and Neovim 0.11 (utf-8, pull)."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from conftest import SEED_000, SEED_003
from lsp_helpers import SERVER, diagnostics, encoding_of, open_doc, position_of, start, text_at, track_versions


@pytest_lsp.fixture(config=SERVER, params=["vscode", "neovim"])
async def client(lsp_client: LanguageClient, request):
    track_versions(lsp_client)
    lsp_client.name = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_negotiates_encoding_and_capabilities(client: LanguageClient, tmp_path):
    result = await start(client, client.name, tmp_path)
    caps = result.capabilities
    assert caps.position_encoding == encoding_of(client.name)
    assert caps.text_document_sync.change == lsp.TextDocumentSyncKind.Incremental
    assert caps.hover_provider and caps.code_action_provider and caps.document_symbol_provider
    assert caps.references_provider and caps.document_highlight_provider
    assert caps.semantic_tokens_provider.legend.token_types[0] == "person"
    assert (caps.diagnostic_provider is not None) == (client.name == "neovim")


NON_ASCII = (
    "Café owners — and “curly” fans 🎉 say Sergei Shoigu spoke.\r\n"
    "\r\n"
    "Later, Shoigu\u2028left Moscow; élan 😀 Shoigu returned.\n"
)


async def test_ranges_land_on_names_after_non_ascii(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    uri = (tmp_path / "unicode.txt").as_uri()
    await open_doc(client, uri, NON_ASCII)
    diags = await diagnostics(client, uri, version=1)
    entity = [d for d in diags if d.code == "entity"]
    names = sorted(text_at(NON_ASCII, d.range, encoding_of(client.name)) for d in entity)
    assert names.count("Shoigu") == 2 and "Sergei Shoigu" in names, names
    for d in entity:
        assert d.severity == lsp.DiagnosticSeverity.Hint and d.source == "copydesk"
    # U+2028 is not a line break in LSP: the second paragraph stays on line 2.
    lines = {d.range.start.line for d in entity if text_at(NON_ASCII, d.range, encoding_of(client.name)) == "Shoigu"}
    assert lines == {2}


async def test_hover_on_shoigu_names_the_person(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    text = SEED_000.read_text(encoding="utf-8")
    uri = (tmp_path / SEED_000.name).as_uri()
    await open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    pos = position_of(text, "Shoigu said the main threat", encoding_of(client.name))
    hover = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), pos))
    assert hover is not None
    value = hover.contents.value
    assert "Sergei Shoigu" in value and "PERSON" in value and "mentions" in value
    assert text_at(text, hover.range, encoding_of(client.name)) == "Shoigu"


async def test_kyiv_is_a_place_with_gazetteer_facts(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    text = SEED_000.read_text(encoding="utf-8")
    uri = (tmp_path / SEED_000.name).as_uri()
    await open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    pos = position_of(text, "Kyiv", encoding_of(client.name))
    hover = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), pos))
    assert "GPE" in hover.contents.value and "Ukraine" in hover.contents.value


async def test_symbols_references_highlights_tokens(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    text = SEED_003.read_text(encoding="utf-8")
    uri = (tmp_path / SEED_003.name).as_uri()
    await open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    doc = lsp.TextDocumentIdentifier(uri)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(doc))
    groups = {s.name: s for s in symbols}
    assert "People" in groups and "Places" in groups
    people = {c.name for c in groups["People"].children}
    assert {"Vladimir Putin", "Sergei Shoigu"} <= people
    pos = position_of(text, "Putin", encoding_of(client.name))
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(text_document=doc, position=pos, context=lsp.ReferenceContext(include_declaration=True))
    )
    assert len(refs) >= 5
    assert all(text_at(text, r.range, encoding_of(client.name)) in {"Putin", "Vladimir Putin"} for r in refs)
    lights = await client.text_document_document_highlight_async(lsp.DocumentHighlightParams(doc, pos))
    assert len(lights) == len(refs)
    tokens = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(doc))
    assert len(tokens.data) % 5 == 0 and len(tokens.data) // 5 >= 40


async def test_incremental_edit_moves_marks_and_carries_version(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    text = "Intro line.\n\nÉlodie met Vladimir Putin in Moscow.\n"
    uri = (tmp_path / "edit.txt").as_uri()
    await open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    enc = encoding_of(client.name)
    insert = "😀 "
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(2, 0), lsp.Position(2, 0)), text=insert)],
        )
    )
    new_text = text.replace("Élodie", insert + "Élodie")
    diags = await diagnostics(client, uri, version=2)
    names = {text_at(new_text, d.range, enc) for d in diags if d.code == "entity"}
    assert "Vladimir Putin" in names and "Moscow" in names
    state = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="copydesk.debug.documentState", arguments=[uri])
    )
    assert state["text"] == new_text and state["version"] == 2


async def test_bad_settings_are_reported_and_defaults_used(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path, options={"debounceMs": "fast", "diagnostics": {"entity": {"severity": "loud"}}})
    text = "Vladimir Putin spoke in Moscow.\n"
    uri = (tmp_path / "s.txt").as_uri()
    await open_doc(client, uri, text)
    diags = await diagnostics(client, uri, version=1)
    assert any(d.code == "entity" and d.severity == lsp.DiagnosticSeverity.Hint for d in diags)
    assert any("debounceMs" in m.message for m in client.messages)


async def test_entity_hints_can_be_switched_off(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path, options={"entityHints": False})
    uri = (tmp_path / "off.txt").as_uri()
    await open_doc(client, uri, "Vladimir Putin spoke in Moscow.\n")
    diags = await diagnostics(client, uri, version=1)
    assert not [d for d in diags if d.code == "entity"]


async def test_markdown_code_and_urls_get_no_marks(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    text = (
        "---\ntitle: Vladimir Putin\n---\n\n# Putin in Moscow\n\n"
        "Vladimir Putin spoke. See https://example.com/Sergei-Shoigu and `Sergei Shoigu`.\n\n"
        "```\nSergei Shoigu\n```\n"
    )
    uri = (tmp_path / "doc.md").as_uri()
    await open_doc(client, uri, text, language="markdown")
    diags = await diagnostics(client, uri, version=1)
    marked = {text_at(text, d.range, encoding_of(client.name)) for d in diags}
    assert "Vladimir Putin" in marked
    lines = {d.range.start.line for d in diags}
    assert not lines & {1, 10}, lines  # front matter, code block
    assert not any("Shoigu" in m for m in marked)


async def test_normalise_command_applies_majority_forms_in_one_edit(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    text = SEED_003.read_text(encoding="utf-8")
    uri = (tmp_path / SEED_003.name).as_uri()
    await open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    result = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="copydesk.normaliseArticle", arguments=[uri])
    )
    assert result["applied"] and result["edits"] >= 1
    edit = client.applied_edits[-1]
    if edit.document_changes:
        assert len(edit.document_changes) == 1 and edit.document_changes[0].text_document.version == 1
        edits = edit.document_changes[0].edits
    else:  # a client without versioned document edits gets the plain map
        assert list(edit.changes) == [uri]
        edits = edit.changes[uri]
    new_texts = {e.new_text for e in edits}
    assert "MCIS" in new_texts  # MIOS (1x) -> MCIS (5x)


async def test_semantic_tokens_refresh_after_analysis(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    uri = (tmp_path / "t.txt").as_uri()
    await open_doc(client, uri, "Vladimir Putin met Xi Jinping in Moscow.\n")
    await diagnostics(client, uri, version=1)
    refresh = client.capabilities.workspace.semantic_tokens
    if refresh and refresh.refresh_support:
        # The refresh request follows the diagnostics (they go out first).
        for _ in range(100):
            if client.token_refreshes >= 1:
                break
            await asyncio.sleep(0.02)
        assert client.token_refreshes >= 1
    tokens = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(lsp.TextDocumentIdentifier(uri)))
    assert len(tokens.data) // 5 == 3
