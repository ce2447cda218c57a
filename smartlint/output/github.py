"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

from typing import TextIO

from smartlint.model import Result

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(result: Result, out: TextIO) -> None:
    for f in result.findings:
        props = (f"file={_property(f.file)},line={f.line},col={f.column},endLine={f.end_line},"
                 f"endColumn={f.end_column},title={_property(f'{f.rule} {f.name}')}")
        message = f.message + (f" ({f.suggestion})" if f.suggestion else "")
        out.write(f"::{COMMAND[f.severity]} {props}::{_data(message)}\n")
