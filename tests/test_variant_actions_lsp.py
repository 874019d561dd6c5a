"""Variant quick-fixes through the real server (VS Code: utf-16/push, Neovim: utf-8/pull)."""

from __future__ import annotations

import asyncio

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from copydesk.text import Encoding, LineIndex
from lsp_helpers import SERVER, diagnostics, encoding_of, open_doc, start, text_at, track_versions


@pytest_lsp.fixture(config=SERVER, params=["vscode", "neovim"])
async def client(lsp_client: LanguageClient, request):
    track_versions(lsp_client)
    lsp_client.name = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def apply(text: str, edits: list[lsp.TextEdit], encoding: str) -> str:
    index = LineIndex(text)
    enc = Encoding(encoding)
    spans = [
        (index.offset(e.range.start.line, e.range.start.character, enc),
         index.offset(e.range.end.line, e.range.end.character, enc), e.new_text)
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: lsp.CodeAction, uri: str) -> tuple[int | None, list[lsp.TextEdit]]:
    edit = action.edit
    if edit.document_changes:
        for change in edit.document_changes:
            if isinstance(change, lsp.TextDocumentEdit) and change.text_document.uri == uri:
                return change.text_document.version, list(change.edits)
        return None, []
    return None, list((edit.changes or {}).get(uri, []))


async def actions_for(client: LanguageClient, uri: str, diag: lsp.Diagnostic) -> list[lsp.CodeAction]:
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(lsp.TextDocumentIdentifier(uri), diag.range, lsp.CodeActionContext(diagnostics=[diag]))
    )
    return [a for a in result or [] if isinstance(a, lsp.CodeAction)]


TEXT = (
    "Café — “curly” 🎉 Sergei Shoigu arrived in Astana.\n"
    "\n"
    "Later, 😀 SERGEY SHOIGU spoke, and Sergey Shoigu's aides left. Élan: Sergei Shoigu left; Sergei Shoigu stayed.\n"
)
EXPECTED = TEXT.replace("SERGEY", "SERGEI").replace("Sergey", "Sergei")


async def test_article_fix_then_no_variant_left(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    enc = encoding_of(client.name)
    uri = (tmp_path / "a.txt").as_uri()
    await open_doc(client, uri, TEXT)
    diags = [d for d in await diagnostics(client, uri, version=1) if d.code == "spelling-variant"]
    assert {text_at(TEXT, d.range, enc) for d in diags} == {"SERGEY", "Sergey"}, [d.message for d in diags]
    group = diags[0].data["group"]
    actions = await actions_for(client, uri, diags[0])
    titles = [a.title for a in actions]
    assert "Use “Sergei” throughout this article" in titles and "Use “Sergey” throughout" in titles
    assert any(t.startswith("Change to") for t in titles) and "Ignore “" in " ".join(titles)
    fix = next(a for a in actions if a.title == "Use “Sergei” throughout this article")
    version, edits = edits_of(fix, uri)
    if fix.edit.document_changes:
        assert version == 1
    assert len(edits) == 2
    new_text = apply(TEXT, edits, enc)
    assert new_text == EXPECTED
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangeWholeDocument(text=new_text)],
        )
    )
    after = await diagnostics(client, uri, version=2)
    assert not [d for d in after if isinstance(d.data, dict) and d.data.get("group") == group]


async def test_change_one_occurrence_keeps_case_and_possessive(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    enc = encoding_of(client.name)
    uri = (tmp_path / "b.txt").as_uri()
    await open_doc(client, uri, TEXT)
    diags = [d for d in await diagnostics(client, uri, version=1) if d.code == "spelling-variant"]
    caps = next(d for d in diags if text_at(TEXT, d.range, enc) == "SERGEY")
    change = next(a for a in await actions_for(client, uri, caps) if a.title.startswith("Change to"))
    _, edits = edits_of(change, uri)
    assert apply(TEXT, edits, enc).count("SERGEI SHOIGU") == 1


async def test_workspace_fix_has_versioned_edits_for_open_documents(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    enc = encoding_of(client.name)
    b_text = "Officials in 🎉 Kiev said the Kiev talks would go on.\n"
    a_text = "Troops left Kyiv on Monday. Kyiv was quiet, and Kiev residents returned to Kyiv.\n"
    b_uri, a_uri = (tmp_path / "b.txt").as_uri(), (tmp_path / "a.txt").as_uri()
    await open_doc(client, b_uri, b_text, version=3)
    await diagnostics(client, b_uri, version=3)
    await open_doc(client, a_uri, a_text, version=5)
    diags = [d for d in await diagnostics(client, a_uri, version=5) if d.code == "spelling-variant"]
    (kiev,) = [d for d in diags if text_at(a_text, d.range, enc) == "Kiev"]
    actions = await actions_for(client, a_uri, kiev)
    everywhere = next(a for a in actions if a.title == "Use “Kyiv” in all files")
    changes = everywhere.edit.document_changes
    if changes is None:  # a client without documentChanges gets a plain changes map
        assert set(everywhere.edit.changes) == {a_uri, b_uri}
        return
    versions = {c.text_document.uri: c.text_document.version for c in changes}
    assert versions == {a_uri: 5, b_uri: 3}
    _, b_edits = edits_of(everywhere, b_uri)
    assert apply(b_text, b_edits, enc) == b_text.replace("Kiev", "Kyiv")


async def test_fix_all_applies_house_style_only(client: LanguageClient, tmp_path):
    (tmp_path / "copydesk.toml").write_text('presets = ["ukraine-places"]\n', encoding="utf-8")
    await start(client, client.name, tmp_path)
    enc = encoding_of(client.name)
    text = "Sergei Shoigu flew to Kiev. Sergey Shoigu met officials in Kharkov. Sergei Shoigu left Kiev.\n"
    uri = (tmp_path / "c.txt").as_uri()
    await open_doc(client, uri, text)
    diags = await diagnostics(client, uri, version=1)
    assert {text_at(text, d.range, enc) for d in diags if d.code == "house-style"} == {"Kiev", "Kharkov"}
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
            lsp.CodeActionContext(diagnostics=[], only=["source.fixAll.copydesk"]),
        )
    )
    (action,) = [a for a in result if a.kind == "source.fixAll.copydesk"]
    _, edits = edits_of(action, uri)
    fixed = apply(text, edits, enc)
    assert fixed == text.replace("Kiev", "Kyiv").replace("Kharkov", "Kharkiv")  # Sergey stays: not house style


async def test_add_to_house_style_and_ignore(client: LanguageClient, tmp_path):
    (tmp_path / "copydesk.toml").write_text('spelling = "british"\n', encoding="utf-8")
    await start(client, client.name, tmp_path)
    uri = (tmp_path / "d.txt").as_uri()
    await open_doc(client, uri, TEXT)
    diags = [d for d in await diagnostics(client, uri, version=1) if d.code == "spelling-variant"]
    actions = await actions_for(client, uri, diags[0])
    add = next(a for a in actions if a.title == "Add “Sergei” to house style")
    style_uri = (tmp_path / "copydesk.toml").resolve().as_uri()
    _, edits = edits_of(add, style_uri)
    style_text = apply('spelling = "british"\n', edits, "utf-16")
    assert style_text == 'spelling = "british"\n\n[forms]\n"Sergei" = ["Sergey"]\n'
    ignore = next(a for a in actions if a.title.startswith("Ignore “"))
    _, edits = edits_of(ignore, uri)
    ignored_text = apply(TEXT, edits, encoding_of(client.name))
    assert ignored_text.endswith("\n<!-- copydesk-ignore: Sergey -->\n")
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangeWholeDocument(text=ignored_text)],
        )
    )
    after = await diagnostics(client, uri, version=2)
    assert not [d for d in after if d.code == "spelling-variant"]
    await asyncio.sleep(0)


COMPOUND = (
    "Budget news\n"
    "\n"
    "The Ministry of Defence said on Monday it would act. A well-organised team at the Ministry of Defence agreed.\n"
    "\n"
    "The Ministry of Defense's budget grew, and a well-organized review followed. The team organised it.\n"
)


async def test_quick_fixes_reach_inside_compounds_and_possessives(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    enc = encoding_of(client.name)
    uri = (tmp_path / "c.txt").as_uri()
    await open_doc(client, uri, COMPOUND)
    diags = [d for d in await diagnostics(client, uri, version=1) if d.code == "spelling-variant"]
    assert {text_at(COMPOUND, d.range, enc) for d in diags} == {"Defense", "organized"}, [d.message for d in diags]
    text = COMPOUND
    for diag in diags:
        change = next(a for a in await actions_for(client, uri, diag) if a.title.startswith("Change to"))
        text = apply(text, edits_of(change, uri)[1], enc)
    assert "Ministry of Defence's budget" in text and "a well-organised review" in text
