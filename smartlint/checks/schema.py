"""Schema: the file itself. The loader finds these problems; the rules carry their identity."""

from __future__ import annotations

from typing import Iterator

from smartlint.checks.base import Context, Report, Rule, fail, ok
from smartlint.model import Criterion, Level, Node, Severity


class _FileRule(Rule):
    levels = frozenset()  # raised by the loader, not by looking at items
    suppressible = False  # about the file itself, or about its suppressions

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        return iter(())


class InvalidYaml(_FileRule):
    """The file is not valid YAML, not UTF-8 text, or cannot be read as a goal file.

    Nothing else in the file can be checked until it parses; the finding points at the place where
    the parser stopped.
    """

    code = "Y001"
    name = "invalid-yaml"
    criterion = Criterion.schema
    severity = Severity.error
    examples = [
        fail("en", Level.goal, yaml="goals:\n  - title: Sign 40 deals: by June\n"),
        ok("en", Level.goal, yaml="goals:\n  - title: \"Sign 40 deals: by 30 June 2027\"\n"),
    ]


class UnknownKey(_FileRule):
    """A key the goal file format does not know, usually a typo.

    A misspelt key (`titel:`, `deadlne:`) is silently ignored by most tools, and the goal then
    lacks what the author thought it had. The finding suggests the closest known key.
    """

    code = "Y002"
    name = "unknown-key"
    criterion = Criterion.schema
    severity = Severity.error
    examples = [
        fail("en", Level.goal, yaml="goals:\n  - title: Sign 40 deals by 30 June 2027\n    deadlne: 2027-06-30\n"),
        ok("en", Level.goal, yaml="goals:\n  - title: Sign 40 deals by 30 June 2027\n    deadline: 2027-06-30\n"),
    ]


class InvalidValue(_FileRule):
    """A value of the wrong type or form: a target that is not a number, a date or period that
    does not exist.

    The value is ignored for the rest of the checks, so the finding says what form is expected.
    """

    code = "Y003"
    name = "invalid-value"
    criterion = Criterion.schema
    severity = Severity.error
    examples = [
        fail("fr", Level.goal, yaml="period: 2027-Q5\ngoals:\n  - Signer 40 contrats\n"),
        ok("fr", Level.goal, yaml="period: 2027-Q2\ngoals:\n  - Signer 40 contrats\n"),
    ]


class DuplicateKey(_FileRule):
    """The same key twice in one mapping: YAML keeps one value and drops the other silently."""

    code = "Y004"
    name = "duplicate-key"
    criterion = Criterion.schema
    severity = Severity.error
    examples = [
        fail("en", Level.goal, yaml="goals:\n  - title: Sign 40 deals\n    title: Sign 50 deals\n"),
        ok("en", Level.goal, yaml="goals:\n  - title: Sign 40 deals\n"),
    ]


class MissingContent(_FileRule):
    """An item with no title or an empty one, or a file with no objectives and no goals.

    There is nothing to check, and an empty entry in a plan is usually an unfinished edit.
    """

    code = "Y005"
    name = "missing-content"
    criterion = Criterion.schema
    severity = Severity.error
    examples = [
        fail("en", Level.goal, yaml="goals:\n  - title: \"\"\n"),
        ok("en", Level.goal, yaml="goals:\n  - title: Sign 40 deals\n"),
    ]


class ExpiredSuppression(_FileRule):
    """An inline suppression whose `until=` date has passed.

    A suppression with an expiry is a promise to fix the goal by then. Once the date is past it
    no longer hides anything, and this finding says so at the comment: fix the goal or renew the
    suppression with a new date and reason.
    """

    code = "Y006"
    name = "expired-suppression"
    criterion = Criterion.schema
    severity = Severity.warning
    examples = [
        fail("en", Level.goal, yaml="goals:\n  - Enhance the brand  # smartlint: disable=S001 until=2020-01-01\n"),
        ok("en", Level.goal, yaml="goals:\n  - Enhance the brand  # smartlint: disable=S001 until=2099-01-01\n"),
    ]


class UnusedSuppression(_FileRule):
    """An inline suppression that suppresses nothing.

    The goal it was written for has been fixed or moved, or the code is wrong. Left in place it
    would silently hide a future problem on that line.
    """

    code = "Y007"
    name = "unused-suppression"
    criterion = Criterion.schema
    severity = Severity.warning
    examples = [
        fail("en", Level.goal, yaml="goals:\n  - Sign 40 deals by 30 June 2027  # smartlint: disable=S001\n"),
        ok("en", Level.goal, yaml="goals:\n  - Enhance the brand by 30 June 2027  # smartlint: disable=S001,M001\n"),
    ]


class InvalidSuppression(_FileRule):
    """A `# smartlint:` comment that cannot be read: an unknown directive, no codes, an unknown
    code, or an `until=` that is not a date. It suppresses nothing until it is fixed."""

    code = "Y008"
    name = "invalid-suppression"
    criterion = Criterion.schema
    severity = Severity.error
    examples = [
        fail("en", Level.goal, yaml="goals:\n  - Enhance the brand  # smartlint: disable=Z999\n"),
        ok("en", Level.goal, yaml="goals:\n  - Enhance the brand  # smartlint: disable=vague-verb,M001,T001\n"),
    ]


class DuplicateId(_FileRule):
    """Two items with the same `id`.

    Ids are how reports, dashboards and other tools refer to a goal across quarters; a duplicate
    makes one of them unreachable and mixes up their progress.
    """

    code = "Y009"
    name = "duplicate-id"
    criterion = Criterion.schema
    severity = Severity.error
    examples = [
        fail("en", Level.goal, yaml="goals:\n  - {id: G1, title: Sign 4 deals}\n  - {id: G1, title: Hire 2 people}\n"),
        ok("en", Level.goal, yaml="goals:\n  - {id: G1, title: Sign 4 deals}\n  - {id: G2, title: Hire 2 people}\n"),
    ]
