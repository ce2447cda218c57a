"""Progress tracking and grading of OKRs, as plain data (the renderers are in output/report.py).

progress = (current - baseline) / (target - baseline): it works for decreasing targets too
(baseline 10 days, target 7, current 8 -> 0.67). Baseline and target come from the fields, else
from the title's quantities (nlp/quantities.py): "from X to Y"; a target alone ("Sign 10 contracts",
"All new hires trained": 100%) starts from 0; a relative change or multiplier applies to the
`baseline` field ("by 25%", "double"); a threshold ("Keep churn below 2%", "NPS ≥ 50") is met or not,
and by how much (`gap`); a binary key result (an end state with no number: "SSO is enabled for
every customer") goes from 0 to 1 (`current: 1` once done; with a universal quantifier, a
`current` above 1 is read as the share reached, in %). Only an item with nothing measurable shows
"no target". A key result "at risk" has progress lagging the
share of its period already elapsed by more than a margin; one with no `current` is "not reported".
Grades: each key result 0.0-1.0 from its clamped progress (not reported: 0.0); an objective is the
mean of its key results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from smartlint import report_texts as texts
from smartlint.model import Finding, Level, Node, Period, Result

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass
class Lint:
    count: int = 0
    worst: str | None = None

    def add(self, f: Finding) -> None:
        self.count += 1
        if self.worst is None or SEVERITY_RANK[f.severity] > SEVERITY_RANK[self.worst]:
            self.worst = f.severity


@dataclass
class Point:
    """One check-in: the `current` a commit recorded, and the progress it meant."""

    day: date
    commit: str  # "" for the working copy's value, not committed yet
    current: float
    progress: float | None


@dataclass
class KeyResultProgress:
    title: str
    path: str
    owner: str | None
    baseline: float | None
    target: float | None
    current: float | None
    unit: str | None
    deadline: date | None
    period: Period | None
    progress: float | None = None  # raw, may be < 0 or > 1
    status: str = "not reported"  # not started | on track | at risk | not reported | no target | done | exceeded | below baseline | met | not met
    elapsed: float | None = None  # share of the period elapsed at `today`
    score: float = 0.0
    lint: Lint = field(default_factory=Lint)
    measure: str = "range"  # range (baseline to target) | threshold | binary | none
    comparator: str = ""  # a threshold's "<", "<=", ">", ">="
    gap: float | None = None  # a threshold's current - target: how far it is met or missed
    low: float | None = None  # a band's lower end
    confidence: int | str | None = None  # the owner's, 0-10 or low/medium/high (`confidence:`)
    key: str = ""  # how the item is recognised across versions of the file (history.key_of)
    history: list[Point] | None = None  # the check-ins from git, oldest first (None: not asked for)

    @property
    def clamped(self) -> float:
        return min(1.0, max(0.0, self.progress)) if self.progress is not None else 0.0


@dataclass
class ObjectiveProgress:
    title: str
    path: str
    owner: str | None
    period: Period | None
    key_results: list[KeyResultProgress] = field(default_factory=list)
    lint: Lint = field(default_factory=Lint)
    today: date | None = None  # the report's date: key results not started yet are not graded

    @property
    def score(self) -> float | None:
        """The mean score of the key results under way or over (None: none is): a quarter that has
        not begun scores nothing rather than 0.00."""
        krs = [k for k in self.key_results if self.today is None or started(k, self.today)]
        if not krs:
            return None
        return sum(k.score for k in krs) / len(krs)


@dataclass
class Report:
    file: str
    today: date
    objectives: list[ObjectiveProgress]
    notes: list[str] = field(default_factory=list)
    history_notes: list[str] | None = None  # None: no history asked for
    problems: list[Finding] = field(default_factory=list)  # the file-level findings (invalid YAML...)
    readable: bool = True  # False: the file could not be read as a plan (its problems say why)

    @property
    def key_results(self) -> list[KeyResultProgress]:
        return [k for o in self.objectives for k in o.key_results]


def started(kr: KeyResultProgress, today: date) -> bool:
    """Whether the key result's period has begun (one with no period counts as under way)."""
    return kr.period is None or kr.period.start <= today


def progress(baseline: float | None, target: float | None, current: float | None) -> float | None:
    """(current - baseline) / (target - baseline); a zero-width range is 1.0 once reached."""
    if baseline is None or target is None or current is None:
        return None
    if target == baseline:
        return 1.0 if current == target else 0.0
    return (current - baseline) / (target - baseline)


def elapsed_share(period: Period | None, today: date) -> float | None:
    if period is None:
        return None
    total = (period.end - period.start).days + 1
    done = (today - period.start).days + 1
    return min(1.0, max(0.0, done / total))


def status_of(value: float | None, elapsed: float | None, reported: bool, has_target: bool, margin: float) -> str:
    if not has_target:
        return "no target"
    if not reported:
        return "not reported"
    if value is None:
        return "no target"
    if value > 1.0:
        return "exceeded"
    if value < 0.0:
        return "below baseline"
    if value >= 1.0:
        return "done"
    if elapsed is not None and value < elapsed - margin:
        return "at risk"
    return "on track"


@dataclass
class Measure:
    kind: str  # range | threshold | binary | none
    baseline: float | None = None
    target: float | None = None
    comparator: str = ""
    unit: str | None = None
    low: float | None = None  # the lower end of a band ("between 4.2 and 4.6")


def measure_of(node: Node) -> Measure:
    """What a key result or goal measures: the fields first, then the title's quantities."""
    from smartlint.checks.okr import binary_end_state
    from smartlint.nlp.quantities import convert, title_target, unit_of

    baseline = getattr(node.item, "baseline", None)
    target = getattr(node.item, "target", None)
    unit = getattr(node.item, "unit", None)
    facts = node.facts
    if facts is None:
        return Measure("range" if target is not None else "none", baseline, target, unit=unit)

    def value(q) -> float:  # the title's number in the field's unit ("36 hours" with `unit: days`)
        converted = convert(q.value, q.unit, unit_of(unit)) if unit and q.unit else None
        return q.value if converted is None else converted

    if facts.from_to:
        a, b = facts.from_to
        baseline = value(a) if baseline is None else baseline
        target = value(b) if target is None else target
    if target is None and baseline is not None:
        # "Grow retention by 25%", "Double signups" with `baseline: 40`: the target follows.
        if facts.relative:
            q = facts.relative[0]
            down = q.sign == "-" or facts.direction == "down"
            target = baseline * (1 - q.value / 100 if down else 1 + q.value / 100)
        elif facts.multipliers and facts.multipliers[0].value:
            target = baseline * facts.multipliers[0].value
    if target is None:
        relative = {(r.start, r.end) for r in facts.relative}
        levels = [q for q in facts.counted if (q.start, q.end) not in relative]
        band = [q for q in levels if q.role == "band"]
        if len(band) == 2:  # "keep CSAT between 4.2 and 4.6": met inside the band
            return Measure("threshold", baseline, value(band[1]), "between", unit or band[0].unit or None, value(band[0]))
        q = title_target(levels, facts.quantifiers)
        current = getattr(node.item, "current", None)
        if q is not None and q in facts.quantifiers and binary_end_state(node) and current in (None, 0, 1):
            return Measure("binary", 0.0, 1.0, unit=unit)  # "SSO is enabled for every customer": done or not
        if q is not None and q.kind == "rank":  # "top 3": met at position 3 or better
            return Measure("threshold", baseline, value(q), "<=", unit)
        if q is not None and q.role == "threshold":
            return Measure("threshold", baseline, value(q), q.comparator, unit or q.unit or None)
        if q is not None and not facts.relative and not facts.multipliers:
            return Measure("range", 0.0 if baseline is None else baseline, value(q), unit=unit or q.unit or None)
        if binary_end_state(node):
            return Measure("binary", 0.0, 1.0, unit=unit)
        return Measure("none", baseline, None, unit=unit)
    return Measure("range", 0.0 if baseline is None else baseline, target, unit=unit)


def threshold_met(current: float, target: float, comparator: str, low: float | None = None) -> bool:
    if comparator == "between":
        return (low if low is not None else float("-inf")) <= current <= target
    return {"<": current < target, "<=": current <= target, ">": current > target,
            ">=": current >= target}.get(comparator, current == target)


def threshold_gap(current: float, target: float, comparator: str, low: float | None = None) -> float:
    """current - threshold: negative below it, positive above it (0 inside a band)."""
    if comparator == "between" and low is not None and current < low:
        return current - low
    if comparator == "between" and current <= target:
        return 0.0
    return current - target


def progress_of(node: Node, today: date, margin: float, lint: Lint, period: Period | None = None) -> KeyResultProgress:
    """A key result's (or a standalone goal's) progress, status and score; `period` stands in when
    the item has none of its own (a standalone goal in a file with a `period:`)."""
    m = measure_of(node)
    current = getattr(node.item, "current", None)
    period = node.period or period
    elapsed = elapsed_share(period, today)
    kr = KeyResultProgress(
        title=node.title, path=node.path, owner=node.owner, baseline=m.baseline, target=m.target,
        current=current, unit=m.unit, deadline=getattr(node.item, "deadline", None), period=period,
        elapsed=elapsed, lint=lint, measure=m.kind, comparator=m.comparator, low=m.low,
        confidence=getattr(node.item, "confidence", None),
    )
    from smartlint.history import key_of

    kr.key = key_of(node)
    if m.kind == "threshold":
        if current is None:
            kr.status = "not reported"
        elif threshold_met(current, m.target, m.comparator, m.low):
            kr.progress, kr.status = 1.0, "met"
        else:
            # missed: the way from the baseline, when there is one, else nothing yet
            kr.progress = max(0.0, min(0.99, progress(m.baseline, m.target, current) or 0.0))
            kr.status = "not met"
        kr.gap = None if current is None else threshold_gap(current, m.target, m.comparator, m.low)
    else:
        kr.progress = progress(m.baseline, m.target, current)
        kr.status = status_of(kr.progress, elapsed, current is not None, m.target is not None, margin)
    kr.score = round(kr.clamped, 2) if kr.progress is not None else 0.0
    if period is not None and period.start > today and kr.status not in ("done", "exceeded", "met"):
        kr.status = "not started"  # a Q2 plan read in February: nothing is late yet
    return kr


def plan_language(result: Result) -> str:
    """The language a plan's report is written in: the one most of its items are written in (the
    file's `language:` or each item's detected language); the interface's when they are even."""
    from collections import Counter

    from smartlint.docs_i18n import shown_language
    from smartlint.i18n import interface_language

    counts = Counter(node.lang for f in result.files for node in f.nodes).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return shown_language(interface_language())
    return shown_language(counts[0][0])


def due_date(node: Node, reference: date) -> date | None:
    """The day a goal is due: its `deadline:`, else the end of the first deadline its title names
    ("by 30 June 2027", "d'ici fin septembre 2027") when that resolves to dates (relative ones
    counted from `reference`)."""
    deadline = getattr(node.item, "deadline", None)
    if deadline is not None or node.facts is None:
        return deadline
    from smartlint.checks.time_bound import baseline_date
    from smartlint.nlp.dates import resolve

    for hit in node.facts.deadlines:
        if not baseline_date(node.facts, hit):
            found = resolve(hit.text, node.facts.lexicon, reference)
            if found is not None:
                return found.end
    return None


def goal_period(node: Node, file_period: Period | None) -> Period | None:
    """The span a standalone goal is graded over: its own period; else from its file's period's
    start to the goal's due date (a goal due in September in a Q1 plan is not late in February);
    else the file's period."""
    if node.period is not None or file_period is None:
        return node.period or file_period
    due = due_date(node, file_period.start)
    if due is None or due <= file_period.start:
        return file_period
    return Period(file_period.start, due, f"{file_period.start.isoformat()}/{due.isoformat()}")


def build_all(result: Result, today: date, margin: float = 0.15) -> list[Report]:
    """One report per linted file. The findings are grouped by file in one pass: filtering them
    again for every file made `report` over 10,000 files quadratic."""
    by_file: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    return [build(f.file, f.nodes, by_file.get(f.file, []), today, margin, f.period) for f in result.files]


def build(file: str, nodes: list[Node], findings: list[Finding], today: date, margin: float = 0.15,
          period: Period | None = None) -> Report:
    """One file's report; `period` is the file's, which its standalone goals are graded in (the
    linter asks a goal for its own time bound, but a goal in a Q2 plan is not late in February)."""
    by_path: dict[str, Lint] = {}
    for f in findings:
        by_path.setdefault(f.path, Lint()).add(f)
    objectives: list[ObjectiveProgress] = []
    goals: list[Node] = []
    for node in nodes:
        if node.level == Level.goal:
            goals.append(node)
        if node.level != Level.objective:
            continue
        o = ObjectiveProgress(node.title, node.path, node.owner, node.period, lint=by_path.get(node.path, Lint()),
                              today=today)
        for child in node.children:
            if child.level == Level.key_result:
                o.key_results.append(progress_of(child, today, margin, by_path.get(child.path, Lint())))
        objectives.append(o)
    if goals:
        # Standalone goals are graded like key results, under one heading of their own.
        o = ObjectiveProgress(texts.text(texts.STANDALONE_GOALS), "goals", None, None, today=today)
        o.key_results = [progress_of(g, today, margin, by_path.get(g.path, Lint()), goal_period(g, period))
                         for g in goals]
        objectives.append(o)
    report = Report(file, today, objectives)
    report.problems = [f for f in findings if not f.path]
    report.readable = bool(nodes) or not any(f.severity == "error" for f in report.problems)
    # The notes speak of the key results whose period is under way or over: a plan read before its
    # quarter begins is not "the work did not happen".
    krs = [k for k in report.key_results if started(k, today)]
    waiting = len(report.key_results) - len(krs)
    scored = [k for k in krs if k.progress is not None]
    if krs and scored and all(k.score >= 1.0 for k in krs):
        report.notes.append(texts.text(texts.NOTE_TOO_SAFE))
    if krs:
        mean = sum(k.score for k in krs) / len(krs)
        if mean < 0.4:
            report.notes.append(texts.text(texts.NOTE_LOW_AVERAGE, mean=texts.score(mean)))
    missing = [k for k in krs if k.current is None]
    if missing:
        report.notes.append(texts.count_text(texts.NOTE_NOT_REPORTED, len(missing)))
    if waiting:
        report.notes.append(texts.count_text(texts.NOTE_NOT_STARTED, waiting))
    return report


def progress_at(kr: KeyResultProgress, current: float) -> float | None:
    """The progress a past `current` meant, measured against today's baseline and target."""
    if kr.measure == "threshold" and kr.target is not None:
        if threshold_met(current, kr.target, kr.comparator, kr.low):
            return 1.0
        return max(0.0, min(0.99, progress(kr.baseline, kr.target, current) or 0.0))
    return progress(kr.baseline, kr.target, current)


def attach_history(report: Report, history) -> None:
    """Give each key result its check-ins (history.FileHistory), and the working copy's value when
    it differs from the last one committed."""
    report.history_notes = list(history.notes)
    for kr in report.key_results:
        points = [Point(c.day, c.commit, c.current, progress_at(kr, c.current))
                  for c in history.checkins.get(kr.key, [])]
        if kr.current is not None and (not points or points[-1].current != kr.current):
            points.append(Point(max(report.today, points[-1].day) if points else report.today, "", kr.current,
                                progress_at(kr, kr.current)))
        kr.history = points


@dataclass
class Summary:
    """One line of a plan's dashboard: a team (owner) or an objective, with the key results it holds."""

    name: str
    key_results: list[KeyResultProgress] = field(default_factory=list)
    objectives: int = 0

    def under_way(self, today: date) -> list[KeyResultProgress]:
        return [k for k in self.key_results if started(k, today)]

    def score(self, today: date) -> float | None:
        """The mean score of the key results under way or over (None: none is)."""
        krs = self.under_way(today)
        return sum(k.score for k in krs) / len(krs) if krs else None

    def count(self, status: str) -> int:
        return sum(1 for k in self.key_results if k.status == status)


def by_owner(reports: list[Report]) -> list[Summary]:
    """Objectives and their key results grouped by the objective's owner (the team), in order of
    first appearance; the key results of an objective with no owner, and standalone goals, count
    for their own owners (none: "–")."""
    groups: dict[str, Summary] = {}

    def group(owner: str | None) -> Summary:
        return groups.setdefault(owner or "–", Summary(owner or "–"))

    for report in reports:
        for o in report.objectives:
            if o.owner or not o.key_results:
                group(o.owner).objectives += 1
                group(o.owner).key_results += o.key_results
                continue
            # No owner on the objective (or standalone goals): each key result counts for its own owner.
            owners = {k.owner for k in o.key_results}
            if o.path != "goals":
                group(next(iter(owners)) if len(owners) == 1 else None).objectives += 1
            for k in o.key_results:
                group(k.owner).key_results.append(k)
    return list(groups.values())
