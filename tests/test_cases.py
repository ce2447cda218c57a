"""Every rule's pass/fail cases, read from tests/cases/<CODE>.yaml (one parametrised test).

A case: {lang, level, pass|fail: title or mapping, at: the flagged words as they appear in the
title (the finding must start at their first occurrence; omitted: at the item's first line)}, or,
for rules about a file or a set of items, {lang, level, pass_file|fail_file: YAML, at: [line, column]}.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import case_file, lint_text
from smartlint.registry import all_rules

CASES = Path(__file__).parent / "cases"


def load_cases():
    for path in sorted(CASES.glob("*.yaml")):
        code = path.stem
        for i, case in enumerate(YAML(typ="safe").load(path.read_text(encoding="utf-8"))):
            kind = "fail" if ("fail" in case or "fail_file" in case) else "pass"
            yield pytest.param(code, case, id=f"{code}-{i}-{case['lang']}-{case['level']}-{kind}")


def test_every_rule_has_cases():
    with_cases = {p.stem for p in CASES.glob("*.yaml")}
    missing = set(all_rules()) - with_cases
    assert not missing, f"rules without a case file: {sorted(missing)}"


def _file_case(tmp_path, code, case):
    """A whole-file case: {lang, level, fail_file|pass_file: YAML text, at: [line, column]}."""
    findings = [f for f in lint_text(tmp_path, case.get("fail_file", case.get("pass_file"))) if f.rule == code]
    if "pass_file" in case:
        assert findings == [], f"{code} fired on a passing case: {[f.message for f in findings]}"
        return
    assert findings, f"{code} did not fire"
    if "at" in case:
        assert [findings[0].line, findings[0].column] == case["at"], findings[0]


@pytest.mark.parametrize("code, case", list(load_cases()))
def test_case(tmp_path, code, case):
    if "fail_file" in case or "pass_file" in case:
        _file_case(tmp_path, code, case)
        return
    content = case.get("fail", case.get("pass"))
    text, line, col = case_file(case["lang"], case["level"], content)
    findings = [f for f in lint_text(tmp_path, text) if f.rule == code]
    if "pass" in case:
        assert findings == [], f"{code} fired on a passing case: {[f.message for f in findings]}"
        return
    assert findings, f"{code} did not fire on:\n{text}"
    first = findings[0]
    if "at" in case:
        title = content["title"] if isinstance(content, dict) else content
        assert case["at"] in title, "`at` must quote the title"
        expected = (line, col + title.index(case["at"]))
        assert (first.line, first.column) == expected, first
        assert first.end_column - first.column >= len(case["at"].split()[0]), first
    else:  # the item's first line, or one of its fields
        fields = len(content) if isinstance(content, dict) else 1
        assert line <= first.line < line + fields, first
