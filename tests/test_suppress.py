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
