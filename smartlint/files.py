"""Which files a run reads: paths from the command line, folder walks, goal-file detection, and
reading a file safely (regular files only, size-checked before reading).

A folder walk lints goal files and nothing else: it skips hidden entries, what `.gitignore` files
ignore, symbolic links to folders, and special files (FIFOs, devices); a symbolic link whose target
lies outside the repository is an error, never followed. A repository is the nearest folder above a
path that holds `.git` (a folder, or a file in worktrees and submodules).

Problems with paths (missing, unreadable, special, pointing outside the repository) are collected
as errors so that the other paths are still linted; the command line turns them into exit 2.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from smartlint.i18n import _, _n

YAML_SUFFIXES = (".yaml", ".yml")
CONFIG_NAMES = (".smartlint.yaml", ".smartlint.yml")  # configuration files are never goal files
STDIN = "-"
MAX_STDIN = 20 * 1024 * 1024  # the goal-file limit of the loader, for standard input


class FileRefused(OSError):
    """A path that smartlint will not read (special file, too large, outside the repository)."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(reason)
        self.filename = str(path)
        self.strerror = reason


@dataclass
class Collected:
    """The files to lint, (path on disk, name to show), and what was left out and why."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "path: reason": the run exits 2
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why), told with --verbose
    skipped_named: int = 0  # files named on the command line that are not goal files

    def notes(self, verbose: bool = False) -> list[str]:
        """What standard error tells about skipped paths: each one with --verbose, else one line when
        files named on the command line were skipped (pre-commit passes every YAML file of a
        commit; only goal files are linted)."""
        from smartlint.i18n import _, _n
        from smartlint.neutral import clean

        if verbose:
            return ["smartlint: " + _("skipped {file}: {reason}", file=clean(str(shown)), reason=why)
                    for shown, why in self.skipped]
        n = self.skipped_named
        if not n:
            return []
        return ["smartlint: " + _n("note: {n} file named on the command line is not a goal file and was skipped "
                                   "(--verbose lists them)",
                                   "note: {n} files named on the command line are not a goal file and were skipped "
                                   "(--verbose lists them)", n)]


# -- repositories ---------------------------------------------------------------------------------

def repo_root(path: Path) -> Path | None:
    """The nearest folder at or above `path` (a file or folder) that holds `.git`, or None.

    Not cached across calls: a long-running process (the language server) sees a repository
    created after it started; callers keep the answer per folder for a run."""
    absolute = Path(os.path.abspath(path))
    d = absolute if absolute.is_dir() else absolute.parent
    while True:
        if os.path.lexists(d / ".git"):
            return d
        if d.parent == d:
            return None
        d = d.parent


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, symbolic links resolved, lies in `folder` (resolved too)."""
    return _within(os.path.realpath(path), os.path.realpath(folder))


def _within(real_path: str, real_folder: str) -> bool:
    return real_path == real_folder or real_path.startswith(real_folder.rstrip(os.sep) + os.sep)


# -- reading --------------------------------------------------------------------------------------

def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    The file is opened without blocking (a FIFO never hangs the run) and checked on the open
    descriptor, before anything is read: a symbolic link to /dev/zero or a device is refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(path, _("not a regular file: smartlint reads only regular files"))
        if st.st_size > limit:
            raise FileRefused(path, _("it is {size}; the limit is {limit}", size=_size(st.st_size), limit=_size(limit)))
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # the file grew while it was read
            raise FileRefused(path, _("it grew over the limit of {limit} while it was read", limit=_size(limit)))
        return data
    finally:
        os.close(fd)


def read_stdin(stream, limit: int = MAX_STDIN) -> bytes:
    """Standard input, refused (not cut) when it is over the limit."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(STDIN, _("standard input is over the limit of {limit}; nothing was checked", limit=_size(limit)))
    return data


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return _("{n} MiB", n=round(n / (1024 * 1024)))
    if n >= 1024:
        return _("{n} KiB", n=round(n / 1024))
    return _n("{n} byte", "{n} bytes", n)


# -- goal-file detection --------------------------------------------------------------------------

# Top-level keys that make a file a goal file, normalised (lower case, no accents, no `_ - space`):
# the schema's list keys in English and French, and the names people reach for instead.
GOAL_KEYS = frozenset({
    "objectives", "objective", "objectifs", "objectif", "okrs", "okr",
    "goals", "goal", "buts", "objectifssmart",
    "keyresults", "keyresult", "krs", "resultatscles", "resultatcles", "resultatscle", "resultatcle",
})
# Keys close enough to a list key to be a typo ("objectves", "key_resluts"): only for names long
# enough that one or two edits cannot turn another tool's key into them.
FUZZY_KEYS = {key: (2 if len(key) >= 9 else 1) for key in GOAL_KEYS if len(key) >= 5}
LONG_KEYS = tuple(k for k in GOAL_KEYS if len(k) >= 8)  # "objectives_2027" is still a goal list
MAX_KEYS = 10_000  # top-level keys looked at: a goal file has a handful
# Keys that name goals only beside the goal file's own settings ("results:" with "period:").
WEAK_KEYS = frozenset({"results", "resultats", "kpis", "targets"})
PLAN_KEYS = frozenset({"language", "period", "owner", "langue", "periode", "responsable"})

# Greedy classes that cannot overlap what follows them: linear on any line.
_BLOCK_KEY = re.compile(r"""^( *)(?:"([^"\n]*)"[ \t]*|'([^'\n]*)'[ \t]*|([^\s#:\-?\[\]{},&*!|>'"%@`][^:#\n]*)):(?:[ \t]|$)""",
                        re.MULTILINE)
_FLOW_KEY = re.compile(r"""[{,][ \t\r\n]*(?:"([^"\n]*)"[ \t]*|'([^'\n]*)'[ \t]*|([^\s"':,{}\[\]#][^:,{}\[\]#\n]*)):""")
_FIRST_CONTENT = re.compile(r"^(?![ \t]*(?:#|---|\.\.\.|%|$))([ \t]*)(\S)", re.MULTILINE)


def normalise_key(key: str) -> str:
    decomposed = unicodedata.normalize("NFKD", key.strip().lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions, cut off past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def is_goal_key(key: str) -> bool:
    """Whether a top-level key is a goal-file list key, or a near miss of one."""
    norm = normalise_key(key)
    if norm in GOAL_KEYS or any(norm.startswith(k) for k in LONG_KEYS):
        return True
    return any(_distance(norm, target, limit) <= limit for target, limit in FUZZY_KEYS.items())


def top_level_keys(text: str) -> list[str] | None:
    """The top-level keys of a YAML mapping, read from the text without parsing it (so that a goal
    file with a syntax error is still recognised); None when the top level is not a mapping."""
    first = _FIRST_CONTENT.search(text)
    if first is None:
        return None
    indent, char = first.group(1), first.group(2)
    if char == "{":
        return [next(g for g in m.groups() if g is not None) for m in _FLOW_KEY.finditer(text)]
    if char in "-[" and text[first.end():first.end() + 1] in (" ", "\n", "\r", "", "]"):
        return None  # a list
    keys = [next(g for g in m.groups()[1:] if g is not None)
            for m in _BLOCK_KEY.finditer(text) if len(m.group(1)) == len(indent)]
    return keys or None


def is_goal_text(text: str) -> bool:
    """A goal file is a YAML mapping with objectives, goals or key results at its top level (or a
    near miss of those keys, so that `objectifs:` or `objectves:` is linted and reported rather
    than skipped)."""
    keys = top_level_keys(text)
    if not keys:
        return False
    keys = [k.strip() for k in keys[:MAX_KEYS]]
    norms = {normalise_key(k) for k in keys}
    if any(is_goal_key(k) for k in keys):
        return True
    return bool(norms & WEAK_KEYS) and bool(norms & PLAN_KEYS)


DETECT_BYTES = 1024 * 1024  # enough of a file to see its top-level keys


def decode_for_detection(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    return raw.decode("utf-8-sig", "replace")


def goal_file(path: Path) -> bool:
    """Whether the file at `path` is a goal file (reads at most its first MiB)."""
    if path.name.lower() in CONFIG_NAMES:
        return False
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused(path, _("not a regular file"))
        raw = os.read(fd, DETECT_BYTES)
    finally:
        os.close(fd)
    return is_goal_text(decode_for_detection(raw))


# -- collecting the paths of a run ----------------------------------------------------------------

class _Ignores:
    """The `.gitignore` files that apply in a folder walk, read once per folder (pathspec's
    gitignore matcher: git's own rules, without needing git installed)."""

    def __init__(self) -> None:
        self._specs: dict[str, object | None] = {}

    def spec(self, folder: Path):
        key = str(folder)
        if key not in self._specs:
            self._specs[key] = None
            lines: list[str] = []
            for name in (".gitignore", os.path.join(".git", "info", "exclude")):
                candidate = folder / name
                try:
                    if candidate.is_file() and not candidate.is_symlink():
                        lines += read_limited(candidate, 1024 * 1024).decode("utf-8", "replace").splitlines()
                except OSError:
                    continue
            if lines:
                import pathspec

                self._specs[key] = pathspec.GitIgnoreSpec.from_lines(lines)
        return self._specs[key]

    def ignored(self, path: Path, is_dir: bool, folders: list[Path]) -> bool:
        """Whether the deepest `.gitignore` with a pattern for `path` ignores it."""
        verdict = False
        for folder in folders:
            spec = self.spec(folder)
            if spec is None:
                continue
            rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                verdict = bool(result.include)
        return verdict


def _chain(start: Path, root: Path | None) -> list[Path]:
    """The folders from the repository root down to `start`, whose ignore files apply."""
    if root is None:
        return [start]
    chain = [start]
    while chain[-1] != root and chain[-1].parent != chain[-1]:
        chain.append(chain[-1].parent)
    return list(reversed(chain))


def walk(folder: Path, out: Collected, ignores: _Ignores) -> None:
    """Goal files under `folder`, in a stable order, with what was skipped and why."""
    start = Path(os.path.abspath(folder))
    root = repo_root(start)
    boundary = root or start
    found: list[tuple[Path, str]] = []

    def visit(current: Path, shown: str, chain: list[Path]) -> None:
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            out.errors.append(_("{path}: cannot read the folder ({reason})", path=shown or ".", reason=str(exc.strerror or exc)))
            return
        for entry in entries:
            path = Path(entry.path)
            name_shown = os.path.join(shown, entry.name) if shown else entry.name
            if entry.name.startswith("."):  # hidden files and folders (.github, .smartlint.yaml) are not plans
                if entry.name != ".git" and entry.name.lower() not in CONFIG_NAMES and \
                        (entry.name.lower().endswith(YAML_SUFFIXES) or entry.is_dir(follow_symlinks=False)):
                    out.skipped.append((name_shown, _("hidden")))
                continue
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError as exc:
                out.errors.append(f"{name_shown}: {exc.strerror or exc}")
                continue
            if ignores.ignored(path, is_dir, chain):
                out.skipped.append((name_shown, _("ignored by .gitignore")))
                continue
            if is_dir:
                visit(path, name_shown, [*chain, path])
                continue
            if is_link and os.path.isdir(path):
                out.skipped.append((name_shown, _("a symbolic link to a folder (not followed)")))
                continue
            if not entry.name.lower().endswith(YAML_SUFFIXES):
                continue
            if is_link:
                if not inside(path, boundary):
                    out.errors.append(_("{path}: a symbolic link to {target}, outside the repository; smartlint "
                                        "does not follow it", path=name_shown, target=os.path.realpath(path)))
                    continue
            try:
                if not stat.S_ISREG(os.stat(path).st_mode):
                    out.skipped.append((name_shown, _("not a regular file (FIFO, device or socket)")))
                    continue
                if entry.name.lower() in CONFIG_NAMES:
                    continue
                if not goal_file(path):
                    out.skipped.append((name_shown, _("not a goal file (no objectives, goals or key_results at the top level)")))
                    continue
            except OSError as exc:
                out.errors.append(f"{name_shown}: {exc.strerror or exc}")
                continue
            found.append((path, name_shown))

    base_shown = str(Path(folder))
    visit(start, "" if base_shown == "." else base_shown, _chain(start, root))
    out.files.extend(found)


def collect(paths: list[str]) -> Collected:
    """The goal files named or found under the given paths (`-` is standard input)."""
    out = Collected()
    ignores = _Ignores()
    roots: dict[str, tuple[Path | None, str | None]] = {}
    for given in paths:
        if given == STDIN:
            out.files.append((Path(STDIN), STDIN))
            continue
        p = Path(given)
        if os.path.isdir(p):
            walk(p, out, ignores)
            continue
        if not os.path.lexists(p):
            out.errors.append(_("{path}: no such file or folder", path=given))
            continue
        parent = os.path.dirname(os.path.abspath(p))
        if parent not in roots:  # once per folder: pre-commit names thousands of files
            root = repo_root(Path(parent))
            roots[parent] = (os.path.realpath(root) if root is not None else None, os.path.realpath(parent))
        real_root, real_parent = roots[parent]
        real = os.path.realpath(p) if os.path.islink(p) else os.path.join(real_parent, os.path.basename(p))
        if real_root is not None and not _within(real, real_root):
            out.errors.append(_("{path}: points to {target}, outside the repository; smartlint does not follow it",
                                path=given, target=os.path.realpath(p)))
            continue
        try:
            if not os.path.exists(p):
                out.errors.append(_("{path}: a symbolic link to nothing", path=given))
                continue
            if not stat.S_ISREG(os.stat(p).st_mode):
                out.errors.append(_("{path}: not a regular file or folder", path=given))
                continue
            if not os.access(p, os.R_OK):
                out.errors.append(_("{path}: permission denied", path=given))
                continue
            if not goal_file(p):
                reason = (_("a configuration file") if p.name.lower() in CONFIG_NAMES
                          else _("not a goal file (no objectives, goals or key_results at the top level)"))
                out.skipped.append((given, reason))
                out.skipped_named += 1
                continue
        except OSError as exc:
            out.errors.append(f"{given}: {exc.strerror or exc}")
            continue
        out.files.append((p, given))
    return out


__all__ = ["Collected", "collect", "walk", "goal_file", "is_goal_text", "is_goal_key", "read_limited",
           "read_stdin", "repo_root", "inside", "FileRefused", "MAX_STDIN"]
