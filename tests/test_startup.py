"""Start-up cost: a re-check whose titles are all cached imports only what its output needs.

The pre-commit hook mostly re-checks files whose titles are cached; there the run's cost is its
imports. Each check below runs in a fresh interpreter and reports the heavy modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PLAN = """\
language: en
objectives:
  - id: O1
    title: "Enhance our brand presence"
    key_results:
      - title: "Raise weekly demos from 10 to 25 by 30 June 2027"  # smartlint: disable=S001 reason=kept
      - title: "Improve the onboarding"
goals:
  - "Publish 12 customer stories by 30 June 2027"
"""

# Modules no machine-readable re-check needs: spaCy (titles are cached), Rich (only the text
# output and the progress bar draw with it), the language server's stack, schema validation, Babel
# (a build tool: translations are read from compiled catalogues with the standard library), and
# the YAML parsers (an unchanged file's findings are stored whole: smartlint.results).
HEAVY = ("spacy", "thinc", "rich", "pygls", "lsprotocol", "jsonschema", "babel", "ruamel", "yaml")
MACHINE_FORMATS = ("json", "concise", "github", "sarif")

PROBE = """\
import importlib, json, sys
main = importlib.import_module(sys.argv[3]).main
sys.argv = ['smartlint', 'check', '--format', sys.argv[1], '--', sys.argv[2]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write('\\nLOADED ' + json.dumps(sorted({m.split('.')[0] for m in sys.modules})) + '\\n')
from smartlint.lexicon import load_lexicon
built = [lang for lang in ('en', 'fr') if load_lexicon(lang)._verbs is not None]
sys.stderr.write('VERB TABLES ' + json.dumps(built) + '\\n')
"""


def _probe(fmt: str, path: Path, env: dict[str, str], entry: str = "smartlint.cli",
           heavy: tuple[str, ...] = HEAVY) -> tuple[list[str], list[str], str]:
    """(the `heavy` top-level modules imported, languages whose verb table was built, standard
    output) of a check run through `entry` (the full command line, or the entry point that serves
    an unchanged re-check)."""
    proc = subprocess.run([sys.executable, "-c", PROBE, fmt, str(path), entry], capture_output=True, text=True,
                          env=env, timeout=180)
    found = {}
    for line in proc.stderr.splitlines():
        for tag in ("LOADED ", "VERB TABLES "):
            if line.startswith(tag):
                found[tag] = json.loads(line[len(tag):])
    assert len(found) == 2, proc.stderr
    return [m for m in found["LOADED "] if m in heavy], found["VERB TABLES "], proc.stdout


def _loaded(fmt: str, path: Path, env: dict[str, str]) -> tuple[list[str], str]:
    loaded, _verbs, out = _probe(fmt, path, env)
    return loaded, out


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A goal file whose titles are all in the analysis cache (a first run analysed them)."""
    root = tmp_path_factory.mktemp("startup")
    path = root / "goals.yaml"
    path.write_text(PLAN, encoding="utf-8")
    env = {**os.environ, "SMARTLINT_CACHE_DIR": str(root / "cache"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    first, verbs, _ = _probe("json", path, env)
    assert "spacy" in first  # the probe sees imports: the cold run had to analyse the titles
    assert verbs == ["en"]  # and it sees the verb table the analysis looked verbs up in
    return path, env


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_cached_machine_formats_import_nothing_heavy(warm, fmt):
    path, env = warm
    loaded, out = _loaded(fmt, path, env)
    assert loaded == [], f"--format {fmt} imported {loaded}"
    assert "S001" in out  # it did check: the vague verb of O1 is reported


def test_cached_text_output_off_a_terminal_imports_nothing_heavy(warm):
    """Off a terminal Rich would draw no style: the text is written without it."""
    path, env = warm
    loaded, out = _loaded("text", path, env)
    assert loaded == [], f"--format text imported {loaded}"
    assert "S001" in out


def test_cached_recheck_never_builds_the_verb_table(warm):
    """Inflecting every listed verb is most of the cost of loading the word lists; a re-check whose
    titles are cached reads a few plain lists (fillers, determiners) and never looks a verb up."""
    path, env = warm
    _loaded_modules, verbs, out = _probe("json", path, env)
    assert verbs == [] and "S001" in out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_served_recheck_imports_no_models_parser_or_command_line(warm, fmt):
    """The hook's plain form, answered from stored results by the entry point: no pydantic (the
    configuration is only looked up, the findings are plain data), no typer, no YAML parser."""
    path, env = warm
    subprocess.run([sys.executable, "-m", "smartlint", "check", "--format", fmt, "--", str(path)], env=env,
                   capture_output=True, timeout=180)  # the stored result of this format and command line
    loaded, _verbs, out = _probe(fmt, path, env, entry="smartlint.entry",
                                 heavy=HEAVY + ("pydantic", "pydantic_core", "typer", "click"))
    assert "S001" in out
    assert loaded == [], loaded
