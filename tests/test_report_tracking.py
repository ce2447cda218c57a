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


def test_an_objective_not_begun_has_no_score_rather_than_zero(tmp_path):
    doc = json.loads(run_json(tmp_path, Q2_PLAN, "2027-02-15").stdout)["reports"][0]
    q2, q1 = doc["objectives"]
    assert q2["score"] is None and q1["score"] == 0.6
    md = runner.invoke(app, ["report", str(tmp_path / "okrs.yaml"), "--today", "2027-02-15", "-f", "markdown"]).stdout
    assert "score **–**" in md and "| not started | – |" in md  # no grade shown before the period
    later = json.loads(run_json(tmp_path, Q2_PLAN, "2027-04-10").stdout)["reports"][0]
    assert later["objectives"][0]["score"] == 0.0  # under way and nothing reported: 0, as before


STANDALONE_Q2 = """language: en
period: 2027-Q2
owner: Platform team
goals:
  - title: Migrate 40 customers to the new billing system by 30 June 2027
  - title: Recruter 2 ingénieurs fiabilité d'ici le 30 juin 2027
    current: 1
"""


def test_standalone_goals_are_graded_in_the_files_period(tmp_path):
    doc = json.loads(run_json(tmp_path, STANDALONE_Q2, "2027-02-15").stdout)["reports"][0]
    goals = doc["objectives"][0]["key_results"]
    assert [g["status"] for g in goals] == ["not started", "not started"]
    assert doc["notes"] == ["2 key results not started yet (period not begun): left out of the averages."]
    during = json.loads(run_json(tmp_path, STANDALONE_Q2, "2027-05-15").stdout)["reports"][0]
    goals = during["objectives"][0]["key_results"]
    assert [g["status"] for g in goals] == ["not reported", "on track"]  # 1 of 2 at half the quarter
    assert goals[1]["elapsed"] == pytest.approx(45 / 91, abs=0.01)


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


# --- history from git -------------------------------------------------------------------------

import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from smartlint import history as git_history

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HISTORY_PLAN = """language: en
period: 2027-Q1
owner: Growth
objectives:
  - title: Make self-serve the main way customers start with us
    key_results:
      - {{id: KR1, title: Raise weekly demos from 12 to 18, current: {demos}}}
      - {{title: Keep churn below 2%, unit: "%", current: {churn}}}
"""


def git(repo, *args, day: str | None = None):
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T10:00:00+00:00"
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A plan checked in weekly: demos 12, 13 (then the file is renamed), 15; churn 2.5 then 1.8; an
    edit of the title only (no check-in)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    plan = repo / "okrs.yaml"
    plan.write_text(HISTORY_PLAN.format(demos=12, churn=2.5), encoding="utf-8")
    git(repo, "add", "okrs.yaml")
    git(repo, "commit", "-qm", "start", day="2027-01-04")
    plan.write_text(HISTORY_PLAN.format(demos=13, churn=2.5), encoding="utf-8")
    git(repo, "commit", "-qam", "week 3", day="2027-01-18")
    git(repo, "mv", "okrs.yaml", "plan.yaml")
    git(repo, "commit", "-qm", "rename", day="2027-01-20")
    plan = repo / "plan.yaml"
    plan.write_text(HISTORY_PLAN.format(demos=15, churn=1.8), encoding="utf-8")
    git(repo, "commit", "-qam", "week 5", day="2027-02-01")
    plan.write_text(HISTORY_PLAN.format(demos=15, churn=1.8).replace("Growth", "Growth team"), encoding="utf-8")
    git(repo, "commit", "-qam", "owner", day="2027-02-03")
    return repo


def history_json(path, today="2027-02-15", *extra):
    result = runner.invoke(app, ["report", str(path), "--history", "--today", today, "-f", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["reports"][0]


@needs_git
def test_each_commit_that_changed_current_is_a_check_in_across_a_rename(repo):
    doc = history_json(repo / "plan.yaml")
    demos, churn = doc["objectives"][0]["key_results"]
    assert [(c["date"], c["current"]) for c in demos["history"]["checkins"]] == [
        ("2027-01-04", 12.0), ("2027-01-18", 13.0), ("2027-02-01", 15.0)]
    assert [c["progress"] for c in demos["history"]["checkins"]] == [0.0, pytest.approx(1 / 6, abs=1e-3), 0.5]
    assert all(c["commit"] for c in demos["history"]["checkins"])
    assert demos["history"]["expected"] == [{"date": "2027-01-01", "progress": 0.0},
                                            {"date": "2027-03-31", "progress": 1.0}]
    # a threshold: missed, then met
    assert [(c["date"], c["progress"]) for c in churn["history"]["checkins"]] == [
        ("2027-01-04", 0.0), ("2027-02-01", 1.0)]
    assert doc["history"]["notes"] == []


@needs_git
def test_the_working_copy_value_is_the_last_point(repo):
    (repo / "plan.yaml").write_text(HISTORY_PLAN.format(demos=17, churn=1.8), encoding="utf-8")
    demos = history_json(repo / "plan.yaml")["objectives"][0]["key_results"][0]
    assert demos["history"]["checkins"][-1] == {"date": "2027-02-15", "commit": None, "current": 17.0,
                                                 "progress": pytest.approx(5 / 6, abs=1e-3)}


@needs_git
def test_text_and_markdown_show_a_sparkline(repo):
    text = runner.invoke(app, ["report", str(repo / "plan.yaml"), "--history", "--today", "2027-02-15"],
                         env={"NO_COLOR": "1"})
    assert text.exit_code == 0
    assert "▁▂▅ 3 check-ins since 2027-01-04" in text.stdout and "expected 51% by now" in text.stdout
    md = runner.invoke(app, ["report", str(repo / "plan.yaml"), "--history", "--today", "2027-02-15", "-f", "markdown"])
    assert "| history |" in md.stdout and "▁▂▅ 3 check-ins" in md.stdout
    plain = runner.invoke(app, ["report", str(repo / "plan.yaml"), "--today", "2027-02-15", "-f", "markdown"])
    assert "history" not in plain.stdout  # only when asked for


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@needs_git
def test_html_draws_a_self_contained_burn_up_chart(repo):
    out = repo.parent / "report.html"
    run = runner.invoke(app, ["report", str(repo / "plan.yaml"), "--history", "--today", "2027-02-15", "-f", "html",
                              "-o", str(out)])
    assert run.exit_code == 0
    page = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    charts = [a for t, a in parser.tags if t == "svg" and a.get("class") == "burnup"]
    assert len(charts) == 2
    assert len([a for t, a in parser.tags if t == "circle" and a.get("class") == "checkin"]) == 5
    assert len([a for t, a in parser.tags if t == "line" and a.get("class") == "expected"]) == 2
    assert not [a for t, a in parser.tags if t in ("script", "link", "img")] and "src=" not in page


@needs_git
def test_a_shallow_clone_says_what_is_missing(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    doc = history_json(clone / "plan.yaml")
    demos = doc["objectives"][0]["key_results"][0]
    assert [c["date"] for c in demos["history"]["checkins"]] == ["2027-02-03"]
    assert any("shallow clone" in n and "2027-02-03" in n for n in doc["history"]["notes"])


def test_a_file_outside_a_repository_has_no_history_and_no_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    path = tmp_path / "plan.yaml"
    path.write_text(HISTORY_PLAN.format(demos=15, churn=1.8), encoding="utf-8")
    doc = history_json(path)
    assert any("no history" in n for n in doc["history"]["notes"])
    demos = doc["objectives"][0]["key_results"][0]
    assert [c["commit"] for c in demos["history"]["checkins"]] == [None]  # today's value only
    text = runner.invoke(app, ["report", str(path), "--history", "--today", "2027-02-15"], env={"NO_COLOR": "1"})
    assert text.exit_code == 0 and "history no history" in text.stdout and "0 check-ins" not in text.stdout


def test_no_git_command_is_a_note(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    path = tmp_path / "plan.yaml"
    path.write_text(HISTORY_PLAN.format(demos=15, churn=1.8), encoding="utf-8")
    assert git_history.read(path).notes == ["git is not available: no history."]


@needs_git
def test_an_uncommitted_file_in_a_repository(repo):
    (repo / "new.yaml").write_text(HISTORY_PLAN.format(demos=15, churn=1.8), encoding="utf-8")
    history = git_history.read(repo / "new.yaml")
    assert not history.available and history.notes == ["not committed yet: no history."]


# --- confidence and readable numbers ----------------------------------------------------------

from smartlint.report_texts import number, percent

CONFIDENT = """language: en
period: 2027-Q1
objectives:
  - title: Make self-serve the main way customers start with us
    key_results:
      - {title: Raise weekly demos from 12 to 18, current: 15, confidence: 7}
      - {title: Reach 1200000 monthly visitors, unit: visitors, current: 900000, confidence: Medium}
      - {title: Cut lead time from 10 to 7 days, current: 10.004, confidence: faible}
"""


def test_confidence_is_read_and_shown_beside_progress(tmp_path):
    doc = json.loads(run_json(tmp_path, CONFIDENT, "2027-02-15").stdout)["reports"][0]
    assert [k["confidence"] for k in doc["objectives"][0]["key_results"]] == [7, "medium", "low"]
    text = runner.invoke(app, ["report", str(tmp_path / "okrs.yaml"), "--today", "2027-02-15"],
                         env={"NO_COLOR": "1", "COLUMNS": "200"}).stdout
    assert "confidence 7/10" in text and "confidence medium" in text
    md = runner.invoke(app, ["report", str(tmp_path / "okrs.yaml"), "--today", "2027-02-15", "-f", "markdown"]).stdout
    assert "on track · confidence 7/10" in md


@pytest.mark.parametrize("value", ["11", "-1", "7.5", "true", "sure"])
def test_a_confidence_out_of_range_is_a_finding_not_a_crash(tmp_path, value):
    path = tmp_path / "okrs.yaml"
    path.write_text(CONFIDENT.replace("confidence: 7}", f"confidence: {value}}}"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "-f", "json", "--no-cache"])
    findings = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in findings if "`confidence`" in f["message"]] == ["Y003"]
    assert [f["path"] for f in findings if "`confidence`" in f["message"]] == ["objectives[0].key_results[0]"]


def test_report_numbers_are_readable(tmp_path):
    md = runner.invoke(app, ["report", str(run_json(tmp_path, CONFIDENT, "2027-02-15") and tmp_path / "okrs.yaml"),
                             "--today", "2027-02-15", "-f", "markdown"]).stdout
    assert "1,200,000 visitors" in md and "900,000" in md and "e+" not in md and "-0%" not in md


@pytest.mark.parametrize("value, expected", [
    (1_200_000, "1,200,000"), (0.126, "0.13"), (-0.001, "0"), (-0.0, "0"), (12.0, "12"), (2.5, "2.5"), (-3.25, "-3.25"),
    (1e20, "100,000,000,000,000,000,000"),
])
def test_number(value, expected):
    assert number(value) == expected


@pytest.mark.parametrize("share, expected", [(-0.001, "0%"), (0.5111, "51%"), (-0.25, "-25%"), (12.0, "1,200%")])
def test_percent(share, expected):
    assert percent(share) == expected


# --- one dashboard for a whole plan -----------------------------------------------------------

GROWTH = """language: en
period: 2027-Q1
owner: Growth
objectives:
  - title: Make self-serve the main way customers start with us
    key_results:
      - {title: Raise weekly demos from 12 to 18, current: 13}
      - {title: Onboard 12 design partners, baseline: 0, target: 12, current: 7}
      - {title: Cut lead time from 10 to 7 days}
"""
PLATFORM = """language: en
period: 2027-Q1
owner: "<b>Platform</b> & Ops"
objectives:
  - title: Make deploys boring
    key_results:
      - {title: Cut the median build time from 14 to 6 minutes, current: 10}
  - title: Ship the new runner
    period: 2027-Q2
    key_results:
      - {title: Move 40 services to the new runner, baseline: 0, target: 40}
"""


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_a_folder_gives_one_dashboard_with_summaries_and_contents(tmp_path):
    plan = tmp_path / "okrs"
    plan.mkdir()
    (plan / "growth.yaml").write_text(GROWTH, encoding="utf-8")
    (plan / "platform.yaml").write_text(PLATFORM, encoding="utf-8")
    out = tmp_path / "dashboard.html"
    run = runner.invoke(app, ["report", str(plan), "--today", "2027-02-15", "-f", "html", "-o", str(out)])
    assert run.exit_code == 0, run.output
    page = out.read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(page)
    rows = {r[0]: r for r in parser.rows if r}
    # per team: objectives, key results, score (under way only), at risk, not reported, not started
    assert rows["Growth"][1:] == ["1", "3", "0.25", "1", "1", "0"]  # (1/6 + 7/12 + 0) / 3
    assert rows["<b>Platform</b> & Ops"][1:] == ["2", "2", "0.50", "0", "0", "1"]
    assert "<b>Platform</b>" not in page and "&lt;b&gt;Platform&lt;/b&gt; &amp; Ops" in page  # escaped
    # per objective, linked to its details
    assert rows["Ship the new runner"][3:] == ["–", "0", "0", "1"]
    ids = {a["id"] for _, a in parser.tags if "id" in a}
    links = [a["href"] for t, a in parser.tags if t == "a"]
    assert links and all(h.startswith("#") and h[1:] in ids for h in links)
    assert {"#f0", "#f1", "#f0-o0", "#f1-o0", "#f1-o1", "#summary"} <= set(links)
    assert page.count("<html") == 1 and not [a for t, a in parser.tags if t in ("script", "link", "img")]
    assert "src=" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_markdown_of_a_whole_plan_starts_with_the_summary_per_team(tmp_path):
    plan = tmp_path / "okrs"
    plan.mkdir()
    (plan / "growth.yaml").write_text(GROWTH, encoding="utf-8")
    (plan / "platform.yaml").write_text(PLATFORM.replace("|", ""), encoding="utf-8")
    md = runner.invoke(app, ["report", str(plan), "--today", "2027-02-15", "-f", "markdown"]).stdout
    assert md.startswith("## Summary per team (as of 2027-02-15)")
    assert "| Growth | 1 | 3 | 0.25 | 1 | 1 | 0 |" in md
    assert "<b>" not in md  # the hostile owner is escaped
    single = runner.invoke(app, ["report", str(plan / "growth.yaml"), "--today", "2027-02-15", "-f", "markdown"]).stdout
    assert "Summary per team" not in single


def test_text_of_a_whole_plan_starts_with_the_same_summaries_in_80_columns(tmp_path):
    plan = tmp_path / "okrs"
    plan.mkdir()
    (plan / "growth.yaml").write_text(GROWTH, encoding="utf-8")
    (plan / "platform.yaml").write_text(PLATFORM.replace("<b>Platform</b> & Ops", "Platform and Operations team"),
                                        encoding="utf-8")
    args = ["report", str(plan), "--today", "2027-02-15"]
    text = runner.invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "80"}).stdout
    md = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    lines = text.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    first_file = next(i for i, line in enumerate(lines) if line.startswith(str(plan / "growth.yaml")))
    head_lines = lines[:first_file]
    assert head_lines[0].rstrip() == "Summary per team (as of 2027-02-15)"
    assert "Summary per objective" in [line.rstrip() for line in head_lines]
    # Every row of the Markdown summaries is in the text head, with the same numbers in the same order.
    per_team, per_objective = md.split("## Summary per objective")
    owner_rows = [[c.strip() for c in r.strip("|").split(" | ")] for r in per_team.splitlines()
                  if r.startswith("| ") and not r.startswith("| team")]
    objective_rows = [[c.strip() for c in r.strip("|").split(" | ")] for r in per_objective.split("## ")[0].splitlines()
                      if r.startswith("| ") and not r.startswith("| objective")]
    assert len(owner_rows) == 2 and len(objective_rows) == 3

    def text_row(name: str, numbers: list[str]) -> bool:
        """A row of the text table: its name (wrapped over several lines), then the same numbers."""
        for n, line in enumerate(head_lines):
            words = line.split()
            if not words or words[-len(numbers):] != numbers or not name.startswith(" ".join(words[:-len(numbers)])):
                continue
            shown = words[:-len(numbers)]
            for more in head_lines[n + 1:]:  # the name's next lines, until it is whole
                if len(" ".join(shown)) >= len(name):
                    break
                shown += more.split()
            if " ".join(shown) == name:
                return True
        return False

    for name, *numbers in owner_rows:
        assert text_row(name, numbers), name
    for title, _file, owner, *numbers in objective_rows:
        assert text_row(f"{title} · {owner}", numbers), title
    assert text_row("Ship the new runner · Platform and Operations team", ["–", "0", "0", "1"])  # not begun
    single = runner.invoke(app, ["report", str(plan / "growth.yaml"), "--today", "2027-02-15"],
                           env={"NO_COLOR": "1"}).stdout
    assert "Summary per team" not in single


def test_a_standalone_goal_due_after_its_files_period_is_judged_against_its_due_date(tmp_path):
    plan = """language: en
period: 2027-Q1
owner: Ops
goals:
  - title: Cut invoice processing time from 6 days to 2 days by 30 September 2027
    current: 4
  - title: Cut refund time from 6 days to 2 days
    deadline: 2027-06-30
    current: 4
  - title: Cut onboarding time from 6 days to 2 days
    current: 4
"""
    doc = json.loads(run_json(tmp_path, plan, "2027-03-15").stdout)["reports"][0]
    title_due, field_due, no_due = doc["objectives"][0]["key_results"]
    # Half done: late for a Q1 goal in mid-March, not for one due in September or June.
    assert no_due["status"] == "at risk" and no_due["elapsed"] == pytest.approx(74 / 90, abs=0.01)
    assert title_due["status"] == "on track" and title_due["elapsed"] == pytest.approx(74 / 273, abs=0.01)
    assert field_due["status"] == "on track" and field_due["elapsed"] == pytest.approx(74 / 181, abs=0.01)


def test_a_broken_file_among_many_is_named_under_the_summaries(tmp_path):
    plan = tmp_path / "okrs"
    plan.mkdir()
    (plan / "a-growth.yaml").write_text(GROWTH, encoding="utf-8")
    (plan / "b-broken.yaml").write_text("objectives:\n  - title: [unclosed\n", encoding="utf-8")
    (plan / "c-platform.yaml").write_text(PLATFORM, encoding="utf-8")
    args = ["report", str(plan), "--today", "2027-02-15"]
    for fmt, details in (("text", "Details"), ("markdown", "## OKR progress"), ("html", "<h2>Details</h2>")):
        run = runner.invoke(app, [*args, "-f", fmt], env={"NO_COLOR": "1", "COLUMNS": "200"})
        assert run.exit_code == 1, run.output
        head = run.stdout.split(details)[0]
        assert "1 file could not be read as a plan" in head and "b-broken.yaml" in head.split("could not be read")[1]
        assert "a-growth.yaml" not in head.split("could not be read")[1]
    page = runner.invoke(app, [*args, "-f", "html"]).stdout
    assert 'its details): <a href="#f1">' in page and '<section id="f1"><h2 class=file>' in page
    fine = runner.invoke(app, ["report", str(plan / "a-growth.yaml"), str(plan / "c-platform.yaml"),
                               "--today", "2027-02-15"], env={"NO_COLOR": "1"})
    assert fine.exit_code == 0 and "could not be read" not in fine.stdout


def test_a_percentage_target_is_written_as_the_report_language_writes_it(tmp_path):
    plan = tmp_path / "okrs.yaml"
    plan.write_text("language: en\nperiod: 2027-Q1\nobjectives:\n  - title: Convert more trials\n    key_results:\n"
                    "      - {title: Raise trial conversion from 8% to 11%, unit: '%', current: 9.5}\n", encoding="utf-8")
    args = ["report", str(plan), "--today", "2027-02-15", "-f", "markdown"]
    assert "| 8 | 9.5 | 11% | " in runner.invoke(app, [*args, "--messages", "en"]).stdout
    assert "| 8 | 9,5 | 11\u202f% | " in runner.invoke(app, [*args, "--messages", "fr"]).stdout
