"""`smartlint report` over time: periods not begun, unreadable files, history from git, dashboards."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from smartlint.cli import app

runner = CliRunner()

Q2_PLAN = """language: en
owner: Growth
objectives:
  - title: Make self-serve the main way customers start with us
    period: 2027-Q2
    key_results:
      - {title: Raise demos from 12 to 18, current: 12}
      - {title: Onboard 12 design partners, baseline: 0, target: 12}
  - title: Win Spain
    period: 2027-Q1
    key_results:
      - {title: Sign 10 distributors, baseline: 0, target: 10, current: 6}
"""


def run_json(tmp_path, text: str, today: str, name: str = "okrs.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return runner.invoke(app, ["report", str(path), "--today", today, "--format", "json"])


def test_a_period_not_begun_is_not_started_and_left_out_of_the_notes(tmp_path):
    result = run_json(tmp_path, Q2_PLAN, "2027-02-15")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["reports"][0]
    q2, q1 = doc["objectives"]
    assert [k["status"] for k in q2["key_results"]] == ["not started", "not started"]
    assert q1["key_results"][0]["status"] == "on track"  # 6/10 at half the quarter
    notes = " ".join(doc["notes"])
    # Only the Q1 key result counts: 0.6 is not "below 0.4", and the unreported Q2 one is not "not reported".
    assert "below 0.4" not in notes and "not reported" not in notes
    assert "2 key results not started" in notes


def test_the_same_plan_once_under_way_is_judged(tmp_path):
    doc = json.loads(run_json(tmp_path, Q2_PLAN, "2027-06-20").stdout)["reports"][0]
    statuses = [k["status"] for k in doc["objectives"][0]["key_results"]]
    assert statuses == ["at risk", "not reported"]
    notes = " ".join(doc["notes"])
    assert "1 key result under way or over not reported" in notes and "not started" not in notes


def test_a_done_key_result_stays_done_before_its_period(tmp_path):
    plan = Q2_PLAN.replace("{title: Raise demos from 12 to 18, current: 12}", "{title: Raise demos from 12 to 18, current: 18}")
    doc = json.loads(run_json(tmp_path, plan, "2027-02-15").stdout)["reports"][0]
    assert doc["objectives"][0]["key_results"][0]["status"] == "done"


def test_an_unreadable_file_is_reported_with_its_findings_and_fails(tmp_path):
    result = run_json(tmp_path, "objectives:\n  - title: [unclosed\n", "2027-02-15", "broken.yaml")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)["reports"][0]
    assert doc["readable"] is False and doc["objectives"] == []
    assert doc["problems"] and doc["problems"][0]["rule"].startswith("Y")
    assert "could not be read" in result.stderr
    text = runner.invoke(app, ["report", str(tmp_path / "broken.yaml")], env={"NO_COLOR": "1"})
    assert text.exit_code == 1 and "could not be read" in text.stdout and "invalid YAML" in text.stdout


def test_a_readable_file_beside_a_broken_one_is_still_reported(tmp_path):
    (tmp_path / "broken.yaml").write_text("objectives:\n  - title: [unclosed\n", encoding="utf-8")
    (tmp_path / "okrs.yaml").write_text(Q2_PLAN, encoding="utf-8")
    result = runner.invoke(app, ["report", str(tmp_path / "broken.yaml"), str(tmp_path / "okrs.yaml"),
                                 "--today", "2027-02-15", "-f", "json"])
    assert result.exit_code == 1
    readable = {r["file"].rsplit("/", 1)[-1]: r["readable"] for r in json.loads(result.stdout)["reports"]}
    assert readable == {"broken.yaml": False, "okrs.yaml": True}
