"""`--format json`: one JSON document, the stable contract that tools (and the scorer) read.

{"version": 1, "findings": [{rule, name, criterion, severity, file, line, column, end_line,
end_column, path, message, suggestion}], "summary": {files, errors, warnings, infos, suppressed,
baselined}}
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, TextIO

from smartlint.model import Result
from smartlint.neutral import json_text

VERSION = 1
CHUNK = 500  # findings made safe and written at a time


def document(result: Result, findings: list | None = None) -> dict:
    """The JSON document; `findings` replaces the list of finding dicts (`write` streams them)."""
    return {
        "version": VERSION,
        "findings": [f.as_dict() for f in result.findings] if findings is None else findings,
        "summary": {
            "files": len(result.files),
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "infos": result.count("info"),
            "suppressed": len(result.suppressed),  # left out: inline suppressions
            "baselined": len(result.baselined),  # left out: accepted by --baseline
        },
    }


def write(result: Result, out: TextIO) -> None:
    """The document as `json.dumps(document(result), indent=2)` prints it, written a few hundred
    findings at a time: a file of 200,000 goals has about as many findings, and the whole document
    as dicts, then as one string, then as its escaped copy, was a large part of the run's peak memory."""
    findings = result.findings
    text = json.dumps(document(result, findings=[]), ensure_ascii=False, indent=2)
    before, after = text.split('"findings": []', 1)
    out.write(json_text(before))
    out.write('"findings": [')
    for start in range(0, len(findings), CHUNK):
        # No "##[" can straddle two findings (they are joined by ",", a line break and spaces),
        # so making a chunk safe at once is making each finding safe.
        out.write(json_text("".join(("," if i else "") + "\n    " + _finding(f.as_dict())
                                    for i, f in enumerate(findings[start:start + CHUNK], start))))
    out.write("\n  ]" if findings else "]")
    out.write(json_text(after))
    out.write("\n")


def _finding(values: dict[str, Any]) -> str:
    """A finding as `json.dumps(values, ensure_ascii=False, indent=2)` writes it four places further
    in, built from its strings and whole numbers directly (the indenting encoder is pure Python)."""
    lines = []
    for key, value in values.items():
        if isinstance(value, str):
            shown = encode_basestring(value)
        elif type(value) is int:
            shown = int.__repr__(value)
        else:  # not a finding's field as they are today: the general encoder
            return json.dumps(values, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        lines.append(f"      {encode_basestring(key)}: {shown}")
    if not lines:
        return "{}"
    return "{\n" + ",\n".join(lines) + "\n    }"
