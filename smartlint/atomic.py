"""The one way smartlint writes a file the user named (`report -o`, `init`, `check --output-file`,
the baseline): whole or not at all, and never through a link an attacker planted.

- A regular file (or a new one) is written to a temporary file created exclusively in the same
  folder (random name, O_EXCL, never through a symlink), then renamed over the target: a reader
  sees the old file or the new one, never half of one.
- A symlink is replaced by the rename, never followed: a committed `report.md -> ~/.bashrc` cannot
  make a CI job overwrite the file it points to.
- An existing special file (`/dev/stdout`, `/dev/null`, a FIFO, a terminal) is written into, as a
  shell redirection would; it is never replaced by a regular file (as root, a rename would replace
  /dev/null itself).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _special_target(path: Path) -> bool:
    """Whether `path` is, or links to, an existing file that is neither regular nor a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_into(path: Path, data: bytes) -> bool:
    """Write into an existing special file; False if it turned out to be a regular file (changed
    since it was looked at), so that the caller writes by rename instead."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return True
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus the umask."""
    try:
        existing = os.lstat(path)
        if stat.S_ISREG(existing.st_mode):
            return stat.S_IMODE(existing.st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` safely (see the module). Characters the encoding cannot hold are
    replaced, never a crash. Raises OSError (with the path) when the folder cannot be written."""
    path = Path(path)
    data = text.encode(encoding, errors="replace")
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder", str(path))
    if _special_target(path) and _write_into(path, data):
        return
    folder = path.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)  # replaces a symlink itself, never its target
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
