"""`check --statistics`: how many findings each rule raised, most frequent first (like ruff's
`--statistics`), as a text table or JSON; it replaces the list of findings."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from smartlint.model import Result


def rows(result: Result) -> list[dict]:
    counts = Counter((f.rule, f.name, f.severity) for f in result.findings)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][2]))
    return [{"rule": rule, "name": name, "severity": severity, "count": n} for (rule, name, severity), n in ordered]


def write_text(result: Result, out: TextIO) -> None:
    table = rows(result)
    width = max((len(str(r["count"])) for r in table), default=1)
    for r in table:
        out.write(f"{r['count']:>{width}}  {r['rule']:<5} {r['severity']:<7} {r['name']}\n")


def write_json(result: Result, out: TextIO) -> None:
    out.write(json.dumps(rows(result), indent=2) + "\n")
