"""What a finding is, independent of where its lines happen to be: its repository-relative path and
a stable fingerprint, shared by SARIF (`partialFingerprints`), GitLab Code Quality (`fingerprint`)
and the baseline.

The fingerprint hashes the rule, the file's path from the repository root, and the item the finding
is about, named by its kind and normalised title (never its line or its index in a list): inserting
lines or items above it, re-indenting, or editing another item keeps it. File-level findings (no
item) use the message with digits removed (they often quote line numbers). Identical keys in one file
are told apart by their order (`:2`, `:3`), as GitHub does for its own line hashes.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from smartlint.i18n import english

if TYPE_CHECKING:
    from smartlint.model import Result
    from smartlint.model import Finding

VERSION = "smartlint/v1"  # the key of SARIF partialFingerprints; change it when the recipe changes


@lru_cache(maxsize=1024)
def _git_root(folder: str) -> str | None:
    """The nearest folder at or above `folder` that holds `.git` (a folder, or a file for worktrees)."""
    current = Path(folder)
    for candidate in (current, *current.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    return None


def repository_root(path: str | os.PathLike, env: str = "GITHUB_WORKSPACE") -> Path | None:
    """The root the CI service resolves paths against: `$GITHUB_WORKSPACE` (or `$CI_PROJECT_DIR`
    for GitLab) when the file is inside it, else the git top-level above the file."""
    absolute = Path(os.path.abspath(path))
    base = os.environ.get(env)
    if base:
        base_path = Path(os.path.abspath(base))
        if absolute == base_path or base_path in absolute.parents:
            return base_path
    root = _git_root(str(absolute.parent))
    return Path(root) if root else None


def repository_path(path: str | os.PathLike, env: str = "GITHUB_WORKSPACE") -> str | None:
    """`path` relative to its repository root, with `/` separators; None outside any repository."""
    root = repository_root(path, env)
    if root is None:
        return None
    return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()


def display_path(finding_file: str, disk: str | os.PathLike | None, env: str = "GITHUB_WORKSPACE") -> str:
    """The path a CI service understands: repository-relative when the file is in a repository,
    else as given (standard input keeps its shown name)."""
    if disk is None or finding_file == "-":
        return finding_file
    return repository_path(disk, env) or finding_file


def disk_paths(result: "Result") -> dict[str, str | None]:
    """Shown file name -> the file on disk (None for standard input)."""
    return {f.file: (str(f.path) if f.path is not None and f.file != "-" else None) for f in result.files}


_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_INDEX = re.compile(r"\[\d+\]")


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _subject(finding: "Finding", titles: dict[str, tuple[str, str]]) -> str:
    """The item a finding is about, without positions: its kind and title, or the message of a
    file-level finding."""
    path = finding.path
    while path:
        if path in titles:
            kind, title = titles[path]
            rest = _INDEX.sub("[]", finding.path[len(path):])
            return f"{kind}\0{_normal(title)}\0{rest}"
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    # the English form: a baseline written in one language still matches a run in another
    message = english(finding.message)
    return f"file\0{_INDEX.sub('[]', finding.path)}\0{_DIGITS.sub('#', _normal(message))}"


def fingerprints(result: "Result", findings: list["Finding"] | None = None,
                 env: str = "GITHUB_WORKSPACE") -> list[str]:
    """One fingerprint per finding of `findings` (default: the result's), in order."""
    findings = result.findings if findings is None else findings
    titles: dict[str, dict[str, tuple[str, str]]] = {}
    for loaded in result.files:
        titles[loaded.file] = {n.path: (getattr(n.level, "value", str(n.level)), n.title) for n in loaded.nodes}
    disk = disk_paths(result)
    seen: Counter[str] = Counter()
    out = []
    for f in sorted(findings, key=lambda x: (x.file, x.line, x.column, x.rule)):
        where = display_path(f.file, disk.get(f.file), env)
        key = "\0".join((f.rule, where, _subject(f, titles.get(f.file, {}))))
        digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        seen[digest] += 1
        out.append((id(f), digest if seen[digest] == 1 else f"{digest}:{seen[digest]}"))
    by_id = dict(out)
    return [by_id[id(f)] for f in findings]
