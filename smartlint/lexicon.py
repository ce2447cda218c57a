"""Language knowledge, read from the YAML word lists in `rules/<lang>/`.

The lists hold lemmas ("improve", "améliorer"); this module expands regular inflections
("improving", "improved", "améliorons", "améliorez", "amélioré") so that a team adding a verb to a
list gets every form of it without code. Irregular forms are listed in the files under `forms:`.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartlint.languages import codes as _codes, get as _language
from smartlint.languages.en import english_forms  # noqa: F401 - the regular forms, by language
from smartlint.languages.fr import french_forms  # noqa: F401


class Kind:
    """What a span of a title is. Verbs and action nouns carry the meaning of the lists they are in."""

    VAGUE = "vague"  # improve, améliorer
    TASK = "task"  # launch, migrer
    ACTIVITY = "activity"  # work on, participer à
    INCREASE = "increase"
    DECREASE = "decrease"
    GOAL = "goal"  # any other verb a goal starts with
    MULTIPLIER = "multiplier"  # double, tripler, x3
    DEADLINE = "deadline"
    VAGUE_DEADLINE = "vague_deadline"
    VAGUE_NOUN = "vague_noun"
    WEASEL = "weasel"
    PLACEHOLDER = "placeholder"


# The verb lists of rules/<lang>/ and the meaning each gives its verbs.
VERB_LISTS = {"vague_verbs": Kind.VAGUE, "task_verbs": Kind.TASK, "activity_verbs": Kind.ACTIVITY,
              "increase_verbs": Kind.INCREASE, "decrease_verbs": Kind.DECREASE, "goal_verbs": Kind.GOAL}


def rules_dir() -> Path:
    """The shipped word lists: inside the installed package, or `rules/` beside the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("smartlint's word lists (rules/) are missing from this installation")


def word_folder(lang: str) -> Path:
    """A language's word lists: the folder its module names, or `rules/<code>/` shipped with smartlint."""
    return _language(lang).rules or rules_dir() / lang


def _stamp(folder: Path) -> str:
    """What a word-list folder holds (file names and contents, not dates: a reinstall keeps the cache)."""
    from smartlint.cache import content_digest

    return content_digest(list(folder.glob("*.yaml")), folder)


def fingerprint(changes: str = "") -> str:
    """smartlint's version, its code, the word lists by content and a configuration's changes
    (`Lexicons.key`)."""
    from smartlint import __version__
    from smartlint.cache import content_digest, digest

    # The code too: an edited checkout (or an editable install) must not reuse analyses made by
    # other code under the same version number.
    global _CODE
    if _CODE is None:  # the code does not change while it runs
        package = Path(__file__).resolve().parent
        _CODE = content_digest(list(package.rglob("*.py")), package)
    return digest(__version__, _CODE, changes, *(_stamp(word_folder(lang)) for lang in _codes()))


_CODE: str | None = None


def _read_lists(folder: Path) -> dict[str, Any]:
    """Every YAML list of a language folder, parsed.

    Parsing ~25 YAML files with ruamel's pure-Python loader costs about half a second, more than
    everything else but spaCy; the parsed lists are kept in the (signed) cache folder as JSON keyed
    by the files' names and contents, so an edited list is read again.
    """
    from smartlint import __version__
    from smartlint.cache import digest, read_json, write_json

    name = f"lists-{folder.name}-{digest(__version__, _stamp(folder))}.json"
    cached = read_json(name)
    if isinstance(cached, dict):
        return cached
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    data = {p.stem: yaml.load(p.read_text(encoding="utf-8")) or {} for p in sorted(folder.glob("*.yaml"))}
    for p in sorted(folder.glob("*.yaml")):
        validate_word_list(p, data[p.stem])
    # What a later run reads back from the cache, used now too: a cold and a warm run see the same lists.
    data = json.loads(json.dumps(data, default=str))
    write_json(name, data)
    return data


class WordListError(ValueError):
    """A word-list file whose layout is wrong (an unknown key, a list where a mapping belongs...)."""


def _word_list_model():
    """The layout of a `rules/<lang>/*.yaml` file: a misspelt key must fail, not empty a list."""
    from typing import Literal

    from pydantic import BaseModel, ConfigDict

    kinds = Literal["vague", "task", "activity", "increase", "decrease", "goal"]

    class WordList(BaseModel):
        model_config = ConfigDict(extra="forbid")
        description: str = ""
        entries: list[Any] | None = None
        forms: dict[str, list[str] | None] | None = None
        patterns: list[str] | None = None
        numbers: dict[str, float] | None = None
        multipliers: dict[str, float] | None = None
        divisors: dict[str, float] | None = None
        nouns: dict[str, kinds] | None = None
        # time_words.yaml
        months: dict[str, int] | None = None
        weekdays: list[str] | None = None
        units: dict[str, str] | None = None
        markers: list[str] | None = None
        next: list[str] | None = None
        end: list[str] | None = None
        ordinals: dict[str, int] | None = None
        year_end: list[str] | None = None
        seasons: dict[str, Any] | None = None
        firm_markers: list[str] | None = None
        cadences: dict[str, str] | None = None
        cycles: list[str] | None = None

    return WordList


def validate_word_list(path: Path, data: Any) -> None:
    """Raise WordListError naming the file and key when `data` does not fit the word-list layout."""
    from pydantic import ValidationError

    if not isinstance(data, dict):
        raise WordListError(f"{path}: a word list is a mapping with `description` and `entries`")
    try:
        _word_list_model().model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(k) for k in err["loc"])
        if err["type"] == "extra_forbidden":
            import difflib

            known = list(_word_list_model().model_fields)
            guess = difflib.get_close_matches(str(err["loc"][0]), known, n=1)
            hint = f"; did you mean `{guess[0]}`?" if guess else ""
            raise WordListError(f"{path}: unknown key `{where}`{hint}") from None
        raise WordListError(f"{path}: `{where}`: {err['msg']}") from None


def normalise(text: str) -> str:
    """Same length as `text` (offsets stay valid): curly apostrophes and odd spaces made plain."""
    return text.translate(_NORMALISE)


_NORMALISE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u201c": '"', "\u201d": '"',
    "\u00ab": '"', "\u00bb": '"', "\u0153": "\u0153",
})


# ---------------------------------------------------------------------------------------------
# Inflection


def inflect(lang: str, lemma: str) -> set[str]:
    """Every regular form of a listed lemma, by the language's own conjugation."""
    from smartlint.languages import get

    return get(lang).inflect(lemma)


# ---------------------------------------------------------------------------------------------
# The lexicon


@dataclass
class VerbEntry:
    lemma: str
    kinds: set[str]
    rest: tuple[str, ...]  # the words after the verb, for phrasal entries ("on" in "work on")


@dataclass
class Lexicon:
    lang: str
    lists: dict[str, list[str]] = field(default_factory=dict)  # plain lists by file name
    numbers: dict[str, float] = field(default_factory=dict)
    multipliers: dict[str, float] = field(default_factory=dict)
    divisors: dict[str, float] = field(default_factory=dict)
    time: dict[str, Any] = field(default_factory=dict)
    placeholder_patterns: list[str] = field(default_factory=list)
    action_nouns: dict[str, str] = field(default_factory=dict)  # "amélioration" -> "vague"

    _sets: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _derived: dict[Any, Any] = field(default_factory=dict, repr=False)  # see `derived`
    # The verbs to inflect, in list order: (head word, words after it, lemma, kinds, irregular forms).
    _verb_specs: list[tuple[str, tuple[str, ...], str, set[str], set[str]]] = field(default_factory=list, repr=False)
    _verbs: dict[str, list[VerbEntry]] | None = field(default=None, repr=False)

    @property
    def verbs(self) -> dict[str, list[VerbEntry]]:
        """Verb form -> entries, built on first use: inflecting every listed verb is most of the
        cost of loading the word lists, and a re-check whose titles are all cached never needs it."""
        if self._verbs is None:
            verbs: dict[str, list[VerbEntry]] = {}
            for head, rest, lemma, kinds, irregular in self._verb_specs:
                for form in inflect(self.lang, head) | irregular:
                    verbs.setdefault(form, []).append(VerbEntry(lemma, set(kinds), rest))
            self._verbs = verbs
        return self._verbs

    def words(self, name: str) -> list[str]:
        return self.lists.get(name, [])

    def word_set(self, name: str) -> frozenset[str]:
        """A list as a set, made once."""
        found = self._sets.get(name)
        if found is None:
            found = self._sets[name] = frozenset(self.lists.get(name, []))
        return found

    def verb_kinds(self, form: str, following: list[str] | None = None) -> tuple[str, set[str], int] | None:
        """Look a verb form up; returns (lemma, kinds, number of words matched) or None.

        Phrasal entries ("work on", "mettre en place") win over the bare verb when the next words
        match, so "set up" is a task while "set" alone is only a goal verb.
        """
        entries = self.verbs.get(form)
        if not entries:
            return None
        following = following or []
        best: tuple[str, set[str], int] | None = None
        for e in entries:
            n = len(e.rest)
            if n and [w for w in following[:n]] != list(e.rest):
                continue
            if best is None or n + 1 > best[2]:
                best = (e.lemma, set(e.kinds), n + 1)
            elif n + 1 == best[2]:
                best[1].update(e.kinds)
        return best


def _phrase_words(phrase: str, lang: str) -> list[str]:
    """Split a phrase as the tokenizer will: on spaces, and after elided articles (l', d')."""
    words: list[str] = []
    for part in phrase.lower().split():
        words.extend(_language(lang).split_elision(part) or (part,))
    return words


def changes_key(words: dict[str, Any]) -> str:
    """A stable text of word-list changes ({list name: change}, or {language: {list name: change}})."""
    def flat(value: Any, prefix: tuple = ()) -> list:
        if isinstance(value, dict):
            return [item for k, v in value.items() for item in flat(v, (*prefix, k))]
        return [(*prefix, tuple(value.add), tuple(value.remove))]

    return repr(sorted(flat(words)))


def derived(fn):
    """Cache anything computed from a lexicon (patterns, matchers...) on that lexicon: it is built
    once per lexicon, and a configuration's lexicon never sees another configuration's words.

    The first argument is a Lexicon, or a language code for the shipped lists."""
    import functools

    @functools.wraps(fn)
    def on_lexicon(lex, *args):
        if isinstance(lex, str):
            lex = load_lexicon(lex)
        key = (fn, args)
        found = lex._derived.get(key, _MISSING)
        if found is _MISSING:
            found = lex._derived[key] = fn(lex, *args)
        return found

    return on_lexicon


_MISSING = object()


class Lexicons:
    """A configuration's lexicons: for each language, the shipped word lists with the
    configuration's additions and removals (`words`, word files), built on first use.

    Each configuration has its own, passed from the engine to the analysis: two configurations
    in one process (the language server, a check over several folders) never share changes."""

    def __init__(self, words: dict[str, dict[str, Any]] | None = None):
        self.words = dict(words or {})
        self.key = changes_key(self.words)  # for the analysis cache's fingerprint
        self._built: dict[str, Lexicon] = {}

    def get(self, lang: str) -> Lexicon:
        found = self._built.get(lang)
        if found is None:
            found = self._built[lang] = build_lexicon(lang, self.words.get(lang))
        return found

    def fingerprint(self) -> str:
        """What the analyses made with these lexicons depend on (code, shipped lists, changes)."""
        return fingerprint(self.key)


def load_lexicon(lang: str) -> Lexicon:
    """A language's shipped word lists, with no configuration's changes."""
    return build_lexicon(lang, None)


# Built lexicons by language and changes, most recently used last: a lexicon and what is derived
# from it (patterns, matchers, inflected verbs) cost a few hundred milliseconds to build, so a
# process that lints with the same configuration again (the language server) reuses them.
_BUILT: "OrderedDict[tuple[str, str], Lexicon]" = OrderedDict()
_KEEP = 8


def build_lexicon(lang: str, changes: dict[str, Any] | None) -> Lexicon:
    """The lexicon of one language with a configuration's changes ({list name: change}) applied."""
    key = (lang, changes_key(changes or {}))
    found = _BUILT.get(key)
    if found is None:
        found = _BUILT[key] = _build(lang, changes or {})
        while len(_BUILT) > _KEEP:
            _BUILT.popitem(last=False)
    else:
        _BUILT.move_to_end(key)
    return found


def _build(lang: str, changes: dict[str, Any]) -> Lexicon:
    folder = word_folder(lang)  # UnknownLanguage for a code with no module
    lex = Lexicon(lang=lang)
    for name, data in _read_lists(folder).items():
        if not isinstance(data, dict):
            continue
        entries = [str(e).strip().lower() for e in (data.get("entries") or []) if str(e).strip()]
        change = changes.get(name)
        if change is not None:
            drop = {w.strip().lower() for w in change.remove}
            entries = [e for e in entries if e not in drop] + [w.strip().lower() for w in change.add if w.strip()]
        lex.lists[name] = entries
        if name in VERB_LISTS:
            kind = VERB_LISTS[name]
            irregular = {str(k).lower(): [str(f).lower() for f in v or []]
                         for k, v in (data.get("forms") or {}).items()}
            for lemma in entries + [k for k in irregular if k not in entries]:
                words = _phrase_words(lemma, lang)
                head, rest = words[0], tuple(words[1:])
                lex._verb_specs.append((head, rest, lemma, {kind},
                                        set(irregular.get(head, [])) | set(irregular.get(lemma, []))))
        if "numbers" in data:
            lex.numbers.update({str(k).lower(): float(v) for k, v in data["numbers"].items()})
        if "multipliers" in data:
            lex.multipliers.update({str(k).lower(): float(v) for k, v in data["multipliers"].items()})
        if "divisors" in data:
            lex.divisors.update({str(k).lower(): float(v) for k, v in (data["divisors"] or {}).items()})
        if "nouns" in data:
            lex.action_nouns.update({str(k).lower(): str(v) for k, v in (data["nouns"] or {}).items()})
        if "patterns" in data:
            lex.placeholder_patterns.extend(str(p) for p in data["patterns"] or [])
        if name == "time_words":
            lex.time = data
    # Multiplier verbs are verbs too ("doubler", "quadruple"): give them every form.
    for word in list(lex.multipliers) + list(lex.divisors):
        words = _phrase_words(word, lang)
        kinds = {Kind.MULTIPLIER, Kind.DECREASE} if word in lex.divisors else {Kind.MULTIPLIER}
        lex._verb_specs.append((words[0], tuple(words[1:]), word, kinds, set()))
    return lex

