"""Configuration: `[tool.smartlint]` in pyproject.toml or `.smartlint.yaml`, found by walking up
from each goal file to the repository root (the nearest wins), or given with `--config`.

    select / ignore       rule codes, prefixes, names or criteria
    severity              {rule: error|warning|info}
    rules                 {rule: {option: value}}   options of each rule (`smartlint rule CODE`)
    language              auto | fr | en
    messages              auto | fr | en   the language of findings (auto: each goal's own)
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
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smartlint import languages as _languages
from smartlint.config_files import MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH, ConfigError, _position, _read_toml, _text, path_for
from smartlint.i18n import N_, _

# The languages of the registry (smartlint/languages/, one module each): a new language needs no edit here.
LanguageCode = Literal[_languages.codes()]
LanguageSetting = Literal[("auto", *_languages.codes())]

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
    messages: LanguageSetting = "auto"  # the language of findings: auto (each goal's own) or a code
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


MAX_WORD_FILE_BYTES = 1024 * 1024  # a word file: thousands of words fit in far less


def _read(path: Path, limit: int = MAX_CONFIG_BYTES, what: str = "configuration",
          text: str | None = None) -> tuple[dict, Any]:
    """The raw settings and something to locate keys with (`text`: the file's, already read)."""
    if path.name == "pyproject.toml":
        data, text = _read_toml(path)
        section = data.get("tool", {}).get("smartlint", {})
        if not isinstance(section, dict):
            raise ConfigError(_("{path}: [tool.smartlint] should be a table", path=str(path)))
        return section, text
    text = _text(path, limit, what) if text is None else text
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from smartlint.load import _nesting_beyond

    deep = _nesting_beyond(text, MAX_CONFIG_DEPTH)
    if deep is not None:
        raise ConfigError(_("{where}: invalid YAML: nested more than {limit} levels deep",
                            where=str(path) + ":" + _position(text, deep), limit=MAX_CONFIG_DEPTH))
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(_("{where}: invalid YAML: {detail}", where=where,
                            detail=str(getattr(exc, "problem", None) or exc))) from None
    except RecursionError:
        raise ConfigError(_("{where}: invalid YAML: nested too deeply", where=str(path))) from None
    if data is None:
        return {}, text
    if not isinstance(data, dict):
        raise ConfigError(_("{where}: the configuration should be a mapping of settings", where=str(path) + ":1:1"))
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
        raise ConfigError(_("the configuration cannot be read: {error}", error=exc.message)) from None


def _invalid(err: dict) -> str:
    """What is wrong with a value, in words the interface language has (pydantic's own messages
    are English); a misspelt choice gets a "did you mean"."""
    import difflib

    kind = err.get("type", "")
    if kind == "literal_error":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",") if c.strip(" '")]
        value = err.get("input")
        guess = difflib.get_close_matches(str(value).lower(), choices, n=1, cutoff=0.5) if isinstance(value, str) else []
        shown = ", ".join(choices)
        if guess:
            return _("{value} is not one of {choices}; did you mean {guess}?", value=repr(value), choices=shown,
                     guess=guess[0])
        return _("{value} is not one of {choices}", value=repr(value), choices=shown)
    wanted = {"list_type": N_("expected a list"), "dict_type": N_("expected a mapping"),
              "string_type": N_("expected a text"), "bool_type": N_("expected true or false"),
              "bool_parsing": N_("expected true or false"), "int_type": N_("expected a whole number"),
              "int_parsing": N_("expected a whole number"), "int_from_float": N_("expected a whole number"),
              "float_type": N_("expected a number"), "float_parsing": N_("expected a number"),
              "extra_forbidden": N_("unknown option")}.get(kind)
    if wanted:
        return _(wanted)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter((err.get("ctx") or {}).values()), "")
        sign = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}[kind]
        return _("expected a value {sign} {bound}", sign=sign, bound=str(bound))
    return str(err.get("msg", ""))


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
            where = _where(path, locator, keys)
            raise ConfigError(_("{where}: unknown key `{key}`; did you mean `{guess}`?", where=where, key=what,
                                guess=guess[0]) if guess else
                              _("{where}: unknown key `{key}`; known keys: {keys}", where=where, key=what,
                                keys=", ".join(allowed))) from None
        raise ConfigError(_("{where}: `{key}`: {error}", where=_where(path, locator, keys), key=what,
                            error=_invalid(err))) from None
    _refuse_empty_selectors(model, path, locator)
    config = Config(model=model, path=path)
    rules = all_rules()
    for key in [*model.select, *model.ignore, *(c for codes in model.per_file_ignores.values() for c in codes)]:
        if not any(rule_for_key(r, key) for r in rules.values()):
            raise ConfigError(_("{where}: no rule matches `{key}` (see `smartlint rules`)",
                                where=_where(path, locator, []), key=key))
    for table, values in (("severity", model.severity), ("rules", model.rules)):
        for key, value in values.items():
            matched = [code for code, r in rules.items() if rule_for_key(r, key)]
            if not matched:
                raise ConfigError(_("{where}: `{table}.{key}`: no rule matches `{key}`",
                                    where=_where(path, locator, [table, key]), table=table, key=key))
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
                    raise ConfigError(_("{where}: `rules.{key}.{option}`: {error} (options of {code}: {known})",
                                        where=_where(path, locator, [table, key, *err["loc"]]), key=key, option=opt,
                                        error=_invalid(err), code=code, known=known)) from None
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
                raise ConfigError(_("{where}: `words.{lang}.{name}`: no such word list (lists: {lists})",
                                    where=_where(path, locator, ["words", lang, list_name]), lang=lang, name=list_name,
                                    lists=", ".join(sorted(shipped))))
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
        raise ConfigError(_("{where}: `{key}`: {error}", where=_where(path, locator, list(err["loc"])[1:]),
                            key=".".join(str(k) for k in err["loc"][1:]), error=_invalid(err))) from None
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
        where = _where(path, locator, keys)
        if table == "exclude" or (table == "per-file-ignores" and len(keys) == 2 and not toml):
            raise ConfigError(_("{where}: `{table}` holds an empty glob; remove the entry", where=where, table=table))
        if table == "word-files":
            raise ConfigError(_("{where}: `{table}` holds an empty file name; remove the entry", where=where,
                                table=table))
        raise ConfigError(_("{where}: `{table}` holds an empty rule selector (it would match every rule); write a "
                            "rule code, prefix, name or criterion, or remove the entry", where=where, table=table))


def _word_file(config: Path, name: str, where: str) -> Path:
    """A word file named by a configuration: a regular YAML file inside the configuration's
    repository (or its folder, outside any repository)."""
    from smartlint.files import inside, repo_root

    path = config.parent / name
    boundary = repo_root(config) or Path(os.path.abspath(config.parent))
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise ConfigError(_("{where}: word file `{name}` should be a .yaml or .yml file", where=where, name=name))
    if not os.path.lexists(path):
        raise ConfigError(_("{where}: word file `{name}` not found", where=where, name=name))
    if not inside(path, boundary):
        raise ConfigError(_("{where}: word file `{name}` is outside the repository ({target}); word files must "
                            "live in the repository of their configuration", where=where, name=name,
                            target=os.path.realpath(path)))
    return path


def for_file(file: Path, override: Path | None, cache: dict[Any, Any]) -> Config:
    """The configuration that applies to a goal file (looked up once per folder, loaded once per
    configuration file; `cache` lives for one run)."""
    path = path_for(file, override, cache)
    if path not in cache:
        cache[path] = load(path) if path else Config()
    return cache[path]
