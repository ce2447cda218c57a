"""Which configuration file applies to a goal file, and reading one safely: the part of the
configuration the unchanged re-check needs on every run (smartlint.entry, smartlint.results),
kept apart from the models and validation (smartlint.config) so that it costs no pydantic import.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from smartlint.i18n import N_, _

YAML_NAMES = (".smartlint.yaml", ".smartlint.yml")


class ConfigError(Exception):
    """A configuration problem, with where it is."""


MAX_CONFIG_BYTES = 2 * 1024 * 1024  # a configuration (or a pyproject.toml) larger than this is refused
MAX_CONFIG_DEPTH = 100  # levels of nesting, checked before the parser recurses


def _boundary(folder: Path) -> Path:
    """Where the search for a configuration stops: the repository root (the nearest folder with
    `.git`), so that a configuration above it (a shared runner's work folder, $HOME, /tmp) is never
    used unless named with --config. Outside any repository: the working folder when `folder` is
    below it, else the filesystem root."""
    from smartlint.files import repo_root

    root = repo_root(folder)
    if root is not None:
        return root
    cwd = Path(os.path.abspath(Path.cwd()))
    return cwd if folder == cwd or cwd in folder.parents else Path(folder.anchor)


class Finder:
    """The configuration of each folder, looked up once per folder in a run (10,000 goal files in
    one folder cost one lookup, not 10,000 reads of the same pyproject.toml)."""

    def __init__(self) -> None:
        self.memo: dict[Path, Path | None] = {}

    def find(self, start: Path) -> Path | None:
        absolute = Path(os.path.abspath(start))
        folder = absolute if absolute.is_dir() else absolute.parent
        if folder in self.memo:
            return self.memo[folder]
        boundary = _boundary(folder)
        chain: list[Path] = []
        d = folder
        while True:
            if d in self.memo:
                found = self.memo[d]
                break
            chain.append(d)
            found = self._own(d, boundary)
            if found is not None or d == boundary or d.parent == d:
                break
            d = d.parent
        for c in chain:
            self.memo[c] = found
        return found

    def _own(self, d: Path, boundary: Path) -> Path | None:
        """The configuration file in folder `d` itself, if any."""
        from smartlint.files import inside

        for name in YAML_NAMES:
            candidate = d / name
            if os.path.lexists(candidate):
                if not inside(candidate, boundary):
                    raise ConfigError(_("{path}: a symbolic link to {target}, outside the repository; name a "
                                        "configuration outside it with --config", path=str(candidate),
                                        target=os.path.realpath(candidate)))
                return candidate
        pyproject = d / "pyproject.toml"
        if not os.path.lexists(pyproject):
            return None
        if not inside(pyproject, boundary):
            raise ConfigError(_("{path}: a symbolic link to {target}, outside the repository; name a "
                                "configuration outside it with --config", path=str(pyproject),
                                target=os.path.realpath(pyproject)))
        data, _text = _read_toml(pyproject)  # unreadable or broken: an error, never skipped
        return pyproject if "smartlint" in data.get("tool", {}) else None


def find(start: Path, finder: Finder | None = None) -> Path | None:
    """The nearest .smartlint.yaml, or pyproject.toml with [tool.smartlint], from `start` up to the
    repository root."""
    return (finder or Finder()).find(start)


def _text(path: Path, limit: int = MAX_CONFIG_BYTES, what: str = "configuration") -> str:
    """A configuration's text: a regular file, size-checked before reading, UTF-8."""
    from smartlint.files import read_limited

    try:
        raw = read_limited(path, limit)
    except OSError as exc:
        raise ConfigError(_(_CANNOT_READ.get(what, _CANNOT_READ["configuration"]), path=str(path), reason=str(exc.strerror or exc))) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(_(_NOT_UTF8.get(what, _NOT_UTF8["configuration"]), path=str(path), byte="0x" + format(raw[exc.start], "02x"),
                            offset=str(exc.start))) from None


_CANNOT_READ = {"configuration": N_("{path}: cannot read the configuration ({reason})"),
                "word file": N_("{path}: cannot read the word file ({reason})")}
_NOT_UTF8 = {"configuration": N_("{path}: cannot read the configuration: not UTF-8 (byte {byte} at offset {offset})"),
             "word file": N_("{path}: cannot read the word file: not UTF-8 (byte {byte} at offset {offset})")}


def _toml_nesting_beyond(text: str, limit: int) -> int | None:
    """Offset where TOML arrays and inline tables nest deeper than `limit` (tomllib recurses on each)."""
    depth = 0
    quote = ""
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return i
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _read_toml(path: Path) -> tuple[dict, str]:
    text = _text(path)
    deep = _toml_nesting_beyond(text, MAX_CONFIG_DEPTH)
    if deep is not None:
        raise ConfigError(_("{where}: invalid TOML: nested more than {limit} levels deep",
                            where=str(path) + ":" + _position(text, deep), limit=MAX_CONFIG_DEPTH))
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("{where}: invalid TOML: {detail}", where=str(path), detail=str(exc))) from None
    except RecursionError:
        raise ConfigError(_("{where}: invalid TOML: nested too deeply", where=str(path))) from None


_FINDER = "finder"  # the key of a run's Finder in the cache of for_file


def path_for(file: Path, override: Path | None, cache: dict[Any, Any]) -> Path | None:
    """The configuration file that applies to a goal file (None: the defaults), looked up once per
    folder; `cache` lives for one run."""
    return override or cache.setdefault(_FINDER, Finder()).find(file)
