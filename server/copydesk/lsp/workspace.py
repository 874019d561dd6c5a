"""The workspace index: forms used in every article of the workspace, and the house style.

One object with explicit update points: start, background scan, a document
analysed, closed, saved, and watched-file events. Cross-file variants (Kiev in
one article, Kyiv in another) come from here.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from ..analysis.pipeline import ArticleAnalysis, WorkspaceContext
from ..inputs import ARTICLE_SUFFIXES, InputError, read_article
from ..exclude import Excluder, style_excluder
from .documents import DocumentState, uri_to_path
from .navigation import IndexedEntity, entity_entries

if TYPE_CHECKING:
    from .server import CopydeskServer

log = logging.getLogger(__name__)


def _variants():
    from ..analysis import variants

    return variants


def _tally(forms: Any) -> dict[str, dict[str, int]] | None:
    if forms is None:
        return None
    return {key: {form: entry.count for form, entry in by_form.items()} for key, by_form in forms.forms.items()}


def path_to_uri(path: str | os.PathLike) -> str:
    return Path(path).resolve().as_uri()


class WorkspaceIndex:
    def __init__(self, ls: "CopydeskServer") -> None:
        self.ls = ls
        self.forms: dict[str, Any] = {}  # uri -> variants.DocumentForms
        self.entities: dict[str, list[IndexedEntity]] = {}  # uri -> its entities (workspace/symbol)
        self.house_style: Any = None
        self.style_uri: str | None = None
        self.excluder = Excluder()  # the house style's `exclude` globs
        self._scan_task: asyncio.Task | None = None
        self.scanned_files = 0
        self.skipped: list[str] = []

    # -- roots -----------------------------------------------------------------------------
    def roots(self) -> list[Path]:
        try:
            ws = self.ls.workspace
        except RuntimeError:
            return []
        roots: list[Path] = []
        for folder in (ws.folders or {}).values():
            path = uri_to_path(folder.uri)
            if path:
                roots.append(Path(path))
        if not roots and ws.root_path:
            roots.append(Path(ws.root_path))
        return [r for r in roots if r.is_dir()]

    # -- life cycle --------------------------------------------------------------------------
    async def start(self) -> None:
        self.load_house_style()
        await self._register_watchers()

    async def _register_watchers(self) -> None:
        ws = self.ls.client_capabilities.workspace
        dyn = ws and ws.did_change_watched_files and ws.did_change_watched_files.dynamic_registration
        if not dyn:
            return
        pattern = "**/*.{txt,md,markdown}"
        watchers = [
            lsp.FileSystemWatcher(glob_pattern=pattern),
            lsp.FileSystemWatcher(glob_pattern=f"**/{self.ls.settings.house_style_file}"),
            lsp.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
        ]
        try:
            await self.ls.client_register_capability_async(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="copydesk-watch", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )
        except Exception as exc:  # noqa: BLE001 - watching is a convenience
            log.info("file watching not available: %s", exc)

    def stop(self) -> None:
        if self._scan_task is not None:
            self._scan_task.cancel()

    # -- house style -------------------------------------------------------------------------
    def load_house_style(self) -> None:
        try:
            from .. import house_style
        except ImportError:
            return
        if not hasattr(house_style, "load_for_root"):
            return
        roots = self.roots()
        style, problems, path = None, [], None
        for root in roots:
            style, problems, path = house_style.load_for_root(root, self.ls.settings.house_style_file)
            if path is not None:
                break
        self.house_style = style
        self.excluder = style_excluder(style) if style is not None else Excluder()
        old_uri, self.style_uri = self.style_uri, (path_to_uri(path) if path else None)
        self._publish_style_problems(problems, old_uri)

    def _publish_style_problems(self, problems: list[Any], old_uri: str | None) -> None:
        if old_uri and old_uri != self.style_uri:
            self.ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=old_uri, diagnostics=[]))
        if not self.style_uri:
            return
        diags = []
        for problem in problems:
            line = max(0, int(getattr(problem, "line", 1) or 1) - 1)
            col = max(0, int(getattr(problem, "column", 1) or 1) - 1)
            diags.append(
                lsp.Diagnostic(
                    range=lsp.Range(lsp.Position(line, col), lsp.Position(line, col + 1)),
                    message=str(getattr(problem, "message", problem)), severity=lsp.DiagnosticSeverity.Error,
                    code="style-file", source="copydesk",
                )
            )
        self.ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=self.style_uri, diagnostics=diags))

    # -- per-document updates ----------------------------------------------------------------
    def context_for(self, uri: str) -> WorkspaceContext:
        others = {}
        if self.ls.settings.workspace_variants:
            others = {u: f for u, f in self.forms.items() if u != uri}
        return WorkspaceContext(house_style=self.house_style, other_documents=others)

    def document_analysed(self, doc: DocumentState, analysis: ArticleAnalysis) -> None:
        self.entities[doc.uri] = entity_entries(analysis)
        try:
            forms = _variants().document_forms(analysis)
        except AttributeError:
            return
        old = self.forms.get(doc.uri)
        self.forms[doc.uri] = forms
        # Other documents only care which forms this one uses and how often; positions move on
        # every keystroke and must not re-analyse every open article each time.
        before, after = _tally(old) or {}, _tally(forms) or {}
        changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        if changed and self.ls.settings.workspace_variants:
            self._refresh_others(doc.uri, changed)

    def _refresh_others(self, changed_uri: str, changed_keys: set[str]) -> None:
        """Re-analyse the open documents that use one of the changed keys: cross-file variants
        of a document are read from its own keys only, so the others' results cannot change."""
        scheduler = self.ls.scheduler
        if scheduler is None:
            return
        for uri, other in self.ls.documents.docs.items():
            theirs = self.forms.get(uri)
            if theirs is not None and changed_keys.isdisjoint(theirs.forms):
                continue
            if uri != changed_uri and other.analysis is not None:
                # Lower priority than the document being typed in: wait for a pause in typing.
                scheduler.schedule(other, max(1000, 4 * self.ls.settings.debounce_ms))

    def excluded(self, uri: str) -> bool:
        """Whether the house style's `exclude` keeps this document out of checks."""
        path = uri_to_path(uri)
        return bool(path and self.excluder.excluded(path))

    def indexed_entities(self) -> list[tuple[str, list[IndexedEntity]]]:
        """Every article's entities (offsets in the text last analysed; callers check it still matches)."""
        return list(self.entities.items())

    def document_closed(self, doc: DocumentState) -> None:
        """The file on disk is the truth again; re-read it (or drop it if it is gone)."""
        path = uri_to_path(doc.uri)
        if not path or not os.path.isfile(path):
            self.forms.pop(doc.uri, None)
            self.entities.pop(doc.uri, None)
            return
        asyncio.ensure_future(self._index_files([Path(path)]))

    def file_saved(self, uri: str) -> None:
        if self.style_uri and uri == self.style_uri or uri.endswith(("/" + self.ls.settings.house_style_file, "/pyproject.toml")):
            self.load_house_style()
            self.ls.reanalyse_all()

    async def watched_files_changed(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        changed: list[Path] = []
        for event in params.changes:
            uri = event.uri
            if uri.endswith(("/" + self.ls.settings.house_style_file, "/pyproject.toml")):
                self.load_house_style()
                self.ls.reanalyse_all()
                continue
            if uri in self.ls.documents.docs:
                continue  # the editor's text wins over the disk
            if event.type == lsp.FileChangeType.Deleted:
                self.forms.pop(uri, None)
                self.entities.pop(uri, None)
                continue
            path = uri_to_path(uri)
            if path:
                changed.append(Path(path))
        if changed:
            await self._index_files(changed)
            self.ls.reanalyse_all()

    # -- background scan ---------------------------------------------------------------------
    def scan_in_background(self) -> None:
        if not self.ls.settings.workspace_variants:
            return
        self._scan_task = asyncio.ensure_future(self._scan())

    def candidate_files(self) -> list[Path]:
        settings = self.ls.settings
        found: list[Path] = []
        for root in self.roots():
            real_root = root.resolve()
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in {"node_modules", "__pycache__", "venv"})
                for name in sorted(filenames):
                    if not name.lower().endswith(ARTICLE_SUFFIXES):
                        continue
                    path = Path(dirpath) / name
                    if self.excluder.excluded(path):
                        continue
                    try:
                        resolved = path.resolve()
                        resolved.relative_to(real_root)
                        if resolved.stat().st_size > settings.workspace_max_file_bytes:
                            self.skipped.append(f"{path}: over workspaceMaxFileBytes")
                            continue
                    except (ValueError, OSError):
                        continue  # a symlink out of the workspace, or unreadable
                    found.append(path)
                    if len(found) >= settings.workspace_max_files:
                        self.skipped.append(f"stopped at workspaceMaxFiles={settings.workspace_max_files}")
                        return found
        return found

    async def _scan(self) -> None:
        files = await asyncio.get_running_loop().run_in_executor(None, self.candidate_files)
        files = [f for f in files if path_to_uri(f) not in self.ls.documents.docs]
        if not files:
            return
        token = "copydesk-workspace-index"
        progress = self.ls.work_done_progress
        window = self.ls.client_capabilities.window
        report = bool(window and window.work_done_progress)
        if report:
            try:
                await progress.create_async(token)
                progress.begin(token, lsp.WorkDoneProgressBegin(title="Copydesk: indexing articles", percentage=0, cancellable=False))
            except Exception:  # noqa: BLE001
                report = False
        step = 16
        for k in range(0, len(files), step):
            await self._index_files(files[k : k + step])
            if report:
                done = min(len(files), k + step)
                progress.report(token, lsp.WorkDoneProgressReport(message=f"{done}/{len(files)}", percentage=int(100 * done / len(files))))
        if report:
            progress.end(token, lsp.WorkDoneProgressEnd(message=f"{len(files)} article{'s' if len(files) != 1 else ''} indexed"))
        self.scanned_files = len(files)
        self.ls.reanalyse_all()

    async def _index_files(self, paths: list[Path]) -> None:
        paths = [p for p in paths if not self.excluder.excluded(p)]
        scheduler = self.ls.scheduler
        if scheduler is None or scheduler.model_error:
            return
        loop = asyncio.get_running_loop()
        results = await loop.run_in_executor(scheduler.executor, self._forms_blocking, paths)
        for uri, (forms, entities) in results.items():
            if uri not in self.ls.documents.docs:
                self.forms[uri] = forms
                self.entities[uri] = entities

    def _forms_blocking(self, paths: list[Path]) -> dict[str, tuple[Any, list[IndexedEntity]]]:
        from ..analysis.pipeline import analyse_parsed
        from ..article import Article

        scheduler = self.ls.scheduler
        assert scheduler is not None
        out: dict[str, Any] = {}
        variants = _variants()
        if not hasattr(variants, "document_forms"):
            return out
        for path in paths:
            try:
                source = read_article(path, self.ls.settings.workspace_max_file_bytes)
            except InputError as exc:
                self.skipped.append(str(exc))
                continue
            article = Article(source.text, source.markdown)
            texts = [p.text for p in article.paragraphs]
            parsed = scheduler.engine.parse(texts)
            analysis = analyse_parsed(article, parsed, scheduler.settings, WorkspaceContext(house_style=self.house_style))
            out[path_to_uri(path)] = (variants.document_forms(analysis), entity_entries(analysis))
            scheduler.engine.forget(texts)
        return out
