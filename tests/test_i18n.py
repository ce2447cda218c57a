"""Translations: the catalogues are complete, texts render in each language with its typography,
and the locale variables choose the interface language."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from smartlint import i18n, languages
from smartlint.i18n import Text, _, _n, locale_language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import catalogs  # noqa: E402


@pytest.mark.parametrize("domain", sorted(catalogs.DOMAINS))
def test_every_marked_text_is_translated_with_the_same_placeholders(domain):
    """A text marked in the source and missing, untranslated or fuzzy in a language's catalogue,
    or translated with other placeholders, fails here: `python tools/catalogs.py extract`, then
    `update`, translate, `compile`."""
    assert [p for lang in catalogs.languages() for p in catalogs.problems(lang, domain)] == []


def test_every_language_but_the_source_has_its_catalogues():
    for code in languages.codes():
        if code != i18n.SOURCE:
            for domain in catalogs.DOMAINS:
                assert catalogs.po_path(code, domain).exists(), (code, domain)


def test_the_compiled_catalogues_are_those_of_the_po_files():
    """What gettext reads at run time is what the .po files say (a build compiles them)."""
    for lang in catalogs.languages():
        for domain in catalogs.DOMAINS:
            source = catalogs._read(catalogs.po_path(lang, domain), lang, domain)
            compiled = i18n.catalog(lang, domain)
            for message in source:
                if message.id and message.string and not message.fuzzy and not isinstance(message.id, tuple):
                    assert compiled.gettext(message.id) == message.string


def test_placeholders_are_the_named_fields():
    assert catalogs.placeholders("« {verb} » sans {what}, {{literal}}") == {"verb", "what"}


@pytest.mark.parametrize("value, fr, en", [
    ("taux :", "taux\u00a0:", "taux :"),
    ("« {x} » ?", "«\u202f{x}\u202f»\u202f?", "« {x} » ?"),
    ("de 35 % à 50 % ; fin !", "de 35\u202f% à 50\u202f%\u202f; fin\u202f!", "de 35 % à 50 % ; fin !"),
])
def test_templates_get_the_languages_no_break_spaces(value, fr, en):
    assert languages.get("fr").punctuate(value) == fr
    assert languages.get("en").punctuate(value) == en


@pytest.mark.parametrize("value, fr, en", [
    (1.5, "1,5", "1.5"), (12500, "12\u202f500", "12,500"), (2027, "2027", "2027"), (-0.001, "0", "0"),
    (1234567.891, "1\u202f234\u202f567,89", "1,234,567.89"), (-3.25, "-3,25", "-3.25"), (1e20, "100\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000", "100,000,000,000,000,000,000"),
])
def test_numbers_are_printed_in_the_languages_form(value, fr, en):
    assert languages.get("fr").number(value) == fr
    assert languages.get("en").number(value) == en


def test_the_users_words_are_inserted_as_written():
    """Punctuation spaces go into the template, never into the user's words."""
    t = Text("{word} : {n}", {"word": "Launch : phase 2 ?", "n": 1.5}, "fr")
    assert str(t) == "Launch : phase 2 ?\u00a0: 1,5"


def test_a_text_renders_again_in_another_language_and_keeps_its_source():
    t = Text("{n} items", {"n": 12500}, "fr")
    assert t.render("en") == "12,500 items" and t.english == "12,500 items" and t.render("en").lang == "en"
    assert Text.from_data(t.to_data(), "fr") == t
    copy = pickle.loads(pickle.dumps(t))
    assert copy == t and copy.msgid == t.msgid and copy.lang == "fr"


def test_a_nested_text_is_rendered_in_the_outer_language():
    inner = Text("key result", {}, "en")
    outer = Text("no owner for this {level}", {"level": inner}, "en")
    assert Text.from_data(outer.to_data(), "en") == outer
    assert outer.render("fr").args["level"] is inner


def test_a_count_takes_the_plural_form():
    assert _n("{n} finding", "{n} findings", 1) == "1 finding"
    assert _n("{n} finding", "{n} findings", 3) == "3 findings"


@pytest.mark.parametrize("environ, expected", [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_CA"}, "fr"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),  # the first variable set decides
    ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),  # a list: the first language known
    ({"LANGUAGE": "de", "LANG": "fr_FR.UTF-8"}, "fr"),  # none known: the next variable
    ({"LANGUAGE": "", "LC_ALL": "", "LANG": "fr_BE.ISO-8859-1@euro"}, "fr"),
])
def test_the_locale_variables_choose_the_interface_language(environ, expected):
    assert locale_language(environ) == expected


def test_the_interface_language_can_be_set_and_reset(monkeypatch):
    monkeypatch.setattr(i18n, "_interface", None)
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert i18n.interface_language() == "fr"
    i18n.set_interface_language("en")
    assert _("x").lang == "en"
    i18n.set_interface_language("auto")
    assert i18n.interface_language() == "fr"


@pytest.mark.parametrize("domain", sorted(catalogs.DOMAINS))
def test_the_extractor_sees_every_marked_call_in_the_source(domain):
    """Babel's extractor silently drops a marked call in some shapes (one whose arguments hold
    other calls); such a text would never reach the catalogue and would stay English. Every call of
    a marker with a literal text, found by Python's own parser, must be in the extraction."""
    import ast

    markers = catalogs.DOMAINS[domain]["keywords"]
    extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogs.extract(domain) if m.id}
    missed = []
    for path in sorted(catalogs.PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in markers
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and node.args[0].value not in extracted):
                missed.append(f"{path.relative_to(catalogs.ROOT)}:{node.lineno}: {node.args[0].value[:60]!r}")
    assert missed == []
