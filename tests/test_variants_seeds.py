"""Spelling variants on the seeds: every gold group is found, in the file and across files."""

from __future__ import annotations

import json

import pytest

from conftest import GOLD, SEED_000, SEED_003
from copydesk.analysis.pipeline import WorkspaceContext, analyse_parsed, analyse_text
from copydesk.analysis.variants import cross_file_findings, document_forms
from copydesk.article import Article
from copydesk.findings import Code


def _analyse(engine, settings, path, context=None):
    return analyse_text(path.read_text(encoding="utf-8"), engine, settings, context=context)


def _variant_form_sets(analysis):
    """Each flagged group as the set of its forms, case-folded."""
    out = []
    for f in analysis.findings:
        if f.code == Code.SPELLING_VARIANT:
            out.append({form.lower() for form in f.data["forms"]})
    return out


@pytest.mark.parametrize("path", [SEED_000, SEED_003], ids=["000", "003"])
def test_every_gold_group_in_the_file_is_found(engine, settings, path):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["files"][path.name]["variant_groups"]
    found = _variant_form_sets(_analyse(engine, settings, path))
    for group in gold:
        wanted = {f.lower() for f in group["forms"]}
        assert any(wanted <= forms for forms in found), f"{group['forms']} not found in {found}"


def test_no_more_groups_than_gold_on_the_seeds(engine, settings):
    for path in (SEED_000, SEED_003):
        gold = json.loads(GOLD.read_text(encoding="utf-8"))["files"][path.name]["variant_groups"]
        groups = {f.data["group"] for f in _analyse(engine, settings, path).findings if f.code == Code.SPELLING_VARIANT}
        assert len(groups) == len(gold), groups


def test_findings_carry_fix_data_and_related(engine, settings):
    analysis = _analyse(engine, settings, SEED_003)
    zap = [f for f in analysis.findings if f.code == Code.SPELLING_VARIANT and "Zaporozhye" in f.data["forms"]]
    assert len(zap) == 1
    f = zap[0]
    assert set(f.data) >= {"group", "canonical", "forms", "form", "kind"}
    assert f.data["forms"] == {"Zaporozhye": 1, "Zaporizhzhia": 1}
    assert f.data["kind"] == "transliteration"
    text = analysis.article.text
    assert text[f.start : f.end] == f.data["form"]
    assert [text[r.start : r.end] for r in f.related] == [f.data["canonical"]]
    assert "is also spelled" in f.message and "(1× vs 1×)" in f.message
    group = next(g for g in analysis.variant_groups if g.id == f.data["group"])
    assert group.canonical == f.data["canonical"]


def test_kiev_and_kyiv_across_the_seeds(engine, settings):
    analyses = {p.name: _analyse(engine, settings, p) for p in (SEED_000, SEED_003)}
    forms = {name: document_forms(a, uri=name) for name, a in analyses.items()}
    found = cross_file_findings(forms)
    flagged = {(name, f.data["form"], f.data["canonical"]) for name, fs in found.items() for f in fs}
    # Kiev 4x in 003, Kyiv 2x in 000: the workspace majority is Kiev, so Kyiv is flagged.
    assert (SEED_000.name, "Kyiv", "Kiev") in flagged
    kyiv = next(f for f in found[SEED_000.name] if f.data["form"] == "Kyiv")
    assert kyiv.related and all(r.uri == SEED_003.name and r.range16 for r in kyiv.related)


def test_workspace_context_reports_other_files(engine, settings):
    a000 = _analyse(engine, settings, SEED_000)
    others = {"file:///003.txt": document_forms(_analyse(engine, settings, SEED_003), uri="file:///003.txt")}
    again = analyse_parsed(a000.article, a000.parsed, settings, WorkspaceContext(other_documents=others))
    ws = [f for f in again.findings if f.data and f.data.get("scope") == "workspace"]
    assert {a000.article.text[f.start : f.end] for f in ws} == {"Kyiv"}
    assert all(r.uri == "file:///003.txt" for f in ws for r in f.related)


def test_forms_inside_urls_are_ignored(engine, settings):
    text = "Sergei Shoigu spoke. See https://example.com/Sergey-Shoigu for more. Sergei Shoigu left.\n"
    analysis = analyse_text(text, engine, settings)
    assert not [f for f in analysis.findings if f.code == Code.SPELLING_VARIANT]


def test_document_forms_ranges_are_utf16(engine, settings):
    text = "😀 Kiev is here. Kiev again.\n"
    article = Article(text)
    parsed = engine.parse([p.text for p in article.paragraphs])
    from copydesk.analysis.entities import find_entities

    forms = document_forms((article, parsed, find_entities(article, parsed, None)))
    entry = next(e for key, fs in forms.forms.items() if key.startswith("place:") for e in fs.values())
    assert entry.spans[0] == (2, 6)
    assert entry.ranges16[0] == (0, 3, 0, 7)  # the emoji is two UTF-16 units
