"""A cold cache, a warm cache and `--no-cache` give the same findings, on every labeled set.

The cache keeps text analyses (TextFacts as plain data) and parsed word lists between runs; a rule
that sees something different in facts read back from the cache (another object, a tuple turned
into a list, a lost field) would make the warm run disagree with the cold one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartlint import cache
from smartlint.engine import Settings, lint_paths
from smartlint.lexicon import _BUILT

ROOT = Path(__file__).resolve().parent.parent
LABELED = ROOT / "tests" / "labeled"
SHARED_CASES = Path("/work/shared/eval/cases.yaml")
sys.path.insert(0, str(LABELED))
import score as labeled  # noqa: E402  (tests/labeled/score.py builds goal files from cases)


def _sets() -> list:
    sets = [pytest.param(p, id=p.stem) for p in sorted(LABELED.glob("*.yaml"))]
    sets.append(pytest.param(SHARED_CASES, id="shared-cases", marks=pytest.mark.skipif(
        not SHARED_CASES.exists(), reason=f"{SHARED_CASES} is not on this machine")))
    return sets


def _run(folder: Path, names: list[str], use_cache: bool) -> list[dict]:
    # Forget what this process computed from the word lists, as a new run would: the warm run
    # must read them back from the cache folder.
    _BUILT.clear()
    cache.ENABLED = use_cache
    try:
        result = lint_paths([(folder / n, n) for n in names], Settings(use_cache=use_cache))
    finally:
        cache.ENABLED = True
    return [asdict(f) for f in result.findings]


@pytest.mark.parametrize("path", _sets())
def test_cold_warm_and_no_cache_runs_give_the_same_findings(path, tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "goals"
    folder.mkdir()
    names = sorted(labeled.build(labeled.load(path), folder))
    cold = _run(folder, names, use_cache=True)
    assert list((tmp_path / "cache").glob("analyses-*.json")), "the cold run filled no cache"
    warm = _run(folder, names, use_cache=True)
    fresh = _run(folder, names, use_cache=False)
    assert cold, "a labeled set with no finding at all tests nothing"
    assert warm == cold
    assert fresh == cold


@pytest.mark.parametrize("path", _sets()[:3] + _sets()[-1:])
def test_stored_whole_file_results_give_the_same_findings_as_linting(path, tmp_path, monkeypatch):
    """The result cache (smartlint.results) serves a re-check without linting: what it prints must
    be what linting prints, cold, warm and without any cache."""
    from smartlint import engine, results

    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "goals"
    folder.mkdir()
    files = [(folder / n, n) for n in sorted(labeled.build(labeled.load(path), folder))]

    def run(use_cache: bool) -> tuple[list[dict], list[dict], dict, int]:
        _BUILT.clear()
        cache.ENABLED = use_cache
        try:
            result = results.lint(files, {"set": path.name}, lambda: Settings(use_cache=use_cache), use_cache=use_cache)
        finally:
            cache.ENABLED = True
        return ([asdict(f) for f in result.findings], sorted((asdict(f), why) for f, why in result.suppressed),
                result.fail_on, len(result.files))

    cold = run(True)
    real = engine.lint_paths
    monkeypatch.setattr(engine, "lint_paths", lambda *a, **k: pytest.fail("an unchanged file was linted again"))
    warm = run(True)
    monkeypatch.setattr(engine, "lint_paths", real)
    fresh = run(False)
    assert cold[0], "a labeled set with no finding at all tests nothing"
    assert warm == cold
    assert fresh == cold


def test_a_vague_lead_with_a_scope_number_is_flagged_warm_as_cold(tmp_path, monkeypatch):
    """The reported case: S001 on the cold run, nothing on the warm one."""
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "g.yaml"
    path.write_text("language: en\ngoals:\n  - title: Streamline the 4 regional warehouses by 30 September 2027\n",
                    encoding="utf-8")
    runs = [[f.rule for f in _run_file(path)] for _ in range(2)]
    assert "S001" in runs[0] and runs[1] == runs[0]


def _run_file(path: Path):
    _BUILT.clear()
    return lint_paths([(path, path.name)], Settings()).findings


# ---------------------------------------------------------------------------------------------
# The round trip itself: facts -> plain data -> JSON -> facts gives equal facts sharing the same
# objects, for every title of the labeled sets and for generated ones.


def _titles() -> list[tuple[str, str]]:
    out = []
    for path in sorted(LABELED.glob("*.yaml")):
        for case in labeled.load(path):
            title = case["item"].get("title") if "item" in case else case.get("text")
            if isinstance(title, str) and title.strip():
                out.append((title, case["lang"]))
    return out


def _places(facts) -> dict[str, object]:
    places: dict[str, object] = {}
    for f in fields(facts):
        name, value = f.name, getattr(facts, f.name)
        if isinstance(value, (list, tuple)) and name != "tokens":
            places.update((f"{name}[{i}]", v) for i, v in enumerate(value))
        elif value is not None and hasattr(value, "__dataclass_fields__"):
            places[name] = value
    return places


def _same_objects(back, facts) -> None:
    """Places that hold one object in the analysis hold one object in the copy; places that
    hold one object in the copy held equal values (a rule comparing them sees no difference)."""
    before, after = _sharing(facts), _sharing(back)
    assert set(before) <= set(after)
    values = _places(facts)
    assert all(values[a] == values[b] for a, b in after)


def _sharing(facts) -> list[tuple[str, str]]:
    """Which places of the facts hold the very same object (pairs of field paths)."""
    places = list(_places(facts).items())
    return sorted((a, b) for i, (a, x) in enumerate(places) for b, y in places[i + 1:] if x is y)


def _round_trip(facts):
    from smartlint.nlp.facts import TextFacts

    return TextFacts.from_data(json.loads(json.dumps(facts.to_data(), ensure_ascii=False)))


def test_facts_of_every_labeled_title_survive_the_cache_round_trip():
    from smartlint.nlp.facts import analyse

    titles = _titles()
    assert len(titles) > 300
    shared = 0
    for title, lang in titles:
        facts = analyse(title, lang)
        back = _round_trip(facts)
        assert back == facts, title
        assert back.to_data() == facts.to_data(), title
        _same_objects(back, facts)
        assert back.counted == facts.counted and back.direction == facts.direction, title
        shared += bool(_sharing(facts))
    assert shared > 50  # the sets do exercise shared objects (a lead among the verbs...)


WORDS = ["Streamline", "Improve", "Grow", "Cut", "Double", "Réduire", "Améliorer", "the", "4", "15%",
         "from", "to", "by", "30 September 2027", "de", "à", "TBD", "x3", "+20 %", "120", "users",
         "d'ici fin 2027", "soon", "three", "sites", "several", "à définir", "->", "1:7"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10), st.sampled_from(["en", "fr"]))
def test_facts_of_generated_titles_survive_the_cache_round_trip(words, lang):
    from smartlint.nlp.facts import analyse

    facts = analyse(" ".join(words), lang)
    back = _round_trip(facts)
    assert back == facts
    _same_objects(back, facts)


def test_a_reading_is_made_once_per_facts_and_kept_out_of_their_data():
    """Rules ask the facts for readings (an objective's delivery, an end state) through
    TextFacts.reading: each is computed once per facts object and argument, and never becomes part
    of the facts' data or equality."""
    from smartlint.nlp.delivery import objective_delivery
    from smartlint.nlp.facts import TextFacts, analyse

    facts = analyse("Ship the iOS app", "en")
    data = facts.to_data()
    calls = []

    def read(f, argument):
        calls.append(argument)
        return objective_delivery(f)

    first = facts.reading(read, 1)
    assert facts.reading(read, 1) is first and facts.reading(read, 2) == first
    assert calls == [1, 2]
    assert first == objective_delivery(facts) and first.kind == "one-off"
    assert facts.to_data() == data
    assert TextFacts.from_data(data) == facts
