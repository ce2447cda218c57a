"""Every rule's pass/fail cases, read from tests/cases/<CODE>.yaml (one parametrised test).

A case: {lang, level, pass|fail: title or mapping, at: column of the flagged word in the title
(1-based; omitted means the finding points at the item's first line)}.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import case_file, lint_text
from smartlint.checks.base import all_rules

CASES = Path(__file__).parent / "cases"


def load_cases():
    for path in sorted(CASES.glob("*.yaml")):
        code = path.stem
        for i, case in enumerate(YAML(typ="safe").load(path.read_text(encoding="utf-8"))):
            kind = "fail" if "fail" in case else "pass"
            yield pytest.param(code, case, id=f"{code}-{i}-{case['lang']}-{case['level']}-{kind}")


def test_every_rule_has_cases():
    with_cases = {p.stem for p in CASES.glob("*.yaml")}
    item_rules = {code for code, rule in all_rules().items() if rule.levels}
    assert item_rules <= with_cases, f"rules without a case file: {sorted(item_rules - with_cases)}"


@pytest.mark.parametrize("code, case", list(load_cases()))
def test_case(tmp_path, code, case):
    content = case.get("fail", case.get("pass"))
    text, line, col = case_file(case["lang"], case["level"], content)
    findings = [f for f in lint_text(tmp_path, text) if f.rule == code]
    if "pass" in case:
        assert findings == [], f"{code} fired on a passing case: {[f.message for f in findings]}"
        return
    assert findings, f"{code} did not fire on:\n{text}"
    first = findings[0]
    if "at" in case:
        assert (first.line, first.column) == (line, col + case["at"] - 1), first
    else:
        item_line = line
        assert first.line == item_line, first
