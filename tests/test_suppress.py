"""Inline suppressions: on the line, on the next line, for the file; expiry, unused, invalid."""

from __future__ import annotations

from datetime import date

HEAD = "language: en\nowner: Ana\ngoals:\n"


def codes(findings):
    return sorted((f.rule, f.line) for f in findings if f.severity != "info")


def test_disable_on_the_line_and_by_name_or_criterion(lint):
    text = HEAD + "  - Enhance the brand by 30 June 2027  # smartlint: disable=vague-verb,measurable\n"
    assert codes(lint(text)) == []


def test_disable_next_line(lint):
    text = HEAD + "  # smartlint: disable-next-line=S001 reason=\"brand work is qualitative\"\n" \
                  "  - Enhance the brand by 30 June 2027\n  - Enhance the logo by 30 June 2027\n"
    assert codes(lint(text)) == [("M001", 5), ("M001", 6), ("S001", 6)]


def test_disable_file(lint):
    text = "# smartlint: disable-file\n" + HEAD + "  - Enhance the brand\n"
    assert codes(lint(text)) == []
    text = "# smartlint: disable-file=T001\n" + HEAD + "  - Enhance the brand\n"
    assert codes(lint(text)) == [("M001", 5), ("S001", 5)]


def test_expired_suppression_stops_hiding_and_is_reported(lint):
    text = HEAD + "  - Enhance the brand by 30 June 2027  # smartlint: disable=S001,M001 until=2027-03-31\n"
    assert codes(lint(text, today=date(2027, 3, 31))) == []
    found = lint(text, today=date(2027, 4, 1))
    assert codes(found) == [("M001", 4), ("S001", 4), ("Y006", 4)]
    expired = next(f for f in found if f.rule == "Y006")
    assert "2027-03-31" in expired.message and expired.column == 40


def test_unused_suppression(lint):
    text = HEAD + "  - Sign 40 deals by 30 June 2027  # smartlint: disable=S001\n"
    [f] = [f for f in lint(text) if f.rule == "Y007"]
    assert f.line == 4 and "S001" in f.message


def test_invalid_suppressions(lint):
    text = HEAD + ("  - Sign 40 deals by 30 June 2027  # smartlint: disable=Z999\n"
                   "  - Sign 40 deals by 30 June 2027  # smartlint: silence=S001\n"
                   "  - Sign 40 deals by 30 June 2027  # smartlint: disable=S001 until=someday\n"
                   "  - Sign 40 deals by 30 June 2027  # smartlint: disable\n")
    assert [f.line for f in lint(text) if f.rule == "Y008"] == [4, 5, 6, 7]


def test_hash_inside_a_title_is_not_a_directive(lint):
    text = HEAD + "  - \"Rank #1 on smartlint: disable=S001 searches by 30 June 2027\"\n"
    assert not [f for f in lint(text) if f.rule.startswith("Y")]


def test_suppressed_findings_do_not_fail_the_run(tmp_path):
    from typer.testing import CliRunner

    from smartlint.cli import app

    path = tmp_path / "g.yaml"
    path.write_text(HEAD + "  - Enhance the brand by 30 June 2027  # smartlint: disable=S001,M001 reason=\"later\"\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "text", str(path)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stdout
    assert "(2 suppressed)" in result.stdout


# -- a comment never hides a problem of the file itself (the attack: a broken file that passes) --

BROKEN = {
    "Y001": "goals:\n  - title: Sign 40 deals: by June\n",  # invalid YAML
    "Y002": "goals:\n  - title: Sign 40 deals by 30 June 2027\n    colour: blue\n",  # unknown key
    "Y003": "goals:\n  - title: Sign 40 deals by 30 June 2027\n    deadline: 2027-02-30\n",  # impossible date
    "Y004": "goals:\n  - title: Sign 40 deals by 30 June 2027\n    title: Sign 50 deals by 30 June 2027\n",
    "Y005": "goals:\n  - title: \"\"\n",  # missing content
    "Y009": "goals:\n  - {id: G1, title: Sign 40 deals by 30 June 2027}\n"
            "  - {id: G1, title: Hire 2 engineers by 30 June 2027}\n",
}


def _check(tmp_path, text: str):
    from typer.testing import CliRunner

    from smartlint.cli import app

    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(app, ["check", "-f", "json", "--no-cache", "--", str(path)])


def _rules(result) -> set[str]:
    import json

    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


import pytest  # noqa: E402


@pytest.mark.parametrize("code", sorted(BROKEN))
@pytest.mark.parametrize("comment", ["# smartlint: disable-file", "# smartlint: disable-file=schema",
                                     "# smartlint: disable-file={code}"])
def test_disable_file_never_hides_a_broken_file(tmp_path, code, comment):
    result = _check(tmp_path, comment.format(code=code) + "\nowner: Ana\n" + BROKEN[code])
    assert code in _rules(result), result.stdout
    assert result.exit_code == 1


@pytest.mark.parametrize("code", sorted(BROKEN))
def test_line_comments_never_hide_a_broken_file(tmp_path, code):
    lines = BROKEN[code].splitlines()
    # the comment before and on every line of the file
    text = "\n".join(f"# smartlint: disable-next-line={code}\n{line}  # smartlint: disable={code},S001"
                     if line.startswith(" ") else line for line in lines) + "\n"
    result = _check(tmp_path, "owner: Ana\n" + text)
    assert code in _rules(result), result.stdout
    assert result.exit_code == 1


def test_naming_a_schema_rule_in_a_suppression_is_itself_an_error(lint):
    text = HEAD + "  - Sign 40 deals by 30 June 2027  # smartlint: disable=Y002\n" \
                  "  - Sign 50 deals by 30 June 2027  # smartlint: disable=schema,S001\n"
    found = [f for f in lint(text) if f.rule == "Y008"]
    assert [f.line for f in found] == [4, 5]
    assert "cannot be suppressed" in found[0].message



# -- only real YAML comments are directives (the attack: a directive hidden in a value) ----------

HIDDEN = {
    "block scalar": "    metric: |\n      counted by hand\n      # smartlint: disable-file\n",
    "folded scalar": "    metric: >-\n      # smartlint: disable-file\n",
    "double-quoted": "    metric: \"x\n      # smartlint: disable-file\n      y\"\n",
    "single-quoted": "    metric: 'see\n      # smartlint: disable-file\n      y'\n",
}


@pytest.mark.parametrize("where", sorted(HIDDEN))
def test_a_directive_inside_a_value_disables_nothing(tmp_path, where):
    text = "language: en\nowner: Ana\ngoals:\n  - title: Enhance the brand\n" + HIDDEN[where]
    result = _check(tmp_path, text)
    assert {"S001", "T001"} <= _rules(result), result.stdout
    assert result.exit_code == 1


def test_a_directive_in_a_quoted_title_disables_nothing(tmp_path):
    for title in ('"Enhance the brand # smartlint: disable-file"', "'Enhance the brand # smartlint: disable-file'",
                  '"Enhance the\n    # smartlint: disable-file\n    brand"', "'Enhance the\n    # smartlint: disable-file\n    brand'"):
        result = _check(tmp_path, f"language: en\nowner: Ana\ngoals:\n  - title: {title}\n")
        assert {"S001", "T001"} <= _rules(result) and result.exit_code == 1, title


def test_real_comments_in_every_place_are_read(lint):
    text = HEAD + ("  - {title: Enhance the brand by 30 June 2027,  # smartlint: disable=S001\n"
                   "     owner: Ana}\n")
    assert codes(lint(text)) == [("M001", 4)]


def test_the_loader_keeps_the_directive_comments_the_parser_found_with_their_positions():
    from smartlint.load import load_text

    text = ('# smartlint: disable-file\ngoals:  # top\n'
            '  - title: "Rank # smartlint: disable-file"   # smartlint: disable=S001\n'
            '  - title: Plain # smartlint real\n    metric: |  # smartlint header\n      text # smartlint not a comment\n'
            '  - {title: flow, # smartlint in flow\n     owner: x}\n# smartlint end\n# other\n')
    assert load_text("g.yaml", text).comments == [
        (1, 1, "# smartlint: disable-file"), (3, 47, "# smartlint: disable=S001"),
        (4, 18, "# smartlint real"), (5, 16, "# smartlint header"), (7, 19, "# smartlint in flow"),
        (9, 1, "# smartlint end")]  # comments that name no directive ("# top", "# other") are not kept


@pytest.mark.parametrize("comment", ["disable-file=,", "disable-file=", "disable-file= ,, ", "disable=,", "disable-next-line=,"])
def test_an_empty_code_list_is_invalid_and_disables_nothing(lint, comment):
    text = f"# smartlint: {comment}\n" + HEAD + "  - Enhance the brand\n"
    found = lint(text)
    assert [f.line for f in found if f.rule == "Y008"] == [1]
    assert {"S001", "T001"} <= {f.rule for f in found}


# -- linear time (the attack: one huge comment, or thousands of them) ---------------------------

def _seconds(fn) -> float:
    import time

    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@pytest.mark.parametrize("body", [
    "disable=S001" + " " * 500_000 + "x",
    "disable=S001 " + "reason=x " * 60_000,
    "disable=" + "S001," * 100_000,
    "disable=S001 reason=\"" + "#" * 300_000,
    " " * 300_000 + "disable",
    "disable-file" + " # smartlint:" * 30_000,
])
def test_a_huge_directive_is_read_in_linear_time(body):
    from smartlint import suppress

    comment = "# smartlint: " + body
    assert _seconds(lambda: suppress.parse([(1, 1, comment)])) < 2.0
    for problem in suppress.parse([(1, 1, comment)]).problems:
        assert len(problem[1]) < 200  # the message does not echo the whole comment


def test_thousands_of_suppressions_are_matched_in_linear_time():
    from smartlint import suppress
    from smartlint.model import Finding

    n = 20_000
    parsed = suppress.parse([(i, 40, "# smartlint: disable=S001") for i in range(1, n + 1)])
    findings = [Finding(rule="S001", name="vague-verb", criterion="specific", severity="warning", file="g.yaml",
                        line=i, column=5, end_line=i, end_column=9, path="", message="", suggestion="")
                for i in range(1, n + 1)]
    seconds = _seconds(lambda: suppress.apply(findings, parsed, date(2027, 1, 1), lambda code, key: code == key))
    active, hidden, _expired = suppress.apply(findings, parsed, date(2027, 1, 1), lambda code, key: code == key)
    assert not active and len(hidden) == n and seconds < 2.0
