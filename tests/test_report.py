"""`smartlint report`: progress and grading arithmetic, at-risk logic, and every format."""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smartlint.cli import app
from smartlint.model import parse_period
from smartlint.report import elapsed_share, progress, status_of

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("baseline, target, current, expected", [
    (12, 18, 15, 0.5),            # increasing
    (10, 7, 8, 2 / 3),            # decreasing target
    (10, 7, 10, 0.0),
    (12, 18, 21, 1.5),            # past the target (clamped in the score)
    (12, 18, 10, -1 / 3),         # below the baseline
    (5, 5, 5, 1.0),               # zero-width range, reached
    (5, 5, 4, 0.0),               # zero-width range, not reached
    (None, 18, 15, None), (12, None, 15, None), (12, 18, None, None),
])
def test_progress(baseline, target, current, expected):
    value = progress(baseline, target, current)
    assert value == pytest.approx(expected) if expected is not None else value is None


def test_elapsed_share_at_the_period_boundaries():
    q1 = parse_period("2027-Q1")  # 90 days
    assert elapsed_share(q1, date(2026, 12, 31)) == 0.0
    assert elapsed_share(q1, date(2027, 1, 1)) == pytest.approx(1 / 90)
    assert elapsed_share(q1, date(2027, 3, 31)) == 1.0
    assert elapsed_share(q1, date(2027, 6, 1)) == 1.0
    assert elapsed_share(None, date(2027, 1, 1)) is None


@pytest.mark.parametrize("value, elapsed, reported, expected", [
    (0.5, 0.5, True, "on track"), (0.36, 0.5, True, "on track"), (0.34, 0.5, True, "at risk"), (0.3, 0.5, True, "at risk"),
    (0.0, 0.0, True, "on track"), (0.9, 1.0, True, "on track"), (0.8, 1.0, True, "at risk"),
    (1.0, 0.2, True, "done"), (1.2, 0.2, True, "exceeded"), (-0.1, 0.2, True, "below baseline"),
    (None, 0.5, False, "not reported"),
])
def test_status(value, elapsed, reported, expected):
    assert status_of(value, elapsed, reported, True, 0.15) == expected


PLAN = """language: en
period: 2027-Q1
owner: Growth
objectives:
  - title: Make self-serve the main way customers start with us
    key_results:
      - {title: Raise demos from 12 to 18, current: 15}
      - {title: Cut lead time, baseline: 10, target: 7, current: 10}
      - {title: Onboard 12 design partners, baseline: 0, target: 12}
  - title: Win Spain
    key_results:
      - {title: Sign 10 distributors, baseline: 0, target: 10, current: 10}
      - {title: Open 2 offices, baseline: 0, target: 2, current: 2}
      - {title: Hire 3 sellers, baseline: 0, target: 3, current: 4}
"""


def report_json(tmp_path, text: str, today: str) -> dict:
    path = tmp_path / "okrs.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["report", str(path), "--today", today, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["reports"][0]


def test_report_grades_statuses_and_lint(tmp_path):
    doc = report_json(tmp_path, PLAN, "2027-02-15")  # 46 of 90 days: 51% elapsed
    first, second = doc["objectives"]
    statuses = [k["status"] for k in first["key_results"]]
    assert statuses == ["on track", "at risk", "not reported"]
    assert [k["score"] for k in first["key_results"]] == [0.5, 0.0, 0.0]
    assert first["score"] == pytest.approx(0.17, abs=0.01)
    assert [k["status"] for k in second["key_results"]] == ["done", "done", "exceeded"]
    assert second["score"] == 1.0
    assert any("not reported" in n for n in doc["notes"])
    assert first["key_results"][2]["findings"]["count"] == 0
    assert first["findings"]["count"] == 0


def test_report_notes_safe_targets_and_low_average(tmp_path):
    safe = PLAN.split("  - title: Win Spain")[0].replace("current: 15", "current: 18").replace(
        "target: 7, current: 10", "target: 7, current: 7").replace("target: 12}", "target: 12, current: 12}")
    assert any("too safe" in n for n in report_json(tmp_path, safe, "2027-03-31")["notes"])
    low = PLAN.split("  - title: Win Spain")[0]
    assert any("below 0.4" in n for n in report_json(tmp_path, low, "2027-03-31")["notes"])


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("example, score, heading, column", [
    ("okrs-en.yaml", "score", "## OKR progress", "| key result |"),
    ("okrs-fr.yaml", "note", "## Avancement des OKR", "| résultat clé |"),  # a French plan, a French report
])
def test_every_format_renders_the_examples(tmp_path, example, score, heading, column):
    path = str(EXAMPLES / example)
    text = runner.invoke(app, ["report", path, "--today", "2027-02-15"], env={"NO_COLOR": "1"})
    assert text.exit_code == 0 and score in text.stdout
    markdown = runner.invoke(app, ["report", path, "--today", "2027-02-15", "-f", "markdown"]).stdout
    assert markdown.startswith(heading) and column in markdown
    out = tmp_path / "report.html"
    html_run = runner.invoke(app, ["report", path, "--today", "2027-02-15", "-f", "html", "-o", str(out)])
    assert html_run.exit_code == 0
    page = out.read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    bars = [a for t, a in parser.tags if t == "rect" and a.get("class") == "progress"]
    krs = json.loads(runner.invoke(app, ["report", path, "--today", "2027-02-15", "-f", "json"]).stdout)
    titles = [k["title"] for o in krs["reports"][0]["objectives"] for k in o["key_results"]]
    assert "svg" in tags and len(bars) == len(titles)
    text_content = " ".join(parser.text)
    assert all(t in text_content for t in titles)
    assert not [a for t, a in parser.tags if t in ("script", "link", "img")]  # self-contained, no network
    assert "src=" not in page and "@import" not in page


def test_report_usage_errors(tmp_path):
    assert runner.invoke(app, ["report", str(tmp_path / "missing.yaml")]).exit_code == 2
    assert runner.invoke(app, ["report", str(EXAMPLES / "okrs-en.yaml"), "--today", "soon"]).exit_code == 2


# The same page in a real headless browser (with a history): test_report_browser.py.
