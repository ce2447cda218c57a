"""Which language a title is written in, from its function words and accents.

Titles are short, so a statistical detector has little to go on; counting the function words of
each language (kept in `rules/<lang>/function_words.yaml`) decides nearly every real title, and a
tie falls back to the file's majority.
"""

from __future__ import annotations

import re
import unicodedata

from smartlint.lexicon import LANGUAGES, Lexicon, Lexicons, derived

_WORD = re.compile(r"[^\W\d_]+(?:'|’)?", re.UNICODE)
_FRENCH_LETTERS = re.compile(r"[éèêàùçôîœ]", re.IGNORECASE)


@derived
def _vocabulary(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    return lex.word_set("function_words"), frozenset(lex.verbs)


def score(text: str, lexicons: Lexicons | None = None) -> dict[str, float]:
    lexicons = lexicons or Lexicons()
    text = unicodedata.normalize("NFC", text)  # decomposed accents count as the letters they are
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    out: dict[str, float] = {}
    for lang in LANGUAGES:
        function, verbs = _vocabulary(lexicons.get(lang))
        out[lang] = sum(1.0 if w in function else 0.5 if w in verbs else 0.0 for w in words)
    out["fr"] += 0.5 * len(_FRENCH_LETTERS.findall(text))
    if re.search(r"\b[dlsjnmc]['’]\w", text, re.IGNORECASE):
        out["fr"] += 1.0
    return out


def detect(text: str, lexicons: Lexicons | None = None) -> str | None:
    """'fr', 'en', or None when the title gives no sign either way."""
    s = score(text, lexicons)
    if s["fr"] > s["en"]:
        return "fr"
    if s["en"] > s["fr"]:
        return "en"
    return None
