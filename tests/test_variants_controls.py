"""Variants that must be found and near-identical names that must not (texts written for the tests)."""

from __future__ import annotations

import pytest

from copydesk.analysis.pipeline import analyse_text
from copydesk.findings import Code


def _groups(engine, settings, text):
    analysis = analyse_text(text, engine, settings)
    return [
        {form for form in f.data["forms"]}
        for f in analysis.findings
        if f.code == Code.SPELLING_VARIANT
    ]


CONTROLS = [
    "Officials in Austria met their counterparts from Australia. Austria and Australia signed a trade deal.",
    "Iran said it would talk to Iraq. Iraq's foreign minister visited Iran on Monday.",
    "Russia said Russian troops had left. Russia denied it and Russian officials declined to comment.",
    "The minister met other ministers. The ministers said the minister was right.",
    "Defence Minister Dong Jun met Juan Guaido in Caracas. Dong Jun and Juan Guaido spoke for an hour.",
    "Philip Green met Phillip Okonkwo. Philip Green said Phillip Okonkwo was late.",
    "Brian Smith spoke first. Then Bryan Jones spoke. Brian Smith and Bryan Jones left together.",
    "The Ministry of Defence in London and the Department of Defense in Washington issued statements. "
    "The Ministry of Defence said more later.",
    "The Labour Party in Britain and the Australian Labor Party both won. Labour and Labor leaders met.",
    "He signed a long-term contract. In the long term, it pays. The long-term plan is fine.",
    "The team will practise on Monday. Their practice is hard and their practices are long.",
    "The US and the UK signed. The UN welcomed it. The EU said the US and the UK were right.",
    "Nigeria and Niger share a border. Niger said Nigeria closed it.",
    "Slovakia and Slovenia are different countries. Slovenia is not Slovakia.",
]


@pytest.mark.parametrize("text", CONTROLS, ids=range(len(CONTROLS)))
def test_near_identical_but_different_is_not_a_variant(engine, settings, text):
    assert _groups(engine, settings, text) == []


VARIANTS = [
    ("Sergei Shoigu arrived in Astana. Later, Sergey Shoigu spoke. Sergei Shoigu left.", {"Sergei", "Sergey"}),
    ("Shelling hit the Zaporozhye nuclear power plant. The Zaporizhzhia nuclear power plant is safe. "
     "The Zaporizhzhia nuclear power plant is run by Russia.", {"Zaporozhye", "Zaporizhzhia"}),
    ("Troops left Kharkov on Monday. Kharkiv was quiet. Residents of Kharkiv returned.", {"Kharkov", "Kharkiv"}),
    ("President Volodymyr Zelensky spoke. Zelenskyy said the war would end. Zelensky then left.", {"Zelensky", "Zelenskyy"}),
    ("Detainees at Guantanamo Bay wrote letters. Guantánamo Bay is in Cuba. Guantanamo Bay will close.",
     {"Guantanamo", "Guantánamo"}),
    ("The organisation said it would act. Another organization said no. The organisation won.",
     {"organisation", "organization"}),
    ("Send us an email. We read every e-mail we get. Each email is answered.", {"email", "e-mail"}),
    ("Leaders of al-Qaeda met. Officials said Al-Qaeda leaders said nothing. The al-Qaeda network grew.", {"al-Qaeda", "Al-Qaeda"}),
    ("Troops of the U.S. arrived. The US said they would stay. U.S. officials agreed.", {"U.S.", "US"}),
    ("Muammar Gaddafi spoke. Muammar Qaddafi said the rebels would lose. Gaddafi left.", {"Gaddafi", "Qaddafi"}),
    ("The Northern Atlantic Security Forum (NASF) met in Oslo. Delegates at NASF agreed. "
     "Later NAFS issued a statement.", {"NASF", "NAFS"}),
]


@pytest.mark.parametrize("text,forms", VARIANTS, ids=[sorted(f)[0] for _, f in VARIANTS])
def test_variants_are_found(engine, settings, text, forms):
    groups = _groups(engine, settings, text)
    assert any(forms <= {g.lower() if g.islower() else g for g in group} for group in groups), groups


def test_message_names_both_forms_and_counts(engine, settings):
    text = "Troops left Kharkov on Monday. Kharkiv was quiet. Residents of Kharkiv returned."
    analysis = analyse_text(text, engine, settings)
    (f,) = [f for f in analysis.findings if f.code == Code.SPELLING_VARIANT]
    assert f.message == "“Kharkov” is also spelled “Kharkiv” here (1× vs 2×)"
    assert text[f.start : f.end] == "Kharkov"


def test_tie_goes_to_the_first_occurrence(engine, settings):
    text = "Sergey Shoigu arrived. Sergei Shoigu left."
    analysis = analyse_text(text, engine, settings)
    (f,) = [f for f in analysis.findings if f.code == Code.SPELLING_VARIANT]
    assert f.data["canonical"] == "Sergey" and f.data["form"] == "Sergei"
