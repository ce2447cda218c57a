"""Bad input never raises: every file problem is a finding at its exact position."""

from __future__ import annotations

import pytest

from smartlint.load import Source, load_text


def codes(findings):
    return [(f.rule, f.line, f.column) for f in findings]


def test_syntax_error_is_located(lint):
    findings = lint("goals:\n  - title: Sign 40 deals: by June\n")
    assert [(f.rule, f.line) for f in findings] == [("Y001", 2)]
    assert findings[0].severity == "error"
    assert "invalid YAML" in findings[0].message


def test_unclosed_quote(lint):
    findings = lint('goals:\n  - title: "Sign 40 deals\n')
    assert findings and findings[0].rule == "Y001"


def test_duplicate_key_is_located_and_the_rest_still_linted(lint):
    text = "language: en\ngoals:\n  - title: Sign 40 deals by 30 June 2027\n    title: Sign 50 deals\n  - Enhance our brand\n"
    findings = lint(text)
    dup = [f for f in findings if f.rule == "Y004"]
    assert [(f.line, f.column) for f in dup] == [(4, 5)]
    assert "title" in dup[0].message
    assert any(f.rule == "S001" and f.line == 5 for f in findings)


def test_unknown_key_suggests_the_near_miss(lint):
    findings = lint("language: en\ngoals:\n  - title: Sign 40 deals by 30 June 2027\n    deadlne: 2027-06-30\n")
    [f] = [f for f in findings if f.rule == "Y002"]
    assert (f.line, f.column, f.path) == (4, 5, "goals[0]")
    assert "`deadline`" in f.suggestion


def test_unknown_top_level_key_in_french_gets_the_english_key(lint):
    findings = lint("langue: fr\ngoals:\n  - Signer 40 contrats d'ici le 30 juin 2027\n")
    [f] = [f for f in findings if f.rule == "Y002"]
    assert (f.line, f.column) == (1, 1) and "`language`" in f.suggestion


def test_wrong_type_points_at_the_value_and_keeps_the_item(lint):
    text = "language: en\nperiod: 2027-Q1\nobjectives:\n  - title: Win Spain\n    key_results:\n      - title: Sign 40 deals\n        target: forty\n"
    findings = lint(text)
    [f] = [f for f in findings if f.rule == "Y003"]
    assert (f.line, f.column) == (7, 17)
    assert "number" in f.message and "forty" in f.message
    assert not any(f.rule == "M001" for f in findings)  # the title still has its number


@pytest.mark.parametrize("period", ["2027-Q5", "27-Q1", "2027-H3", "{start: 2027-03-01, end: 2027-01-01}", "2027-13"])
def test_invalid_period(lint, period):
    findings = lint(f"period: {period}\nobjectives:\n  - title: Win Spain\n")
    [f] = [f for f in findings if f.rule == "Y003"]
    assert (f.line, f.column) == (1, 9)


@pytest.mark.parametrize("period", ["2027", "2027-Q1", "2027-T2", "2027-H1", "2027-S2", "2027-03", "{start: 2027-01-01, end: 2027-03-31}"])
def test_valid_periods(lint, period):
    findings = lint(f"period: {period}\nobjectives:\n  - title: Win Spain\n")
    assert not [f for f in findings if f.criterion == "schema"]


def test_invalid_deadline(lint):
    findings = lint("goals:\n  - title: Sign 40 deals\n    deadline: 2027-02-30\n")
    [f] = [f for f in findings if f.rule == "Y003"]
    assert (f.line, f.column) == (3, 15)


def test_empty_title_and_missing_title(lint):
    findings = lint('goals:\n  - title: ""\n  - owner: Ana\n')
    assert [(f.rule, f.line) for f in findings if f.criterion == "schema"] == [("Y005", 2), ("Y005", 3)]


def test_not_utf8(lint, tmp_path):
    from smartlint.engine import Settings, lint_paths

    path = tmp_path / "latin1.yaml"
    path.write_bytes("goals:\n  - Réduire\n".encode("latin-1"))
    [f] = lint_paths([(path, "latin1.yaml")], Settings()).findings
    assert (f.rule, f.line, f.column) == ("Y001", 2, 6)
    assert "UTF-8" in f.message


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_top_level_not_a_mapping(lint, text):
    [f] = lint(text)
    assert f.rule == "Y003" and f.line == 1


def test_empty_file(lint):
    [f] = lint("")
    assert f.rule == "Y005"


def test_item_of_wrong_shape(lint):
    findings = lint("goals:\n  - [a, b]\n  - 12\n")
    assert [(f.rule, f.line) for f in findings] == [("Y003", 2), ("Y003", 3)]


def test_list_expected(lint):
    [f] = [f for f in lint("objectives: Win Spain\n") if f.rule == "Y003"]
    assert (f.line, f.column) == (1, 13)


def test_deeply_nested_garbage_does_not_raise(lint):
    text = "goals: " + "[" * 5000 + "]" * 5000 + "\n"
    findings = lint(text)
    assert findings and findings[0].criterion == "schema"


def test_word_positions_through_plain_quoted_and_block_scalars(lint):
    text = (
        "language: en\n"
        "goals:\n"
        "  - Sign TBD deals by 30 June 2027\n"
        "  - title: 'It''s TBD by 30 June 2027'\n"
        "  - title: >-\n"
        "      Sign 4 deals with\n"
        "      TBD partners by 30 June 2027\n"
    )
    found = [(f.line, f.column, f.end_column) for f in lint(text) if f.rule == "S002"]
    assert found == [(3, 10, 13), (4, 19, 22), (7, 7, 10)]


def test_source_align_maps_escapes_without_drifting():
    text = 'title: "caf\\u00e9 TBD"\n'
    src = Source(text)
    offsets = src.align("café TBD", 0, 7)
    assert offsets[5] == (1, 19)


def test_keys_and_items_keep_inheritance():
    loaded = load_text("f.yaml", "owner: Team\nperiod: 2027-Q1\nobjectives:\n  - title: Win\n    period: 2027-Q2\n"
                                 "    key_results:\n      - Sign 4 deals\ngoals:\n  - Sign 4 deals\n")
    objective, kr, goal = loaded.nodes
    assert kr.owner == "Team" and kr.period.label == "2027-Q2" and kr.parent is objective
    assert goal.period is None  # a standalone goal needs its own deadline


def test_alias_bomb_is_a_problem_not_a_hang(lint):
    # Each level repeats the previous one ten times: the owner would expand to 10**8 strings.
    lines = ["x0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 8):
        lines.append(f"x{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    lines += ["goals:", "  - title: Sign 4 deals by 30 June 2027", "    owner: *a7"]
    findings = lint("\n".join(lines) + "\n")
    [f] = [f for f in findings if f.rule == "Y003"]
    assert "too large" in f.message and f.line == 11


def _editor_positions(text: str, needle: str) -> list[tuple[int, int]]:
    """(line, column) of each `needle` as an editor shows them: lines end at LF, CR LF or CR only."""
    import re

    return [(number, m.start() + 1) for number, line in enumerate(re.split("\r\n|\r|\n", text), start=1)
            for m in re.finditer(re.escape(needle), line)]


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
@pytest.mark.parametrize("text", [
    "goals:\n  - Sign{c}4 deals TBD\n  - title: \"Ship{c}it TBD\"\n  - Grow TBD\n",  # inside plain and quoted titles
    "goals:{c}\n  - Sign 4 deals TBD{c}\n  - Grow TBD\n",  # after a key and after a value
    "# c{c}x\ngoals:\n  - Grow TBD # note{c} more\n  - Ship TBD\n",  # inside comments
    "goals:\n  - title: Sign{c} 4 TBD\n    owner: TBD{c}\n  - Ship{c}{c} TBD\n  - 'a{c}b TBD'\n",
    "goals:\r\n  - Sign{c}4 TBD\r\n  - Ship{c}TBD\r  - Grow TBD\n",  # with CR LF and a lone CR
], ids=["titles", "after", "comments", "fields", "crlf"])
def test_unicode_separators_are_characters_of_their_line_and_findings_point_where_an_editor_shows(lint, char, text):
    text = text.format(c=char)
    found = sorted((f.line, f.column) for f in lint(text, today=__import__("datetime").date(2027, 1, 1))
                   if f.rule == "S002")
    assert found == _editor_positions(text, "TBD")


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_a_problem_after_a_unicode_separator_is_located_on_the_editor_line(lint, char):
    text = f"goals:\n  - title: Sign{char}4 deals\n    ownr: Ana{char}\n  # smartlint: disable=S001{char}x\n"
    found = [(f.rule, f.line, f.column) for f in lint(text) if f.rule.startswith("Y")]
    assert ("Y002", 3, 5) in found  # the unknown key, on the third line as an editor counts
    assert all(line <= 4 for _rule, line, _col in found)
    src = Source(text)
    assert len(src.line_starts) == 5 and src.position(text.index("ownr")) == (3, 5)
