"""Resolve a deadline phrase to the range of days it names, in French and English.

The deadline spans come from `patterns.deadline`; this reads them: "by 31 March 2027" is that day,
"d'ici fin juin 2027" is June 2027, "by the end of Q3 2027" is the third quarter, "sous 6 semaines"
runs from the reference day (the period's start, or today) for six weeks. A phrase that cannot be
pinned down safely ("by Friday", "03/04/2027" in English, which may be March or April) resolves to
None: rules then say nothing rather than something wrong.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from smartlint.lexicon import Lexicon


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date
    exact: bool = False  # a single named day, not a month, quarter or relative span
    relative: bool = False  # counted from the reference day ("within 6 weeks", "next quarter")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _period(year: int, first_month: int, months: int) -> DateRange:
    last = first_month + months - 1
    return DateRange(date(year, first_month, 1), _month_end(year, last))


def _add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


WORD = re.compile(r"[^\W\d_]+\.?|\d+(?:st|nd|rd|th|er|re|e|ème|eme)?|[QTHS][1-4]", re.IGNORECASE)
NUMBER_WORDS_SMALL = {"a": 1, "an": 1, "one": 1, "un": 1, "une": 1}


def resolve(text: str, lex: Lexicon, reference: date) -> DateRange | None:
    """The days a deadline phrase names, or None when it cannot be said safely."""
    from smartlint import languages

    day_first = languages.get(lex.lang).day_first
    t = lex.time or {}
    months = {str(k).lower(): int(v) for k, v in (t.get("months") or {}).items()}
    units = {str(k).lower(): str(v) for k, v in (t.get("units") or {}).items()}
    nxt = {str(w).lower() for w in t.get("next") or []}
    this_words = {"this", "current", "ce", "cet", "cette", "en cours", "actuel", "actuelle"}
    ordinals = {str(k).lower(): int(v) for k, v in (t.get("ordinals") or {}).items()}
    low = text.lower().replace("’", "'")

    # Numeric dates.
    m = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", low)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b", low)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        y += 2000 if y < 100 else 0
        if day_first or a > 12:
            return _day(y, b, a)
        if b > 12:
            return _day(y, a, b)
        return None  # 03/04/2027 in English: March or April?

    # A span of years ("between 2002 and 2010", "entre 2000 et 2008") runs to the end of the last.
    span = re.search(r"(?:between|from|entre|de|d')\s+((?:19|20)\d{2})\s+(?:and|to|until|et|à|a|au|-)\s+((?:19|20)\d{2})(?!\d)", low)
    if span and int(span[1]) <= int(span[2]):
        return DateRange(date(int(span[1]), 1, 1), date(int(span[2]), 12, 31))
    year_m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", low)
    year = int(year_m[1]) if year_m else None

    # Quarters and halves: Q3 2027, T3, H1, S2, 2027-Q1.
    q = re.search(r"(?<![\w])([qt])([1-4])(?![\d])", low)
    if q:
        return _period(year or reference.year, 3 * int(q[2]) - 2, 3)
    h = re.search(r"(?<![\w])([hs])([12])(?![\d])", low)
    if h:
        return _period(year or reference.year, 6 * int(h[2]) - 5, 6)

    words = [w.lower() for w in WORD.findall(low)]
    # Day and month: "31 March 2027", "March 31, 2027", "le 1er avril".
    for i, w in enumerate(words):
        month = months.get(w) or months.get(w.rstrip("."))
        if not month:
            continue
        day = None
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                d = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|er|re|e|ème|eme)?", words[j])
                if d and 1 <= int(d[1]) <= 31:
                    day = int(d[1])
                    break
        y = year or _next_year_for(month, reference)
        if day:
            return _day(y, month, day)
        return DateRange(date(y, month, 1), _month_end(y, month))

    # "second quarter 2027", "deuxième trimestre", "first half".
    for i, w in enumerate(words):
        unit = units.get(w)
        if unit in ("quarter", "half") and i > 0 and words[i - 1] in ordinals:
            n = ordinals[words[i - 1]]
            size = 3 if unit == "quarter" else 6
            if 1 <= n <= 12 // size:
                return _period(year or reference.year, size * n - size + 1, size)

    # Relative: "within 30 days", "sous six semaines", "next quarter", "l'an prochain".
    for i, w in enumerate(words):
        unit = units.get(w)
        if not unit:
            continue
        count = None
        if i > 0:
            prev = words[i - 1]
            if prev.isdigit():
                count = int(prev)
            elif prev in lex.numbers:
                count = int(lex.numbers[prev])
            elif prev in NUMBER_WORDS_SMALL:
                count = 1
        around = set(words[max(0, i - 3):i + 2])
        if count is not None:
            return DateRange(reference, _shift(reference, unit, count), relative=True)
        if around & nxt - this_words:
            return _relative(_calendar_unit(unit, _shift(reference, unit, 1)))
        if year and unit == "year":
            return _calendar_unit(unit, date(year, 12, 31))
        if around & this_words or any(e in around for e in ("end", "fin", "close", "year-end")):
            return _relative(_calendar_unit(unit, reference))
    if year:
        return DateRange(date(year, 1, 1), date(year, 12, 31))
    return None


def _relative(r: DateRange) -> DateRange:
    return DateRange(r.start, r.end, relative=True)


def _day(year: int, month: int, day: int) -> DateRange | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return DateRange(d, d, exact=True)


def _next_year_for(month: int, reference: date) -> int:
    """A month named without a year is the next one on or after the reference."""
    return reference.year if month >= reference.month else reference.year + 1


def _shift(day: date, unit: str, count: int) -> date:
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(unit, 0) * count
    return _add_months(day, months)


def _calendar_unit(unit: str, day: date) -> DateRange:
    """The calendar month, quarter, half or year that holds `day`."""
    if unit == "month":
        return DateRange(date(day.year, day.month, 1), _month_end(day.year, day.month))
    if unit == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return _period(day.year, first, 3)
    if unit == "half":
        return _period(day.year, 1 if day.month <= 6 else 7, 6)
    if unit == "year":
        return DateRange(date(day.year, 1, 1), date(day.year, 12, 31))
    if unit == "week":
        start = day - timedelta(days=day.weekday())
        return DateRange(start, start + timedelta(days=6))
    return DateRange(day, day)
