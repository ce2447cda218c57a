"""The command line: exit statuses, the JSON contract, folders, selection, output hygiene."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write
from smartlint.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
runner = CliRunner()

BAD = "language: en\ngoals:\n  - Enhance our brand presence\n"
GOOD = "language: en\nowner: Ana\ngoals:\n  - Sign 40 new reseller agreements by 30 June 2027\n"


def run(*args: str):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


def test_clean_file_exits_0(tmp_path):
    result = run("check", str(write(tmp_path, "good.yaml", GOOD)))
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_findings_exit_1_and_are_located(tmp_path):
    path = write(tmp_path, "bad.yaml", BAD)
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:3:5" in result.output
    assert "S001" in result.output and "warning" in result.output and "help:" in result.output
    assert "\x1b[" not in result.output


def test_fail_on_error_ignores_warnings(tmp_path):
    assert run("check", "--fail-on", "error", str(write(tmp_path, "bad.yaml", BAD))).exit_code == 0
    assert run("check", "--fail-on", "never", str(write(tmp_path, "b.yaml", "goals: [\n"))).exit_code == 0
    assert run("check", "--fail-on", "error", str(write(tmp_path, "c.yaml", "goals: [\n"))).exit_code == 1


def test_missing_path_is_a_usage_error(tmp_path):
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_bad_option_is_a_usage_error(tmp_path):
    assert run("check", "--format", "xml", str(write(tmp_path, "g.yaml", GOOD))).exit_code == 2
    assert run("check", "--today", "tomorrow", str(write(tmp_path, "g.yaml", GOOD))).exit_code == 2
    assert run("check", "--select", "Z999", str(write(tmp_path, "g.yaml", GOOD))).exit_code == 2


def test_json_contract(tmp_path):
    path = write(tmp_path, "bad.yaml", BAD)
    result = run("check", "--format", "json", str(path))
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert set(doc["summary"]) == {"files", "errors", "warnings", "infos", "suppressed", "baselined"}
    assert doc["summary"]["files"] == 1
    keys = {"rule", "name", "criterion", "severity", "file", "line", "column", "end_line", "end_column",
            "path", "message", "suggestion", "language"}
    assert doc["findings"] and all(set(f) == keys for f in doc["findings"])
    assert {f["language"] for f in doc["findings"]} == {"en"}  # the goals' language
    vague = next(f for f in doc["findings"] if f["rule"] == "S001")
    assert (vague["file"], vague["line"], vague["column"], vague["end_column"]) == (str(path), 3, 5, 12)
    assert vague["path"] == "goals[0]" and vague["criterion"] == "specific"
    assert doc["summary"]["warnings"] == sum(f["severity"] == "warning" for f in doc["findings"])


def test_folders_are_searched_for_yaml(tmp_path):
    write(tmp_path, "plans/a.yaml", BAD)
    write(tmp_path, "plans/sub/b.yml", BAD)
    write(tmp_path, "plans/notes.txt", "not a goal file")
    write(tmp_path, "plans/.hidden/c.yaml", BAD)
    result = run("check", "--format", "json", str(tmp_path / "plans"))
    doc = json.loads(result.stdout)
    assert doc["summary"]["files"] == 2
    assert {Path(f["file"]).name for f in doc["findings"]} == {"a.yaml", "b.yml"}


def test_select_and_ignore(tmp_path):
    path = str(write(tmp_path, "bad.yaml", BAD))
    only = json.loads(run("check", "-f", "json", "--select", "specific", path).stdout)["findings"]
    assert only and {f["criterion"] for f in only} == {"specific"}
    rest = json.loads(run("check", "-f", "json", "--ignore", "S,M001", path).stdout)["findings"]
    assert rest and not any(f["rule"].startswith("S") or f["rule"] == "M001" for f in rest)


def test_lang_option_forces_the_language(tmp_path):
    path = str(write(tmp_path, "g.yaml", "goals:\n  - Améliorer la documentation d'ici le 30 juin 2027\n"))
    forced = json.loads(run("check", "-f", "json", "--lang", "en", path).stdout)["findings"]
    auto = json.loads(run("check", "-f", "json", path).stdout)["findings"]
    assert any(f["rule"] == "S001" for f in auto)
    assert not any(f["rule"] == "S001" for f in forced)


def test_rules_and_rule_commands():
    listing = json.loads(run("rules", "--format", "json").stdout)
    codes = {r["code"] for r in listing}
    assert {"S001", "S002", "M001", "M002", "A001", "T001", "T002", "O001", "O002", "R001", "Y001"} <= codes
    doc = run("rule", "vague-verb")
    assert doc.exit_code == 0 and "S001" in doc.output and "Examples" in doc.output
    assert run("rule", "NOPE").exit_code == 2


def test_examples_have_findings_in_both_languages():
    result = run("check", "--format", "json", str(EXAMPLES))
    doc = json.loads(result.stdout)
    files = {Path(f["file"]).name for f in doc["findings"] if f["severity"] != "info"}
    assert {"okrs-fr.yaml", "okrs-en.yaml"} <= files
    assert "good-goals.yaml" not in files


@pytest.mark.parametrize("args", [["--help"], ["rules"], ["rule", "S001"], ["schema"]])
def test_commands_that_never_import_spacy(args):
    env = {**os.environ, "NO_COLOR": "1"}
    code = (f"import sys; from smartlint.cli import main; sys.argv=['smartlint', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('SPACY' if 'spacy' in sys.modules else 'NOSPACY')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.strip().endswith("NOSPACY"), out.stdout + out.stderr


def test_entry_point():
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "smartlint", "check", "--format", "json", str(EXAMPLES / "okrs-en.yaml")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["files"] == 1
    assert "Traceback" not in proc.stderr


def test_empty_folder_warns_and_passes(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["check", str(tmp_path / "empty")])
    assert result.exit_code == 0
    assert "no goal file found" in result.stderr


def test_second_run_uses_the_cache_and_gives_the_same_findings(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = str(write(tmp_path, "bad.yaml", BAD))
    first = run("check", "-f", "json", path).stdout
    cached = [p.read_text(encoding="utf-8") for p in (tmp_path / "cache").glob("analyses-*.json")]
    assert any("Enhance our brand presence" in text for text in cached)
    assert run("check", "-f", "json", path).stdout == first
    assert run("check", "-f", "json", "--no-cache", path).stdout == first


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    run("check", "--no-cache", str(write(tmp_path, "bad.yaml", BAD)))
    assert not (tmp_path / "cache").exists()


def test_cached_run_does_not_import_spacy(tmp_path):
    env = {**os.environ, "SMARTLINT_CACHE_DIR": str(tmp_path / "cache")}
    path = str(write(tmp_path, "bad.yaml", BAD + "  - Accredit 30 installers\n"))  # a verb no list names
    code = ("import sys; from smartlint.cli import main; sys.argv=['smartlint','check',%r]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('VOCABULARY' if 'smartlint.nlp.vocabulary' in sys.modules else '')\n"
            "print('SPACY' if 'spacy' in sys.modules else 'NOSPACY')") % path
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert first.stdout.strip().endswith("SPACY") and not first.stdout.strip().endswith("NOSPACY")
    assert second.stdout.strip().endswith("NOSPACY"), second.stdout + second.stderr
    assert "VOCABULARY" in first.stdout and "VOCABULARY" not in second.stdout  # nor the open vocabulary


def _as_json_types(value):
    """YAML dates become strings, as editors see them."""
    import datetime

    if isinstance(value, dict):
        return {k: _as_json_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json_types(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def test_schema_validates_the_examples_and_rejects_typos():
    import jsonschema
    from ruamel.yaml import YAML

    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.startswith(".")):
        data = _as_json_types(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
        assert not list(validator.iter_errors(data)), path
    bad = {"objectives": [{"title": "Win", "key_results": [{"title": "Sign 4", "deadlne": "2027-01-01"}]}]}
    assert list(validator.iter_errors(bad))
    assert list(validator.iter_errors({"period": "2027-Q5", "goals": ["Sign 4 deals"]}))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_init_writes_a_clean_starter_file_and_never_overwrites(tmp_path, lang):
    target = tmp_path / "goals.yaml"
    assert run("init", str(target), "--lang", lang).exit_code == 0
    result = run("check", "--format", "json", "--lang", lang, str(target))
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["findings"] == []
    target.write_text("mine\n", encoding="utf-8")
    refused = run("init", str(target), "--lang", lang)
    assert refused.exit_code == 2 and target.read_text(encoding="utf-8") == "mine\n"
    assert run("init", str(target), "--lang", lang, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("#")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_shell_completion_is_offered():
    result = run("--help")
    assert "--install-completion" in result.output and "--show-completion" in result.output


def test_cached_analyses_give_the_same_findings_as_fresh_ones(tmp_path, monkeypatch):
    """Facts read back from the cache are new objects: no rule may depend on object identity."""
    import shutil

    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    for example in sorted(EXAMPLES.glob("*.yaml")):
        if example.name.startswith("."):
            continue
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        fresh = run("check", "-f", "json", str(example)).stdout
        cached = run("check", "-f", "json", str(example)).stdout
        assert fresh == cached, example
    text = ('language: en\ngoals:\n  - title: "Cut energy use by 15%"\n    baseline: 820\n    unit: MWh\n'
            '    deadline: 2027-12-31\n  - title: "Grow activation from 80% to 120%"\n    deadline: 2027-12-31\n'
            '  - title: "Streamline the 4 regional warehouses by 30 September 2027"\n')
    path = write(tmp_path, "g.yaml", text)
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    fresh, cached = (run("check", "-f", "json", str(path)).stdout for _ in range(2))
    assert fresh == cached and "S001" in cached  # the vague lead verb, whether analysed or read back
