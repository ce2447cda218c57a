"""Machine formats: concise, GitHub annotations, SARIF 2.1.0 (validated), JUnit XML, auto."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from smartlint.cli import app

runner = CliRunner()
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
PLAN = ("language: en\nperiod: 2027-Q1\nobjectives:\n  - title: Win Spain, then Portugal\n    key_results:\n"
        "      - Enhance the brand\n      - Sign 10 distributors  # smartlint: disable=R001 reason=\"owned by sales\"\n"
        "      - Release the app\n")


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "team, q1.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return str(path)


def check(*args, env=None):
    return runner.invoke(app, ["check", *args], env={"NO_COLOR": "1", **(env or {})})


def test_concise(plan):
    lines = check("--format", "concise", plan).stdout.splitlines()
    assert f"{plan}:6:9: warning S001 vague verb \"Enhance\" with no quantified target" in lines
    assert all(line.startswith(plan + ":") for line in lines)


def test_github_annotations_escape_properties(plan):
    out = check("--format", "github", plan).stdout.splitlines()
    line = next(x for x in out if "S001" in x)
    assert line.startswith("::warning file=")
    assert "team%2C q1.yaml" in line and ",line=6,col=9,endLine=6,endColumn=16," in line
    assert any(x.startswith("::notice ") for x in out)  # info findings


def test_auto_is_github_in_github_actions(plan):
    assert check(plan, env={"GITHUB_ACTIONS": "true"}).stdout.startswith("::")
    assert not check(plan, env={"GITHUB_ACTIONS": ""}).stdout.startswith("::")


def test_sarif_is_valid_and_leaves_out_suppressed_findings(plan):
    result = check("--format", "sarif", plan)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["S001"]["help"]["text"] and rules["S001"]["properties"]["criterion"] == "specific"
    s001 = next(r for r in run["results"] if r["ruleId"] == "S001")
    region = s001["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (6, 9, 16)
    # GitHub shows results with `suppressions` as open alerts: the suppressed R001 is left out.
    assert not [r for r in run["results"] if r.get("suppressions")]
    r001 = [r for r in run["results"] if r["ruleId"] == "R001"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in r001] == [4, 6, 8]  # not 7


def test_junit_has_a_case_per_item(plan):
    root = ET.fromstring(check("--format", "junit", plan).stdout)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 4  # the objective and its three key results
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["objectives[0].key_results[0]: Enhance the brand",
                      "objectives[0].key_results[2]: Release the app"]
    assert root.get("failures") == "2" and suite.get("tests") == "4"


def test_junit_reports_broken_files(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("goals: [\n", encoding="utf-8")
    root = ET.fromstring(check("--format", "junit", str(path)).stdout)
    [case] = root.iter("testcase")
    assert case.find("failure").get("type") == "Y001"


@pytest.mark.parametrize("text", [
    "goals:\n  - Enhance the ##[ brand \u2028 by TBD\n  - title: \"Sign \\u202e4 deals\"\n",
    "goals:\n  - Sign 4 new reseller agreements by 30 June 2027\n",  # no finding: an empty list
])
def test_json_written_finding_by_finding_is_the_document_dumped_whole(tmp_path, text):
    import io

    from smartlint.engine import Settings, lint_paths
    from smartlint.neutral import json_text
    from smartlint.output import json as json_output

    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    result = lint_paths([(path, "g.yaml")], Settings(use_cache=False))
    out = io.StringIO()
    json_output.write(result, out)
    whole = json_text(json.dumps(json_output.document(result), ensure_ascii=False, indent=2)) + "\n"
    assert out.getvalue() == whole
    assert json.loads(out.getvalue())["summary"]["files"] == 1


# -- text output without Rich -----------------------------------------------------------------------
# Off a terminal, `--format text` is written directly: Rich would print the same characters (it
# draws no style there), and importing it costs more than a served re-check.

from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from smartlint.model import Finding, LoadedFile, Result  # noqa: E402
from smartlint.output import text as text_output  # noqa: E402

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["[bold]x[/]", "a\\[b]", "a\\ b", ":warning: ::error::", "é ü 日本", "[/]", "\\\\[x]", "x\u202ey"])


def _finding(file: str, message: str, suggestion: str, severity: str, line: int) -> Finding:
    return Finding(rule="S001", name="vague-verb", criterion="specific", severity=severity, file=file, line=line,
                   column=3, end_line=line, end_column=9, path="goals[0]", message=message, suggestion=suggestion)


def _render(result: Result, styled: bool, summary: bool, monkeypatch) -> str:
    import io

    monkeypatch.setattr(text_output, "_styled", lambda r, o: styled)
    out = io.StringIO()
    text_output.write(result, out, summary=summary)
    return out.getvalue()


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, st.sampled_from(["error", "warning", "info"]),
                          st.integers(1, 99)), max_size=4), st.booleans(), st.integers(0, 2))
def test_plain_text_output_is_what_rich_prints_off_a_terminal(rows, summary, suppressed):
    # Rich doubles a backslash that ends a text (its escape() guards a closing tag that may follow);
    # the plain output prints the text as it is, so those are left out of the comparison.
    rows = [row for row in rows if "\t" not in "".join(row[:3]) and not any(t.endswith("\\") for t in row[:3])]
    findings = sorted((_finding(*row) for row in rows), key=Finding.sort_key)
    result = Result([LoadedFile(file="a.yaml")], findings)
    result.suppressed = [(f, "x") for f in findings[:suppressed]]
    with pytest.MonkeyPatch.context() as mp:
        assert _render(result, False, summary, mp) == _render(result, True, summary, mp)


def test_rich_draws_on_a_terminal_and_when_forced(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    result = Result([], [])
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    assert text_output._styled(result, Tty())
    import io

    assert not text_output._styled(result, io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert text_output._styled(result, io.StringIO())
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert not text_output._styled(result, Tty())
    tabbed = Result([], [_finding("a.yaml", "a\tb", "", "info", 1)])
    monkeypatch.delenv("TTY_COMPATIBLE")
    assert text_output._styled(tabbed, io.StringIO())  # Rich expands tabs: it prints those


# -- JSON output: written in chunks, as the encoder writes it -------------------------------------

def _json_whole(result) -> str:
    from smartlint.neutral import json_text
    from smartlint.output import json as json_output

    return json_text(json.dumps(json_output.document(result), ensure_ascii=False, indent=2)) + "\n"


def _json_streamed(result) -> str:
    import io

    from smartlint.output import json as json_output

    out = io.StringIO()
    json_output.write(result, out)
    return out.getvalue()


def _plain_finding(message: str, line: int = 1, path: str = "goals[0]") -> "Finding":
    return Finding(rule="S001", name="vague-verb", criterion="specific", severity="warning", file="g.yaml",
                   line=line, column=3, end_line=line, end_column=10, path=path, message=message,
                   suggestion=message[::-1], language="en")


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=6), st.integers(0, 10 ** 12))
def test_json_findings_are_written_as_the_encoder_writes_them(messages, line):
    """Any text (controls, lone surrogates, separators, "##[", quotes) and number."""
    result = Result([], [_plain_finding(m, line, path=m) for m in messages])
    assert _json_streamed(result) == _json_whole(result)


def test_json_written_in_chunks_is_the_document_dumped_whole():
    from smartlint.output import json as json_output

    pieces = ["#", "##", "[", "##[", "\u2028", "\udc80", "::error::x", "\\", "\""]
    result = Result([], [_plain_finding(pieces[i % len(pieces)] * (i % 3 + 1), i) for i in range(2 * json_output.CHUNK + 7)])
    assert _json_streamed(result) == _json_whole(result)

