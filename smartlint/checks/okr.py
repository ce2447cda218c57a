"""OKR structure: each statement at its level."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field

from smartlint.checks.base import Context, Report, Rule, fail, has_target, ok
from smartlint.lexicon import Kind
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
        if lead is None or has_target(node):
            return
        kinds = set(lead.kinds)
        if kinds & {Kind.INCREASE, Kind.DECREASE, Kind.MULTIPLIER}:
            return
        if Kind.TASK in kinds:
            what = "a one-off task"
        elif Kind.ACTIVITY in kinds:
            what = "an activity"
        elif _single_object(facts):
            what = "a one-off result (a single item)"
        else:
            return
        yield Report(
            f"\"{lead.text}\" makes this key result {what}, not a measured outcome",
            "Move it to `initiatives:` under a key result that measures what it changes, or add "
            "the number it produces (\"Publish 4 case studies\").",
            span=(lead.start, lead.end),
        )


SINGLE = ("one", "a single", "just one", "only one", "un seul", "une seule", "un unique", "une unique")


def _single_object(facts) -> bool:
    """"Sign one anchor tenant", "Signer un seul contrat": one thing, done or not done."""
    lead = facts.lead
    if lead is None:
        return False
    after = facts.text[lead.end:lead.end + 20].lower().lstrip()
    return any(after.startswith(word + " ") for word in SINGLE)


class KeyResultCountOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_key_results: int = Field(3, ge=1, description="Fewest key results an objective should have.")
    max_key_results: int = Field(5, ge=1, description="Most key results an objective should have.")


class KeyResultCount(Rule):
    """Too few or too many key results for an objective.

    Three to five key results measure an objective from enough sides without diluting focus; one
    or two usually miss part of the objective, more than five are rarely all tracked. Some teams
    use other bounds: set `min_key_results` and `max_key_results`.
    """

    code = "O003"
    name = "key-result-count"
    criterion = Criterion.okr
    severity = Severity.warning
    levels = frozenset({Level.objective})
    Options = KeyResultCountOptions
    examples = [
        fail("en", Level.objective, yaml="language: en\nobjectives:\n  - title: Win Spain\n    key_results:\n      - Sign 10 distributors\n"),
        ok("en", Level.objective, "Win the Spanish market"),
        fail("fr", Level.objective, yaml="language: fr\nobjectives:\n  - title: Conquérir l'Espagne\n    key_results:\n      - Signer 10 distributeurs\n      - Ouvrir 2 bureaux\n"),
        ok("fr", Level.objective, "Conquérir le marché espagnol"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        count = sum(1 for c in node.children if c.level == Level.key_result)
        low, high = self.options.min_key_results, self.options.max_key_results
        if count == 0:
            return  # no-key-results says it
        if count < low:
            yield Report(f"{count} key result{'s' * (count != 1)}: an objective needs {low} to {high}",
                         "Add the key results that show the objective from its other sides.")
        elif count > high:
            yield Report(f"{count} key results: an objective needs {low} to {high}",
                         "Keep the key results that matter most; move the others to a later period.")


class NoKeyResults(Rule):
    """An objective with no key results: nothing says how its success is measured.

    Without key results an objective is a wish; the end-of-period review has nothing to grade.
    """

    code = "O004"
    name = "no-key-results"
    criterion = Criterion.okr
    severity = Severity.warning
    levels = frozenset({Level.objective})
    examples = [
        fail("en", Level.objective, yaml="language: en\nobjectives:\n  - title: Win the Spanish market\n"),
        ok("en", Level.objective, "Win the Spanish market"),
        fail("fr", Level.objective, yaml="language: fr\nobjectives:\n  - Conquérir le marché espagnol\n"),
        ok("fr", Level.objective, "Conquérir le marché espagnol"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        if not any(c.level == Level.key_result for c in node.children):
            yield Report("no key results: nothing says how this objective is measured",
                         "Add `key_results:` with 3 to 5 measured outcomes.")


class ObjectiveCountOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_objectives: int = Field(5, ge=1, description="Most objectives in one period.")


class TooManyObjectives(Rule):
    """More objectives in one period than a team can focus on.

    Three to five objectives per period is the usual advice: beyond that, everything is a
    priority and nothing is. The finding points at the `objectives:` key; set `max_objectives`
    where the team works with other bounds.
    """

    code = "O005"
    name = "too-many-objectives"
    criterion = Criterion.okr
    severity = Severity.warning
    levels = frozenset({Level.objective})
    Options = ObjectiveCountOptions
    examples = [
        fail("en", Level.objective, yaml="language: en\nperiod: 2027-Q1\nobjectives:\n" + "".join(
            f"  - title: Win market {i}\n    key_results: [Sign 4 deals, Hire 2 people, Open 1 office]\n" for i in range(6))),
        ok("en", Level.objective, "Win the Spanish market"),
        fail("fr", Level.objective, yaml="language: fr\nperiod: 2027-Q1\nobjectives:\n" + "".join(
            f"  - title: Conquérir le marché {i}\n    key_results: [Signer 4 contrats, Recruter 2 personnes, Ouvrir 1 bureau]\n"
            for i in range(6))),
        ok("fr", Level.objective, "Conquérir le marché espagnol"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        groups = ctx.memo.get("objectives by period")
        if groups is None:
            groups = ctx.memo["objectives by period"] = {}
            for n in ctx.file.nodes:
                if n.level == Level.objective:
                    groups.setdefault(n.period, []).append(n)
        same = groups[node.period]
        limit = self.options.max_objectives
        if len(same) > limit and same[limit] is node:  # reported once, on behalf of the whole set
            where = f" in {node.period.label}" if node.period else ""
            yield Report(f"{len(same)} objectives{where}: more than {limit} dilutes focus",
                         "Keep the objectives that matter most this period; move the others to a backlog.",
                         at=ctx.file.sections.get("objectives"))


class LongObjectiveOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_length: int = Field(70, ge=10, description="Longest objective title, in characters.")


class LongObjective(Rule):
    """An objective title over 70 characters.

    An objective is remembered and repeated; a long title is usually a key result or a plan in
    disguise. Info by default.
    """

    code = "O006"
    name = "long-objective"
    criterion = Criterion.okr
    severity = Severity.info
    levels = frozenset({Level.objective})
    Options = LongObjectiveOptions
    examples = [
        fail("en", Level.objective, "Make self-serve onboarding the main way that small and mid-sized customers start with us"),
        ok("en", Level.objective, "Make self-serve the main way customers start with us"),
        fail("fr", Level.objective, "Faire du libre-service le principal moyen pour les petites et moyennes entreprises de démarrer"),
        ok("fr", Level.objective, "Faire du libre-service notre principal canal"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        if len(node.title) > self.options.max_length:
            yield Report(f"the objective is {len(node.title)} characters long (more than {self.options.max_length})",
                         "Say where to go in a few words; put the detail in key results.")
