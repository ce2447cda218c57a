"""Configuration: `[tool.smartlint]` in pyproject.toml or `.smartlint.yaml`, found by walking up
from each goal file (the nearest wins), or given with `--config`.

    select / ignore       rule codes, prefixes, names or criteria
    severity              {rule: error|warning|info}
    rules                 {rule: {option: value}}   options of each rule (`smartlint rule CODE`)
    language              auto | fr | en
    fail-on               error | warning | info | never
    exclude               globs of goal files to skip, relative to the config file
    per-file-ignores      {glob: [rules]}
    words                 {fr|en: {list: {add: [...], remove: [...]}}}   e.g. words.fr.vague_verbs
    word-files            YAML files with the same shape as `words`, relative to the config file

A bad key or value is a usage error (exit 2) that names the key and where it is.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

YAML_NAMES = (".smartlint.yaml", ".smartlint.yml")


class ConfigError(Exception):
    """A configuration problem, with where it is."""


class WordListChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    add: list[str] = Field(default_factory=list, description="Entries to add (lemmas for verbs).")
    remove: list[str] = Field(default_factory=list, description="Shipped entries to drop.")


class ConfigModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    language: Literal["auto", "fr", "en"] = "auto"
    fail_on: Literal["error", "warning", "info", "never"] = Field("warning", alias="fail-on")
    exclude: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    words: dict[Literal["fr", "en"], dict[str, WordListChange]] = Field(default_factory=dict)
    word_files: list[str] = Field(default_factory=list, alias="word-files")


@dataclass
class Config:
    """A validated configuration and the folder its relative paths start from."""

    model: ConfigModel = field(default_factory=ConfigModel)
    path: Path | None = None  # None: defaults, no file
    options: dict[str, BaseModel] = field(default_factory=dict)  # rule code -> validated options
    severity: dict[str, str] = field(default_factory=dict)  # rule code -> severity
    words: dict[str, dict[str, WordListChange]] = field(default_factory=dict)

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

    def words_key(self) -> str:
        """A stable text of the word-list changes (for caches)."""
        return repr(sorted((lang, name, tuple(c.add), tuple(c.remove))
                           for lang, lists in self.words.items() for name, c in lists.items()))


def _glob(rel: str, pattern: str) -> bool:
    pattern = pattern.strip("/")
    return fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*") or \
        any(fnmatch.fnmatch(part, pattern) for part in rel.split("/"))


def find(start: Path) -> Path | None:
    """The nearest .smartlint.yaml, or pyproject.toml with [tool.smartlint], above `start`."""
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        for name in YAML_NAMES:
            if (d / name).is_file():
                return d / name
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            try:
                if "smartlint" in tomllib.loads(text).get("tool", {}):
                    return pyproject
            except tomllib.TOMLDecodeError:
                if "tool.smartlint" in text:
                    return pyproject  # broken, and meant for us: load() says where
                continue
    return None


def _read(path: Path) -> tuple[dict, Any]:
    """The raw settings and something to locate keys with."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc})") from None
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        section = data.get("tool", {}).get("smartlint", {})
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.smartlint] should be a table")
        return section, text
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
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
    from smartlint.lexicon import LANGUAGES, rules_dir

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
    for name in model.word_files:
        extra_path = (path.parent / name)
        extra_raw, extra_locator = _read(extra_path) if extra_path.suffix in (".yaml", ".yml") else ({}, None)
        if not extra_path.is_file():
            raise ConfigError(f"{_where(path, locator, ['word-files'])}: word file `{name}` not found")
        try:
            extra = ConfigModel.model_validate({"words": _plain(extra_raw)}).words
        except ValidationError as exc:
            err = exc.errors()[0]
            raise ConfigError(f"{_where(extra_path, extra_locator, list(err['loc'])[1:])}: "
                              f"`{'.'.join(str(k) for k in err['loc'][1:])}`: {err['msg']}") from None
        for lang, lists in extra.items():
            for list_name, change in lists.items():
                mine = words.setdefault(lang, {}).setdefault(list_name, WordListChange())
                mine.add.extend(change.add)
                mine.remove.extend(change.remove)
    for lang, lists in words.items():
        shipped = {p.stem for p in (rules_dir() / lang).glob("*.yaml")}
        for list_name in lists:
            if list_name not in shipped:
                raise ConfigError(f"{_where(path, locator, ['words', lang, list_name])}: `words.{lang}.{list_name}`: "
                                  f"no such word list (lists: {', '.join(sorted(shipped))})")
    config.words = words
    assert all(lang in LANGUAGES for lang in words)
    return config


def for_file(file: Path, override: Path | None, cache: dict[Path | None, Config]) -> Config:
    """The configuration that applies to a goal file (loaded once per config file)."""
    path = override or find(file)
    if path not in cache:
        cache[path] = load(path) if path else Config()
    return cache[path]
