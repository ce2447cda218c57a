"""CI formats as CI services read them: SARIF for GitHub code scanning (paths from the repository
root whatever the working folder, stable fingerprints, schema-valid), GitHub annotations (limits,
job summary), GitLab Code Quality, and JUnit that agrees with --fail-on."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from smartlint.cli import app

runner = CliRunner()
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
PLAN = ("language: en\nperiod: 2027-Q1\nowner: Sales\nobjectives:\n  - title: Win Spain, then Portugal\n"
        "    key_results:\n      - Enhance the brand\n      - Sign 10 distributors by 2027-03-31\n"
        "      - Release the app\n")
CLEAN_ENV = {"NO_COLOR": "1", "GITHUB_ACTIONS": "", "GITHUB_WORKSPACE": "", "CI_PROJECT_DIR": "",
             "GITHUB_STEP_SUMMARY": ""}


def check(*args, env=None):
    return runner.invoke(app, ["check", "--no-cache", *args], env={**CLEAN_ENV, **(env or {})})


@pytest.fixture
def repo(tmp_path):
    """A git repository with a goal file two folders down, in a folder whose name needs encoding."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    folder = tmp_path / "okrs" / "team a#1"
    folder.mkdir(parents=True)
    (folder / "q1 plan.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def sarif(*args, env=None):
    result = check("--format", "sarif", *args, env=env)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def validate(doc):
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)


def uris(doc):
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}


@pytest.mark.parametrize("where", [".", "okrs", "okrs/team a#1"])
def test_sarif_uris_resolve_from_the_repository_root_from_any_folder(repo, monkeypatch, where):
    monkeypatch.chdir(repo / where)
    target = Path(*([".."] * (0 if where == "." else where.count("/") + 1))) / "okrs" / "team a#1" / "q1 plan.yaml"
    doc = sarif(str(target))
    validate(doc)
    assert uris(doc) == {"okrs/team%20a%231/q1%20plan.yaml"}
    run = doc["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uriBaseId"] == "%SRCROOT%"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    from urllib.parse import unquote

    assert (repo / unquote(next(iter(uris(doc))))).is_file()


def test_sarif_uses_github_workspace(repo, monkeypatch):
    monkeypatch.chdir(repo / "okrs")
    doc = sarif("team a#1", env={"GITHUB_WORKSPACE": str(repo / "okrs")})
    assert uris(doc) == {"team%20a%231/q1%20plan.yaml"}


def fingerprints_by_rule(doc):
    return sorted((r["ruleId"], r["partialFingerprints"]["smartlint/v1"]) for r in doc["runs"][0]["results"])


def test_fingerprints_survive_lines_inserted_above_and_unrelated_edits(repo, monkeypatch):
    monkeypatch.chdir(repo)
    path = repo / "okrs" / "team a#1" / "q1 plan.yaml"
    before = sarif(str(path))
    path.write_text(PLAN.replace("objectives:\n", "# a comment\n\nobjectives:\n  - title: Open Italy by 2027-03-31\n"
                                 "    key_results: [Sign 5 distributors in Italy by 2027-03-31]\n")
                    .replace("Release the app", "Release the app\n      - Hire 3 engineers by 2027-02-28"),
                    encoding="utf-8")
    after = sarif(str(path))
    old = set(fingerprints_by_rule(before))
    new = set(fingerprints_by_rule(after))
    assert old <= new  # every earlier alert keeps its identity, though all moved down
    lines_before = {r["partialFingerprints"]["smartlint/v1"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    for r in before["runs"][0]["results"]}
    lines_after = {r["partialFingerprints"]["smartlint/v1"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
                   for r in after["runs"][0]["results"]}
    assert all(lines_after[k] > v for k, v in lines_before.items())


def test_fingerprints_differ_between_items_and_rules(repo, monkeypatch):
    monkeypatch.chdir(repo)
    doc = sarif("okrs")
    prints = [fp for _, fp in fingerprints_by_rule(doc)]
    assert len(prints) == len(set(prints))
    edited = repo / "okrs" / "team a#1" / "q1 plan.yaml"
    edited.write_text(PLAN.replace("Enhance the brand", "Enhance the brand in Spain"), encoding="utf-8")
    changed = dict((fp, rule) for rule, fp in fingerprints_by_rule(sarif("okrs")))
    gone = {fp for _, fp in fingerprints_by_rule(doc)} - set(changed)
    assert gone  # the edited item's findings are new findings


def test_sarif_note_past_the_github_limit(repo, monkeypatch, capsys):
    from smartlint.output import sarif as sarif_format

    monkeypatch.setattr(sarif_format, "GITHUB_LIMIT", 3)
    monkeypatch.chdir(repo)
    result = check("--format", "sarif", "okrs")
    assert "GitHub code scanning accepts 3 per upload" in result.stderr
    monkeypatch.setattr(sarif_format, "GITHUB_LIMIT", 5000)
    assert "code scanning" not in check("--format", "sarif", "okrs").stderr


def annotations(out):
    return [line for line in out.splitlines() if line.startswith("::")]


def test_github_annotations_are_repository_relative_and_errors_first(repo, monkeypatch):
    (repo / "okrs" / "broken.yaml").write_text("language: en\nobjectives:\n  - title: Grow\n    colour: red\n",
                                               encoding="utf-8")
    monkeypatch.chdir(repo / "okrs" / "team a#1")
    lines = annotations(check("--format", "github", "..").stdout)
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)
    assert kinds[0] == "::error"
    assert all("file=okrs/" in line for line in lines)
    assert any("file=okrs/team a#1/q1 plan.yaml," in line for line in lines)


def test_github_past_ten_of_a_kind_says_so_and_writes_the_job_summary(repo, monkeypatch, tmp_path):
    krs = "".join(f"      - Enhance the brand in market {chr(65 + i)} | <b>@org/team</b>\n" for i in range(12))
    (repo / "okrs" / "many.yaml").write_text(f"language: en\nowner: X\nobjectives:\n  - title: Win Europe\n"
                                            f"    key_results:\n{krs}", encoding="utf-8")
    monkeypatch.chdir(repo)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = check("--format", "github", "okrs/many.yaml", env={"GITHUB_STEP_SUMMARY": str(summary)})
    warnings = [line for line in annotations(result.stdout) if line.startswith("::warning")]
    assert len(warnings) > 10
    assert f"{len(warnings)} warnings: GitHub shows 10" in result.stderr and "job summary" in result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, as the runner expects
    rows = [line for line in text.splitlines() if line.startswith("| ") and "okrs/many.yaml" in line]
    assert len(rows) == len(annotations(result.stdout))
    assert all(row.count(" | ") == 3 for row in rows)  # pipes in titles are escaped
    assert "<b>" not in text and "@org" not in text
    quiet = check("--format", "github", "okrs/team a#1")
    assert "GitHub shows" not in quiet.stderr


def test_github_without_a_job_summary_points_to_text(repo, monkeypatch):
    krs = "".join(f"      - Enhance the brand in market {chr(65 + i)}\n" for i in range(11))
    (repo / "many.yaml").write_text(f"language: en\nowner: X\nobjectives:\n  - title: Win Europe\n"
                                    f"    key_results:\n{krs}", encoding="utf-8")
    monkeypatch.chdir(repo)
    assert "--format text" in check("--format", "github", "many.yaml").stderr


def test_gitlab_code_quality(repo, monkeypatch):
    (repo / "okrs" / "broken.yaml").write_text("language: en\nobjectives:\n  - title: Grow\n    colour: red\n",
                                               encoding="utf-8")
    monkeypatch.chdir(repo / "okrs")
    result = check("--format", "gitlab", ".", env={"CI_PROJECT_DIR": str(repo)})
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert issues and all(set(i) >= {"description", "check_name", "fingerprint", "severity", "location"} for i in issues)
    assert {i["location"]["path"] for i in issues} == {"okrs/broken.yaml", "okrs/team a#1/q1 plan.yaml"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_rule = {i["check_name"].split()[0]: i for i in issues}
    assert by_rule["Y002"]["severity"] == "critical"
    assert by_rule["S001"]["severity"] == "minor"
    assert by_rule["S001"]["location"]["lines"]["begin"] == 7
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}


def test_junit_failures_follow_fail_on(repo):
    path = str(repo / "okrs" / "team a#1" / "q1 plan.yaml")

    def failed(*args):
        result = check("--format", "junit", *args, path)
        root = ET.fromstring(result.stdout)
        return result.exit_code, int(root.get("failures")), root

    code, failures, root = failed("--fail-on", "error")
    assert (code, failures) == (0, 0)  # warnings only: the job is green, and so is the report
    s001 = next(c for c in root.iter("testcase") if "Enhance the brand" in c.get("name"))
    assert s001.find("failure") is None and "S001" in s001.find("system-out").text
    assert any(p.get("name") == "S001" for p in s001.iter("property"))
    code, failures, _ = failed("--fail-on", "warning")
    assert code == 1 and failures >= 1
    code, failures, _ = failed("--fail-on", "never")
    assert (code, failures) == (0, 0)
