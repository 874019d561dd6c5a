"""Rename a name everywhere (F2): every mention and every variant form of an entity.

The renamed text is the mention under the cursor. Each other mention gets the part of the new
name it stands for: with “Oksana Melnyk” renamed to “Oksana Melnik”, a bare “Melnyk” becomes
“Melnik”; a variant spelling of the whole (“Zaporizhzhia” for “Zaporozhye”) becomes the whole
new name. Possessives stay (mentions end before “’s”) and an all-capitals mention stays in
capitals. Edits are code-point spans; the LSP conversion is in one place below.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from ..analysis.model import EntityCluster
from ..analysis.pipeline import ArticleAnalysis
from ..text import Encoding, LineIndex
from .convert import to_range
from .lookup import mention_at
from .navigation import IndexedEntity

REQUEST_FAILED = -32803  # LSP's RequestFailed: the client shows the message


class RenameRefused(JsonRpcException):
    CODE = REQUEST_FAILED

    def __init__(self, message: str) -> None:
        super().__init__(message, REQUEST_FAILED)


NOT_A_NAME = (
    "Copydesk renames names of people, places and organisations: there is no entity here. "
    "Put the cursor on a name the article mentions."
)


@dataclass(frozen=True)
class Plan:
    """A rename: the text under the cursor, the new text, and every form of the name involved."""

    old: str
    new: str
    forms: frozenset[str]  # casefolded texts of every mention and variant form renamed


def prepare(analysis: ArticleAnalysis, offset: int) -> tuple[int, int, str]:
    hit = mention_at(analysis, offset)
    if hit is None:
        raise RenameRefused(NOT_A_NAME)
    mention = hit[1]
    return mention.start, mention.end, mention.text


def check_new_name(new_name: str) -> str:
    name = " ".join(new_name.split())
    if not name:
        raise RenameRefused("The new name is empty.")
    if any(ch in new_name for ch in "\r\n\u2028\u2029"):
        raise RenameRefused("A name cannot span lines.")
    return name


def _related_clusters(analysis: ArticleAnalysis, seeds: list[EntityCluster]) -> tuple[list[EntityCluster], list[tuple[int, int, str]]]:
    """The clusters and variant-form spans that are the same name as ``seeds``."""
    forms = {m.text.casefold() for c in seeds for m in c.mentions} | {c.canonical.casefold() for c in seeds}
    ids = {c.id for c in seeds}
    spans: list[tuple[int, int, str]] = []
    for group in analysis.variant_groups:
        group_forms = {f.casefold() for f in group.forms}
        if group.entity_id in ids or forms & group_forms:
            forms |= group_forms
            spans.extend((s.start, s.end, s.text) for occurrences in group.forms.values() for s in occurrences)
    clusters = [c for c in analysis.entities if c.id in ids or c.canonical.casefold() in forms]
    return clusters, spans


def plan_for(analysis: ArticleAnalysis, offset: int, new_name: str) -> tuple[Plan, list[tuple[int, int, str]]]:
    hit = mention_at(analysis, offset)
    if hit is None:
        raise RenameRefused(NOT_A_NAME)
    cluster, mention = hit
    new = check_new_name(new_name)
    clusters, spans = _related_clusters(analysis, [cluster])
    spans += [(m.start, m.end, m.text) for c in clusters for m in c.mentions]
    forms = frozenset(text.casefold() for _, _, text in spans)
    plan = Plan(mention.text, new, forms)
    return plan, edits_for(plan, spans)


def edits_in(analysis: ArticleAnalysis, plan: Plan) -> list[tuple[int, int, str]]:
    """The same rename in another article: the entities written in one of the plan's forms."""
    seeds = [c for c in analysis.entities if any(m.text.casefold() in plan.forms for m in c.mentions)]
    if not seeds:
        return []
    clusters, spans = _related_clusters(analysis, seeds)
    spans += [(m.start, m.end, m.text) for c in clusters for m in c.mentions]
    return edits_for(plan, spans)


def edits_in_indexed(text: str, entities: Iterable[IndexedEntity], plan: Plan) -> list[tuple[int, int, str]]:
    """The rename in a file the editor has not open, from the workspace index's mentions."""
    spans = []
    for entity in entities:
        if not any(form.casefold() in plan.forms for form in entity.forms):
            continue
        spans.extend((s, e, text[s:e]) for s, e in entity.mentions if e <= len(text) and text[s:e].casefold() in plan.forms)
    return edits_for(plan, spans)


def edits_for(plan: Plan, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One edit per span (overlaps keep the longer span), skipping those that would not change."""
    chosen: list[tuple[int, int, str]] = []
    for start, end, text in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if chosen and start < chosen[-1][1]:
            continue
        replacement = replacement_for(text, plan.old, plan.new)
        if replacement != text:
            chosen.append((start, end, replacement))
    return chosen


def replacement_for(text: str, old: str, new: str) -> str:
    """What ``text`` (a mention of the renamed name) becomes when ``old`` becomes ``new``."""
    words, old_words, new_words = text.split(), old.split(), new.split()
    folded, old_folded = [w.casefold() for w in words], [w.casefold() for w in old_words]
    if folded == old_folded:
        out = new
    elif (at := _find(old_folded, folded)) is not None:
        # A part of the renamed name (the surname alone): the matching part of the new name.
        if len(old_words) == len(new_words):
            out = " ".join(new_words[at : at + len(words)])
        elif at == 0:
            out = " ".join(new_words[: len(words)])
        else:
            out = " ".join(new_words[-len(words) :])
    elif (at := _find(folded, old_folded)) is not None:
        # The renamed text inside a longer mention (“Melnyk” in “Oksana Melnyk”).
        out = " ".join(words[:at] + new_words + words[at + len(old_words) :])
    elif len(words) < len(old_words) and len(words) <= len(new_words):
        out = " ".join(new_words[-len(words) :])  # a variant of a surname
    else:
        out = new  # another spelling of the whole name
    return _match_case(text, out)


def _find(haystack: list[str], needle: list[str]) -> int | None:
    for i in range(len(haystack) - len(needle) + 1):
        if haystack[i : i + len(needle)] == needle:
            return i
    return None


def _match_case(original: str, replacement: str) -> str:
    letters = [ch for ch in original if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    return replacement


# -- to LSP ------------------------------------------------------------------------------------
def workspace_edit(
    changes: list[tuple[str, int | None, LineIndex, list[tuple[int, int, str]]]],
    encoding: Encoding,
    document_changes: bool,
) -> lsp.WorkspaceEdit:
    """One edit over all documents: versioned per document when the client takes documentChanges."""
    if document_changes:
        return lsp.WorkspaceEdit(
            document_changes=[
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                    edits=[lsp.TextEdit(to_range(index, s, e, encoding), new) for s, e, new in edits],
                )
                for uri, version, index, edits in changes
                if edits
            ]
        )
    return lsp.WorkspaceEdit(
        changes={
            uri: [lsp.TextEdit(to_range(index, s, e, encoding), new) for s, e, new in edits]
            for uri, _, index, edits in changes
            if edits
        }
    )
