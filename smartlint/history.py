"""Check-ins read from git: each commit that changed a key result's `current:` is one, dated by the
commit. The git command is run directly (no shell, paths after `--`, a timeout), so a goal file
outside a repository, a shallow clone or a missing git gives a note, never a crash."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from smartlint import report_texts as texts

TIMEOUT = 30.0  # seconds per git call
MAX_COMMITS = 1000  # the newest commits of a file that are read (a check-in a week is 20 years)
_HEADER = re.compile(r"([0-9a-f]{40,64}) (\S+)$")


@dataclass
class CheckIn:
    day: date
    commit: str  # abbreviated hash
    current: float


@dataclass
class FileHistory:
    """A goal file's check-ins, per item (keyed by its id if it has one, else by its path)."""

    available: bool = False
    checkins: dict[str, list[CheckIn]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    commits: int = 0  # the file's commits read


class GitError(Exception):
    pass


class GitMissing(GitError):
    """No git command on this machine."""


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
                              timeout=TIMEOUT, env=env, check=False)
    except FileNotFoundError as exc:
        raise GitMissing(texts.text(texts.HISTORY_NO_GIT)) from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(texts.text(texts.HISTORY_FAILED, reason=texts.text(texts.HISTORY_TIMEOUT, seconds=f"{TIMEOUT:g}"))) from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(texts.text(texts.HISTORY_FAILED, reason=reason[-1] if reason else f"exit {done.returncode}"))
    return done.stdout.decode("utf-8", "replace")


def key_of(node) -> str:
    """How an item is recognised across versions: its id, else its place in the file."""
    item_id = getattr(node.item, "id", None)
    return f"id:{item_id}" if item_id else node.path


def currents(file: str, text: str) -> dict[str, float]:
    """The `current:` value of every item in one version of a file (a version that does not load has none)."""
    from smartlint.load import load_text

    loaded = load_text(file, text)
    values = {}
    for node in loaded.nodes:
        current = getattr(node.item, "current", None)
        if isinstance(current, (int, float)) and not isinstance(current, bool):
            values[key_of(node)] = float(current)
    return values


def read(path: Path | None) -> FileHistory:
    """The check-ins of one goal file on disk, oldest first."""
    history = FileHistory()
    if path is None or str(path) == "-":
        history.notes.append(texts.text(texts.HISTORY_OUTSIDE_REPO))
        return history
    path = Path(path).resolve()
    folder = path.parent
    try:
        inside = _git(folder, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except GitMissing as exc:
        history.notes.append(str(exc))
        return history
    except GitError:
        inside = False
    if not inside:
        history.notes.append(texts.text(texts.HISTORY_OUTSIDE_REPO))
        return history
    try:
        shallow = _git(folder, "rev-parse", "--is-shallow-repository").strip() == "true"
        log = _git(folder, "log", "--follow", "-z", f"--max-count={MAX_COMMITS}", "--format=%H %cI",
                   "--name-only", "--", path.name)
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except GitError as exc:
        history.notes.append(str(exc))
        return history
    versions: list[tuple[str, date, str]] = []  # (commit, day, path in that commit from the top)
    header: tuple[str, date] | None = None
    for token in log.split("\0"):
        token = token.strip("\n")
        match = _HEADER.match(token)
        if match:
            header = (match.group(1), datetime.fromisoformat(match.group(2)).date())
        elif token and header is not None:
            versions.append((header[0], header[1], token))
            header = None
    if not versions:
        history.notes.append(texts.text(texts.HISTORY_UNCOMMITTED))
        return history
    versions.reverse()  # oldest first
    history.available = True
    history.commits = len(versions)
    if shallow:
        history.notes.append(texts.text(texts.HISTORY_SHALLOW, date=versions[0][1]))
    last: dict[str, float] = {}
    for commit, day, name in versions:
        try:
            text = _git(top, "show", f"{commit}:{name}")
        except GitError:
            continue  # a version git cannot show (deleted in a merge...) adds no check-in
        for key, value in currents(name, text).items():
            if last.get(key) != value:
                history.checkins.setdefault(key, []).append(CheckIn(day, commit[:10], value))
                last[key] = value
    return history
