"""Rule behaviour that the one-line cases cannot show: inheritance, fields, options, languages."""

from __future__ import annotations

from smartlint.checks.achievable import LargeChange, LargeChangeOptions
from smartlint.checks.base import Context
from smartlint.engine import analyse_nodes
from smartlint.load import load_text


def rules_of(findings, code):
    return [f for f in findings if f.rule == code]


def test_missing_owner_is_info_and_inherited(lint):
    text = ("language: en\nperiod: 2027-Q1\nobjectives:\n  - title: Win Spain\n    owner: Ana\n    key_results:\n"
            "      - Sign 10 distributors\n  - title: Win Italy\n    key_results:\n      - Sign 10 distributors\n")
    found = rules_of(lint(text), "R001")
    assert [(f.line, f.path) for f in found] == [(8, "objectives[1]"), (10, "objectives[1].key_results[0]")]
    assert {f.severity for f in found} == {"info"}


def test_placeholder_in_a_field_points_at_the_field(lint):
    text = "language: en\ngoals:\n  - title: Sign 10 distributors by 30 June 2027\n    owner: TBD\n"
    [f] = rules_of(lint(text), "S002")
    assert (f.line, f.column) == (4, 12) and "owner" in f.message


def test_large_decrease_has_its_own_threshold(lint):
    text = ("language: en\nperiod: 2027-Q1\nobjectives:\n  - title: Be safe\n    key_results:\n"
            "      - Cut incidents from 100 to 5\n      - Cut incidents from 100 to 25\n")
    assert [f.line for f in rules_of(lint(text), "A001")] == [6]


def test_large_change_options_change_the_verdict():
    loaded = load_text("f.yaml", "language: en\ngoals:\n  - Grow signups from 100 to 350 by 30 June 2027\n"
                                 "  - Double signups by 30 June 2027\n")
    analyse_nodes(loaded.nodes)
    with_baseline, relative = loaded.nodes
    ctx = Context(today=None, file=loaded)
    assert list(LargeChange().check(with_baseline, ctx))  # x3.5 from a stated baseline
    assert not list(LargeChange(LargeChangeOptions(max_increase_with_baseline=3.0)).check(with_baseline, ctx))
    assert list(LargeChange().check(relative, ctx))  # a doubling with no baseline
    assert not list(LargeChange(LargeChangeOptions(max_increase=1.5)).check(relative, ctx))


def test_language_is_decided_per_item_in_auto_files(lint):
    text = ("goals:\n  - Sign 40 new reseller agreements by 30 June 2027\n  - Enhance the brand by 30 June 2027\n"
            "  - Améliorer la documentation d'ici le 30 juin 2027\n")
    vague = rules_of(lint(text), "S001")
    assert [f.line for f in vague] == [3, 4]


def test_findings_are_sorted_and_located_on_the_word(lint):
    text = "language: fr\ngoals:\n  - Renforcer notre image de marque un jour\n"
    findings = [f for f in lint(text) if f.severity != "info"]
    assert findings == sorted(findings, key=lambda f: (f.line, f.column, f.rule))
    vague_deadline = rules_of(findings, "T002")[0]
    assert (vague_deadline.column, vague_deadline.end_column) == (37, 44)


def test_key_result_counts_and_objectives_without_key_results(lint):
    krs = lambda n: "".join(f"      - Sign {i + 2} distributors\n" for i in range(n))  # noqa: E731
    text = ("language: en\nowner: Ana\nperiod: 2027-Q1\nobjectives:\n"
            f"  - title: Win Spain\n    key_results:\n{krs(2)}"
            f"  - title: Win Italy\n    key_results:\n{krs(3)}"
            f"  - title: Win France\n    key_results:\n{krs(6)}"
            "  - title: Win Portugal\n")
    found = lint(text)
    assert [(f.rule, f.path) for f in found if f.rule in ("O003", "O004")] == [
        ("O003", "objectives[0]"), ("O003", "objectives[2]"), ("O004", "objectives[3]")]


def test_too_many_objectives_is_reported_once_at_the_objectives_key(lint):
    objective = "  - title: Win market {i}\n    key_results: [Sign 4 deals, Hire 2 people, Open 1 office]\n"
    text = "language: en\nowner: Ana\nperiod: 2027-Q1\nobjectives:\n" + "".join(objective.format(i=i) for i in range(7))
    [f] = [f for f in lint(text) if f.rule == "O005"]
    assert (f.line, f.column) == (4, 1) and "7 objectives" in f.message


def test_objective_periods_are_counted_separately(lint):
    objective = "  - title: Win market {i}\n    period: {p}\n    key_results: [Sign 4 deals, Hire 2 people, Open 1 office]\n"
    text = "language: en\nowner: Ana\nobjectives:\n" + "".join(
        objective.format(i=i, p="2027-Q1" if i % 2 else "2027-Q2") for i in range(8))
    assert not [f for f in lint(text) if f.rule == "O005"]


def test_orphan_key_results(lint):
    text = "language: en\nowner: Ana\nperiod: 2027-Q1\nkey_results:\n  - Sign 10 distributors\n  - Enhance the brand\n"
    found = lint(text)
    assert [f.line for f in found if f.rule == "R002"] == [5, 6]
    assert [f.line for f in found if f.rule == "S001"] == [6]  # still checked like any key result
