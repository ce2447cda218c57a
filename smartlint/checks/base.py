"""What a rule is: identity, criterion, severity, levels, options, documentation, one check.

Every subclass of `Rule` that sets a `code` is a rule; `smartlint.registry` finds them, so a rule's
code, message, examples and options live in one place.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Iterator

from pydantic import BaseModel, ConfigDict

from smartlint.model import Criterion, Level, Node, Severity, Span

ALL_LEVELS = frozenset(Level)
MEASURED = frozenset({Level.key_result, Level.goal})


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Report:
    """What a check yields; the engine turns it into a located Finding.

    `span` is a (start, end) character range inside the title; None means the item as a whole.
    `field` points at a structured field's value instead of the title.
    """

    message: str
    suggestion: str
    span: tuple[int, int] | None = None
    field: str | None = None
    at: Span | None = None  # an explicit place in the file (e.g. the `objectives:` key)


@dataclass(frozen=True)
class Example:
    """A documented case: `text` is a title (or `item` a mapping, or `yaml` a whole file)."""

    lang: str
    level: Level
    fails: bool
    text: str | None = None
    item: dict[str, Any] | None = None
    yaml: str | None = None


def fail(lang: str, level: Level, text: str | None = None, **kw: Any) -> Example:
    return Example(lang, level, True, text, **kw)


def ok(lang: str, level: Level, text: str | None = None, **kw: Any) -> Example:
    return Example(lang, level, False, text, **kw)


@dataclass
class Context:
    today: date
    file: Any  # LoadedFile
    memo: dict = field(default_factory=dict)  # per-file results a rule computes once (counts, groups)


class Rule:
    """Base class; subclasses set the class attributes and implement `check`."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    criterion: ClassVar[Criterion]
    severity: ClassVar[Severity] = Severity.warning
    levels: ClassVar[frozenset[Level]] = ALL_LEVELS
    Options: ClassVar[type[BaseModel]] = NoOptions
    examples: ClassVar[list[Example]] = []
    # Whether an inline `# smartlint: disable...` comment may hide its findings. Problems of the
    # file itself (it does not parse, unknown keys, bad values...) never can: a comment in a broken
    # file must not make the gate pass, as a linter's `noqa` cannot hide a syntax error.
    suppressible: ClassVar[bool] = True

    def __init__(self, options: BaseModel | None = None):
        self.options = options or self.Options()

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n\n", 1)[0].replace("\n", " ")

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:  # pragma: no cover - interface
        raise NotImplementedError
        yield


def has_target(node: Node) -> bool:
    """A quantity to reach: a counted number or multiplier in the title, or a `target` field."""
    facts = node.facts
    return bool(facts.counted or facts.multipliers or getattr(node.item, "target", None) is not None)


def quantifier_target(facts) -> bool:
    """A quantifier is the target of an end state or an output ("All devs have access to the logs",
    "Tous les agents formés", "Weekly per-team reviews", "each department head receives monthly
    reports"), not of a direction or a vague verb: "Increase adoption across all teams",
    "Strengthen compliance across all data centres" still need their number. The verbs that say
    what the result is are the lead's, or with no lead those before a purpose clause ("... reports
    to help their organization thrive" is about the reports). A quantifier in the other branch of
    an alternative ("Ensure coverage OR test manually each release") does not measure the first."""
    from smartlint.lexicon import Kind

    quantifiers = facts.quantifiers
    if facts.lead is not None:
        cut = _ALTERNATIVE.search(facts.text, facts.lead.end)
        quantifiers = [q for q in quantifiers if cut is None or q.start < cut.start()]
    if not quantifiers:
        return False
    directed = {Kind.VAGUE, Kind.INCREASE, Kind.DECREASE, Kind.MULTIPLIER}
    if facts.lead is not None:
        verbs = [facts.lead]
    else:
        purpose = _PURPOSE.search(facts.text)
        verbs = [v for v in facts.verbs if purpose is None or v.start < purpose.start()] or facts.verbs
    return not any(set(v.kinds) & directed for v in verbs)


_ALTERNATIVE = re.compile(r"(?<![\w'])(?:or|ou)(?![\w'])", re.IGNORECASE)
_PURPOSE = re.compile(r"(?<![\w'])(?:to help|to ensure|to make sure|in order to|so that|pour|afin de|afin d'|afin que|"
                      r"de manière à|de façon à)(?![\w'])", re.IGNORECASE)
