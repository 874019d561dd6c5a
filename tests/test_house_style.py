"""House-style file: parsing, problems with line numbers, presets, findings."""

from __future__ import annotations

from copydesk.analysis.pipeline import WorkspaceContext, analyse_text
from copydesk.findings import Code
from copydesk.house_style import available_presets, find_style_file, load_house_style, parse_house_style

GOOD = """\
spelling = "british"
abbreviations = "undotted"
presets = ["ukraine-places"]

[forms]
Zelensky = ["Zelenskyy", "Zelenskiy"]
email = ["e-mail"]

[[tests]]
text = "Zelenskyy flew to Kiev."
expected = "Zelensky flew to Kyiv."
"""


def test_parses_forms_presets_and_tests():
    style, problems = parse_house_style(GOOD)
    assert problems == []
    assert style.spelling == "british" and style.abbreviations == "undotted"
    assert style.preferred_form("Zelenskiy") == "Zelensky"
    assert style.preferred_form("Kiev") == "Kyiv"  # from the preset
    assert style.preferred_form("KIEV") == "KYIV"
    assert style.preferred_form("Kyiv") == "Kyiv"
    assert style.preferred_form("Paris") is None
    assert [t.expected for t in style.tests] == ["Zelensky flew to Kyiv."]
    assert style.tests[0].line == 9


def test_presets_ship_as_data():
    assert "ukraine-places" in available_presets()


def test_syntax_error_has_a_line():
    _, problems = parse_house_style('spelling = "british"\n[forms\nKyiv = ["Kiev"]\n')
    assert len(problems) == 1 and problems[0].line == 2 and "TOML" in problems[0].message


def test_validation_problems_point_at_their_key():
    text = 'spelling = "australian"\npresets = ["nope"]\ncolour = 1\n[forms]\nKyiv = 3\nKharkiv = ["Kharkov"]\n'
    style, problems = parse_house_style(text)
    lines = {p.line: p for p in problems}
    assert set(lines) == {1, 2, 3, 5}
    assert lines[3].severity == "warning"  # unknown key
    assert style.preferred_form("Kharkov") == "Kharkiv"  # the rest still applies


def test_a_variant_cannot_belong_to_two_forms():
    _, problems = parse_house_style('[forms]\nKyiv = ["Kiev"]\nKiyv = ["Kiev"]\n')
    assert problems and problems[0].line == 3


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.copydesk]\nspelling = "american"\nabbreviations = 5\n')
    path = find_style_file(tmp_path)
    assert path == tmp_path / "pyproject.toml"
    style, problems = load_house_style(path)
    assert style.spelling == "american"
    assert len(problems) == 1 and problems[0].line == 6


def test_copydesk_toml_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.copydesk]\n")
    (tmp_path / "copydesk.toml").write_text("")
    assert find_style_file(tmp_path) == tmp_path / "copydesk.toml"
    assert find_style_file(tmp_path / "nowhere") is None


def test_load_for_root(tmp_path):
    from copydesk.house_style import load_for_root

    assert load_for_root(tmp_path) == (None, [], None)
    (tmp_path / "copydesk.toml").write_text('spelling = "british"\nabbreviations = 1\n')
    style, problems, path = load_for_root(tmp_path)
    assert style.spelling == "british" and path == tmp_path / "copydesk.toml"
    assert [(p.line, p.column) for p in problems] == [(2, 1)]


def test_house_style_findings(engine, settings):
    style, _ = parse_house_style(GOOD)
    text = "Zelenskyy met officials in Kiev. The U.S. organization sent an e-mail. Kiev's mayor agreed.\n"
    analysis = analyse_text(text, engine, settings, context=WorkspaceContext(house_style=style))
    found = {(text[f.start : f.end], f.data["canonical"]) for f in analysis.findings if f.code == Code.HOUSE_STYLE}
    assert found == {
        ("Zelenskyy", "Zelensky"), ("Kiev", "Kyiv"), ("U.S.", "US"), ("organization", "organisation"), ("e-mail", "email"),
    }
    assert all(f.data["houseStyle"] for f in analysis.findings if f.code == Code.HOUSE_STYLE)


def test_house_style_sets_the_canonical_of_a_group(engine, settings):
    style, _ = parse_house_style('presets = ["ukraine-places"]\n')
    text = "Troops left Kharkiv. Kharkov was quiet. Residents of Kharkov returned.\n"
    analysis = analyse_text(text, engine, settings, context=WorkspaceContext(house_style=style))
    group = next(g for g in analysis.variant_groups if "Kharkov" in g.forms)
    assert group.canonical == "Kharkiv" and group.house_style
    flagged = [text[f.start : f.end] for f in analysis.findings if f.code in (Code.HOUSE_STYLE, Code.SPELLING_VARIANT)]
    assert flagged == ["Kharkov", "Kharkov"]


def test_names_keep_their_spelling_under_a_spelling_preference(engine, settings):
    style, _ = parse_house_style('spelling = "british"\n')
    text = "The Department of Defense said the World Health Organization agreed.\n"
    analysis = analyse_text(text, engine, settings, context=WorkspaceContext(house_style=style))
    assert not [f for f in analysis.findings if f.code == Code.HOUSE_STYLE]
