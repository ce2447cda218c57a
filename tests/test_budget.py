"""The budget of work per goal file (`limits` in the configuration): counted, never timed, so a
file gives the same findings on every run; past it, one located Y003 finding and the rest of that
file is not read, while other files go on."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from conftest import write
from smartlint.cli import app
from smartlint.config import Limits
from smartlint.load import Budget, load_text

runner = CliRunner()
DATE = "2027-01-01"


def check(*args: str):
    result = runner.invoke(app, ["check", "-f", "json", "--no-cache", "--today", DATE, *args], env={"NO_COLOR": "1"})
    return result, (json.loads(result.stdout) if result.stdout.startswith("{") else None)


def budget_findings(doc) -> list[tuple[str, int, int, str]]:
    return [(f["file"].rsplit("/", 1)[-1], f["line"], f["column"], f["path"]) for f in doc["findings"]
            if f["rule"] == "Y003" and "budget per file" in f["message"]]


GOALS = "language: en\ngoals:\n" + "".join(f"  - Enhance the brand {i}\n" for i in range(6))  # S001 on each


def test_the_defaults_hold_a_plan_of_200000_goals_and_the_configuration_starts_from_them():
    assert Limits().budget() == Budget()
    assert Budget().items >= 200_000 and Budget().nodes >= 800_000  # the benchmark's 200,000 goals: ~780,000 nodes


def test_max_items_stops_at_the_first_item_beyond_it_and_other_files_go_on(tmp_path):
    write(tmp_path, ".smartlint.yaml", "limits:\n  max-items: 4\n")
    big = write(tmp_path, "big.yaml", GOALS)
    small = write(tmp_path, "small.yaml", "language: en\ngoals:\n  - Enhance the brand\n")
    result, doc = check(str(big), str(small))
    assert result.exit_code == 1
    assert budget_findings(doc) == [("big.yaml", 7, 5, "goals[4]")]
    vague = sorted((f["file"].rsplit("/", 1)[-1], f["line"]) for f in doc["findings"] if f["rule"] == "S001")
    assert vague == [("big.yaml", 3), ("big.yaml", 4), ("big.yaml", 5), ("big.yaml", 6), ("small.yaml", 3)]
    message = next(f for f in doc["findings"] if f["rule"] == "Y003")
    assert "more than 4 items" in message["message"] and "limits.max-items" in message["suggestion"]


def test_max_items_counts_nested_items_in_reading_order():
    text = ("objectives:\n  - title: Win the market\n    key_results:\n      - Sign 4 deals\n"
            "      - title: Sign 5 deals\n        initiatives: [Call them, Visit them]\n  - Second objective\n")
    loaded = load_text("g.yaml", text, budget=Budget(items=4))
    assert [n.title for n in loaded.nodes] == ["Win the market", "Sign 4 deals", "Sign 5 deals", "Call them"]
    [problem] = loaded.problems
    assert (problem.span.line, problem.path) == (6, "objectives[0].key_results[1].initiatives[1]")


def test_max_characters_counts_the_titles_analysed():
    text = "goals:\n" + "".join(f"  - {c * 10}\n" for c in "abcdef")
    loaded = load_text("g.yaml", text, budget=Budget(characters=35))
    assert len(loaded.nodes) == 3  # 30 characters; the fourth title would make 40
    [problem] = loaded.problems
    assert (problem.span.line, problem.span.column, problem.path) == (5, 5, "goals[3]")
    assert "35 characters" in problem.message and "limits.max-characters" in problem.suggestion


def test_max_nodes_stops_reading_lists_without_building_the_rest():
    loaded = load_text("g.yaml", "goals:\n" + "- a\n" * 50, budget=Budget(nodes=10))
    assert len(loaded.nodes) == 7  # the mapping, the key `goals`, its list: 3 nodes, then 7 entries
    [problem] = loaded.problems
    assert (problem.span.line, problem.span.column, problem.path) == (9, 3, "goals[7]")
    assert "more than 10 YAML values" in problem.message and "limits.max-nodes" in problem.suggestion
    flow = load_text("g.yaml", "goals: [" + "a, " * 50 + "]\n", budget=Budget(nodes=10))
    assert len(flow.nodes) == 7 and (flow.problems[0].span.line, flow.problems[0].span.column) == (1, 30)


def test_max_nodes_bounds_memory_and_time_however_many_entries_follow():
    # 300,000 list entries in 600 KB took 600 MB; within a budget of 1,000 nodes only the
    # syntax is read past the budget.
    text = "goals: [" + "a," * 300_000 + "]\n"
    code = ("import resource, sys, time; from smartlint.load import load_text, Budget; text = sys.stdin.read(); "
            "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; start = time.process_time(); "
            "out = load_text('g.yaml', text, budget=Budget(nodes=1000)); "
            "print(len(out.nodes), len(out.problems), time.process_time() - start, "
            "(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024)")
    done = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=600)
    nodes, problems, seconds, megabytes = done.stdout.split()
    assert (int(nodes), int(problems)) == (997, 1)
    assert float(megabytes) < 60, megabytes  # building every entry took over 600 MB


def test_values_beyond_the_node_budget_outside_any_list_make_the_file_unread_at_their_place():
    text = "goals:\n  - Sign 4 deals\nx: {" + ", ".join(f"k{i}: 1" for i in range(10_050)) + "}\n"
    loaded = load_text("g.yaml", text, budget=Budget(nodes=20))
    assert loaded.nodes == []
    [problem] = loaded.problems
    assert problem.rule.code == "Y003" and problem.span.line == 3 and "outside lists" in problem.message


def test_an_alias_to_an_anchor_beyond_the_node_budget_is_not_read_and_not_an_error():
    text = "goals:\n  - &a Sign 4 deals\n  - b\n  - &d Sign 5 deals\n  - *a\nowner: *d\n"
    loaded = load_text("g.yaml", text, budget=Budget(nodes=5))
    assert [n.title for n in loaded.nodes] == ["Sign 4 deals", "b"]
    assert [(p.rule.code, p.span.line, p.path) for p in loaded.problems] == [("Y003", 4, "goals[2]")]


def test_the_same_file_gives_the_same_findings_every_run(tmp_path):
    write(tmp_path, ".smartlint.yaml", "limits: {max-items: 3, max-nodes: 40, max-characters: 60}\n")
    goal = write(tmp_path, "g.yaml", GOALS)
    runs = [check(str(goal))[1]["findings"] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2] and budget_findings({"findings": runs[0]})


@pytest.mark.parametrize("option", ["max-nodes", "max-items", "max-characters"])
@pytest.mark.parametrize("value", ["0", "-5", '"100"', "true", "1.5", "2000000000"])
def test_each_limit_is_validated_and_located(tmp_path, option, value):
    write(tmp_path, ".smartlint.yaml", f"select: [S001]\nlimits:\n  {option}: {value}\n")
    result, _ = check(str(write(tmp_path, "g.yaml", GOALS)))
    assert result.exit_code == 2, result.output
    assert ".smartlint.yaml:3:3" in result.output and f"limits.{option}" in result.output


def test_an_unknown_limit_is_located_and_a_pyproject_table_works(tmp_path):
    write(tmp_path, ".smartlint.yaml", "limits:\n  max-item: 3\n")
    result, _ = check(str(write(tmp_path, "g.yaml", GOALS)))
    assert result.exit_code == 2 and ".smartlint.yaml:2:3" in result.output and "max-item" in result.output
    (tmp_path / ".smartlint.yaml").unlink()
    write(tmp_path, "pyproject.toml", "[tool.smartlint.limits]\nmax-items = 2\n")
    result, doc = check(str(tmp_path / "g.yaml"))
    assert budget_findings(doc) == [("g.yaml", 5, 5, "goals[2]")]


def _metric_findings(tmp_path, metric: str) -> list[str]:
    goal = write(tmp_path, "g.yaml", "language: en\ngoals:\n  - title: Sign 4 deals by 30 June 2027\n"
                                     f"    metric: \"{metric}\"\n")
    _, doc = check(str(goal))
    return [f["message"] for f in doc["findings"] if f["rule"] == "S002"]


def test_a_placeholder_is_looked_for_in_the_first_1000_characters_of_a_field(tmp_path):
    from smartlint.nlp.patterns import MAX_PLACEHOLDER_SEARCH

    assert MAX_PLACEHOLDER_SEARCH == 1000  # the README's limits table says so
    assert len(_metric_findings(tmp_path, "word " * 150 + "TBD " + "word " * 10)) == 1
    assert _metric_findings(tmp_path, "word " * 250 + "TBD") == []  # beyond the first 1,000 characters


def test_the_placeholder_search_does_not_cut_a_word_into_a_false_placeholder(tmp_path):
    value = "w " * 499 + "XXL size"  # "XX" at characters 999-1000 would match alone
    assert value[998:1000] == "XX"
    assert _metric_findings(tmp_path, value) == []
    assert _metric_findings(tmp_path, "w " * 400 + "XX size") != []  # a real XX within the limit


def test_the_placeholder_search_costs_the_same_for_a_megabyte_as_for_a_kilobyte():
    from smartlint.lexicon import load_lexicon
    from smartlint.nlp.patterns import is_placeholder

    lex = load_lexicon("en")
    for text in ("[x " * 330_000, "x?" * 500_000, "word " * 200_000):
        start = time.process_time()
        for _ in range(20):
            assert not is_placeholder(text, lex)
        assert time.process_time() - start < 0.5  # a whole search of each took 1 to 4 s


def test_the_tag_that_stands_for_skipped_entries_is_an_ordinary_tag_when_a_file_writes_it():
    text = ("goals:\n  - !<tag:smartlint,2026:not-read> x\n  - title: Sign 4 deals\n"
            "    owner: !<tag:smartlint,2026:not-read> y\n")
    loaded = load_text("g.yaml", text)
    assert [n.title for n in loaded.nodes] == ["Sign 4 deals"]
    assert [(p.rule.code, p.span.line) for p in loaded.problems] == [("Y003", 2), ("Y003", 4)]
    assert all("tag" in p.message and "budget" not in p.message for p in loaded.problems)
