"""`--format gitlab`: a GitLab Code Quality report (the merge-request widget's format).

https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format

A JSON array of issues: description, check_name, fingerprint (stable across line moves, see
smartlint.fingerprint), severity, location.path relative to `$CI_PROJECT_DIR` (else the git
top-level) and location.lines.begin. Severities: info -> info, warning -> minor, error -> major, and
schema errors (the file cannot be read as meant) -> critical.
"""

from __future__ import annotations

import json
from typing import TextIO

from smartlint.model import Result
from smartlint.fingerprint import disk_paths, display_path, fingerprints
from smartlint.neutral import clean, json_text

ENV = "CI_PROJECT_DIR"


def severity(finding) -> str:
    if finding.severity == "error":
        return "critical" if finding.criterion == "schema" else "major"
    return {"warning": "minor", "info": "info"}[finding.severity]


def document(result: Result) -> list[dict]:
    paths = {name: display_path(name, disk, ENV) for name, disk in disk_paths(result).items()}
    return [{
        "type": "issue",
        "description": clean(f"{f.rule} {f.message}"),
        "check_name": f"{f.rule} {f.name}",
        "fingerprint": fingerprint,
        "severity": severity(f),
        "categories": ["Style"],
        "location": {"path": clean(paths.get(f.file, f.file)), "lines": {"begin": f.line, "end": f.end_line}},
    } for f, fingerprint in zip(result.findings, fingerprints(result, env=ENV))]


def write(result: Result, out: TextIO) -> None:
    out.write(json_text(json.dumps(document(result), ensure_ascii=False, indent=2)))
    out.write("\n")
