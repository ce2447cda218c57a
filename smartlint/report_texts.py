"""Every sentence and label `smartlint report` shows, in one place (so they can be translated)."""

from __future__ import annotations

NOT_STARTED = "not started"
STANDALONE_GOALS = "Standalone goals"

NOTE_TOO_SAFE = ("Every key result under way scores 1.0: the targets were probably too safe "
                 "(0.6-0.7 is a healthy stretch).")
NOTE_LOW_AVERAGE = ("The average score of the key results under way or over is {mean}, below 0.4: the targets "
                    "were out of reach, or the work did not happen.")
NOTE_NOT_REPORTED = "{count} key result{s} under way or over not reported (no `current`): scored 0.0."
NOTE_NOT_STARTED = "{count} key result{s} not started yet (period not begun): left out of the averages."
UNREADABLE = "This file could not be read as a plan: no progress to report."
NO_HISTORY = "no history"
HISTORY_OUTSIDE_REPO = "not in a git repository: no history."
HISTORY_NO_GIT = "git is not available: no history."
HISTORY_SHALLOW = ("shallow clone: history before {date} is missing (fetch the full history with "
                   "`git fetch --unshallow`).")
HISTORY_UNCOMMITTED = "not committed yet: no history."
HISTORY_FAILED = "git could not read the history: {reason}"
HISTORY_CHART_LABEL = "Progress of {title} over its period"
HISTORY_CHART_LEGEND = "line: check-ins (progress) · dashed: expected pace"


def plural(count: int) -> str:
    return "s" * (count != 1)


def number(value: float) -> str:
    """A number as people write it: grouped thousands, at most two decimals, never an exponent or
    a negative zero (1200000 -> 1,200,000; 0.126 -> 0.13; -0.001 -> 0)."""
    if abs(value) >= 1e15:
        return f"{value:,.0f}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(share: float) -> str:
    """A share as a whole percentage, never -0%."""
    rounded = round(share * 100)
    return f"{0 if rounded == 0 else rounded:,}%"


CONFIDENCE_LABEL = "confidence {value}"


def confidence(value: int | str | None) -> str:
    """`confidence 7/10`, `confidence low`; empty when the key result records none."""
    if value is None:
        return ""
    return CONFIDENCE_LABEL.format(value=f"{value}/10" if isinstance(value, int) else value)


DASHBOARD_TITLE = "OKR progress"
DASHBOARD_CONTENTS = "Contents"
DASHBOARD_BY_OWNER = "Summary per team"
DASHBOARD_BY_OBJECTIVE = "Summary per objective"
DASHBOARD_DETAILS = "Details"
COLUMNS_OWNER = ("team / owner", "objectives", "key results", "score", "at risk", "not reported", "not started")
COLUMNS_OBJECTIVE = ("objective", "file", "owner", "score", "at risk", "not reported", "not started")
