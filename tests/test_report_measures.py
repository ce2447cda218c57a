"""`smartlint report` reads what each key result measures from the quantity model: a target alone,
a threshold (met or not, by how much), a band, a binary end state, a quantifier, a converted change,
and standalone goals with their fields."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from smartlint.cli import app

runner = CliRunner()

PLAN = """language: auto
period: 2027-Q1
objectives:
  - title: Make self-serve work
    key_results:
      - title: Sign 10 new annual contracts
        current: 4
      - title: Keep churn below 2%
        current: 1.5
      - title: Keep churn below 3%
        current: 3.6
      - title: NPS ≥ 50
        baseline: 30
        current: 40
      - title: SSO is enabled for every customer
        current: 1
      - title: All new hires complete security training
        current: 80
      - title: Keep CSAT between 4.2 and 4.6
        current: 4.1
      - title: Cut response time from 2 days to 36 hours
        unit: hours
        current: 42
      - title: Grow retention by 25%
        baseline: 40
        current: 45
      - title: Rank in the top 3 search results
        current: 5
      - title: Launch the new help centre
goals:
  - title: Reduce on-call pages from 40/week to 15/week by 30 June 2027
    current: 20
  - title: Maintenir le churn sous les 2 % d'ici le 30 juin 2027
    current: 1.8
  - title: Grow the seed-library membership
    baseline: 320
    target: 450
    current: 385
    deadline: 2027-10-31
"""


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--today", "2027-02-15", "--format", "json"])
    data = json.loads(result.stdout)
    [report] = data["reports"]
    return {k["title"]: k for o in report["objectives"] for k in o["key_results"]}, report


def test_a_target_alone_starts_from_zero(measured):
    k = measured[0]["Sign 10 new annual contracts"]
    assert (k["measure"], k["baseline"], k["target"], k["score"]) == ("range", 0.0, 10.0, 0.4)


@pytest.mark.parametrize("title, status, score, gap", [
    ("Keep churn below 2%", "met", 1.0, -0.5),
    ("Keep churn below 3%", "not met", 0.0, 0.6),
    ("NPS ≥ 50", "not met", 0.5, -10.0),  # from its baseline, half way
    ("Keep CSAT between 4.2 and 4.6", "not met", 0.0, -0.1),
    ("Maintenir le churn sous les 2 % d'ici le 30 juin 2027", "met", 1.0, -0.2),
    ("Rank in the top 3 search results", "not met", 0.0, 2.0),  # a rank: lower is better
])
def test_thresholds_are_met_or_not_and_by_how_much(measured, title, status, score, gap):
    k = measured[0][title]
    assert k["measure"] == "threshold"
    assert (k["status"], k["score"]) == (status, score)
    assert k["gap"] == pytest.approx(gap)


def test_a_binary_key_result_is_done_or_not(measured):
    k = measured[0]["SSO is enabled for every customer"]
    assert (k["measure"], k["target"], k["status"], k["score"]) == ("binary", 1.0, "done", 1.0)


def test_a_quantifier_is_a_share_to_reach(measured):
    k = measured[0]["All new hires complete security training"]
    assert (k["target"], k["score"]) == (100.0, 0.8)


def test_a_change_is_read_in_the_fields_unit(measured):
    k = measured[0]["Cut response time from 2 days to 36 hours"]
    assert (k["baseline"], k["target"], k["score"]) == (48.0, 36.0, 0.5)


def test_a_relative_change_applies_to_the_baseline_field(measured):
    k = measured[0]["Grow retention by 25%"]
    assert (k["target"], k["score"]) == (50.0, 0.5)


def test_only_an_item_with_nothing_measurable_has_no_target(measured):
    statuses = {t: k["status"] for t, k in measured[0].items()}
    assert [t for t, s in statuses.items() if s == "no target"] == ["Launch the new help centre"]


def test_standalone_goals_are_graded(measured):
    goals = [o for o in measured[1]["objectives"] if o["path"] == "goals"]
    assert [k["score"] for k in goals[0]["key_results"]] == [0.8, 1.0, 0.5]
    assert goals[0]["score"] == pytest.approx((0.8 + 1.0 + 0.5) / 3, abs=0.01)


def test_every_format_renders_the_new_statuses(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    for fmt in ("text", "markdown", "html"):
        result = runner.invoke(app, ["report", str(path), "--today", "2027-02-15", "-f", fmt], env={"NO_COLOR": "1"})
        assert result.exit_code == 0, result.stdout
        assert "not met" in result.stdout and "Standalone goals" in result.stdout
