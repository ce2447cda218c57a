"""`--format concise`: one finding per line, `file:line:col: severity CODE message` (grep-friendly)."""

from __future__ import annotations

from typing import TextIO

from smartlint.model import Result
from smartlint.neutral import clean


def write(result: Result, out: TextIO) -> None:
    for f in result.findings:
        out.write(f"{clean(f.file)}:{f.line}:{f.column}: {f.severity} {f.rule} {clean(f.message)}\n")
