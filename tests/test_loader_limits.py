"""Loader limits that hold against hostile files: aliases repeated through the item lists, lone
surrogates in keys, megabytes of comments. Each test is the attack, and checks the gate still
fails with a located finding, in bounded time."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from smartlint.cli import app
from smartlint.load import MAX_ALIASED_NODES, load_text


def _bomb(width: int) -> str:
    """A few hundred bytes: `width` objectives x `width` key results x `width` initiatives."""
    refs = lambda name: "[" + ",".join([f"*{name}"] * width) + "]"  # noqa: E731
    return ("defs:\n"
            "  - &i {title: Call 5 clients by 30 June 2027}\n"
            f"  - &kr {{title: Sign 4 deals by 30 June 2027, initiatives: {refs('i')}}}\n"
            f"  - &krs {refs('kr')}\n"
            "  - &o {title: Win the market, key_results: *krs}\n"
            f"objectives: {refs('o')}\n")


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


@pytest.mark.parametrize("width", [30, 60])
def test_an_alias_bomb_through_the_item_lists_is_cut_with_a_located_finding(width):
    text = _bomb(width)
    assert len(text) < 1500  # would expand to width**3 initiatives: 27,000 and 216,000
    loaded, seconds = _timed(lambda: load_text("bomb.yaml", text))
    assert len(loaded.nodes) <= MAX_ALIASED_NODES + 10
    [cut] = [p for p in loaded.problems if "aliases repeat" in p.message]
    assert cut.rule.code == "Y003" and cut.span.line > 1
    assert seconds < 30


def test_a_large_value_repeated_in_every_item_is_bounded_too():
    big = "[" + ", ".join(str(i) for i in range(5000)) + "]"
    text = (f"defs: &m {big}\ngoals:\n"
            + "".join(f"  - {{title: Sign {i} deals by 30 June 2027, metric: *m}}\n" for i in range(100)))
    loaded, seconds = _timed(lambda: load_text("g.yaml", text))
    assert any("aliases repeat" in p.message and p.rule.code == "Y003" for p in loaded.problems)
    assert seconds < 30


def test_written_out_items_and_merged_defaults_are_not_counted_as_repetitions(monkeypatch):
    from smartlint import load

    monkeypatch.setattr(load, "MAX_ALIASED_NODES", 200)
    text = "defaults: &d {owner: Ana, unit: deals}\ngoals:\n" + "".join(
        f"  - {{<<: *d, title: Sign {i} deals by 30 June 2027}}\n" for i in range(300))
    loaded = load_text("g.yaml", text)
    assert not [p for p in loaded.problems if "aliases" in p.message]
    assert len(loaded.nodes) == 300 and loaded.nodes[-1].owner == "Ana"
    repeated = "defaults: &d {title: Sign 4 deals by 30 June 2027}\ngoals: [" + ",".join(["*d"] * 300) + "]\n"
    # one finding, at the anchor that is repeated (the parser keeps no position for an alias)
    assert [p.span.line for p in load_text("g.yaml", repeated).problems if "aliases" in p.message] == [1]


def test_many_items_merging_the_same_defaults_load_in_linear_time():
    """ruamel compares every mapping that merges an anchor with all the earlier ones."""
    def seconds(n: int) -> float:
        text = "defaults: &d {owner: Ana, unit: deals}\ngoals:\n" + "".join(
            f"  - {{<<: *d, title: Sign {i} deals by 30 June 2027}}\n" for i in range(n))
        return min(_timed(lambda: load_text("g.yaml", text))[1] for _ in range(2))

    small, large = seconds(300), seconds(1200)
    assert large < 8 * small + 0.5, (small, large)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "concise"])
def test_a_lone_surrogate_in_a_key_is_a_finding_in_every_format(tmp_path, fmt):
    path = tmp_path / "g.yaml"
    path.write_text('owner: Ana\ngoals:\n  - title: Sign 4 deals by 30 June 2027\n    "\\ud800x": 1\n"\\udc00": 2\n',
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "-f", fmt, "--no-cache", "--", str(path)])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    if fmt == "json":
        keys = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "Y002"]
        assert [(f["line"], f["message"]) for f in keys] == [
            (4, "unknown key `\\ud800x` in goals[0]"), (5, "unknown key `\\udc00` at the top level")]


def test_megabytes_of_comments_load_in_linear_time():
    head = "goals:\n  - title: Sign 4 deals by 30 June 2027  # smartlint: disable=S001\n"
    line = "# a trailing comment line, as a generated file might hold\n"

    def seconds(mib: float) -> float:
        text = head + line * int(mib * 1024 * 1024 / len(line))
        return min(_timed(lambda: load_text("g.yaml", text))[1] for _ in range(2))

    small, large = seconds(0.5), seconds(2)
    assert large < 8 * small + 0.5, (small, large)  # x4 the input: linear is x4, quadratic x16
    assert large < 30


def test_every_directive_comment_is_kept_with_its_position_in_a_long_run():
    text = "goals:\n" + "".join(f"# smartlint note {i}\n# plain {i}\n" for i in range(1000)) \
           + "  - title: Sign 4 deals  # smartlint last\n" + "  # smartlint indented\n\n\n# smartlint after blank lines\n"
    comments = load_text("g.yaml", text).comments
    assert comments[:2] == [(2, 1, "# smartlint note 0"), (4, 1, "# smartlint note 1")]
    assert comments[999] == (2000, 1, "# smartlint note 999")
    assert comments[1000:] == [(2002, 26, "# smartlint last"), (2003, 3, "# smartlint indented"),
                               (2006, 1, "# smartlint after blank lines")]


def test_a_long_anchor_reused_in_many_goals_does_not_blow_up_the_output(tmp_path):
    """Each use is one title, read up to its first 1,000 characters: the output grows with the
    number of goals, not with the anchor's size times the number of uses."""
    path = tmp_path / "g.yaml"
    path.write_text('owner: Ana\ngoals:\n  - title: &t "Sign ' + "x" * 50_000 + '"\n'
                    + "  - title: *t\n" * 300, encoding="utf-8")  # written out: 15 MB of titles
    result = CliRunner().invoke(app, ["check", "-f", "json", "--no-cache", "--", str(path)])
    assert result.exit_code == 1
    assert len(result.stdout) < 2_000_000, len(result.stdout)


def test_plain_text_items_are_not_counted_as_alias_repetitions():
    # Every plain-text item used to count as a repetition of the one before (all scalars shared one
    # identity), so a list of more than 10,000 text goals lost the rest with a false alias finding.
    loaded = load_text("g.yaml", "goals:\n" + "".join(f"  - Sign {i} deals\n" for i in range(12_000)))
    assert len(loaded.nodes) == 12_000 and loaded.problems == []
