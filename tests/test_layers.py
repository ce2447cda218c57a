"""Data flows one way: cli -> engine -> checks -> analysis -> language data. These tests read the
imports of each module (without running them) so a new import against the flow fails here."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "smartlint"


def imports(path: Path) -> set[str]:
    """Every smartlint module a file imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("smartlint"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("smartlint"))
    return found


def test_formatters_read_only_the_model_and_the_registry():
    for path in (PACKAGE / "output").glob("*.py"):
        assert "smartlint.engine" not in imports(path), path.name


def test_configuration_does_not_import_the_engine():
    assert not {m for m in imports(PACKAGE / "config.py") if m.startswith("smartlint.engine")}


def test_rules_do_not_import_the_registry_engine_or_loader():
    for path in (PACKAGE / "checks").glob("*.py"):
        bad = {m for m in imports(path) if m.count(".") and m.split(".")[1] in ("registry", "engine", "load", "config", "cli")}
        assert not bad, (path.name, bad)


def test_schema_findings_are_raised_through_their_rule_classes():
    """No rule code as a string literal in the loader or the engine: a renamed code cannot drift."""
    for name in ("load.py", "engine.py"):
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        literals = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        assert not [s for s in literals if len(s) == 4 and s[0] == "Y" and s[1:].isdigit()], name


def test_registry_finds_every_rule_once():
    from smartlint.registry import all_rules, find_rule, selected_rules

    rules = all_rules()
    assert len(rules) == len({r.name for r in rules.values()})
    assert find_rule("vague-verb") is rules["S001"] and find_rule("s001") is rules["S001"]
    assert set(selected_rules(["S"], ["S002"])) == {c for c in rules if c.startswith("S")} - {"S002"}


def test_the_analysis_and_the_language_data_reach_nothing_above_them():
    """languages <- lexicon <- nlp: the analysis reads language data and is given what depends on
    a run (the configuration's lexicon, the titles); it never imports the rules, the engine, the
    loader, the configuration or the command line. A language module needs nothing but its base."""
    above = {"checks", "engine", "load", "config", "config_files", "cli", "registry", "output", "report", "lsp", "model",
             "items", "results"}
    lower = [*(PACKAGE / "nlp").glob("*.py"), PACKAGE / "lexicon.py", *(PACKAGE / "languages").glob("*.py")]
    for path in lower:
        bad = {m for m in imports(path) if len(m.split(".")) > 1 and m.split(".")[1] in above}
        assert not bad, (path.name, bad)
    for path in (PACKAGE / "languages").glob("*.py"):
        assert all(m.startswith("smartlint.languages") for m in imports(path)), path.name
