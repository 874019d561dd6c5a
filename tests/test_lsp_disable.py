"""End-to-end: disable comments and the "Ignore here" action, as VS Code (utf-16) and Neovim (utf-8)."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from lsp_helpers import SERVER, diagnostics, encoding_of, open_doc, start, text_at, track_versions
from test_lsp_newsroom import apply_edit, edits_by_uri

STORY = (
    "# Café owners 😀 count the cost\n"
    "\n"
    "Élan fades — critics say the new tax will close half the cafés in the city by next spring.\n"
    "\n"
    "<!-- copydesk-disable-next-line entity -->\n"
    "The rent rose by a third, owners say.\n"
)


@pytest_lsp.fixture(config=SERVER, params=["vscode", "neovim"])
async def client(lsp_client: LanguageClient, request):
    track_versions(lsp_client)
    lsp_client.name = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_ignore_here_writes_a_comment_that_turns_the_mark_off(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    enc = encoding_of(client.name)
    uri = (tmp_path / "cafes.md").as_uri()
    await open_doc(client, uri, STORY, language="markdown")
    diags = await diagnostics(client, uri, version=1)
    vague = [d for d in diags if d.code == "vague-attribution" and d.range.start.line == 2]
    assert vague and text_at(STORY, vague[0].range, enc) == "critics"
    unused = [d for d in diags if d.code == "unused-disable"]
    assert len(unused) == 1 and unused[0].severity == lsp.DiagnosticSeverity.Hint
    assert text_at(STORY, unused[0].range, enc) == "<!-- copydesk-disable-next-line entity -->"

    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(lsp.TextDocumentIdentifier(uri), vague[0].range, lsp.CodeActionContext(diagnostics=vague))
    )
    ignore = next(a for a in actions if a.title.startswith("Ignore vague-attribution here"))
    new_text = apply_edit(STORY, edits_by_uri(ignore.edit)[uri][1], enc)
    assert new_text.splitlines()[2] == "<!-- copydesk-disable-next-line vague-attribution -->"

    remove = await client.text_document_code_action_async(
        lsp.CodeActionParams(lsp.TextDocumentIdentifier(uri), unused[0].range, lsp.CodeActionContext(diagnostics=unused))
    )
    removal = next(a for a in remove if a.title == "Remove this unused disable comment")
    new_text = apply_edit(new_text, [_shift(e, 1) for e in edits_by_uri(removal.edit)[uri][1]], enc)
    assert "copydesk-disable-next-line entity" not in new_text and new_text.endswith("\n\nThe rent rose by a third, owners say.\n")

    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2), [lsp.TextDocumentContentChangeWholeDocument(text=new_text)]
        )
    )
    after = await diagnostics(client, uri, version=2)
    assert not [d for d in after if d.code in ("vague-attribution", "unused-disable") and d.range.start.line == 3]
    assert not [d for d in after if d.code == "unused-disable"]


def _shift(edit: lsp.TextEdit, lines: int) -> lsp.TextEdit:
    """The removal was computed before the inserted line; move it down past it."""
    r = edit.range
    return lsp.TextEdit(
        lsp.Range(lsp.Position(r.start.line + lines, r.start.character), lsp.Position(r.end.line + lines, r.end.character)),
        edit.new_text,
    )


async def test_no_ignore_action_in_plain_text(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    uri = (tmp_path / "cafes.txt").as_uri()
    text = STORY.replace("<!-- copydesk-disable-next-line entity -->\n", "")
    await open_doc(client, uri, text)
    diags = [d for d in await diagnostics(client, uri, version=1) if d.code == "vague-attribution"]
    assert diags
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(lsp.TextDocumentIdentifier(uri), diags[0].range, lsp.CodeActionContext(diagnostics=diags))
    )
    assert not [a for a in actions or [] if a.title.startswith("Ignore vague-attribution here")]
