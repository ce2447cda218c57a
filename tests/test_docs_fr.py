"""The texts about the tool in French: rule documentation, `rules`, the report's labels, the command
help, the `init` starter and README.fr.md. A French reader of `smartlint rule` and of the report of
a French plan meets no English label; the catalogue has no entry left in English."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import VisibleText
from smartlint import i18n, report_texts
from smartlint.cli import app
from smartlint.docs_i18n import CRITERIA, SEVERITIES, levels_text, rule_data, rule_page, translate_help, tr
from smartlint.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import catalogs  # noqa: E402

runner = CliRunner()
RULES = all_rules()
FR_PLAN = ROOT / "examples" / "okrs-fr.yaml"

# Entries whose French is the English on purpose: words French shares, codes, placeholders alone.
SAME_IN_FRENCH = {"Arguments", "Options", "code", "info", "initiative", "{title} ({as_of})", "{day} {month} {year}"}
# English words that never belong in a French sentence (the quoted words of goals aside).
ENGLISH = {"the", "and", "with", "without", "of", "is", "are", "for", "that", "this", "to", "by", "be", "it", "its",
           "when", "which", "what", "from", "has", "have", "not", "every", "no", "as", "at", "per", "clean", "owner",
           "score", "lint", "progress", "target", "baseline", "current", "status", "findings", "finding", "worst",
           "history", "goal", "goals", "key", "result", "results", "objective", "objectives", "track", "risk",
           "reported", "started", "met", "done", "exceeded", "below", "warning", "error", "fails", "passes",
           "criterion", "severity", "levels", "default", "examples", "summary", "standalone", "details",
           "contents", "team", "usage", "commands", "show", "message", "exit", "print", "write", "file"}


def docs_catalogue() -> dict:
    return {m.id: m for m in catalogs._read(catalogs.po_path("fr", i18n.DOCS_DOMAIN), "fr", i18n.DOCS_DOMAIN) if m.id}


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def without_quotes(text: str) -> str:
    """A French text less what it quotes or names: goals' words in « », code in backticks, rule
    names, file names."""
    text = re.sub(r"\S+\.(?:ya?ml|py|json|toml)\b", " ", text)
    text = re.sub(r"«[^»]*»", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"\b[a-z]+(?:[-_][a-z]+)+\b", " ", text)  # rule names, word-list names


def test_no_french_entry_is_left_in_english():
    """Untranslated entries are what a test of missing entries cannot see: a msgstr copied from the
    English. Only words French shares, codes and bare placeholders may stay the same."""
    same = {key for key, m in docs_catalogue().items()
            if (m.string[0] if isinstance(m.string, tuple) else m.string) == (key[0] if isinstance(key, tuple) else key)}
    assert same <= SAME_IN_FRENCH, sorted(same - SAME_IN_FRENCH)


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented_in_french_faithfully(code):
    """The French page translates the whole documentation and keeps what it names as written: the
    keys and commands in backticks, rule codes and rule names."""
    rule = RULES[code]
    english, french = rule.doc(), rule_data(rule, "fr")["doc"]
    assert french != english and rule_data(rule, "fr")["summary"] == french.split("\n\n")[0].replace("\n", " ")
    assert ("Position on contested cases" in english) == ("Position sur les cas discutés" in french)
    def named(text: str) -> set[str]:  # code spans (one line), rule codes and rule names
        spans = {" ".join(m.split()) for m in re.findall(r"`[^`]+`", text)}
        return spans | set(re.findall(r"\b[A-Z]\d{3}\b", text)) | {r.name for r in RULES.values() if "-" in r.name and r.name in text}

    assert named(english) <= named(french), named(english) - named(french)
    assert not words(without_quotes(french)) & ENGLISH - {"info"}, words(without_quotes(french)) & ENGLISH
    for name, option in rule_data(rule, "fr")["options"].items():
        assert option["description"] != rule.Options.model_fields[name].description


def test_rule_page_in_french_has_no_english_label():
    page = CliRunner().invoke(app, ["rule", "S001", "--messages", "fr"]).stdout
    assert "Un verbe vague sans cible chiffrée." in page
    assert "critère\u00a0: spécifique (specific)" in page and "Exemples\u00a0:" in page
    lines = [line for line in page.splitlines()[1:] if not line.startswith("  [")]  # the examples quote goals
    shown = re.sub(r"\([a-z_]+\)", " ", "\n".join(lines))  # "avertissement (warning)": the configuration's word
    left = words(without_quotes(shown)) & ENGLISH
    assert not left, left
    examples = [line for line in page.splitlines() if line.startswith("  [")]
    assert examples and all(", résultat clé, " in line and line.endswith(tuple(ex.text for ex in RULES["S001"].examples))
                            for line in examples)


def test_rule_json_in_french_keeps_the_codes():
    data = json.loads(runner.invoke(app, ["rule", "A001", "--messages", "fr", "--format", "json"]).stdout)
    assert data["language"] == "fr" and data["criterion"] == "achievable" and data["levels"] == ["goal", "key_result"]
    assert data["summary"].startswith("Un changement promis") and "max_increase" in data["options"]
    english = json.loads(runner.invoke(app, ["rule", "A001", "--messages", "en", "--format", "json"]).stdout)
    assert english["language"] == "en" and english["doc"] == RULES["A001"].doc()


def test_rules_listing_in_french():
    run = runner.invoke(app, ["rules", "--messages", "fr"], env={"COLUMNS": "250"})
    assert run.exit_code == 0
    for heading in ("nom", "critère", "gravité", "niveaux", "résumé"):
        assert heading in run.stdout
    assert "spécifique" in run.stdout and "avertissement" in run.stdout and "objectif SMART, résultat clé" in run.stdout
    data = json.loads(runner.invoke(app, ["rules", "--messages", "fr", "--format", "json"]).stdout)
    assert [d["code"] for d in data] == sorted(RULES) and all(d["language"] == "fr" for d in data)


def test_the_locale_chooses_the_docs_language():
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    run = subprocess.run([sys.executable, "-m", "smartlint", "rule", "S002"], capture_output=True, text=True,
                         env={**env, "LANG": "fr_FR.UTF-8"}, check=True)
    assert run.stdout.splitlines()[6].startswith("Un texte à compléter")
    run = subprocess.run([sys.executable, "-m", "smartlint", "rule", "S002"], capture_output=True, text=True,
                         env={**env, "LANG": "de_DE.UTF-8"}, check=True)
    assert RULES["S002"].summary() in run.stdout


# -- command help


def test_every_help_text_is_translated(monkeypatch):
    import typer.rich_utils as rich_utils

    for name in ("ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
                 "DEFAULT_STRING", "REQUIRED_LONG_STRING", "RICH_HELP", "ABORTED_TEXT"):
        if hasattr(rich_utils, name):
            monkeypatch.setattr(rich_utils, name, getattr(rich_utils, name))  # restored after the test
    english, french = typer.main.get_command(app), typer.main.get_command(app)
    translate_help(french, "fr")

    def helps(command):
        yield command.help
        for param in command.params:
            yield getattr(param, "help", None)
        for sub in getattr(command, "commands", {}).values():
            yield from helps(sub)

    pairs = [(e, f) for e, f in zip(helps(english), helps(french)) if e]
    assert len(pairs) > 40 and all(e != f for e, f in pairs), [e for e, f in pairs if e == f]
    assert rich_utils.COMMANDS_PANEL_TITLE == "Commands"  # typer's words change only when help is shown
    french.get_help(french.context_class(french, info_name="smartlint"))
    assert rich_utils.OPTIONS_PANEL_TITLE == "Options" and rich_utils.COMMANDS_PANEL_TITLE == "Commandes"


def test_help_follows_the_locale():
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(LANG="fr_FR.UTF-8", COLUMNS="100", NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "smartlint", "report", "--help"], capture_output=True, text=True,
                         env=env, check=True)
    assert "Utilisation\u00a0: python -m smartlint report" in run.stdout and "Afficher ce message et quitter." in run.stdout
    assert "Show this message" not in run.stdout and "Usage:" not in run.stdout


def test_a_french_interface_costs_no_heavy_import(tmp_path):
    """Help is translated when it is shown: a French machine-readable check imports neither Rich
    (typer's help panels) nor Babel (catalogues are compiled at build time)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    probe = ("import sys\nfrom smartlint.cli import main\n"
             "sys.argv = ['smartlint', 'check', '--format', 'json', '--', sys.argv[1]]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "sys.stderr.write('LOADED ' + ' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'babel'})))\n")
    goal = tmp_path / "goals.yaml"
    goal.write_text("language: fr\ngoals:\n  - Signer 40 contrats d'ici le 30 juin 2027\n", encoding="utf-8")
    for _ in range(2):  # the second run reads the cache, as a warm pre-commit hook does
        run = subprocess.run([sys.executable, "-c", probe, str(goal)], capture_output=True, text=True,
                             env={**env, "LANG": "fr_FR.UTF-8"})
    assert run.stderr.strip().endswith("LOADED"), run.stderr


def test_bracketed_help_is_shown_in_every_language():
    """typer reads help as Rich markup: "[default: ...]" in a help text must print, not vanish."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    for lang, shown in (("C.UTF-8", "[default: the configuration's"), ("fr_FR.UTF-8", "[par défaut\u00a0: celle de la")):
        run = subprocess.run([sys.executable, "-m", "smartlint", "check", "--help"], capture_output=True, text=True,
                             env={**env, "LANG": lang, "COLUMNS": "300", "NO_COLOR": "1"}, check=True)
        assert shown in run.stdout, lang


# -- the report of a French plan


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_report_of_a_french_plan_has_no_english(fmt):
    run = runner.invoke(app, ["report", str(FR_PLAN), "--today", "2027-02-15", "-f", fmt],
                        env={"NO_COLOR": "1", "COLUMNS": "200"})
    output = run.stdout
    if fmt == "html":
        assert "<html lang=fr>" in output
        parser = VisibleText()
        parser.feed(output)
        output = "\n".join(parser.words)
    assert "15 février 2027" in output and "0,5" in output or "0,6" in output  # dates and decimals the French way
    plan = FR_PLAN.read_text(encoding="utf-8")
    for line in plan.splitlines():  # what the user wrote (titles, owners) is not a label
        value = line.split(":", 1)[-1].split("#")[0].strip().lstrip("- ")
        if len(value) > 2:
            output = output.replace(value, " ")
    left = words(without_quotes(output)) & ENGLISH
    assert not left, f"English left in the {fmt} report: {sorted(left)}"


def test_report_numbers_and_dates_in_french():
    from datetime import date

    with report_texts.language("fr"):
        assert report_texts.day(date(2027, 3, 1)) == "1er mars 2027"
        assert report_texts.day(date(2027, 2, 15)) == "15 février 2027"
        assert report_texts.percent(0.2) == "20\u202f%" and report_texts.score(0.625) == "0,62"
        assert report_texts.number(12500.5) == "12\u202f500,5"
        assert report_texts.count_text(report_texts.LINT_FINDINGS, 0, worst="x") == "0 constat (x)"
        assert report_texts.count_text(report_texts.LINT_FINDINGS, 2, worst="x") == "2 constats (le plus grave\u00a0: x)"
    assert report_texts.day(date(2027, 3, 1)) == "2027-03-01" and report_texts.percent(0.2) == "20%"


def test_report_language_follows_the_plan_and_the_option(tmp_path):
    english = runner.invoke(app, ["report", str(ROOT / "examples" / "okrs-en.yaml"), "--today", "2027-02-15"]).stdout
    assert "as of 2027-02-15" in english
    forced = runner.invoke(app, ["report", str(FR_PLAN), "--today", "2027-02-15", "--messages", "en"]).stdout
    assert "as of 2027-02-15" in forced and "au 15" not in forced
    french = runner.invoke(app, ["report", str(FR_PLAN), "--today", "2027-02-15", "-f", "json"]).stdout
    data = json.loads(french)
    kr = data["reports"][0]["objectives"][0]["key_results"][0]
    assert kr["status"] in ("on track", "at risk", "done")  # JSON keeps its codes
    assert data["reports"][0]["language"] == "fr" and any("résultat" in n for n in data["reports"][0]["notes"])


# -- init and README.fr.md


def test_init_writes_the_french_starter_for_a_french_interface(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    subprocess.run([sys.executable, "-m", "smartlint", "init", str(tmp_path / "goals.yaml")], check=True,
                   capture_output=True, env={**env, "LANG": "fr_FR.UTF-8"})
    text = (tmp_path / "goals.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Objectifs et OKR du trimestre") and "language: fr" in text
    schema = json.loads((tmp_path / "goals.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["goals"]["description"].startswith("Les objectifs SMART isolés")


def test_the_editor_hover_speaks_the_findings_language():
    from types import SimpleNamespace

    from smartlint.lsp.server import hover_text

    finding = dict(rule="S001", name="vague-verb", criterion="specific", severity="warning", message="m", suggestion="s")
    french = hover_text(SimpleNamespace(**finding, language="fr"))
    assert "conseil\u00a0: s" in french and "Un verbe vague sans cible chiffrée." in french
    assert "affiche cette documentation" in french and "help:" not in french
    english = hover_text(SimpleNamespace(**finding, language="en"))
    assert "help: s" in english and RULES["S001"].doc() in english


def test_schema_descriptions_in_french():
    """Editors show the schema's descriptions on hover: French for a French team, same schema."""
    from smartlint.items import json_schema

    def strip(schema):
        if isinstance(schema, dict):
            return {k: None if k == "description" else strip(v) for k, v in schema.items()}
        return [strip(v) for v in schema] if isinstance(schema, list) else schema

    french = json.loads(runner.invoke(app, ["schema", "--messages", "fr"]).stdout)
    assert strip(french) == strip(json_schema())
    assert french["$defs"]["Goal"]["description"].startswith("Un objectif SMART isolé")
    assert json.loads(runner.invoke(app, ["schema", "--messages", "en"]).stdout) == json_schema()


def rules_table() -> str:
    """README.fr.md's rule table, as `smartlint rules --messages fr` lists the rules."""
    lines = ["| code | nom | critère | gravité par défaut | niveaux | ce qu'elle vérifie |", "|---|---|---|---|---|---|"]
    for code, rule in RULES.items():
        lines.append(f"| {code} | {rule.name} | {tr(CRITERIA[rule.criterion.value], 'fr')} | "
                     f"{tr(SEVERITIES[rule.severity.value], 'fr')} | {levels_text(rule, 'fr')} | "
                     f"{rule_data(rule, 'fr')['summary']} |")
    return "\n".join(lines)


def readme_part(name: str) -> str:
    readme = (ROOT / "README.fr.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- {name}:[^>]*-->\n(.*?)\n<!-- fin", readme, re.S)
    assert found, name
    return found.group(1)


def test_readme_fr_lists_every_rule_as_the_catalogue_says():
    assert readme_part("règles") == rules_table(), "regenerate it: python tests/test_docs_fr.py"


def test_readme_fr_shows_the_real_french_output():
    """The sample is what `smartlint check examples/okrs-fr.yaml` prints today."""
    assert readme_part("sortie") == check_output(), "regenerate it: python tests/test_docs_fr.py"


def check_output() -> str:
    run = subprocess.run([sys.executable, "-m", "smartlint", "check", "examples/okrs-fr.yaml"], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    return "```\n" + run.stdout.rstrip("\n") + "\n```"


def regenerate() -> None:
    """Rewrite README.fr.md's generated parts: the rule table and the sample output."""
    path = ROOT / "README.fr.md"
    readme = path.read_text(encoding="utf-8")
    for name, part in (("règles", rules_table()), ("sortie", check_output())):
        readme = re.sub(rf"(<!-- {name}:[^>]*-->\n).*?(\n<!-- fin)", lambda m: m.group(1) + part + m.group(2),
                        readme, count=1, flags=re.S)
    path.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    regenerate()
