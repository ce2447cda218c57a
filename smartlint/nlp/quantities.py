"""Quantities: every number of a title with its value, unit, kind and role, read in one place.

Rules and `report` read these instead of re-reading digits. A quantity has
- a value, and a unit normalised to a base so that numbers compare like with like: durations in
  seconds, data sizes in bytes, money in units of its currency ("€2m", "1,2 M€", "85 k$");
- an optional per-unit (a rate: "40/week", "40 par semaine", "150 leads per month");
- a kind: count, share (of a whole: at most 100%), percent (attainment, retention, coverage,
  growth, ROAS: may exceed 100%), points (an absolute change of a percentage), money, duration,
  data, score ("4.5/5"), level (a multiple as a level: "3x quota"), change (a multiple as a
  change: "by 5x"), rank ("top 3"), identifier ("Postgres 16", "SOC 2": never a quantity);
- a role: target, baseline, threshold (with its comparator: "below 2%", "NPS ≥ 50"), band ("between
  4.2 and 4.6"), scope ("women aged 25 to 69"), deadline (a number inside a deadline).

Universal quantifiers ("all new hires", "chaque visiteur": 100%; "none", "aucun": 0) are read too,
but kept apart from the numbers: they make a key result checkable, not an objective numeric.

Units come from a small table rather than pint: pint costs ~0.7 s to import and build its registry
(more than the rest of the linter without spaCy) and ~4 MB installed, for the few dozen units goal
titles use. Number words come from the word lists (rules/<lang>/number_words.yaml); longer compounds
("deux cent quarante-trois") are parsed by text2num, imported only when a title has one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from smartlint import languages, regexes
from smartlint.lexicon import Lexicon, derived
from smartlint.nlp.patterns import alt, parse_number

# ---------------------------------------------------------------------------------------------
# Unit table

SECONDS = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0, "day": 86400.0, "week": 604800.0,
           "month": 2629800.0, "quarter": 7889400.0, "half": 15778800.0, "year": 31557600.0}
BYTES = {"B": 1.0, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15,
         "KiB": 1024.0, "MiB": 1024.0 ** 2, "GiB": 1024.0 ** 3, "TiB": 1024.0 ** 4}
CURRENCIES = {"€": "€", "eur": "€", "euro": "€", "euros": "€", "$": "$", "usd": "$", "dollar": "$",
              "dollars": "$", "£": "£", "gbp": "£", "pound": "£", "pounds": "£", "chf": "CHF",
              "k€": "€", "k$": "$", "m€": "€", "m$": "$"}
SCALES = {"k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "m": 1e6, "mn": 1e6, "Mn": 1e6, "MM": 1e6,
          "million": 1e6, "millions": 1e6, "bn": 1e9, "B": 1e9, "Md": 1e9, "Mds": 1e9, "md": 1e9,
          "mds": 1e9, "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9}

_DATA_WORDS = {"KB": "KB", "kB": "KB", "MB": "MB", "GB": "GB", "TB": "TB", "PB": "PB", "KiB": "KiB",
               "MiB": "MiB", "GiB": "GiB", "TiB": "TiB", "Ko": "KB", "ko": "KB", "Mo": "MB", "Go": "GB",
               "To": "TB"}


@dataclass(frozen=True)
class UnitWords:
    """The unit words of every language, one home for each (smartlint/languages/): percent
    ("%", "percent", "pour cent"), percentage points ("pts", "points de pourcentage") and
    durations ("hours", "jours"; days to years also come from each time_words.yaml). Titles and
    `unit:` fields mix languages, so every language's words are read everywhere."""

    percent: dict[str, str]  # word -> "%" or "‰"
    points: dict[str, str]  # word -> "pts"
    durations: dict[str, str]  # word -> "ms", "s", "min", "h", "day", "week", "month", "quarter", "year"
    percent_names: frozenset[str]  # what a `unit:` field may call a percentage ("percentage", "pct", "pts")


def unit_words() -> UnitWords:
    from smartlint import languages

    return _unit_words(languages.codes())


@lru_cache(maxsize=None)
def _unit_words(codes: tuple[str, ...]) -> UnitWords:
    from smartlint import languages

    known = [languages.get(code) for code in codes]
    percent = {"%": "%", "‰": "‰", **{w: "%" for lang in known for w in lang.percent_words}}
    points = {w: "pts" for lang in known for w in lang.point_words}
    durations = {w: u for lang in known for w, u in lang.duration_words.items()}
    names = {w for w, u in percent.items() if u == "%"} | set(points) | {w for lang in known for w in lang.percent_names}
    return UnitWords(percent, points, durations, frozenset(names))


def is_percent_unit(unit: str) -> bool:
    """Whether a `unit:` field names a percentage (or percentage points): "%", "percent", "pts"."""
    return unit.strip().lower() in unit_words().percent_names


def dimension(unit: str) -> str:
    """What a unit measures: duration, data, money, percent, points, multiple, ratio, or '' (a count)."""
    if unit in SECONDS:
        return "duration"
    if unit in BYTES:
        return "data"
    if unit in ("€", "$", "£", "CHF"):
        return "money"
    if unit in ("%", "‰"):
        return "percent"
    return {"pts": "points", "x": "multiple", "ratio": "ratio"}.get(unit, "")


def unit_of(word: str) -> str:
    """A unit as written in a `unit:` field or a title ("hours", "Mo", "%", "EUR") -> its normal form."""
    w = word.strip()
    if w in _DATA_WORDS:
        return _DATA_WORDS[w]
    low = w.lower()
    words = unit_words()
    for table in (words.percent, words.points, words.durations):
        if low in table:
            return table[low]
    if low in CURRENCIES:
        return CURRENCIES[low]
    return low


def factor(unit: str) -> float:
    return SECONDS.get(unit) or BYTES.get(unit) or (0.1 if unit == "‰" else 1.0)


def convert(value: float, unit: str, to: str) -> float | None:
    """`value` in `unit` expressed in `to`, or None when they measure different things."""
    if unit == to:
        return value
    if dimension(unit) != dimension(to) or dimension(unit) in ("money", "", "multiple", "ratio", "points"):
        return None
    return value * factor(unit) / factor(to)


# ---------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    unit: str = ""  # normal form: "%", "pts", "x", "€", "s", "day", "MB", "ratio", or "" for a count
    sign: str = ""
    counted: bool = True  # False inside a deadline, for a year, an identifier or a scope
    kind: str = "count"  # count|share|percent|points|money|duration|data|score|level|change|rank|identifier|year
    role: str = "target"  # target|baseline|threshold|band|scope|deadline
    comparator: str = ""  # "<", "<=", ">", ">=" for thresholds; "=" for quantifiers
    per: str = ""  # a rate's per-unit: "week", "month", "customer", "s"
    high: float | None = None  # upper end of a range ("10-20 %", "1-2 commands")

    @property
    def percent(self) -> bool:
        return self.unit in ("%", "‰")

    @property
    def dimension(self) -> str:
        return dimension(self.unit)

    @property
    def base(self) -> float:
        """The value in the base unit of its dimension (seconds, bytes, a currency unit)."""
        return self.value * factor(self.unit)

    def comparable(self, other: "Quantity") -> bool:
        """Same dimension and same per-unit (a change between incompatible units is no change)."""
        same_money = self.dimension != "money" or self.unit == other.unit
        return self.dimension == other.dimension and same_money and self.per == other.per


# ---------------------------------------------------------------------------------------------
# Patterns


@derived
def _time_units(lex: Lexicon) -> dict[str, str]:
    units = {str(k).lower(): str(v) for k, v in ((lex.time or {}).get("units") or {}).items()}
    return {k: v for k, v in units.items() if v in SECONDS and not k.startswith(("l'", "l’"))}


def _words(lex: Lexicon, name: str) -> list[str]:
    return lex.words(name)


def _decomposed(pattern: str) -> str:
    """Let accented letters of a pattern match their decomposed (NFD) spelling too: titles pasted
    from some editors write "à" as "a" and a combining accent."""
    out = []
    for ch in pattern:
        nfd = unicodedata.normalize("NFD", ch)
        out.append(f"(?:{ch}|{nfd})" if len(nfd) > 1 else ch)
    return "".join(out)


@dataclass(frozen=True)
class _Patterns:
    number: re.Pattern
    suffix: re.Pattern
    per: re.Pattern
    comparator_upper: re.Pattern
    comparator_lower: re.Pattern
    universal: re.Pattern
    none: re.Pattern
    unbounded: re.Pattern
    population: re.Pattern
    identifier_before: re.Pattern
    time_units: dict[str, str]
    cadence: re.Pattern
    majority: re.Pattern


@derived
def _patterns(lex: Lexicon) -> _Patterns:
    lang = lex.lang
    language = languages.get(lex.lang)
    num = language.digits
    words = unit_words()
    time_units = {**words.durations, **_time_units(lex)}
    time_units = {k: v for k, v in time_units.items() if k not in language.not_units}
    insensitive = sorted(set(time_units) | set(words.percent) | set(words.points) | {"x", "×", "fois", "times"}, key=lambda u: (-len(u), u))
    unit = (r"(?P<unit>" + "|".join(re.escape(u) for u in sorted(_DATA_WORDS, key=lambda u: (-len(u), u)))
            + r"|(?i:" + "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in insensitive) + r"))")
    scale = r"(?P<scale>Mds|Md|mds|md|bn|Mn|mn|MM|[kKMmB]|(?i:millions?|milliards?|billions?|thousand))"
    post = r"(?P<post>€|\$|£|(?i:eur|usd|gbp|chf|euros?|dollars?))"
    number = regexes.compile(
        r"(?<![\w.,/:°'-])(?P<sign>[+±]|-(?=[\d$€£]))?(?P<pre>[$€£])?(?P<num>" + num + r")"
        r"(?:\s?-\s?(?P<high>" + num + r"))?"
    )
    suffix = regexes.compile(
        r"(?:\s?" + scale + r"(?![^\W\d_]))?"
        r"(?:\s?" + post + r"(?![^\W\d_]))?"
        r"(?:\s?" + unit + r"(?![^\W\d_]|'))?"
        r"(?:\s?" + post.replace("post", "post2") + r"(?![^\W\d_]))?"
    )
    time_alt = alt(time_units)
    per = regexes.compile(
        r"\s?/\s?(?P<slash>[^\W\d_][\w'-]*)"
        r"|(?P<nouns>(?:\s+[^\W\d_][\w'-]*){0,2}?)\s+(?:(?:per|par|/)\s+(?:(?:le|la|les|l')\s*)?(?P<word>[^\W\d_][\w'-]*)"
        r"|(?:an?|each|every|chaque)\s+(?P<time>" + time_alt + r")(?![\w']))",
        re.IGNORECASE,
    )
    upper = _decomposed(alt(_words(lex, "upper_bounds")))
    lower = _decomposed(alt(_words(lex, "lower_bounds")))
    quantifier_all = _decomposed(alt(_words(lex, "universal_quantifiers")))
    quantifier_none = _decomposed(alt(_words(lex, "none_quantifiers")))
    # "all teams", "tous les agents", but not a frequency: "every week", "tous les mois", "every 2 days"
    det = r"(?:(?:les|the|le|la|our|nos|their|leurs|ses|his|her)\s+|l')?"
    after = (r"(?:(?!\s+" + det + r"(?:" + time_alt + r"|\d)(?![\w']))(?=\s+[^\W\d_])"
             r"|(?<=\bfor all)(?=\s*(?:[,.;:)]|$)))")  # "legal identity for all"
    return _Patterns(
        number=number, suffix=suffix, per=per,
        comparator_upper=regexes.compile(r"(?:(?<![\w'])" + upper + r"|[<≤]=?)\s*(?:(?:les|la|le|l'|the)\s*)?$", re.IGNORECASE),
        comparator_lower=regexes.compile(r"(?:(?<![\w'])" + lower + r"|[>≥]=?)\s*(?:(?:les|la|le|l'|the)\s*)?$", re.IGNORECASE),
        universal=regexes.compile(r"(?<![\w'-])" + quantifier_all + r"(?![\w'-])" + after, re.IGNORECASE),
        none=regexes.compile(r"(?<![\w'-])" + quantifier_none + r"(?![\w'-])", re.IGNORECASE),
        unbounded=regexes.compile(r"(?<!\w)" + _decomposed(alt(_words(lex, "unbounded_percent"))) + r"(?![\w'])",
                             re.IGNORECASE),
        population=regexes.compile(r"(?<![\w'])" + _decomposed(alt(_words(lex, "population_words"))) + r"\s+(?:de|d'|from|of)?\s*$",
                              re.IGNORECASE),
        identifier_before=regexes.compile(r"(?<![\w'])" + alt(_words(lex, "identifier_words")) + r"\s*$", re.IGNORECASE),
        time_units=time_units,
        cadence=_cadence_pattern(lex, lang, time_units),
        majority=regexes.compile(r"(?<![\w'-])" + _decomposed(alt(_words(lex, "majority_quantifiers"))) + r"(?=\s+[^\W\d_])",
                            re.IGNORECASE) if _words(lex, "majority_quantifiers") else regexes.compile(r"(?!x)x"),
    )


def prepare(lex: Lexicon) -> None:
    """Build the lexicon's number, unit and quantifier patterns now (see facts.prepare)."""
    _patterns(lex)


def _cadence_pattern(lex: Lexicon, lang: str, time_units: dict[str, str]) -> re.Pattern:
    """A regular rhythm: "every week", "each sprint", "on a weekly basis", "chaque semaine", "tous
    les mois", "de façon mensuelle"; a cadence adjective on an output ("Weekly per-team reviews",
    "monthly management reports", "revue hebdomadaire"), or after the verb it times ("Ship weekly").
    A cadence on a metric ("weekly active users", "monthly unique visitors") is part of the
    metric's name, not a rhythm, and is not read."""
    time = lex.time or {}
    cadences = {str(k).lower(): str(v) for k, v in (time.get("cadences") or {}).items()}
    if not cadences:
        return regexes.compile(r"(?!x)x")
    cycles = [str(c).lower() for c in time.get("cycles") or []]
    cad = r"(?:" + _decomposed(alt(cadences)) + r")"
    units = r"(?:" + _decomposed(alt(list(time_units) + cycles)) + r")"
    outputs = _decomposed(alt(_words(lex, "output_nouns")))
    if lang == "fr":
        forms = [  # not after "de": "la vie de tous les jours" is everyday life, not a rhythm
            r"(?<!\bde\s)(?<!\bd')(?:chaque|tous\s+les|toutes\s+les|à\s+chaque|a\u0300\s+chaque)\s+(?:\d+\s+)?" + units,
            r"(?:de\s+(?:façon|manière)|à\s+(?:un\s+)?rythme|au\s+rythme|à\s+fréquence|sur\s+une\s+base)\s+" + cad,
            outputs + r"(?:\s+[^\W\d_][\w'-]*)?\s+" + cad,  # "revue hebdomadaire", "rapport financier mensuel"
        ]
    else:
        forms = [
            r"(?:every|each)\s+(?:other\s+|single\s+)?(?:\d+\s+)?" + units,
            r"on\s+an?\s+" + cad + r"\s+basis",
            r"(?:once|twice)\s+(?:a|an|per|every|each)\s+" + units,
            cad + r"(?:\s+[^\W\d_][\w'/-]*){0,3}?\s+" + outputs,  # "Weekly per-team reviews"
            r"(?<=[^\W\d_]\s)" + cad + r"(?=\s*(?:[,.;:)]|$|\s+(?:in|on|at|by|for|to|with|and|across)\b))",  # "Ship weekly"
        ]
    return regexes.compile(r"(?<![\w'-])(?:" + "|".join(forms) + r")(?![\w'-])", re.IGNORECASE)


_RANK = re.compile(
    r"(?<![\w'-])(?:top-(?P<n>\d{1,3})|(?P<the>(?:the|our|be|become|le|la|être|devenir)\s+)#\s?(?P<n2>\d{1,2})"
    r"|number\s+one|no\.\s?1|n°\s?1|numéro\s+(?:1|un))(?![\w'-])",
    re.IGNORECASE)
_RANK_BEFORE = re.compile(r"(?<![\w'])(?:top|premiers?|premières?)[\s-]*$", re.IGNORECASE)
_LEVEL_AFTER = re.compile(r"\s+(?:le|la|les|l'|the|our|their|notre|nos|leur|leurs|its|son|sa|ses)\b", re.IGNORECASE)
# "across all campuses", "à tous les niveaux", "dans toutes les régions": where, not how many.
_SCOPE_BEFORE = re.compile(r"(?<![\w'])(?:across|throughout|among|within|with|at|in|à|a\u0300|a|au|aux|dans|parmi|partout|avec)\s*$",
                           re.IGNORECASE)
_NOT_UNIVERSAL_BEFORE = re.compile(r"(?:\bat|\babove|\bafter|\bonce|\bin|\bpas du)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
# A capitalised name right before a bare number names a version: "Postgres 16", "Java 21".
_PRODUCT = re.compile(r"(?<![\w'])[A-Z][a-z]+[A-Za-z]*\s$")
_NOT_PRODUCT = {"Top", "Rank", "Level", "Grade", "Step"}


def _inside(start: int, end: int, spans) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def _parse(raw: str, lang: str) -> float:
    """Number formats of both languages from one place ("1 000", "1,2", "3,000", "1.5")."""
    if not languages.get(lang).decimal_comma and re.fullmatch(r"\d+,\d{1,2}", raw):
        raw = raw.replace(",", ".")  # "1,5" in an English title is a decimal comma
    return parse_number(raw, lang)


def read(norm: str, lex: Lexicon, tokens: list[tuple[int, int, str]], deadlines, word_hits=()) -> list[Quantity]:
    """Every quantity of a title, sorted by position.

    `norm` is the normalised title, `tokens` its (start, end, lowercased) tokens, `deadlines` the
    deadline spans, `word_hits` the several-word number phrases found by the phrase matcher as
    (start, end, value).
    """
    lang = lex.lang
    pat = _patterns(lex)
    low = norm.lower()
    out: list[Quantity] = []

    def taken(start: int, end: int) -> bool:
        return any(q.start < end and start < q.end for q in out)

    # Digits.
    for m in pat.number.finditer(norm):
        start, end = m.start(), m.end()
        try:
            value = _parse(m.group("num"), lang)
            high = _parse(m.group("high"), lang) if m.group("high") else None
        except ValueError:
            continue
        sm = pat.suffix.match(norm, end)
        scale, post, unit_word = sm.group("scale"), sm.group("post") or sm.group("post2"), sm.group("unit")
        currency = CURRENCIES.get((m.group("pre") or post or "").lower(), "")
        if unit_word and unit_word.lower() in ("fois", "times") and not _LEVEL_AFTER.match(norm, sm.end()):
            unit_word = None  # "3 times more", "cinq fois par semaine": not a level ("3 fois le quota")
        if scale == "m" and not currency:
            scale = unit_word = post = None  # "50m" alone may be metres; "$50m", "€2m" are millions
        stop = sm.end() if (scale or post or unit_word) else end
        if stop == end and re.match(r"[/:]\d|[.,]\d|-\d", norm[end:end + 2]):
            continue  # shapes other readers own: "4,5/5", "1:7", "3.4.1"
        if re.match(r"[^\W\d_]", norm[stop:stop + 1]):
            continue  # "3D", "5G", "50m": part of a word
        if scale:
            value *= SCALES[scale]
            high = high * SCALES[scale] if high is not None else None
        unit = currency
        if unit_word:
            unit = _unit(pat, unit_word)
        text = norm[start:stop]
        sign = m.group("sign") or ""
        before = norm[max(0, start - 30):start]
        kind = _kind(unit)
        counted = True
        role = "target"
        if _inside(start, stop, deadlines):
            counted, role = False, "deadline"
        elif not unit and not scale and not sign and _YEAR.fullmatch(m.group("num")) and (
                high is None or _YEAR.fullmatch(m.group("high") or "")):
            counted, kind, role = False, "year", "deadline"
        elif not unit and not scale and (pat.identifier_before.search(before) or _product(before, norm, stop)):
            counted, kind = False, "identifier"
        if counted and not unit and _RANK_BEFORE.search(before):
            kind = "rank"  # "in the top 3", "top-10 supplier": a position to reach, lower is better
        out.append(Quantity(start, stop, text, value, unit, sign, counted, kind, role, high=high))

    # "a majority of requests", "la majorité des agents": a share above half, a threshold.
    for m in pat.majority.finditer(norm):
        if not _inside(m.start(), m.end(), deadlines) and not taken(m.start(), m.end()):
            out.append(Quantity(m.start(), m.end(), m.group(0), 50.0, "%", "", True, "share", "threshold", ">"))

    # Ranks the number reader leaves: "Top-5 post", "be the #1 tool", "number one", "n°1".
    for m in _RANK.finditer(norm):
        if _inside(m.start(), m.end(), deadlines):
            continue
        raw = m.group("n") or m.group("n2")
        start = m.end("the") if m.group("the") else m.start()
        out = [q for q in out if not (start <= q.start < m.end())]
        out.append(Quantity(start, m.end(), norm[start:m.end()], float(raw) if raw else 1.0, "", "", True, "rank", "target"))

    # Scores and ratios: "4,5/5", "8/10", "1:7"; fractions of a whole: "2/3 of key users".
    for m in _patterns_ratio(lex).finditer(norm):
        if _inside(m.start(), m.end(), deadlines) or taken(m.start(), m.end()):
            continue
        try:
            a, b = _parse(m.group("a"), lang), _parse(m.group("b"), lang)
        except ValueError:
            continue
        if not b:
            continue
        if ":" in m.group(0) or b in (4, 5, 10, 20, 100):
            out.append(Quantity(m.start(), m.end(), m.group(0), a / b, "ratio", kind="score"))
        elif a < b <= 12 and a == int(a) and b == int(b):
            out.append(Quantity(m.start(), m.end(), m.group(0), 100 * a / b, "%", kind="share"))

    # Several-word number phrases from the word lists ("a dozen", "vingt-cinq") and single number
    # words ("three", "douze"); runs of them ("deux cent quarante-trois") are parsed as one.
    words = [(s, e, v) for s, e, v in word_hits if not taken(s, e)]
    for k, (s, e, w) in enumerate(tokens):
        if w in lex.numbers and not taken(s, e) and not any(a <= s < b for a, b, _ in words):
            words.append((s, e, lex.numbers[w]))
    words.sort()
    for s, e, v in _join_runs(words, norm, lang):
        sm = pat.suffix.match(norm, e)
        unit_word = sm.group("unit")
        if unit_word and unit_word.lower() in ("fois", "times") and not _LEVEL_AFTER.match(norm, sm.end()):
            unit_word = None
        stop = sm.end() if unit_word else e
        unit = ""
        if unit_word:
            unit = _unit(pat, unit_word)
        counted = not _inside(s, e, deadlines)
        out.append(Quantity(s, stop, norm[s:stop], v, unit, "", counted, _kind(unit),
                            "target" if counted else "deadline"))

    # "one"/"un" are articles, except after a comparator: "at least one post", "plus d'un jour".
    for s, e, w in tokens:
        if w in ("one", "un", "une", "a", "an") and not taken(s, e):
            if _comparator(low[:s], pat) and not _inside(s, e, deadlines):
                sm = pat.suffix.match(norm, e)
                unit_word = sm.group("unit")
                stop = sm.end() if unit_word else e
                unit = _unit(pat, unit_word) if unit_word else ""
                if not unit_word and w in ("a", "an"):
                    continue
                out.append(Quantity(s, stop, norm[s:stop], 1.0, unit, "", True, _kind(unit)))

    # A sustained duration is a level to hold, not a deadline: "runs for 10 days without a crash",
    # "tourne pendant 30 jours sans incident".
    for d in deadlines:
        m = re.match(r"(?:for|pendant|durant)\s+(?:at\s+least\s+|au\s+moins\s+)?(?P<n>\d+|an?|one|une?)\s*"
                     r"(?P<u>[^\W\d_]+(?:\s+(?:days?|jours?))?)\s*$", low[d.start:d.end])
        unit = pat.time_units.get(m.group("u")) if m else None
        if unit:
            n = 1.0 if not m.group("n")[0].isdigit() else float(m.group("n"))
            s, e = d.start + m.start("n"), d.end
            out = [q for q in out if not (s <= q.start < e)]
            out.append(Quantity(s, e, norm[s:e], n, unit, "", True, "duration", "threshold", ">="))
    # A short duration inside a "deadline" is a service level: "respond within a day", "sous 48 h".
    for d in deadlines:
        m = re.search(r"(?:within|in\s+under|in\s+less\s+than|sous|en\s+moins\s+d[e'])\s*(?P<n>\d+|an?|one|une?)\s*"
                      r"(?P<u>[^\W\d_]+(?:\s+(?:days?|jours?))?)\s*$", low[d.start:d.end])
        if not m:
            continue
        unit = pat.time_units.get(m.group("u"))
        n = 1.0 if not m.group("n")[0].isdigit() else float(m.group("n"))
        if unit and n * SECONDS[unit] < SECONDS["week"]:
            s, e = d.start + m.start("n"), d.end
            out = [q for q in out if not (s <= q.start < e)]
            out.append(Quantity(s, e, norm[s:e], n, unit, "", True, "duration", "threshold", "<="))

    out.sort(key=lambda q: q.start)
    return [_with_context(q, norm, low, pat) for q in out]


def _unit(pat: _Patterns, word: str) -> str:
    word = re.sub(r"\s+", " ", word)
    if word in _DATA_WORDS:
        return _DATA_WORDS[word]
    unit = pat.time_units.get(word.lower()) or unit_of(word)
    return "x" if unit in ("×", "fois", "times") else unit


def _patterns_ratio(lex: Lexicon) -> re.Pattern:
    from smartlint.nlp.patterns import patterns

    return patterns(lex).ratio


def _product(before: str, norm: str, stop: int) -> bool:
    """"Upgrade to Postgres 16": a capitalised name, then a bare number that ends the phrase."""
    m = _PRODUCT.search(before)
    if not m or m.group(0).strip() in _NOT_PRODUCT:
        return False
    head = before[:m.start()].rstrip()
    if not head:
        return False  # the title's first word: "Hire 5 engineers"
    return re.match(r"\s*(?:$|[,;:.)(]|\s(?:and|et|in|on|for|to|by|with|avec|en|sur|pour|dans|cluster|type|\w+ed\b)\b)",
                    norm[stop:]) is not None


def _join_runs(words: list[tuple[int, int, float]], norm: str, lang: str):
    """Adjacent number words as one number: text2num reads the compound when the lists cannot."""
    runs: list[list[tuple[int, int, float]]] = []
    for w in words:
        if runs and re.fullmatch(r"(?:\s+|\s*-\s*|\s+(?:et|and)\s+)", norm[runs[-1][-1][1]:w[0]] or "x"):
            runs[-1].append(w)
        else:
            runs.append([w])
    for run in runs:
        if len(run) == 1:
            yield run[0]
            continue
        phrase = norm[run[0][0]:run[-1][1]]
        value = None
        try:
            from text_to_num import text2num

            value = float(text2num(phrase.lower().replace(" and ", " "), lang))
        except (ImportError, ValueError):
            value = None
        if value is None:
            yield from run
        else:
            yield run[0][0], run[-1][1], value


def _kind(unit: str) -> str:
    return {"percent": "share", "points": "points", "money": "money", "duration": "duration", "data": "data",
            "multiple": "level", "ratio": "score"}.get(dimension(unit), "count")


def _comparator(before: str, pat: _Patterns) -> str:
    tail = before[-40:]
    if pat.comparator_upper.search(tail):
        return "<=" if re.search(r"(?:≤|<=|at most|no more than|au plus|au maximum|maximum|max)\s*$", tail) else "<"
    if pat.comparator_lower.search(tail):
        return ">=" if re.search(r"(?:≥|>=|at least|au moins|au minimum|minimum|min)\s*$", tail) else ">"
    return ""


def _with_context(q: Quantity, norm: str, low: str, pat: _Patterns) -> Quantity:
    """Per-unit, comparator and kind from the words around a quantity."""
    if q.kind in ("identifier", "year"):
        return q
    changes: dict = {}
    pm = pat.per.match(norm, q.end)
    if pm:
        word = (pm.group("slash") or pm.group("word") or pm.group("time") or "").lower()
        changes["per"] = pat.time_units.get(word) or pat.time_units.get(word.rstrip("s")) or word.rstrip("s")
        if not pm.group("nouns"):  # "40/week", "40 par semaine": the rate is one quantity
            changes.update(end=pm.end(), text=norm[q.start:pm.end()])
    if q.role != "deadline" and not q.comparator:
        comparator = _comparator(low[:q.start], pat)
        if comparator:
            changes.update(comparator=comparator, role="threshold")
    if q.percent:
        window = low[max(0, q.start - 40):q.end + 30]
        if pat.unbounded.search(window):
            changes["kind"] = "percent"
    if q.unit == "x":
        before = low[max(0, q.start - 12):q.start]
        changes["kind"] = "change" if re.search(r"\bby\s*$|\bpar\s*$", before) else "level"
        if q.text.lower().endswith(("fois", "times")) and not re.match(r"\s+(?:le|la|les|l'|the|our|notre|nos)\b", low[q.end:]):
            return q  # "3 times more", "deux fois par semaine": read by the multiplier or frequency readers
    return _replace(q, **changes) if changes else q


def names_unbounded_metric(text: str, lex: Lexicon) -> bool:
    """The title names a metric whose percentage may exceed 100 ("net revenue retention", "quota")."""
    return _patterns(lex).unbounded.search(text.lower()) is not None


def _replace(q: Quantity, **changes) -> Quantity:
    from dataclasses import replace

    return replace(q, **changes)


def quantifiers(norm: str, lex: Lexicon, deadlines) -> list[Quantity]:
    """"all new hires", "every customer", "tous les agents", "chaque visiteur" (100%); "none",
    "aucun incident" (0); a regular rhythm, one per
    period ("Weekly per-team reviews", "every sprint", "chaque semaine"). A frequency is no
    universal quantifier: "every week" is a rhythm, not "all weeks"."""
    pat = _patterns(lex)
    time = lex.time or {}
    cadences = {str(k).lower(): str(v) for k, v in (time.get("cadences") or {}).items()}
    cycles = {str(c).lower() for c in time.get("cycles") or []}
    out = []
    for m in pat.cadence.finditer(norm):
        if _inside(m.start(), m.end(), deadlines):
            continue
        said = unicodedata.normalize("NFC", m.group(0)).lower().split()
        per = next((cadences[w] for w in said if w in cadences), "") or next(
            (pat.time_units.get(w) or w for w in reversed(said) if w in pat.time_units or w in cycles), "")
        out.append(Quantity(m.start(), m.end(), m.group(0), 1.0, "", "", True, "count", "target", "=", per=per))
    rhythm = list(out)
    for rx, value in ((pat.universal, 100.0), (pat.none, 0.0)):
        for m in rx.finditer(norm):
            if _inside(m.start(), m.end(), deadlines) or _NOT_UNIVERSAL_BEFORE.search(norm[:m.start()]) \
                    or _SCOPE_BEFORE.search(norm[:m.start()]) \
                    or any(q.start <= m.start() < q.end for q in rhythm):
                continue
            out.append(Quantity(m.start(), m.end(), m.group(0), value, "%", "", True, "share", "target", "="))
    return sorted(out, key=lambda q: q.start)


# ---------------------------------------------------------------------------------------------
# Changes: "from 2 days to 36 hours"


_ARROW = r"^\s*(?:->|→)\s*$"


def _blank(low: str, start: int, end: int, spans) -> str:
    """The text between two quantities with deadlines and uncounted numbers ("en 2003") blanked."""
    chars = list(low[start:end])
    for s in spans:
        for i in range(max(s.start, start), min(s.end, end)):
            chars[i - start] = " "
    return re.sub(r"\s+", " ", "".join(chars))


def _counts_a_noun(low: str, q: Quantity, lex: Lexicon) -> bool:
    """A unitless number followed by its own noun ("3 prospects"), not by a function word ("7 by June")."""
    m = re.match(r"\s+([^\W\d_][\w'-]*)", low[q.end:])
    if not m:
        return False
    return m.group(1) not in lex.word_set("function_words")


def with_unit(q: Quantity, unit: str) -> Quantity:
    return _replace(q, unit=unit, kind=_kind(unit) if q.kind in ("count", "share") else q.kind)


def find_change(quantities: list[Quantity], low: str, lex: Lexicon, deadlines, direction: str | None,
                lead_end: int | None) -> tuple[tuple[Quantity, Quantity] | None, list[Quantity]]:
    """The change "from X to Y" of a title, and the quantities with their roles updated.

    "between X and Y" is a band to stay within (no change); "women aged 25 to 69" is a scope; a
    unit written once applies to both ends ("from 14 to 8 minutes"); ends in incompatible units are
    no change. In French "réduire de 2 à 3 mm Hg" right after the verb reads "by 2 to 3" when the
    numbers go against the verb: an amount, not a change.
    """
    language = languages.get(lex.lang)
    counted = [q for q in quantities if q.counted]
    skip = [q for q in quantities if not q.counted] + list(deadlines)
    replaced: dict[int, Quantity] = {}
    pair = None
    for a, b in zip(counted, counted[1:]):
        between = _blank(low, a.end, b.start, skip)
        before = _blank(low, max(0, a.start - 25), a.start, skip)
        if re.search(language.band_from, before) and re.search(language.band_to, between):
            replaced[a.start] = _replace(a, role="band", comparator=">=")
            replaced[b.start] = _replace(b, role="band", comparator="<=")
            continue
        if not re.search(language.change_to, between) and a.unit and a.unit == b.unit and len(between.split()) <= 10 \
                and re.search(language.change_from_long, before) and re.search(language.change_to_end, between):
            pass  # "passer de 4 % des femmes en âge de procréer à 3 %": one unit, a longer gap
        elif not (re.search(language.change_to, between)
                  and (re.search(language.change_from, before) or re.search(_ARROW, between))):
            continue
        if a.comparator or b.comparator:
            continue  # "enfants de moins de 5 ans à 25 pour 1 000": a bound is no end of a change
        if _patterns(lex).population.search(_blank(low, max(0, a.start - 40), a.start, skip)):
            replaced[a.start] = _replace(a, role="scope", counted=False)
            replaced[b.start] = _replace(b, role="scope", counted=False)
            continue
        if a.unit and not b.unit:
            if _counts_a_noun(low, b, lex):
                break  # "une démonstration de 20 minutes à 3 prospects": minutes, then prospects
            b = with_unit(b, a.unit)
        elif b.unit and not a.unit:
            a = with_unit(a, b.unit)
        if a.per != b.per and not (a.per and b.per):  # "from 12k to 60k visits a month"
            a, b = _replace(a, per=a.per or b.per), _replace(b, per=a.per or b.per)
        if not a.comparable(b) and not (a.dimension == b.dimension == "percent"):
            break
        if lead_end is not None and direction and re.fullmatch(language.amount_after_verb, low[lead_end:a.start]):
            if (direction == "up") != (b.base > a.base):
                break  # "réduire de 2 à 3 mm Hg": by 2 to 3
        pair = (_replace(a, role="baseline"), _replace(b, role="target"))
        replaced[a.start], replaced[b.start] = pair
        break
    return pair, [replaced.get(q.start, q) for q in quantities]


# ---------------------------------------------------------------------------------------------
# Reading a `target` for report


def title_target(quantities: list[Quantity], quantifiers_: list[Quantity]) -> Quantity | None:
    """The value a title asks to reach when it has no "from X to Y": its threshold or level."""
    counted = [q for q in quantities if q.counted and q.kind not in ("change",) and not q.sign]
    for q in counted:
        if q.role == "threshold":
            return q
    for q in counted:
        if q.role == "target":
            return q
    return quantifiers_[0] if quantifiers_ else None
