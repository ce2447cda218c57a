"""Regular expressions for shapes that live below the word: numbers, dates, deadlines, placeholders.

They are built from the word lists (months, units, deadline markers... in `rules/<lang>/`), so a
team that adds "d'ici à" or "no later than" to `time_words.yaml` changes what counts as a deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartlint import regexes
from smartlint.lexicon import Lexicon, derived


_END = ""  # marks a trie node where a word ends (no unit of a word is empty)
MAX_NESTING = 60  # deeper groups would reach the regular-expression parser's recursion limit


def alt(words) -> str:
    r"""An alternation of literal words (a space in a word matches any run of spaces).

    Built as a trie: "end", "end of", "ends" give `end(?:\s+of|s)?`. At each position the engine
    follows one branch per character instead of trying every word in turn, so a team's list of
    50,000 words costs each title about what the shipped list does (a plain alternation made each
    title cost as much as the lists are long). Where one word starts another, the longer is tried
    first, as in a longest-first alternation: "end of" wins over "end". A list whose trie would nest
    too deeply (words that are each other's prefixes, hundreds deep) falls back to the plain
    alternation, longest first.
    """
    # Ties in length sorted by text: the same pattern in every process, whatever the hash seed.
    items = sorted({str(w).strip().lower() for w in words if str(w).strip()}, key=lambda w: (-len(w), w))
    if not items:
        return r"(?!x)x"
    root: dict = {}
    for word in items:
        node = root
        for ch in word:
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[_END] = {}
    pattern, depth = _render(root)
    if depth > MAX_NESTING:
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"
    return pattern


def _render(root: dict) -> tuple[str, int]:
    """A trie as a pattern, and how deeply its groups nest (iterative: words may be long)."""
    done: dict[int, tuple[str, int]] = {}
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if not expanded:
            stack.append((node, True))
            stack.extend((child, False) for unit, child in node.items() if unit != _END)
            continue
        branches, depth = [], 0
        for unit in sorted(u for u in node if u != _END):
            text, inner = done.pop(id(node[unit]))
            branches.append(unit + text)
            depth = max(depth, inner)
        if not branches:
            done[id(node)] = ("", 0)
        elif _END in node:  # a word ends here: the longer words first, then nothing more
            done[id(node)] = ("(?:" + "|".join(branches) + ")?", depth + 1)
        elif len(branches) == 1:
            done[id(node)] = (branches[0], depth)
        else:
            done[id(node)] = ("(?:" + "|".join(branches) + ")", depth + 1)
    text, depth = done[id(root)]
    return "(?:" + text + ")", depth + 1


def w(pattern: str) -> str:
    """A pattern that starts and ends at word edges (works for words ending in '.' or ''')."""
    return rf"(?<!\w){pattern}(?!\w)"


@dataclass(frozen=True)
class Patterns:
    multiplier_sign: re.Pattern
    times_more: re.Pattern
    multiply_by: re.Pattern
    ratio: re.Pattern  # "1:7", "4,5/5"
    deadline: re.Pattern


@derived
def patterns(lex: Lexicon) -> Patterns:
    """The shapes of a lexicon's language, built from its word lists."""
    lang = lex.lang
    t = lex.time or {}
    months = alt(t.get("months", {}))
    weekdays = alt(t.get("weekdays", []))
    units = alt(t.get("units", {}))
    nxt = alt(t.get("next", []))
    end = alt(t.get("end", []))
    ordinals = alt(t.get("ordinals", {}))
    year_end = alt(t.get("year_end", []))
    seasons = alt(t.get("seasons", {}))
    firm = alt(t.get("firm_markers", []))
    # A bare "à"/"to"/"a"/"de" introduces targets far more often than deadlines.
    markers = alt(m for m in t.get("markers", []) if str(m).strip().lower() not in {"à", "a", "to", "de", "of"})
    numwords = alt(k for k in lex.numbers)

    year = r"(?:19|20)\d{2}(?!\s*%)"
    quarter = (r"(?:[QT][1-4]|[HS][12])(?:[\s-]?(?:FY)?'?\d{2,4}(?!\d))?|(?:19|20)\d{2}[\s-]?(?:[QT][1-4]|[HS][12])"
               r"|(?:FY|AF)\s?'?\d{2,4}(?!\d)")
    day = r"\d{1,2}(?:st|nd|rd|th|er|re|e|ème|eme)?"
    numeric_date = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}/\d{4}"
    # Possessive (`*+`): the fillers between two words are taken whole, never split again on
    # backtracking; "{fills}{fills}" or a run of spaces would otherwise be tried in exponentially
    # many ways when the phrase finally fails ("by" followed by 22 spaces and "!").
    fills = r"(?:\s++|(?<![\w'])(?:the|of|le|la|les|du|de|des|au|aux|en)(?![\w'])|(?<![\w'])[ld]')*+"
    date_expr = (
        rf"(?:{w(weekdays)},?\s+)?(?:(?:the|le)\s+)?{day}(?:\s+of)?\s+{w(months)}(?:,?\s+{year})?"
        rf"|(?:{w(weekdays)},?\s+)?{w(months)}\s+{day}(?!\w)(?:,?\s+{year})?"
        rf"|{w(months)}(?:\s+(?:of\s+)?{year})?"
        rf"|{w(seasons)}(?:\s+(?:of\s+|de\s+|d')?(?:{w(months)}\s+)?{year})?"
        rf"|{numeric_date}|{w(quarter)}|{w(year)}|{w(weekdays)}|{w(year_end)}"
    )
    # "the end of the year", "fin du trimestre": a bare unit is a deadline only after an end word.
    period_after_end = rf"(?:{w(ordinals)}\s+)?{w(units)}(?:{fills}{w(year)})?"
    # "the second quarter (of) 2027", "le deuxième trimestre 2027".
    period = rf"{w(ordinals)}\s+{w(units)}(?:{fills}{w(year)})?|{w(units)}{fills}{w(year)}"
    # "within 30 days", "in a year", "sous six semaines", "over the next 12 months", "next quarter",
    # "le trimestre prochain"; a plural unit with no number ("dans les mois") is no deadline.
    count = rf"(?:\d+|{w(numwords)}|{w('(?:a|an|one|un|une)')})"
    relative = (rf"(?:{w(nxt)}\s+)?{count}\s+(?:{w(nxt)}\s+)?{w(units)}(?:\s+{w(nxt)})?"
                rf"|{w(nxt)}\s+{w(units)}|{w(units)}\s+{w(nxt)}")
    core = (rf"(?:{w(end)}(?:-|{fills}){fills}(?:{w(nxt)}\s+)?(?:{date_expr}|{period_after_end})"
            rf"|{fills}(?:{w(nxt)}\s+)?(?:{date_expr}|{period}|{relative}))")
    marked = (rf"{w(markers)}{fills}{core}"
              # "by the 2027 harvest", "d'ici la moisson 2027", "before the autumn 2027 term"
              rf"|{w(firm)}{fills}(?:[^\W\d][\w'-]*\s+){{0,2}}{w(year)}(?:\s+[^\W\d]+)?")
    year_range = rf"(?:between|from|entre|de|d')\s+{year}\s+(?:and|to|until|et|à|a|au|-)\s+{year}"
    month_range = rf"(?:from|de|d'|between|entre)\s+{w(months)}\s+(?:to|until|à|a|au|and|et|-)\s+{w(months)}(?:\s+{year})?"
    bare = (
        rf"{w(nxt)}\s+{w(units)}|(?:(?<!\w)[ld]')?{w(units)}\s+{w(nxt)}"
        rf"|{w(end)}(?:-|{fills})(?:{w(year)}|{w(quarter)}|{w(months)}(?:\s+{year})?|{w(units)}(?:{fills}{w(year)})?)"
        rf"|{w(year_end)}|{w(quarter)}|{month_range}"
        # A month or season with its year needs no marker ("Décembre 2024 : ...", "Summer 2027"),
        # nor does a span of years ("between 2002 and 2010", "entre 2000 et 2008").
        rf"|{w(months)}\s+{year}|{w(seasons)}\s+(?:of\s+|de\s+|d')?{year}|{year_range}"
    )
    deadline = regexes.compile(rf"(?:{marked}|{bare})", re.IGNORECASE)

    mult_words = alt(list(lex.numbers) + [r"\d+"])
    return Patterns(
        multiplier_sign=regexes.compile(r"(?<![\w])[x×]\s?(?P<num>\d+(?:[.,]\d+)?)(?![\w])"),
        times_more=regexes.compile(rf"(?<![\w])(?P<num>\d+(?:[.,]\d+)?|{mult_words})\s*(?:fois|times)\s+(?:plus|more|as)",
                              re.IGNORECASE),
        multiply_by=regexes.compile(r"multipl\w*(?:\s+[^\s\d]+){0,5}?\s+(?:by|par)\s+(?P<num>\d+(?:[.,]\d+)?|\w+)",
                               re.IGNORECASE),
        ratio=regexes.compile(r"(?<![\w:/.,])(?P<a>\d+(?:[.,]\d+)?)\s?(?::|/)\s?(?P<b>\d+(?:[.,]\d+)?)(?![\w:/]|[.,]\d)"),
        deadline=deadline,
    )


@derived
def listed(lex: Lexicon, name: str) -> re.Pattern:
    """Any word of a list, at word edges (compiled once per list, not once per title)."""
    return regexes.compile(w(alt(lex.words(name))))


@derived
def placeholders(lex: Lexicon) -> tuple[re.Pattern | None, tuple[re.Pattern, ...]]:
    """The listed placeholder words, and the placeholder shapes (regular expressions as written)."""
    words = lex.words("placeholders")
    listed = regexes.compile(w(alt(words)), re.IGNORECASE) if words else None
    shapes = []
    for p in lex.placeholder_patterns:
        try:
            shapes.append(regexes.compile(p))
        except re.error:
            continue  # a broken pattern in a word list must not stop the linter
    return listed, tuple(shapes)


MAX_PLACEHOLDER_SEARCH = 1000  # characters of a field value searched for a placeholder


def is_placeholder(text: str, lex: Lexicon) -> bool:
    """Whether a field value holds a placeholder, looked for in its first MAX_PLACEHOLDER_SEARCH
    characters (cut at a space, so no word is split into a false "XX"): a placeholder stands for
    a value someone meant to write, and a megabyte pasted into `metric:` took seconds to search."""
    if len(text) > MAX_PLACEHOLDER_SEARCH:
        head = text[:MAX_PLACEHOLDER_SEARCH]
        cut = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
        text = head[:cut] if cut > 0 else head
    listed, shapes = placeholders(lex)
    return bool((listed and listed.search(text)) or any(s.search(text) for s in shapes))


def parse_number(text: str, lang: str) -> float:
    """'3,000' (en) / '3 000' (fr) / '1.5' / '1,5' (fr) -> float, by the language's decimal mark."""
    from smartlint import languages

    s = text.replace(" ", "")
    if languages.get(lang).decimal_comma:
        s = s.replace(".", "").replace(",", ".") if re.search(r"\.\d{3}(?!\d)", s) else s.replace(",", ".")
    else:
        s = s.replace(",", "")
    return float(s)


SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "Md": 1e9, "Mds": 1e9, "md": 1e9, "bn": 1e9, "B": 1e9, "mn": 1e6}
