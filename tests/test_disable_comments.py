"""Disable comments (analysis/disable.py): on hand-made findings, and through the whole analysis."""

from __future__ import annotations

from copydesk.analysis.disable import apply, comment_for_next_line
from copydesk.analysis.pipeline import analyse_text
from copydesk.findings import Code, Finding

CLAIM, VAGUE, ENTITY = Code.UNATTRIBUTED_CLAIM, Code.VAGUE_ATTRIBUTION, Code.ENTITY


def at(text: str, needle: str, code: str) -> Finding:
    start = text.index(needle)
    return Finding(code, start, start + len(needle), "m")


def test_region_turns_off_the_named_codes_until_enable():
    text = (
        "Première ligne: Élodie Roux 🚀 is here.\n\n"
        "<!-- copydesk-disable unattributed-claim,vague-attribution -->\n"
        "Prices doubled. Critics say so. Élodie Roux agreed.\n"
        "<!-- copydesk-enable -->\n\n"
        "Prices tripled.\n"
    )
    findings = [
        at(text, "Élodie Roux 🚀", ENTITY), at(text, "Prices doubled.", CLAIM), at(text, "Critics", VAGUE),
        at(text, "Élodie Roux agreed", ENTITY), at(text, "Prices tripled.", CLAIM),
    ]
    kept = apply(text, findings)
    assert [(f.code, text[f.start:f.end]) for f in kept] == [
        (ENTITY, "Élodie Roux 🚀"), (ENTITY, "Élodie Roux agreed"), (CLAIM, "Prices tripled.")
    ]


def test_disable_without_codes_turns_off_every_code_to_the_end():
    text = "Élan.\n<!-- copydesk-disable -->\nPrices doubled, Élodie Roux said.\n"
    kept = apply(text, [at(text, "Prices doubled", CLAIM), at(text, "Élodie Roux", ENTITY), at(text, "Élan", ENTITY)])
    assert [text[f.start:f.end] for f in kept] == ["Élan"]


def test_next_line_skips_blank_lines_and_stops_after_one_line():
    text = "<!-- copydesk-disable-next-line unattributed-claim -->\n\nPrices doubled.\nPrices tripled.\n"
    kept = apply(text, [at(text, "Prices doubled.", CLAIM), at(text, "Prices tripled.", CLAIM)])
    assert [text[f.start:f.end] for f in kept] == ["Prices tripled."]


def test_unused_and_unknown_comments_are_hints():
    text = (
        "<!-- copydesk-disable-next-line vague-attribution -->\nPrices doubled.\n\n"
        "<!-- copydesk-disable-next-line no-such-code -->\nPrices tripled.\n"
    )
    kept = apply(text, [at(text, "Prices doubled.", CLAIM), at(text, "Prices tripled.", CLAIM)])
    hints = [f for f in kept if f.code == Code.UNUSED_DISABLE]
    assert len(hints) == 2 and all(f.effective_severity.name == "HINT" for f in hints)
    assert text[hints[0].start:hints[0].end] == "<!-- copydesk-disable-next-line vague-attribution -->"
    assert "turns nothing off" in hints[0].message and "no-such-code" in hints[1].message
    assert sum(f.code == CLAIM for f in kept) == 2  # the unknown code turned nothing off


def test_partly_used_comment_names_the_unused_code():
    text = "<!-- copydesk-disable-next-line unattributed-claim, entity -->\nPrices doubled.\n"
    kept = apply(text, [at(text, "Prices doubled.", CLAIM)])
    assert [f.code for f in kept] == [Code.UNUSED_DISABLE] and "entity" in kept[0].message


def test_comment_for_next_line_is_read_back():
    text = comment_for_next_line(CLAIM) + "\nPrices doubled.\n"
    assert apply(text, [at(text, "Prices doubled.", CLAIM)]) == []


def test_markdown_article_through_the_whole_analysis(engine, settings):
    text = (
        "# Café owners 😀 count the cost\n\n"
        "<!-- copydesk-disable-next-line vague-attribution -->\n"
        "Critics say the new tax will close half the cafés in the city by next spring.\n\n"
        "Critics say the rent rose by a third in two years.\n"
    )
    analysis = analyse_text(text, engine, settings, markdown=True)
    vague = [text[f.start:f.end] for f in analysis.findings if f.code == VAGUE]
    first, second = text.index("Critics"), text.rindex("Critics")
    starts = [f.start for f in analysis.findings if f.code == VAGUE]
    assert first not in starts and second in starts, vague
    assert not [f for f in analysis.findings if f.code == Code.UNUSED_DISABLE]


def test_copydesk_check_honours_the_comments(tmp_path):
    import json
    import subprocess

    from conftest import COPYDESK

    story = tmp_path / "cafes.md"
    story.write_text(
        "<!-- copydesk-disable vague-attribution -->\n"
        "Critics say the new tax will close half the cafés 😀 in the city by next spring.\n"
        "<!-- copydesk-enable -->\n\n"
        "<!-- copydesk-disable-next-line house-style -->\n"
        "Critics say the rent rose by a third in two years.\n",
        encoding="utf-8",
    )
    out = subprocess.run([COPYDESK, "check", str(story), "--format", "json"], capture_output=True, text=True, timeout=600)
    diags = json.loads(out.stdout)["files"][0]["diagnostics"]
    vague_lines = [d["range"]["start"]["line"] for d in diags if d["code"] == "vague-attribution"]
    assert vague_lines == [5], diags
    unused = [d for d in diags if d["code"] == "unused-disable"]
    assert [d["range"]["start"]["line"] for d in unused] == [4] and unused[0]["severity"] == 4
