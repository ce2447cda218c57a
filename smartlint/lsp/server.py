"""The language server: pygls speaks the protocol; `session` lints, `fixes` proposes edits.

Findings are published for open goal files as the user types, after a short pause (debounce) so
that a burst of keystrokes costs one analysis. Analyses run one at a time on a worker thread, so
the server keeps answering hovers and code actions meanwhile; a result for a text that has since
changed is dropped, since a newer one is on its way.
"""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from smartlint import __version__
from smartlint.engine import Result
from smartlint.lsp.docs import RulePages
from smartlint.lsp.fixes import Fix, fixes_for, lines_of
from smartlint.lsp.session import Session, is_goal_file
from smartlint.model import Finding

SOURCE = "smartlint"
DEBOUNCE = 0.15  # seconds of quiet after a change before the file is analysed again
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


@dataclass
class Linted:
    """The latest findings of a document, and the text they were computed from."""

    version: int | None
    text: str
    result: Result


class SmartlintServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE, today: date | None = None) -> None:
        super().__init__("smartlint", __version__)
        self.debounce = debounce
        self.today = today
        self.session = Session()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smartlint-lint")
        self.pending: dict[str, asyncio.Task] = {}
        self.linted: dict[str, Linted] = {}
        self.goal_files: set[str] = set()  # documents seen as goal files since they were opened
        self.pages = RulePages()

    # -- linting -------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float, opened: bool = False) -> None:
        """Lint `uri` after `delay` seconds, replacing a lint not yet started."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay, opened))

    async def _lint_later(self, uri: str, delay: float, opened: bool = False) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        path = Path(to_fs_path(uri) or uri)
        if uri not in self.goal_files:
            if not is_goal_file(path, text):
                return
            self.goal_files.add(uri)  # stays one while open, even while its YAML is half-typed
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.worker, self._lint, path, text, opened)
        except Exception as exc:  # noqa: BLE001 - the server stays up; the message says what broke
            self.publish(uri, version, [self.problem_diagnostic(f"smartlint: {exc}")])
            return
        if self.pending.get(uri) is not asyncio.current_task():
            return  # a newer change is scheduled; its result will follow
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents or self.workspace.get_text_document(uri).source != text:
            return
        self.linted[uri] = Linted(version, text, result)
        lines = lines_of(text)
        diagnostics = [self.diagnostic(f, lines) for f in result.findings]
        for trace in result.internal_errors:
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"internal error in {trace}"))
        self.publish(uri, version, diagnostics)

    def _lint(self, path: Path, text: str, opened: bool) -> Result:
        from smartlint.config import ConfigError

        try:
            return self.session.lint(path, text, self.today, opened)
        except ConfigError as exc:
            raise RuntimeError(f"configuration error: {exc}") from None

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    # -- conversions ---------------------------------------------------------------------------

    def range(self, lines: list[str], line: int, column: int, end_line: int, end_column: int) -> types.Range:
        """smartlint's 1-based character positions -> the client's 0-based code units."""
        codec = self.workspace.position_codec
        start = types.Position(max(line - 1, 0), max(column - 1, 0))
        end = types.Position(max(end_line - 1, 0), max(end_column - 1, 0))
        return types.Range(codec.position_to_client_units(lines, start), codec.position_to_client_units(lines, end))

    def diagnostic(self, f: Finding, lines: list[str]) -> types.Diagnostic:
        page = self.pages.uri(f.rule, f.language)
        return types.Diagnostic(
            range=self.range(lines, f.line, f.column, f.end_line, f.end_column),
            message=f.message, severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
            code=f.rule, code_description=types.CodeDescription(href=page) if page else None,
            source=SOURCE, data={"name": f.name, "suggestion": f.suggestion, "path": f.path})

    @staticmethod
    def problem_diagnostic(message: str) -> types.Diagnostic:
        return types.Diagnostic(range=types.Range(types.Position(0, 0), types.Position(0, 1)), message=message,
                                severity=types.DiagnosticSeverity.Error, source=SOURCE)

    def current(self, uri: str) -> Linted | None:
        """The latest findings, if they are for the text the editor has now."""
        linted = self.linted.get(uri)
        if linted is None or uri not in self.workspace.text_documents:
            return None
        return linted if self.workspace.get_text_document(uri).source == linted.text else None

    def at(self, linted: Linted, rng: types.Range) -> list[tuple[Finding, types.Range]]:
        lines = lines_of(linted.text)
        out = []
        for f in linted.result.findings:
            r = self.range(lines, f.line, f.column, f.end_line, f.end_column)
            if _overlaps(r, rng):
                out.append((f, r))
        return out


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges touch (a cursor at either end of a finding counts)."""
    return not _before(a.end, b.start) and not _before(b.end, a.start)


def hover_text(f: Finding) -> str:
    """A finding's message, help and rule documentation, in Markdown, in the finding's language."""
    from smartlint.docs_i18n import HOVER, rule_doc, shown_language, tr
    from smartlint.registry import all_rules

    lang = shown_language(getattr(f, "language", "en"))
    rule = all_rules().get(f.rule)
    parts = [f"**{f.rule}** `{f.name}` ({f.criterion}, {f.severity}): {f.message}"]
    if f.suggestion:
        parts.append(tr(HOVER["help"], lang).format(suggestion=f.suggestion))
    if rule is not None:
        parts += ["---", rule_doc(rule, lang), tr(HOVER["more"], lang).format(code=f.rule)]
    return "\n\n".join(parts)


def build(debounce: float = DEBOUNCE, today: date | None = None) -> SmartlintServer:
    server = SmartlintServer(debounce, today)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: SmartlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0, opened=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: SmartlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: SmartlintServer, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri not in ls.linted:  # e.g. saved under a goal file's name
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: SmartlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.linted.pop(uri, None)
        if uri in ls.goal_files:
            ls.goal_files.discard(uri)
            ls.publish(uri, None, [])

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: SmartlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return None
        here = types.Range(params.position, params.position)
        hits = ls.at(linted, here)
        if not hits:
            return None
        text = "\n\n---\n\n".join(hover_text(f) for f, _ in hits)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), hits[0][1])

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: SmartlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None or not linted.result.files:
            return []
        loaded = linted.result.files[0]
        lines = lines_of(linted.text)
        hits = ls.at(linted, params.range)
        if not hits:
            return []
        # Each fix is checked by loading the edited text again (tens of milliseconds on a large
        # file): on the worker, so the protocol keeps answering meanwhile.
        found = await asyncio.get_running_loop().run_in_executor(
            ls.worker, lambda: [(f, fixes_for(f, loaded)) for f, _ in hits])
        return [_action(ls, uri, linted, fix, ls.diagnostic(f, lines), lines) for f, fixes in found for fix in fixes]

    return server


def _action(ls: SmartlintServer, uri: str, linted: Linted, fix: Fix, diag: types.Diagnostic,
            lines: list[str]) -> types.CodeAction:
    edits = [types.TextEdit(ls.range(lines, e.line + 1, e.column + 1, e.end_line + 1, e.end_column + 1), e.text)
             for e in fix.edits]
    change = types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version),
                                    edits)
    return types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                            is_preferred=fix.preferred or None,
                            edit=types.WorkspaceEdit(changes={uri: edits}, document_changes=[change]))


def run(debounce: float = DEBOUNCE, today: date | None = None) -> None:
    """Serve on stdin/stdout until the client says exit. Nothing else may write to stdout (it is
    the protocol's channel), so stray prints go to stderr."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    build(debounce, today).start_io(stdin, stdout)


__all__ = ["build", "run", "SmartlintServer", "hover_text"]
