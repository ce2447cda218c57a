"""Bounded time: no input makes a regular expression, or a stage of the run, grow faster than its
input (see tests/regex_growth.py for how every pattern is found and timed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smartlint.nlp.facts import analyse
from smartlint.nlp.patterns import patterns

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import regex_growth  # noqa: E402

# The 45-byte file that hung the linter, and its variants in both languages.
HANGS = [
    ("en", "Ship v2 by" + " " * 22 + "!"),
    ("en", "Ship v2 by the end of" + " " * 40 + "!"),
    ("en", "Ship v2 before" + "\u00a0\t " * 30 + "?"),
    ("en", "Ship v2 by " + "the of " * 60 + "!"),
    ("en", "Ship v2 within" + " " * 200 + "a" + " " * 200 + "!"),
    ("fr", "Livrer la v2 d'ici" + " " * 22 + "!"),
    ("fr", "Livrer la v2 d'ici la fin de" + " " * 40 + "!"),
    ("fr", "Livrer la v2 avant " + "de la l'" * 60 + "!"),
    ("fr", "Livrer la v2 au plus tard le" + " " * 300 + "!"),
]


@pytest.mark.parametrize("lang, title", HANGS)
def test_long_runs_after_a_deadline_marker_are_analysed_at_once(lang, title):
    analyse("Ship v2 by June 2027", lang)  # word lists, patterns and tokenizer loaded beforehand
    start = time.thread_time()
    facts = analyse(title, lang)
    assert time.thread_time() - start < 0.5
    assert facts.deadlines == []  # nothing after the marker names a date


def test_the_45_byte_file_is_checked_at_once(tmp_path):
    path = tmp_path / "goals.yaml"
    path.write_text("goals:\n  - Ship v2 by" + " " * 22 + "!\n", encoding="utf-8")
    assert path.stat().st_size == 45
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "smartlint", "check", "--no-cache", str(path)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path,
                          env={**os.environ, "SMARTLINT_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode in (0, 1), proc.stderr
    assert "goals.yaml:2:" in proc.stdout
    # The process start (Python, spaCy's tokenizer) costs a few seconds on a busy machine; the
    # hang it replaces was endless.
    assert time.monotonic() - start < 60


def test_the_growth_detector_finds_backtracking_and_passes_linear_patterns():
    spaces = lambda n: "by" + " " * n + "!"  # noqa: E731
    nested = re.compile(r"by(?:\s+|the)*(?:\s+|the)*x")  # the old deadline filler, twice in a row
    assert regex_growth.growth(nested, spaces, 4000) is not None
    quadratic = re.compile(r"\s*x")
    assert regex_growth.growth(quadratic, lambda n: " " * n + "!", 20000) is not None
    assert regex_growth.growth(re.compile(r"by\s++x"), spaces, 20000) is None
    assert regex_growth.growth(patterns("en").deadline, spaces, 8000) is None


def test_no_regular_expression_backtracks_catastrophically():
    """Every pattern smartlint compiles, against every hostile family, both languages."""
    try:
        proc = subprocess.run([sys.executable, str(ROOT / "tests" / "regex_growth.py"), "--verbose"],
                              capture_output=True, text=True, timeout=600,
                              env={**os.environ, "SMARTLINT_CACHE_DIR": os.environ.get("SMARTLINT_CACHE_DIR", "")})
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        pytest.fail("the pattern timing did not finish; last pattern:\n" + out[-2000:])
    summary = json.loads(proc.stdout.strip().split("\n")[-1])
    assert proc.returncode == 0 and not summary["failures"], proc.stdout[-4000:] + proc.stderr[-2000:]
    checked = set(summary["checked"])
    # The patterns built from the word lists are among those found, for both languages.
    from smartlint.nlp.quantities import _patterns as _quantity_patterns

    for lang in ("en", "fr"):
        assert patterns(lang).deadline.pattern in checked
        assert _quantity_patterns(lang).number.pattern in checked
    assert summary["families"] >= 30


# -- word lists ----------------------------------------------------------------------------------

def _per_title(titles: list[str], lexicon=None) -> float:
    """Least CPU time per title over three rounds (word lists, patterns and tokenizer warmed up)."""
    analyse("Warm up by June 2027", "en", lexicon=lexicon)
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        for title in titles:
            analyse(title, "en", lexicon=lexicon)
        best = min(best, (time.thread_time() - start) / len(titles))
    return best


def test_the_analysis_of_a_title_costs_the_same_with_huge_word_lists():
    """A team's word files of thousands of words are compiled once; each title then costs what it
    costs with the shipped lists (it cost as much as the lists were long)."""
    import random

    from smartlint.config import WordListChange
    from smartlint.lexicon import Lexicons

    rng = random.Random(7)
    titles = [f"Improve onboarding of team {i} by 25% from 40 to 55 by June 2027, currently 40" for i in range(60)]
    lists = ["placeholders", "identifier_words", "target_markers", "baseline_markers", "current_markers",
             "lead_fillers", "determiners", "auxiliaries", "infinitive_lookalikes", "function_words"]
    words = {"en": {name: WordListChange(add=["".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))
                                              for _ in range(5000)]) for name in lists}}
    shipped = _per_title(titles, Lexicons().get("en"))
    huge = _per_title(titles, Lexicons(words).get("en"))
    assert huge < 2 * shipped, (huge, shipped)


def test_alternations_are_tries_that_match_what_a_longest_first_alternation_matches():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from smartlint.nlp.patterns import alt

    def plain(words):
        items = sorted({w.strip().lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")" if items else r"(?!x)x"

    assert alt(["end", "end of", "ends"]) == r"(?:end(?:\s+of|s)?)"
    letters = st.sampled_from(list("abé '.-"))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.text(letters, min_size=1, max_size=5), min_size=1, max_size=10), st.text(letters | st.just("x"), max_size=20))
    def same(words, text):
        for wrap in ("(?<!\\w){}(?!\\w)", "{}x", "{}"):
            a = re.compile(wrap.format(alt(words)), re.IGNORECASE)
            b = re.compile(wrap.format(plain(words)), re.IGNORECASE)
            assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]

    same()
    # Words that are each other's prefixes, hundreds deep, still compile (a plain alternation).
    deep = alt(["a" * n for n in range(1, 400)])
    assert re.fullmatch(deep, "a" * 399)


# -- many files ----------------------------------------------------------------------------------

class _CountingList(list):
    """A list that counts how often it is walked through."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


def test_report_groups_the_findings_by_file_once(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import smartlint.engine
    from smartlint.cli import app

    for i in range(40):
        (tmp_path / f"g{i}.yaml").write_text(f"language: en\ngoals:\n  - title: Improve onboarding {i}\n", encoding="utf-8")
    real = smartlint.engine.lint_paths

    def counting(*args, **kwargs):
        result = real(*args, **kwargs)
        result.findings = _CountingList(result.findings)
        return result

    monkeypatch.setattr(smartlint.engine, "lint_paths", counting)
    _CountingList.walks = 0
    out = CliRunner().invoke(app, ["report", "--format", "json", str(tmp_path)],
                             env={"SMARTLINT_CACHE_DIR": str(tmp_path / "cache")})
    assert out.exit_code in (0, 1), out.output
    assert '"g39.yaml"' in out.output or "g39.yaml" in out.output
    assert _CountingList.walks <= 3  # not once per file


def test_a_loaded_goal_keeps_little_memory():
    """Positions of each title character are kept as file offsets (a tuple per character made a
    file of 200,000 goals take gigabytes)."""
    import gc
    import tracemalloc

    from smartlint.load import load_text

    title = "Grow weekly active customers of the Atlas product from 120 to 150 by 30 June 2027"
    text = "language: en\ngoals:\n" + "".join(f'  - title: "{title} ({i})"\n' for i in range(2000))
    load_text("warm.yaml", "goals:\n  - Sign 4 deals\n")
    gc.collect()
    tracemalloc.start()
    try:
        loaded = load_text("goals.yaml", text)
        gc.collect()
        kept, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(loaded.nodes) == 2000
    assert kept / 2000 < 5 * 1024  # bytes per goal (10 KB before)
    node = loaded.nodes[5]
    assert node.loc.title_offsets[0] == (8, 13) and len(node.loc.title_offsets) == len(node.title)


def test_a_short_fuzz_of_every_hostile_family():
    """Two inputs of each hostile family of tests/fuzz.py (alias bombs through lists, long runs
    after deadline markers, long comments, huge word lists, hostile keys and file names); the
    long run is tests/test_robustness.py::test_fuzz_run (slow)."""
    import fuzz

    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "fuzz.py"), "--family", "all",
                           "--count", str(2 * len(fuzz.HOSTILE)), "--seconds", "120", "--seed", "5"],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "SMARTLINT_CACHE_DIR": os.environ.get("SMARTLINT_CACHE_DIR", "")})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"({2 * len(fuzz.HOSTILE)} hostile), no guarantee broken" in proc.stdout


def test_loading_does_not_hold_the_parsed_tree_beside_the_loaded_items():
    """Each item is released from the parsed tree once read, and composed nodes keep one light
    mark: the loader's peak is the parser's, not the parser's plus the loaded file."""
    import gc
    import tracemalloc

    from smartlint.load import load_text

    title = "Grow weekly active customers of the Atlas product from 120 to 150 by 30 June 2027"
    text = "language: en\nobjectives:\n" + "".join(
        f'  - title: "Win the market {i}"\n    key_results:\n      - title: "{title} ({i})"\n'
        f"        baseline: 120\n        target: 150\n        unit: customers\n      - Sign {i} deals\n"
        for i in range(1000))
    load_text("warm.yaml", "goals:\n  - Sign 4 deals\n")
    gc.collect()
    tracemalloc.start()
    try:
        loaded = load_text("goals.yaml", text)
        _kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(loaded.nodes) == 3000 and loaded.problems == []
    assert peak / 3000 < 4000  # bytes per item at the peak: 4,450 when the tree stayed to the end (3,200 now)
    assert loaded.nodes[1].item.target == 150 and loaded.nodes[1].loc.fields["unit"].line == 8
