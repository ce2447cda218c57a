#!/usr/bin/env python3
"""Accuracy of smartlint on a labeled set of goal statements: precision and recall per criterion.

Usage (from the project root):  python tests/labeled/score.py [CASES.yaml ...] [--show]

Cases are placed as the shared development scorer places them: key results, objectives and
initiatives in a file whose period is 2027-Q1, standalone goals in a file with no period. A case is
flagged for a criterion when a warning or error of that criterion lands on its lines. The linter
runs in-process, so the numbers are those of this checkout.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

CRITERIA = ["specific", "measurable", "achievable", "relevant", "time_bound", "okr", "schema"]
NEUTRAL = {
    "fr": ("Faire de notre produit la référence de son marché",
           ["Faire passer le nombre de clients actifs de 120 à 150", "Signer 10 nouveaux contrats annuels",
            "Réduire le délai de livraison de 10 jours à 7 jours"]),
    "en": ("Make our product the reference in its market",
           ["Grow active customers from 120 to 150", "Sign 10 new annual contracts",
            "Cut the delivery lead time from 10 days to 7 days"]),
}


@dataclass
class Score:
    cases: int = 0
    bad: int = 0
    caught: int = 0
    good: int = 0
    clean: int = 0
    tp: dict = field(default_factory=lambda: defaultdict(int))
    fp: dict = field(default_factory=lambda: defaultdict(int))
    fn: dict = field(default_factory=lambda: defaultdict(int))
    wrong: list = field(default_factory=list)

    @property
    def balanced(self) -> float:
        recall = self.caught / self.bad if self.bad else 1.0
        clean = self.clean / self.good if self.good else 1.0
        return (recall + clean) / 2

    def precision(self, crit: str) -> float:
        t, p = self.tp[crit], self.fp[crit]
        return t / (t + p) if t + p else 1.0

    def recall(self, crit: str) -> float:
        t, n = self.tp[crit], self.fn[crit]
        return t / (t + n) if t + n else 1.0

    def table(self) -> str:
        lines = [f"cases: {self.cases}  ({self.bad} bad, {self.good} good)",
                 f"bad cases caught:   {self.caught}/{self.bad} = {self.caught / max(self.bad, 1):.3f}",
                 f"good cases clean:   {self.clean}/{self.good} = {self.clean / max(self.good, 1):.3f}",
                 f"{'criterion':<12} {'prec':>6} {'recall':>7}  tp fp fn"]
        for crit in CRITERIA:
            if self.tp[crit] or self.fp[crit] or self.fn[crit]:
                lines.append(f"{crit:<12} {self.precision(crit):6.2f} {self.recall(crit):7.2f}  "
                             f"{self.tp[crit]} {self.fp[crit]} {self.fn[crit]}")
        lines.append(f"balanced accuracy: {self.balanced:.3f}")
        return "\n".join(lines)


def _q(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _item(lines: list[str], indent: int, case: dict) -> tuple[int, int]:
    fields = dict(case["item"]) if "item" in case else {"title": case["text"]}
    pad = " " * indent
    lines.append(f"{pad}- title: {_q(fields.pop('title', ''))}")
    first = len(lines)
    lines.extend(f"{pad}  {k}: {_q(v)}" for k, v in fields.items())
    return first, len(lines)


def build(cases: list[dict], folder: Path) -> dict[str, list[tuple[int, int, dict]]]:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for case in cases:
        groups[(case["lang"], case["level"])].append(case)
    spans: dict[str, list] = {}
    for (lang, level), group in sorted(groups.items()):
        objective, krs = NEUTRAL[lang]
        lines = [f"language: {lang}"]
        out = spans.setdefault(f"{level}-{lang}.yaml", [])
        if level == "goal":
            lines.append("goals:")
            out.extend((*_item(lines, 2, c), c) for c in group)
        else:
            lines += ["period: 2027-Q1", "objectives:"]
            for c in group:
                if level == "objective":
                    out.append((*_item(lines, 2, c), c))
                    lines += ["    key_results:"] + [f"      - title: {_q(k)}" for k in krs]
                    continue
                lines += [f"  - title: {_q(objective)}", "    key_results:"]
                if level == "key_result":
                    out.append((*_item(lines, 6, c), c))
                else:
                    lines += [f"      - title: {_q(krs[0])}", "        initiatives:"]
                    out.append((*_item(lines, 10, c), c))
                lines += [f"      - title: {_q(k)}" for k in krs[:2]]
        (folder / f"{level}-{lang}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spans


def score(cases: list[dict]) -> Score:
    from smartlint.engine import Settings, lint_paths

    with tempfile.TemporaryDirectory(prefix="smartlint-labeled-") as tmp:
        folder = Path(tmp)
        spans = build(cases, folder)
        result = lint_paths([(folder / name, name) for name in sorted(spans)], Settings())
    flagged: dict[str, set[str]] = defaultdict(set)
    for f in result.findings:
        if f.severity not in ("warning", "error"):
            continue
        for first, last, case in spans.get(f.file, []):
            if first <= f.line <= last:
                flagged[case["id"]].add(f.criterion)
                break
    s = Score(cases=len(cases))
    for case in cases:
        got = flagged.get(case["id"], set())
        expect = set(case.get("expect") or [])
        anyof = set(case.get("expect_any") or [])
        allow = set(case.get("allow") or []) | anyof
        if expect or anyof:
            s.bad += 1
            ok = bool(got & (expect | anyof))
            s.caught += ok
        else:
            s.good += 1
            ok = not (got - allow)
            s.clean += ok
        for crit in CRITERIA:
            if crit in allow and crit not in expect:
                continue
            if crit in expect:
                s.tp[crit] += crit in got
                s.fn[crit] += crit not in got
            elif crit in got:
                s.fp[crit] += 1
        if not ok or expect - got or got - expect - allow:
            s.wrong.append((case, sorted(got)))
    return s


def load(path: Path) -> list[dict]:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    show = "--show" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or [HERE / "cases.yaml"]
    for path in paths:
        s = score(load(path))
        print(f"== {path}")
        print(s.table())
        if show:
            for case, got in s.wrong:
                print(f"  {case['id']}: {case.get('text') or case.get('item')}\n      flagged={got} "
                      f"expect={case.get('expect') or case.get('expect_any')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
