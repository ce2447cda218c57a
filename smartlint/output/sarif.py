"""`--format sarif`: SARIF 2.1.0, for code-scanning uploads (GitHub, GitLab, Azure DevOps).

Every rule is described with its documentation; every finding is a result with its region. For
GitHub code scanning: URIs are relative to the repository root (`$GITHUB_WORKSPACE`, else the git
top-level above the file) with `uriBaseId: %SRCROOT%`, percent-encoded, whatever the working folder;
each result has a stable `partialFingerprints` entry (smartlint.fingerprint) so that an alert keeps
its identity when lines move. Suppressed findings are left out: GitHub shows results with
`suppressions` as open alerts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from smartlint import __version__
from smartlint.model import Result
from smartlint.fingerprint import VERSION, disk_paths, fingerprints, repository_root
from smartlint.neutral import clean, json_text

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
GITHUB_LIMIT = 5000  # results per run that GitHub code scanning accepts
ROOT = "%SRCROOT%"


def _quote(path: str) -> str:
    """Percent-encode a path for a URI (bytes of a non-UTF-8 name included)."""
    return quote(os.fsencode(path), safe="/")


def _locations(result: Result) -> tuple[dict[str, dict], Path | None]:
    """Shown file -> artifactLocation, and the root that relative URIs are based on."""
    disk = disk_paths(result)
    roots = {name: repository_root(p) for name, p in disk.items() if p is not None}
    root = next((r for r in roots.values() if r is not None), None)
    located: dict[str, dict] = {}
    for name, path in disk.items():
        if path is None:
            located[name] = {"uri": _quote(name)}
        elif root is not None and roots.get(name) == root:
            located[name] = {"uri": _quote(Path(os.path.relpath(os.path.abspath(path), root)).as_posix()),
                             "uriBaseId": ROOT}
        else:
            located[name] = {"uri": Path(os.path.abspath(path)).as_uri()}
    return located, root


def document(result: Result) -> dict:
    from smartlint.registry import all_rules

    rules = all_rules()
    index = {code: i for i, code in enumerate(rules)}
    descriptors = []
    for code, rule in rules.items():
        descriptors.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.doc()},
            "help": {"text": rule.doc(), "markdown": f"**{code} {rule.name}**\n\n{rule.doc()}"},
            "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
            "properties": {"criterion": rule.criterion.value, "tags": [rule.criterion.value]},
        })
    located, root = _locations(result)
    results = []
    for f, fingerprint in zip(result.findings, fingerprints(result)):
        entry = {
            "ruleId": f.rule,
            "level": LEVEL[f.severity],
            "message": {"text": clean(f.message + (f" {f.suggestion}" if f.suggestion else ""))},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": located.get(f.file) or {"uri": _quote(f.file)},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                },
                "logicalLocations": [{"fullyQualifiedName": f.path}] if f.path else [],
            }],
            "partialFingerprints": {VERSION: fingerprint},
            "properties": {"criterion": f.criterion},
        }
        if f.rule in index:
            entry["ruleIndex"] = index[f.rule]
        results.append(entry)
    run = {
        "tool": {"driver": {"name": "smartlint", "version": __version__, "semanticVersion": __version__,
                            "rules": descriptors}},
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if root is not None:
        run["originalUriBaseIds"] = {ROOT: {"uri": root.as_uri().rstrip("/") + "/"}}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write(result: Result, out: TextIO) -> None:
    out.write(json_text(json.dumps(document(result), ensure_ascii=False, indent=2)))
    out.write("\n")


def finish(result: Result) -> list[str]:
    """What the user should know about this report (printed on stderr)."""
    if len(result.findings) > GITHUB_LIMIT:
        from smartlint.i18n import _

        return [str(_("{n} results: GitHub code scanning accepts {limit} per upload and drops the rest; "
                      "narrow the run (--select, --fail-on) or split it per folder",
                      n=len(result.findings), limit=GITHUB_LIMIT))]
    return []
