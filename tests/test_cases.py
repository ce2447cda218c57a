"""Every rule's pass/fail cases, read from tests/cases/<CODE>.yaml (one parametrised test).

A case: {lang, level, pass|fail: title or mapping, at: the flagged words as they appear in the
title (the finding must start at their first occurrence; omitted: at the item's first line)}.
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
    # Rules about a set of items (counts, structure) are shown by whole-file examples in their docs
    # and tests/test_rules.py; every rule about one item has a case file.
    item_rules = {code for code, rule in all_rules().items()
                  if rule.levels and not any(ex.yaml for ex in rule.examples)}
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
        title = content["title"] if isinstance(content, dict) else content
        assert case["at"] in title, "`at` must quote the title"
        expected = (line, col + title.index(case["at"]))
        assert (first.line, first.column) == expected, first
        assert first.end_column - first.column >= len(case["at"].split()[0]), first
    else:  # the item's first line, or one of its fields
        fields = len(content) if isinstance(content, dict) else 1
        assert line <= first.line < line + fields, first
