"""Inline suppressions, written as YAML comments in the goal file.

    - title: Grow the community   # smartlint: disable=M001 reason="counted in the community KPI sheet"
    # smartlint: disable-next-line=S001,O002 until=2027-03-31 reason="rewritten in the Q2 planning"
    # smartlint: disable-file

Codes may be rule codes, prefixes, names or criteria, as in `--select`. Beyond what most linters
do, a suppression may expire (`until=`): after that date it no longer hides anything and becomes a
finding itself; and a suppression that hides nothing is reported, so they do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from smartlint.model import Finding, Span

DIRECTIVE = re.compile(r"(?:^|\s)#\s*smartlint\s*:\s*(?P<body>.*?)\s*$")
KIND = re.compile(r"^(?P<kind>disable-file|disable-next-line|disable)(?:\s*=\s*(?P<codes>[^\s\"]+))?(?P<rest>.*)$")
OPTION = re.compile(r"\s*(?P<key>reason|until)\s*=\s*(?:\"(?P<quoted>[^\"]*)\"|(?P<bare>\S+))")


@dataclass
class Suppression:
    line: int  # where the comment is
    column: int
    end_column: int
    kind: str  # disable | disable-next-line | disable-file
    codes: list[str]  # empty: every rule
    reason: str = ""
    until: date | None = None
    used: int = 0

    def covers_line(self, line: int) -> bool:
        if self.kind == "disable-file":
            return True
        return line == (self.line + 1 if self.kind == "disable-next-line" else self.line)


@dataclass
class Parsed:
    suppressions: list[Suppression] = field(default_factory=list)
    problems: list[tuple[Span, str, str]] = field(default_factory=list)  # (where, message, suggestion)


def parse(text: str) -> Parsed:
    out = Parsed()
    for number, line in enumerate(text.splitlines(), start=1):
        if "smartlint" not in line:
            continue
        m = DIRECTIVE.search(line)
        if not m:
            continue
        start = line.index("#", m.start()) + 1
        span = Span(number, start, number, len(line) + 1)
        body = m.group("body")
        k = KIND.match(body)
        if not k:
            out.problems.append((span, f"unknown smartlint directive \"{body}\"",
                                 "Write `# smartlint: disable=CODE`, `disable-next-line=CODE` or `disable-file`."))
            continue
        codes = [c.strip() for c in (k.group("codes") or "").split(",") if c.strip()]
        if k.group("kind") != "disable-file" and not codes:
            out.problems.append((span, f"`{k.group('kind')}` needs the codes it disables",
                                 f"Write `# smartlint: {k.group('kind')}=S001` (codes, names or criteria)."))
            continue
        sup = Suppression(number, start, len(line) + 1, k.group("kind"), codes)
        rest = k.group("rest")
        pos = 0
        bad = False
        while pos < len(rest) and rest[pos:].strip():
            o = OPTION.match(rest, pos)
            if not o:
                out.problems.append((span, f"cannot read \"{rest[pos:].strip()}\" in the smartlint directive",
                                     'Options are `reason="..."` and `until=YYYY-MM-DD`.'))
                bad = True
                break
            value = o.group("quoted") if o.group("quoted") is not None else o.group("bare")
            if o.group("key") == "reason":
                sup.reason = value
            else:
                try:
                    sup.until = date.fromisoformat(value)
                except ValueError:
                    out.problems.append((span, f"`until={value}` is not a date", "Write the date as YYYY-MM-DD."))
                    bad = True
                    break
            pos = o.end()
        if not bad:
            out.suppressions.append(sup)
    return out


def apply(findings: list[Finding], parsed: Parsed, today: date, matches) -> tuple[list[Finding], list[tuple[Finding, str]], list[Suppression]]:
    """Split findings into active and suppressed ((finding, reason) pairs); return the expired
    suppressions too. `matches(code, key)` says whether a finding's rule is named by a key."""
    active: list[Finding] = []
    suppressed: list[tuple[Finding, str]] = []
    live = [s for s in parsed.suppressions if s.until is None or s.until >= today]
    expired = [s for s in parsed.suppressions if s.until is not None and s.until < today]
    for f in findings:
        hit = next((s for s in live if s.covers_line(f.line) and (not s.codes or any(matches(f.rule, c) for c in s.codes))),
                   None)
        if hit is None:
            active.append(f)
        else:
            hit.used += 1
            suppressed.append((f, hit.reason))
    return active, suppressed, expired
