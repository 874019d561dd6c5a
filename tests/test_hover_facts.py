"""Hover facts for places and organisations, offline (issue 18): the markdown on text written
for the tests, and once through the real server."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from copydesk.analysis.pipeline import analyse_text
from copydesk.lsp.hover import entity_markdown
from lsp_helpers import SERVER, diagnostics, encoding_of, open_doc, position_of, start, track_versions

TEXT = (
    "Britain and the US Federal Reserve disagreed on Tuesday. The Federal Reserve said "
    "rates would stay high, and officials in Kyiv and Munich said the same. "
    "The United Kingdom sent a delegation to the Monetary Policy Committee (MPC). "
    "The MPC meets again in March.\n"
)


def hover_for(engine, settings, name):
    analysis = analyse_text(TEXT, engine, settings)
    cluster = next(c for c in analysis.entities if any(m.text == name for m in c.mentions))
    return entity_markdown(analysis, cluster)


def test_country_hover_has_official_name_capital_and_iso_code(engine, settings):
    value = hover_for(engine, settings, "Britain")
    assert "United Kingdom of Great Britain and Northern Ireland" in value
    assert "Capital: London" in value and "GB / GBR" in value
    assert "GeoNames" in value


def test_city_hover_has_country_population_and_other_spellings(engine, settings):
    value = hover_for(engine, settings, "Kyiv")
    assert "city in Ukraine" in value and "Population:" in value
    assert "Also spelt:" in value and "Kiev" in value and "GeoNames" in value


def test_organisation_hover_has_acronym_and_first_full_mention(engine, settings):
    mpc = hover_for(engine, settings, "MPC")
    assert "Acronym: MPC = Monetary Policy Committee" in mpc
    assert "First named in full: “Monetary Policy Committee” (line 1)" in mpc
    fed = hover_for(engine, settings, "Federal Reserve")
    assert "First named in full: “US Federal Reserve”" in fed


@pytest_lsp.fixture(config=SERVER, params=["vscode"])
async def client(lsp_client: LanguageClient, request):
    track_versions(lsp_client)
    lsp_client.name = request.param  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_country_facts_through_the_server(client: LanguageClient, tmp_path):
    await start(client, client.name, tmp_path)
    uri = (tmp_path / "facts.txt").as_uri()
    await open_doc(client, uri, TEXT)
    await diagnostics(client, uri, version=1)
    pos = position_of(TEXT, "United Kingdom", encoding_of(client.name))
    hover = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), pos))
    assert "Capital: London" in hover.contents.value and "ISO 3166 code: GB / GBR" in hover.contents.value
