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

from smartlint.lexicon import load_lexicon

ELISION = r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)'"

# Word lists matched as phrases (several words, or one), by file name.
PHRASE_LISTS = ("vague_deadlines", "vague_nouns", "weasel_words")


@lru_cache(maxsize=None)
def tokenizer(lang: str) -> Any:
    from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    nlp = Language()
    prefixes = list(TOKENIZER_PREFIXES)
    if lang == "fr":
        prefixes = [f"(?i:{ELISION})"] + prefixes
    suffixes = list(TOKENIZER_SUFFIXES) + [r"(?<=[0-9])(?:k€|M€|€|\$|£|%|‰|x|×)"]
    infixes = list(TOKENIZER_INFIXES) + [r"(?<=[a-zA-Z])'(?=[a-zA-Z])" if lang == "fr" else r"(?!x)x"]
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=re.compile(r"^(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\?{2,}[/?]*|\[[^\]\s]*\])$").match,
    )
    return nlp


@lru_cache(maxsize=None)
def phrase_matcher(lang: str) -> Any:
    """One PhraseMatcher per language over the phrase-like word lists (match id = list name)."""
    from spacy.matcher import PhraseMatcher

    nlp = tokenizer(lang)
    lex = load_lexicon(lang)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name in PHRASE_LISTS:
        phrases = lex.words(name)
        if phrases:
            matcher.add(name, list(nlp.tokenizer.pipe(phrases)))
    # Several-token entries of the mappings ("a dozen", "vingt-cinq", "ten-fold"); single words are
    # looked up token by token.
    for name, table in (("number_words", lex.numbers), ("multiplier_words", {**lex.multipliers, **lex.divisors})):
        words = [w for w in table if len(nlp.tokenizer(w)) > 1]
        if words:
            matcher.add(name, list(nlp.tokenizer.pipe(words)))
    return matcher


def docs(texts: list[str], lang: str) -> list[Any]:
    """Tokenise many texts in one batch."""
    return list(tokenizer(lang).tokenizer.pipe(texts, batch_size=256))
