"""One home per language: grammar that code must know (a `Language` object in a module named by the
language's code) beside the words that data can hold (`rules/<code>/*.yaml`).

Adding a language means adding `rules/<code>/` and one module here that defines `LANGUAGE`.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from smartlint.languages.base import Language


class UnknownLanguage(ValueError):
    """A language code smartlint has no module for."""


@lru_cache(maxsize=None)
def codes() -> tuple[str, ...]:
    """The languages smartlint knows: one module per language in this package."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base" and len(m.name) == 2))


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    """The Language for a code ("en", "fr"); UnknownLanguage names the known ones otherwise."""
    if code not in codes():
        raise UnknownLanguage(f"unknown language {code!r} (known: {', '.join(codes())})")
    language = importlib.import_module(f"smartlint.languages.{code}").LANGUAGE
    if language.code != code:
        raise UnknownLanguage(f"smartlint/languages/{code}.py defines the language {language.code!r}, not {code!r}")
    return language


__all__ = ["Language", "UnknownLanguage", "codes", "get"]
