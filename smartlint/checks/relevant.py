"""Relevant: the goal is tied to the team that owns it."""

from __future__ import annotations

from typing import Iterator

from smartlint.checks.base import Context, Report, Rule, fail, ok
from smartlint.i18n import N_, _
from smartlint.model import Criterion, Level, Node, Severity


# One message per level: languages that inflect for gender ("cet objectif", "cette initiative") need it.
_NO_OWNER = {Level.objective: N_("no owner for this objective"), Level.key_result: N_("no owner for this key result"),
             Level.goal: N_("no owner for this goal"), Level.initiative: N_("no owner for this initiative")}


class MissingOwner(Rule):
    """No owner: nobody is accountable.

    Every objective, key result and goal has someone who answers for it. An owner set on the file
    or on an objective is inherited. Info by default, as some teams keep owners elsewhere.
    """

    code = "R001"
    name = "missing-owner"
    criterion = Criterion.relevant
    severity = Severity.info
    levels = frozenset({Level.objective, Level.key_result, Level.goal})
    examples = [
        fail("en", Level.goal, "Sign 40 new reseller agreements by 30 June 2027"),
        ok("en", Level.goal, item={"title": "Sign 40 new reseller agreements by 30 June 2027", "owner": "Ana"}),
        fail("fr", Level.goal, "Signer 40 accords de revendeurs d'ici le 30 juin 2027"),
        ok("fr", Level.goal, item={"title": "Signer 40 accords de revendeurs d'ici le 30 juin 2027", "owner": "Ana"}),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        if not node.owner:
            yield Report(_(_NO_OWNER[node.level]), _("Add `owner:` here, on its objective, or at the top of the file."))


class KeyResultOutsideObjective(Rule):
    """A key result outside any objective.

    A key result measures progress towards an objective; on its own it has no "why" and nobody
    can tell whether it still matters. Listed under a top-level `key_results:` key, it is read
    and checked like any other, and reported here.
    """

    code = "R002"
    name = "orphan-key-result"
    criterion = Criterion.relevant
    severity = Severity.warning
    levels = frozenset({Level.key_result})
    examples = [
        fail("en", Level.key_result, yaml="language: en\nperiod: 2027-Q1\nkey_results:\n  - Sign 10 new distributors\n"),
        ok("en", Level.key_result, "Sign 10 new distributors"),
        fail("fr", Level.key_result, yaml="language: fr\nperiod: 2027-Q1\nkey_results:\n  - Signer 10 distributeurs\n"),
        ok("fr", Level.key_result, "Signer 10 nouveaux distributeurs"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        if node.parent is None:
            yield Report(_("a key result outside any objective"), _("Move it under the objective it measures."))
