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


def document(result: Result) -> dict:
    return {
        "version": VERSION,
        "findings": [f.as_dict() for f in result.findings],
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
    out.write(json_text(json.dumps(document(result), ensure_ascii=False, indent=2)))
    out.write("\n")
