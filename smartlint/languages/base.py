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
