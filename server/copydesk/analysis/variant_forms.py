"""What a document contributes to the workspace: its forms under keys that compare across files.

``cross_file_keys`` files a document's names, abbreviations and British/American words under
keys another document's forms can meet (``place:<geonames id>``, ``name:<fine key>``,
``abbr:US``, ``ukus:<american>|<signature>``); ``summarise`` turns them into the compact
``DocumentForms`` the workspace index keeps per file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..article import Article
from ..text import Encoding
from . import keys
from .variant_lexical import _signatures, american, caps_parts
from .variant_names import majority_label, name_candidates, place_id
from .variant_words import Word, compound_parts, name_runs


@dataclass(frozen=True)
class FormEntry:
    form: str
    spans: tuple[tuple[int, int], ...]  # code-point offsets in that document
    ranges16: tuple[tuple[int, int, int, int], ...]  # (line, char, line, char) in UTF-16

    @property
    def count(self) -> int:
        return len(self.spans)


@dataclass(frozen=True)
class DocumentForms:
    """A compact summary of one document's spellings, keyed by what makes forms comparable."""

    uri: str | None
    forms: dict[str, dict[str, FormEntry]] = field(default_factory=dict)  # key -> form -> entry
    kinds: dict[str, str] = field(default_factory=dict)  # key -> kind

    def keys(self) -> set[str]:
        return set(self.forms)


def cross_file_keys(
    text: str, words: list[Word], runs: list[list[Word]] | None = None, candidates: dict[str, list[Word]] | None = None
) -> tuple[dict[str, dict[str, list[Word]]], dict[str, str]]:
    """Forms by the key that makes them comparable across files. Given ``runs`` and
    ``candidates``, ``words`` need only hold the capitalised words and those with a
    British/American pair (``ArticleWords.spelled``)."""
    if runs is None:
        runs = name_runs(text, words)
    if candidates is None:
        candidates = name_candidates(text, words)
    keyed: dict[str, dict[str, list[Word]]] = defaultdict(lambda: defaultdict(list))
    kinds: dict[str, str] = {}
    for form, ws in candidates.items():
        label = majority_label(ws)
        if label == "NORP":
            continue
        pid = place_id(form, label in ("GPE", "LOC", "FAC"))
        if pid is not None:
            keyed[f"place:{pid}"][form].extend(ws)
            kinds[f"place:{pid}"] = "transliteration"
        elif len(keys.plain(form)) >= 6:
            keyed[f"name:{keys.fine(form)}"][form].extend(ws)
            kinds[f"name:{keys.fine(form)}"] = "transliteration"
    run_of = {w.index: run for run in runs if len(run) > 1 for w in run}
    spelled: list[Word] = []
    for w in caps_parts(words):
        if w.all_caps:
            if keys.DOTTED.match(w.text) or (w.text.isalpha() and w.text.isupper() and 2 <= len(w.text) <= 4):
                key = f"abbr:{keys.undotted(w.text)}"
                keyed[key][w.text].append(w)
                kinds[key] = "abbreviation"
            continue
        if "-" in w.text:
            spelled.extend(compound_parts(w))  # "well-organised" meets "well-organized" elsewhere
        else:
            spelled.append(w)
    for w in spelled:
        us = american(w.text)
        if not us:
            continue
        if w.index in run_of and w.has_upper and w in run_of[w.index]:  # not a part of a compound
            for sig in _signatures(run_of[w.index], w):
                keyed[f"ukus:{us}|{sig}"][w.text.lower()].append(w)
                kinds[f"ukus:{us}|{sig}"] = "british-american"
        else:
            keyed[f"ukus:{us}"][w.text.lower()].append(w)
            kinds[f"ukus:{us}"] = "british-american"
    return keyed, kinds


def summarise(article: Article, keyed: dict[str, dict[str, list[Word]]], kinds: dict[str, str], uri: str | None) -> DocumentForms:
    """The document's forms per cross-file key, with their places (UTF-16 ranges for other files' diagnostics)."""
    out: dict[str, dict[str, FormEntry]] = {}
    for key, forms in keyed.items():
        out[key] = {form: _entry(article, form, ws) for form, ws in forms.items()}
    return DocumentForms(uri, out, dict(kinds))


def _entry(article: Article, form: str, ws: list[Word]) -> FormEntry:
    spans = tuple((w.start, w.end) for w in ws)
    ranges = []
    for start, end in spans:
        a = article.index.position(start, Encoding.UTF16)
        b = article.index.position(end, Encoding.UTF16)
        ranges.append((a.line, a.character, b.line, b.character))
    return FormEntry(form, spans, tuple(ranges))
