"""A planning repository made in a test: examples/ checked in weekly with rising `current:` values,
so `report --history` has check-ins to show (the browser test and the CI example test share it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Earlier `current:` values of each example, in file order, one list per weekly check-in.
CHECKINS = {
    "okrs-en.yaml": [("2027-01-06", [8.0, 2, 14]), ("2027-01-20", [8.3, 4, 11]), ("2027-02-03", [8.4, 6, 10])],
    "okrs-fr.yaml": [("2027-01-06", [12, 1, 48]), ("2027-01-20", [13, 3, 36]), ("2027-02-03", [13, 4, 32])],
}
CURRENT = re.compile(r"(?m)^(\s*current: )(\S+)")


def git(repo: Path, *args: str, day: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Plan", GIT_AUTHOR_EMAIL="plan@example.org", GIT_COMMITTER_NAME="Plan",
               GIT_COMMITTER_EMAIL="plan@example.org", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T09:00:00+00:00"
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def with_currents(text: str, values: list[float]) -> str:
    found = iter(values)
    changed = CURRENT.sub(lambda m: f"{m.group(1)}{next(found)}", text)
    assert next(found, None) is None, "one value per `current:` of the example"
    return changed


def checked_in_examples(repo: Path, final: str | None = "2027-02-12") -> Path:
    """examples/ in repo/okrs/, committed at each check-in of CHECKINS; with `final`, a last commit
    on that day brings the examples as shipped. Returns the okrs/ folder."""
    git(repo, "init", "-q")
    plans = repo / "okrs"
    plans.mkdir()
    shutil.copy(EXAMPLES / "good-goals.yaml", plans)
    for week in range(3):
        for name, steps in CHECKINS.items():
            day, values = steps[week]
            (plans / name).write_text(with_currents((EXAMPLES / name).read_text(encoding="utf-8"), values),
                                      encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"check-in {day}", day=day)
    if final:
        for name in CHECKINS:
            shutil.copy(EXAMPLES / name, plans)
        git(repo, "commit", "-qam", "check-in", day=final)
    return plans
