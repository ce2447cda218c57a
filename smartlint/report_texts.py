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
