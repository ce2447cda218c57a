"""English."""

from __future__ import annotations

import re

from smartlint.languages.base import Language


def english_forms(lemma: str) -> set[str]:
    """Regular English verb forms: -s, -ed, -ing, with the usual spelling rules (over-generating
    a rare non-word is harmless: it never appears in real text)."""
    w = lemma
    out = {w}
    if re.search(r"(s|sh|ch|x|z|o)$", w):
        out.add(w + "es")
    elif re.search(r"[^aeiou]y$", w):
        out.add(w[:-1] + "ies")
    else:
        out.add(w + "s")
    if w.endswith("e"):
        out.add(w + "d")
        out.add((w[:-2] + "ying") if w.endswith("ie") else (w + "ing" if w.endswith(("ee", "ye", "oe")) else w[:-1] + "ing"))
    elif re.search(r"[^aeiou]y$", w):
        out.update({w[:-1] + "ied", w + "ing"})
    else:
        out.update({w + "ed", w + "ing"})
        if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", w):  # stop -> stopped, plan -> planning
            out.update({w + w[-1] + "ed", w + w[-1] + "ing"})
        if w.endswith("c"):  # traffic -> trafficking
            out.update({w + "ked", w + "king"})
    return out



LANGUAGE = Language(
    code="en",
    inflect=english_forms,
    verb_suffixes=(("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""),
                   ("ing", "e"), ("ing", "")),
    noun_suffixes=(("ies", "y"), ("ses", "s"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("ves", "f"),
                   ("men", "man"), ("s", "")),
    adverb=r"^\w{3,}ly$",
    day_first=False,
    enabling_links=frozenset({"to"}),
    percent_words=("percent", "per cent", "points", "point", "pts", "pt", "pp"),
)
