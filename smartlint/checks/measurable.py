"""Measurable: a number that can be checked."""

from __future__ import annotations

import re
from typing import Iterator

from smartlint.checks.base import MEASURED, Context, Report, Rule, fail, has_target, ok, quantifier_target
from smartlint.checks.okr import binary_end_state
from smartlint.i18n import N_, _
from smartlint.lexicon import Kind
from smartlint.model import Criterion, Level, Node, Severity
from smartlint.nlp.quantities import SECONDS, convert, dimension, is_percent_unit, names_unbounded_metric, unit_of


class NoQuantity(Rule):
    """No quantity: nothing to check the result against.

    A key result or goal needs a number: a target ("350 new customers"), a change from a baseline
    ("from 40 to 55", "de 40 à 55"), a rate with its unit ("40/week"), a threshold ("below 2%",
    "sous les 2 %", "NPS ≥ 50") or a universal quantifier ("all new hires", "chaque agent": 100%;
    "aucun incident": 0), in the title or in the `target` field. Numbers that belong to the
    deadline ("by 31 March 2027") and identifiers ("Postgres 16", "SOC 2", "ISO 27001") measure
    nothing and do not count; number words do ("three", "douze"), "one"/"un" only after a
    comparator ("at least one post per month").

    Position on contested cases: a key result that states an end state with no number ("SSO is
    enabled for every customer", "Le nouveau portail est en production") is measurable as yes/no;
    it is left to binary-key-result (O008, info), not reported here.
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
            yield Report(_("the target is a placeholder: nothing to check the result against"),
                         _("Write the value to reach, or set `target:`."))
            return
        if has_target(node) or quantifier_target(facts):
            return  # "All new hires complete training": a 100% target
        if binary_end_state(node):
            return  # a yes/no end state is binary-key-result's (O008) to report
        yield Report(
            _("no quantity: nothing to check the result against"),
            _("Add a number to the title (\"from 12 to 18\", \"40 new customers\") or set "
              "`baseline:` and `target:`."),
        )


class PercentWithoutBaseline(Rule):
    """A relative change (a percentage, "double", "by half", "x3") with no baseline.

    "+50%", "grow retention by 25%" or "halve the backlog" cannot be checked without the starting
    value: 25% more than what, measured when? Give the baseline in the title ("from 40% to 50%")
    or in `baseline:`. An absolute level ("99.9% uptime", "de 35 % à 50 %") is fine.
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
        if facts.from_to or facts.baseline_in_text or getattr(node.item, "baseline", None) is not None:
            return
        if getattr(node.item, "target", None) is not None:
            return
        # A rate of change per period ("-2,5 % par an") is measured against the previous period.
        changes = [(q.start, q.end, q.text) for q in facts.relative if q.per not in SECONDS] + \
                  [(m.start, m.end, m.text) for m in facts.multipliers]  # "by half", "x2": relative too
        if not changes:
            return
        start, end, text = min(changes)
        yield Report(
            _("relative change \"{text}\" with no baseline", text=text),
            _("Say where it starts: \"from 40% to 50%\" in the title, or `baseline:` and `target:`."),
            span=(start, end),
        )


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)) or abs(a * 100 - b) < 1e-9 or abs(a - b * 100) < 1e-9


class FieldsDisagree(Rule):
    """The title and the `baseline`/`target` fields give different numbers.

    "from 20 to 30" in the title with `target: 40` cannot both be right; dashboards read the
    fields while people read the title. (A fraction in a field matching a percentage in the
    title, 0.35 and 35%, is accepted.)
    """

    code = "M003"
    name = "fields-disagree"
    criterion = Criterion.measurable
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, item={"title": "Raise weekly demos from 12 to 18", "baseline": 12, "target": 20}),
        ok("en", Level.key_result, item={"title": "Raise weekly demos from 12 to 18", "baseline": 12, "target": 18}),
        fail("fr", Level.key_result, item={"title": "Faire passer les démos de 12 à 18", "baseline": 10, "target": 18}),
        ok("fr", Level.key_result, item={"title": "Faire passer les démos de 12 à 18", "baseline": 12}),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        if not node.facts.from_to:
            return
        a, b = node.facts.from_to
        field_unit = unit_of(getattr(node.item, "unit", None) or "")
        for name, said in (("baseline", a), ("target", b)):
            value = getattr(node.item, name, None)
            # "from 2 days to 36 hours" with `unit: hours` and `baseline: 48` agree.
            title_value = convert(said.value, said.unit, field_unit) if said.unit and dimension(field_unit) else None
            if value is not None and not _same(said.value, value) and not (
                    title_value is not None and _same(title_value, value)):
                yield Report(_("the title says \"{text}\" but `{key}` is {value}", text=said.text, key=name,
                               value=format(value, "g")),
                             _("Make the title and `{key}` agree.", key=name), span=(said.start, said.end))
                return


class WrongDirection(Rule):
    """The verb and the numbers point in opposite directions.

    "Reduce churn" with a target above the baseline, or "grow signups from 300 to 250", is a typo
    that makes the key result mean its opposite.
    """

    code = "M004"
    name = "wrong-direction"
    criterion = Criterion.measurable
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, "Reduce churn from 3% to 5%"),
        ok("en", Level.key_result, "Reduce churn from 5% to 3%"),
        fail("fr", Level.key_result, item={"title": "Augmenter les démos hebdomadaires", "baseline": 18, "target": 12}),
        ok("fr", Level.key_result, item={"title": "Augmenter les démos hebdomadaires", "baseline": 12, "target": 18}),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        direction = facts.direction
        if direction is None or facts.lead_is(Kind.MULTIPLIER):
            return
        baseline = getattr(node.item, "baseline", None)
        target = getattr(node.item, "target", None)
        span = None
        shown = None
        if (baseline is None or target is None) and facts.from_to:
            a, b = facts.from_to
            # Compared in one unit: "from 2 days to 36 hours" goes down.
            baseline, target, span = a.base, b.base, (a.start, b.end)
            shown = (a.text, b.text)
        if baseline is None or target is None or baseline == target:
            return
        if (direction == "up") != (target > baseline):
            verb = facts.lead.text if facts.lead else _("the verb")
            said = (_("\"{start}\" to \"{end}\"", start=shown[0], end=shown[1]) if shown
                    else _("{start} to {end}", start=format(baseline, "g"), end=format(target, "g")))
            message = (_("\"{verb}\" says up, but the numbers go from {numbers}", verb=verb, numbers=said)
                       if direction == "up" else
                       _("\"{verb}\" says down, but the numbers go from {numbers}", verb=verb, numbers=said))
            yield Report(message, _("Swap the numbers or the verb."),
                         span=span, field=None if span else "target")


class ImpossiblePercentage(Rule):
    """A share of a whole above 100%: a rate, uptime, a share of customers, a `%` field.

    "Raise activation from 80% to 120%" or `unit: "%"` with `target: 140` is a typo (or a
    relative change written as a level). Percentages of attainment, retention, coverage, growth
    or return ("120% of quota", "net revenue retention of 115%", "ROAS 300%", "110 % de
    l'objectif") may exceed 100 and are not flagged; the words that mark them are listed in
    `rules/<lang>/unbounded_percent.yaml`. Relative changes ("+150%") are judged by large-change.
    """

    code = "M005"
    name = "impossible-percentage"
    criterion = Criterion.measurable
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, "Raise the activation rate from 80% to 120%"),
        ok("en", Level.key_result, "Raise the activation rate from 80% to 92%"),
        fail("fr", Level.key_result, item={"title": "Augmenter le taux d'activation", "unit": "%", "baseline": 80, "target": 130}),
        ok("fr", Level.key_result, item={"title": "Augmenter le taux d'activation", "unit": "%", "baseline": 80, "target": 90}),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        unit = (getattr(node.item, "unit", None) or "").strip().lower()
        # "net revenue retention", "120% of quota": a percentage that may exceed 100
        if is_percent_unit(unit) and not names_unbounded_metric(facts.text, facts.lexicon):
            for name in ("baseline", "target", "current"):
                value = getattr(node.item, name, None)
                if value is not None and value > 100:
                    yield Report(_("`{key}: {value}` with `unit: {unit}`: a share cannot exceed 100%", key=name,
                                   value=format(value, "g"), unit=unit),
                                 _("Check the value, or use another unit for a relative change."), field=name)
                    return
        relative = {(q.start, q.end) for q in facts.relative}  # spans, not identities: facts may come from the cache
        for q in facts.counted:
            if q.kind == "share" and q.percent and q.value > 100 and (q.start, q.end) not in relative and not q.sign:
                yield Report(_("\"{text}\": a share cannot exceed 100%", text=q.text),
                             _("Check the value; a relative change is written \"+150%\" or \"by 150%\"."),
                             span=(q.start, q.end))
                return


CURRENCIES = {"€": "€", "eur": "€", "euro": "€", "euros": "€", "$": "$", "usd": "$", "dollar": "$",
              "dollars": "$", "£": "£", "gbp": "£", "pound": "£", "pounds": "£"}


class UnitMismatch(Rule):
    """The title's numbers are in another unit than the `unit` field.

    A title in percent with `unit: customers`, in euros with `unit: USD`, or in minutes with
    `unit: hours` ("from 14 to 8 minutes") means one of them is wrong, and progress will be computed
    on the wrong scale. Durations and data sizes are converted: "from 2 days to 36 hours" with
    `unit: hours`, `baseline: 48` and `target: 36` agrees.
    """

    code = "M006"
    name = "unit-mismatch"
    criterion = Criterion.measurable
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, item={"title": "Raise activation from 35% to 50%", "unit": "customers"}),
        ok("en", Level.key_result, item={"title": "Raise activation from 35% to 50%", "unit": "%"}),
        fail("fr", Level.key_result, item={"title": "Atteindre 40 k€ de revenu mensuel", "unit": "USD"}),
        ok("fr", Level.key_result, item={"title": "Atteindre 40 k€ de revenu mensuel", "unit": "€"}),
        fail("en", Level.key_result, item={"title": "Reduce median build time from 14 to 8 minutes", "unit": "hours"}),
        ok("en", Level.key_result, item={"title": "Cut response time from 2 days to 36 hours", "unit": "hours",
                                         "baseline": 48, "target": 36}),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        shown = (getattr(node.item, "unit", None) or "").strip()
        unit = shown.lower()
        relative = {(q.start, q.end) for q in node.facts.relative}  # spans: facts may come from the cache
        counted = [q for q in node.facts.counted if (q.start, q.end) not in relative]  # "cut by 15%" fits any unit
        if not unit or not counted:
            return
        currency_field = CURRENCIES.get(unit)
        percents = [q for q in counted if q.percent]
        if is_percent_unit(unit):
            money = [q for q in counted if q.unit in ("€", "$", "£")]
            if money and not percents:
                yield Report(_("\"{text}\" is an amount but `unit` is {unit}", text=money[0].text, unit=shown),
                             _("Make the title and `unit` agree."),
                             span=(money[0].start, money[0].end))
            return
        if percents and len(percents) == len(counted) and currency_field is None:
            yield Report(_("the title counts in percent (\"{text}\") but `unit` is {unit}", text=percents[0].text, unit=shown),
                         _("Make the title and `unit` agree: `unit: \"%\"`, or numbers of {unit}.", unit=shown),
                         span=(percents[0].start, percents[0].end))
            return
        if currency_field:
            other = [q for q in counted if q.unit in ("€", "$", "£") and q.unit != currency_field]
            if other:
                yield Report(_("\"{text}\" is in {currency} but `unit` is {unit}", text=other[0].text,
                               currency=other[0].unit, unit=shown),
                             _("Make the title and `unit` agree."), span=(other[0].start, other[0].end))
            return
        field_unit = unit_of(shown)
        kind = dimension(field_unit)
        if kind not in ("duration", "data"):
            return
        for q in counted:
            if q.dimension in ("money", "duration", "data") and q.dimension != kind:
                yield Report(_(_MEASURES[q.dimension], text=q.text, unit=shown),
                             _("Make the title and `unit` agree."), span=(q.start, q.end))
                return
        # "from 14 to 8 minutes" with `unit: hours`: are `current` and the fields in minutes or hours?
        # One end in the field's unit ("from 2 days to 36 hours", `unit: hours`) says it.
        same = [q for q in counted if q.dimension == kind]
        if same and all(q.unit != field_unit for q in same) and not self._fields_converted(node, field_unit):
            q = next((q for q in same if re.search(r"[^\W\d_]", q.text)), same[0])  # the end that names it
            named = _(_UNIT_NAMES[q.unit]) if q.unit in _UNIT_NAMES else q.unit
            yield Report(_("the title counts in {named} (\"{text}\") but `unit` is {unit}: "
                           "which one are `current` and the fields in?", named=named, text=q.text, unit=shown),
                         _("Write the title in {unit}, or set `unit` to the title's unit.", unit=shown),
                         span=(q.start, q.end))

    @staticmethod
    def _fields_converted(node: Node, field_unit: str) -> bool:
        """`baseline`/`target` already in the field's unit ("from 2 days to 36 hours", `unit: hours`,
        `baseline: 48`, `target: 36`): the fields were converted, nothing is mixed."""
        pair = node.facts.from_to
        values = [(getattr(node.item, name, None), q) for name, q in zip(("baseline", "target"), pair or ())]
        given = [(v, q) for v, q in values if v is not None]
        return bool(given) and all(_same(v, convert(q.value, q.unit, field_unit) or float("nan")) for v, q in given)


_MEASURES = {"money": N_("\"{text}\" is an amount but `unit` is {unit}"),
             "duration": N_("\"{text}\" is a duration but `unit` is {unit}"),
             "data": N_("\"{text}\" is a data size but `unit` is {unit}")}
_UNIT_NAMES = {"ms": N_("milliseconds"), "s": N_("seconds"), "min": N_("minutes"), "h": N_("hours"), "day": N_("days"),
               "week": N_("weeks"), "month": N_("months"), "quarter": N_("quarters"), "year": N_("years")}
