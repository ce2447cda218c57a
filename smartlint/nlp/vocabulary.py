"""The open vocabulary: for any word of a language, whether it can be a verb (and its lemma) or a noun.

The word lists in `rules/<lang>/` hold meaning (which verbs are vague, tasks, increases...); they
cannot hold every verb of a language. The dictionaries come from spaCy's own lookup tables (the
`spacy-lookups-data` package: WordNet lemmas for English, Lefff-derived lemmas for French):
lemma indexes by part of speech and the irregular forms. Inflected forms are reduced to
candidate lemmas by the language's endings (smartlint.languages) and checked against the index.

Reading the packaged tables costs about a second (the French irregular forms are large), so the
part smartlint needs is kept in the cache folder as one small JSON file per language, keyed by
the package's version: a cold check reads ~0.3 MB, and a fully cached check never loads it.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cached_property, lru_cache

from smartlint import languages

# Irregular forms in tenses goal titles do not use (each Language's `rare_forms`: in French the
# simple past, imperfect, future, conditional, subjunctive imperfect) are left out of the cached tables.


class VocabularyMissing(RuntimeError):
    """The dictionaries are not installed (spacy-lookups-data is a dependency of smartlint)."""


class Vocabulary:
    """A language's verbs (loaded with it) and nouns (loaded at the first question about a noun)."""

    def __init__(self, lang: str, verbs: frozenset[str], verb_forms: dict[str, str], nouns=None):
        self.lang = lang
        self.verbs = verbs  # verb lemmas
        self.verb_forms = verb_forms  # irregular verb forms -> lemma ("went" -> "go", "mis" -> "mettre")
        self._nouns = nouns  # (lemmas, irregular forms), or a function that reads them

    @cached_property
    def nouns(self) -> tuple[frozenset[str], dict[str, str]]:
        found = self._nouns() if callable(self._nouns) else self._nouns
        return frozenset(found[0]), dict(found[1])

    def verb_lemma(self, word: str) -> str | None:
        """The verb this word is a form of, or None ("shipped" -> "ship", "migrés" -> "migrer")."""
        word = word.lower()
        if word in self.verb_forms:
            return self.verb_forms[word]
        language = languages.get(self.lang)
        for candidate in language.lemma_candidates(word, language.verb_suffixes):
            if candidate in self.verbs:
                return candidate
        return None

    def is_verb_lemma(self, word: str) -> bool:
        """The word is a verb's base form (infinitive, imperative): "accredit", "outiller"."""
        return word.lower() in self.verbs

    def is_noun(self, word: str) -> bool:
        word = word.lower()
        lemmas, forms = self.nouns
        if word in forms:
            return True
        language = languages.get(self.lang)
        return any(c in lemmas for c in language.lemma_candidates(word, language.noun_suffixes))


def _package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("spacy-lookups-data")
    except metadata.PackageNotFoundError:
        raise VocabularyMissing("the dictionaries smartlint reads (spacy-lookups-data) are not installed; "
                                "reinstall smartlint with its dependencies") from None


def _table(lang: str, name: str) -> dict:
    from importlib import resources

    path = resources.files("spacy_lookups_data") / "data" / f"{lang}_{name}.json.gz"
    if not path.is_file():
        return {}  # a language the package has no such table for: only listed verbs lead
    return json.loads(gzip.decompress(path.read_bytes()))


def _build(lang: str) -> dict:
    """The compact tables, from the packaged ones: lemma lists, and only those irregular forms
    that the language's endings do not already reduce to their lemma."""
    language = languages.get(lang)
    index, exceptions = _table(lang, "lemma_index"), _table(lang, "lemma_exc")
    out: dict = {}
    for pos, suffixes in (("verb", language.verb_suffixes), ("noun", language.noun_suffixes)):
        lemmas = set(index.get(pos, [])) | {ls[0] for ls in exceptions.get(pos, {}).values() if ls}
        lemmas = {w for w in lemmas if "_" not in w and " " not in w}
        irregular = {}
        for form, found in exceptions.get(pos, {}).items():
            if not found or "_" in form or form == found[0] or re.search(language.rare_forms, form):
                continue
            derived = next((c for c in language.lemma_candidates(form, suffixes) if c in lemmas), None)
            if derived != found[0]:
                irregular[form] = found[0]
        out[pos] = sorted(lemmas)
        out[f"{pos}_forms"] = dict(sorted(irregular.items()))
    return out


@lru_cache(maxsize=None)
def vocabulary(lang: str) -> Vocabulary:
    """The language's open vocabulary, from the cache folder or built from the packaged tables.
    Verbs and nouns are kept in two files: most titles never need the (larger) nouns."""
    from smartlint.cache import digest, read_json, write_json

    key = digest(_package_version(), _BUILD_VERSION)
    names = {part: f"vocabulary-{lang}-{part}-{key}.json" for part in ("verbs", "nouns")}
    verbs = read_json(names["verbs"])
    if not isinstance(verbs, dict) or not {"verb", "verb_forms"} <= set(verbs):
        built = _build(lang)
        verbs = {"verb": built["verb"], "verb_forms": built["verb_forms"]}
        write_json(names["verbs"], verbs)
        write_json(names["nouns"], {"noun": built["noun"], "noun_forms": built["noun_forms"]})

    def nouns() -> tuple[list[str], dict[str, str]]:
        data = read_json(names["nouns"])
        if not isinstance(data, dict) or not {"noun", "noun_forms"} <= set(data):
            data = _build(lang)
            write_json(names["nouns"], {"noun": data["noun"], "noun_forms": data["noun_forms"]})
        return data["noun"], data["noun_forms"]

    return Vocabulary(lang, frozenset(verbs["verb"]), dict(verbs["verb_forms"]), nouns)


_BUILD_VERSION = "2"  # bump when _build or a language's endings change what is kept
