"""Which files a run reads, written as the attacks and user scenarios they answer: file names that
look like options, configuration from outside the repository, symlinks, special files, goal-file
detection, missing paths and standard input."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from conftest import write

ROOT = Path(__file__).resolve().parent.parent
BAD = "language: en\nowner: Ana\ngoals:\n  - Enhance our brand presence\n"
GOOD = "language: en\nowner: Ana\ngoals:\n  - Sign 40 new reseller agreements by 30 June 2027\n"


def smartlint(args: list[str], cwd: Path, env: dict[str, str] | None = None,
              stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the installed command line as a user or a hook would."""
    environ = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environ.pop("PRE_COMMIT", None) if "PRE_COMMIT" not in (env or {}) else None
    proc = subprocess.run([sys.executable, "-m", "smartlint", *args], cwd=cwd, env=environ,
                          input=stdin, capture_output=True, timeout=120)
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def hook_command() -> list[str]:
    """The shipped hook's entry and default args, as pre-commit builds its command line."""
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "smartlint")
    return [*shlex.split(hook["entry"]), *hook.get("args", [])]


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    (root / ".git").mkdir(parents=True)
    return root


# -- file names that look like options ------------------------------------------------------------

def test_a_file_named_like_an_option_cannot_switch_the_hook_off(tmp_path):
    root = repo(tmp_path)
    write(root, "goals.yaml", BAD)
    write(root, "x.yaml", 'exclude: ["*"]\n')
    write(root, "--config=x.yaml", GOOD)  # the attack: pre-commit passes this name to the hook
    cmd = hook_command()
    assert cmd[0] == "smartlint"
    proc = smartlint([*cmd[1:], "--config=x.yaml", "x.yaml", "goals.yaml"], root, env={"PRE_COMMIT": "1"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "goals.yaml:4:5" in proc.stdout and "S001" in proc.stdout


def test_after_double_dash_every_argument_is_a_path(tmp_path):
    root = repo(tmp_path)
    write(root, "goals.yaml", BAD)
    write(root, "x.yaml", 'exclude: ["*"]\n')
    proc = smartlint(["check", "--", "--config=x.yaml", "goals.yaml"], root)
    assert proc.returncode == 2  # `--config=x.yaml` is a missing file here, not an option
    assert "--config=x.yaml" in proc.stderr and "no such file" in proc.stderr
    assert "goals.yaml:4:5" in proc.stdout  # the other paths are still linted


def test_a_shell_glob_cannot_turn_a_file_name_into_an_option(tmp_path):
    root = repo(tmp_path)
    write(root, "goals.yaml", BAD)
    write(root, "x.yaml", 'exclude: ["*"]\n')
    write(root, "--config=x.yaml", GOOD)
    glob = sorted(p.name for p in root.glob("*.yaml"))  # what `smartlint check *.yaml` receives
    assert glob[0] == "--config=x.yaml"
    proc = smartlint(["check", *glob], root)
    assert proc.returncode == 2 and "'--config=x.yaml' is an option and also a file" in proc.stderr
    assert "All good" not in proc.stdout
    assert smartlint(["check", "--", *glob], root).returncode == 1  # the documented way


def test_a_hook_whose_args_drop_the_separator_is_refused(tmp_path):
    root = repo(tmp_path)
    write(root, "goals.yaml", BAD)
    write(root, "x.yaml", 'exclude: ["*"]\n')
    write(root, "--config=x.yaml", GOOD)
    proc = smartlint(["check", "--fail-on", "error", "--config=x.yaml", "goals.yaml"], root,
                     env={"PRE_COMMIT": "1"})
    assert proc.returncode == 2
    assert "`--`" in proc.stderr
    assert smartlint(["check", "--fail-on", "warning", "--", "goals.yaml"], root,
                     env={"PRE_COMMIT": "1"}).returncode == 1


# -- missing paths and standard input -------------------------------------------------------------

def test_a_missing_path_does_not_hide_the_findings_of_the_others(tmp_path):
    root = repo(tmp_path)
    write(root, "good.yaml", GOOD)
    write(root, "bad.yaml", BAD)
    proc = smartlint(["check", "--format", "json", "--", "bad.yaml", "missing.yaml", "good.yaml"], root)
    assert proc.returncode == 2
    assert "missing.yaml: no such file or folder" in proc.stderr
    import json

    report = json.loads(proc.stdout)
    assert report["summary"]["files"] == 2
    assert {f["rule"] for f in report["findings"] if f["file"] == "bad.yaml"} >= {"S001"}


def test_standard_input_over_the_limit_is_refused_not_cut(tmp_path):
    from smartlint.files import MAX_STDIN

    # A bad goal first, then padding: cutting the input would still lint (and maybe pass) a prefix.
    big = (BAD + "# " + "x" * 1000 + "\n") * (MAX_STDIN // 1000 + 10)
    proc = smartlint(["check", "-"], tmp_path, stdin=big.encode())
    assert proc.returncode == 2
    assert "standard input is over the limit" in proc.stderr
    assert "All good" not in proc.stdout


def test_stdin_filename_applies_configuration_and_per_file_ignores(tmp_path):
    root = repo(tmp_path)
    write(root, ".smartlint.yaml", 'per-file-ignores:\n  "drafts/*": [S001]\n')
    proc = smartlint(["check", "--stdin-filename", "drafts/q3.yaml", "-"], root, stdin=BAD.encode())
    assert "drafts/q3.yaml:4:5" in proc.stdout
    assert "S001" not in proc.stdout and "M001" in proc.stdout
    plain = smartlint(["check", "--stdin-filename", "okrs/q3.yaml", "-"], root, stdin=BAD.encode())
    assert "S001" in plain.stdout and "okrs/q3.yaml:4:5" in plain.stdout


# -- folder walks ---------------------------------------------------------------------------------

OTHER_YAML = {
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
    ".github/workflows/ci.yml": "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    "mkdocs.yml": "site_name: Plans\nnav:\n  - Home: index.md\n",
    ".pre-commit-config.yaml": "repos:\n  - repo: local\n    hooks: []\n",
    ".pre-commit-hooks.yaml": "- id: x\n  name: x\n",
    "ansible/site.yml": "- hosts: all\n  roles: [web]\n",
    "node_modules/pkg/goals.yaml": BAD,
    "build/goals.yaml": BAD,
}


def test_a_walk_lints_goal_files_and_says_what_it_skipped(tmp_path):
    root = repo(tmp_path)
    for name, text in OTHER_YAML.items():
        write(root, name, text)
    write(root, ".gitignore", "node_modules/\n/build\n")
    write(root, "okrs/.smartlint.yaml", "fail-on: warning\n")
    write(root, "okrs/q1.yaml", BAD)
    write(root, "okrs/typo.yml", "language: en\nobjectves:\n  - title: Grow revenue\n")  # near miss
    write(root, "okrs/fr.yaml", "langue: fr\nobjectifs:\n  - Améliorer la qualité\n")
    proc = smartlint(["check", "--format", "json", "--verbose", "."], root)
    import json

    report = json.loads(proc.stdout)
    assert report["summary"]["files"] == 3
    assert {f["file"] for f in report["findings"]} == {"okrs/fr.yaml", "okrs/q1.yaml", "okrs/typo.yml"}
    assert any(f["rule"] == "Y002" and f["file"] == "okrs/typo.yml" for f in report["findings"])
    assert any(f["rule"] == "Y002" and f["file"] == "okrs/fr.yaml" for f in report["findings"])
    assert "skipped docker-compose.yml: not a goal file" in proc.stderr
    assert "skipped node_modules: ignored by .gitignore" in proc.stderr
    assert "skipped build: ignored by .gitignore" in proc.stderr
    assert "skipped .github: hidden" in proc.stderr and "skipped .pre-commit-config.yaml: hidden" in proc.stderr
    assert proc.returncode == 1


def test_the_hook_skips_other_yaml_named_on_the_command_line(tmp_path):
    root = repo(tmp_path)
    for name, text in OTHER_YAML.items():
        write(root, name, text)
    write(root, "okrs/.smartlint.yaml", "fail-on: warning\n")
    write(root, "okrs/q1.yaml", GOOD)
    names = [*(n for n in OTHER_YAML if "goals" not in n), "okrs/.smartlint.yaml", "okrs/q1.yaml"]
    proc = smartlint([*hook_command()[1:], *names], root, env={"PRE_COMMIT": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 file" in proc.stdout
    assert "not a goal file" in proc.stderr and "--verbose" in proc.stderr
    proc = smartlint([*hook_command()[1:], *names, "okrs/bad.yaml"], root, env={"PRE_COMMIT": "1"})
    assert proc.returncode == 2  # a named path that does not exist


def test_a_symlink_out_of_the_repository_is_not_followed(tmp_path):
    outside = write(tmp_path, "outside/good.yaml", GOOD)
    root = repo(tmp_path)
    write(root, "okrs/q1.yaml", BAD)
    (root / "okrs" / "q2.yaml").symlink_to(outside)
    (root / "okrs" / "linked").symlink_to(outside.parent, target_is_directory=True)
    proc = smartlint(["check", "--verbose", "okrs"], root)
    assert proc.returncode == 2
    assert "okrs/q2.yaml: a symbolic link to" in proc.stderr and "outside the repository" in proc.stderr
    assert "skipped okrs/linked: a symbolic link to a folder" in proc.stderr
    assert "okrs/q1.yaml:4:5" in proc.stdout  # the rest is still linted
    named = smartlint(["check", "--", "okrs/q2.yaml"], root)
    assert named.returncode == 2 and "outside the repository" in named.stderr
    (root / "okrs" / "q2.yaml").unlink()
    (root / "okrs" / "kmsg.yaml").symlink_to("/proc/kmsg")  # reading it blocks until the kernel logs
    proc = smartlint(["check", "okrs"], root)
    assert proc.returncode == 2 and "okrs/kmsg.yaml: a symbolic link to /proc/kmsg" in proc.stderr


def test_special_files_in_folders_are_never_read(tmp_path):
    root = repo(tmp_path)
    write(root, "okrs/q1.yaml", GOOD)
    os.mkfifo(root / "okrs" / "pipe.yaml")  # opening it for reading would block for ever
    proc = smartlint(["check", "--verbose", "okrs"], root)
    assert proc.returncode == 0, proc.stderr
    assert "skipped okrs/pipe.yaml: not a regular file" in proc.stderr
    named = smartlint(["check", "--", "okrs/pipe.yaml"], root)
    assert named.returncode == 2 and "not a regular file" in named.stderr


def test_an_unreadable_subfolder_is_an_error_not_all_good(tmp_path, monkeypatch):
    from smartlint import files

    root = repo(tmp_path)
    write(root, "okrs/q1.yaml", GOOD)
    write(root, "okrs/secret/q2.yaml", BAD)
    real = os.scandir

    def scandir(path):  # the tests run as root, where permissions do not refuse anything
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(files.os, "scandir", scandir)
    collected = files.collect([str(root / "okrs")])
    assert [shown for _, shown in collected.files] == [str(root / "okrs" / "q1.yaml")]
    assert collected.errors == [f"{root / 'okrs' / 'secret'}: cannot read the folder (Permission denied)"]


def test_goal_file_detection_reads_keys_not_values():
    from smartlint.files import is_goal_text

    goal = ["goals:\n  - Ship\n", "objectives: []\n", "  key_results:\n    - x\n", '{"objectives": []}\n',
            "# plan\n---\nobjectifs:\n", "résultats_clés:\n", "Objectives :\n", "key_resluts:\n", "objetcives:\n",
            "goals: [\n", "language: en\ngoals:\n  - title: x\n    bad indent\n", "results: []\nperiod: 2027-Q1\n"]
    other = ["services:\n  goals: {}\n", "- goals: []\n", "name: goals\n", "tools: []\nroles: []\n", "",
             "# objectives:\n", "results: []\n", "description: |\n  objectives: none\n", "goals\n"]
    assert [t for t in goal if not is_goal_text(t)] == []
    assert [t for t in other if is_goal_text(t)] == []


# -- configuration from outside the repository ----------------------------------------------------

def test_a_configuration_above_the_repository_is_never_used(tmp_path):
    write(tmp_path, ".smartlint.yaml", 'exclude: ["*"]\n')  # a shared runner's work folder, $HOME, /tmp
    write(tmp_path, "pyproject.toml", "[tool.smartlint\nbroken")  # and a broken one: no effect either
    root = repo(tmp_path)
    write(root, "okrs/q1.yaml", BAD)
    proc = smartlint(["check", "."], root / "okrs")
    assert proc.returncode == 1, proc.stderr
    assert "S001" in proc.stdout
    named = smartlint(["check", "--config", str(tmp_path / ".smartlint.yaml"), "okrs"], root)
    assert named.returncode == 0 and "0 files" in named.stdout  # used when named, and only then


def test_a_worktree_git_file_is_a_repository_root_too(tmp_path):
    write(tmp_path, ".smartlint.yaml", 'exclude: ["*"]\n')
    root = tmp_path / "wt"
    write(root, ".git", "gitdir: /elsewhere/.git/worktrees/wt\n")
    write(root, "q1.yaml", BAD)
    assert smartlint(["check", "q1.yaml"], root).returncode == 1


def test_a_configuration_linked_from_outside_the_repository_is_refused(tmp_path):
    outside = write(tmp_path, "outside/.smartlint.yaml", 'exclude: ["*"]\n')
    root = repo(tmp_path)
    write(root, "q1.yaml", BAD)
    (root / ".smartlint.yaml").symlink_to(outside)
    proc = smartlint(["check", "q1.yaml"], root)
    assert proc.returncode == 2 and "outside the" in proc.stderr and "--config" in proc.stderr


def test_unreadable_or_broken_pyproject_is_a_usage_error_not_skipped(tmp_path):
    root = repo(tmp_path)
    write(root, "okrs/q1.yaml", BAD)
    (root / "pyproject.toml").write_bytes(b'[tool.smartlint]\nignore = ["S001"]\nname = "caf\xe9"\n')
    proc = smartlint(["check", "okrs"], root)
    assert proc.returncode == 2 and "pyproject.toml: cannot read the configuration: not UTF-8" in proc.stderr
    write(root, "pyproject.toml", '[project\nname = "plans"\n')  # broken, and silent about smartlint
    proc = smartlint(["check", "okrs"], root)
    assert proc.returncode == 2 and "invalid TOML" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_empty_rule_selectors_are_refused_where_they_are(tmp_path):
    root = repo(tmp_path)
    write(root, "q1.yaml", BAD)
    cases = {
        'ignore: [S002, ""]\n': ".smartlint.yaml:1:16",
        'severity:\n  "": info\n': ".smartlint.yaml:2:3",
        'per-file-ignores:\n  "*": [" "]\n': ".smartlint.yaml:2:9",
        'select: ["   "]\n': ".smartlint.yaml:1:10",
    }
    for text, where in cases.items():
        write(root, ".smartlint.yaml", text)
        proc = smartlint(["check", "q1.yaml"], root)
        assert proc.returncode == 2, text
        assert where in proc.stderr and "empty" in proc.stderr, (text, proc.stderr)
    (root / ".smartlint.yaml").unlink()
    write(root, "pyproject.toml", '[tool.smartlint]\nfail-on = "warning"\nignore = [""]\n')
    proc = smartlint(["check", "q1.yaml"], root)
    assert proc.returncode == 2 and "pyproject.toml:3:1" in proc.stderr and "empty rule selector" in proc.stderr


def test_deeply_nested_configuration_is_a_located_error(tmp_path):
    root = repo(tmp_path)
    write(root, "q1.yaml", BAD)
    write(root, ".smartlint.yaml", "ignore: " + "[" * 5000 + "]" * 5000 + "\n")
    proc = smartlint(["check", "q1.yaml"], root)
    assert proc.returncode == 2 and ".smartlint.yaml:1:" in proc.stderr and "nested" in proc.stderr
    assert "Traceback" not in proc.stderr and "RecursionError" not in proc.stderr
    (root / ".smartlint.yaml").unlink()
    write(root, "pyproject.toml", "[tool.smartlint]\nignore = " + "[" * 5000 + "]" * 5000 + "\n")
    proc = smartlint(["check", "q1.yaml"], root)
    assert proc.returncode == 2 and "pyproject.toml:2:" in proc.stderr and "nested" in proc.stderr


def test_configuration_is_looked_up_once_per_folder(tmp_path, monkeypatch):
    from smartlint import config, config_files
    from smartlint.engine import Settings, lint_paths

    root = repo(tmp_path)
    write(root, "pyproject.toml", '[tool.smartlint]\nignore = ["M001"]\n' + "# padding\n" * 2000)
    paths = [write(root, f"okrs/deep/q{i}.yaml", GOOD) for i in range(200)]
    reads: list[Path] = []
    real = config_files._read_toml
    for module in (config, config_files):  # finding it, and loading it
        monkeypatch.setattr(module, "_read_toml", lambda path: reads.append(path) or real(path))
    lint_paths([(p, p.name) for p in paths], Settings(use_cache=False))
    assert len(reads) <= 2  # once to find it, once to load it; not once per goal file


# -- word files -----------------------------------------------------------------------------------

def test_word_files_must_be_regular_files_inside_the_repository(tmp_path):
    outside = write(tmp_path, "outside/w.yaml", "en:\n  vague_verbs:\n    remove: [enhance]\n")
    root = repo(tmp_path)
    write(root, "q1.yaml", BAD)
    write(root, ".smartlint.yaml", "word-files: [../outside/w.yaml]\n")
    proc = smartlint(["check", "q1.yaml"], root)
    assert proc.returncode == 2 and "outside the repository" in proc.stderr and ".smartlint.yaml:1:" in proc.stderr
    (root / "w.yaml").symlink_to(outside)
    write(root, ".smartlint.yaml", "word-files: [w.yaml]\n")
    assert smartlint(["check", "q1.yaml"], root).returncode == 2
    (root / "w.yaml").unlink()
    (root / "w.yaml").symlink_to("/dev/zero")  # reading it whole would exhaust memory
    proc = smartlint(["check", "q1.yaml"], root)
    assert proc.returncode == 2 and "outside the repository" in proc.stderr
    (root / "w.yaml").unlink()
    os.mkfifo(root / "w.yaml")  # inside the repository, but reading it would block for ever
    proc = smartlint(["check", "q1.yaml"], root)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr
    (root / "w.yaml").unlink()
    write(root, "words/w.yaml", "en:\n  vague_verbs:\n    add: [" + ", ".join(["zorp"] * 300_000) + "]\n")
    write(root, ".smartlint.yaml", "word-files: [words/w.yaml]\n")
    proc = smartlint(["check", "q1.yaml"], root)
    assert proc.returncode == 2 and "word file (it is 2 MiB; the limit is 1 MiB)" in proc.stderr


def test_a_word_file_read_through_a_device_is_refused_before_reading():
    from smartlint.files import read_limited

    import pytest

    with pytest.raises(OSError, match="not a regular file"):
        read_limited(Path("/dev/zero"), 1024)
