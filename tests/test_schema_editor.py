"""yaml-language-server (the YAML engine of VS Code, Neovim and Helix set-ups) validates the starter
file from `smartlint init` against the schema written beside it: no schema error, and a real
error where the file breaks the schema (so the schema is really read)."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the `server` extra is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from smartlint.cli import app  # noqa: E402

YAML_LS = os.environ.get("SMARTLINT_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
pytestmark = [
    pytest.mark.skipif(YAML_LS is None or shutil.which("node") is None,
                       reason="needs node and the npm package yaml-language-server (on PATH, or its path in "
                              "SMARTLINT_YAML_LANGUAGE_SERVER): npm install yaml-language-server"),
    pytest.mark.asyncio(loop_scope="module"),
]


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[YAML_LS or "yaml-language-server", "--stdio"]))
async def client(lsp_client: LanguageClient):
    lsp_client.set_configuration({"validate": True, "schemaStore": {"enable": False}}, section="yaml")
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(configuration=True),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities()))
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


async def yaml_diagnostics(client: LanguageClient, path: Path) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=path.read_text(encoding="utf-8"))))

    async def wait() -> list[types.Diagnostic]:
        while uri not in client.diagnostics:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # a schema loaded late would publish again
        return list(client.diagnostics[uri])

    return await asyncio.wait_for(wait(), timeout=60)


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("init")
    path = folder / "goals.yaml"
    result = CliRunner().invoke(app, ["init", str(path)])
    assert result.exit_code == 0, result.output
    assert (folder / "goals.schema.json").is_file()
    return path


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_the_starter_file_has_no_schema_error(client, tmp_path, lang):
    path = tmp_path / "goals.yaml"
    assert CliRunner().invoke(app, ["init", "--lang", lang, str(path)]).exit_code == 0
    assert await yaml_diagnostics(client, path) == []


async def test_the_schema_is_read_and_agrees_with_the_linter(client, starter):
    broken = starter.with_name("broken.yaml")
    text = starter.read_text(encoding="utf-8").replace("language: en", "language: de")
    text = text.replace("title: Onboard 12 new design partners", 'title: "  "')
    broken.write_text(text, encoding="utf-8")
    found = await yaml_diagnostics(client, broken)
    lines = {d.range.start.line for d in found}
    assert text.splitlines().index(next(x for x in text.splitlines() if x.startswith("language: de"))) in lines
    blank = next(i for i, x in enumerate(text.splitlines()) if x.strip() == 'title: "  "')
    assert blank in lines, found  # a blank title fails the schema, as it fails `smartlint check` (Y005)
