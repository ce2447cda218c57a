"""The pre-commit hook, run by the real pre-commit against this repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("git") is None, reason="git is needed to run pre-commit")]

BAD = "language: en\nowner: Ana\ngoals:\n  - Enhance our brand presence\n"
GOOD = "language: en\nowner: Ana\ngoals:\n  - Sign 40 new reseller agreements by 30 June 2027\n"


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    """One pre-commit home for the module: the hook's environment is installed once."""
    home = tmp_path_factory.mktemp("pre-commit")
    return {**os.environ, "PRE_COMMIT_HOME": str(home / "home"), "NO_COLOR": "1",
            "SMARTLINT_CACHE_DIR": str(home / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def pre_commit() -> str:
    return shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")


def git_repo(path: Path, files: dict[str, str], env: dict[str, str]) -> Path:
    path.mkdir(parents=True)
    run(["git", "init", "-q"], path, env)
    for name, text in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    run(["git", "add", "-A"], path, env)
    return path


def test_hook_fails_on_bad_goals_and_passes_once_fixed(tmp_path, env):
    repo = git_repo(tmp_path / "plans", {
        "goals.yaml": BAD,
        ".pre-commit-config.yaml": f"repos:\n  - repo: {ROOT}\n    rev: HEAD\n    hooks:\n      - id: smartlint\n"}, env)
    bad = run([pre_commit(), "try-repo", str(ROOT), "smartlint", "--files", "goals.yaml"], repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "S001" in bad.stdout and "goals.yaml:4:5" in bad.stdout

    (repo / "goals.yaml").write_text(GOOD, encoding="utf-8")
    run(["git", "add", "."], repo, env)
    good = run([pre_commit(), "try-repo", str(ROOT), "smartlint", "--files", "goals.yaml"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr


# A planning repository as teams have them: goal files among other YAML, a configuration inside
# okrs/, a node_modules/ folder that .gitignore leaves out, and a pull request's hostile pair: a
# file named like an option and the configuration it would load.
PLANNING = {
    "okrs/2027-q1.yaml": BAD,
    "okrs/2027-q2.yml": GOOD,
    "okrs/.smartlint.yaml": "fail-on: warning\n",
    "goals/team.yaml": "langue: fr\nobjectifs:\n  - Améliorer la satisfaction client\n",  # near-miss keys
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n",
    ".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n",
    "mkdocs.yml": "site_name: Plans\nnav:\n  - Home: index.md\n",
    ".gitignore": "node_modules/\n",
    "x.yaml": 'exclude: ["*"]\n',
    "--config=x.yaml": "note: named like an option\n",
    "docs/index.md": "# Plans\n",
}


def test_in_a_planning_repository_only_goal_files_are_linted(tmp_path, env):
    files = {**PLANNING, ".pre-commit-config.yaml":
             f"repos:\n  - repo: {ROOT}\n    rev: HEAD\n    hooks:\n      - id: smartlint\n"}
    repo = git_repo(tmp_path / "plans", files, env)
    modules = repo / "node_modules" / "pkg"
    modules.mkdir(parents=True)
    (modules / "goals.yaml").write_text(BAD, encoding="utf-8")  # ignored: never linted

    hook = run([pre_commit(), "try-repo", str(ROOT), "smartlint", "--all-files", "--verbose"], repo, env)
    out = hook.stdout + hook.stderr
    assert hook.returncode == 1, out  # the bad goal file fails the commit, whatever `--config=x.yaml` says
    assert "okrs/2027-q1.yaml:4:5" in out and "S001" in out
    assert "goals/team.yaml" in out and "Y002" in out  # `objectifs:` is linted and reported, not skipped
    for other in ("docker-compose.yml", "mkdocs.yml", "ci.yml", ".pre-commit-config.yaml", "x.yaml",
                  ".smartlint.yaml", "node_modules"):
        assert f"{other}:" not in out, (other, out)

    smartlint = str(Path(sys.executable).parent / "smartlint")
    from_sub = run([smartlint, "check", "--format", "json", "--verbose", "--", ".."], repo / "docs", env)
    report = json.loads(from_sub.stdout)
    linted = {f["file"] for f in report["findings"]}
    assert report["summary"]["files"] == 3, from_sub.stderr  # q1, q2 and team.yaml
    assert linted == {"../okrs/2027-q1.yaml", "../goals/team.yaml"}, linted
    assert "skipped ../docker-compose.yml: not a goal file" in from_sub.stderr
    assert "skipped ../node_modules: ignored by .gitignore" in from_sub.stderr
    assert from_sub.returncode == 1

    # Code scanning from the subfolder: every URI resolves from the repository root, and a finding
    # keeps its fingerprint when lines are inserted above it.
    def sarif() -> list[dict]:
        proc = run([smartlint, "check", "--format", "sarif", "--fail-on", "never", "--", ".."], repo / "docs", env)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)["runs"][0]["results"]

    before = sarif()
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in before}
    assert uris == {"okrs/2027-q1.yaml", "goals/team.yaml"}
    assert all((repo / uri).is_file() for uri in uris)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId") for r in before} == {"%SRCROOT%"}
    goal = repo / "okrs" / "2027-q1.yaml"
    goal.write_text("# Plan for Q1, reviewed weekly\n# owner: growth team\n\n" + BAD, encoding="utf-8")
    after = sarif()

    def s001(results: list[dict]) -> tuple[int, dict]:
        hit = next(r for r in results if r["ruleId"] == "S001"
                   and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "okrs/2027-q1.yaml")
        return hit["locations"][0]["physicalLocation"]["region"]["startLine"], hit["partialFingerprints"]

    (line_before, print_before), (line_after, print_after) = s001(before), s001(after)
    assert line_after == line_before + 3
    assert print_after == print_before
