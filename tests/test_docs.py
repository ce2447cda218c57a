"""Every rule documents itself, and its documented examples behave as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import case_file, lint_text
from smartlint.registry import all_rules

RULES = all_rules()


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    assert rule.name and rule.name == rule.name.lower() and " " not in rule.name
    assert len(rule.doc()) > 80, "explain why the rule matters"
    assert rule.summary()
    kinds = {(ex.lang, ex.fails) for ex in rule.examples}
    if rule.levels:
        assert kinds >= {("en", True), ("en", False), ("fr", True), ("fr", False)}, kinds
    else:
        assert {fails for _lang, fails in kinds} == {True, False}
    for name, field in rule.Options.model_fields.items():
        assert field.description, f"option {name} has no description"


def test_codes_and_names_are_unique():
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))


def examples():
    for code, rule in sorted(RULES.items()):
        for i, ex in enumerate(rule.examples):
            yield pytest.param(code, ex, id=f"{code}-{i}-{ex.lang}-{'fail' if ex.fails else 'pass'}")


@pytest.mark.parametrize("code, example", list(examples()))
def test_documented_example(tmp_path, code, example):
    if example.yaml is not None:
        text = example.yaml
    else:
        text, _line, _col = case_file(example.lang, example.level.value, example.item or example.text)
        if code == "R001" and example.fails:
            text = text.replace("owner: Team\n", "")
    fired = [f for f in lint_text(tmp_path, text) if f.rule == code]
    assert bool(fired) == example.fails, (text, [f.message for f in fired])


def test_readme_lists_every_rule():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [code for code, rule in RULES.items() if f"| {code} | {rule.name} |" not in readme]
    assert not missing, f"README's rule table lacks {missing}: regenerate it from `smartlint rules --format json`"
