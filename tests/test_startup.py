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
# output and the progress bar draw with it), the language server's stack, schema validation.
HEAVY = ("spacy", "thinc", "rich", "pygls", "lsprotocol", "jsonschema")
MACHINE_FORMATS = ("json", "concise", "github", "sarif")

PROBE = """\
import json, sys
from smartlint.cli import main
sys.argv = ['smartlint', 'check', '--format', sys.argv[1], '--', sys.argv[2]]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split('.')[0] in %r)
sys.stderr.write('\\nLOADED ' + json.dumps(sorted({m.split('.')[0] for m in heavy})) + '\\n')
""" % (HEAVY,)


def _loaded(fmt: str, path: Path, env: dict[str, str]) -> tuple[list[str], str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, fmt, str(path)], capture_output=True, text=True,
                          env=env, timeout=180)
    line = [x for x in proc.stderr.splitlines() if x.startswith("LOADED ")]
    assert line, proc.stderr
    return json.loads(line[-1][len("LOADED "):]), proc.stdout


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A goal file whose titles are all in the analysis cache (a first run analysed them)."""
    root = tmp_path_factory.mktemp("startup")
    path = root / "goals.yaml"
    path.write_text(PLAN, encoding="utf-8")
    env = {**os.environ, "SMARTLINT_CACHE_DIR": str(root / "cache"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    first, _ = _loaded("json", path, env)
    assert "spacy" in first  # the probe sees imports: the cold run had to analyse the titles
    return path, env


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_cached_machine_formats_import_nothing_heavy(warm, fmt):
    path, env = warm
    loaded, out = _loaded(fmt, path, env)
    assert loaded == [], f"--format {fmt} imported {loaded}"
    assert "S001" in out  # it did check: the vague verb of O1 is reported


def test_cached_text_output_imports_rich_but_not_spacy(warm):
    path, env = warm
    loaded, out = _loaded("text", path, env)
    assert "spacy" not in loaded and "pygls" not in loaded and "jsonschema" not in loaded
    assert "S001" in out
