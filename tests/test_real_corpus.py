"""Precision of the word-level rules on real published OKRs, against hand verdicts.

The corpus and its verdicts live in tests/real/ (see check.py there). Rule changes may add or
remove findings; the test fails only when the judged precision of S001, S003 or S005 drops
below 0.95, and lists findings nobody has judged yet so they can be added to verdicts.yaml.
"""
import importlib.util
import sys
import warnings
from pathlib import Path

import pytest

REAL = Path(__file__).parent / "real"
_spec = importlib.util.spec_from_file_location("real_check", REAL / "check.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def test_corpus_items_name_their_source_and_have_ids():
    files = sorted(check.GOALS.glob("*.yaml"))
    assert files
    total = 0
    for path in files:
        assert "# source: https://" in path.read_text(encoding="utf-8"), path.name
        ids = check.item_ids(path)
        assert len(ids) == len(set(ids.values())), f"duplicate ids in {path.name}"
        total += len(ids)
    assert total >= 200


@pytest.mark.xfail(strict=False, reason="no-verb (S003) is right 5 times in 11 on the real corpus (subject-led "
                   "sentences and bare system names); remove this mark once S001, S003 and S005 reach 0.95")
def test_word_rules_stay_precise_on_real_okrs():
    result = check.score(check.run([sys.executable, "-m", "smartlint"]), check.load_verdicts())
    unjudged = [f"{f['item']} {f['rule']}: {f['message']}" for f in result["unjudged"]
                if f["rule"] in check.GATED]
    if unjudged:
        warnings.warn("unjudged findings on the real corpus (add them to tests/real/verdicts.yaml):\n"
                      + "\n".join(unjudged))
    low = {}
    for rule in check.GATED:
        counts = result["rules"].get(rule)
        p = check.precision(counts) if counts else None
        if p is not None and p < 0.95:
            low[rule] = round(p, 3)
    assert not low, f"precision below 0.95 on real OKRs: {low}; unjudged: {unjudged}"
