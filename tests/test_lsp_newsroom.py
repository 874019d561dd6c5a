"""End-to-end: who said what (copydesk/attributions), the summary lens and speaker inlay hints,
over stdio as VS Code (utf-16, push) and Neovim 0.11 (utf-8, pull), on non-ASCII lines."""

from __future__ import annotations

import asyncio

import attrs
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

from lsp_helpers import CLIENTS, SERVER, diagnostics, encoding_of, open_doc, position_of, text_at, track_versions

# Invented; the dash and emoji before `she said` make UTF-8, UTF-16 and code points disagree.
ARTICLE = (
    "Zürich talks stall — Oksana Melnyk’s plan 🚧.\n"
    "\n"
    "Defence Minister Oksana Melnyk said the bridge at Zaporozhye would reopen in spring. "
    "“We have the steel — all of it 🏗️,” she said.\n"
    "\n"
    "“The crews are ready,” the minister added.\n"
    "\n"
    "Melnyk's deputy, Pavel Ortiz, said the costs had doubled. Critics say the plan is rushed.\n"
    "\n"
    "The repairs will cost €40 million and the ferry service has lost half its passengers since the bridge closed.\n"
    "\n"
    "Ortiz told reporters that Zaporizhzhia needs a second crossing.\n"
    "\n"
    "“Nobody asked us.”\n"
)


def with_client_features(name: str, **text_document: object) -> lsp.ClientCapabilities:
    """A client's published capabilities plus the given textDocument ones (VS Code 1.65 predates inlay hints)."""
    caps = client_capabilities(CLIENTS[name])
    if text_document:
        caps = attrs.evolve(caps, text_document=attrs.evolve(caps.text_document, **text_document))
    return caps


async def start_with(client: LanguageClient, caps: lsp.ClientCapabilities, root, options: dict | None = None) -> lsp.InitializeResult:
    params = lsp.InitializeParams(
        capabilities=caps, initialization_options=options or {}, root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name=root.name)], process_id=None,
    )
    return await client.initialize_session(params)


@pytest_lsp.fixture(config=SERVER, params=["vscode", "neovim"])
async def client(lsp_client: LanguageClient, request):
    track_versions(lsp_client)
    lsp_client.name = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


INLAY = lsp.InlayHintClientCapabilities(resolve_support=None)


async def opened(client: LanguageClient, tmp_path, options: dict | None = None, **features) -> str:
    await start_with(client, with_client_features(client.name, **features), tmp_path, options)
    uri = (tmp_path / "bridge.txt").as_uri()
    await open_doc(client, uri, ARTICLE)
    await diagnostics(client, uri, version=1)
    return uri


async def test_attributions_request_lists_speakers_and_unattributed(client: LanguageClient, tmp_path):
    uri = await opened(client, tmp_path)
    enc = encoding_of(client.name)
    result = await client.protocol.send_request_async("copydesk/attributions", {"textDocument": {"uri": uri}})
    result = result._asdict() if hasattr(result, "_asdict") else result
    by_name = {s.name: s for s in result["speakers"]}
    melnyk = by_name["Oksana Melnyk"]
    assert melnyk.label == "PERSON" and not melnyk.vague
    quotes = [q.text for q in melnyk.quotes]
    assert any("We have the steel" in q for q in quotes) and any("crews are ready" in q for q in quotes)
    assert [p.text for p in melnyk.paraphrases] == ["the bridge at Zaporozhye would reopen in spring"]
    # Ranges in the negotiated encoding, on a line with an em dash and an emoji before them.
    steel = next(q for q in melnyk.quotes if "steel" in q.text)
    rng = lsp.Range(lsp.Position(**steel.range.start._asdict()), lsp.Position(**steel.range.end._asdict()))
    assert text_at(ARTICLE, rng, enc) == steel.text
    assert steel.source.text == "she" and steel.cue.text == "said"
    assert by_name["Critics"].vague
    ortiz = by_name["Pavel Ortiz"]
    assert any(q.kind == "carry-over" and q.text == "“Nobody asked us.”" for q in ortiz.quotes)
    unattributed = result["unattributed"]
    assert [u.kind for u in unattributed] == ["claim"] and unattributed[0].text.startswith("The repairs will cost €40")
    assert result["summary"].speakers == 2 and result["summary"].vagueSources == 1


async def test_attributions_request_refuses_a_document_not_open(client: LanguageClient, tmp_path):
    await start_with(client, with_client_features(client.name), tmp_path)
    try:
        await client.protocol.send_request_async("copydesk/attributions", {"textDocument": {"uri": (tmp_path / "x.txt").as_uri()}})
    except Exception as exc:  # noqa: BLE001 - the error response raised on the client side
        assert "is not open" in str(exc)
    else:
        raise AssertionError("expected an error response")


async def test_summary_lens_on_the_first_line(client: LanguageClient, tmp_path):
    result = await start_with(client, with_client_features(client.name), tmp_path)
    assert result.capabilities.code_lens_provider is not None  # both clients declare codeLens
    uri = (tmp_path / "bridge.txt").as_uri()
    await open_doc(client, uri, ARTICLE)
    await diagnostics(client, uri, version=1)
    lenses = await client.text_document_code_lens_async(lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
    assert len(lenses) == 1
    lens = lenses[0]
    assert lens.range.start == lsp.Position(0, 0)
    assert lens.command.title == "1 unsourced claim · 1 vague source · 2 speakers · 1 name variant"
    assert lens.command.command == "copydesk.showSpeakers" and list(lens.command.arguments) == [uri]
    if client.name == "vscode":  # VS Code declares codeLens refresh support; a new analysis asks for it
        for _ in range(100):
            if client.lens_refreshes:
                break
            await asyncio.sleep(0.05)
        assert client.lens_refreshes >= 1


async def test_inlay_hints_name_resolved_speakers(client: LanguageClient, tmp_path):
    uri = await opened(client, tmp_path, inlay_hint=INLAY)
    enc = encoding_of(client.name)
    whole = lsp.Range(lsp.Position(0, 0), lsp.Position(99, 0))
    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(lsp.TextDocumentIdentifier(uri), whole))
    labels = {(h.position.line, h.position.character): h.label for h in hints}
    after_she = position_of(ARTICLE, "she said", enc)
    after_she = lsp.Position(after_she.line, after_she.character + len("she said"))
    assert labels.get((after_she.line, after_she.character)) == ": Oksana Melnyk", labels
    minister = position_of(ARTICLE, "the minister added", enc)
    assert labels.get((minister.line, minister.character + len("the minister added"))) == ": Oksana Melnyk"
    carried = position_of(ARTICLE, "“Nobody asked us.”", enc)
    width = len("“Nobody asked us.”".encode("utf-8")) if enc == "utf-8" else len("“Nobody asked us.”")
    assert labels.get((carried.line, carried.character + width)) == ": Pavel Ortiz"
    # Where the source names the speaker, there is nothing to add.
    assert all(h.position.line != position_of(ARTICLE, "Defence Minister", enc).line or h.label != ": Oksana Melnyk"
               or h.position.character > position_of(ARTICLE, "she said", enc).character for h in hints)
    she = next(h for h in hints if (h.position.line, h.position.character) == (after_she.line, after_she.character))
    assert "crews are ready" in she.tooltip.value and "We have the steel" not in she.tooltip.value


async def test_inlay_hints_only_in_the_requested_range(client: LanguageClient, tmp_path):
    uri = await opened(client, tmp_path, inlay_hint=INLAY)
    line = position_of(ARTICLE, "the minister added", "utf-16").line
    rng = lsp.Range(lsp.Position(line, 0), lsp.Position(line + 1, 0))
    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(lsp.TextDocumentIdentifier(uri), rng))
    assert [(h.position.line, h.label) for h in hints] == [(line, ": Oksana Melnyk")]


async def test_inlay_hints_setting_turns_them_off(client: LanguageClient, tmp_path):
    uri = await opened(client, tmp_path, {"inlayHints": {"speakers": False}}, inlay_hint=INLAY)
    whole = lsp.Range(lsp.Position(0, 0), lsp.Position(99, 0))
    assert await client.text_document_inlay_hint_async(lsp.InlayHintParams(lsp.TextDocumentIdentifier(uri), whole)) in ([], ())


async def test_inlay_hints_advertised_only_to_clients_that_support_them(client: LanguageClient, tmp_path):
    result = await start_with(client, with_client_features(client.name), tmp_path)
    # VS Code 1.65 does not know inlay hints; Neovim 0.11 does.
    assert (result.capabilities.inlay_hint_provider is not None) == (client.name == "neovim")
    caps = result.capabilities
    # Both declare rename with prepare support, definition, workspace symbols and code lens.
    assert caps.rename_provider.prepare_provider and caps.definition_provider and caps.workspace_symbol_provider
    assert caps.code_lens_provider is not None


async def test_capabilities_dropped_for_a_client_without_them(client: LanguageClient, tmp_path):
    bare = with_client_features(client.name, rename=None, definition=None, code_lens=None, inlay_hint=None)
    bare = attrs.evolve(bare, workspace=attrs.evolve(bare.workspace, symbol=None))
    caps = (await start_with(client, bare, tmp_path)).capabilities
    assert caps.rename_provider is None and caps.definition_provider is None and caps.code_lens_provider is None
    assert caps.inlay_hint_provider is None and caps.workspace_symbol_provider is None
    assert caps.hover_provider  # the core features stay


OTHER_ARTICLE = (
    "Ça bouge: “a new span” 😀 — Oksana Melnyk opened the Zaporozhye crossing.\n"
    "\n"
    "Melnyk thanked the crews. Melnyk left at noon.\n"
)


async def _symbols_until(client: LanguageClient, query: str, count: int, timeout: float = 90) -> list[lsp.WorkspaceSymbol]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query=query))
        if len(found or []) >= count or loop.time() > deadline:
            return list(found or [])
        await asyncio.sleep(0.2)


async def test_workspace_symbol_finds_an_entity_in_every_article(client: LanguageClient, tmp_path):
    (tmp_path / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "crossing.md").write_text(OTHER_ARTICLE, encoding="utf-8")
    result = await opened(client, tmp_path)
    assert result  # bridge.txt is open; crossing.md is only on disk, read by the workspace index
    enc = encoding_of(client.name)
    found = await _symbols_until(client, "melnyk", 2)
    by_file = {s.location.uri.rsplit("/", 1)[1]: s for s in found}
    assert set(by_file) == {"bridge.txt", "crossing.md"}, found
    assert all(s.name == "Oksana Melnyk" and s.kind == lsp.SymbolKind.Object for s in found)
    assert by_file["crossing.md"].container_name == "crossing.md · 3 mentions"
    assert by_file["bridge.txt"].container_name == "bridge.txt · 3 mentions"
    # The first full mention, on lines whose non-ASCII makes the encodings disagree.
    assert text_at(OTHER_ARTICLE, by_file["crossing.md"].location.range, enc) == "Oksana Melnyk"
    assert text_at(ARTICLE, by_file["bridge.txt"].location.range, enc) == "Oksana Melnyk"
    assert by_file["bridge.txt"].location.range.start.line == 0
    assert not [s for s in await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="Nobody Here")) or []]
    # Indexing the workspace reported its progress to the client, which offered it.
    reports = [r for token, rs in client.progress_reports.items() for r in rs]
    assert reports and reports[0].kind == "begin" and reports[-1].kind == "end"
    assert reports[-1].message == "1 article indexed"


async def test_definition_goes_to_the_first_full_mention(client: LanguageClient, tmp_path):
    uri = await opened(client, tmp_path)
    enc = encoding_of(client.name)
    doc = lsp.TextDocumentIdentifier(uri)
    pos = position_of(ARTICLE, "Melnyk's deputy", enc)
    target = await client.text_document_definition_async(lsp.DefinitionParams(doc, pos))
    target = target[0] if isinstance(target, list) else target
    assert target.uri == uri
    # Line 0 has “’” and an emoji after the name, line 2 the full name again: the first one wins.
    assert target.range.start.line == 0 and text_at(ARTICLE, target.range, enc) == "Oksana Melnyk"
    nothing = await client.text_document_definition_async(lsp.DefinitionParams(doc, position_of(ARTICLE, "bridge", enc)))
    assert not nothing


RENAME_TEXT = (
    "Zürich — 🚧 Zaporozhye's mayor, Ivan Kovalenko, said the crossing would open in May.\n"
    "\n"
    "Traffic into Zaporizhzhia has halved, Kovalenko said. Zaporozhye waits.\n"
)


def apply_edit(text: str, edits: list[lsp.TextEdit], enc: str) -> str:
    from copydesk.text import Encoding, LineIndex

    index = LineIndex(text)
    spans = [(index.offset(e.range.start.line, e.range.start.character, Encoding(enc)),
              index.offset(e.range.end.line, e.range.end.character, Encoding(enc)), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_by_uri(edit: lsp.WorkspaceEdit) -> dict[str, tuple[int | None, list[lsp.TextEdit]]]:
    if edit.document_changes:
        return {d.text_document.uri: (d.text_document.version, list(d.edits)) for d in edit.document_changes}
    return {uri: (None, list(edits)) for uri, edits in (edit.changes or {}).items()}


async def _open_rename_doc(client: LanguageClient, tmp_path, options: dict | None = None) -> str:
    await start_with(client, with_client_features(client.name), tmp_path, options)
    uri = (tmp_path / "mayor.txt").as_uri()
    await open_doc(client, uri, RENAME_TEXT, version=3)
    await diagnostics(client, uri, version=3)
    return uri


async def test_rename_a_place_renames_every_variant_and_keeps_the_possessive(client: LanguageClient, tmp_path):
    uri = await _open_rename_doc(client, tmp_path)
    enc = encoding_of(client.name)
    doc = lsp.TextDocumentIdentifier(uri)
    pos = position_of(RENAME_TEXT, "Zaporozhye's", enc)
    prepared = await client.text_document_prepare_rename_async(lsp.PrepareRenameParams(doc, pos))
    assert prepared.placeholder == "Zaporozhye" and text_at(RENAME_TEXT, prepared.range, enc) == "Zaporozhye"
    edit = await client.text_document_rename_async(lsp.RenameParams(doc, pos, "Zaporizhia"))
    changes = edits_by_uri(edit)
    assert list(changes) == [uri]
    version, edits = changes[uri]
    # VS Code takes versioned documentChanges; Neovim 0.11 declares no documentChanges support.
    assert version == (3 if client.name == "vscode" else None)
    assert apply_edit(RENAME_TEXT, edits, enc) == RENAME_TEXT.replace("Zaporozhye", "Zaporizhia").replace("Zaporizhzhia", "Zaporizhia")


async def test_rename_a_surname_renames_the_full_name_too(client: LanguageClient, tmp_path):
    uri = await _open_rename_doc(client, tmp_path)
    enc = encoding_of(client.name)
    doc = lsp.TextDocumentIdentifier(uri)
    pos = position_of(RENAME_TEXT, "Kovalenko said", enc)
    edit = await client.text_document_rename_async(lsp.RenameParams(doc, pos, "Kowalenko"))
    _, edits = edits_by_uri(edit)[uri]
    assert apply_edit(RENAME_TEXT, edits, enc) == RENAME_TEXT.replace("Kovalenko", "Kowalenko")


async def test_rename_refuses_where_there_is_no_name(client: LanguageClient, tmp_path):
    uri = await _open_rename_doc(client, tmp_path)
    doc = lsp.TextDocumentIdentifier(uri)
    pos = position_of(RENAME_TEXT, "crossing", encoding_of(client.name))
    for call in (
        client.text_document_prepare_rename_async(lsp.PrepareRenameParams(doc, pos)),
        client.text_document_rename_async(lsp.RenameParams(doc, pos, "bridge")),
    ):
        try:
            await call
        except Exception as exc:  # noqa: BLE001 - the error response, raised on the client side
            assert "there is no entity here" in str(exc)
        else:
            raise AssertionError("expected the rename to be refused")


async def test_rename_across_the_workspace_with_the_setting(client: LanguageClient, tmp_path):
    disk_text = "Élan in Zaporozhye 😀: the Zaporozhye council met Ivan Kovalenko.\n"
    (tmp_path / "council.md").write_text(disk_text, encoding="utf-8")
    (tmp_path / "unrelated.txt").write_text("Pavel Ortiz spoke in Lviv.\n", encoding="utf-8")
    uri = await _open_rename_doc(client, tmp_path, {"rename": {"workspace": True}})
    enc = encoding_of(client.name)
    await _symbols_until(client, "zaporozhye", 2)  # the workspace index reads the files on disk in the background
    other = (tmp_path / "council.md").as_uri()
    edit = await client.text_document_rename_async(
        lsp.RenameParams(lsp.TextDocumentIdentifier(uri), position_of(RENAME_TEXT, "Zaporozhye waits", enc), "Zaporizhia")
    )
    changes = edits_by_uri(edit)
    assert set(changes) == {uri, other}
    assert changes[other][0] is None  # not open: no version to check against
    assert apply_edit(disk_text, changes[other][1], enc) == disk_text.replace("Zaporozhye", "Zaporizhia")
