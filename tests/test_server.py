"""`smartlint server` driven by a real LSP client over stdio: diagnostics as `check` reports them,
updates on change, hovers with the rule's docs, quick fixes that leave the file clean of the rule."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the `server` extra is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from smartlint.lsp.fixes import Edit, apply, lines_of  # noqa: E402

TODAY = "2027-01-01"
pytestmark = pytest.mark.asyncio(loop_scope="module")

GOALS = """\
language: en
goals:
  - title: "\U0001F680 Improve the onboarding by 30 June 2027"
    owner: Ana
  - title: "Grow retention by 25% by 30 June 2027 \u2014 \U0001F680 launch"
    taget: 40
  - title: Sign 40 reseller agreements by 30 June 2027
"""


def make_client() -> LanguageClient:
    """pytest-lsp's test client, keeping every diagnostics notification (with its version)."""
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, default_converter, register_lsp_features

    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(client, {k: v for k, v in DEFAULT_CLIENT_FEATURES.items()
                                   if k != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS})
    client.published = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)

    return client


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "smartlint", "server", "--today", TODAY], client_factory=make_client))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


def check_json(path: Path) -> list[dict]:
    """`smartlint check --format json` on the file (in this process: spaCy is loaded once)."""
    from typer.testing import CliRunner

    from smartlint.cli import app

    out = CliRunner().invoke(app, ["check", "--format", "json", "--no-cache", "--today", TODAY, str(path)])
    return json.loads(out.stdout)["findings"]


def utf16(line: str, column: int) -> int:
    """A 1-based character column -> the 0-based UTF-16 offset LSP clients count in."""
    return len(line[:column - 1].encode("utf-16-le")) // 2


def published(client: LanguageClient, uri: str) -> list[int | None]:
    return [p.version for p in client.published if p.uri == uri]


async def diagnostics(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for this version of the document."""
    async def wait() -> list[types.Diagnostic]:
        while True:
            for p in client.published:
                if p.uri == uri and p.version == version:
                    return list(p.diagnostics)
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(wait(), timeout=120)


def open_doc(client: LanguageClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))


def as_edits(action: types.CodeAction, uri: str, text: str) -> list[Edit]:
    """The action's LSP edits as smartlint edits (UTF-16 columns back to characters)."""
    lines = lines_of(text)
    out = []
    for e in action.edit.changes[uri]:
        def col(pos: types.Position) -> int:
            line = lines[pos.line] if pos.line < len(lines) else ""
            units = 0
            for i, ch in enumerate(line):
                if units >= pos.character:
                    return i
                units += 2 if ord(ch) > 0xFFFF else 1
            return len(line)
        out.append(Edit(e.range.start.line, col(e.range.start), e.range.end.line, col(e.range.end), e.new_text))
    return out


async def test_diagnostics_match_check_then_follow_changes(client, tmp_path):
    path = tmp_path / "plan.goals.yaml"
    path.write_text(GOALS, encoding="utf-8")
    uri = open_doc(client, path, GOALS)
    got = await diagnostics(client, uri, 1)
    lines = GOALS.splitlines()
    expected = sorted((f["rule"], f["line"] - 1, utf16(lines[f["line"] - 1], f["column"]),
                       f["end_line"] - 1, utf16(lines[f["end_line"] - 1], f["end_column"])) for f in check_json(path))
    assert {"S001", "Y002", "R001"} <= {e[0] for e in expected}
    s001 = next(f for f in check_json(path) if f["rule"] == "S001")
    assert utf16(lines[s001["line"] - 1], s001["column"]) == s001["column"]  # after the emoji: 2 UTF-16 units
    assert sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in got) == expected
    assert all(d.source == "smartlint" for d in got)

    fixed = GOALS.replace("Improve the onboarding", "Cut onboarding time from 10 to 5 days")
    change(client, uri, 2, fixed)
    got = await diagnostics(client, uri, 2)
    assert "S001" not in {d.code for d in got}
    assert "Y002" in {d.code for d in got}


async def test_a_burst_of_changes_is_analysed_once_for_the_last_text(client, tmp_path):
    path = tmp_path / "burst.goals.yaml"
    uri = open_doc(client, path, GOALS)
    await diagnostics(client, uri, 1)
    typed = "Sign 40 reseller agreements by 30 June 2027"
    for i in range(2, 12):  # typing, faster than the debounce delay
        change(client, uri, i, GOALS.replace("Improve the onboarding", typed[:i * 4]))
    got = await diagnostics(client, uri, 11)
    assert published(client, uri) == [1, 11]  # the intermediate texts were never analysed
    assert "S001" not in {d.code for d in got if d.range.start.line == 2}


async def test_the_rule_code_links_to_the_rule_page(client, tmp_path):
    from typer.testing import CliRunner

    from smartlint.cli import app

    uri = open_doc(client, tmp_path / "link.goals.yaml", GOALS)
    s001 = next(d for d in await diagnostics(client, uri, 1) if d.code == "S001")
    page = Path.from_uri(s001.code_description.href) if hasattr(Path, "from_uri") else \
        Path(s001.code_description.href.removeprefix("file://"))
    assert page.read_text(encoding="utf-8") == CliRunner().invoke(app, ["rule", "S001"]).stdout
    # a French goal's finding links to the French page
    uri = open_doc(client, tmp_path / "lien.goals.yaml", "language: fr\nowner: Ana\ngoals:\n"
                   "  - Renforcer la qualité de notre documentation d'ici le 30 juin 2027\n")
    s001 = next(d for d in await diagnostics(client, uri, 1) if d.code == "S001")
    page = Path.from_uri(s001.code_description.href) if hasattr(Path, "from_uri") else \
        Path(s001.code_description.href.removeprefix("file://"))
    assert page.read_text(encoding="utf-8") == CliRunner().invoke(app, ["rule", "S001", "--messages", "fr"]).stdout
    assert "critère" in page.read_text(encoding="utf-8")


async def test_hover_shows_the_rule_docs(client, tmp_path):
    path = tmp_path / "hover.goals.yaml"
    uri = open_doc(client, path, GOALS)
    got = await diagnostics(client, uri, 1)
    s001 = next(d for d in got if d.code == "S001")
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), s001.range.start))
    assert hover is not None and "vague-verb" in hover.contents.value
    assert "smartlint rule S001" in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(0, 0)))
    assert nothing is None


@pytest.mark.parametrize("rule, title", [
    ("Y002", "Rename `taget` to `target`"),
    ("R001", "Add `owner: TBD` (to fill in)"),
    ("S001", "Suppress S001 on this line (write the reason)"),
])
async def test_quick_fix_leaves_the_file_clean_of_the_rule(client, tmp_path, rule, title):
    path = tmp_path / f"fix-{rule}.goals.yaml"
    uri = open_doc(client, path, GOALS)
    got = await diagnostics(client, uri, 1)
    diag = next(d for d in got if d.code == rule)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), diag.range, types.CodeActionContext([diag])))
    action = next(a for a in actions if a.title == title)
    assert action.kind == types.CodeActionKind.QuickFix
    fixed = apply(GOALS, as_edits(action, uri, GOALS))
    change(client, uri, 2, fixed)
    after = await diagnostics(client, uri, 2)
    where = diag.data["path"]
    assert (rule, where) not in {(d.code, d.data["path"]) for d in after}
    assert len([d for d in after if d.code == rule]) == len([d for d in got if d.code == rule]) - 1
    path.write_text(fixed, encoding="utf-8")
    assert (rule, where) not in {(f["rule"], f["path"]) for f in check_json(path)}
    if rule == "S001":
        assert 'reason="TODO' in fixed  # the reason is left for the user to write


async def test_other_yaml_files_get_no_diagnostics(client, tmp_path):
    workflow = tmp_path / "ci.yaml"
    uri = open_doc(client, workflow, "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n")
    goals = tmp_path / "after.goals.yaml"
    later = open_doc(client, goals, GOALS)
    await diagnostics(client, later, 1)  # analysed after the workflow (one worker, in order)
    assert uri not in client.diagnostics


async def test_a_broken_configuration_is_reported_on_the_file(client, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".smartlint.yaml").write_text("ignroe: [S001]\n", encoding="utf-8")
    uri = open_doc(client, tmp_path / "conf.goals.yaml", GOALS)
    got = await diagnostics(client, uri, 1)
    assert len(got) == 1 and got[0].code is None
    assert "configuration error" in got[0].message and "ignroe" in got[0].message
