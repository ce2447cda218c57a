"""French."""

from __future__ import annotations

from smartlint.languages.base import Language


def french_forms(lemma: str) -> set[str]:
    """Regular French forms: present, imperative, imperfect, future, participles, gerund."""
    w = lemma
    out = {w}
    if w.endswith("er"):
        stem = w[:-2]
        soft = stem
        if stem.endswith("c"):
            soft = stem[:-1] + "ç"
        elif stem.endswith("g"):
            soft = stem + "e"
        for s in ("e", "es", "ez", "ent", "é", "ée", "és", "ées", "ais", "ait", "iez", "ions", "er", "era",
                  "erons", "erez", "eront", "erai", "erait"):
            out.add(stem + s)
        for s in ("ons", "ant", "ais", "ait", "aient", "a"):
            out.add(soft + s)
        if stem.endswith("y"):  # employer -> emploie
            out.update({stem[:-1] + "ie", stem[:-1] + "ies", stem[:-1] + "ient"})
    elif w.endswith("ir"):
        stem = w[:-2]
        for s in ("is", "it", "issons", "issez", "issent", "i", "ie", "ies", "issant", "issait", "ira",
                  "irons", "irez", "iront"):
            out.add(stem + s)
    elif w.endswith("re"):
        stem = w[:-2]
        for s in ("s", "", "ons", "ez", "ent", "u", "ue", "us", "ues", "ant", "ra", "rons", "rez"):
            out.add(stem + s)
    return out



_ER = ("e", "es", "ent", "ons", "ez", "é", "ée", "és", "ées", "ant", "ais", "ait", "aient", "era", "eront")
_IR = ("is", "it", "issons", "issez", "issent", "i", "ie", "ies", "issant", "issait", "ira", "iront")
_RE = ("s", "t", "ons", "ez", "ent", "u", "ue", "us", "ues", "ant", "ra", "ront", "")

LANGUAGE = Language(
    code="fr",
    inflect=french_forms,
    verb_suffixes=tuple((e, "er") for e in _ER) + (("çons", "cer"), ("geons", "ger"), ("ie", "yer"), ("ient", "yer"))
    + tuple((e, "ir") for e in _IR) + tuple((e, "re") for e in _RE if e),
    noun_suffixes=(("aux", "al"), ("eaux", "eau"), ("s", ""), ("x", "")),
    elision=r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)'",
    adverb=r"^\w{3,}ment$",
    decimal_comma=True,
    infinitive=r"^[^\W\d_]{2,}(?:er|ir|dre|ire|uire|ttre|aître|oître|vre|oir)$",
    # "de" + noun ("processus de clôture") is far more common than "de" + verb: only "à" enables.
    enabling_links=frozenset({"à"}),
    enabled_verb=r"(?:er|ir|re)$",
    percent_words=("pour cent", "pourcent", "pourcents", "pour cents", "points", "point", "pts", "pt"),
    # French typography (Lexique de l'Imprimerie nationale): a word space that does not break
    # before ":", a narrow one before ";", "!", "?", "%" and inside guillemets; "12 500,5".
    spaces_before=((":", "\u00a0"), (";", "\u202f"), ("!", "\u202f"), ("?", "\u202f"), ("%", "\u202f"),
                   ("»", "\u202f")),
    spaces_after=(("«", "\u202f"),),
    decimal_mark=",",
    thousands_mark="\u202f",
)
