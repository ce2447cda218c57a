"""Re-run smartlint on the real OKR corpus and score its findings against hand verdicts.

The corpus (tests/real/goals/*.yaml) holds objectives and key results copied from public OKR
files, one file per published document (its source URL is in the file's header). Each finding
smartlint reported on it was judged by hand in tests/real/verdicts.yaml: `right` (the finding
is true of the text) or `wrong` (a false alarm), with a reason.

Usage: python tests/real/check.py [--cmd SMARTLINT] [--min-precision 0.95] [--min-rule-precision 0.9]
Prints per-rule precision over the judged findings, the findings nobody has judged yet, and the
verdicts whose finding no longer appears. Exit status 1 when the word rules (S001, S003, S005)
together fall below the minimum precision, or when any warning or error rule with at least
MIN_JUDGED judged findings falls below the per-rule minimum (right at least 9 times in 10).
"""
from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
GOALS = HERE / "goals"
VERDICTS = HERE / "verdicts.yaml"
GATED = ("S001", "S003", "S005")  # the word rules, gated together
MIN_JUDGED = 5  # a rule's own precision is gated once it has this many judged findings
COUNTED = {"warning", "error"}
_STEP = re.compile(r"([a-z_]+)\[(\d+)\]")


def item_ids(path: Path) -> dict[str, str]:
    """Map each item's JSON path (objectives[0].key_results[1]) to its `id`."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    ids: dict[str, str] = {}

    def walk(node, prefix: str) -> None:
        if not isinstance(node, dict):
            return
        for key in ("objectives", "key_results", "goals", "initiatives"):
            for i, child in enumerate(node.get(key) or []):
                here = f"{prefix}.{key}[{i}]" if prefix else f"{key}[{i}]"
                if isinstance(child, dict) and child.get("id"):
                    ids[here] = str(child["id"])
                walk(child, here)

    walk(data, "")
    return ids


def run(cmd: list[str]) -> list[dict]:
    """Findings (warnings and errors) with the id of the item each one is about."""
    files = sorted(GOALS.glob("*.yaml"))
    proc = subprocess.run([*cmd, "check", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, encoding="utf-8")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"smartlint failed ({proc.returncode}):\n{proc.stderr}")
    ids = {f.name: item_ids(f) for f in files}
    found = []
    for finding in json.loads(proc.stdout)["findings"]:
        if finding["severity"] not in COUNTED:
            continue
        table = ids.get(Path(finding["file"]).name, {})
        path = finding.get("path") or ""
        # a finding on a field (objectives[0].title) belongs to the item that holds it
        while path and path not in table and "." in path:
            path = path.rsplit(".", 1)[0]
        finding["item"] = table.get(path, f"{Path(finding['file']).name}:{finding['line']}")
        found.append(finding)
    return found


def load_verdicts() -> dict[tuple[str, str], dict]:
    entries = YAML(typ="safe").load(VERDICTS.read_text(encoding="utf-8")) or []
    return {(e["id"], e["rule"]): e for e in entries}


def score(findings: list[dict], verdicts: dict[tuple[str, str], dict]) -> dict:
    """Per rule: right, wrong, unjudged counts; plus the unjudged findings and stale verdicts."""
    per_rule: dict[str, dict] = defaultdict(lambda: {"right": 0, "wrong": 0, "unjudged": 0})
    unjudged, seen = [], set()
    for f in findings:
        key = (f["item"], f["rule"])
        if key in seen:
            continue
        seen.add(key)
        verdict = verdicts.get(key)
        if verdict is None:
            per_rule[f["rule"]]["unjudged"] += 1
            unjudged.append(f)
        else:
            per_rule[f["rule"]][verdict["verdict"]] += 1
    stale = [v for k, v in verdicts.items() if k not in seen]
    return {"rules": dict(per_rule), "unjudged": unjudged, "stale": stale}


def precision(counts: dict) -> float | None:
    judged = counts["right"] + counts["wrong"]
    return counts["right"] / judged if judged else None


def failures(result: dict, min_words: float = 0.95, min_rule: float = 0.9) -> dict[str, float]:
    """The gates that fail: "S001+S003+S005" when the word rules together fall below `min_words`,
    and each rule with MIN_JUDGED or more judged findings whose precision is below `min_rule`."""
    low: dict[str, float] = {}
    words = {"right": 0, "wrong": 0}
    for rule in GATED:
        counts = result["rules"].get(rule) or {}
        words["right"] += counts.get("right", 0)
        words["wrong"] += counts.get("wrong", 0)
    p = precision(words)
    if p is not None and p < min_words:
        low["+".join(GATED)] = round(p, 3)
    for rule, counts in sorted(result["rules"].items()):
        p = precision(counts)
        if p is not None and counts["right"] + counts["wrong"] >= MIN_JUDGED and p < min_rule:
            low[rule] = round(p, 3)
    return low


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmd", default=f"{sys.executable} -m smartlint")
    parser.add_argument("--min-precision", type=float, default=0.95, help="the word rules together")
    parser.add_argument("--min-rule-precision", type=float, default=0.9, help="each rule with enough verdicts")
    args = parser.parse_args(argv)
    result = score(run(shlex.split(args.cmd)), load_verdicts())
    print(f"{'rule':6} {'right':>5} {'wrong':>5} {'unjudged':>8} {'precision':>9}")
    for rule, counts in sorted(result["rules"].items()):
        p = precision(counts)
        shown = f"{p:.3f}" if p is not None else "-"
        print(f"{rule:6} {counts['right']:5} {counts['wrong']:5} {counts['unjudged']:8} {shown:>9}")
    low = failures(result, args.min_precision, args.min_rule_precision)
    for gate, p in low.items():
        print(f"below the floor: {gate} {p:.3f}")
    for f in result["unjudged"]:
        print(f"unjudged: {f['item']} {f['rule']} {f['message']}")
    for v in result["stale"]:
        print(f"no longer reported: {v['id']} {v['rule']} ({v['verdict']})")
    return 1 if low else 0


if __name__ == "__main__":
    raise SystemExit(main())
