"""The shipped CI examples and hook, run as written in a planning repository: every smartlint
command they hold, with a goal folder missing, other YAML around and a file named like an option."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import write

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / "examples" / "ci"
BAD = "language: en\nowner: Ana\ngoals:\n  - Enhance our brand presence\n"
GOOD = "language: en\nowner: Ana\ngoals:\n  - Sign 40 new reseller agreements by 30 June 2027\n"


def load(name: str):
    return YAML(typ="safe").load((CI / name).read_text(encoding="utf-8"))


def github_commands() -> list[str]:
    steps = load("github-actions.yml")["jobs"]["smartlint"]["steps"]
    return [s["run"] for s in steps if str(s.get("run", "")).startswith("smartlint ")]


def gitlab_commands() -> list[str]:
    return [line for line in load("gitlab-ci.yml")["smartlint"]["script"] if line.startswith("smartlint ")]


def run_line(line: str, cwd: Path) -> tuple[int, str]:
    """Run one shell line of an example (`smartlint ... [> file] [|| ...]`) with this checkout's smartlint."""
    command = line.split("||")[0]
    target = None
    if ">" in command:
        command, target = command.split(">", 1)
    args = shlex.split(command)
    assert args[0] == "smartlint"
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([sys.executable, "-m", "smartlint", *args[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    if target:
        (cwd / target.strip()).write_text(proc.stdout, encoding="utf-8")
    return proc.returncode, proc.stdout + proc.stderr


def planning_repo(tmp_path: Path, goal: str) -> Path:
    """okrs/ but no goals/ folder, other YAML, a file named like an option, a nested configuration
    that would switch the gate off if it were used."""
    root = tmp_path / "plans"
    (root / ".git").mkdir(parents=True)
    write(root, ".smartlint.yaml", "fail-on: warning\n")
    write(root, "okrs/q1.yml", goal)
    write(root, "docker-compose.yml", "services:\n  web:\n    image: nginx\n")
    write(root, ".github/workflows/ci.yml", "on: push\njobs: {}\n")
    write(root, "x.yaml", 'exclude: ["*"]\n')
    write(root, "--config=x.yaml", "note: a file named like an option\n")
    write(root, "okrs/.smartlint.yaml", 'exclude: ["*"]\n')
    return root


@pytest.mark.parametrize("commands", [github_commands, gitlab_commands], ids=["github", "gitlab"])
def test_every_example_command_gates_a_bad_plan_and_passes_a_good_one(tmp_path, commands):
    from smartlint.output import FORMATS

    lines = commands()
    assert lines, "the example runs smartlint"
    for line in lines:
        assert " -- " in line and "--config .smartlint.yaml" in line, line
    bad = planning_repo(tmp_path / "bad", BAD)
    good = planning_repo(tmp_path / "good", GOOD)
    unbuilt = []
    for line in lines:
        fmt = re.search(r"--format (\w+)", line)
        if fmt and fmt.group(1) not in FORMATS:
            unbuilt.append(fmt.group(1))
            continue
        status, out = run_line(line, bad)
        # `|| true` lines only report; the others gate (exit 1 on the bad plan, never 2).
        assert status in ((0, 1) if "|| true" in line else (0,) if "--fail-on never" in line else (1,)), (line, out)
        assert "error: " not in out and "q1.yml" in out, (line, out)
        status, out = run_line(line, good)
        assert status == 0, (line, out)
    if commands is github_commands:
        sarif = json.loads((bad / "smartlint.sarif").read_text(encoding="utf-8"))
        results = sarif["runs"][0]["results"]
        assert results and all("q1.yml" in json.dumps(r["locations"]) for r in results)
    if commands is gitlab_commands and "gitlab" not in unbuilt:
        quality = json.loads((bad / "gl-code-quality.json").read_text(encoding="utf-8"))
        assert quality and {issue["location"]["path"] for issue in quality} == {"okrs/q1.yml"}
        assert json.loads((good / "gl-code-quality.json").read_text(encoding="utf-8")) == []
    if unbuilt:
        pytest.skip(f"the other commands passed; --format {', '.join(unbuilt)} is not built yet")


def glob_matches(pattern: str, path: str) -> bool:
    """GitHub's and GitLab's path filters: `**` spans folders, `*` stays inside one."""
    regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
    return re.fullmatch(regex, path) is not None


CHANGES = ["okrs/q1.yaml", "goals/2027/q2.yml", "q3.yml", ".smartlint.yaml", "okrs/.smartlint.yml",
           "pyproject.toml", "team/pyproject.toml", "words/team-words.yaml"]


def test_the_examples_trigger_on_every_file_that_can_change_the_result():
    github = load("github-actions.yml")
    on = github.get("on", github.get(True))  # YAML 1.1 reads `on` as true
    patterns = on["pull_request"]["paths"]
    assert [c for c in CHANGES if not any(glob_matches(p, c) for p in patterns)] == []
    gitlab = load("gitlab-ci.yml")["smartlint"]["rules"][0]["changes"]
    assert [c for c in CHANGES if not any(glob_matches(p, c) for p in gitlab)] == []


def test_the_gitlab_job_installs_without_git_and_uploads_both_reports():
    job = load("gitlab-ci.yml")["smartlint"]
    installs = [line for line in job["script"] if line.startswith("pip install")]
    assert installs and all("git+" not in line for line in installs)  # python:3.12-slim has no git
    reports = job["artifacts"]["reports"]
    outputs = {m.group(1): m.group(2) for line in gitlab_commands()
               if (m := re.search(r"--format (\w+) .*> (\S+)", line))}
    assert reports["codequality"] == outputs["gitlab"] and reports["junit"] == outputs["junit"]
    assert job["artifacts"]["when"] == "always"


def test_the_pre_commit_example_ends_its_args_with_the_separator():
    example = load("pre-commit-config.yaml")
    hook = example["repos"][0]["hooks"][0]
    assert hook["id"] == "smartlint" and hook["args"][-1] == "--" and "files" not in hook
    shipped = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert shipped["args"] == ["--"] and shipped["entry"] == "smartlint check"


# --- the progress report published on the default branch ----------------------------------------

def report_job() -> dict:
    return load("github-actions.yml")["jobs"]["report"]


def test_the_report_job_runs_on_pushes_to_the_default_branch_with_the_whole_history():
    workflow = load("github-actions.yml")
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert "push" in on
    job = report_job()
    condition = job["if"].replace(" ", "")
    assert "github.event_name=='push'" in condition
    assert "github.ref_name==github.event.repository.default_branch" in condition
    checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # --history needs every commit, not the last one
    runs = [s["run"] for s in job["steps"] if str(s.get("run", "")).startswith("smartlint ")]
    summary = [r for r in runs if "--format markdown" in r]
    assert len(summary) == 1 and summary[0].endswith('>> "$GITHUB_STEP_SUMMARY"') and "--history" in summary[0]
    html = [r for r in runs if "--format html" in r]
    assert len(html) == 1 and "--history" in html[0]
    output = re.search(r"--output (\S+)", html[0]).group(1)
    upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == output and upload.get("if") == "always()"
    for line in runs:
        assert " -- ." in line and "--config .smartlint.yaml" in line, line


def plan_with_checkins(tmp_path: Path) -> Path:
    """A planning repository: examples/ in okrs/, checked in three times with rising `current:`,
    and other YAML around."""
    from checkins import checked_in_examples

    root = tmp_path / "plans"
    root.mkdir()
    write(root, ".smartlint.yaml", "")
    write(root, "docker-compose.yml", "services:\n  web:\n    image: nginx\n")
    checked_in_examples(root, final=None)
    return root


@pytest.mark.skipif(not shutil.which("git") or not shutil.which("bash"), reason="needs git and bash")
def test_the_report_job_commands_publish_the_summary_and_the_dashboard(tmp_path):
    """Each `smartlint` line of the job, as written, run by bash as Actions runs it, with this
    checkout's smartlint first on PATH."""
    root = plan_with_checkins(tmp_path)
    shim = tmp_path / "bin" / "smartlint"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m smartlint "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    summary = tmp_path / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}", "GITHUB_ACTIONS": "true",
           "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1"}
    for step in report_job()["steps"]:
        line = str(step.get("run", ""))
        if line.startswith("smartlint "):
            run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", line], cwd=root, env=env,
                                 capture_output=True, text=True, timeout=300)
            assert run.returncode == 0, (line, run.stdout, run.stderr)
    published = summary.read_text(encoding="utf-8")
    assert published.startswith("## ")  # the summary per team comes first
    assert published.count("### ") >= 9  # every objective of the three files (standalone goals too)
    assert re.search("[▁▂▃▄▅▆▇█]{3}", published)  # a sparkline of the three check-ins
    assert "docker-compose" not in published and "::" not in published  # no workflow command
    dashboard = (root / re.search(r"--output (\S+)", next(
        s["run"] for s in report_job()["steps"] if "--format html" in str(s.get("run", "")))).group(1))
    page = dashboard.read_text(encoding="utf-8")
    assert page.count('class="burnup"') >= 6 and "<script" not in page
