"""Configuration: `[tool.smartlint]` in pyproject.toml or `.smartlint.yaml`, found by walking up
from each goal file to the repository root (the nearest wins), or given with `--config`.

    select / ignore       rule codes, prefixes, names or criteria
    severity              {rule: error|warning|info}
    rules                 {rule: {option: value}}   options of each rule (`smartlint rule CODE`)
    language              auto | fr | en
    fail-on               error | warning | info | never
    exclude               globs of goal files to skip, relative to the config file
    per-file-ignores      {glob: [rules]}
    words                 {fr|en: {list: {add: [...], remove: [...]}}}   e.g. words.fr.vague_verbs
    word-files            YAML files with the same shape as `words`, relative to the config file
    limits                {max-nodes, max-items, max-characters}: the budget of work per goal file

A bad key or value is a usage error (exit 2) that names the key and where it is.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smartlint import languages as _languages

# The languages of the registry (smartlint/languages/, one module each): a new language needs no edit here.
LanguageCode = Literal[_languages.codes()]
LanguageSetting = Literal[("auto", *_languages.codes())]

YAML_NAMES = (".smartlint.yaml", ".smartlint.yml")


class ConfigError(Exception):
    """A configuration problem, with where it is."""


class WordListChange(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use, not at import
    add: list[str] = Field(default_factory=list, description="Entries to add (lemmas for verbs).")
    remove: list[str] = Field(default_factory=list, description="Shipped entries to drop.")


def _budget_field(name: str, alias: str, description: str) -> Any:
    from smartlint.load import Budget

    return Field(getattr(Budget(), name), alias=alias, ge=1, le=1_000_000_000, strict=True, description=description)


class Limits(BaseModel):
    """The budget of work per goal file (smartlint.load.Budget): counted, never timed, so the
    same file gives the same findings on every run. Past it, one Y003 finding at the first list
    entry or item beyond it; the rest of that file is not read."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    max_nodes: int = _budget_field("nodes", "max-nodes", "YAML values parsed per file (keys, values, list entries).")
    max_items: int = _budget_field("items", "max-items", "Objectives, key results, goals and initiatives read per file.")
    max_characters: int = _budget_field("characters", "max-characters", "Characters of titles analysed per file.")

    def budget(self) -> Any:
        from smartlint.load import Budget

        return Budget(nodes=self.max_nodes, items=self.max_items, characters=self.max_characters)


class ConfigModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    language: LanguageSetting = "auto"
    fail_on: Literal["error", "warning", "info", "never"] = Field("warning", alias="fail-on")
    exclude: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    words: dict[LanguageCode, dict[str, WordListChange]] = Field(default_factory=dict)
    word_files: list[str] = Field(default_factory=list, alias="word-files")
    limits: Limits = Field(default_factory=Limits)


@dataclass
class Config:
    """A validated configuration and the folder its relative paths start from."""

    model: ConfigModel = field(default_factory=ConfigModel)
    path: Path | None = None  # None: defaults, no file
    options: dict[str, BaseModel] = field(default_factory=dict)  # rule code -> validated options
    severity: dict[str, str] = field(default_factory=dict)  # rule code -> severity
    words: dict[str, dict[str, WordListChange]] = field(default_factory=dict)
    _lexicons: Any = field(default=None, repr=False, compare=False)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def _relative(self, file: Path) -> str | None:
        try:
            return PurePosixPath(file.resolve().relative_to(self.root.resolve())).as_posix()
        except ValueError:
            return None

    def excluded(self, file: Path) -> bool:
        rel = self._relative(file)
        return rel is not None and any(_glob(rel, pattern) for pattern in self.model.exclude)

    def ignored_for(self, file: Path) -> list[str]:
        rel = self._relative(file)
        if rel is None:
            return []
        return [code for pattern, codes in self.model.per_file_ignores.items() if _glob(rel, pattern) for code in codes]

    def lexicons(self) -> Any:
        """The word lists of every language with this configuration's changes (lexicon.Lexicons),
        made once per configuration and passed to the loader and the analysis."""
        if self._lexicons is None:
            from smartlint.lexicon import Lexicons

            self._lexicons = Lexicons(self.words)
        return self._lexicons

    def words_key(self) -> str:
        """A stable text of the word-list changes (for caches)."""
        return repr(sorted((lang, name, tuple(c.add), tuple(c.remove))
                           for lang, lists in self.words.items() for name, c in lists.items()))


def _glob(rel: str, pattern: str) -> bool:
    pattern = pattern.strip("/")
    return fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*") or \
        any(fnmatch.fnmatch(part, pattern) for part in rel.split("/"))


MAX_CONFIG_BYTES = 2 * 1024 * 1024  # a configuration (or a pyproject.toml) larger than this is refused
MAX_WORD_FILE_BYTES = 1024 * 1024  # a word file: thousands of words fit in far less
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
                    raise ConfigError(f"{candidate}: a symbolic link to {os.path.realpath(candidate)}, outside the "
                                      "repository; name a configuration outside it with --config")
                return candidate
        pyproject = d / "pyproject.toml"
        if not os.path.lexists(pyproject):
            return None
        if not inside(pyproject, boundary):
            raise ConfigError(f"{pyproject}: a symbolic link to {os.path.realpath(pyproject)}, outside the "
                              "repository; name a configuration outside it with --config")
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
        raw = read_limited(path, limit, what)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read the {what}: not UTF-8 (byte 0x{raw[exc.start]:02x} "
                          f"at offset {exc.start})") from None


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
        raise ConfigError(f"{path}:{_position(text, deep)}: invalid TOML: nested more than {MAX_CONFIG_DEPTH} levels deep")
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def _read(path: Path, limit: int = MAX_CONFIG_BYTES, what: str = "configuration",
          text: str | None = None) -> tuple[dict, Any]:
    """The raw settings and something to locate keys with (`text`: the file's, already read)."""
    if path.name == "pyproject.toml":
        data, text = _read_toml(path)
        section = data.get("tool", {}).get("smartlint", {})
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.smartlint] should be a table")
        return section, text
    text = _text(path, limit, what) if text is None else text
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from smartlint.load import _nesting_beyond

    deep = _nesting_beyond(text, MAX_CONFIG_DEPTH)
    if deep is not None:
        raise ConfigError(f"{path}:{_position(text, deep)}: invalid YAML: nested more than {MAX_CONFIG_DEPTH} levels deep")
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML: nested too deeply") from None
    if data is None:
        return {}, text
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: the configuration should be a mapping of settings")
    return data, data


def _where(path: Path, locator: Any, keys: list[Any]) -> str:
    """file:line:col of a key path, as precisely as the format allows."""
    if isinstance(locator, str):  # TOML text: find the last key's line inside the smartlint tables
        in_section = False
        last = str(keys[-1]) if keys else ""
        for number, line in enumerate(locator.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith("["):
                in_section = stripped.startswith("[tool.smartlint")
                if in_section and last and stripped.rstrip("]").endswith(last):
                    return f"{path}:{number}:1"
                continue
            if in_section and last and (stripped.startswith(f"{last} ") or stripped.startswith(f"{last}=")
                                        or stripped.startswith(f'"{last}"')):
                return f"{path}:{number}:{line.index(stripped[0]) + 1}"
        return str(path)
    node = locator
    line = col = None
    for key in keys:
        try:
            if isinstance(node, dict) and key in node:
                line, col = node.lc.key(key) if not isinstance(key, int) else (None, None)
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                line, col = node.lc.item(key)
                node = node[key]
            else:
                break
        except (AttributeError, KeyError, TypeError):
            break
    return f"{path}:{line + 1}:{col + 1}" if line is not None else str(path)


def _plain(value: Any) -> Any:
    """Plain values, with the goal loader's limits (alias bombs, depth, tags)."""
    from smartlint.load import ValueTooLarge, _plain as plain

    try:
        return plain(value)
    except ValueTooLarge as exc:
        raise ConfigError(f"the configuration cannot be read: {exc}") from None


def load(path: Path) -> Config:
    """Read and validate one configuration file; raise ConfigError naming the bad key."""
    from smartlint.registry import all_rules, rule_for_key
    from smartlint.lexicon import word_folder

    raw, locator = _read(path)
    raw = _plain(raw)
    try:
        model = ConfigModel.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        keys = list(err["loc"])
        what = ".".join(str(k) for k in keys)
        if err["type"] == "extra_forbidden":
            import difflib

            allowed = [f.alias or name for name, f in ConfigModel.model_fields.items()]
            guess = difflib.get_close_matches(str(keys[-1]), allowed, n=1)
            hint = f"; did you mean `{guess[0]}`?" if guess else f"; known keys: {', '.join(allowed)}"
            raise ConfigError(f"{_where(path, locator, keys)}: unknown key `{what}`{hint}") from None
        raise ConfigError(f"{_where(path, locator, keys)}: `{what}`: {err['msg']}") from None
    _refuse_empty_selectors(model, path, locator)
    config = Config(model=model, path=path)
    rules = all_rules()
    for key in [*model.select, *model.ignore, *(c for codes in model.per_file_ignores.values() for c in codes)]:
        if not any(rule_for_key(r, key) for r in rules.values()):
            raise ConfigError(f"{_where(path, locator, [])}: no rule matches `{key}` (see `smartlint rules`)")
    for table, values in (("severity", model.severity), ("rules", model.rules)):
        for key, value in values.items():
            matched = [code for code, r in rules.items() if rule_for_key(r, key)]
            if not matched:
                raise ConfigError(f"{_where(path, locator, [table, key])}: `{table}.{key}`: no rule matches `{key}`")
            for code in matched:
                if table == "severity":
                    config.severity[code] = value
                    continue
                try:
                    config.options[code] = rules[code].Options.model_validate(value)
                except ValidationError as exc:
                    err = exc.errors()[0]
                    opt = ".".join(str(k) for k in err["loc"])
                    known = ", ".join(rules[code].Options.model_fields) or "none"
                    raise ConfigError(f"{_where(path, locator, [table, key, *err['loc']])}: `rules.{key}.{opt}`: "
                                      f"{err['msg']} (options of {code}: {known})") from None
    words: dict[str, dict[str, WordListChange]] = {lang: dict(lists) for lang, lists in model.words.items()}
    for index, name in enumerate(model.word_files):
        extra = _word_file_lists(_word_file(path, name, _where(path, locator, ["word-files", index])))
        for lang, lists in extra.items():
            for list_name, change in lists.items():
                mine = words.setdefault(lang, {}).setdefault(list_name, WordListChange())
                mine.add.extend(change.add)
                mine.remove.extend(change.remove)
    for lang, lists in words.items():
        shipped = {p.stem for p in word_folder(lang).glob("*.yaml")}
        for list_name in lists:
            if list_name not in shipped:
                raise ConfigError(f"{_where(path, locator, ['words', lang, list_name])}: `words.{lang}.{list_name}`: "
                                  f"no such word list (lists: {', '.join(sorted(shipped))})")
    config.words = words
    return config


def _word_file_lists(path: Path) -> dict[str, dict[str, WordListChange]]:
    """A word file's lists, validated.

    The round-trip parser (kept for located errors) took about 0.2 s per file of 5,000 words on
    every run; a file read and validated once is kept in the signed cache folder under a digest of
    its content, so an unchanged word file costs reading, hashing and a JSON load, linear in its
    size. An edited file has another digest and is parsed again; `--no-cache` always parses.
    """
    from smartlint import __version__
    from smartlint.cache import digest, read_json, write_json

    text = _text(path, MAX_WORD_FILE_BYTES, "word file")
    name = f"word-file-{digest(__version__, text)}.json"
    cached = read_json(name)
    if isinstance(cached, dict):
        try:
            return ConfigModel.model_validate({"words": cached}).words
        except ValidationError:
            pass  # not the layout this version writes: parse the file
    raw, locator = _read(path, MAX_WORD_FILE_BYTES, "word file", text=text)
    try:
        words = ConfigModel.model_validate({"words": _plain(raw)}).words
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(f"{_where(path, locator, list(err['loc'])[1:])}: "
                          f"`{'.'.join(str(k) for k in err['loc'][1:])}`: {err['msg']}") from None
    write_json(name, {lang: {list_name: change.model_dump() for list_name, change in lists.items()}
                      for lang, lists in words.items()})
    return words


def _refuse_empty_selectors(model: ConfigModel, path: Path, locator: Any) -> None:
    """A blank rule key (`ignore: [""]`, `severity: {"": info}`) would match every rule, and a blank
    glob or file name means nothing: each is an error at its place."""
    toml = isinstance(locator, str)
    blanks: list[tuple[list[Any], str]] = []
    for table in ("select", "ignore", "exclude", "word-files"):
        values = getattr(model, table.replace("-", "_"))
        blanks += [([table] if toml else [table, i], table) for i, v in enumerate(values) if not v.strip()]
    for table in ("severity", "rules"):
        blanks += [([table, key], table) for key in getattr(model, table) if not key.strip()]
    for glob, codes in model.per_file_ignores.items():
        if not glob.strip():
            blanks.append((["per-file-ignores", glob], "per-file-ignores"))
        blanks += [(["per-file-ignores"] if toml else ["per-file-ignores", glob, i], "per-file-ignores")
                   for i, code in enumerate(codes) if not code.strip()]
    if blanks:
        keys, table = blanks[0]
        what = {"exclude": "an empty glob", "word-files": "an empty file name"}.get(
            table, "an empty rule selector (it would match every rule)")
        if table == "per-file-ignores" and len(keys) == 2 and not toml:
            what = "an empty glob"
        raise ConfigError(f"{_where(path, locator, keys)}: `{table}` holds {what}; write a rule code, prefix, "
                          "name or criterion, or remove the entry" if "rule" in what else
                          f"{_where(path, locator, keys)}: `{table}` holds {what}; remove the entry")


def _word_file(config: Path, name: str, where: str) -> Path:
    """A word file named by a configuration: a regular YAML file inside the configuration's
    repository (or its folder, outside any repository)."""
    from smartlint.files import inside, repo_root

    path = config.parent / name
    boundary = repo_root(config) or Path(os.path.abspath(config.parent))
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise ConfigError(f"{where}: word file `{name}` should be a .yaml or .yml file")
    if not os.path.lexists(path):
        raise ConfigError(f"{where}: word file `{name}` not found")
    if not inside(path, boundary):
        raise ConfigError(f"{where}: word file `{name}` is outside the repository ({os.path.realpath(path)}); "
                          "word files must live in the repository of their configuration")
    return path


_FINDER = "finder"  # the key of a run's Finder in the cache of for_file


def path_for(file: Path, override: Path | None, cache: dict[Any, Any]) -> Path | None:
    """The configuration file that applies to a goal file (None: the defaults), looked up once per
    folder; `cache` lives for one run."""
    return override or cache.setdefault(_FINDER, Finder()).find(file)


def for_file(file: Path, override: Path | None, cache: dict[Any, Any]) -> Config:
    """The configuration that applies to a goal file (looked up once per folder, loaded once per
    configuration file; `cache` lives for one run)."""
    path = path_for(file, override, cache)
    if path not in cache:
        cache[path] = load(path) if path else Config()
    return cache[path]
