"""Every sentence and label `smartlint report` shows, in one place (so they can be translated).

The renderers (output/report.py), the grading (report.py) and the history reader (history.py) never
write a word of their own: they take the constants below and fill them through `text()` (or
`count_text()` when the sentence depends on a count). Those two functions are the one point where
a translation can be looked up, so translating the report touches this file only. Placeholders are
named (`{date}`, `{count}`...) so a translation may put them in another order. The status codes
(`on track`, `at risk`...) stay English in JSON; people read `STATUS[code]`.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Iterator

# The language the report is written in (`language()` sets it around a report's building and
# rendering); the constants below are the English message ids of the `smartlint-docs` catalogue.
_LANGUAGE: ContextVar[str] = ContextVar("report_language", default="en")


@contextmanager
def language(code: str) -> Iterator[None]:
    """Write the report's labels, numbers and dates in `code` inside this block."""
    token = _LANGUAGE.set(code)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def current_language() -> str:
    return _LANGUAGE.get()


def _template(message: str, plural: str | None = None, count: int = 1) -> str:
    lang = _LANGUAGE.get()
    if lang == "en":
        return message if plural is None else (message if count == 1 else plural)
    from smartlint.i18n import DOCS_DOMAIN, template

    return template(message, lang, DOCS_DOMAIN, plural, count)


def _value(value: object) -> object:
    return day(value) if isinstance(value, date) else value


def text(message: str, **values: object) -> str:
    """A label or sentence of the report in the report's language, with its placeholders filled."""
    shown = _template(message)
    return shown.format(**{k: _value(v) for k, v in values.items()}) if values else shown


def count_text(forms: tuple[str, str], count: int, **values: object) -> str:
    """A sentence about `count` things: the language's singular or plural form, `{count}` filled."""
    return _template(forms[0], forms[1], count).format(count=count, **{k: _value(v) for k, v in values.items()})


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
UNREADABLE_FILES = ("{count} file could not be read as a plan (its findings are in its details): {files}",
                    "{count} files could not be read as a plan (their findings are in their details): {files}")

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
HISTORY_CHART_LEGEND = "line: check-ins (progress) · dashed: expected pace · grey: today"
HISTORY_WORKING_COPY = "working copy"
HISTORY_CHECKIN = "{date} {commit}: {value}"  # a check-in's tooltip in the HTML chart

# Words beside values.
AS_OF = "as of {date}"  # after a file name or a heading
DATED = "As of {date}"  # a line of its own
OBJECTIVE_META = "score {score} · owner {owner} · lint {lint}"
KEY_RESULT_META = "score {score}  owner {owner}  lint {lint}"
HISTORY = "history"
NOTE = "note:"  # before each note of the text report
LINT_CLEAN = "clean"
LINT_FINDINGS = ("{count} finding (worst: {worst})", "{count} findings (worst: {worst})")
CONFIDENCE_LABEL = "confidence {value}"
CONFIDENCE_LEVEL = {"low": "low", "medium": "medium", "high": "high"}  # the model's words -> label

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
CHART_BAR = "{title}: {percent} ({status})"  # a key result's tooltip in the HTML chart
PROBLEM = "{severity}: {place} {rule} {finding}"  # a finding about the file as a whole
CHART_LEGEND = "bars: progress · ticks: share of the period elapsed"
DASHBOARD_TITLE = "OKR progress"
DASHBOARD_CONTENTS = "Contents"
DASHBOARD_BY_OWNER = "Summary per team"
DASHBOARD_BY_OBJECTIVE = "Summary per objective"
DASHBOARD_DETAILS = "Details"
COLUMNS_OWNER = ("team / owner", "objectives", "key results", "score", "at risk", "not reported", "not started")
COLUMNS_OBJECTIVE = ("objective", "file", "owner", "score", "at risk", "not reported", "not started")


# Dates: English reports keep ISO dates (2027-02-15); other languages write the day, the month's
# name and the year ("15 février 2027", "1er mars 2027").
DATE = "{day} {month} {year}"
FIRST_OF_MONTH = "1st"  # the first day of a month, where the language writes it apart ("1er")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
PERCENT = "{value}%"
SCORE_DECIMALS = 2


def _language_rules():
    from smartlint import languages

    return languages.get(_LANGUAGE.get())


def day(value: date) -> str:
    """A date as the report's language writes it."""
    if _LANGUAGE.get() == "en":
        return value.isoformat()
    shown_day = text(FIRST_OF_MONTH) if value.day == 1 else str(value.day)
    return text(DATE, day=shown_day, month=text(MONTHS[value.month - 1]), year=value.year)


def number(value: float) -> str:
    """A number as people write it: grouped thousands, at most two decimals, never an exponent or
    a negative zero (1200000 -> 1,200,000; 0.126 -> 0.13; -0.001 -> 0); in other languages with
    their decimal mark and grouping (1,5 and 12 500 in French)."""
    if _LANGUAGE.get() != "en":
        return _language_rules().number(value)
    if abs(value) >= 1e15:
        return f"{value:,.0f}"
    rendered = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if rendered in ("-0", "") else rendered


def percent(share: float) -> str:
    """A share as a whole percentage, never -0% ("20%"; "20 %" in French)."""
    rounded = round(share * 100)
    if _LANGUAGE.get() == "en":
        return f"{0 if rounded == 0 else rounded:,}%"
    return text(PERCENT, value=number(0 if rounded == 0 else rounded))


def score(value: float | None) -> str:
    """A grade with two decimals (0.62; 0,62 in French); a dash when there is none."""
    if value is None:
        return "–"
    shown = f"{value:.{SCORE_DECIMALS}f}"
    return shown if _LANGUAGE.get() == "en" else shown.replace(".", _language_rules().decimal_mark)


def confidence(value: int | str | None) -> str:
    """`confidence 7/10`, `confidence low`; empty when the key result records none."""
    if value is None:
        return ""
    return text(CONFIDENCE_LABEL, value=f"{value}/10" if isinstance(value, int)
                else text(CONFIDENCE_LEVEL.get(value, value)))


def lint(count: int, worst: str | None) -> str:
    """`clean`, or `2 findings (worst: warning)`."""
    if not count:
        return text(LINT_CLEAN)
    return count_text(LINT_FINDINGS, count, worst=severity(worst))
