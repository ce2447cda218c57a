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
    loaded = load_text("f.yaml", "language: en\ngoals:\n  - Grow signups from 100 to 250 by 30 June 2027\n")
    analyse_nodes(loaded.nodes)
    [node] = loaded.nodes
    ctx = Context(today=None, file=loaded)
    assert list(LargeChange().check(node, ctx))
    assert not list(LargeChange(LargeChangeOptions(max_increase=2.0)).check(node, ctx))


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
