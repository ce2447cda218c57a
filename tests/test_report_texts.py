"""Every word `smartlint report` writes comes from smartlint/report_texts.py (so it can be translated):
with a pseudo-translation in place, no English label is left in the text, Markdown or HTML output."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from conftest import VisibleText
from smartlint import report_texts
from smartlint.cli import app

runner = CliRunner()

# Titles and owners made of words no label uses, so whatever English remains is a label.
PLAN = """language: en
period: 2027-Q1
owner: Zorglub
objectives:
  - title: Quux frobnicate
    key_results:
      - {id: KR1, title: Raise weekly demos from 12 to 18, current: CURRENT, confidence: 7}
      - {title: Keep churn below 2%, unit: "%", current: 1.8}
      - {title: Cut lead time from 10 to 7 days}
      - {title: Onboard 12 design partners, baseline: 0, target: 12, current: 12}
  - title: Wibble wobble
    period: 2027-Q2
    key_results:
      - {title: Move 40 services to the new runner, baseline: 0, target: 40}
goals:
  - title: Sign 40 new reseller agreements by 30 June 2027
    current: 3
"""


def pseudo(message: str, **values: object) -> str:
    """Upper-case every letter outside the placeholders: what a translation would change."""
    shouted = re.sub(r"(\{[^}]*\})|([^{]+)", lambda m: m.group(1) or m.group(2).upper(), message)
    return shouted.format(**values) if values else shouted


def pseudo_count(forms: tuple[str, str], count: int, **values: object) -> str:
    return pseudo(forms[0 if count == 1 else 1], count=count, **values)


def git(repo, *args, day=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="T",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T10:00:00+00:00"
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_no_english_label_is_left_outside_report_texts(tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(report_texts, "text", pseudo)
    monkeypatch.setattr(report_texts, "count_text", pseudo_count)
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "okrs"
    plans.mkdir()
    git(plans, "init", "-q")
    for day, current in (("2027-01-04", 12), ("2027-01-25", 14)):
        (plans / "growth.yaml").write_text(PLAN.replace("CURRENT", str(current)), encoding="utf-8")
        git(plans, "add", "growth.yaml")
        git(plans, "commit", "-qm", "check-in", day=day)
    (plans / "broken.yaml").write_text("objectives: [\n", encoding="utf-8")
    args = ["report", "okrs", "--history", "--today", "2027-02-15"]
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    run = runner.invoke(app, [*args, "-f", fmt], env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert run.exit_code == 1, run.output  # the broken file fails the run
    output = run.stdout
    if fmt == "html":
        parser = VisibleText()
        parser.feed(output)
        output = "\n".join(parser.words)
    # What the user wrote is not a label: titles, owners, file names; nor are the findings' messages.
    problems = [f' {p["rule"]} ' for r in data["reports"] for p in r["problems"]]
    assert problems
    output = "\n".join(line for line in output.splitlines() if not any(p in line for p in problems))
    user = [t for r in data["reports"] for o in r["objectives"]
             for t in [o["title"], *(k["title"] for k in o["key_results"])]]
    for text in sorted(user, key=len, reverse=True):
        output = output.replace(text, " ")
    output = re.sub(r"\S*\.yaml|Zorglub", " ", output)
    left = sorted(set(re.findall(r"\b[a-z]{2,}\b", output)) - {"git"})  # `git fetch --unshallow` is a command
    assert left == [], f"English left in the {fmt} report: {left}"
    assert ("PROGRESS OF" if fmt == "html" else "CHECK-INS SINCE") in output and "SCORE" in output
