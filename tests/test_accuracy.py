"""Accuracy on smartlint's own labeled set (tests/labeled/cases.yaml), per SMART criterion.

The bounds are those the project promises: balanced accuracy of at least 0.95 and a precision of
at least 0.9 on every criterion. A rule change that trades many false positives for a few catches
fails here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "labeled"))
from score import CRITERIA, load, score  # noqa: E402

LABELED = Path(__file__).parent / "labeled"


@pytest.fixture(scope="module")
def result():
    return score(load(LABELED / "cases.yaml"))


def test_labeled_set_is_wide(result):
    cases = load(LABELED / "cases.yaml")
    assert len(cases) >= 150
    assert {c["lang"] for c in cases} == {"en", "fr"}
    assert {c["level"] for c in cases} == {"goal", "objective", "key_result", "initiative"}


def test_balanced_accuracy(result):
    assert result.balanced >= 0.95, result.table()


@pytest.mark.parametrize("criterion", [c for c in CRITERIA if c != "relevant"])
def test_precision_per_criterion(result, criterion):
    assert result.precision(criterion) >= 0.9, result.table()
