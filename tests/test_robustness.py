"""Any input gets a clear, located answer within bounded time; nothing crashes, nothing is written.

One test per kind of input of the robustness issue, then property-based tests (hypothesis) and a
slower fuzz run of tests/fuzz.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from smartlint.cli import app
from smartlint.engine import Settings, lint_paths

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def lint_bytes(tmp_path: Path, data: bytes, name: str = "goals.yaml"):
    path = tmp_path / name
    path.write_bytes(data)
    return lint_paths([(path, name)], Settings(use_cache=False)).findings


def only(findings, code):
    return [f for f in findings if f.rule == code]


# -- YAML syntax --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, words", [
    ('goals:\n  - "unclosed\n', 3, "unclosed quote"),
    ("goals:\n  - title: a\n owner: b\n", 3, "indentation"),
    ("goals:\n\t- tab\n", 2, "tab"),
    ("goals:\n  - a\n---\ngoals:\n  - b\n", 3, "several YAML documents"),
    ("goals:\n  - title: Goal: with colon\n", 2, "`: `"),
    ("goals:\n  - \x07bell\n", 2, "control character U+0007"),
    ("goals: [a, b\nx: 1\n", 2, "list in brackets (`[...]`) that is not closed"),
    ("goals:\n  - a: {b: 1\n", 3, "mapping in braces (`{...}`) that is not closed"),
    ("goals:\n  - @team ships\n", 2, "starts with a character YAML reserves"),
])
def test_syntax_errors_are_located_and_said_plainly(tmp_path, text, line, words):
    [f] = lint_bytes(tmp_path, text.encode())
    assert (f.rule, f.line) == ("Y001", line), f
    assert words in f.message + f.suggestion, f.message


# -- shapes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, code, line", [
    ("goals:\n  -\n", "Y003", 2),
    ("goals:\n  - title: 2027\n", "Y003", 2),
    ("goals:\n  - title: [a]\n", "Y003", 2),
    ("goals:\n  - title: Sign 4 deals\n    target: .nan\n", "Y003", 3),
    ("goals:\n  - title: Sign 4 deals\n    target: -.inf\n", "Y003", 3),
    ("goals:\n  - {id: G1, title: Sign 4 deals}\n  - {id: G1, title: Hire 2 people}\n", "Y009", 3),
    ("objectives:\n  - title: Win\n    key_results:\n      - title: x\n        owner: {a: 1}\n", "Y003", 5),
])
def test_wrong_shapes_at_any_depth(tmp_path, text, code, line):
    found = only(lint_bytes(tmp_path, text.encode()), code)
    assert found and found[0].line == line, found


# -- encodings ----------------------------------------------------------------------------------

@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"), lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), lambda t: t.encode("utf-16"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"), lambda t: t.replace("\n", "\r").encode("utf-8"),
])
def test_encodings_and_line_endings_keep_positions(tmp_path, encode):
    text = "language: en\ngoals:\n  - Sign 4 deals by 30 June 2027\n  - Enhance the brand\n"
    [f] = only(lint_bytes(tmp_path, encode(text)), "S001")
    assert (f.line, f.column) == (4, 5)


def test_undecodable_and_binary_files(tmp_path):
    [f] = lint_bytes(tmp_path, "goals:\n  - Améliorer\n".encode("latin-1"))
    assert f.rule == "Y001" and "UTF-8" in f.message
    [f] = lint_bytes(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert f.rule == "Y001" and ("binary" in f.message or "UTF-8" in f.message)


# -- hostile YAML -------------------------------------------------------------------------------

def test_billion_laughs_recursive_aliases_and_deep_nesting(tmp_path):
    lines = ["x0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        lines.append(f"x{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    lines += ["goals:", "  - title: Sign 4 deals by 30 June 2027", "    owner: *a8"]
    assert any("too large" in f.message for f in lint_bytes(tmp_path, "\n".join(lines).encode()))
    recursive = "r: &r [*r]\ngoals:\n  - title: Sign 4 deals by 30 June 2027\n    owner: *r\n"
    assert only(lint_bytes(tmp_path, recursive.encode()), "Y003")
    deep = ("goals: " + "[" * 50000 + "]" * 50000 + "\n").encode()
    [f] = lint_bytes(tmp_path, deep)
    assert f.rule == "Y001" and "levels deep" in f.message
    block = "goals:\n" + "".join(" " * (2 * i) + f"- k{i}:\n" for i in range(1, 400))
    assert only(lint_bytes(tmp_path, block.encode()), "Y001")


def test_huge_strings_and_lines(tmp_path):
    title = "Improve things " * 70000  # a single line of about 1 MB
    found = lint_bytes(tmp_path, f'goals:\n  - "{title}"\n'.encode())
    assert any("characters long" in f.message for f in found)
    assert only(found, "S001")


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system", "!custom"])
def test_tags_are_never_constructed(tmp_path, tag):
    marker = tmp_path / "HACKED"
    text = f'goals:\n  - {tag} ["touch {marker}"]\n  - title: {tag} x\n'
    found = lint_bytes(tmp_path, text.encode())
    assert not marker.exists()
    assert len(only(found, "Y003")) == 2 and all("tag" in f.message for f in only(found, "Y003"))


# -- paths --------------------------------------------------------------------------------------

def test_paths_with_spaces_unicode_symlink_loops_and_stdin(tmp_path):
    folder = tmp_path / "plans été"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "objectifs 2027.yaml").write_text("goals:\n  - Améliorer la marque\n", encoding="utf-8")
    os.symlink(folder, folder / "sub" / "loop")
    result = runner.invoke(app, ["check", "-f", "json", "--no-cache", str(folder)])
    doc = json.loads(result.stdout)
    assert doc["summary"]["files"] == 1 and result.exit_code == 1
    stdin = runner.invoke(app, ["check", "-f", "json", "--no-cache", "-"], input="goals:\n  - Enhance the brand\n")
    assert {f["file"] for f in json.loads(stdin.stdout)["findings"]} == {"-"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_a_usage_error(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text("goals: []\n")
    path.chmod(0)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "permission" in result.output


# -- guarantees ---------------------------------------------------------------------------------

@pytest.fixture
def crashing_rule(monkeypatch):
    """S001 raises on every item: stands for any bug in a rule."""
    from smartlint.checks.specific import VagueVerb

    def boom(self, node, ctx):
        raise RuntimeError("kaboom")
        yield

    monkeypatch.setattr(VagueVerb, "check", boom)


def test_a_crashing_rule_is_reported_and_the_others_run(tmp_path, crashing_rule):
    path = tmp_path / "g.yaml"
    path.write_text("goals:\n  - Enhance the brand\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "-f", "json", "--no-cache", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    doc = json.loads(result.stdout)
    crash = next(f for f in doc["findings"] if f["rule"] == "S001")
    assert "internal error" in crash["message"] and crash["severity"] == "error"
    assert {f["rule"] for f in doc["findings"]} >= {"M001", "T001"}
    assert "--debug" in result.stderr
    debug = runner.invoke(app, ["check", "-f", "json", "--no-cache", "--debug", str(path)])
    assert "kaboom" in debug.stderr and "Traceback" in debug.stderr


@pytest.mark.parametrize("config, comment", [
    ("severity: {S001: info}\n", ""),
    ("fail-on: never\n", ""),
    ("per-file-ignores: {'*.yaml': [S001]}\n", ""),
    ("", "  # smartlint: disable=S001"),
    ("", "\n# smartlint: disable-file"),
])
def test_an_internal_error_fails_the_run_whatever_the_configuration(tmp_path, monkeypatch, crashing_rule, config, comment):
    """The attack: lower the crashing rule's severity, or hide it, so that a file it cannot check passes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".smartlint.yaml").write_text(config or "language: en\n", encoding="utf-8")
    path = tmp_path / "g.yaml"
    path.write_text(f"goals:\n  - title: Sign 40 deals by 30 June 2027{comment}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "-f", "json", "--no-cache", "--", str(path)])
    assert result.exit_code == 2, result.output
    crash = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "S001"]
    assert crash and crash[0]["severity"] == "error" and "internal error" in crash[0]["message"]


def test_goal_files_are_never_written(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("goals:\n  - Enhance the brand  # comment\n", encoding="utf-8")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for fmt in ("text", "json", "sarif", "junit", "github", "concise"):
        runner.invoke(app, ["check", "-f", fmt, str(path)])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# -- properties ---------------------------------------------------------------------------------

yaml_chars = st.sampled_from(list("abcé -:#'\"[]{},&*!|>?%@`\t\r\n\\0123456789") + ["goals:", "title:", "  - ",
                                                                                   "objectives:", "key_results:"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(yaml_chars, max_size=80).map("".join))
def test_any_text_gets_located_findings_and_no_exception(tmp_path, text):
    findings = lint_bytes(tmp_path, text.encode("utf-8"))
    lines = len(text.splitlines()) + 1
    for f in findings:
        assert 1 <= f.line <= lines + 1 and f.column >= 1, f


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes(tmp_path, data):
    lint_bytes(tmp_path, data)


titles = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(titles, min_size=1, max_size=5), st.sampled_from(["fr", "en", "auto"]))
def test_valid_files_have_no_schema_findings(tmp_path, goals, lang):
    text = f"language: {lang}\ngoals:\n" + "".join(f"  - title: {json.dumps(t, ensure_ascii=False)}\n" for t in goals)
    findings = lint_bytes(tmp_path, text.encode("utf-8"))
    assert not [f for f in findings if f.criterion == "schema" and "characters long" not in f.message]
    for f in findings:
        assert 3 <= f.line <= 2 + len(goals)


@pytest.mark.slow
def test_fuzz_run():
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "fuzz.py"), "--count", "1500", "--seconds", "240"],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "SMARTLINT_CACHE_DIR": os.environ.get("SMARTLINT_CACHE_DIR", "")})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "no guarantee broken" in proc.stdout


def test_an_internal_error_fails_the_report_too(tmp_path, crashing_rule):
    """A report built on a file a rule could not check is not a passing report."""
    path = tmp_path / "g.yaml"
    path.write_text("goals:\n  - title: Sign 40 deals by 30 June 2027\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "-f", "json", "--", str(path)])
    assert result.exit_code == 2, result.output
    assert "internal error" in result.stderr and "Traceback" not in result.output
