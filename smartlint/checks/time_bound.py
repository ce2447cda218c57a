"""Time-bound: a date by which the result is due."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field

from smartlint.checks.base import MEASURED, Context, Report, Rule, fail, ok
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
        yield Report("no deadline", "Add a date to the title (\"by 30 June 2027\", \"d'ici le 30 juin "
                                    "2027\"), or a `deadline:` field.")


class VagueDeadline(Rule):
    """A vague deadline: "eventually", "at some point", "un jour", "à terme".

    These words sound like a commitment to a date and are none: they cannot be missed, so they
    cannot be met. Name the date or the period.
    """

    code = "T002"
    name = "vague-deadline"
    criterion = Criterion.time_bound
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.goal, "Publish 6 customer stories eventually"),
        ok("en", Level.goal, "Publish 6 customer stories by 30 June 2027"),
        fail("fr", Level.goal, "Publier 6 témoignages clients à terme"),
        ok("fr", Level.goal, "Publier 6 témoignages clients d'ici fin juin 2027"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        for hit in node.facts.vague_deadlines:
            yield Report(f"vague deadline \"{hit.text}\"",
                         "Replace it with a date or a period: \"by 30 June 2027\", \"d'ici fin T2 2027\".",
                         span=(hit.start, hit.end))
