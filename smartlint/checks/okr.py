"""OKR structure: each statement at its level."""

from __future__ import annotations

from typing import Iterator

from smartlint.checks.base import Context, Report, Rule, fail, ok
from smartlint.model import Criterion, Level, Node, Severity


class NumberInObjective(Rule):
    """A number or target in an objective.

    An objective says where to go, qualitatively; the numbers belong in its key results. "Get 120
    qualified leads" is a key result written at the wrong level. Years and quarter names
    ("Win the Spanish market in 2027") are dates, not targets, and are not flagged.
    """

    code = "O001"
    name = "number-in-objective"
    criterion = Criterion.okr
    severity = Severity.warning
    levels = frozenset({Level.objective})
    examples = [
        fail("en", Level.objective, "Get 120 qualified leads"),
        ok("en", Level.objective, "Become the reference for retail teams in 2027"),
        fail("fr", Level.objective, "Réduire l'attrition de 5 % à 3 %"),
        ok("fr", Level.objective, "S'implanter sur le marché allemand"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        hits = [(q.start, q.end, q.text) for q in facts.counted] + [(m.start, m.end, m.text) for m in facts.multipliers]
        if not hits:
            return
        start, end, text = min(hits)
        yield Report(f"number \"{text}\" in an objective",
                     "Keep the objective qualitative and move the number into a key result.",
                     span=(start, end))


class TaskAsKeyResult(Rule):
    """A key result that is a task or an activity, with no number.

    A key result is an outcome measured by a number. "Release the mobile app", "Passer à un nouvel
    ERP" are one-off deliverables and "Attend industry conferences", "Tenir une réunion mensuelle"
    are activities: both are initiatives, done or not done, and say nothing of the result. With a
    countable output it is acceptable ("Publish 4 case studies").
    """

    code = "O002"
    name = "task-as-key-result"
    criterion = Criterion.okr
    severity = Severity.warning
    levels = frozenset({Level.key_result})
    examples = [
        fail("en", Level.key_result, "Release the mobile app"),
        ok("en", Level.key_result, "Publish 4 case studies"),
        fail("fr", Level.key_result, "Tenir une réunion mensuelle avec les partenaires"),
        ok("fr", Level.key_result, "Publier 4 études de cas"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        lead = facts.lead
        if lead is None or facts.counted or facts.multipliers or getattr(node.item, "target", None) is not None:
            return
        kinds = set(lead.kind.split("+"))
        if kinds & {"increase", "decrease", "multiplier"}:
            return
        if "task" in kinds:
            what = "a one-off task"
        elif "activity" in kinds:
            what = "an activity"
        else:
            return
        yield Report(
            f"\"{lead.text}\" makes this key result {what}, not a measured outcome",
            "Move it to `initiatives:` under a key result that measures what it changes, or add "
            "the number it produces (\"Publish 4 case studies\").",
            span=(lead.start, lead.end),
        )
