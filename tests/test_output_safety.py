"""Outputs written as the attack: hostile titles, keys, ids and file names must not run workflow
commands, drive the terminal, break Markdown, or crash an encoding; writes never follow links."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from smartlint.cli import app

runner = CliRunner()

HOSTILE = (
    'language: en\n'
    'period: 2027-Q1\n'
    '"::add-mask::leaked": 1\n'
    '"\\e[2Jclear :warning: \\x9b31m \\n::error file=ok.yaml::fake": 1\n'
    '"日本 → ✓": 1\n'
    'objectives:\n'
    '  - title: "::set-output name=verdict::pass"\n'
    '    id: "@org/team ![img](https://evil.example/x.png) <img src=x onerror=alert(1)>"\n'
    '    key_results:\n'
    '      - "Enhance\\n::error file=ok.yaml::fake :warning: [bold]x[/]"\n'
    '      - "Improve \\e[2J\\e]8;;https://evil.example\\e\\\\click\\e]8;;\\e\\\\ \\x9b31m"\n'
    '      - "Optimize ##[add-mask]secret \\u202eevil \\x01 done"\n'
    '      - title: Grow revenue\n'
    '        unit: "EUR | evil\\n\\n# Heading <script>x</script>"\n'
    '        baseline: 1\n'
    '        target: 2\n'
    '        current: 1\n'
)
FORMATS = ["text", "concise", "json", "sarif", "github", "junit", "gitlab"]
ANNOTATION = re.compile(r"::(error|warning|notice) [^:\n]*::")


def executed_commands(output: str) -> list[str]:
    """The workflow commands the GitHub Actions runner would execute in `output`: a line starting
    (after spaces) with `::`, or holding `##[` (the legacy form), outside ::stop-commands:: blocks."""
    found, token = [], None
    for line in output.splitlines():
        text = line.lstrip()
        if token is not None:
            if text == f"::{token}::":
                token = None
            continue
        if text.startswith("::stop-commands::"):
            token = text[len("::stop-commands::"):]
            assert len(token) >= 16
            continue
        if text.startswith("::") or "##[" in text:
            found.append(text)
    assert token is None, "stop-commands never resumed"
    return found


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "::error file=x::name [bold].yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def run(*args, env=None):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "GITHUB_ACTIONS": "true", **(env or {})})


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_line_runs_a_workflow_command(hostile, fmt):
    result = run("check", "--no-cache", "--format", fmt, str(hostile))
    assert result.exit_code == 1, result.output
    out = result.stdout
    for command in executed_commands(out):
        # only our own annotations, each one line, every user part escaped
        assert fmt == "github" and ANNOTATION.match(command), command
        assert "::set-output" not in command and "::add-mask" not in command.split("::", 2)[2] or "%3A" in command
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x01" not in out
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    if fmt == "junit":
        ET.fromstring(out)


def test_annotation_messages_cannot_start_a_line(hostile):
    out = run("check", "--no-cache", "--format", "github", str(hostile)).stdout
    for line in out.splitlines():
        assert ANNOTATION.match(line), line
        props = line.split("::", 2)[1].split(" ", 1)[1]
        assert [p.split("=")[0] for p in props.split(",")] == ["file", "line", "col", "endLine", "endColumn", "title"]


def test_human_formats_are_wrapped_only_in_github_actions(hostile):
    inside = run("check", "--no-cache", "--format", "text", str(hostile)).stdout.splitlines()
    assert inside[0].startswith("::stop-commands::") and inside[-1] == f"::{inside[0].split('::')[2]}::"
    assert run("check", "--no-cache", "--format", "concise", str(hostile)).stdout.startswith("::stop-commands::")
    outside = run("check", "--no-cache", "--format", "text", str(hostile), env={"GITHUB_ACTIONS": ""}).stdout
    assert "stop-commands" not in outside
    machine = run("check", "--no-cache", "--format", "json", str(hostile)).stdout
    assert json.loads(machine)["findings"]  # no wrapper around what `jq` reads


def test_tokens_are_random(hostile):
    first = run("check", "--no-cache", "--format", "text", str(hostile)).stdout.split("\n", 1)[0]
    second = run("check", "--no-cache", "--format", "text", str(hostile)).stdout.split("\n", 1)[0]
    assert first != second


def test_text_shows_escapes_and_no_emoji(hostile):
    out = run("check", "--no-cache", "--format", "text", str(hostile), env={"GITHUB_ACTIONS": ""}).stdout
    assert "\\x1b[2J" in out and "\\n::error" in out  # shown, not obeyed
    assert ":warning:" in out and "\u26a0" not in out
    assert "[bold]" in out  # markup in a file name or title prints as written


def test_json_keeps_the_values_and_escapes_controls(hostile):
    out = run("check", "--no-cache", "--format", "json", str(hostile)).stdout
    doc = json.loads(out)
    messages = " ".join(f["message"] for f in doc["findings"])
    assert "\x1b[2J" in messages  # the contract keeps the value; JSON escapes it
    assert "\\u001b" in out and "\\u009b" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_report_runs_no_workflow_command(hostile, fmt):
    out = run("report", "--format", fmt, "--today", "2027-02-01", str(hostile)).stdout
    assert executed_commands(out) == []
    assert out.startswith("::stop-commands::") == (fmt == "text")  # the others go into comments and files


def test_markdown_report_escapes_cells(hostile):
    out = run("report", "--format", "markdown", "--today", "2027-02-01", str(hostile),
              env={"GITHUB_ACTIONS": ""}).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    header = rows[0].count("|")
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == header, row  # no cell ends the table early
    assert "<img" not in out and "<script" not in out and "![" not in out
    assert not re.search(r"@(?!&#8203;)", out)  # no mention pings a team
    assert ":warning:" not in out  # no emoji shortcode
    assert "\n# Heading" not in out


def test_html_report_escapes(hostile):
    out = run("report", "--format", "html", "--today", "2027-02-01", str(hostile), env={"GITHUB_ACTIONS": ""}).stdout
    assert "<img src=x" not in out and "<script>x" not in out and "\x1b" not in out


def test_text_report_prints_markup_and_emoji_literally(hostile):
    out = run("report", "--today", "2027-02-01", str(hostile), env={"GITHUB_ACTIONS": ""}).stdout
    assert ":warning:" in out and "\u26a0" not in out and "\x1b" not in out


def test_progress_bar_takes_markup_in_file_names():
    from smartlint.cli import _ProgressBar

    bar = _ProgressBar()
    bar.DELAY = 0
    bar("reading [/bold] [bold]x.yaml", 0, 2)
    bar("reading [/]", 1, 2)
    bar.close()


def test_usage_errors_escape_file_names(tmp_path):
    result = run("check", str(tmp_path / "missing\n::set-output name=x::y.yaml"))
    assert result.exit_code == 2
    assert not [line for line in result.stderr.splitlines() if line.lstrip().startswith("::")]


def test_a_secret_value_is_not_printed_back(tmp_path):
    secret = "ghp_" + "S3cr3t" * 8
    path = tmp_path / "plan.yaml"
    path.write_text(f"language: en\nperiod: {secret}\nobjectives:\n  - title: Grow\n", encoding="utf-8")
    out = run("check", "--no-cache", "--format", "concise", str(path), env={"GITHUB_ACTIONS": ""}).stdout
    assert "Y003" in out and "S3cr3t" not in out and "a value of 52 characters" in out
    short = tmp_path / "short.yaml"  # a short wrong value is quoted whole, so the user sees what to fix
    short.write_text("language: en\nperiod: 2027-Q5\nobjectives:\n  - title: Grow\n", encoding="utf-8")
    out = run("check", "--no-cache", "--format", "concise", str(short), env={"GITHUB_ACTIONS": ""}).stdout
    assert "'2027-Q5'" in out


# --- encodings ---------------------------------------------------------------------------------

def _cli(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "smartlint", *args], cwd=cwd, capture_output=True,
                          env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "", **(env or {})}, timeout=120)


@pytest.mark.parametrize("command", [["check", "--no-cache"], ["report", "--today", "2027-02-01"]])
def test_a_cp1252_pipe_gets_replacements_not_a_crash(tmp_path, command):
    (tmp_path / "plan.yaml").write_text(
        "language: en\nperiod: 2027-Q1\n日本 → ✓: 1\nobjectives:\n  - title: Enhance 日本 → ✓ the brand\n"
        "    key_results: [Sign 10 distributors → 日本]\n", encoding="utf-8")
    done = _cli(*command, "plan.yaml", cwd=tmp_path, env={"PYTHONIOENCODING": "cp1252"})
    assert done.returncode in (0, 1), done.stderr.decode()
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
    assert b"?? ? ?" in done.stdout  # the key (check) or the title (report), replaced


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit", "concise"])
def test_non_utf8_file_names_are_shown_escaped(tmp_path, fmt):
    name = os.fsdecode(b"plan-\xff.yaml")
    (tmp_path / name).write_text("language: en\nobjectives:\n  - title: Enhance the brand\n", encoding="utf-8")
    done = _cli("check", "--no-cache", "--format", fmt, ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode()
    text = done.stdout.decode("utf-8")  # valid UTF-8
    if fmt == "json":
        assert json.loads(text)["findings"][0]["file"] == "plan-\\xff.yaml"
    elif fmt == "sarif":
        assert json.loads(text)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"]["uri"].endswith("plan-%FF.yaml")
    else:
        assert "plan-\\xff.yaml" in text
    if fmt == "junit":
        ET.fromstring(text)


def test_report_to_a_file_with_a_non_utf8_name_leaves_no_temp_file(tmp_path):
    name = os.fsdecode(b"plan-\xff.yaml")
    (tmp_path / name).write_text("language: en\nobjectives:\n  - title: Enhance the brand\n", encoding="utf-8")
    done = _cli("report", "--format", "markdown", "-o", "out.md", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(os.listdir(tmp_path)) == sorted([name, "out.md"])
    assert "plan-\\\\xff.yaml" in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_junit_is_valid_xml_with_control_characters(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text('language: en\nobjectives:\n  - title: "Enhance \\x01\\x1b\\x0b\\x7f the brand"\n',
                    encoding="utf-8")
    out = run("check", "--no-cache", "--format", "junit", str(path)).stdout
    root = ET.fromstring(out)
    names = [c.get("name") for c in root.iter("testcase")]
    assert any("\\x01\\x1b\\x0b\\x7f" in n for n in names)


def test_output_is_bounded_for_a_huge_anchor(tmp_path):
    """A huge value reused through an anchor, as a title and as ids (quoted by duplicate-id): each
    finding stays short, so the output follows the number of findings, not the value's size."""
    value = "y" * 20_000
    lines = ["language: en", "owner: Sales", "objectives:", f'  - title: &t "Grow {value}"', "    key_results:"]
    lines += ["      - *t"] * 20
    lines += [f'      - {{title: Sign 10 contracts by 2027-03-31, id: {"&v " if i == 0 else ""}'
              f'{"x" + value if i == 0 else "*v"}}}' for i in range(40)]
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fmt in ("text", "json", "junit", "sarif", "gitlab", "github"):
        out = run("check", "--no-cache", "--format", fmt, str(path), env={"GITHUB_ACTIONS": ""}).stdout
        assert "Y009" in out or "duplicate id" in out
        assert len(out) < 300_000, (fmt, len(out))
    out = run("report", "--format", "markdown", str(path), env={"GITHUB_ACTIONS": ""}).stdout
    assert len(out) < 300_000


def test_findings_bound_their_messages():
    from smartlint.model import MAX_MESSAGE, Finding

    f = Finding("Y009", "duplicate-id", "schema", "error", "a.yaml", 1, 1, 1, 2, "", "m" * 10**6, "s" * 10**6)
    assert len(f.message) == len(f.suggestion) == MAX_MESSAGE and f.message.endswith("…")


# --- safe writes ---------------------------------------------------------------------------------

PLAN = "language: en\nperiod: 2027-Q1\nobjectives:\n  - title: Grow\n    key_results: [Sign 10 contracts]\n"


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_report_replaces_a_symlink_never_its_target(tmp_path, plan):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "out.md"
    link.symlink_to(victim)
    result = run("report", "--format", "markdown", "-o", str(link), str(plan), env={"GITHUB_ACTIONS": ""})
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "precious\n"
    assert not link.is_symlink() and "OKR progress" in link.read_text()


def test_temporary_names_are_not_predictable(tmp_path, plan):
    """The former temporary name `.NAME.PID.tmp`, planted as a symlink, was followed."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / f".out.md.{os.getpid()}.tmp").symlink_to(victim)
    result = run("report", "--format", "markdown", "-o", str(tmp_path / "out.md"), str(plan), env={"GITHUB_ACTIONS": ""})
    assert result.exit_code == 0
    assert victim.read_text() == "precious\n"
    assert "OKR progress" in (tmp_path / "out.md").read_text()


def test_init_never_writes_through_a_symlink(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    target = tmp_path / "goals.yaml"
    target.symlink_to(victim)
    assert run("init", str(target)).exit_code == 2  # exists
    dangling = tmp_path / "new.yaml"
    dangling.symlink_to(tmp_path / "nowhere" / "created.yaml")
    assert run("init", str(dangling)).exit_code == 2  # a dangling link exists too
    assert run("init", "--force", str(target)).exit_code == 0
    assert victim.read_text() == "precious\n" and not target.is_symlink()
    assert not (tmp_path / "nowhere").exists()


def test_writing_into_a_fifo_writes_into_it(tmp_path, plan):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    result = run("report", "--format", "markdown", "-o", str(fifo), str(plan), env={"GITHUB_ACTIONS": ""})
    reader.join(10)
    assert result.exit_code == 0
    assert "OKR progress" in received[0]
    assert fifo.is_fifo()  # still the pipe, not replaced by a regular file


def test_write_text_helper(tmp_path):
    from smartlint.atomic import write_text

    target = tmp_path / "a.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_text(target, "new é \udcff")
    assert target.read_text(encoding="utf-8") == "new é ?" and (target.stat().st_mode & 0o777) == 0o640
    with pytest.raises(IsADirectoryError):
        write_text(tmp_path, "x")
    os.chmod(tmp_path, 0o500)
    try:
        if os.geteuid() != 0:
            with pytest.raises(PermissionError):
                write_text(tmp_path / "b.txt", "x")
    finally:
        os.chmod(tmp_path, 0o700)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_stderr_never_carries_a_workflow_command(tmp_path):
    (tmp_path / "##[add-mask]x.yaml").write_text("services: {}\n", encoding="utf-8")  # not a goal file
    (tmp_path / "::set-output name=a::b.yaml").write_text("services: {}\n", encoding="utf-8")
    result = run("check", "--verbose", str(tmp_path), str(tmp_path / "##[set-output name=x;]missing.yaml"))
    assert result.exit_code == 2
    assert "missing.yaml" in result.stderr and "x.yaml" in result.stderr
    assert executed_commands(result.stderr) == []
