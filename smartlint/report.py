"""Progress tracking and grading of OKRs, as plain data (the renderers are in output/report.py).

progress = (current - baseline) / (target - baseline): it works for decreasing targets too
(baseline 10 days, target 7, current 8 -> 0.67). A key result "at risk" has progress lagging the
share of its period already elapsed by more than a margin; one with no `current` is "not reported".
Grades: each key result 0.0-1.0 from its clamped progress (not reported: 0.0); an objective is the
mean of its key results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from smartlint.model import Finding, Level, Node, Period

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
    status: str = "not reported"  # on track | at risk | not reported | no target | done | exceeded | below baseline
    elapsed: float | None = None  # share of the period elapsed at `today`
    score: float = 0.0
    lint: Lint = field(default_factory=Lint)

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

    @property
    def score(self) -> float | None:
        if not self.key_results:
            return None
        return sum(k.score for k in self.key_results) / len(self.key_results)


@dataclass
class Report:
    file: str
    today: date
    objectives: list[ObjectiveProgress]
    notes: list[str] = field(default_factory=list)

    @property
    def key_results(self) -> list[KeyResultProgress]:
        return [k for o in self.objectives for k in o.key_results]


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


def _measures(node: Node) -> tuple[float | None, float | None]:
    """Baseline and target: the fields, else the title's "from X to Y"."""
    baseline = getattr(node.item, "baseline", None)
    target = getattr(node.item, "target", None)
    facts = node.facts
    if facts is not None and facts.from_to:
        a, b = facts.from_to
        baseline = a.value if baseline is None else baseline
        target = b.value if target is None else target
    return baseline, target


def build(file: str, nodes: list[Node], findings: list[Finding], today: date, margin: float = 0.15) -> Report:
    by_path: dict[str, Lint] = {}
    for f in findings:
        by_path.setdefault(f.path, Lint()).add(f)
    objectives: list[ObjectiveProgress] = []
    for node in nodes:
        if node.level != Level.objective:
            continue
        o = ObjectiveProgress(node.title, node.path, node.owner, node.period, lint=by_path.get(node.path, Lint()))
        for child in node.children:
            if child.level != Level.key_result:
                continue
            baseline, target = _measures(child)
            current = getattr(child.item, "current", None)
            value = progress(baseline, target, current)
            elapsed = elapsed_share(child.period, today)
            kr = KeyResultProgress(
                title=child.title, path=child.path, owner=child.owner, baseline=baseline, target=target,
                current=current, unit=getattr(child.item, "unit", None), deadline=getattr(child.item, "deadline", None),
                period=child.period, progress=value, elapsed=elapsed,
                status=status_of(value, elapsed, current is not None, target is not None, margin),
                lint=by_path.get(child.path, Lint()),
            )
            kr.score = round(kr.clamped, 2) if value is not None else 0.0
            o.key_results.append(kr)
        objectives.append(o)
    report = Report(file, today, objectives)
    krs = report.key_results
    scored = [k for k in krs if k.progress is not None]
    if krs and scored and all(k.score >= 1.0 for k in krs):
        report.notes.append("Every key result scores 1.0: the targets were probably too safe "
                            "(0.6-0.7 is a healthy stretch).")
    if krs:
        mean = sum(k.score for k in krs) / len(krs)
        if mean < 0.4:
            report.notes.append(f"The average score is {mean:.2f}, below 0.4: the targets were out of reach, "
                                "or the work did not happen.")
    missing = [k for k in krs if k.current is None]
    if missing:
        report.notes.append(f"{len(missing)} key result{'s' * (len(missing) != 1)} not reported (no `current`): "
                            "scored 0.0.")
    return report
