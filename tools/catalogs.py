"""Manage the translation catalogues with Babel (a development and build tool; smartlint itself
reads the compiled `.mo` files with the standard library's gettext).

    python tools/catalogs.py extract [DOMAIN]   # source -> smartlint/locale/<domain>.pot
    python tools/catalogs.py update [DOMAIN]    # .pot -> every language's .po (new, changed, obsolete)
    python tools/catalogs.py compile            # .po -> .mo beside it (what a build does)
    python tools/catalogs.py init de            # a new language: one .po per domain
    python tools/catalogs.py check              # untranslated, fuzzy or placeholder mismatches

`extract` then `update` after changing a marked text; translate the new or fuzzy entries of each
.po; `compile` (or `pip install -e .`) to see them. The tests fail while a catalogue is behind.
"""

from __future__ import annotations

import string
import sys
from pathlib import Path
from typing import Callable, Iterable

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
import docs_texts  # noqa: E402  (the docs domain's texts that are not calls)

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "smartlint"
LOCALE = PACKAGE / "locale"
SOURCE = "en"

# Each domain's marking functions, as Babel keywords (name: index of the msgid, and of the plural).
# A domain may add messages that are not calls (e.g. documentation taken from docstrings) with an
# `extra` function yielding (msgid, plural or None, location, comments).
Extra = Callable[[], Iterable[tuple[str, str | None, str, list[str]]]]
DOMAINS: dict[str, dict] = {
    "smartlint": {"keywords": {"_": None, "_n": (1, 2), "N_": None}, "extra": None},
    "smartlint-docs": {"keywords": {"_d": None, "_dn": (1, 2), "N_d": None},
                       "extra": lambda: docs_texts.extra(ROOT)},  # rule docstrings, help, report labels
}
METHODS = [("**.py", "python")]


def languages() -> list[str]:
    """The languages with catalogues (a folder in smartlint/locale)."""
    return sorted(p.name for p in LOCALE.iterdir() if p.is_dir() and (p / "LC_MESSAGES").is_dir())


def extract(domain: str) -> Catalog:
    """Every marked text of a domain in the package's source."""
    spec = DOMAINS[domain]
    catalog = Catalog(project="smartlint", domain=domain, copyright_holder="smartlint contributors", charset="utf-8",
                      fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), METHODS, keywords=spec["keywords"], comment_tags=("Translators:",),
            strip_comment_tags=True):
        if (PACKAGE / filename).parts[len(PACKAGE.parts):][:1] == ("locale",):
            continue
        msgid = message if isinstance(message, str) else tuple(message)
        catalog.add(msgid, None, [(f"smartlint/{filename}", lineno)], auto_comments=comments, context=context)
    if spec["extra"]:
        for msgid, plural, location, comments in spec["extra"]():
            catalog.add((msgid, plural) if plural else msgid, None, [(location, None)], auto_comments=comments)
    return catalog


def pot_path(domain: str) -> Path:
    return LOCALE / f"{domain}.pot"


def po_path(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=100, include_lineno=False, sort_output=False)


def _read(path: Path, lang: str | None = None, domain: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=domain)


def cmd_extract(only: str | None = None) -> None:
    for domain in [only] if only else DOMAINS:
        _write(pot_path(domain), extract(domain))
        print(f"{pot_path(domain).relative_to(ROOT)}")


def cmd_update(only: str | None = None) -> None:
    for domain in [only] if only else DOMAINS:
        template = _read(pot_path(domain))
        for lang in languages():
            path = po_path(lang, domain)
            catalog = _read(path, lang, domain) if path.exists() else Catalog(locale=lang, domain=domain)
            catalog.update(template)
            _write(path, catalog)
            print(f"{path.relative_to(ROOT)}")


def compile_po(path: Path, lang: str, out: Path) -> None:
    """A .po file to a .mo file (fuzzy entries left out: they show the English until reviewed)."""
    catalog = _read(path, lang, path.stem)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as f:
        write_mo(f, catalog)


def cmd_compile() -> None:
    for lang in languages():
        for domain in DOMAINS:
            path = po_path(lang, domain)
            if path.exists():
                compile_po(path, lang, path.with_suffix(".mo"))
                print(f"{path.with_suffix('.mo').relative_to(ROOT)}")


def cmd_init(lang: str) -> None:
    for domain in DOMAINS:
        path = po_path(lang, domain)
        if path.exists():
            sys.exit(f"{path.relative_to(ROOT)} exists; use update")
        catalog = Catalog(locale=lang, domain=domain, project="smartlint", copyright_holder="smartlint contributors")
        catalog.update(_read(pot_path(domain)))
        _write(path, catalog)
        print(f"{path.relative_to(ROOT)}")


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a template."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def problems(lang: str, domain: str) -> list[str]:
    """What keeps a language's catalogue of a domain from being complete: texts the source marks
    that are missing, untranslated or fuzzy, and translations whose placeholders differ."""
    path = po_path(lang, domain)
    if not path.exists():
        return [f"{path.relative_to(ROOT)} is missing (python tools/catalogs.py init {lang})"]
    catalog = _read(path, lang, domain)
    out = []
    for message in extract(domain):
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        found: Message | None = catalog.get(key)
        if found is None:
            out.append(f"{domain}/{lang}: not in the catalogue: {key!r}")
        elif found.fuzzy or not (all(found.string) if isinstance(found.string, tuple) else found.string):
            out.append(f"{domain}/{lang}: {'fuzzy' if found.fuzzy else 'untranslated'}: {key!r}")
        else:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = found.string if isinstance(found.string, tuple) else (found.string,)
            wanted = set().union(*(placeholders(i) for i in ids))
            for s in strings:
                if placeholders(s) - wanted or (len(ids) == 1 and placeholders(s) != wanted):
                    out.append(f"{domain}/{lang}: placeholders {sorted(placeholders(s))} instead of "
                               f"{sorted(wanted)}: {key!r}")
    return out


def cmd_check() -> int:
    found = [p for lang in languages() for domain in DOMAINS for p in problems(lang, domain)]
    print("\n".join(found) or "every catalogue is complete")
    return 1 if found else 0


def main(argv: list[str]) -> int:
    commands = {"extract": cmd_extract, "update": cmd_update, "compile": cmd_compile}
    if argv[:1] == ["init"] and len(argv) == 2:
        cmd_init(argv[1])
    elif argv[:1] == ["check"]:
        return cmd_check()
    elif len(argv) == 1 and argv[0] in commands:
        commands[argv[0]]()
    elif len(argv) == 2 and argv[0] in ("extract", "update") and argv[1] in DOMAINS:
        commands[argv[0]](argv[1])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
