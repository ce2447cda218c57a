"""What the engine, the rules and the formatters share, as plain data: findings, results, the
nodes of a loaded file and where each item is (`Located`), so that rules can point at the item or
at a word inside its title. No pydantic here: an unchanged re-check prints stored findings without
importing it. The items' pydantic models (validation, JSON Schema) are in `smartlint.items`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from smartlint.i18n import _
from smartlint.neutral import bounded, short_value

if TYPE_CHECKING:
    from smartlint.items import _Item

MAX_MESSAGE = 1000  # characters of a finding's message or suggestion


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class Criterion(str, Enum):
    specific = "specific"
    measurable = "measurable"
    achievable = "achievable"
    relevant = "relevant"
    time_bound = "time_bound"
    okr = "okr"
    schema = "schema"


class Level(str, Enum):
    objective = "objective"
    key_result = "key_result"
    goal = "goal"
    initiative = "initiative"


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A 1-based, end-inclusive-column region of a file (end_column points past the last char)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    name: str
    criterion: str
    severity: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: str
    message: str
    suggestion: str
    language: str = "en"  # the language `message` and `suggestion` are written in

    def __post_init__(self) -> None:
        # A message quotes user values; however large they are (a 1 MB anchor reused 300 times),
        # each finding stays a few lines long, so output size follows the number of findings.
        for name in ("message", "suggestion"):
            value = getattr(self, name)
            if len(value) > MAX_MESSAGE:
                object.__setattr__(self, name, bounded(value, MAX_MESSAGE))

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.rule)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "criterion": self.criterion,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "path": self.path,
            "message": self.message,
            "suggestion": self.suggestion,
            "language": self.language,
        }


# ---------------------------------------------------------------------------------------------
# Periods

_PERIOD_RE = re.compile(
    r"^\s*(?P<year>\d{4})(?:\s*-\s*(?:(?P<q>[QqTt])(?P<qn>[1-4])|(?P<h>[HhSs])(?P<hn>[12])|(?P<m>\d{2})))?\s*$"
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_period(value: Any) -> Period:
    """Read `2027`, `2027-Q1` (or T1), `2027-H1` (or S1), `2027-03`, or `{start, end}`."""
    if isinstance(value, bool):
        raise ValueError(_("a period is a year, a quarter, a half, a month or {{start, end}}"))
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        m = _PERIOD_RE.match(value)
        if not m:
            raise ValueError(_("{value} is not a period: write 2027, 2027-Q1, 2027-H1, 2027-03 or {{start: ..., end: ...}}",
                               value=short_value(value)))
        year = int(m["year"])
        if m["qn"]:
            q = int(m["qn"])
            first, last = 3 * q - 2, 3 * q
        elif m["hn"]:
            h = int(m["hn"])
            first, last = 6 * h - 5, 6 * h
        elif m["m"]:
            first = last = int(m["m"])
            if not 1 <= first <= 12:
                raise ValueError(_("{value}: month {month} does not exist", value=short_value(value), month=str(first)))
        else:
            first, last = 1, 12
        end_day = calendar.monthrange(year, last)[1]
        return Period(date(year, first, 1), date(year, last, end_day), value.strip())
    if isinstance(value, dict):
        extra = set(value) - {"start", "end"}
        if extra or not {"start", "end"} <= set(value):
            raise ValueError(_("a period mapping needs exactly the keys start and end"))
        start, end = _to_date(value["start"]), _to_date(value["end"])
        if end < start:
            raise ValueError(_("the period ends ({end}) before it starts ({start})", end=str(end), start=str(start)))
        return Period(start, end, f"{start}..{end}")
    raise ValueError(_("a period is a year, a quarter, a half, a month or {{start, end}}"))


def _to_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(_("{value} is not a date: write it as YYYY-MM-DD", value=short_value(value)))


@dataclass(slots=True)
class Located:
    """Where an item and its title are in the file, filled in by the loader."""

    path: str = ""
    item: Span = Span(1, 1, 1, 1)
    title: Span | None = None  # the title scalar's first character
    title_offsets: Sequence[tuple[int, int]] | None = None  # (line, column) of each title character
    fields: dict[str, Span] = field(default_factory=dict)
    placeholders: dict[str, str] = field(default_factory=dict)  # number or date fields holding "TBD"...


@dataclass(eq=False, slots=True)
class Node:
    """One item of a plan as the rules see it: the validated item, where it is, what it inherits."""

    level: Level
    item: _Item
    loc: Located
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    period: Period | None = None  # its own or inherited (key results and initiatives inherit)
    owner: str | None = None  # its own or inherited
    lang: str = "en"
    facts: Any = None  # nlp.TextFacts, filled in by the engine
    field_placeholders: dict[str, str] = field(default_factory=dict)  # text fields that are placeholders

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def path(self) -> str:
        return self.loc.path


@dataclass
class LoadedFile:
    """A goal file after loading: its nodes in document order, and the file problems found."""

    file: str
    text: str = ""
    path: Any = None  # the file on disk (pathlib.Path), when it came from one
    language: str = "auto"
    period: Period | None = None
    nodes: list[Node] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    sections: dict[str, Span] = field(default_factory=dict)  # where `objectives:`, `goals:`... are
    # The file's YAML comments that mention smartlint, as the parser found them: (line, column,
    # text from `#` to the line's end), 1-based. Suppressions are read from these only, never from
    # raw lines; other comments are not kept.
    comments: list[tuple[int, int, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# A run: what decides it and what it found (formatters read only these)


@dataclass
class Settings:
    """What decides a run: the command line, merged over each file's configuration."""

    language: str = "auto"  # forces every item's language when fr or en
    messages: str = "auto"  # the language of findings: auto (each goal's own) or a language code
    select: list[str] = field(default_factory=list)  # codes, code prefixes, names or criteria
    ignore: list[str] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    use_cache: bool = True  # keep text analyses in the cache folder (`--no-cache` turns it off)
    fail_on: str | None = None  # None: the configuration's (default warning)
    config: Any = None  # config.Config of the files being linted; None: defaults

    def merged(self, config: Any) -> "Settings":
        """Command-line values win over the configuration; ignores add up."""
        model = config.model
        return Settings(
            language=self.language if self.language != "auto" else model.language,
            messages=self.messages if self.messages != "auto" else model.messages,
            select=self.select or list(model.select),
            ignore=list(model.ignore) + self.ignore,
            today=self.today, use_cache=self.use_cache,
            fail_on=self.fail_on or model.fail_on, config=config,
        )


@dataclass
class Result:
    files: list[LoadedFile]
    findings: list[Finding]  # the active findings, sorted
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, reason)
    fail_on: dict[str, str] = field(default_factory=dict)  # file -> lowest failing severity
    internal_errors: list[str] = field(default_factory=list)  # tracebacks of rules that crashed
    baselined: list[Finding] = field(default_factory=list)  # known findings a baseline file accepts

    def drop_analyses(self) -> None:
        """Forget each item's text analysis once the rules ran: `check`'s formatters read the
        findings, paths and titles only, and analyses are a good part of a large plan's memory."""
        for loaded in self.files:
            for node in loaded.nodes:
                node.facts = None

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def language(self) -> str:
        """The language an output's own words (summary, labels) are written in: the findings' when
        they share one, else the interface's (a run with no findings reads the same served from
        stored results or linted)."""
        from smartlint.i18n import output_language

        return output_language({f.language for f in self.findings})

    def failed(self) -> bool:
        """Whether a finding reaches its file's fail-on level."""
        rank = {"info": 1, "warning": 2, "error": 3, "never": 4}
        return any(rank[f.severity] >= rank[self.fail_on.get(f.file, "warning")] for f in self.findings)
