"""The open vocabulary (any verb of en/fr, from spaCy's lookup tables) and the Language modules."""

from __future__ import annotations

import unicodedata

import pytest

from smartlint import languages
from smartlint.nlp import vocabulary as vocab_module
from smartlint.nlp.facts import analyse
from smartlint.nlp.vocabulary import vocabulary


@pytest.mark.parametrize("lang, form, lemma", [
    ("en", "accredit", "accredit"), ("en", "decommissioned", "decommission"), ("en", "ships", "ship"),
    ("en", "stopped", "stop"), ("en", "went", "go"), ("en", "enlisting", "enlist"),
    ("fr", "outiller", "outiller"), ("fr", "migrés", "migrer"), ("fr", "mis", "mettre"),
    ("fr", "accroître", "accroître"), ("fr", "déployée", "déployer"), ("fr", "atteint", "atteindre"),
])
def test_any_verb_form_has_its_lemma(lang, form, lemma):
    assert vocabulary(lang).verb_lemma(form) == lemma


@pytest.mark.parametrize("lang, word", [("en", "policy"), ("en", "data"), ("fr", "dossier"), ("fr", "équipe")])
def test_nouns_are_not_verbs(lang, word):
    v = vocabulary(lang)
    assert v.is_noun(word) and not v.is_verb_lemma(word)


def test_the_compact_tables_are_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path))
    vocabulary.cache_clear()
    built = []
    real_build = vocab_module._build
    monkeypatch.setattr(vocab_module, "_build", lambda lang: built.append(lang) or real_build(lang))
    try:
        first = vocabulary("en")
        vocabulary.cache_clear()
        second = vocabulary("en")
    finally:
        vocabulary.cache_clear()
    assert built == ["en"] and len(list(tmp_path.glob("vocabulary-en-*.json"))) == 2
    assert first.verbs == second.verbs and second.verb_lemma("went") == "go"


def test_an_unknown_language_fails_clearly():
    with pytest.raises(languages.UnknownLanguage, match="unknown language 'de' .*known: en, fr"):
        languages.get("de")
    from smartlint.lexicon import load_lexicon

    with pytest.raises(languages.UnknownLanguage):
        load_lexicon("de")


def test_each_language_is_one_module_beside_its_word_lists():
    from smartlint.lexicon import rules_dir

    assert languages.codes() == ("en", "fr")
    for code in languages.codes():
        assert languages.get(code).code == code and (rules_dir() / code).is_dir()


def test_decomposed_accents_are_read_composed_and_spans_point_into_the_text_as_written():
    text = unicodedata.normalize("NFD", "Améliorer la qualité d'ici le 30 juin 2027")
    facts = analyse(text, "fr")
    assert facts.text == text and facts.lead is not None and facts.lead.lemma == "améliorer"
    assert text[facts.lead.start:facts.lead.end] == unicodedata.normalize("NFD", "Améliorer")
    [deadline] = facts.deadlines
    assert text[deadline.start:deadline.end].endswith("2027")


def test_every_shipped_word_list_fits_the_schema():
    from ruamel.yaml import YAML

    from smartlint.lexicon import rules_dir, validate_word_list

    files = sorted(rules_dir().glob("*/*.yaml"))
    assert len(files) > 40
    for path in files:
        validate_word_list(path, YAML(typ="safe").load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("data, message", [
    ({"description": "x", "entires": ["improve"]}, r"unknown key `entires`; did you mean `entries`\?"),
    ({"description": "x", "nouns": {"refonte": "tsak"}}, r"`nouns.refonte`"),
    (["improve"], r"a word list is a mapping"),
])
def test_a_misspelt_word_list_key_fails_instead_of_emptying_the_list(data, message):
    from pathlib import Path

    from smartlint.lexicon import WordListError, validate_word_list

    with pytest.raises(WordListError, match=message):
        validate_word_list(Path("rules/en/vague_verbs.yaml"), data)
