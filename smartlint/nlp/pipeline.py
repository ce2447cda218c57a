"""spaCy, loaded lazily and lightly: a tokenizer per language and phrase matchers over word lists.

`spacy.blank("fr")` spends ~2 s compiling French tokenizer exceptions that goal titles do not
need, and the small statistical models tag headline-style goals badly. So both languages share a
plain `Language` with spaCy's default punctuation rules, plus a French prefix rule that splits
elided articles ("d'ici" -> "d'" "ici", "l'attrition" -> "l'" "attrition"). Nothing here is
imported until a title must be analysed: `smartlint --help` never pays for spaCy.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from smartlint import languages
from smartlint.lexicon import Lexicon, derived


# Word lists matched as phrases (several words, or one), by file name.
PHRASE_LISTS = ("vague_deadlines", "vague_nouns", "weasel_words")


# Goal titles need little of spaCy's general punctuation rules, whose Unicode classes take ~0.1 s
# to compile per language: brackets, quotes and sentence punctuation around words, hyphens and
# slashes inside them, possessives, and French elisions.
PREFIX = r"""^(?:[\[\(\{"'«“‘¿¡*•#…+\-–—]%s)"""
SUFFIX = r"""(?:[\]\)\}"'»”’.,;:!?…%%‰€$£*]|'s|’s)$"""
INFIX = r"""(?<=[^\W\d])[-–/](?=[^\W\d])|(?<=\w)[,;:](?=[^\W\d])|(?<=[^\W\d])\.(?=[^\W\d]{2})"""
ELIDED_INFIX = r"|(?<=[^\W\d])'(?=[^\W\d])"


@lru_cache(maxsize=None)
def tokenizer(lang: str) -> Any:
    """A bare spaCy Tokenizer (no Language object: building one costs ~50 ms and brings nothing)."""
    from spacy.lang.lex_attrs import LEX_ATTRS
    from spacy.tokenizer import Tokenizer
    from spacy.vocab import Vocab

    elision = languages.get(lang).elision
    prefix = PREFIX % (f"|(?i:{elision})" if elision else "")
    return Tokenizer(
        Vocab(lex_attr_getters=dict(LEX_ATTRS)),  # LOWER, LIKE_NUM...: what Language() would set
        prefix_search=re.compile(prefix).search,
        suffix_search=re.compile(SUFFIX).search,
        infix_finditer=re.compile(INFIX + (ELIDED_INFIX if elision else "")).finditer,
        token_match=re.compile(r"^(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\?\?[/?]*+|\[[^\]\s]*+\])$").match,
    )


@derived
def phrase_matcher(lex: Lexicon) -> Any:
    """One PhraseMatcher per lexicon over the phrase-like word lists (match id = list name)."""
    from spacy.matcher import PhraseMatcher

    tok = tokenizer(lex.lang)
    matcher = PhraseMatcher(tok.vocab, attr="LOWER")
    for name in PHRASE_LISTS:
        phrases = lex.words(name)
        if phrases:
            matcher.add(name, list(tok.pipe(phrases)))
    # Several-token entries of the mappings ("a dozen", "vingt-cinq", "ten-fold"); single words are
    # looked up token by token.
    for name, table in (("number_words", lex.numbers), ("multiplier_words", {**lex.multipliers, **lex.divisors})):
        words = [w for w in table if len(tok(w)) > 1]
        if words:
            matcher.add(name, list(tok.pipe(words)))
    return matcher


def docs(texts: list[str], lang: str) -> list[Any]:
    """Tokenise many texts in one batch."""
    return list(tokenizer(lang).pipe(texts, batch_size=256))
