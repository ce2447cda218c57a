"""Findings speak the language of the goal they are about; --messages and the `messages:`
configuration key choose otherwise; every rule's messages exist in every language."""

from __future__ import annotations

import ast
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import case_file, lint_text, write
from smartlint import i18n, languages
from smartlint.engine import Settings, lint_paths
from smartlint.i18n import Text
from smartlint.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"

MIXED = """\
owner: Équipe
period: 2027-Q1
objectives:
  - title: Améliorer le pipeline des ventes
    key_results:
      - Renforcer la qualité de notre documentation
      - Attirer davantage de prospects qualifiés
      - Signer 10 nouveaux contrats annuels
  - title: Grow the partner channel
    key_results:
      - Enhance the quality of our documentation
      - Get more qualified leads from partners
      - Sign 10 new annual contracts
"""


def _translated(text: Text, lang: str) -> list[str]:
    """The msgids of a Text (and of the Texts it quotes) missing from `lang`'s catalogue."""
    found = i18n.catalog(lang, text.domain)
    entries = getattr(found, "_catalog", {})
    key = (text.msgid, 0) if text.plural is not None else text.msgid
    missing = [] if key in entries else [text.msgid]
    for value in text.args.values():
        if isinstance(value, Text):
            missing += _translated(value, lang)
    return missing


def _case_findings(tmp_path):
    """Every finding of every failing case of every rule (tests/cases: titles, items and whole
    files, in both languages)."""
    from ruamel.yaml import YAML

    for path in sorted(CASES.glob("*.yaml")):
        for case in YAML(typ="safe").load(path.read_text(encoding="utf-8")):
            if "fail_file" in case:
                yield from lint_text(tmp_path, case["fail_file"])
            elif "fail" in case:
                text, _, _ = case_file(case["lang"], case["level"], case["fail"])
                yield from lint_text(tmp_path, text)


def test_every_rule_message_and_suggestion_is_marked_and_translated(tmp_path):
    """Walks the registry's rules through their failing cases: each finding's message and
    suggestion is a marked text with an entry in every language's catalogue (so a rule that
    adds a message without translating it fails here), and is shown in its goal's language."""
    seen = set()
    problems = []
    for finding in _case_findings(tmp_path):
        seen.add(finding.rule)
        for name in ("message", "suggestion"):
            value = getattr(finding, name)
            if not value:
                continue
            if not isinstance(value, Text):
                problems.append(f"{finding.rule} {name} is not marked for translation: {value!r}")
                continue
            assert value.lang == finding.language
            for lang in languages.codes():
                if lang != i18n.SOURCE:
                    problems += [f"{finding.rule} {name} not in {lang}: {m!r}" for m in _translated(value, lang)]
    assert problems == []
    # every rule of the registry was exercised
    assert seen == set(all_rules())


MARKED_CALLS = {"Report": (0, 1), "problem": (3, 4), "Problem": (3, 4)}


def test_messages_are_never_written_as_plain_strings():
    """A finding's message or suggestion passed as a literal or an f-string is never translated:
    every call that makes one gets a marked text (`_(...)`) or a variable holding one."""
    found = []
    for path in sorted((ROOT / "smartlint").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for index in MARKED_CALLS.get(name, ()):
                if index < len(node.args):
                    arg = node.args[index]
                    if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                                                          and arg.value):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_a_mixed_file_gets_each_finding_in_its_goals_language(tmp_path):
    findings = lint_text(tmp_path, MIXED)
    by_line = {}
    for f in findings:
        by_line.setdefault(f.line, set()).add(f.language)
    assert by_line[6] == {"fr"} and by_line[7] == {"fr"}
    assert by_line[11] == {"en"} and by_line[12] == {"en"}
    vague_fr = next(f for f in findings if f.rule == "S001" and f.line == 6)
    vague_en = next(f for f in findings if f.rule == "S001" and f.line == 11)
    assert vague_fr.message == "verbe vague «\u202fRenforcer\u202f» sans cible chiffrée"
    assert vague_fr.suggestion.startswith("Indiquez le chiffre")
    assert vague_en.message == 'vague verb "Enhance" with no quantified target'
    # the same rule, the same analysis: only the words differ
    assert vague_fr.message.msgid == vague_en.message.msgid


@pytest.mark.parametrize("choice", ["fr", "en"])
def test_messages_setting_overrides_the_goals_language(tmp_path, choice):
    findings = lint_text(tmp_path, MIXED, messages=choice)
    assert findings and {f.language for f in findings} == {choice}
    vague = [f.message for f in findings if f.rule == "S001"]
    expected = {"fr": "verbe vague", "en": "vague verb"}[choice]
    assert len(vague) == 2 and all(m.startswith(expected) for m in vague)


def test_the_configuration_key_chooses_the_messages_language(tmp_path):
    write(tmp_path, ".smartlint.yaml", "messages: en\n")
    path = write(tmp_path, "goals.yaml", MIXED)
    findings = lint_paths([(path, "goals.yaml")], Settings()).findings
    assert {f.language for f in findings} == {"en"}
    # the command line wins over the configuration
    findings = lint_paths([(path, "goals.yaml")], Settings(messages="fr")).findings
    assert {f.language for f in findings} == {"fr"}


def test_a_bad_messages_key_says_what_was_meant(tmp_path):
    from smartlint.config import ConfigError, load

    bad = write(tmp_path, "a/.smartlint.yaml", "message: fr\n")
    with pytest.raises(ConfigError, match="did you mean `messages`"):
        load(bad)
    bad = write(tmp_path, "b/.smartlint.yaml", "messages: de\n")
    with pytest.raises(ConfigError, match="messages"):
        load(bad)


def test_file_level_findings_follow_the_files_language(tmp_path, monkeypatch):
    text = "language: fr\nperiode_x: 2027\nobjectives:\n  - title: Conquérir le marché espagnol\n"
    findings = lint_text(tmp_path, text)
    unknown = next(f for f in findings if f.rule == "Y002")
    assert unknown.language == "fr" and unknown.message.startswith("clé inconnue `periode_x`")
    # a file that says nothing of its language: the interface language (the locale)
    monkeypatch.setattr(i18n, "_interface", "fr")
    broken = lint_text(tmp_path, "objectives: [\n", name="broken.yaml")
    assert broken and all(f.language == "fr" for f in broken)
    assert broken[0].message.startswith("YAML invalide")


def test_a_field_problem_speaks_its_items_language(tmp_path):
    text = ("objectives:\n  - title: Conquérir le marché espagnol\n    key_results:\n"
            "      - title: Signer 10 nouveaux distributeurs\n        deadline: demain\n"
            "  - title: Win the Spanish market\n    key_results:\n"
            "      - title: Sign 10 new distributors\n        deadline: tomorrow\n")
    findings = [f for f in lint_text(tmp_path, text) if f.rule == "Y003"]
    assert [f.language for f in findings] == ["fr", "en"]
    assert findings[0].message == "`deadline`\u00a0: 'demain' n'est pas une date\u00a0: écrivez-la au format AAAA-MM-JJ"
    assert findings[1].message == "`deadline`: 'tomorrow' is not a date: write it as YYYY-MM-DD"


def test_baselines_match_whatever_the_language(tmp_path):
    """Fingerprints use the English form of file-level messages."""
    from smartlint.fingerprint import fingerprints

    text = "language: fr\nperiode_x: 2027\nobjectives:\n  - title: Conquérir le marché espagnol\n"
    path = write(tmp_path, "goals.yaml", text)
    fr = lint_paths([(path, "goals.yaml")], Settings())
    en = lint_paths([(path, "goals.yaml")], Settings(messages="en"))
    assert fingerprints(fr) == fingerprints(en)


def _cli(*args: str, env: dict[str, str] | None = None):
    import os
    import subprocess
    import sys

    full = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "smartlint", *args], capture_output=True, text=True, env=full,
                          timeout=120)


def test_cli_messages_option_and_json_language_key(tmp_path):
    path = write(tmp_path, "goals.yaml", MIXED)
    auto = json.loads(_cli("check", "-f", "json", "--", str(path)).stdout)["findings"]
    assert {f["language"] for f in auto} == {"fr", "en"}
    forced = json.loads(_cli("check", "-f", "json", "--messages", "fr", "--", str(path)).stdout)["findings"]
    assert {f["language"] for f in forced} == {"fr"}
    assert [(f["rule"], f["line"], f["column"]) for f in forced] == [(f["rule"], f["line"], f["column"]) for f in auto]


def test_locale_variables_drive_usage_errors():
    fr = _cli("check", "--today", "demain", "x.yaml", env={"LC_ALL": "", "LANG": "fr_FR.UTF-8"})
    en = _cli("check", "--today", "demain", "x.yaml", env={"LC_ALL": "", "LANG": "en_US.UTF-8"})
    assert fr.returncode == en.returncode == 2
    assert "une date au format AAAA-MM-JJ" in fr.stderr
    assert "expected a date as YYYY-MM-DD" in en.stderr
    forced = _cli("check", "--messages", "en", "--today", "demain", "x.yaml", env={"LC_ALL": "fr_FR.UTF-8"})
    assert "expected a date as YYYY-MM-DD" in forced.stderr


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "gitlab", "concise", "text"])
def test_every_format_carries_the_translated_text(tmp_path, fmt):
    path = write(tmp_path, "goals.yaml", MIXED)
    out = _cli("check", "-f", fmt, "--", str(path), env={"GITHUB_ACTIONS": ""}).stdout
    assert "verbe vague" in out and "vague verb" in out
    if fmt == "sarif":
        doc = json.loads(out)
        texts = [r["message"]["text"] for r in doc["runs"][0]["results"]]
        assert any(t.startswith("verbe vague") for t in texts)
    elif fmt == "junit":
        ET.fromstring(out)  # well-formed
    elif fmt == "gitlab":
        assert all("description" in issue for issue in json.loads(out))
