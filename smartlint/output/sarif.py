"""`--format sarif`: SARIF 2.1.0, for code-scanning uploads (GitHub, GitLab, Azure DevOps).

Every rule is described with its documentation; every finding is a result with its region;
suppressed findings are kept, marked with an in-source suppression and its justification.
"""

from __future__ import annotations

import json
from typing import TextIO

from smartlint import __version__
from smartlint.model import Result

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: str) -> str:
    return path.replace("\\\\", "/")


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
    results = []
    for f, justification in [(f, None) for f in result.findings] + list(result.suppressed):
        entry = {
            "ruleId": f.rule,
            "level": LEVEL[f.severity],
            "message": {"text": f.message + (f" {f.suggestion}" if f.suggestion else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.file)},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                },
                "logicalLocations": [{"fullyQualifiedName": f.path}] if f.path else [],
            }],
            "properties": {"criterion": f.criterion},
        }
        if f.rule in index:
            entry["ruleIndex"] = index[f.rule]
        if justification is not None:
            entry["suppressions"] = [{"kind": "inSource", "justification": justification or "no reason given"}]
        results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "smartlint", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def write(result: Result, out: TextIO) -> None:
    json.dump(document(result), out, ensure_ascii=False, indent=2)
    out.write("\n")
