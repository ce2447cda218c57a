"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions

Paths are relative to the repository root (`$GITHUB_WORKSPACE`, else the git top-level), as the
runner needs to place annotations on the diff. Errors come first. GitHub shows at most 10
annotations of each kind per step and drops the rest silently: past that, `finish` says so on stderr
and writes every finding as a Markdown table to `$GITHUB_STEP_SUMMARY` (when the runner sets it).
Every user part of an annotation is escaped, so an annotation is always one command, never two.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import TextIO

from smartlint.model import Result
from smartlint.fingerprint import disk_paths, display_path
from smartlint.neutral import bounded, clean, markdown

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
ORDER = {"error": 0, "warning": 1, "info": 2}
SHOWN_PER_KIND = 10  # annotations of each kind GitHub shows per step
SUMMARY_ROWS = 1000  # rows of the step summary (GitHub accepts 1 MiB per step)


def _data(text: str) -> str:
    return clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def ordered(result: Result) -> list:
    """Errors first, then warnings, then infos; by file and line within each."""
    return sorted(result.findings, key=lambda f: (ORDER[f.severity], f.sort_key()))


def _paths(result: Result) -> dict[str, str]:
    return {name: display_path(name, disk) for name, disk in disk_paths(result).items()}


def write(result: Result, out: TextIO) -> None:
    paths = _paths(result)
    for f in ordered(result):
        props = (f"file={_property(paths.get(f.file, f.file))},line={f.line},col={f.column},endLine={f.end_line},"
                 f"endColumn={f.end_column},title={_property(f'{f.rule} {f.name}')}")
        message = bounded(f.message + (f" ({f.suggestion})" if f.suggestion else ""), 2000)
        out.write(f"::{COMMAND[f.severity]} {props}::{_data(message)}\n")


def summary_table(result: Result) -> str:
    """Every finding as a Markdown table, cells escaped (titles may hold pipes, HTML, mentions)."""
    from smartlint.i18n import _, _n
    from smartlint.output.text import severity_word

    paths = _paths(result)
    findings = ordered(result)
    lang = result.language()
    heading = _("| severity | location | rule | message |").render(lang)
    lines = ["### " + _("smartlint findings").render(lang), "", heading, "|---|---|---|---|"]
    for f in findings[:SUMMARY_ROWS]:
        where = markdown(f"{paths.get(f.file, f.file)}:{f.line}:{f.column}")
        lines.append(f"| {severity_word(f.severity, lang)} | {where} | {f.rule} {f.name} | "
                     f"{markdown(bounded(f.message, 300))} |")
    if len(findings) > SUMMARY_ROWS:
        lines += ["", _n("{n} more finding not listed: run smartlint locally to see it.",
                         "{n} more findings not listed: run smartlint locally to see them.",
                         len(findings) - SUMMARY_ROWS).render(lang)]
    return "\n".join(lines) + "\n\n"


def finish(result: Result) -> list[str]:
    """Notes for stderr, and the step summary when GitHub would hide annotations."""
    counts = Counter(COMMAND[f.severity] for f in result.findings)
    hidden = {kind: n for kind, n in counts.items() if n > SHOWN_PER_KIND}
    if not hidden:
        return []
    from smartlint.i18n import _, _n

    counted = {"error": lambda n: _n("{n} error", "{n} errors", n),
               "warning": lambda n: _n("{n} warning", "{n} warnings", n),
               "notice": lambda n: _n("{n} notice", "{n} notices", n)}
    order = list(COMMAND.values())
    what = ", ".join(str(counted[kind](n)) for kind, n in sorted(hidden.items(), key=lambda kv: order.index(kv[0])))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8", errors="replace") as handle:
                handle.write(summary_table(result))
            tail = _("every finding is listed in the job summary")
        except OSError as exc:
            tail = _("the job summary could not be written ({reason})", reason=str(exc.strerror or exc))
    else:
        tail = _("run with --format text to see every finding")
    notes = [str(_("{what}: GitHub shows {shown} annotations of each kind per step; {then}",
                   what=what, shown=SHOWN_PER_KIND, then=str(tail)))]
    return notes
