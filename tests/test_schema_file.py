"""The goal file's JSON Schema: a stable $id, written by `init` beside the starter file, and in
agreement with the linter on blank titles."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from smartlint.cli import app
from smartlint.items import SCHEMA_ID, json_schema

runner = CliRunner()


def test_schema_has_a_stable_id():
    assert json_schema()["$id"] == SCHEMA_ID == "urn:smartlint:goal-file:v1"


@pytest.mark.parametrize("plan", [
    {"goals": [{"title": ""}]}, {"goals": [{"title": "   "}]}, {"goals": [""]},
    {"objectives": [{"title": "Win", "key_results": [" "]}]},
])
def test_a_blank_title_fails_the_schema_as_it_fails_check(plan, tmp_path):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, json_schema())
    from ruamel.yaml import YAML

    path = tmp_path / "g.yaml"
    with path.open("w", encoding="utf-8") as out:
        YAML().dump(plan, out)
    result = runner.invoke(app, ["check", "--format", "json", "--no-cache", str(path)])
    assert "Y005" in {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_init_writes_the_schema_its_modeline_names(tmp_path):
    path = tmp_path / "q3.okrs.yaml"
    result = runner.invoke(app, ["init", str(path)])
    assert result.exit_code == 0, result.output
    assert "# yaml-language-server: $schema=goals.schema.json" in path.read_text(encoding="utf-8")
    assert json.loads((tmp_path / "goals.schema.json").read_text(encoding="utf-8")) == json_schema()


def test_init_keeps_a_schema_file_already_there(tmp_path):
    (tmp_path / "goals.schema.json").write_text("{}", encoding="utf-8")
    assert runner.invoke(app, ["init", str(tmp_path / "goals.yaml")]).exit_code == 0
    assert (tmp_path / "goals.schema.json").read_text(encoding="utf-8") == "{}"
