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
    digits=r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?",
    percent_words=("percent", "per cent"),
    point_words=("pts", "pt", "pp", "points", "point", "percentage points"),
    percent_names=("percentage", "pct"),
    duration_words={
        "ms": "ms", "msec": "ms", "millisecond": "ms", "milliseconds": "ms", "s": "s", "sec": "s", "secs": "s",
        "second": "s", "seconds": "s", "min": "min", "mins": "min", "minute": "min", "minutes": "min",
        "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "d": "day", "day": "day", "days": "day",
        "business day": "day", "business days": "day", "working day": "day", "working days": "day",
        "wk": "week", "wks": "week", "week": "week", "weeks": "week", "mo": "month", "month": "month",
        "months": "month", "yr": "year", "yrs": "year", "year": "year", "years": "year",
    },
    not_units=frozenset({"an", "ans"}),  # "an": the article
    participle=r"(?:ed|en|wn|t)$",
    growth_after=r"^\s*(?:increase|growth|more|bigger|larger|higher|jump|rise|uplift|boost|gain)",
    # "of" only after a change noun ("an increase of 20%"): "a target of 0.7 per cent of GNI" is a level.
    relative_before=r"(?:\bby|\b(?:increase|decrease|growth|reduction|rise|drop|gain|uplift|improvement|boost|cut"
                    r"|decline)\s+of|\bup|\bdown)\s*$",
    relative_by=r"\bby\s*$",
    relative_after=r"^\s*(?:more|less|fewer|higher|lower|increase|decrease|growth|rise|reduction|drop|uplift|"
                   r"improvement|boost|gain|faster|cheaper|up|down|yoy|year-over-year)\b",
    change_from=r"(?:\bfrom|\bup\s+from|\bdown\s+from)\s*$",
    # Up to three words or currency signs, then "to" ("40 users to 55", "40 into 55"). Each word is
    # taken whole (possessive) and stops only before a "to" that ends the text: trying every way of
    # splitting a long word into three would be cubic in its length.
    change_to=r"^\s*+(?:[%€$£]|(?:(?!to\s*$)[^\W\d])++){0,3}+\s*+(?:to|->|→|-)\s*+$",
    change_from_long=r"\bfrom\s*$",
    change_to_end=r"[^\d,;:]\s(?:to)\s*$",
    band_from=r"\bbetween\s*$",
    band_to=r"^\s*+(?:[%€$£]|(?:(?!and\s*$)[^\W\d])++){0,2}+\s*+and\s*+$",
    target_after=r"^\s*(?:to|->|→)\s*[-+]?\d",
    object_stops=frozenset({"to", "for", "with", "in", "on", "of", "at", "by", "from", "into", "across", "and",
                            "or", "that", "which", "who", "so", "as", "via", "using", "through", "within",
                            "before", "after", "while", "because", "between", "under", "over", "-", "(", ",",
                            ";", ":", ".", "!", "?"}),
    head_before=frozenset({"on", "of", "into", "for"}),
    purpose_markers=("to", "so that", "in order to", "that", "which"),
    relative_markers=frozenset({"that", "which"}),
    possessives=frozenset({"our", "their", "the", "all", "every"}),
    past_participle=r"^\w+ed$",
    definition_links=frozenset({"to"}),
    obligation_words=frozenset({"must", "should", "need", "needs", "will", "shall", "to"}),
    alternatives=frozenset({"and", "or"}),
    verb_after_subject=True,
    modifier_lead=r"(?:ed|ing)$",
    introducers=frozenset({"to"}),
    relative_pronouns=frozenset({"that", "which", "who", "whose"}),
    compound_stops=frozenset({"of", "for", "in", "on", "at", "by", "to", "from", "with", "and", "or", "among",
                              "across", "is", "are", "was", "were", "will", "should", "must", "can", "has",
                              "have", "than", "as"}),
    naming_words=frozenset({"for", "of", "with", "at", "a", "an", "the", "our", "its"}),
    possession_verbs=frozenset({"have", "has"}),
    purpose_clause=r"(?<![\w'])(?:to|in order to)\s+(?P<verb>[a-z]+)\b[^,;()]*$",
    gerund=r"ing$",
    present_tense=r"s$",
)
