"""Whole-file results kept between runs: an unchanged file is neither parsed nor analysed again.

The pre-commit hook re-checks mostly unchanged files. As in ruff's cache, the findings of each
file are kept in the cache folder (smartlint.cache: signed, private, bounded) and printed again
when nothing they depend on has changed. A stored result is used only when all of these are the
same as when it was made:

- the file's bytes, the name it is shown under and its place on disk (per-file ignores and
  excludes are relative to the configuration);
- the configuration file that applies (by path and content) and the word files it names (by
  content);
- the run's options that decide findings (`RUN_OPTIONS` of the command line, among them `--today`
  or today's date: deadlines and suppressions expire), and the locale;
- smartlint's version, code and word lists (by content), the Python version and the versions of
  the libraries the analysis reads (spaCy and its tables, text2num).

Anything else (standard input, a rule's internal error) is not kept. `--no-cache` neither reads nor
writes results; findings are the same with and without them (tests/test_determinism.py).
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from smartlint import cache

if TYPE_CHECKING:
    from smartlint.model import Result

SHARDS = 256  # result files; a run reads only the shards its files fall in
MAX_PER_SHARD = 100  # files remembered per shard, oldest dropped first (25,600 in all)
INLINE_BYTES = 32 * 1024  # a larger result (a plan of hundreds of goals) has a file of its own
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # they may choose the messages' language
LIBRARIES = ("spacy", "spacy_lookups_data", "text2num")  # what the analysis reads besides smartlint


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


_SOURCE: str | None = None


def source_digest() -> str:
    """smartlint's own files (code, word lists, data) by content, and the versions of Python and of
    the libraries whose output the findings are made of."""
    global _SOURCE
    if _SOURCE is None:
        from smartlint import __version__

        package = Path(__file__).resolve().parent
        roots = [package] + [p for p in (package.parent / "rules",) if p.is_dir()]
        files = [p for root in roots for p in root.rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
        _SOURCE = cache.digest(__version__, sys.version, cache.content_digest(files, package.parent),
                               *_library_versions())
    return _SOURCE


def _library_versions() -> list[str]:
    """The installed distributions of LIBRARIES, as their metadata folders name them (read from the
    folder listing: importing them or importlib.metadata would cost more than the whole re-check)."""
    wanted = {name.lower() for name in LIBRARIES}
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                project = name.split("-", 1)[0].lower().replace(".", "_")
                if project in wanted:
                    found.append(name)
    return sorted(found)


def run_key(options: dict[str, Any]) -> str:
    """The part of the key shared by every file of a run: its options, the locale, smartlint itself."""
    parts = [f"{k}={options[k]!r}" for k in sorted(options)]
    parts += [f"{name}={os.environ.get(name, '')}" for name in LOCALE_VARIABLES]
    return cache.digest(source_digest(), *parts)


class _Files:
    """File digests, read once per run (a configuration shared by 10,000 goal files is read once)."""

    def __init__(self) -> None:
        self.memo: dict[str, str | None] = {}

    def digest(self, path: Path | str) -> str | None:
        key = os.path.abspath(path)
        if key not in self.memo:
            try:
                self.memo[key] = _sha(Path(key).read_bytes())
            except OSError:
                self.memo[key] = None
        return self.memo[key]


class Store:
    """The stored results, by file place: SHARDS files named by smartlint's fingerprint, each read
    when one of its files is asked for and written back when one changed. The result of a large
    plan (over INLINE_BYTES) has a file of its own, so that a small file's re-check never reads it."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and cache.ENABLED
        self.shards: dict[int, dict[str, Any]] = {}
        self.dirty: set[int] = set()
        self.dropped: list[str] = []  # files of large results no shard points to any more

    def _name(self, shard: int) -> str:
        return f"results-{source_digest()}-{shard:02x}.json"

    def _shard(self, place: str) -> tuple[int, dict[str, Any]]:
        number = int(place[:8], 16) % SHARDS
        entries = self.shards.get(number)
        if entries is None:
            loaded = cache.read_json(self._name(number)) if self.enabled else None
            entries = self.shards[number] = loaded if isinstance(loaded, dict) else {}
        return number, entries

    def get(self, place: str, content: str) -> dict[str, Any] | None:
        """The stored result of the file at `place` if it was made from the same `content`."""
        if not self.enabled:
            return None
        entry = self._shard(place)[1].get(place)
        if not isinstance(entry, dict) or entry.get("content") != content:
            return None
        if "file" in entry:
            entry = cache.read_json(entry["file"])
            if not isinstance(entry, dict) or entry.get("content") != content:
                return None
        return entry

    def put(self, place: str, entry: dict[str, Any]) -> None:
        if not self.enabled:
            return
        number, entries = self._shard(place)
        old = entries.pop(place, None)
        if isinstance(old, dict) and "file" in old:
            self.dropped.append(old["file"])
        text = cache.dumps(entry)
        if len(text) > INLINE_BYTES:
            name = f"results-{source_digest()}-{place[:24]}.json"
            cache.write_json(name, entry, text)
            entry = {"content": entry["content"], "file": name}
            if name in self.dropped:
                self.dropped.remove(name)
        entries[place] = entry  # newest last: pruning drops the oldest first
        self.dirty.add(number)

    def save(self) -> None:
        for number in sorted(self.dirty):
            entries = self.shards[number]
            items = list(entries.items())
            kept = items[-MAX_PER_SHARD:]
            self.dropped += [v["file"] for _k, v in items[:-MAX_PER_SHARD] if isinstance(v, dict) and "file" in v]
            cache.write_json(self._name(number), dict(kept))
        for name in self.dropped:
            cache.remove(name)
        self.dirty.clear()
        self.dropped.clear()


@dataclass(slots=True)
class StoredItem:
    """An item of a file served from stored results: what the output formats read of a Node (the
    fingerprints of SARIF and GitLab name an item by its kind and title). It was not analysed."""

    path: str
    level: str
    title: str
    facts: Any = None


def _fields() -> tuple[str, ...]:
    from dataclasses import fields

    from smartlint.model import Finding

    return tuple(f.name for f in fields(Finding))


def run_options(today: Any, lang: str = "auto", select: Any = (), ignore: Any = (), fail_on: str | None = None,
                config: Path | None = None, stdin_filename: str | None = None, messages: str = "auto") -> dict[str, Any]:
    """The options of `check` that decide findings (cli.RESULT_OPTIONS), as they key stored results
    (`messages`: the language findings are worded in)."""
    return {"lang": lang, "messages": messages, "select": list(select), "ignore": list(ignore),
            "today": today.isoformat(), "fail_on": fail_on, "config": str(config) if config else None,
            "stdin_filename": stdin_filename}


class _Lookup:
    """Each file's stored result, if there is a valid one, and the keys to store a new one under."""

    def __init__(self, files: list[tuple[Path, str]], options: dict[str, Any], config_path: Path | None,
                 use_cache: bool, stop_at_miss: bool = False) -> None:
        from smartlint import config_files as configuration  # the lookup alone: no models, no pydantic

        self.store = Store(enabled=use_cache)
        self.run = run_key(options) if self.store.enabled else ""
        self.configs: dict[Any, Any] = {}
        self.records: list[tuple[Path, str, dict[str, Any] | None]] = []  # None: to lint now
        self.keys: dict[int, tuple[str, str, str | None]] = {}
        digests = _Files()
        for index, (path, shown) in enumerate(files):
            entry = None
            if self.store.enabled and str(path) != "-":
                found = configuration.path_for(path, config_path, self.configs)
                try:
                    raw = path.read_bytes() if path.stat().st_size <= cache.MAX_FILE_BYTES else None
                except OSError:
                    raw = None  # the engine reports it
                if raw is not None:
                    place = cache.digest(os.path.realpath(path), shown, str(config_path))
                    content = cache.digest(self.run, _sha(raw), str(found), (digests.digest(found) if found else "") or "")
                    self.keys[index] = (place, content, str(found) if found else None)
                    entry = self.store.get(place, content)
                    if entry is not None and not all(digests.digest(p) == d for p, d in entry.get("deps", [])):
                        entry = None
            self.records.append((path, shown, entry))
            if entry is None and stop_at_miss:
                return

    def missing(self) -> list[tuple[Path, str]]:
        return [(path, shown) for path, shown, entry in self.records if entry is None]


def stored(files: list[tuple[Path, str]], options: dict[str, Any], config_path: Path | None = None) -> "Result | None":
    """The run's result when every file has a valid stored result (nothing to parse or analyse),
    else None. `options` as for `lint`."""
    if not files or len({shown for _path, shown in files}) != len(files):
        return None
    lookup = _Lookup(files, options, config_path, use_cache=True, stop_at_miss=True)
    if len(lookup.records) < len(files) or lookup.missing():
        return None
    return _assemble(lookup.records, {})


def lint(files: list[tuple[Path, str]], options: dict[str, Any], settings: Callable[[], Any],
         progress: Any = None, config_path: Path | None = None, use_cache: bool = True) -> "Result":
    """Lint `files` (path on disk, name shown) as engine.lint_paths does, reusing stored results.

    `options` are the run's options that decide findings (run_options); `settings()` builds the
    engine's Settings, called only when some file must be linted. `use_cache=False` reads and keeps
    nothing. The result lists the files in the order given.
    """
    if len({shown for _path, shown in files}) != len(files):  # results are told apart by name
        from smartlint.engine import lint_paths

        return lint_paths(files, settings(), progress, config_path=config_path)
    lookup = _Lookup(files, options, config_path, use_cache)
    todo = lookup.missing()
    fresh = _lint_now(todo, settings(), progress, config_path) if todo else {}
    result = _assemble(lookup.records, fresh)
    if lookup.store.enabled and todo and not result.internal_errors:
        after = _Files()
        for index, (path, shown, entry) in enumerate(lookup.records):
            if entry is not None or index not in lookup.keys:
                continue
            place, content, found = lookup.keys[index]
            # Kept only if the file and its configuration are still what they were before the run.
            now = cache.digest(lookup.run, after.digest(path) or "", str(found),
                               (after.digest(found) if found else "") or "")
            if now != content:
                continue
            deps = [[str(p), after.digest(p)] for p in _word_files(found, config_path, lookup.configs)]
            record = {k: v for k, v in fresh[shown].items() if k not in IN_MEMORY}
            lookup.store.put(place, {"content": content, "deps": deps, **record})
        lookup.store.save()
    return result


def _word_files(found: str | None, override: Path | None, configs: dict[Any, Any]) -> list[Path]:
    """The word files a configuration names (their content decides findings too)."""
    if not found:
        return []
    from smartlint import config as configuration

    loaded = configuration.for_file(Path(found), override or Path(found), configs)
    return [Path(found).parent / name for name in loaded.model.word_files]


INTERNAL = "\0internal"  # the key of the engine's internal errors among the fresh records
IN_MEMORY = ("loaded", "made")  # what a fresh record holds besides what is stored: the loaded file, the findings


def _lint_now(todo: list[tuple[Path, str]], settings: Any, progress: Any,
              config_path: Path | None) -> dict[str, dict[str, Any]]:
    """Lint the files no stored result covers; their records by shown name (a file the
    configuration excludes is recorded as such)."""
    from smartlint.engine import lint_paths

    values = attrgetter(*_fields())
    result = lint_paths(todo, settings, progress, config_path=config_path)
    out: dict[str, dict[str, Any]] = {shown: {"excluded": True} for _path, shown in todo}
    for loaded in result.files:
        out[loaded.file] = {"excluded": False, "fail_on": result.fail_on.get(loaded.file, "warning"),
                            "findings": [], "suppressed": [], "loaded": loaded, "made": ([], []),
                            "items": [[n.path, getattr(n.level, "value", str(n.level)), n.title] for n in loaded.nodes]}
    for finding in result.findings:
        record = out[finding.file]
        record["findings"].append(list(values(finding)))
        record["made"][0].append(finding)
    for finding, reason in result.suppressed:
        record = out[finding.file]
        record["suppressed"].append([list(values(finding)), reason])
        record["made"][1].append((finding, reason))
    out[INTERNAL] = {"errors": result.internal_errors}
    return out


def _assemble(records: list[tuple[Path, str, dict[str, Any] | None]], fresh: dict[str, dict[str, Any]]) -> "Result":
    """The run's Result, files in the order given, from stored and fresh records alike."""
    from smartlint.model import Finding, LoadedFile, Result

    names = _fields()

    def finding(values: list[Any]) -> Finding:
        return Finding(**dict(zip(names, values, strict=True)))

    result = Result([], [])
    result.internal_errors = list(fresh.get(INTERNAL, {}).get("errors", []))
    for path, shown, entry in records:
        record = entry if entry is not None else fresh[shown]
        if record.get("excluded"):
            continue
        result.files.append(record.get("loaded") or LoadedFile(file=shown, path=path,
                                                               nodes=[StoredItem(*i) for i in record["items"]]))
        result.fail_on[shown] = record["fail_on"]
        if "made" in record:  # linted in this run: the engine's own findings
            result.findings += record["made"][0]
            result.suppressed += record["made"][1]
            continue
        result.findings += [finding(values) for values in record["findings"]]
        result.suppressed += [(finding(values), reason) for values, reason in record["suppressed"]]
    result.findings.sort(key=Finding.sort_key)
    return result
