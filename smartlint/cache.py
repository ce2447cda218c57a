"""The cache folder: parsed word lists, text analyses and whole-file results kept between runs.

A pre-commit hook re-checks mostly unchanged goals; when every title was analysed before, a run
skips spaCy entirely, and when a file is unchanged its findings are printed again without parsing
it (smartlint.results). The cache must never change a result, so:

- it lives in the user's cache folder (`~/.cache/smartlint` on Linux, `$XDG_CACHE_HOME/smartlint`,
  `~/Library/Caches/smartlint` on macOS, `%LOCALAPPDATA%\\smartlint\\Cache` on Windows), outside
  the repository being checked; `$SMARTLINT_CACHE_DIR` overrides it;
- every file is signed with a key (HMAC-SHA256) drawn at random when the folder is created and kept
  in it, readable only by its owner: a file written by anyone else, copied from elsewhere or
  corrupted fails the check and is ignored, never trusted. A key that another user could have
  written (group or world permissions, another owner, a link) turns the cache off for the run;
- links and special files are refused (opened with O_NOFOLLOW, checked to be regular files, size
  checked before reading), and writes go through a temporary file created exclusively in the folder,
  then renamed;
- entries are keyed by the content (not the dates or place) of smartlint's code and word lists,
  so an upgrade or an edited list starts afresh while reinstalling the same version does not;
- analyses are split in SHARDS files, each pruned to MAX_PER_SHARD entries (oldest first), and
  files unused for PRUNE_AFTER_DAYS are deleted, so the folder stays bounded and a run reads
  only the files its titles fall in.

Deleting the folder is always safe. `--no-cache` neither reads nor writes it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import time
from pathlib import Path
from typing import Any

ENABLED = True  # `--no-cache` turns it off for the run
SHARDS = 256  # analysis files per fingerprint: a run reads only those its titles fall in
MAX_PER_SHARD = 500  # entries kept per file (128k in all; a file stays under about 1 MB)
MAX_FILE_BYTES = 32 * 1024 * 1024  # a larger cache file is not ours: refused before reading
PRUNE_AFTER_DAYS = 30  # cache files not rewritten for this long are deleted
KEY_FILE = "key"
MAGIC = b"smartlint-cache 1\n"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO put in place of a file must not block the open
_BINARY = getattr(os, "O_BINARY", 0)
_KEYS: dict[str, bytes] = {}  # folder -> key, read once per process


def folder() -> Path:
    env = os.environ.get("SMARTLINT_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_path

    return user_cache_path("smartlint", appauthor=False)


def _private(st: os.stat_result, others: int = 0o022) -> bool:
    """Owned by this user, with none of the `others` permission bits (always true where there
    are no owners)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & others


def _usable(base: Path, create: bool) -> bool:
    """The folder is a real folder (not a link) of this user, created private if asked."""
    try:
        st = os.lstat(base)
    except FileNotFoundError:
        if not create:
            return False
        try:
            base.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(base, 0o700)
            st = os.lstat(base)
        except OSError:
            return False
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def _read(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, never through a link, never a FIFO or device, never over `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        # The key is made 0600; git checks files out 0644 or 0664: a committed key is refused.
        if path.name == KEY_FILE and not _private(st, 0o077):
            return None
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _key(base: Path, create: bool) -> bytes | None:
    """The folder's signing key; made (exclusively, owner-only) with the folder when asked."""
    path = base / KEY_FILE
    cached = _KEYS.get(str(base))
    if cached is not None and os.path.lexists(path):
        return cached
    key = _read(path, 1024)
    if key is None and create and not os.path.lexists(path):
        import secrets

        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
            try:
                os.write(fd, secrets.token_bytes(32))
            finally:
                os.close(fd)
        except OSError:
            pass  # another run made it first, or the folder is read-only
        key = _read(path, 1024)
    if key is None or len(key) < 32:
        return None
    _KEYS[str(base)] = key
    return key


def _mac(key: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(key, name.encode("utf-8") + b"\0" + payload, hashlib.sha256).hexdigest().encode("ascii")


def read_json(name: str) -> Any:
    """A cache file's data, or None when it is absent, not ours, altered or unreadable."""
    if not ENABLED:
        return None
    base = folder()
    if not _usable(base, create=False):
        return None
    key = _key(base, create=False)
    raw = _read(base / name, MAX_FILE_BYTES) if key else None
    if raw is None or not raw.startswith(MAGIC):
        return None
    mac, _, payload = raw[len(MAGIC):].partition(b"\n")
    if not hmac.compare_digest(mac, _mac(key, name, payload)):
        return None
    try:
        return json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def dumps(data: Any) -> str:
    """The JSON text a cache file holds for `data` (TypeError or ValueError if it has none)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_json(name: str, data: Any, text: str | None = None) -> None:
    """Sign and write atomically; a folder that cannot be written is not an error (no cache).
    `text`, if given, is `dumps(data)` already made by the caller."""
    if not ENABLED:
        return
    base = folder()
    if not _usable(base, create=True):
        return
    key = _key(base, create=True)
    if key is None:
        return
    try:
        payload = (dumps(data) if text is None else text).encode("utf-8")
    except (TypeError, ValueError, UnicodeError):
        return
    if len(payload) > MAX_FILE_BYTES - 200:
        return
    import tempfile

    _ignore_in_git(base)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=base, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + _mac(key, name, payload) + b"\n" + payload)
        os.replace(tmp, base / name)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _prune(base)


def remove(name: str) -> None:
    """Delete a cache file (one no entry points to any more); a missing one is not an error."""
    if not ENABLED:
        return
    try:
        os.unlink(folder() / name)
    except OSError:
        pass


def _ignore_in_git(base: Path) -> None:
    """A `.gitignore` for a cache folder placed inside a repository; never written through a link."""
    try:
        fd = os.open(base / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except OSError:
        return  # it exists (whatever it is), or cannot be made
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("# Created by smartlint: this cache is safe to delete.\n*\n")


_PRUNED: set[str] = set()  # folders already pruned by this process
# The files pruned: analyses, stored results, parsed word lists, their vocabulary, phrase tables and
# compiled patterns (each named by what it was made from, so old ones are never read again).
PRUNED = ("analyses-", "results-", "lists-", "vocabulary-", "phrases-", "regex-")


def _prune(base: Path) -> None:
    """Delete cache files not rewritten for PRUNE_AFTER_DAYS (other versions, old word lists);
    once per process and folder, on the first write."""
    if str(base) in _PRUNED:
        return
    _PRUNED.add(str(base))
    cutoff = time.time() - PRUNE_AFTER_DAYS * 86400
    try:
        entries = list(os.scandir(base))
    except OSError:
        return
    for entry in entries:
        if not entry.name.endswith(".json") or not entry.name.startswith(PRUNED):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            pass


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def content_digest(paths: list[Path], root: Path) -> str:
    """What the files hold (names relative to `root`, and bytes): not where they are or when they
    were written, so reinstalling the same files keeps the cache."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.relative_to(root).as_posix().encode("utf-8", "surrogatepass") + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"\1unreadable")
        h.update(b"\0")
    return h.hexdigest()[:24]


class Analyses:
    """Text analyses (TextFacts as plain data), detected languages and field checks, by text.

    Split in SHARDS files by a hash of the key; a file is read the first time one of its keys is
    asked for, and written back only when something new was put in it.
    """

    def __init__(self, fingerprint: str):
        self.fingerprint = fingerprint
        self.shards: dict[int, dict[str, Any]] = {}
        self.dirty: set[int] = set()

    def _name(self, shard: int) -> str:
        return f"analyses-{self.fingerprint}-{shard:02x}.json"

    def _shard(self, key: str) -> tuple[int, dict[str, Any]]:
        number = int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).digest(),
                                "big") % SHARDS
        entries = self.shards.get(number)
        if entries is None:
            loaded = read_json(self._name(number))
            entries = self.shards[number] = loaded if isinstance(loaded, dict) else {}
        return number, entries

    def get(self, kind: str, text: str) -> Any:
        key = f"{kind}\x00{text}"
        return self._shard(key)[1].get(key)

    def put(self, kind: str, text: str, value: Any) -> None:
        key = f"{kind}\x00{text}"
        number, entries = self._shard(key)
        if entries.get(key) != value:
            entries.pop(key, None)
            entries[key] = value  # newest last: pruning drops the oldest first
            self.dirty.add(number)

    def save(self) -> None:
        for number in sorted(self.dirty):
            entries = self.shards[number]
            if len(entries) > MAX_PER_SHARD:
                entries = dict(list(entries.items())[-MAX_PER_SHARD:])
                self.shards[number] = entries
            write_json(self._name(number), entries)
        self.dirty.clear()
