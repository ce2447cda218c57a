"""Relevant: the goal is tied to the team that owns it."""

from __future__ import annotations

from typing import Iterator

from smartlint.checks.base import Context, Report, Rule, fail, ok
from smartlint.model import Criterion, Level, Node, Severity


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
            yield Report(f"no owner for this {node.level.value.replace('_', ' ')}",
                         "Add `owner:` here, on its objective, or at the top of the file.")
