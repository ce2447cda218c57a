"""The entry point serves an unchanged re-check without building the command line (smartlint.entry):
it must print the same bytes, notes and exit status as the full command line, and hand every other
command line over to it untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write
from smartlint import entry

PLAN = """\
language: en
owner: Ana
goals:
  - Enhance the brand by 30 June 2027  # smartlint: disable=M001 until=2027-03-31 reason=rebrand
  - Sign 40 new reseller agreements by 30 June 2027
  - "Streamline the [bold]onboarding[/] :warning: ::error::x"
"""
CLEAN = "language: en\nowner: Ana\ngoals:\n  - Sign 40 new reseller agreements by 30 June 2027\n"

PROBE = """\
import json, sys
which, argv = sys.argv[1], json.loads(sys.argv[2])
sys.argv = ['smartlint', *argv]
if which == 'entry':
    from smartlint.entry import main
else:
    from smartlint.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
sys.stdout.flush()
sys.stderr.write('\\nPROBE ' + json.dumps([code, 'typer' in sys.modules]) + '\\n')
"""


def _run(which: str, argv: list[str], env: dict[str, str], cwd: Path) -> tuple[int, bool, str, str]:
    """(exit status, whether typer was imported, stdout, stderr) of one fresh process."""
    proc = subprocess.run([sys.executable, "-c", PROBE, which, json.dumps(argv)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)
    err, _, tail = proc.stderr.rpartition("\nPROBE ")
    code, typer_loaded = json.loads(tail)
    return code, typer_loaded, proc.stdout, err


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("entry")
    (root / ".git").mkdir()
    write(root, "goals.yaml", PLAN)
    write(root, "clean.yaml", CLEAN)
    write(root, "ci.yaml", "jobs:\n  build:\n    runs-on: ubuntu-latest\n")  # not a goal file: skipped
    env = {**os.environ, "SMARTLINT_CACHE_DIR": str(root / "cache"), "NO_COLOR": "1"}
    for name in ("GITHUB_ACTIONS", "PRE_COMMIT", "GITHUB_STEP_SUMMARY"):
        env.pop(name, None)
    return root, env


SERVED = [
    ["check", "--", "goals.yaml"],
    ["check", "goals.yaml", "clean.yaml"],
    ["check", "--format", "json", "--", "goals.yaml", "ci.yaml"],
    ["check", "--format=concise", "-q", "goals.yaml"],
    ["check", "-f", "github", "--today", "2027-04-01", "--", "goals.yaml"],
    ["check", "goals.yaml", "--format", "sarif"],
    ["check", "--format", "gitlab", "--", "clean.yaml"],
    ["check", "--today=2027-01-10", "--quiet", "--", "goals.yaml", "ci.yaml"],
    ["check", "--", "clean.yaml"],
]


@pytest.mark.parametrize("argv", SERVED, ids=lambda a: " ".join(a[1:]))
def test_a_served_re_check_prints_what_the_full_command_line_prints(repo, argv):
    root, env = repo
    first = _run("cli", argv, env, root)  # the cold run stores the results
    served = _run("entry", argv, env, root)
    full = _run("cli", argv, env, root)
    assert not served[1], "the re-check built the full command line"
    assert full[1]
    assert served[0] == full[0] == first[0]
    assert served[2] == full[2] == first[2]
    assert served[3] == full[3]


@pytest.mark.parametrize("argv", [
    ["check", "--select", "S", "--", "goals.yaml"],  # an option not served here
    ["check", "-fjson", "goals.yaml"],  # a short option with its value attached
    ["check", "--format", "junit", "goals.yaml"],  # JUnit reads the items
    ["check", "--format", "JSON", "goals.yaml"],  # not a format: the full command line says so
    ["check", "--today", "tomorrow", "goals.yaml"],
    ["check", "--format", "json", "--format", "text", "goals.yaml"],
    ["check", "-", "goals.yaml"],
    ["check", "missing.yaml", "goals.yaml"],
    ["check", "--no-cache", "goals.yaml"],
    ["check"],
    ["rules", "--format", "json"],
    ["--version"],
], ids=lambda a: " ".join(a) or "nothing")
def test_other_command_lines_go_to_the_full_command_line(repo, argv):
    root, env = repo
    _run("cli", ["check", "goals.yaml"], env, root)
    served = _run("entry", argv, env, root)
    full = _run("cli", argv, env, root)
    assert served[1], "this command line must be read by the full command line"
    assert (served[0], served[2], served[3]) == (full[0], full[2], full[3])


def test_a_changed_file_is_linted_by_the_full_command_line(repo, tmp_path):
    root, env = repo
    path = write(tmp_path, "g.yaml", CLEAN)
    _run("entry", ["check", "--", str(path)], env, root)
    assert not _run("entry", ["check", "--", str(path)], env, root)[1]
    write(tmp_path, "g.yaml", PLAN)
    code, typer_loaded, out, _err = _run("entry", ["check", "--", str(path)], env, root)
    assert typer_loaded and code == 1 and "S001" in out


def test_refusals_come_first(repo):
    root, env = repo
    code, typer_loaded, _out, err = _run("entry", ["check", "goals.yaml"], {**env, "PRE_COMMIT": "1"}, root)
    assert code == 2 and not typer_loaded and "end the hook's `args:` with `--`" in err


@pytest.mark.parametrize("argv, expected", [
    (["check", "--", "-q", "a.yaml"], ["-q", "a.yaml"]),
    (["check", "a.yaml", "-q", "--format", "json", "b.yaml"], ["a.yaml", "b.yaml"]),
])
def test_paths_are_read_as_the_full_command_line_reads_them(argv, expected):
    parsed = entry._parse(argv)
    assert parsed is not None and parsed["paths"] == expected


def test_the_entry_point_is_the_installed_command():
    import tomllib

    scripts = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["smartlint"] == "smartlint.entry:main"
