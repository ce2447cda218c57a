"""A long-lived linting session for editor buffers, through the same engine as `smartlint check`.

The editor sends the whole text on every change; re-analysing fifty titles with spaCy on each
keystroke would be slow, so the session keeps the text analyses in memory (and looks in the cache
folder when a document is opened) and the engine analyses only titles it has not seen. spaCy's pipelines are loaded
once per process by `nlp.pipeline`. Memory stays flat: analyses made during the session are kept
in a bounded least-recently-used table.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from smartlint.cache import Analyses
from smartlint.engine import Result, Settings, lint_text

def is_goal_file(path: Path, text: str) -> bool:
    """Whether an open YAML document is a goal file, decided as `smartlint check` decides it (a
    top-level `objectives:` / `goals:` / `key_results:` or a near miss, read from the text so that
    a half-typed file still counts). Other YAML (CI workflows, compose files, the configuration)
    gets no diagnostics."""
    from smartlint.files import CONFIG_NAMES, is_goal_text

    return path.name.lower() not in CONFIG_NAMES and is_goal_text(text)


class MemoryAnalyses:
    """The engine's analysis cache, held in memory for the life of the server.

    It answers from a least-recently-used table of at most `capacity` entries, which the session
    raises to fit the file being linted; when a document is opened, it also looks in the cache
    folder (`disk`, set for that one lint only, so the folder's files are not kept in memory) and
    keeps what it found there. It never writes: `save` does nothing.
    """

    MIN_CAPACITY = 512

    def __init__(self) -> None:
        self.recent: OrderedDict[str, Any] = OrderedDict()
        self.capacity = self.MIN_CAPACITY
        self.disk: Analyses | None = None

    def get(self, kind: str, text: str) -> Any:
        key = f"{kind}\x00{text}"
        if key in self.recent:
            self.recent.move_to_end(key)
            return self.recent[key]
        value = self.disk.get(kind, text) if self.disk is not None else None
        if value is not None:
            self._keep(key, value)
        return value

    def put(self, kind: str, text: str, value: Any) -> None:
        self._keep(f"{kind}\x00{text}", value)

    def _keep(self, key: str, value: Any) -> None:
        self.recent[key] = value
        self.recent.move_to_end(key)
        while len(self.recent) > self.capacity:
            self.recent.popitem(last=False)

    def save(self) -> None:
        """Nothing to write: the session's analyses live in memory only."""

    @property
    def size(self) -> int:
        """Entries held (not `__len__`: the engine tests a cache for truth)."""
        return len(self.recent)


@dataclass
class Session:
    """Lints buffers; keeps the configurations read and the analyses between calls."""

    use_cache_folder: bool = True  # look in the cache folder (read only) when a document is opened
    analyses: dict[str, MemoryAnalyses] = field(default_factory=dict)  # by lexicon fingerprint
    _configs: dict[Path | None, tuple[int, Any]] = field(default_factory=dict)  # path -> (mtime, Config)

    def lint(self, path: Path, text: str, today: date | None = None, opened: bool = False) -> Result:
        """Lint `text` as the goal file at `path` would be linted by `smartlint check`. `opened`:
        the document was just opened, so analyses kept in the cache folder are worth a look.

        config.ConfigError is the caller's (it says which key of which file is wrong)."""
        from smartlint import config as configuration

        settings = Settings(today=today or date.today())
        configs = self._known_configs()
        # The configuration may change the word lists, and with them the analyses' fingerprint:
        # pick the analyses made with its lexicons.
        found = configuration.for_file(path, None, configs)
        self._keep_configs(configs)
        key = found.lexicons().fingerprint()
        cache = self.analyses.get(key)
        if cache is None:
            cache = self.analyses[key] = MemoryAnalyses()
            while len(self.analyses) > 4:  # word lists edited over and over: keep the latest few
                self.analyses.pop(next(iter(self.analyses)))
        # Room for every title of the file (an analysis, a language, a few fields each) and then some.
        cache.capacity = max(MemoryAnalyses.MIN_CAPACITY, 4 * text.count("\n"))
        cache.disk = Analyses(key) if opened and self.use_cache_folder else None
        try:
            return lint_text(text, path, settings, configs=configs, cache=cache)
        finally:
            cache.disk = None

    def _known_configs(self) -> dict[Any, Any]:
        """The configurations read before and unchanged since, for `config.for_file`. The lookup
        itself is done again on every lint, so a configuration created or deleted is seen."""
        return {p: config for p, (stamp, config) in self._configs.items() if p is None or _mtime(p) == stamp}

    def _keep_configs(self, configs: dict[Any, Any]) -> None:
        self._configs = {p: (_mtime(p) if p is not None else 0, c) for p, c in configs.items()
                         if p is None or isinstance(p, Path)}


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1
