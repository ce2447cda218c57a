"""The cache folder: parsed word lists and text analyses kept between runs.

A pre-commit hook re-checks mostly unchanged goals; when every title was analysed before, a run
skips spaCy entirely. Entries are keyed by smartlint's version and the word lists' fingerprint
(names, sizes, modification times), so an upgrade or an edited list starts afresh. The folder is
`.smartlint_cache/` in the current directory (or $SMARTLINT_CACHE_DIR); it holds a `.gitignore`
that ignores it, and deleting it is always safe. Every write is atomic (temporary file, rename).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

ENABLED = True  # `--no-cache` turns it off for the run
MAX_ENTRIES = 200_000  # beyond this the analyses file starts afresh rather than grow forever


def folder() -> Path:
    env = os.environ.get("SMARTLINT_CACHE_DIR")
    return Path(env) if env else Path.cwd() / ".smartlint_cache"


def read_json(name: str) -> Any:
    if not ENABLED:
        return None
    try:
        return json.loads((folder() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(name: str, data: Any) -> None:
    """Write atomically; a folder that cannot be written is not an error (no cache, that's all)."""
    if not ENABLED:
        return
    base = folder()
    try:
        base.mkdir(parents=True, exist_ok=True)
        ignore = base / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by smartlint: this cache is safe to delete.\n*\n", encoding="utf-8")
        target = base / name
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


class Analyses:
    """Text analyses (TextFacts as plain data) and detected languages, by text."""

    def __init__(self, fingerprint: str):
        self.name = f"analyses-{fingerprint}.json"
        loaded = read_json(self.name)
        self.entries: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
        self.dirty = False

    def get(self, kind: str, text: str) -> Any:
        return self.entries.get(f"{kind}\x00{text}")

    def put(self, kind: str, text: str, value: Any) -> None:
        key = f"{kind}\x00{text}"
        if self.entries.get(key) != value:
            self.entries[key] = value
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        if len(self.entries) > MAX_ENTRIES:
            self.entries = {}
        write_json(self.name, self.entries)
        self.dirty = False
