"""What code must know about a language; its words live in `rules/<code>/`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

NEVER = r"(?!x)x"  # a pattern that matches nothing: what a language without the shape has


@dataclass(frozen=True)
class Language:
    """A language's grammar, as far as goal titles need it.

    `verb_suffixes` and `noun_suffixes` are (ending, replacement) pairs that turn an inflected
    form into candidate lemmas ("shipped" -> "ship", "migrés" -> "migrer"): the open vocabulary
    (nlp/vocabulary.py) checks the candidates against its dictionary of lemmas, so they may
    over-generate. `inflect` expands a listed lemma into its regular forms.
    """

    code: str
    inflect: Callable[[str], set[str]]
    verb_suffixes: tuple[tuple[str, str], ...]
    noun_suffixes: tuple[tuple[str, str], ...]
    rules: Path | None = None  # the folder of its word lists; None: `rules/<code>/` shipped with smartlint
    elision: str = ""  # the elided words ("l'", "d'", "qu'") as a regular expression, or ""
    adverb: str = NEVER  # a word that is an adverb by its ending ("-ly", "-ment")
    # Language detection: letters that only this language uses (each counts half a word), and a
    # shape that marks it once found ("d'", "l'" before a word).
    letters: str = ""
    marker: str = ""

    # Numbers and units as titles write them. `digits` are those of one number ("3,000.5",
    # "3 000,5"); the unit words of every language are read in every title (titles mix languages),
    # except the language's `not_units` ("an" is an article in English, a year in French).
    digits: str = r"\d+(?:\.\d+)?"
    decimal_comma: bool = False  # "1,5" is one and a half; thousands are grouped by spaces or dots
    day_first: bool = True  # "03/04/2027" is the 3rd of April
    percent_words: tuple[str, ...] = ()  # besides "%": "percent", "pour cent"
    point_words: tuple[str, ...] = ()  # percentage points: "pts", "points de pourcentage"
    percent_names: tuple[str, ...] = ()  # names of a percent `unit:` besides its words: "percentage"
    duration_words: Mapping[str, str] = field(default_factory=dict)  # "hours" -> "h", "jours" -> "day"
    not_units: frozenset[str] = frozenset()

    # Reading a title (regular expressions over its lowercased text, matched where the comment says).
    infinitive: str = ""  # a word that is an infinitive by its ending (fr: -er, -ir, -re); "": none
    participle: str = NEVER  # a word that may be a past participle by its ending ("rolled", "migrés")
    growth_after: str = NEVER  # after a multiple, a word of growth: "3x more", "x3 de plus"
    relative_before: str = NEVER  # before a percentage, a change's preposition: "by 25%", "de 25 %"
    relative_by: str = NEVER  # ... that makes it a change with no change verb ("by")
    relative_after: str = NEVER  # after a percentage, a word of change: "25% more", "25 % de plus"
    change_from: str = NEVER  # before a change's first number: "from", "de", "passer de"
    change_to: str = NEVER  # between its numbers: "to", "à", "->"
    change_from_long: str = NEVER  # a longer gap between them allowed after: "passer de"
    change_to_end: str = NEVER  # ... ending in: "à"
    band_from: str = NEVER  # "between", "entre"
    band_to: str = NEVER  # "and", "et"
    amount_after_verb: str = NEVER  # "réduire de 2 à 3 mm Hg": a verb, then an amount "by 2 to 3"
    target_after: str = NEVER  # after a baseline's date, the target: "from 40 in 2019 to 55", "en 2000 à 45 %"

    # What a title delivers (nlp/delivery.py). The object of a verb stops at `object_stops`; its
    # head is its first word (`head_first`, after `prenominal` adjectives) or its last one, or its
    # first before `head_before` ("Research on pricing").
    object_stops: frozenset[str] = frozenset()
    head_first: bool = False
    prenominal: frozenset[str] = frozenset()
    head_before: frozenset[str] = frozenset()
    purpose_markers: tuple[str, ...] = ()  # "... to cut churn", "pour réduire": the outcome is named
    relative_markers: frozenset[str] = frozenset()  # the purpose markers that open a relative clause
    possessives: frozenset[str] = frozenset()  # skipped before an audience noun ("that our customers love")
    past_participle: str = NEVER  # a word that is a past participle ("rolled", "migrés")
    definition_links: frozenset[str] = frozenset()  # "The goal is to...": a definition, not a state
    obligation_words: frozenset[str] = frozenset()  # "must be replaced", "doit être": an obligation
    alternatives: frozenset[str] = frozenset()  # "one or more": "more" closes an open count
    verb_after_subject: bool = False  # "IPFS ships a release": a short capitalised subject, a verb in -s
    modifier_lead: str = NEVER  # "Updated guidelines are adopted": a lead that describes the subject

    # What the rules read beside the analysis (checks/).
    introducers: frozenset[str] = frozenset()  # "continue to promote": a word that introduces a verb
    relative_pronouns: frozenset[str] = frozenset()  # "a model that aligns...": a clause about something else
    compound_stops: frozenset[str] = frozenset()  # words that end a noun compound ("survey of"); none: no compounds
    naming_words: frozenset[str] = frozenset()  # "20% of Q2 pipeline": a period named as a thing
    purpose_clause: str = NEVER  # "... to build the team in Q3": an infinitive clause up to the end (group `verb`)
    # The open vocabulary (nlp/vocabulary.py): irregular forms of tenses goal titles do not use, left out.
    rare_forms: str = NEVER
    possession_verbs: frozenset[str] = frozenset()  # "Have the platform in production": a state
    gerund: str = NEVER  # "check-ins with hiring managers": a form that is a verb only after an auxiliary
    present_tense: str = ""  # an inflected form that is a present after a name ("replaces"); "": any
    # "Enable the team to implement X": the words that link an enabling verb to the action it
    # enables, and the shape that action's verb must have ("" = any; French wants an infinitive).
    enabling_links: frozenset[str] = frozenset()
    enabled_verb: str = ""
    # How smartlint writes this language (its messages, not the goals it reads): the no-break
    # space that replaces a template's space before (or, for an opening quote, after) a mark, the
    # decimal mark and the thousands separator of the numbers it prints (grouped from 5 digits).
    spaces_before: tuple[tuple[str, str], ...] = ()  # ((":", "\u00a0"), ("%", "\u202f"), ...)
    spaces_after: tuple[tuple[str, str], ...] = ()  # (("«", "\u202f"),)
    decimal_mark: str = "."
    thousands_mark: str = ","

    def punctuate(self, template: str) -> str:
        """A message template with the language's no-break spaces ("Objectif :" -> "Objectif\u00a0:").
        Applied before the user's words are filled in, so they are never changed."""
        for mark, space in self.spaces_before:
            template = template.replace(" " + mark, space + mark)
        for mark, space in self.spaces_after:
            template = template.replace(mark + " ", mark + space)
        return template

    def number(self, value: float) -> str:
        """A number as the language prints it: at most two decimals, no exponent, no "-0";
        grouped by thousands from 10,000 (so a year stays "2027")."""
        value = round(float(value), 2)
        if value == 0:
            value = 0.0
        whole = value.is_integer()
        text = f"{abs(value):.0f}" if whole else f"{abs(value):.2f}".rstrip("0")
        integer, _, decimals = text.partition(".")
        if len(integer) > 4:
            integer = f"{int(integer):,}".replace(",", self.thousands_mark)
        return ("-" if value < 0 else "") + integer + (self.decimal_mark + decimals if decimals else "")

    def lemma_candidates(self, word: str, suffixes: tuple[tuple[str, str], ...]) -> list[str]:
        """The word itself, then what each matching ending gives (unchecked)."""
        out = [word]
        for ending, replacement in suffixes:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                stem = word[: len(word) - len(ending)]
                out.append(stem + replacement)
                if not replacement and len(stem) > 2 and stem[-1] == stem[-2]:
                    out.append(stem[:-1])  # "stopped" -> "stop"
        return out

    def split_elision(self, word: str) -> tuple[str, str] | None:
        """("l'", "attrition") for "l'attrition"; None when the word has no elided article."""
        if not self.elision:
            return None
        m = re.match(rf"^({self.elision})(.+)$", word, re.IGNORECASE)
        return (m.group(1), m.group(2)) if m else None
