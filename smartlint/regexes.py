"""Regular expressions compiled once per machine, not once per run.

The deadline and number patterns are built from the word lists and run to tens of kilobytes:
Python's `re` spends about 0.13 s parsing and compiling the analysis patterns on every start,
more than analysing 50 titles. `compile` keeps each compiled program (what `re` hands to its C
engine) in the signed cache folder, keyed by the pattern, its flags and the Python build, and hands
it back to the engine directly on later runs (about 0.015 s for all of them).

The program is CPython's internal form, so everything about it is checked before use: the store
is one file per Python version and engine (`_sre.MAGIC`, `CODESIZE`), signed like every cache
file, and a pattern with no valid entry (another Python, a missing or altered file, `--no-cache`)
is compiled by `re.compile` as usual. The store makes a run faster, never different: a test
compares every stored program with `re.compile`'s.
"""

from __future__ import annotations

import re
import sys
from typing import Any

MAX_ENTRIES = 2000  # programs kept (a configuration's own lists add a few dozen); the oldest go first

_compiled: dict[tuple[str, int], re.Pattern] = {}
_store: dict[str, list] | None = None  # key -> [flags, code, groups, groupindex, indexgroup]
_used: set[str] = set()
_dirty = False


def _sre() -> Any:
    """CPython's regular-expression engine and compiler, or None on an interpreter without them."""
    try:
        import _sre
        from re import _compiler, _parser

        if sys.implementation.name != "cpython" or not hasattr(_compiler, "_code"):
            return None
        return _sre, _compiler, _parser
    except ImportError:
        return None


def _name() -> str | None:
    internals = _sre()
    if internals is None:
        return None
    from smartlint.cache import digest

    engine = internals[0]
    return f"regex-{digest(sys.version, str(engine.MAGIC), str(engine.CODESIZE))}.json"


def _load() -> dict[str, list]:
    global _store
    if _store is None:
        from smartlint import cache

        name = _name()
        found = cache.read_json(name) if name else None
        _store = found if isinstance(found, dict) else {}
    return _store


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the stored program when there is one."""
    flags = int(flags)
    found = _compiled.get((pattern, flags))
    if found is not None:
        return found
    internals = _sre()
    if internals is None:
        compiled = re.compile(pattern, flags)
    else:
        compiled = _from_store(pattern, flags, internals) or _compile_and_keep(pattern, flags, internals)
    _compiled[(pattern, flags)] = compiled
    return compiled


def _key(pattern: str, flags: int) -> str:
    from smartlint.cache import digest

    return digest(pattern, str(flags))


def _from_store(pattern: str, flags: int, internals: Any) -> re.Pattern | None:
    key = _key(pattern, flags)
    entry = _load().get(key)
    if entry is None:
        return None
    try:
        all_flags, code, groups, groupindex, indexgroup = entry
        compiled = internals[0].compile(pattern, all_flags, code, groups, groupindex, tuple(indexgroup))
    except (TypeError, ValueError, RuntimeError, OverflowError):
        return None
    _used.add(key)
    return compiled


def _compile_and_keep(pattern: str, flags: int, internals: Any) -> re.Pattern:
    """Compile as `re._compiler.compile` does, keeping the program for the next run."""
    global _dirty
    engine, compiler, parser = internals
    try:
        parsed = parser.parse(pattern, flags)
        code = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = [flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex, indexgroup]
        compiled = engine.compile(pattern, entry[0], entry[1], entry[2], groupindex, tuple(indexgroup))
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals of another CPython: plain re.compile, nothing kept
        return re.compile(pattern, flags)
    key = _key(pattern, flags)
    store = _load()
    store[key] = entry
    _used.add(key)
    _dirty = True
    return compiled


def save() -> None:
    """Write the programs compiled in this run beside the stored ones (nothing when none is new)."""
    global _dirty
    if not _dirty or _store is None:
        return
    name = _name()
    if name is None:
        return
    from smartlint import cache

    # Newest last; when full, the programs this run did not use go first, oldest first.
    kept = sorted(_store, key=lambda k: k in _used)
    entries = {k: _store[k] for k in kept[-MAX_ENTRIES:]}
    cache.write_json(name, entries)
    _dirty = False
