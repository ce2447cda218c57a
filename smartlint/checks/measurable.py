"""Measurable: a number that can be checked."""

from __future__ import annotations

from typing import Iterator

from smartlint.checks.base import MEASURED, Context, Report, Rule, fail, ok
from smartlint.model import Criterion, Level, Node, Severity


class NoQuantity(Rule):
    """No quantity: nothing to check the result against.

    A key result or goal needs a number: a target ("350 new customers"), a change from a baseline
    ("from 40 to 55", "de 40 à 55") or a rate with its unit, in the title or in the `target` field.
    Numbers that belong to the deadline ("by 31 March 2027") measure nothing and do not count;
    number words do ("three", "douze"), "one"/"un" do not.
    """

    code = "M001"
    name = "no-quantity"
    criterion = Criterion.measurable
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.goal, "Streamline the hiring process by 30 September 2027"),
        ok("en", Level.goal, "Cut time-to-hire from 45 to 30 days by 30 September 2027"),
        fail("fr", Level.key_result, "Augmenter les espaces de travail payants"),
        ok("fr", Level.key_result, item={"title": "Augmenter les espaces de travail payants",
                                         "baseline": 850, "target": 1000}),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        if getattr(node.item, "target", None) is not None:
            return
        if facts.placeholder_target:
            yield Report("the target is a placeholder: nothing to check the result against",
                         "Write the value to reach, or set `target:`.")
            return
        if facts.counted or facts.multipliers:
            return
        yield Report(
            "no quantity: nothing to check the result against",
            "Add a number to the title (\"from 12 to 18\", \"40 new customers\") or set "
            "`baseline:` and `target:`.",
        )


class PercentWithoutBaseline(Rule):
    """A relative change in percent with no baseline.

    "+50%" or "grow retention by 25%" cannot be checked without the starting value: 25% more than
    what, measured when? Give the baseline in the title ("from 40% to 50%") or in `baseline:`.
    An absolute level ("99.9% uptime", "de 35 % à 50 %") is fine.
    """

    code = "M002"
    name = "percent-without-baseline"
    criterion = Criterion.measurable
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, "Grow retention by 25%"),
        ok("en", Level.key_result, "Grow 90-day retention from 40% to 50%"),
        fail("fr", Level.key_result, "Augmenter la rétention de 25 %"),
        ok("fr", Level.key_result, "Maintenir une disponibilité de 99,9 %"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        if not facts.relative or facts.from_to or facts.baseline_in_text or getattr(node.item, "baseline", None) is not None:
            return
        q = facts.relative[0]
        yield Report(
            f"relative change \"{q.text}\" with no baseline",
            "Say where it starts: \"from 40% to 50%\" in the title, or `baseline:` and `target:`.",
            span=(q.start, q.end),
        )
