"""Time-bound: a date by which the result is due."""

from __future__ import annotations

import re
from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field

from smartlint import languages
from smartlint.checks.base import MEASURED, Context, Report, Rule, fail, ok
from smartlint.i18n import _
from smartlint.model import Criterion, Level, Node, Severity


class MissingDeadlineOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    use_file_period: bool = Field(
        False, description="Let the file's `period:` time-bound standalone goals (off: a goal names its own date).")


class MissingDeadline(Rule):
    """A standalone goal with no deadline.

    Without a date nobody knows when to check the result, and the goal slides from quarter to
    quarter. A goal is time-bound by a date or period in its title ("by 31 March 2027", "d'ici la
    fin du T2 2027", "within 6 weeks"), a `deadline:` field or its own `period:`. Key results inherit
    their objective's or file's period and are not checked here.
    """

    code = "T001"
    name = "missing-deadline"
    criterion = Criterion.time_bound
    severity = Severity.warning
    levels = frozenset({Level.goal})
    Options = MissingDeadlineOptions
    examples = [
        fail("en", Level.goal, "Sign 40 new reseller agreements"),
        ok("en", Level.goal, "Sign 40 new reseller agreements by the end of Q2 2027"),
        fail("fr", Level.goal, "Signer 40 nouveaux accords de revendeurs"),
        ok("fr", Level.goal, "Signer 40 nouveaux accords de revendeurs d'ici le 30 juin 2027"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        if facts.deadlines or getattr(node.item, "deadline", None) or node.period:
            return
        if self.options.use_file_period and ctx.file.period:
            return
        if facts.vague_deadlines:
            return  # vague-deadline says it more precisely
        yield Report(_("no deadline"), _("Add a date to the title (\"by 30 June 2027\", \"d'ici le 30 juin "
                                         "2027\"), or a `deadline:` field."))


class VagueDeadline(Rule):
    """A vague deadline: "eventually", "at some point", "un jour", "à terme".

    These words sound like a commitment to a date and are none: they cannot be missed, so they
    cannot be met. Name the date or the period.
    """

    code = "T002"
    name = "vague-deadline"
    criterion = Criterion.time_bound
    severity = Severity.warning
    levels = frozenset({Level.goal, Level.key_result, Level.initiative})
    examples = [
        fail("en", Level.goal, "Publish 6 customer stories eventually"),
        ok("en", Level.goal, "Publish 6 customer stories by 30 June 2027"),
        fail("fr", Level.goal, "Publier 6 témoignages clients à terme"),
        ok("fr", Level.goal, "Publier 6 témoignages clients d'ici fin juin 2027"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        for hit in node.facts.vague_deadlines:
            yield Report(_("vague deadline \"{text}\"", text=hit.text),
                         _("Replace it with a date or a period: \"by 30 June 2027\", \"d'ici fin T2 2027\"."),
                         span=(hit.start, hit.end))


def text_deadline(node: Node, ctx: Context):
    """The first deadline phrase of the title that resolves to dates, with its span."""
    # Three rules ask, and items with the same title share their facts: resolved once per title
    # and reference date.
    return node.facts.reading(_first_deadline, node.period.start if node.period else ctx.today)


def _first_deadline(facts, reference):
    from smartlint.nlp.dates import resolve

    return next(((found, hit) for hit in facts.deadlines
                 if not baseline_date(facts, hit)
                 and (found := resolve(hit.text, facts.lexicon, reference)) is not None), (None, None))


def baseline_date(facts, hit) -> bool:
    """A date that says when the starting value was measured, not when the result is due:
    "passer de 60 % en 2000 à 45 %", "from 40 in 2019 to 55", "par rapport aux niveaux mesurés en
    2002", "compared to March 2026". Such a date is no deadline."""
    before = facts.text[:hit.start].rstrip()
    if any(q.counted and q.end == len(before) for q in facts.quantities) and \
            re.match(languages.get(facts.lang).target_after, facts.text[hit.end:]):
        return True  # between the starting value and the target
    window = facts.text[max(0, hit.start - 45):hit.start].lower().replace("’", "'")
    markers = [m for m in facts.lexicon.words("baseline_markers") if len(m) >= 6]
    return any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", window) for m in markers)


class DeadlineOutsidePeriod(Rule):
    """A deadline outside the period the item belongs to.

    A key result of a 2027-Q1 OKR set that is due in June cannot be graded at the end of the
    quarter: either the deadline or the period is wrong. Checked for the `deadline` field and for
    a date in the title ("by 30 June 2027", "d'ici fin T2 2027").
    """

    code = "T003"
    name = "deadline-outside-period"
    criterion = Criterion.time_bound
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, "Sign 10 new distributors by 30 June 2027"),
        ok("en", Level.key_result, "Sign 10 new distributors by 15 March 2027"),
        fail("fr", Level.key_result, item={"title": "Signer 10 nouveaux distributeurs", "deadline": "2027-06-30"}),
        ok("fr", Level.key_result, "Signer 10 nouveaux distributeurs d'ici fin février 2027"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        period = node.period
        if period is None:
            return
        field_date = getattr(node.item, "deadline", None)
        if field_date is not None and not period.contains(field_date):
            yield Report(_("the deadline {date} is outside the period {period} ({start} to {end})",
                           date=str(field_date), period=period.label, start=str(period.start), end=str(period.end)),
                         _("Move the deadline into the period, or give the item the period it belongs to."),
                         field="deadline")
            return
        found, hit = text_deadline(node, ctx)
        if found is None or found.relative or names_a_period(node.facts, hit) or times_a_side_event(node.facts, hit):
            return
        if found.end > period.end or found.end < period.start:  # due by the end of what it names
            yield Report(_("\"{text}\" falls outside the period {period} ({start} to {end})", text=hit.text,
                           period=period.label, start=str(period.start), end=str(period.end)),
                         _("Move the deadline into the period, or give the item the period it belongs to."),
                         span=(hit.start, hit.end))


class DeadlinePast(Rule):
    """A deadline that has already passed (judged against `--today`, today by default).

    Useful at planning time, when last quarter's file is copied forward with its old dates.
    Info by default: a past deadline in an archived plan is normal.
    """

    code = "T004"
    name = "deadline-past"
    criterion = Criterion.time_bound
    severity = Severity.info
    levels = MEASURED
    examples = [
        fail("en", Level.goal, "Sign 10 new distributors by 30 June 2020"),
        ok("en", Level.goal, "Sign 10 new distributors by 30 June 2099"),
        fail("fr", Level.goal, item={"title": "Signer 10 nouveaux distributeurs", "deadline": "2020-06-30"}),
        ok("fr", Level.goal, "Signer 10 nouveaux distributeurs d'ici le 30 juin 2099"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        field_date = getattr(node.item, "deadline", None)
        if field_date is not None:
            if field_date < ctx.today:
                yield Report(_("the deadline {date} is past (today is {today})", date=str(field_date),
                               today=str(ctx.today)),
                             _("Update the deadline, or archive the goal."), field="deadline")
            return
        found, hit = text_deadline(node, ctx)
        if found is not None and not found.relative and found.end < ctx.today:
            yield Report(_("\"{text}\" is past (today is {today})", text=hit.text, today=str(ctx.today)),
                         _("Update the deadline, or archive the goal."),
                         span=(hit.start, hit.end))


class DeadlineMismatch(Rule):
    """The title's deadline and the `deadline` field disagree.

    "by 30 June 2027" in the title and `deadline: 2027-03-31` cannot both be true; reports and
    reminders use the field while people read the title.
    """

    code = "T005"
    name = "deadline-mismatch"
    criterion = Criterion.time_bound
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.goal, item={"title": "Sign 10 distributors by 30 June 2027", "deadline": "2027-03-31"}),
        ok("en", Level.goal, item={"title": "Sign 10 distributors by the end of Q2 2027", "deadline": "2027-06-15"}),
        fail("fr", Level.goal, item={"title": "Signer 10 distributeurs d'ici fin juin 2027", "deadline": "2027-09-30"}),
        ok("fr", Level.goal, item={"title": "Signer 10 distributeurs d'ici le 30 juin 2027", "deadline": "2027-06-30"}),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        field_date = getattr(node.item, "deadline", None)
        if field_date is None:
            return
        found, hit = text_deadline(node, ctx)
        if found is None or found.relative:
            return
        if not (found.start <= field_date <= found.end):
            named = str(found.start) if found.exact else _("from {start} to {end}", start=str(found.start), end=str(found.end))
            yield Report(_("the title says \"{text}\" ({named}) but `deadline` is {date}", text=hit.text, named=named,
                           date=str(field_date)),
                         _("Make the title and the `deadline` field say the same date."), span=(hit.start, hit.end))


def times_a_side_event(facts, hit) -> bool:
    """A date that times something other than the result: inside a parenthesis ("(including
    prepping 5 deals to close in Q4)") or in an infinitive clause after the result ("enablement
    sufficient to build the sales team in Q3", "pour ouvrir l'agence en 2028"). The result's own
    deadline stands in its main clause; a warning about the other one would be wrong."""
    before = facts.text[:hit.start]
    if before.count("(") > before.count(")"):
        return True
    m = re.search(languages.get(facts.lang).purpose_clause, before, re.IGNORECASE)
    if m is None or not before[:m.start()].strip() or _FIRM.match(hit.text.lstrip()):
        return False  # "To ship the app by Q4": the title's own verb; "... by 30 June": the result's due date
    return m.start("verb") in {v.start for v in facts.verbs}


# Markers that give a due date whatever clause they close: "by", "d'ici", "avant".
_FIRM = re.compile(r"(?:by|before|until|no later than|not later than|due|d'ici|d’ici|avant|au plus tard|jusqu)",
                   re.IGNORECASE)


def names_a_period(facts, hit) -> bool:
    """A period named as a thing, not as a deadline: "20% of Q2 pipeline", "accounts with a Q2
    renewal", "pipeline coverage for Q3+Q4", "le budget du T3". A key result due later than its
    period is worth a warning; one that talks about a later period is not."""
    first = hit.text.split()[0].lower().replace("’", "'") if hit.text.split() else ""
    naming = languages.get(facts.lang).naming_words
    if first in naming:
        return True
    before = facts.text[:hit.start].lower().replace("’", "'").split()
    after = facts.text[hit.end:].lower().split()
    bare = not before or before[-1] in naming
    followed_by_noun = bool(after) and after[0].isalpha() and after[0] not in ("and", "or", "et", "ou")
    return bool(before) and before[-1] in naming and (bare or followed_by_noun)
