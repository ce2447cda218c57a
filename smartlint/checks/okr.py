"""OKR structure: each statement at its level."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field

from smartlint.checks.base import MEASURED, Context, Report, Rule, fail, has_target, ok
from smartlint.i18n import _, _n
from smartlint.lexicon import Kind
from smartlint.model import Criterion, Level, Node, Severity
from smartlint.nlp.delivery import (CHANGE_KINDS, counts_outputs, end_state, modifies_subject,
                                    objective_delivery)


class NumberInObjective(Rule):
    """A number or target in an objective.

    An objective says where to go, qualitatively; the numbers belong in its key results. "Get 120
    qualified leads" is a key result written at the wrong level. Years and quarter names
    ("Win the Spanish market in 2027") are dates, not targets, and are not flagged; nor is a
    number in parentheses that defines the scope ("the largest enterprises (5k+ users)").
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
        # A number in parentheses defines the scope ("the largest enterprises (5k+ users)"), not a target.
        hits = [h for h in hits if not _in_parentheses(facts.text, h[0])]
        if not hits:
            return
        start, end, text = min(hits)
        yield Report(_("number \"{text}\" in an objective", text=text),
                     _("Keep the objective qualitative and move the number into a key result."),
                     span=(start, end))


def _in_parentheses(text: str, at: int) -> bool:
    before = text[:at]
    return before.rfind("(") > before.rfind(")")


class TaskAsKeyResult(Rule):
    """A key result that is a task or an activity, with no number.

    A key result is an outcome measured by a number. "Release the mobile app", "Passer à un nouvel
    ERP" are one-off deliverables and "Attend industry conferences", "Tenir une réunion mensuelle"
    are activities: both are initiatives, done or not done, and say nothing of the result.

    Position on contested cases: a countable output with its number is an acceptable key result
    ("Publish 4 case studies", "Passer 100 appels"), as most OKR guides say; teams of the outcome
    school, for whom "Publish 12 posts" is still an activity, raise counted-activity (O009) from
    info to warning (`severity: {O009: warning}`). A key result that states an end state ("SSO is
    enabled for every customer") is not a task: binary-key-result (O008) reports it at info.
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
        lead = facts.action
        if lead is None or has_target(node) or modifies_subject(facts):
            return  # "Hiring managers have a pitch deck": the lead describes the subject
        kinds = set(lead.kinds)
        if kinds & {Kind.INCREASE, Kind.DECREASE, Kind.MULTIPLIER}:
            return
        if Kind.TASK in kinds:
            message = _("\"{verb}\" makes this key result a one-off task, not a measured outcome", verb=lead.text)
        elif Kind.ACTIVITY in kinds:
            message = _("\"{verb}\" makes this key result an activity, not a measured outcome", verb=lead.text)
        elif _single_object(facts):
            message = _("\"{verb}\" makes this key result a one-off result (a single item), not a measured outcome",
                        verb=lead.text)
        else:
            return
        yield Report(
            message,
            _("Move it to `initiatives:` under a key result that measures what it changes, or add "
              "the number it produces (\"Publish 4 case studies\")."),
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
            yield Report(_n("{n} key result: an objective needs {low} to {high}",
                            "{n} key results: an objective needs {low} to {high}", count, low=low, high=high),
                         _("Add the key results that show the objective from its other sides."))
        elif count > high:
            yield Report(_n("{n} key result: an objective needs {low} to {high}",
                            "{n} key results: an objective needs {low} to {high}", count, low=low, high=high),
                         _("Keep the key results that matter most; move the others to a later period."))


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
            yield Report(_("no key results: nothing says how this objective is measured"),
                         _("Add `key_results:` with 3 to 5 measured outcomes."))


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
            message = (_("{n} objectives in {period}: more than {limit} dilutes focus", n=len(same),
                         period=node.period.label, limit=limit) if node.period else
                       _("{n} objectives: more than {limit} dilutes focus", n=len(same), limit=limit))
            yield Report(message, _("Keep the objectives that matter most this period; move the others to a backlog."),
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
            yield Report(_("the objective is {length} characters long (more than {limit})", length=len(node.title),
                           limit=self.options.max_length),
                         _("Say where to go in a few words; put the detail in key results."))


class TaskAsObjectiveOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    deliverables: bool = Field(True, description="Report objectives that are a one-off deliverable (launch, ship, migrate...).")
    activities: bool = Field(True, description="Report objectives that are an activity (explore, study, contribute to, \"Market research\").")


class TaskAsObjective(Rule):
    """An objective that is only a task: a one-off deliverable or an activity.

    An objective says where the team wants to be. "Ship the iOS app", "Connect billing to
    Salesforce", "Migrer vers SAP" deliver one thing once; "Explore options for a partner API",
    "Analyser les besoins des usagers", "Market research", "Étude de marché" name work to do. Both
    are initiatives written at the wrong level: they say nothing of the change they serve, and are
    done, not reached. Building something that lasts is a fine objective: "Build a habit of
    blameless reviews", "Construire un nouveau canal de génération de demande", "Mettre en place
    une infrastructure technologique de marketing" (the object is a capability, a habit, a
    position), and so is a deliverable whose purpose names the change ("Ship the mobile app to cut
    churn"). Vague verbs stay fine in objectives ("Améliorer le pipeline des ventes").

    The reading rests on word lists in `rules/<lang>/`: one_off_verbs, building_verbs (a task only
    when they make an artefact_nouns thing), inquiry_verbs, activity_nouns and lasting_words; a team
    extends them with `words:` in its configuration. Set `deliverables: false` or `activities:
    false` to stop reporting one of the two kinds.
    """

    code = "O007"
    name = "task-as-objective"
    criterion = Criterion.okr
    severity = Severity.warning
    levels = frozenset({Level.objective})
    Options = TaskAsObjectiveOptions
    examples = [
        fail("en", Level.objective, "Ship the iOS app"),
        ok("en", Level.objective, "Build a habit of blameless reviews"),
        fail("en", Level.objective, "Explore options for a partner API"),
        ok("en", Level.objective, "Make self-serve the main way customers start with us"),
        fail("fr", Level.objective, "Étude de marché"),
        ok("fr", Level.objective, "Construire un nouveau canal de génération de demande"),
        fail("fr", Level.objective, "Migrer vers SAP"),
        ok("fr", Level.objective, "Mettre en place une infrastructure technologique de marketing"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        found = objective_task(node)
        if found is None:
            return
        if found.kind == "one-off" and not self.options.deliverables:
            return
        if found.kind == "activity" and not self.options.activities:
            return
        message = (_("\"{word}\" makes this objective a one-off deliverable, not a place to reach", word=found.word)
                   if found.kind == "one-off" else
                   _("\"{word}\" makes this objective an activity, not a place to reach", word=found.word))
        yield Report(
            message,
            _("Say what the work should change (\"Make onboarding self-serve\", \"Win the mid-market\") "
              "and move the task to an initiative under a key result."),
            span=(found.start, found.end),
        )


def objective_task(node: Node):
    """The task an objective is made of (a Delivery), or None: one home for task-as-objective and
    for no-verb, which leaves bare task and activity nouns ("Étude de marché") to it."""
    if node.level != Level.objective:
        return None
    found = node.facts.reading(objective_delivery)  # no-verb asks too: read once per title
    return found if found.kind in ("one-off", "activity") else None


class BinaryKeyResult(Rule):
    """A key result that states an end state with no number: checked yes or no.

    "SSO is enabled for every customer", "Le nouveau portail est en production", "Data retention
    policy fully rolled out", "Contrats migrés" say what is true at the end of the period. They
    are measurable as yes/no, so they are not reported as missing a quantity (M001); but a yes/no
    result cannot show partial progress and says little about the change it serves.

    Position on contested cases: info by default ("prefer a number, or say how it is checked").
    A key result that is a task ("Launch the new help centre") is not an end state and stays a
    warning (task-as-key-result, O002). Teams that want numbers everywhere raise this rule with
    `severity: {O008: warning}`.
    """

    code = "O008"
    name = "binary-key-result"
    criterion = Criterion.measurable
    severity = Severity.info
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, "SSO is enabled for every customer"),
        ok("en", Level.key_result, "Raise the share of customers on SSO from 40% to 90%"),
        fail("fr", Level.key_result, "Le nouveau portail est en production"),
        ok("fr", Level.key_result, "Faire passer le trafic du nouveau portail de 0 à 5 000 visites par mois"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        if binary_end_state(node):
            yield Report(_("an end state with no number: it can only be checked yes or no"),
                         _("Prefer a number that shows progress (\"from 40% to 90% of customers\"), or "
                           "say in `metric:` how the end state is checked."))


def binary_end_state(node: Node) -> bool:
    """A yes/no end state with no target: reported by binary-key-result (info), and for that reason
    not by no-quantity (M001). The one place where that handover is decided."""
    if node.level not in MEASURED or has_target(node):
        return False
    item = node.item
    if getattr(item, "target", None) is not None or getattr(item, "metric", None):
        return False
    return node.facts.reading(end_state)


class CountedActivity(Rule):
    """A counted activity: a number of things done, with no outcome ("Publish 12 posts").

    "Publish 12 posts", "Passer 100 appels", "Run 4 workshops" count work, not what the work
    changes; the outcome school of OKRs would write "Reach 5,000 subscribers" instead.

    Position on contested cases: most guides accept a countable output as a key result ("Publish 4
    case studies", "Former 5 membres de l'équipe au CRM"), so this rule is info by default. Teams of
    the outcome school raise it with `severity: {O009: warning}` in their configuration. A key
    result that also names a change ("Publish 12 posts to grow signups from 40 to 60") is not
    reported.
    """

    code = "O009"
    name = "counted-activity"
    criterion = Criterion.okr
    severity = Severity.info
    levels = frozenset({Level.key_result})
    examples = [
        fail("en", Level.key_result, "Publish 12 posts on the engineering blog"),
        ok("en", Level.key_result, "Reach 5,000 newsletter subscribers"),
        fail("fr", Level.key_result, "Passer 100 appels de prospection"),
        ok("fr", Level.key_result, "Signer 12 nouveaux clients grâce à la prospection"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        lead = facts.lead
        if lead is None or not facts.counted or getattr(node.item, "metric", None):
            return
        if facts.from_to or facts.relative or facts.multipliers or any(q.percent for q in facts.counted):
            return
        if any(q.role in ("threshold", "band") or q.kind not in ("count",) for q in facts.counted):
            return  # a level to stay within or reach ("between 4.2 and 4.6", "under 300 ms", "€2m"): an outcome
        if any(set(v.kinds) & (CHANGE_KINDS - {Kind.GOAL}) for v in facts.verbs):
            return  # a change is named: an outcome
        kinds = set(lead.kinds)
        if not (kinds & {Kind.TASK, Kind.ACTIVITY} or facts.reading(counts_outputs)):
            return
        yield Report(_("\"{verb}\" counts work done, not the outcome it brings", verb=lead.text),
                     _("If the team measures outcomes, say what the work changes (\"Reach 5,000 "
                       "subscribers\") and keep the count as an initiative."),
                     span=(lead.start, lead.end))
