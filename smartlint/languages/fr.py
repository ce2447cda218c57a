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
    letters=r"[éèêàùçôîœ]",
    marker=r"\b[dlsjnmc]['’]\w",
    digits=r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?(?!\d)|\d+(?:[,.]\d+)?",
    percent_words=("pour cent", "pourcent", "pourcents", "pour cents"),
    point_words=("pts", "pt", "points", "point", "points de pourcentage"),
    percent_names=("pourcentage",),
    duration_words={
        "ms": "ms", "milliseconde": "ms", "millisecondes": "ms", "s": "s", "seconde": "s", "secondes": "s",
        "min": "min", "mn": "min", "minute": "min", "minutes": "min", "h": "h", "heure": "h", "heures": "h",
        "j": "day", "jour": "day", "jours": "day", "jour ouvré": "day", "jours ouvrés": "day",
        "jours ouvrables": "day", "semaine": "week", "semaines": "week", "mois": "month",
        "trimestre": "quarter", "trimestres": "quarter", "an": "year", "ans": "year", "année": "year",
        "années": "year",
    },
    participle=r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|t|te|ts|tes|s|se|ses)$",
    growth_after=r"^\s*(?:de\s+plus|plus|d'augmentation|de\s+croissance|de\s+hausse|supérieur)",
    relative_before=r"(?:\bde|\bd')\s*$",
    relative_after=r"^\s*(?:de\s+plus|de\s+moins|en\s+plus|en\s+moins|supplémentaires?|de\s+hausse|de\s+baisse|"
                   r"d'augmentation|de\s+croissance|de\s+réduction)\b",
    change_from=r"(?:\bde|\bd'|\bdu|\bpasser\s+de)\s*$",
    change_to=r"^\s*+(?:[%€$£]|(?:(?!(?:à|a)\s*$)[^\W\d])++){0,3}+\s*+(?:à|a|->|→|-)\s*+$",
    change_from_long=r"\bpasser\s+(?:de|d')\s*$",
    change_to_end=r"[^\d,;:]\s(?:à)\s*$",
    band_from=r"\bentre\s*$",
    band_to=r"^\s*+(?:[%€$£]|(?:(?!et\s*$)[^\W\d])++){0,2}+\s*+et\s*+$",
    target_after=r"^\s*(?:à|a|->|→)\s*[-+]?\d",
    object_stops=frozenset({"de", "d'", "du", "des", "à", "au", "aux", "pour", "avec", "en", "sur", "dans",
                            "par", "et", "ou", "qui", "que", "qu'", "afin", "entre", "vers", "via", "sans",
                            "sous", "-", "(", ",", ";", ":", ".", "!", "?"}),
    head_first=True,
    # Adjectives that stand before the noun ("un nouveau canal", "la première version").
    prenominal=frozenset({"nouveau", "nouvel", "nouvelle", "nouveaux", "nouvelles", "premier", "première",
                          "grand", "grande", "petit", "petite", "meilleur", "meilleure", "vrai", "vraie",
                          "véritable", "seul", "seule", "futur", "future", "prochain", "prochaine"}),
    purpose_markers=("pour", "afin de", "afin d'", "de manière à", "qui", "que"),
    relative_markers=frozenset({"qui", "que"}),
    possessives=frozenset({"nos", "notre", "les", "leurs", "tous", "toutes"}),
    past_participle=r"^\w+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues)$",
    definition_links=frozenset({"de", "d'"}),
    obligation_words=frozenset({"doit", "doivent", "devra", "devront", "faut", "falloir"}),
    alternatives=frozenset({"et", "ou"}),
    introducers=frozenset({"à", "a", "de", "d'"}),
    relative_pronouns=frozenset({"qui", "que", "qu'", "dont"}),
    naming_words=frozenset({"de", "d'", "du", "des", "avec", "la", "le", "les", "un", "une", "notre", "nos"}),
    possession_verbs=frozenset({"avoir"}),
    purpose_clause=r"(?<![\w'])(?:pour|afin\s+de|afin\s+d')\s*(?P<verb>[^\W\d_]+)\b[^,;()]*$",
    # Simple past, imperfect, future, conditional, subjunctive imperfect.
    rare_forms=r"(?:âmes|âtes|èrent|îmes|îtes|ûmes|ûtes|irent|urent|ssions|ssiez|ssent|sses|sse|ît|ât|ût|"
               r"r(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)|ais|ait|aient|ions|iez|ai|as)$",
    amount_after_verb=r"\s*(?:de|d')\s*",
    # French typography (Lexique de l'Imprimerie nationale): a word space that does not break
    # before ":", a narrow one before ";", "!", "?", "%" and inside guillemets; "12 500,5".
    spaces_before=((":", "\u00a0"), (";", "\u202f"), ("!", "\u202f"), ("?", "\u202f"), ("%", "\u202f"),
                   ("»", "\u202f")),
    spaces_after=(("«", "\u202f"),),
    decimal_mark=",",
    thousands_mark="\u202f",
)
