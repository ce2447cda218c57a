"""Which language a title is written in, from its function words and accents.

Titles are short, so a statistical detector has little to go on; counting the function words of
each language (kept in `rules/<lang>/function_words.yaml`) decides nearly every real title, and a
tie falls back to the file's majority.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from smartlint import languages
from smartlint.lexicon import Lexicon, Lexicons, derived

_WORD = re.compile(r"[^\W\d_]+(?:'|’)?", re.UNICODE)


@derived
def _vocabulary(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    return lex.word_set("function_words"), frozenset(lex.verbs)


@lru_cache(maxsize=64)
def _signs(letters: str, marker: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """A language's own letters and its marker ("d'", "l'"), compiled once."""
    return (re.compile(letters, re.IGNORECASE) if letters else None,
            re.compile(marker, re.IGNORECASE) if marker else None)


def score(text: str, lexicons: Lexicons | None = None) -> dict[str, float]:
    lexicons = lexicons or Lexicons()
    text = unicodedata.normalize("NFC", text)  # decomposed accents count as the letters they are
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    out: dict[str, float] = {}
    for lang in languages.codes():
        function, verbs = _vocabulary(lexicons.get(lang))
        out[lang] = sum(1.0 if w in function else 0.5 if w in verbs else 0.0 for w in words)
        language = languages.get(lang)
        letters, marker = _signs(language.letters, language.marker)
        if letters is not None:  # "é", "ç": half a word each
            out[lang] += 0.5 * len(letters.findall(text))
        if marker is not None and marker.search(text):  # "d'", "l'"
            out[lang] += 1.0
    return out


def detect(text: str, lexicons: Lexicons | None = None) -> str | None:
    """The language with the highest score ('fr', 'en'...), or None when the title gives no
    sign either way (a tie)."""
    s = score(text, lexicons)
    best = max(s.values(), default=0.0)
    leaders = [lang for lang, value in s.items() if value == best]
    return leaders[0] if len(leaders) == 1 else None
