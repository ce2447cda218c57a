"""Stored whole-file results (smartlint.results): an unchanged file is printed from the cache, and
anything its findings depend on (the file, the configuration, a word file, the date, the options)
makes it linted again, with exactly the findings a run without the cache gives."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write
from smartlint import cli, engine, results
from smartlint.cli import app

runner = CliRunner()

PLAN = """\
language: en
owner: Ana
goals:
  - Enhance the brand by 30 June 2027  # smartlint: disable=M001 until=2027-03-31 reason=rebrand
  - Sign 40 new reseller agreements by 30 June 2027
  - Streamline the onboarding
"""


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    return {"NO_COLOR": "1", "SMARTLINT_CACHE_DIR": str(tmp_path / "cache")}


def check(env, *args: str) -> dict:
    result = runner.invoke(app, ["check", "--format", "json", *args], env=env)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture
def engine_calls(monkeypatch):
    """How many files each run had to lint (0: everything came from stored results)."""
    calls: list[int] = []
    real_lint, real_lint_paths = results.lint, engine.lint_paths

    def run(*args, **kwargs):
        calls.append(0)
        return real_lint(*args, **kwargs)

    def counting(files, *args, **kwargs):
        calls[-1] += len(files)
        return real_lint_paths(files, *args, **kwargs)

    monkeypatch.setattr(results, "lint", run)
    monkeypatch.setattr(engine, "lint_paths", counting)
    return calls


def test_an_unchanged_file_is_served_from_stored_results_with_the_same_findings(tmp_path, env, engine_calls):
    path = write(tmp_path / "repo", "goals.yaml", PLAN)
    cold = check(env, "--today", "2027-01-10", str(path))
    assert list((tmp_path / "cache").glob("results-*.json")), "the cold run stored no result"
    warm = check(env, "--today", "2027-01-10", str(path))
    fresh = check(env, "--today", "2027-01-10", "--no-cache", str(path))
    assert engine_calls == [1, 0, 1]  # the warm run linted nothing
    assert cold["findings"] and warm == cold == fresh
    assert warm["summary"]["suppressed"] == 1


@pytest.mark.parametrize("fmt", ["text", "sarif", "gitlab", "github", "concise"])
def test_every_output_and_exit_status_are_the_same_warm(tmp_path, env, fmt, engine_calls):
    """SARIF and GitLab fingerprints name each item by its title: stored results keep them."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    path = write(tmp_path / "repo", "goals.yaml", PLAN)
    runs = [runner.invoke(app, ["check", "--format", fmt, "--today", "2027-01-10", str(path)], env=env)
            for _ in range(2)]
    assert engine_calls == [1, 0]
    assert runs[0].exit_code == runs[1].exit_code == 1
    assert runs[0].stdout == runs[1].stdout and "S001" in runs[0].stdout
    if fmt == "text":
        assert "1 suppressed" in runs[0].stdout


@pytest.mark.parametrize("change", ["file", "config", "word file", "date", "option", "name"])
def test_whatever_the_findings_depend_on_invalidates_the_stored_result(tmp_path, env, engine_calls, change,
                                                                       monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, ".smartlint.yaml", "word-files: [team-words.yaml]\n")
    write(repo, "team-words.yaml", "en:\n  vague_verbs:\n    add: [jazz up]\n")
    path = write(repo, "goals.yaml", PLAN + "  - Spruce up the website by 30 June 2027\n")
    args = ["--today", "2027-01-10", str(path)]
    before = check(env, *args)
    assert check(env, *args) == before and engine_calls == [1, 0]
    if change == "file":
        write(repo, "goals.yaml", PLAN + "  - Jazz up the brand by 30 June 2027\n")
    elif change == "config":
        write(repo, ".smartlint.yaml", "word-files: [team-words.yaml]\nignore: [S001]\n")
    elif change == "word file":
        write(repo, "team-words.yaml", "en:\n  vague_verbs:\n    add: [jazz up, spruce up]\n")
    elif change == "date":
        args[1] = "2027-04-01"  # the suppression has expired (Y006) and M001 shows again
    elif change == "option":
        args = ["--select", "S,M", *args]
    elif change == "name":
        monkeypatch.chdir(repo)
        args[-1] = "goals.yaml"
    after = check(env, *args)
    assert engine_calls == [1, 0, 1], "the change was not noticed"
    assert after == check(env, "--no-cache", *args)
    assert after != before
    assert check(env, *args) == after and engine_calls[-1] == 0  # and the new result is stored


def test_today_by_default_is_part_of_the_key(tmp_path, env, engine_calls, monkeypatch):
    """Without --today, a result stored yesterday is not used today (deadlines and suppressions expire)."""
    import datetime as real_datetime

    path = write(tmp_path, "goals.yaml", PLAN)
    check(env, str(path))

    class Tomorrow(real_datetime.date):
        @classmethod
        def today(cls):
            return real_datetime.date.fromordinal(real_datetime.date.today().toordinal() + 1)

    monkeypatch.setattr(cli, "date", Tomorrow)
    check(env, str(path))
    assert engine_calls == [1, 1]


def test_every_option_of_check_either_keys_the_results_or_only_changes_the_display():
    """A new option of `check` must be classified: one that changes findings but does not key the
    stored results would print stale findings."""
    from datetime import date

    parameters = set(inspect.signature(cli.check).parameters)
    assert parameters == set(cli.RESULT_OPTIONS) | set(cli.DISPLAY_OPTIONS)
    assert set(results.run_options(date.today())) == set(cli.RESULT_OPTIONS)
    assert not set(cli.RESULT_OPTIONS) & set(cli.DISPLAY_OPTIONS)


def test_the_locale_keys_the_results(tmp_path, env, engine_calls):
    path = write(tmp_path, "goals.yaml", PLAN)
    check(env, str(path))
    check({**env, "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, str(path))
    assert engine_calls == [1, 1]


def test_excluded_files_stay_excluded_and_only_changed_files_are_linted_again(tmp_path, env, engine_calls):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, ".smartlint.yaml", "exclude: [drafts]\n")
    a = write(repo, "a.yaml", PLAN)
    b = write(repo, "b.yaml", "language: en\ngoals:\n  - Improve things\n")
    draft = write(repo / "drafts", "c.yaml", PLAN)
    first = check(env, str(a), str(b), str(draft))
    assert first["summary"]["files"] == 2
    write(repo, "b.yaml", "language: en\ngoals:\n  - Improve more things\n")
    second = check(env, str(a), str(b), str(draft))
    assert engine_calls == [3, 1]  # only b.yaml was linted again
    assert second == check(env, "--no-cache", str(a), str(b), str(draft))
    assert second["summary"]["files"] == 2


def test_a_rule_that_crashes_stores_nothing(tmp_path, env, monkeypatch, engine_calls):
    from smartlint.checks.specific import VagueVerb

    def broken(self, node, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(VagueVerb, "check", broken)
    path = write(tmp_path, "goals.yaml", PLAN)
    assert runner.invoke(app, ["check", str(path)], env=env).exit_code == 2
    assert runner.invoke(app, ["check", str(path)], env=env).exit_code == 2
    assert engine_calls == [1, 1]


def test_baseline_and_junit_read_items_and_so_lint_the_file(tmp_path, env, engine_calls):
    path = write(tmp_path, "goals.yaml", PLAN)
    check(env, str(path))
    out = runner.invoke(app, ["check", "--format", "junit", str(path)], env=env)
    assert "Streamline the onboarding" in out.output  # a test case per item
    assert engine_calls == [1, 1]


def test_shards_stay_bounded_and_large_results_get_a_file_dropped_with_their_entry(tmp_path, env, monkeypatch):
    monkeypatch.setattr(results, "SHARDS", 1)
    monkeypatch.setattr(results, "MAX_PER_SHARD", 3)
    store = results.Store()
    for i in range(5):
        store.put(f"{i:08x}", {"content": "c", "findings": []})
    large = {"content": "c", "findings": [["x" * 100]] * (results.INLINE_BYTES // 100 + 1)}
    store.put("000000ff", large)
    store.save()
    [shard] = (tmp_path / "cache").glob("results-*-00.json")
    kept = results.Store()
    assert [kept.get(f"{i:08x}", "c") is not None for i in range(5)] == [False, False, False, True, True]
    assert kept.get("000000ff", "c") == large
    big = [p for p in (tmp_path / "cache").glob("results-*.json") if p != shard]
    assert len(big) == 1  # the large result has a file of its own
    kept.put("000000ff", {"content": "d", "findings": []})
    kept.save()
    assert not big[0].exists()  # replaced: its file is gone


def test_a_stored_result_is_used_only_for_the_same_content(tmp_path, env):
    store = results.Store()
    store.put("0000abcd", {"content": "one", "findings": []})
    store.save()
    assert results.Store().get("0000abcd", "one") is not None
    assert results.Store().get("0000abcd", "two") is None
    assert results.Store(enabled=False).get("0000abcd", "one") is None


def test_the_same_name_twice_is_linted_not_served(tmp_path, env, engine_calls):
    """Stored results are told apart by the name shown: two files shown alike are always linted."""
    a = write(tmp_path / "one", "g.yaml", PLAN)
    b = write(tmp_path / "two", "g.yaml", "language: en\ngoals:\n  - Improve things\n")
    from smartlint.engine import Settings

    files = [(a, "g.yaml"), (b, "g.yaml")]
    first = results.lint(files, {"x": 1}, Settings)
    second = results.lint(files, {"x": 1}, Settings)
    assert engine_calls == [2, 2]
    assert first.findings == second.findings
    assert len(first.findings) > len(results.lint(files[:1], {"x": 1}, Settings).findings)


def test_source_digest_follows_the_code(monkeypatch, tmp_path):
    """An edited checkout (same version number) must not reuse results made by other code."""
    monkeypatch.setattr(results, "_SOURCE", None)
    before = results.source_digest()
    monkeypatch.setattr(results, "_SOURCE", None)
    monkeypatch.setattr(results, "LIBRARIES", ("spacy", "pytest"))
    assert results.source_digest() != before  # another library set: another fingerprint
    monkeypatch.setattr(results, "_SOURCE", None)
    monkeypatch.setattr("smartlint.__version__", "9.9.9")
    assert results.source_digest() != before


def test_every_format_is_served_warm_when_a_configuration_is_named(tmp_path, env, engine_calls):
    """With --config the full command line serves the stored result, and reads it as a linted one."""
    (tmp_path / ".git").mkdir()
    config = write(tmp_path, ".smartlint.yaml", "fail-on: warning\n")
    path = write(tmp_path / "okrs", "q1.yml", PLAN)
    for fmt in ("gitlab", "concise", "json", "text"):
        first = runner.invoke(app, ["check", "--config", str(config), "--format", fmt, "--", str(path)], env=env)
        again = runner.invoke(app, ["check", "--config", str(config), "--format", fmt, "--", str(path)], env=env)
        assert first.exit_code == again.exit_code == 1, again.output
        assert first.stdout == again.stdout
    assert engine_calls == [1, 0, 0, 0, 0, 0, 0, 0]


def test_a_missing_file_is_still_a_usage_error(tmp_path, env):
    result = runner.invoke(app, ["check", str(tmp_path / "nope.yaml")], env=env)
    assert result.exit_code == 2
