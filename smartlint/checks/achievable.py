"""Achievable: ambitious, but not a promise nobody believes."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field

from smartlint.checks.base import MEASURED, Context, Report, Rule, fail, ok
from smartlint.i18n import _
from smartlint.model import Criterion, Level, Node, Severity


class LargeChangeOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_increase: float = Field(
        1.0, gt=0,
        description="With no baseline, a relative increase (\"+100%\", \"double\", \"x2\") is flagged at or above "
                    "this (1.0 = +100%: a doubling is flagged, +99% is not).")
    max_increase_with_baseline: float = Field(
        2.0, gt=0,
        description="With a baseline (\"from 50 to 150\", `baseline`/`target`, \"+15% over last year's 400\"), an "
                    "increase is flagged at or above this (2.0 = +200%: x3 is flagged, x2.9 is not).")
    max_decrease: float = Field(
        0.8, gt=0, le=1,
        description="A decrease is flagged at or above this (0.8 = -80%: \"from 100 to 20\" is flagged, "
                    "\"from 100 to 21\" is not).")


class LargeChange(Rule):
    """A very large promised change, flagged for a second look.

    With no baseline, a relative claim of +100% or more ("+100% sales", "double bookings", "x3",
    "by 5x") is flagged: nothing shows it is reachable. With a baseline ("from 50 to 150",
    `baseline`/`target` fields, "+15% over last year's 400") the author knows where they start:
    an increase is flagged from x3 (+200%) up, a decrease from -80% down. Numbers are compared in
    one unit ("from 2 days to 36 hours" is a 25% cut, "1.2 s to 800 ms" a 33% cut); a change
    between units that measure different things is no change, and a band to stay within ("keep
    CSAT between 4.2 and 4.6") is not a change either. The thresholds are options
    (`smartlint rule A001`); raise them where the team knows better.
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
        ok("en", Level.key_result, "Cut response time from 2 days to 36 hours"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        opts = self.options
        baseline = getattr(node.item, "baseline", None)
        target = getattr(node.item, "target", None)
        if baseline is not None and target is not None:
            msg = self._ratio(baseline, target)
            if msg:
                yield Report(_("`baseline: {baseline}` to `target: {target}` is {change}", baseline=format(baseline, "g"),
                               target=format(target, "g"), change=msg), self._hint(), field="target")
            return
        if facts.from_to:
            a, b = facts.from_to
            msg = self._ratio(a.base, b.base)
            if msg:
                yield Report(_("\"{start}\" to \"{end}\" is {change}", start=a.text, end=b.text, change=msg), self._hint(),
                             span=(a.start, b.end))
            return
        known = facts.baseline_in_text or baseline is not None
        increase = opts.max_increase_with_baseline if known else opts.max_increase
        for q in facts.relative:
            down = q.sign == "-" or facts.direction == "down"
            if (q.value / 100 >= opts.max_decrease) if down else (q.value / 100 >= increase):
                change = _("-{value}%", value=q.value) if down else _("+{value}%", value=q.value)
                yield Report(_("\"{text}\" promises a change of {change}", text=q.text, change=change), self._hint(),
                             span=(q.start, q.end))
                return
        for m in facts.multipliers:
            if m.value is None:
                continue
            if m.value >= 1 and m.value - 1 >= increase:
                yield Report(_("\"{text}\" multiplies the result by {factor}", text=m.text, factor=m.value), self._hint(),
                             span=(m.start, m.end))
                return
            if 0 < m.value < 1 and 1 - m.value >= opts.max_decrease:
                yield Report(_("\"{text}\" divides the result by {factor}", text=m.text, factor=float(f"{1 / m.value:.3g}")),
                             self._hint(), span=(m.start, m.end))
                return

    def _ratio(self, a: float, b: float) -> str:
        """The size of a change from a stated baseline, when it is past the thresholds."""
        if a <= 0 or b < 0:
            return ""  # from zero, the size of the change cannot be judged as a ratio
        change = (b - a) / a
        if change > 0 and change >= self.options.max_increase_with_baseline:
            return _("x{ratio} (+{percent}%)", ratio=float(f"{b / a:.3g}"), percent=round(change * 100))
        if change < 0 and -change >= self.options.max_decrease:
            return _("{percent}%", percent=round(change * 100))
        return ""

    @staticmethod
    def _hint() -> str:
        return _("Check that this is reachable in the period; split it into steps or say in an "
                 "initiative how it will be reached.")
