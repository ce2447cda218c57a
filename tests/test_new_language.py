"""Adding a language is data plus one module: a toy language "xx" (a copy of English) registered
from a temporary folder is read, configured and checked with no edit to smartlint's code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODULE = '''"""A toy language for the tests: English under another code, its word lists beside it."""
from dataclasses import replace
from pathlib import Path

from smartlint.languages.en import LANGUAGE as ENGLISH

LANGUAGE = replace(ENGLISH, code="xx", rules=Path(__file__).parent / "rules" / "xx")
'''

# Run smartlint as the command line does, with the toy module's folder added to the languages package.
RUN = """
import sys
import smartlint.languages
smartlint.languages.__path__.append(sys.argv[1])
from smartlint.cli import main
sys.argv = ["smartlint", *sys.argv[2:]]
main()
"""


def _language_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "languages"
    (folder / "rules").mkdir(parents=True)
    (folder / "xx.py").write_text(MODULE, encoding="utf-8")
    shutil.copytree(ROOT / "rules" / "en", folder / "rules" / "xx")  # the data: word lists
    return folder


def _check(folder: Path, tmp_path: Path, *args: str) -> tuple[int, dict]:
    env = {**os.environ, "SMARTLINT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-c", RUN, str(folder), "check", "--format", "json", *args],
                          capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert proc.stdout.startswith("{"), proc.stderr[-3000:]
    return proc.returncode, json.loads(proc.stdout)


def test_a_third_language_is_data_plus_one_module(tmp_path):
    folder = _language_folder(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / ".smartlint.yaml").write_text("words:\n  xx:\n    vague_verbs:\n      add: [frobnicate]\n",
                                           encoding="utf-8")
    goals = plans / "goals.yaml"
    goals.write_text("language: xx\nowner: Ana\ngoals:\n"
                     "  - Enhance the brand by 30 June 2027\n"
                     "  - Grow signups from 100 to 350 by 30 June 2027\n"
                     "  - Frobnicate the onboarding by 30 June 2027\n"
                     "  - Sign TBD deals by 30 June 2027\n", encoding="utf-8")
    code, doc = _check(folder, tmp_path, str(goals))
    by_line = {}
    for f in doc["findings"]:
        by_line.setdefault(f["line"], set()).add(f["rule"])
    assert "S001" in by_line[4]  # a listed vague verb of the language's data
    assert "S001" not in by_line[5] and "M001" not in by_line[5]  # a number and a direction
    assert "S001" in by_line[6]  # the configuration's words for the language
    assert "S002" in by_line[7]  # a placeholder of the language's data
    assert not any(f["rule"].startswith("Y") for f in doc["findings"])  # `language: xx` is valid
    assert code == 1

    # The command line offers the language too; the same goals read as English give the same findings
    # (this file has no `language:` line: each goal is a line higher).
    plain = plans / "plain.yaml"
    plain.write_text(goals.read_text(encoding="utf-8").replace("language: xx\n", ""), encoding="utf-8")
    _, forced = _check(folder, tmp_path, "--lang", "xx", str(plain))
    (tmp_path / "plain.yaml").write_text("", encoding="utf-8")  # a configuration with no words
    _, english = _check(folder, tmp_path, "--lang", "en", "--config", str(tmp_path / "plain.yaml"), str(plain))
    # (line 5, "Frobnicate...", is a vague verb only with the configuration's words for xx)
    assert (5, "S001") in {(f["line"], f["rule"]) for f in forced["findings"]}
    assert {(f["line"], f["rule"]) for f in forced["findings"] if f["line"] != 5} == \
        {(f["line"], f["rule"]) for f in english["findings"] if f["line"] != 5}


def test_an_unknown_language_is_a_located_error(tmp_path):
    goals = tmp_path / "goals.yaml"
    goals.write_text("language: xx\ngoals:\n  - Sign 4 deals\n", encoding="utf-8")
    code, doc = _check(tmp_path / "nothing", tmp_path, str(goals))
    schema = [f for f in doc["findings"] if f["rule"].startswith("Y")]
    assert [(f["rule"], f["line"]) for f in schema] == [("Y003", 1)], doc["findings"]
    assert "en, fr" in schema[0]["message"] and code == 1


def test_no_reader_branches_on_a_language_code():
    """What differs between languages lives in their Language objects: the analysis and the rules
    hold no table keyed by language code and compare no code to a literal. (The cadence forms of
    nlp/quantities.py are the one exception left, listed here so that it is not forgotten.)"""
    import ast

    allowed = {("quantities.py", "fr")}
    package = ROOT / "smartlint"
    for path in [*(package / "nlp").glob("*.py"), *(package / "checks").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            keys = node.keys if isinstance(node, ast.Dict) else []
            codes = [k.value for k in keys if isinstance(k, ast.Constant) and k.value in ("en", "fr")]
            if isinstance(node, ast.Compare):
                codes += [c.value for c in [node.left, *node.comparators]
                          if isinstance(c, ast.Constant) and c.value in ("en", "fr")]
            for code in codes:
                assert (path.name, code) in allowed, f"{path.name}:{node.lineno}: a table or test on {code!r}"
