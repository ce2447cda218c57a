"""The pre-commit hook, run by the real pre-commit against this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed to run pre-commit")
def test_hook_fails_on_bad_goals_and_passes_once_fixed(tmp_path):
    pre_commit = shutil.which("pre-commit") or str(Path(os.sys.executable).parent / "pre-commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1",
           "SMARTLINT_CACHE_DIR": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    repo = tmp_path / "plans"
    repo.mkdir()
    run(["git", "init", "-q"], repo, env)
    goals = repo / "goals.yaml"
    goals.write_text("language: en\nowner: Ana\ngoals:\n  - Enhance our brand presence\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: HEAD\n    hooks:\n      - id: smartlint\n", encoding="utf-8")
    run(["git", "add", "."], repo, env)

    bad = run([pre_commit, "try-repo", str(ROOT), "smartlint", "--files", "goals.yaml"], repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "S001" in bad.stdout and "goals.yaml:4:5" in bad.stdout

    goals.write_text("language: en\nowner: Ana\ngoals:\n  - Sign 40 new reseller agreements by 30 June 2027\n",
                     encoding="utf-8")
    run(["git", "add", "."], repo, env)
    good = run([pre_commit, "try-repo", str(ROOT), "smartlint", "--files", "goals.yaml"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
