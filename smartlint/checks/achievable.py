"""Achievable: ambitious, but not a promise nobody believes."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field

from smartlint.checks.base import MEASURED, Context, Report, Rule, fail, ok
from smartlint.model import Criterion, Level, Node, Severity


class LargeChangeOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_increase: float = Field(1.0, gt=0, description="Largest relative increase not flagged (1.0 = +100%, a doubling).")
    max_decrease: float = Field(0.9, gt=0, le=1, description="Largest relative decrease not flagged (0.9 = -90%).")


class LargeChange(Rule):
    """A very large promised change, flagged for a second look.

    Doubling or more (x2, "quadruple", "+400%", "from 40 to 200", or `baseline`/`target` fields
    that far apart) in one period is rarely reached without a plan that says how. The finding asks
    for that second look; raise `max_increase` where the team knows better. Increases and
    decreases have separate thresholds: cutting a delay by 75% can be realistic where a tenfold
    increase is not.
    """

    code = "A001"
    name = "large-change"
    criterion = Criterion.achievable
    severity = Severity.warning
    levels = MEASURED
    Options = LargeChangeOptions
    examples = [
        fail("en", Level.key_result, "Take weekly signups from 300 to 3,000"),
        ok("en", Level.key_result, "Take weekly signups from 300 to 450"),
        fail("fr", Level.goal, "Quadrupler le réseau de partenaires d'ici fin 2027"),
        ok("fr", Level.key_result, "Faire passer les inscriptions hebdomadaires de 300 à 450"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        opts = self.options
        baseline = getattr(node.item, "baseline", None)
        target = getattr(node.item, "target", None)
        if baseline is not None and target is not None:
            msg = self._ratio(baseline, target)
            if msg:
                yield Report(f"`baseline: {baseline:g}` to `target: {target:g}` is {msg}", self._hint(), field="target")
                return
        if facts.from_to:
            a, b = facts.from_to
            msg = self._ratio(a.value, b.value)
            if msg:
                yield Report(f"\"{a.text}\" to \"{b.text}\" is {msg}", self._hint(), span=(a.start, b.end))
                return
        for q in facts.relative:
            down = q.sign == "-" or facts.direction == "down"
            if (q.value / 100 > opts.max_decrease) if down else (q.value / 100 >= opts.max_increase):
                change = f"-{q.value:g}%" if down else f"+{q.value:g}%"
                yield Report(f"\"{q.text}\" promises a change of {change}", self._hint(), span=(q.start, q.end))
                return
        for m in facts.multipliers:
            if m.value is None:
                continue
            if m.value >= 1 and m.value - 1 >= opts.max_increase:
                yield Report(f"\"{m.text}\" multiplies the result by {m.value:g}", self._hint(), span=(m.start, m.end))
                return
            if 0 < m.value < 1 and 1 - m.value > opts.max_decrease:
                yield Report(f"\"{m.text}\" divides the result by {1 / m.value:g}", self._hint(), span=(m.start, m.end))
                return

    def _ratio(self, a: float, b: float) -> str:
        if a <= 0 or b < 0:
            return ""  # from zero, the size of the change cannot be judged as a ratio
        change = (b - a) / a
        if change > 0 and change >= self.options.max_increase:
            return f"x{b / a:.3g} (+{change:.0%})"
        if change < 0 and -change > self.options.max_decrease:
            return f"{change:.0%}"
        return ""

    @staticmethod
    def _hint() -> str:
        return ("Check that this is reachable in the period; split it into steps or say in an "
                "initiative how it will be reached.")
