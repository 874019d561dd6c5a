"""House-style findings: forms the newsroom's style file prefers, even in an article that
is consistent with itself ("Kiev" throughout, house style "Kyiv")."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ..article import Article
from ..findings import Code, Finding
from ..house_style import DOTTED_FORMS, HouseStyle
from . import keys
from .model import Span, VariantGroup
from .variant_lexical import american, british
from .variant_words import RawGroup, spelling_words


def _spelling_target(style: HouseStyle, word: str) -> str | None:
    us = american(word)
    if us is None:
        return None
    return british(word) if style.spelling == "british" else us


def _abbreviation_target(style: HouseStyle, form: str) -> str | None:
    if style.abbreviations == "undotted" and keys.DOTTED.match(form):
        return keys.undotted(form)
    if style.abbreviations == "dotted" and form in DOTTED_FORMS:
        return DOTTED_FORMS[form]
    return None


def style_target(style: HouseStyle | None, raw: RawGroup, display: dict[str, str]) -> tuple[str, str] | None:
    """(form key, display form) the house style wants for a group, or None."""
    if style is None:
        return None
    for form, shown in display.items():
        preferred = style.preferred_form(shown)
        if preferred:
            match = next((f for f, d in display.items() if d == preferred), None)
            return (match or preferred, preferred)
    if raw.kind == "british-american" and style.spelling:
        for form, shown in display.items():
            target = _spelling_target(style, form)
            if target:
                match = next((f for f in display if f.lower() == target), None)
                return (match, display[match]) if match else (target, target)
    if raw.kind == "abbreviation" and style.abbreviations:
        fitting = [f for f, shown in display.items() if _fits(style, shown)]
        if fitting:
            return (fitting[0], display[fitting[0]])
        first = next(iter(display.values()))
        target = _abbreviation_target(style, first)
        if target:
            return (target, target)
    return None


def _fits(style: HouseStyle, form: str) -> bool:
    dotted = bool(keys.DOTTED.match(form))
    return dotted == (style.abbreviations == "dotted")


@lru_cache(maxsize=64)
def _variant_pattern(variants: tuple[str, ...]) -> re.Pattern[str] | None:
    if not variants:
        return None
    alternatives = []
    for v in sorted(variants, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in v.split())  # "Federal\nReserve" in wrapped text
        if v[:1].islower():
            body = f"(?i:{body})"  # e-mail, E-mail, E-MAIL
        else:
            alternatives.append(r"\s+".join(re.escape(part) for part in v.upper().split()))
        alternatives.append(body)
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?![\w])")


def house_style_findings(
    article: Article, inv, style: HouseStyle | None, flagged: set[int], ignored: set[str]
) -> tuple[list[VariantGroup], list[Finding]]:
    if style is None:
        return [], []
    hits: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # target -> (start, end, form)
    pattern = _variant_pattern(tuple(style.preferred))
    if pattern is not None:
        for para in article.paragraphs:
            for m in pattern.finditer(para.text):
                form = " ".join(m.group(0).split())  # forms compare with whitespace normalised
                target = style.preferred_form(form) or style.preferred_form(_case_key(form, style))
                if target and target != form:
                    hits[target].append((para.start + m.start(), para.start + m.end(), form))
    if style.spelling:
        for w in spelling_words(inv.words):  # "well-organized" is spelled in its parts
            if w.all_caps or (w.has_upper and not w.sentence_initial):
                continue  # names keep their spelling ("Department of Defense")
            target = _spelling_target(style, w.text)
            if target and target != w.text.lower():
                hits[target].append((w.start, w.end, w.text))
    if style.abbreviations:
        for w in inv.words:
            target = _abbreviation_target(style, w.text)
            if target:
                hits[target].append((w.start, w.end, w.text))
    groups: list[VariantGroup] = []
    findings: list[Finding] = []
    for target, places in hits.items():
        places = sorted({p for p in places if p[0] not in flagged and p[2] not in ignored})
        if not places:
            continue
        forms: dict[str, list[Span]] = defaultdict(list)
        for start, end, form in places:
            forms[form].append(Span(start, end, form))
        group = VariantGroup(f"style:{target}", target, dict(forms), "house-style", None, True)
        groups.append(group)
        counts = {f: len(s) for f, s in forms.items()}
        for start, end, form in places:
            data = {
                "group": group.id, "canonical": target, "forms": counts, "form": form,
                "kind": "house-style", "houseStyle": True, "scope": "article",
            }
            findings.append(Finding(Code.HOUSE_STYLE, start, end, f"“{form}”: house style is “{target}”", data=data))
    return groups, findings


def _case_key(form: str, style: HouseStyle) -> str:
    """The listed variant a matched form stands for (E-mail -> e-mail, KIEV -> Kiev)."""
    lowered = form.lower()
    for variant in style.preferred:
        if variant.lower() == lowered:
            return variant
    return form
