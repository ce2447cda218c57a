"""What code must know about a language; its words live in `rules/<code>/`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable


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
    elision: str = ""  # the elided words ("l'", "d'", "qu'") as a regular expression, or ""
    adverb: str = r"(?!x)x"  # a word that is an adverb by its ending ("-ly", "-ment")
    decimal_comma: bool = False  # "1,5" is one and a half; thousands are grouped by spaces
    day_first: bool = True  # "03/04/2027" is the 3rd of April
    infinitive: str = ""  # a word that looks like an infinitive by its ending (fr: -er, -ir, -re)
    percent_words: tuple[str, ...] = field(default_factory=tuple)  # besides "%": "percent", "pour cent"
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
