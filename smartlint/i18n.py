"""Translated texts: gettext catalogs read with the standard library only.

The catalogs (`smartlint/locale/<lang>/LC_MESSAGES/<domain>.po`) are compiled to `.mo` when the
package is built (hatch_build.py); nothing is generated or imported from Babel at run time. English
is the source language: a msgid is the English text, so an English run reads no catalog.

Two domains, each with its own catalogue per language:
- `smartlint` (`_`, `_n`): finding messages and suggestions, usage and configuration errors,
  run-time messages of the command line;
- `smartlint-docs` (`_d`, `_dn`): rule documentation, the `rules` listing, report labels, command
  help, the `init` starters.

A marked text is a `Text`: a `str` rendered in one language that keeps its msgid and arguments, so
the engine can render a finding again in its goal's language and fingerprints can use the English
form. Arguments are the user's words (inserted as written) and numbers (printed in the language's
form: "12 500,5" in French); templates get the language's punctuation spaces before they are filled.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

DOMAIN = "smartlint"
DOCS_DOMAIN = "smartlint-docs"
SOURCE = "en"  # the language msgids are written in
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_interface: str | None = None


def known() -> tuple[str, ...]:
    """The languages texts can be shown in: those smartlint has a Language module for."""
    from smartlint import languages

    return languages.codes()


def choices() -> tuple[str, ...]:
    """The values of --messages and of the `messages:` configuration key."""
    return ("auto",) + known()


def language_of_locale(value: str) -> str | None:
    """The known language a locale value names ("fr_FR.UTF-8" -> "fr", "C" -> "en"), or None."""
    value = value.strip()
    if not value:
        return None
    if value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
        return SOURCE
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].split("-", 1)[0].lower()
    return code if code in known() else None


def locale_language(environ: Any = None) -> str:
    """The interface language the locale variables ask for, in gettext's order (LANGUAGE, a list
    separated by ':', then LC_ALL, LC_MESSAGES, LANG); the first variable that is set decides, and
    a language smartlint does not speak gives English."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        for part in value.split(":") if name == "LANGUAGE" else [value]:
            code = language_of_locale(part)
            if code:
                return code
        if name != "LANGUAGE":
            return SOURCE
    return SOURCE


def interface_language() -> str:
    """The language of messages that are about no goal: usage and configuration errors, run-time
    messages. `--messages fr|en` sets it; otherwise the locale variables."""
    global _interface
    if _interface is None:
        _interface = locale_language()
    return _interface


def set_interface_language(code: str | None) -> None:
    """Use `code` for interface messages (None or "auto": follow the locale variables again)."""
    global _interface, _forced
    _forced = code not in (None, "auto")
    _interface = code if _forced else None


_forced = False


def output_language(languages_used: set[str]) -> str:
    """The language of an output's own words (headings, summary, labels) around findings: the one
    --messages names, else the one language all findings (or goals) are in, else the interface's."""
    if not _forced and len(languages_used) == 1:
        return next(iter(languages_used))
    return interface_language()


@lru_cache(maxsize=None)
def catalog(lang: str, domain: str = DOMAIN) -> _gettext.NullTranslations:
    """The compiled catalogue of a domain in a language; for English (or a missing catalogue) the
    msgids themselves."""
    if lang == SOURCE:
        return _gettext.NullTranslations()
    return _gettext.translation(domain, LOCALE_DIR, languages=[lang], fallback=True)


def has_catalog(lang: str, domain: str = DOMAIN) -> bool:
    """Whether a compiled catalogue exists (a source checkout that was never built has none)."""
    return lang == SOURCE or isinstance(catalog(lang, domain), _gettext.GNUTranslations)


@lru_cache(maxsize=4096)
def template(msgid: str, lang: str, domain: str = DOMAIN, plural: str | None = None, n: int = 1) -> str:
    """The translated template of a msgid, with the language's punctuation spaces."""
    found = catalog(lang, domain)
    text = found.ngettext(msgid, plural, n) if plural is not None else found.gettext(msgid)
    return _language(lang).punctuate(text)


def _language(lang: str):
    from smartlint import languages

    try:
        return languages.get(lang)
    except languages.UnknownLanguage:
        return languages.get(SOURCE)


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return _language(lang).number(value)


class Text(str):
    """A marked message rendered in one language (`lang`), that can be rendered in another.

    It is a `str`, so code that prints, compares or bounds messages needs no change; `msgid`,
    `args` (and `plural`, `n` for a count) are what `render` and `to_data` use.
    """

    msgid: str
    args: dict[str, Any]
    domain: str
    lang: str
    plural: str | None
    n: int | None

    def __new__(cls, msgid: str, args: dict[str, Any] | None = None, lang: str | None = None,
                domain: str = DOMAIN, plural: str | None = None, n: int | None = None) -> "Text":
        lang = lang or interface_language()
        args = dict(args or {})
        if n is not None:
            args.setdefault("n", n)
        values = {k: _value(v, lang) for k, v in args.items()}
        try:
            shown = template(msgid, lang, domain, plural, 1 if n is None else n).format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation: the English, never a crash
            shown = template(plural if plural is not None and n != 1 else msgid, SOURCE).format(**values)
        self = super().__new__(cls, shown)
        self.msgid, self.args, self.domain, self.lang, self.plural, self.n = msgid, args, domain, lang, plural, n
        return self

    def render(self, lang: str) -> "Text":
        """The same message in another language."""
        if lang == self.lang:
            return self
        return Text(self.msgid, self.args, lang, self.domain, self.plural, self.n)

    def map_args(self, change: Callable[[Any], Any]) -> "Text":
        """The same message with each plain-text argument changed (e.g. made safe to print)."""
        args = {k: v.map_args(change) if isinstance(v, Text) else change(v) if isinstance(v, str) else v
                for k, v in self.args.items()}
        return Text(self.msgid, args, self.lang, self.domain, self.plural, self.n)

    @property
    def english(self) -> str:
        """The source form: what fingerprints and baselines compare, whatever language is shown."""
        return str.__str__(self.render(SOURCE))

    def to_data(self) -> dict[str, Any]:
        """A JSON form that keeps the message language-independent (for caches)."""
        data: dict[str, Any] = {"id": self.msgid, "args": {k: v.to_data() if isinstance(v, Text) else v
                                                          for k, v in self.args.items()}}
        if self.domain != DOMAIN:
            data["domain"] = self.domain
        if self.plural is not None:
            data["plural"], data["n"] = self.plural, self.n
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any], lang: str | None = None) -> "Text":
        args = {k: cls.from_data(v, lang) if isinstance(v, dict) else v for k, v in data.get("args", {}).items()}
        return cls(data["id"], args, lang, data.get("domain", DOMAIN), data.get("plural"), data.get("n"))

    def __reduce__(self):
        return (Text, (self.msgid, self.args, self.lang, self.domain, self.plural, self.n))


def render(value: str, lang: str) -> str:
    """A message in `lang` if it is a marked Text; a plain string (a text nobody marked) as it is."""
    return value.render(lang) if isinstance(value, Text) else value


def english(value: str) -> str:
    """The source (English) form of a message."""
    return value.english if isinstance(value, Text) else value


def _(msgid: str, **args: Any) -> Text:
    """Mark a message of the `smartlint` domain; rendered now in the interface language, again in
    a goal's language by the engine. Placeholders are `{name}`, filled from `args`."""
    return Text(msgid, args)


def _n(singular: str, plural: str, n: int, **args: Any) -> Text:
    """A message with a count (`{n}` in the text): the catalogue's plural form for `n`."""
    return Text(singular, args, plural=plural, n=n)


def _d(msgid: str, **args: Any) -> Text:
    """Mark a text of the `smartlint-docs` domain (documentation, help, report labels)."""
    return Text(msgid, args, domain=DOCS_DOMAIN)


def _dn(singular: str, plural: str, n: int, **args: Any) -> Text:
    return Text(singular, args, domain=DOCS_DOMAIN, plural=plural, n=n)


def N_(msgid: str) -> str:
    """Mark a text for extraction without translating it (a table built at import time); pass it
    to `_` or `_d` where it is shown."""
    return msgid


__all__ = ["Text", "_", "_n", "_d", "_dn", "N_", "render", "english", "interface_language",
           "set_interface_language", "locale_language", "catalog", "has_catalog", "DOMAIN", "DOCS_DOMAIN"]
