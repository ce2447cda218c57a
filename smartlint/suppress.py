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

from smartlint.i18n import _
from smartlint.model import Finding, Span

# A directive starts a comment, or follows a space inside one ("# owner: Ana  # smartlint: ...").
DIRECTIVE = re.compile(r"(?:^|(?<=\s))#[ \t]*smartlint[ \t]*:")
KIND = re.compile(r"(?P<kind>disable-file|disable-next-line|disable)(?![\w-])(?:[ \t]*=[ \t]*(?P<codes>[^\s\"]*))?")
# No leading spaces: the caller skips them (SPACES) before matching, and a pattern that starts
# with `[ \t]*` rescans a run of spaces from each of its positions when searched.
OPTION = re.compile(r"(?P<key>reason|until)[ \t]*=[ \t]*(?:\"(?P<quoted>[^\"]*)\"|(?P<bare>\S+))")
SPACES = re.compile(r"[ \t]*")
SHOWN = 60  # characters of an unreadable directive quoted back in its finding


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


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def parse(comments: list[tuple[int, int, str]]) -> Parsed:
    """Read the directives of the file's comments ((line, column, text) as the YAML parser found
    them; text from `#` to the end of its line). Linear in the comments' length."""
    out = Parsed()
    for number, column, comment in comments:
        if "smartlint" not in comment:
            continue
        m = DIRECTIVE.search(comment)
        if not m:
            continue
        start = column + m.start()
        end = column + len(comment)
        span = Span(number, start, number, end)
        at = SPACES.match(comment, m.end()).end()
        k = KIND.match(comment, at)
        if not k:
            out.problems.append((span, _("unknown smartlint directive \"{text}\"", text=_shown(comment[at:])),
                                 _("Write `# smartlint: disable=CODE`, `disable-next-line=CODE` or `disable-file`.")))
            continue
        kind, listed = k.group("kind"), k.group("codes")
        codes = [c.strip() for c in (listed or "").split(",") if c.strip()]
        if not codes and (listed is not None or kind != "disable-file"):
            # `disable=`, `disable-file=,`: a list that names nothing must not mean "every rule".
            out.problems.append((span, _("`{kind}` needs the codes it disables", kind=kind) if kind != "disable-file" else
                                 _("`disable-file=` names no rule"),
                                 _("Write `# smartlint: {kind}=S001` (codes, names or criteria), or "
                                   "`# smartlint: disable-file` for every rule.", kind=kind) if kind == "disable-file" else
                                 _("Write `# smartlint: {kind}=S001` (codes, names or criteria).", kind=kind)))
            continue
        sup = Suppression(number, start, end, kind, codes)
        pos = k.end()
        bad = False
        while True:
            pos = SPACES.match(comment, pos).end()
            if pos >= len(comment):
                break
            o = OPTION.match(comment, pos)
            if not o:
                out.problems.append((span, _("cannot read \"{text}\" in the smartlint directive", text=_shown(comment[pos:])),
                                     _('Options are `reason="..."` and `until=YYYY-MM-DD`.')))
                bad = True
                break
            value = o.group("quoted") if o.group("quoted") is not None else o.group("bare")
            if o.group("key") == "reason":
                sup.reason = value
            else:
                try:
                    sup.until = date.fromisoformat(value)
                except ValueError:
                    out.problems.append((span, _("`until={value}` is not a date", value=_shown(value)),
                                         _("Write the date as YYYY-MM-DD.")))
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
    expired = [s for s in parsed.suppressions if s.until is not None and s.until < today]
    whole_file: list[Suppression] = []
    by_line: dict[int, list[Suppression]] = {}  # one lookup per finding: linear in findings + suppressions
    for s in parsed.suppressions:
        if s.until is not None and s.until < today:
            continue
        if s.kind == "disable-file":
            whole_file.append(s)
        else:
            by_line.setdefault(s.line + 1 if s.kind == "disable-next-line" else s.line, []).append(s)
    for f in findings:
        candidates = by_line.get(f.line, [])
        hit = next((s for s in (*candidates, *whole_file) if not s.codes or any(matches(f.rule, c) for c in s.codes)),
                   None)
        if hit is None:
            active.append(f)
        else:
            hit.used += 1
            suppressed.append((f, hit.reason))
    return active, suppressed, expired
