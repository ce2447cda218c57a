"""Baseline (fail only on new findings), --output-file, --statistics and --quiet."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from typer.testing import CliRunner

from smartlint.cli import app

runner = CliRunner()
ENV = {"NO_COLOR": "1", "GITHUB_ACTIONS": "", "GITHUB_WORKSPACE": "", "GITHUB_STEP_SUMMARY": ""}
PLAN = ("language: en\nperiod: 2027-Q1\nowner: Sales\nobjectives:\n  - title: Win Spain\n    key_results:\n"
        "      - Enhance the brand\n      - Sign 10 distributors by 2027-03-31\n      - Release the app\n")


def check(*args):
    return runner.invoke(app, ["check", "--no-cache", *args], env=ENV)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "okrs" / "other.yaml").write_text(PLAN.replace("Win Spain", "Win Italy"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rules(result):
    return sorted(f["rule"] for f in json.loads(result.stdout)["findings"])


def test_a_baseline_fails_only_on_new_findings(repo):
    before = check("--format", "json", "okrs")
    assert before.exit_code == 1 and rules(before)
    written = check("--baseline", "base.json", "--write-baseline", "okrs")
    assert written.exit_code == 0 and "Wrote" in written.stderr
    data = json.loads((repo / "base.json").read_text(encoding="utf-8"))
    assert len(data["findings"]) == len(rules(before))
    assert {e["file"] for e in data["findings"]} == {"okrs/plan.yaml", "okrs/other.yaml"}
    same = check("--baseline", "base.json", "--format", "json", "okrs")
    assert same.exit_code == 0 and rules(same) == []
    assert json.loads(same.stdout)["summary"]["baselined"] == len(rules(before))
    text = check("--baseline", "base.json", "okrs")
    assert f"({len(rules(before))} in the baseline)" in text.stdout

    # lines inserted above, an item added, another item edited: only the new and edited ones fail
    plan = repo / "okrs" / "plan.yaml"
    plan.write_text("# planning notes\n\n" + PLAN.replace("      - Enhance the brand\n",
                    "      - Improve the onboarding\n      - Enhance the brand\n")
                    .replace("Release the app", "Release the app to 3 stores by 2027-03-31"), encoding="utf-8")
    after = check("--baseline", "base.json", "--format", "json", "okrs")
    assert after.exit_code == 1
    new = json.loads(after.stdout)["findings"]
    assert {f["path"] for f in new} <= {"objectives[0].key_results[0]", "objectives[0].key_results[3]"}
    assert any(f["rule"] == "S001" and f["path"] == "objectives[0].key_results[0]" for f in new)
    assert "match no finding any more" in after.stderr  # "Release the app" was rewritten


def test_stale_entries_are_reported_and_update_only_shrinks(repo):
    check("--baseline", "base.json", "--write-baseline", "okrs")
    count = len(json.loads((repo / "base.json").read_text())["findings"])
    plan = repo / "okrs" / "plan.yaml"
    plan.write_text(PLAN.replace("      - Enhance the brand\n", ""), encoding="utf-8")  # its S001 is fixed
    result = check("--baseline", "base.json", "okrs")
    assert "match no finding any more" in result.stderr
    updated = check("--baseline", "base.json", "--update-baseline", "okrs")
    assert "dropped" in updated.stderr
    entries = json.loads((repo / "base.json").read_text())["findings"]
    assert 0 < len(entries) < count
    assert not any(e["rule"] == "S001" and e["file"] == "okrs/plan.yaml" for e in entries)
    # a new finding is not added by --update-baseline
    plan.write_text(PLAN.replace("Release the app", "Enhance the app"), encoding="utf-8")
    again = check("--baseline", "base.json", "--update-baseline", "okrs")
    assert again.exit_code == 1
    assert len(json.loads((repo / "base.json").read_text())["findings"]) <= len(entries)


def test_a_partial_run_keeps_other_files_entries(repo):
    check("--baseline", "base.json", "--write-baseline", "okrs")
    entries = json.loads((repo / "base.json").read_text())["findings"]
    check("--baseline", "base.json", "--write-baseline", "okrs/plan.yaml")
    assert json.loads((repo / "base.json").read_text())["findings"] == entries
    only = check("--baseline", "base.json", "okrs/plan.yaml")
    assert only.exit_code == 0 and "match no finding" not in only.stderr


def test_baseline_from_a_subfolder_matches(repo):
    check("--baseline", "base.json", "--write-baseline", "okrs")
    os.chdir(repo / "okrs")
    assert check("--baseline", "../base.json", ".").exit_code == 0


def test_duplicates_need_as_many_entries(repo):
    twice = PLAN.replace("      - Release the app\n", "      - Release the app\n      - Release the app\n")
    (repo / "okrs" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    check("--baseline", "base.json", "--write-baseline", "okrs/plan.yaml")
    (repo / "okrs" / "plan.yaml").write_text(twice, encoding="utf-8")
    result = check("--baseline", "base.json", "--format", "json", "okrs/plan.yaml")
    assert result.exit_code == 1 and rules(result)


@pytest.mark.parametrize("content, message", [
    ("not json", "not a readable baseline"),
    ('{"version": 99, "findings": []}', "not a smartlint baseline"),
    ('{"version": 1, "findings": [{"rule": "S001"}]}', "fingerprint"),
])
def test_a_broken_baseline_is_a_usage_error(repo, content, message):
    (repo / "base.json").write_text(content, encoding="utf-8")
    result = check("--baseline", "base.json", "okrs")
    assert result.exit_code == 2 and message in result.stderr


def test_baseline_options_need_a_file(repo):
    assert check("--write-baseline", "okrs").exit_code == 2
    assert check("--baseline", "missing.json", "okrs").exit_code == 2


def test_output_file(repo):
    result = check("--format", "json", "--output-file", "out/../findings.json", "okrs")
    assert result.exit_code == 2  # the folder `out` does not exist: a usage error, no traceback
    result = check("--format", "json", "--output-file", "findings.json", "okrs")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((repo / "findings.json").read_text(encoding="utf-8"))["findings"]
    victim = repo / "victim.txt"
    victim.write_text("precious")
    (repo / "link.json").symlink_to(victim)
    assert check("--format", "json", "-o", "link.json", "okrs").exit_code == 1
    assert victim.read_text() == "precious" and not (repo / "link.json").is_symlink()


def test_output_file_is_not_wrapped_in_github_actions(repo):
    result = runner.invoke(app, ["check", "--no-cache", "--format", "text", "-o", "out.txt", "okrs"],
                           env={**ENV, "GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert "stop-commands" not in (repo / "out.txt").read_text(encoding="utf-8")


def test_statistics(repo):
    result = check("--statistics", "okrs")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    counts = [int(line.split()[0]) for line in lines]
    assert counts == sorted(counts, reverse=True)
    full = json.loads(check("--format", "json", "okrs").stdout)["findings"]
    assert sum(counts) == len(full)
    s001 = next(line for line in lines if " S001 " in line)
    assert int(s001.split()[0]) == sum(f["rule"] == "S001" for f in full)
    data = json.loads(check("--statistics", "--format", "json", "okrs").stdout)
    assert {d["rule"]: d["count"] for d in data}["S001"] == int(s001.split()[0])
    assert check("--statistics", "--format", "sarif", "okrs").exit_code == 2


def test_quiet_prints_findings_only(repo):
    loud = check("okrs").stdout
    quiet = check("--quiet", "okrs").stdout
    assert "Found" in loud and "Found" not in quiet
    assert [line for line in quiet.splitlines() if "S001" in line] == [line for line in loud.splitlines() if "S001" in line]
    (repo / "okrs" / "plan.yaml").write_text(PLAN.replace("Enhance the brand", "Sign 3 partners by 2027-03-31"))
    check("--baseline", "base.json", "--write-baseline", "okrs")
    assert check("--quiet", "--baseline", "base.json", "okrs").stdout == ""
