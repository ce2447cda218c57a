"""`--format json`: one JSON document, the stable contract that tools (and the scorer) read.

{"version": 1, "findings": [{rule, name, criterion, severity, file, line, column, end_line,
end_column, path, message, suggestion}], "summary": {files, errors, warnings, infos, suppressed,
baselined}}
"""

from __future__ import annotations

import json
from typing import TextIO

from smartlint.model import Result
from smartlint.neutral import json_text

VERSION = 1


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
    """The document as `json.dumps(document(result), indent=2)` prints it, written one finding at
    a time: a file of 200,000 goals has about as many findings, and the whole document as dicts,
    then as one string, then as its escaped copy, was a large part of the run's peak memory."""
    findings = result.findings
    text = json.dumps(document(result, findings=[]), ensure_ascii=False, indent=2)
    before, after = text.split('"findings": []', 1)
    out.write(json_text(before))
    out.write('"findings": [')
    for i, f in enumerate(findings):
        item = json.dumps(f.as_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ")  # JSON strings hold no raw line break
        out.write(("," if i else "") + "\n    " + json_text(item))
    out.write("\n  ]" if findings else "]")
    out.write(json_text(after))
    out.write("\n")
