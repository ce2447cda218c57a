"""Linting a text buffer in memory gives what linting the same file on disk gives."""

from __future__ import annotations

from datetime import date

from smartlint.cache import Analyses
from smartlint.engine import Settings, lint_paths, lint_text

TEXT = """\
owner: Team
goals:
  - title: Improve the onboarding
  - title: "Grow retention by 25%"
    taget: 40
"""


def test_lint_text_matches_lint_paths(tmp_path):
    path = tmp_path / "goals.yaml"
    path.write_text(TEXT, encoding="utf-8")
    settings = Settings(today=date(2027, 1, 1), use_cache=False)
    on_disk = lint_paths([(path, str(path))], settings)
    in_memory = lint_text(TEXT, path, settings)
    assert [f.as_dict() for f in in_memory.findings] == [f.as_dict() for f in on_disk.findings]
    assert {f.rule for f in in_memory.findings} >= {"S001", "Y002"}


def test_lint_text_reads_the_buffer_not_the_file(tmp_path):
    path = tmp_path / "goals.yaml"
    path.write_text("goals:\n  - title: Sign 40 deals by 30 June 2027\n    owner: Ana\n", encoding="utf-8")
    result = lint_text("goals:\n  - title: Sign 40 deals by 30 June 2027\n    ownr: Ana\n", path,
                       Settings(today=date(2027, 1, 1), use_cache=False))
    assert [(f.rule, f.line, f.column) for f in result.findings if f.rule == "Y002"] == [("Y002", 3, 5)]


def test_lint_text_follows_the_configuration_and_a_given_cache(tmp_path):
    (tmp_path / ".smartlint.yaml").write_text("ignore: [S001]\nexclude: [skipped.yaml]\n", encoding="utf-8")
    settings = Settings(today=date(2027, 1, 1))
    cache = Analyses("test-memory")
    assert cache.get("en", "Improve the onboarding") is None
    result = lint_text(TEXT, tmp_path / "goals.yaml", settings, cache=cache)
    assert "S001" not in {f.rule for f in result.findings}
    assert cache.get("en", "Improve the onboarding")["text"] == "Improve the onboarding"
    assert lint_text(TEXT, tmp_path / "skipped.yaml", settings).findings == []


def test_lint_text_reports_a_nul_character_like_a_file(tmp_path):
    result = lint_text("goals:\n  - title: A\x00B\n", tmp_path / "g.yaml", Settings(use_cache=False))
    assert [(f.rule, f.line) for f in result.findings] == [("Y001", 2)]


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    """The engine keeps the collector off what was alive before a run, and gives it back after:
    nothing stays frozen, a caller's own frozen objects stay frozen, a disabled collector stays off."""
    import gc

    path = tmp_path / "goals.yaml"
    path.write_text(TEXT, encoding="utf-8")
    settings = Settings(today=date(2027, 1, 1), use_cache=False)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    expected = lint_text(TEXT, path, settings).findings
    assert expected and gc.get_freeze_count() == 0 and gc.isenabled()
    gc.freeze()  # a host process that froze its own objects (before forking workers, say)
    try:
        frozen = gc.get_freeze_count()
        assert lint_text(TEXT, path, settings).findings == expected
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        assert lint_text(TEXT, path, settings).findings == expected
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
