"""The parser's own usage errors in the interface language (smartlint.usage_errors)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(args: list[str], lang: str, cwd: Path = EXAMPLES) -> subprocess.CompletedProcess:
    env = dict(os.environ, LANG=lang, LC_ALL=lang, LANGUAGE="", NO_COLOR="1", COLUMNS="200",
               SMARTLINT_CACHE_DIR=os.environ.get("SMARTLINT_CACHE_DIR", ""))
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "smartlint", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("args, french", [
    (["check", "--foo", "okrs-fr.yaml"], "Option inconnue : --foo (options possibles : --format)"),
    (["chek", "okrs-fr.yaml"], "Commande inconnue : « chek ». Vouliez-vous dire 'check'"),
    (["check"], "Il manque l'argument 'paths'."),
    (["check", "--format", "xml", "okrs-fr.yaml"], "Valeur invalide pour '--format' / '-f' : 'xml'"),
    (["check", "--format"], "L'option « --format » attend une valeur."),
    (["rule", "S001", "extra"], "Argument en trop (extra)"),
])
def test_a_french_interface_gets_the_parsers_usage_errors_in_french(args, french):
    proc = run(args, "fr_FR.UTF-8")
    assert proc.returncode == 2
    assert "Erreur : " + french in proc.stderr.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Error" not in proc.stderr and "Usage:" not in proc.stderr and "Try '" not in proc.stderr
    if args[0] == "check" and args != ["check", "--format"]:  # usage of the command that was run
        assert "check --help » pour l'aide" in proc.stderr.replace("\u202f", " ").replace("\u00a0", " ")


def test_an_english_interface_keeps_the_parsers_own_words():
    proc = run(["check", "--foo", "okrs-fr.yaml"], "C.UTF-8")
    assert proc.returncode == 2 and "No such option: --foo" in proc.stderr and "check --help' for help" in proc.stderr


def test_a_french_interface_keeps_the_commands_exit_statuses(tmp_path):
    cache = {"SMARTLINT_CACHE_DIR": str(tmp_path)}
    os.environ.update(cache)
    try:
        assert run(["check", "okrs-fr.yaml"], "fr_FR.UTF-8").returncode == 1  # findings
        assert run(["check", "good-goals.yaml"], "fr_FR.UTF-8").returncode == 0
        assert run(["rule", "S001"], "fr_FR.UTF-8").returncode == 0
        assert run(["rule", "Z999"], "fr_FR.UTF-8").returncode == 2
    finally:
        os.environ.pop("SMARTLINT_CACHE_DIR")
