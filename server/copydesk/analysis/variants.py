"""Spelling variants (issue 4): one name or word written two ways, in the article and
across the workspace, plus house-style violations.

Sources of groups (each guards precision in its own way, see the modules):
- ``variant_names``: names (transliteration, accents, hyphens, case);
- ``variant_lexical``: British/American words, abbreviation style, acronyms,
  hyphenated/closed/accented words.

Canonical form: the house style if it has one, else the article's majority,
ties to the first occurrence. Every occurrence that differs gets a finding
whose ``data`` holds what a fix needs: group id, canonical, form counts, this
occurrence's form, kind.

Across files: ``document_forms`` summarises a document (forms per key with
their ranges, ``variant_forms``). The caller puts the other documents' summaries in
``WorkspaceContext.other_documents``; ``find_variants`` then also reports a
form that the workspace spells differently (Kiev here, Kyiv elsewhere). For a
CLI run over many paths: analyse every file once, collect ``document_forms``,
then run ``find_variants`` again per file with the others as context.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..article import Article
from ..findings import Code, Finding, Related
from ..nlp import ParsedParagraph
from ..text import Encoding
from . import keys
from .model import EntityCluster, Span, VariantGroup
from .variant_house import house_style_findings, style_target
from .variant_lexical import (
    american, find_abbreviation_groups, find_acronym_groups, find_orthography_groups, find_uk_us_groups, spelling_preference,
)
from .variant_forms import DocumentForms, FormEntry, cross_file_keys, summarise
from .variant_index import ArticleWords, article_words
from .variant_names import find_name_groups, name_candidates
from .variant_words import RawGroup, Word, name_runs

MAX_RELATED = 20


@dataclass
class Inventory:
    words: list[Word]
    groups: list[RawGroup]
    keyed: dict[str, dict[str, list[Word]]]
    kinds: dict[str, str]


IGNORE_MARKER = re.compile(r"<!--\s*copydesk-ignore:\s*(.*?)\s*-->")


def ignore_marker(form: str) -> str:
    """The comment that "Ignore ... in this article" adds to the article."""
    return f"<!-- copydesk-ignore: {form} -->"


def ignored_in(text: str) -> tuple[set[str], list[tuple[int, int]]]:
    """Forms the article says to ignore, and where those markers are."""
    forms: set[str] = set()
    spans = []
    for m in IGNORE_MARKER.finditer(text):
        forms |= {f.strip() for f in m.group(1).split(",") if f.strip()}
        spans.append((m.start(), m.end()))
    return forms, spans


def inventory(article: Article, parsed: list[ParsedParagraph], clusters: list[EntityCluster]) -> Inventory:
    text = article.text
    aw = article_words(article, parsed)
    _, marker_spans = ignored_in(text)
    if marker_spans:  # plain text shows the marker as prose: its words are not the article's
        kept = [w for w in aw.all if not any(s <= w.start < e for s, e in marker_spans)]
        aw = ArticleWords.of([w._replace(index=i) for i, w in enumerate(kept)])
    words = aw.all
    # Computed once here: the name pass, the British/American pass, acronyms and the
    # cross-file keys all read them. Each pass gets the subset of words it files.
    runs = name_runs(text, aw.runnable)
    candidates = name_candidates(text, words, aw.capitalised, aw.lower_forms)
    groups = (
        find_name_groups(text, words, clusters, runs, candidates)
        + find_uk_us_groups(text, words, runs, aw.uk_us, aw.vocabulary)
        + find_abbreviation_groups(aw.capitalised)
        + find_acronym_groups(" ".join(p.text for p in article.paragraphs), aw.capitalised, runs)
        + find_orthography_groups(text, words)
    )
    groups = _drop_glosses(text, _drop_overlaps(groups))
    keyed, kinds = cross_file_keys(text, aw.spelled, runs, candidates)
    return Inventory(words, groups, keyed, kinds)


_GLOSS = re.compile(r"\s*\(\s*(?:formerly\s+|also\s+|or\s+|previously\s+|once\s+)?$")


def _drop_glosses(text: str, groups: list[RawGroup]) -> list[RawGroup]:
    """"Mumbai (Bombay)", "Kyiv (formerly Kiev)": the writer gives the other form on purpose.
    An occurrence in brackets right after another form of its group is not a variant."""
    out = []
    for g in groups:
        ends = {w.end: form for form, ws in g.forms.items() for w in ws}
        forms = {}
        for form, ws in g.forms.items():
            kept = []
            for w in ws:
                m = _GLOSS.search(text, 0, w.start)
                glossed = m is not None and m.end() == w.start and ends.get(m.start(), form) != form
                if not glossed:
                    kept.append(w)
            if kept:
                forms[form] = kept
        if len(forms) > 1:
            out.append(RawGroup(g.key, g.kind, forms, g.case_sensitive) if forms != g.forms else g)
    return out


def _drop_overlaps(groups: list[RawGroup]) -> list[RawGroup]:
    """An occurrence belongs to one group: the first that claims it (names before words)."""
    seen: set[int] = set()
    out = []
    for g in groups:
        starts = {w.start for ws in g.forms.values() for w in ws}
        if starts & seen:
            continue
        seen |= starts
        out.append(g)
    return out


def document_forms(analysis_or_parts, uri: str | None = None) -> DocumentForms:
    """Summary of a document for the workspace index: ``ArticleAnalysis`` or (article, parsed, clusters)."""
    if isinstance(analysis_or_parts, tuple):
        article, parsed, clusters = analysis_or_parts
    else:
        # The pipeline already built both in the worker thread; the server asks on its event loop.
        ready = getattr(analysis_or_parts, "forms", None)
        if uri is None and ready is not None:
            return ready
        article, parsed, clusters = analysis_or_parts.article, analysis_or_parts.parsed, analysis_or_parts.entities
        inv = getattr(analysis_or_parts, "inventory", None)
        if inv is not None:
            return summarise(article, inv.keyed, inv.kinds, uri)
    inv = inventory(article, parsed, clusters)
    return summarise(article, inv.keyed, inv.kinds, uri)


def forms_of(article: Article, inv: Inventory) -> DocumentForms:
    """``document_forms`` from an inventory already built (the pipeline keeps it)."""
    return summarise(article, inv.keyed, inv.kinds, None)


def _display(ws: list[Word]) -> str:
    """How a form is shown: its commonest spelling in running text (not capitals, not a sentence start)."""
    surfaces = (
        Counter(w.text for w in ws if not w.sentence_initial and not w.all_caps)
        or Counter(w.text for w in ws if not w.all_caps)
        or Counter(w.text for w in ws)
    )
    best = max(surfaces.values())
    return next(w.text for w in ws if surfaces.get(w.text) == best)


def _quote(form: str) -> str:
    return f"“{form}”"


def find_variants(
    article: Article, parsed: list[ParsedParagraph], clusters: list[EntityCluster], context, inv: Inventory | None = None
) -> tuple[list[VariantGroup], list[Finding]]:
    if inv is None:
        inv = inventory(article, parsed, clusters)
    style = getattr(context, "house_style", None) if context is not None else None
    others = getattr(context, "other_documents", None) or {}
    ignored = set(getattr(context, "ignored_forms", ()) or ()) | ignored_in(article.text)[0]
    groups: list[VariantGroup] = []
    findings: list[Finding] = []
    flagged: set[int] = set()
    mine = summarise(article, inv.keyed, inv.kinds, None) if others else None
    preference: str | None = None  # the article's spelling, worked out at the first tie that needs it

    for raw in inv.groups:
        display = {form: _display(ws) for form, ws in raw.forms.items()}
        target = style_target(style, raw, display)
        counted = {f: _counted(ws, article) for f, ws in raw.forms.items()}
        if target is not None:
            canonical_form, canonical = target
        else:
            if raw.kind == "british-american" and len(set(counted.values())) < len(counted) and preference is None:
                preference = (style.spelling if style is not None and style.spelling else None) or spelling_preference(inv.words) or ""
            canonical_form = max(raw.forms, key=lambda f: (counted[f], _fits_spelling(raw, f, preference), -raw.forms[f][0].start))
            canonical = display[canonical_form]
        counts = {display[f]: counted[f] for f in raw.forms}
        if canonical not in counts:
            counts[canonical] = 0
        group = VariantGroup(
            raw.key, canonical,
            {display[f]: [Span(w.start, w.end, w.text) for w in ws] for f, ws in raw.forms.items()},
            raw.kind, _entity_of(raw, clusters), target is not None,
        )
        groups.append(group)
        related_all = [(f, w) for f, ws in raw.forms.items() for w in ws]
        for form, ws in raw.forms.items():
            if form == canonical_form or display[form] in ignored:
                continue
            for w in ws:
                flagged.add(w.start)
                related = tuple(
                    Related(o.start, o.end, f"{_quote(display[f])} ({counts[display[f]]}×)")
                    for f, o in related_all if f != form
                )[:MAX_RELATED]
                related += _other_files_related(mine, others, raw, display[form])
                if target is not None:
                    message = f"{_quote(w.text)}: house style is {_quote(canonical)}"
                    if counts[canonical]:
                        message += f", used here {counts[canonical]}×"
                    code = Code.HOUSE_STYLE
                else:
                    message = f"{_quote(w.text)} is also spelled {_quote(canonical)} here ({counts[display[form]]}× vs {counts[canonical]}×)"
                    code = Code.SPELLING_VARIANT
                findings.append(Finding(code, w.start, w.end, message, data=_data(group, display[form], counts), related=related))

    style_groups, style_findings = house_style_findings(article, inv, style, flagged, ignored)
    groups.extend(style_groups)
    findings.extend(style_findings)
    flagged |= {f.start for f in style_findings}
    if others and mine is not None:
        ws_groups, ws_findings = _workspace_findings(mine, others, style, flagged, ignored)
        groups.extend(ws_groups)
        findings.extend(ws_findings)
    findings.sort(key=lambda f: (f.start, f.end))
    return groups, findings


def _counted(ws: list[Word], article: Article) -> int:
    """Occurrences that count toward the majority: in Markdown, not those in headings (a
    heading repeats what the text says)."""
    if not article.markdown:
        return len(ws)
    return sum(1 for w in ws if w.kind.value != "headline")


def _fits_spelling(raw: RawGroup, form: str, preference: str | None) -> bool:
    """On a tie, a British/American group goes the article's (or the house style's) way."""
    if not preference or raw.kind != "british-american":
        return False
    us = american(form)
    if us is None:
        return False
    return (form.lower() == us) == (preference == "american")


def _data(group: VariantGroup, form: str, counts: dict[str, int], scope: str = "article") -> dict:
    return {
        "group": group.id,
        "canonical": group.canonical,
        "forms": dict(counts),
        "form": form,
        "kind": group.kind,
        "houseStyle": group.house_style,
        "scope": scope,
    }


def _entity_of(raw: RawGroup, clusters: list[EntityCluster]) -> str | None:
    starts = [(w.start, w.end) for ws in raw.forms.values() for w in ws]
    for cluster in clusters:
        for m in cluster.mentions:
            if any(m.start <= s and e <= m.end for s, e in starts):
                return cluster.id
    return None


def _other_files_related(mine: DocumentForms | None, others: dict, raw: RawGroup, form: str) -> tuple[Related, ...]:
    if mine is None:
        return ()
    out: list[Related] = []
    my_keys = {k for k, forms in mine.forms.items() if any(f in forms or f.lower() in forms for f in raw.forms)}
    for uri, doc in sorted(others.items()):
        for key in my_keys & doc.keys():
            for other_form, entry in doc.forms[key].items():
                if other_form.lower() == form.lower():
                    continue
                for (s, e), r in zip(entry.spans, entry.ranges16):
                    out.append(Related(s, e, f"{_quote(other_form)} in {_name(uri)}", uri=uri, range16=r))
    return tuple(out[:MAX_RELATED])


def _name(uri: str) -> str:
    return os.path.basename(uri.rstrip("/")) or uri


def _comparable(key: str, a: str, b: str) -> bool:
    if a == b:
        return False
    if key.startswith("place:"):
        return keys.outline_match(a, b)
    return True


def _workspace_findings(mine: DocumentForms, others: dict, style, flagged: set[int], ignored: set[str]) -> tuple[list[VariantGroup], list[Finding]]:
    groups: list[VariantGroup] = []
    findings: list[Finding] = []
    for key, my_forms in mine.forms.items():
        if len(my_forms) != 1:
            continue  # inconsistent here: the article's own group reports it
        (my_form, my_entry), = my_forms.items()
        totals: Counter[str] = Counter({my_form: my_entry.count})
        files: Counter[str] = Counter({my_form: 1})
        where: dict[str, list[tuple[str, FormEntry]]] = defaultdict(list)
        for uri, doc in others.items():
            for form, entry in doc.forms.get(key, {}).items():
                if form != my_form and not _comparable(key, my_form, form):
                    continue
                totals[form] += entry.count
                files[form] += 1
                if form != my_form:
                    where[form].append((uri, entry))
        if len(totals) < 2:
            continue
        preferred = style.preferred_form(my_form) if style is not None else None
        canonical = next((f for f in totals if style is not None and style.preferred_form(f) == f and f in style.preferred_forms), None)
        if canonical is None:
            canonical = min(totals, key=lambda f: (-totals[f], -files[f], f))
        if canonical == my_form or my_form in ignored or (preferred and preferred != my_form):
            continue  # house-style findings already cover a listed variant
        shown = canonical if not key.startswith("ukus:") else _shape_like(canonical, my_form)
        group = VariantGroup(f"ws:{key}", shown, {my_form: [Span(s, e, my_form) for s, e in my_entry.spans]}, mine.kinds.get(key, "transliteration"))
        groups.append(group)
        n_files = len({uri for uri, _ in where.get(canonical, [])})
        related = tuple(
            Related(s, e, f"{_quote(form)} in {_name(uri)}", uri=uri, range16=r)
            for form, places in where.items() for uri, entry in sorted(places, key=lambda p: p[0])
            for (s, e), r in zip(entry.spans, entry.ranges16)
        )[:MAX_RELATED]
        message = (
            f"{_quote(my_form)} is spelled {_quote(shown)} in {n_files} other file{'s' if n_files != 1 else ''} "
            f"({totals[canonical]}× vs {totals[my_form]}×)"
        )
        data = _data(group, my_form, dict(totals), scope="workspace")
        data["files"] = {uri: {f: e.count for f, e in doc.forms.get(key, {}).items()} for uri, doc in sorted(others.items()) if key in doc.forms}
        for start, end in my_entry.spans:
            if start in flagged:
                continue
            findings.append(Finding(Code.SPELLING_VARIANT, start, end, message, data=data, related=related))
    return groups, findings


def _shape_like(target: str, model: str) -> str:
    if model[:1].isupper() and target[:1].islower():
        return target[:1].upper() + target[1:]
    return target


def cross_file_findings(forms: dict[str, DocumentForms], style=None) -> dict[str, list[Finding]]:
    """Workspace findings for each document of a batch, from their summaries alone."""
    out: dict[str, list[Finding]] = {}
    for path, mine in forms.items():
        others = {p: f for p, f in forms.items() if p != path}
        _, found = _workspace_findings(mine, others, style, set(), set())
        out[path] = found
    return out


def cross_file_diagnostics(docs: dict[str, tuple[str, DocumentForms]], style=None, settings=None) -> dict[str, list[dict]]:
    """For `copydesk check` over many paths: path -> extra diagnostics (LSP JSON, UTF-16)."""
    from ..text import LineIndex

    forms = {path: f for path, (_, f) in docs.items()}
    out: dict[str, list[dict]] = {}
    for path, found in cross_file_findings(forms, style).items():
        index = LineIndex(docs[path][0])
        out[path] = [_json_diagnostic(f, index, path, settings) for f in found]
    return out


def _json_diagnostic(finding: Finding, index, uri: str, settings) -> dict:
    def rng(start: int, end: int) -> dict:
        a, b = index.position(start, Encoding.UTF16), index.position(end, Encoding.UTF16)
        return {"start": {"line": a.line, "character": a.character}, "end": {"line": b.line, "character": b.character}}

    severity = settings.severity(finding.code, finding.severity) if settings else finding.effective_severity
    diag = {
        "range": rng(finding.start, finding.end),
        "severity": int(severity),
        "code": finding.code,
        "source": "copydesk",
        "message": finding.message,
        "data": finding.data,
    }
    related = []
    for rel in finding.related:
        if rel.uri is None:
            related.append({"location": {"uri": uri, "range": rng(rel.start, rel.end)}, "message": rel.message})
        elif rel.range16 is not None:
            sl, sc, el, ec = rel.range16
            r = {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}
            related.append({"location": {"uri": rel.uri, "range": r}, "message": rel.message})
    if related:
        diag["relatedInformation"] = related
    return diag
