"""Every sentence and label `smartlint report` shows, in one place (so they can be translated).

The renderers (output/report.py), the grading (report.py) and the history reader (history.py) never
write a word of their own: they take the constants below and fill them through `text()` (or
`count_text()` when the sentence depends on a count). Those two functions are the one point where
a translation can be looked up, so translating the report touches this file only. Placeholders are
named (`{date}`, `{count}`...) so a translation may put them in another order. The status codes
(`on track`, `at risk`...) stay English in JSON; people read `STATUS[code]`.
"""

from __future__ import annotations


def text(message: str, **values: object) -> str:
    """A label or sentence of the report, with its placeholders filled."""
    return message.format(**values) if values else message


def count_text(forms: tuple[str, str], count: int, **values: object) -> str:
    """A sentence about `count` things: the singular or the plural form, `{count}` filled."""
    return forms[0 if count == 1 else 1].format(count=count, **values)


# Statuses of a key result: code (JSON, styles) -> label.
STATUS = {
    "on track": "on track", "at risk": "at risk", "done": "done", "exceeded": "exceeded",
    "below baseline": "below baseline", "not reported": "not reported", "no target": "no target",
    "met": "met", "not met": "not met", "not started": "not started",
}
# Severities of a finding, as the report names them.
SEVERITY = {"error": "error", "warning": "warning", "info": "info"}


def status(code: str) -> str:
    return text(STATUS.get(code, code))


def severity(code: str | None) -> str:
    return text(SEVERITY.get(code, code or ""))


STANDALONE_GOALS = "Standalone goals"

# Notes under a file's report.
NOTE_TOO_SAFE = ("Every key result under way scores 1.0: the targets were probably too safe "
                 "(0.6-0.7 is a healthy stretch).")
NOTE_LOW_AVERAGE = ("The average score of the key results under way or over is {mean}, below 0.4: the targets "
                    "were out of reach, or the work did not happen.")
NOTE_NOT_REPORTED = ("{count} key result under way or over not reported (no `current`): scored 0.0.",
                     "{count} key results under way or over not reported (no `current`): scored 0.0.")
NOTE_NOT_STARTED = ("{count} key result not started yet (period not begun): left out of the averages.",
                    "{count} key results not started yet (period not begun): left out of the averages.")
UNREADABLE = "This file could not be read as a plan: no progress to report."

# History from git.
NO_HISTORY = "no history"
HISTORY_OUTSIDE_REPO = "not in a git repository: no history."
HISTORY_NO_GIT = "git is not available: no history."
HISTORY_SHALLOW = ("shallow clone: history before {date} is missing (fetch the full history with "
                   "`git fetch --unshallow`).")
HISTORY_UNCOMMITTED = "not committed yet: no history."
HISTORY_FAILED = "git could not read the history: {reason}"
HISTORY_TIMEOUT = "no answer within {seconds} s"
HISTORY_CHECKINS = ("{sparkline} {count} check-in since {date}", "{sparkline} {count} check-ins since {date}")
HISTORY_EXPECTED = "expected {percent} by now"
HISTORY_CHART_LABEL = "Progress of {title} over its period"
HISTORY_CHART_LEGEND = "line: check-ins (progress) · dashed: expected pace"
HISTORY_WORKING_COPY = "working copy"

# Words beside values.
AS_OF = "as of {date}"  # after a file name or a heading
DATED = "As of {date}"  # a line of its own
OBJECTIVE_META = "score {score} · owner {owner} · lint {lint}"
KEY_RESULT_META = "score {score}  owner {owner}  lint {lint}"
HISTORY = "history"
NOTE = "note"
LINT_CLEAN = "clean"
LINT_FINDINGS = ("{count} finding (worst: {worst})", "{count} findings (worst: {worst})")
CONFIDENCE_LABEL = "confidence {value}"

# Markdown headings.
FILE_HEADING = "OKR progress: {file} ({as_of})"
SUMMARY_HEADING = "{title} ({as_of})"

# Column headings of a file's key results (Markdown and HTML).
COLUMN = {
    "key_result": "key result", "baseline": "baseline", "current": "current", "target": "target",
    "progress": "progress", "status": "status", "score": "score", "owner": "owner", "lint": "lint",
    "history": "history",
}

# The HTML page.
HTML_LANG = "en"  # the page's `lang` attribute: the language of these texts
CHART_LABEL = "Progress per key result"
CHART_LEGEND = "bars: progress · ticks: share of the period elapsed"
DASHBOARD_TITLE = "OKR progress"
DASHBOARD_CONTENTS = "Contents"
DASHBOARD_BY_OWNER = "Summary per team"
DASHBOARD_BY_OBJECTIVE = "Summary per objective"
DASHBOARD_DETAILS = "Details"
COLUMNS_OWNER = ("team / owner", "objectives", "key results", "score", "at risk", "not reported", "not started")
COLUMNS_OBJECTIVE = ("objective", "file", "owner", "score", "at risk", "not reported", "not started")


def number(value: float) -> str:
    """A number as people write it: grouped thousands, at most two decimals, never an exponent or
    a negative zero (1200000 -> 1,200,000; 0.126 -> 0.13; -0.001 -> 0)."""
    if abs(value) >= 1e15:
        return f"{value:,.0f}"
    rendered = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if rendered in ("-0", "") else rendered


def percent(share: float) -> str:
    """A share as a whole percentage, never -0%."""
    rounded = round(share * 100)
    return f"{0 if rounded == 0 else rounded:,}%"


def confidence(value: int | str | None) -> str:
    """`confidence 7/10`, `confidence low`; empty when the key result records none."""
    if value is None:
        return ""
    return text(CONFIDENCE_LABEL, value=f"{value}/10" if isinstance(value, int) else value)


def lint(count: int, worst: str | None) -> str:
    """`clean`, or `2 findings (worst: warning)`."""
    if not count:
        return text(LINT_CLEAN)
    return count_text(LINT_FINDINGS, count, worst=severity(worst))
