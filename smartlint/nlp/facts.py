"""TextFacts: what a title says, computed once per title and read by every rule.

Rules never tokenise or match themselves; they read these facts. All spans are character offsets
into the title (the loader maps them to file lines and columns).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import Any

from smartlint.lexicon import load_lexicon, normalise
from smartlint.nlp.patterns import SCALES, alt, parse_number, patterns, placeholders

PERCENT_UNITS = {"%", "‰", "pts", "pt", "pp", "points", "point", "percent", "per cent", "percent",
                 "pour cent", "pourcent", "pourcents", "pour cents"}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    kind: str = ""
    lemma: str = ""
    value: float | None = None


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    unit: str = ""  # "%" for percentages and points, "x" for multipliers, else the matched unit
    sign: str = ""
    counted: bool = True  # False inside a deadline, or for a year

    @property
    def percent(self) -> bool:
        return self.unit == "%"


@dataclass
class TextFacts:
    text: str
    lang: str
    tokens: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, lowercased text)
    lead: Hit | None = None  # the verb the title starts with, after fillers ("we will", "s'")
    verbs: list[Hit] = field(default_factory=list)
    has_verb: bool = False
    quantities: list[Quantity] = field(default_factory=list)  # every number, counted or not
    deadlines: list[Hit] = field(default_factory=list)
    vague_deadlines: list[Hit] = field(default_factory=list)
    placeholders: list[Hit] = field(default_factory=list)
    vague_nouns: list[Hit] = field(default_factory=list)
    weasels: list[Hit] = field(default_factory=list)
    from_to: tuple[Quantity, Quantity] | None = None
    relative: list[Quantity] = field(default_factory=list)  # "+25%", "by 25%", "de 25 %"
    baseline_in_text: bool = False  # "+15% over the 2026 total of $180,000"
    quantified: bool = False  # a number quantifies the result, not only the scope (see _quantified)
    placeholder_target: bool = False  # "from 32 to TBD", "à une valeur à définir"

    def to_data(self) -> dict:
        """Plain data for the analysis cache (every field; `from_data` inverts it exactly)."""
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> "TextFacts":
        """Rebuild facts from `to_data`, equal to the original and sharing objects as it did.

        An analysis stores the same Hit or Quantity in several fields (the lead is one of the verbs,
        a relative change is one of the quantities); rules may compare them, so a Hit or Quantity
        equal to one already rebuilt is that same object again. Fields are rebuilt from their
        declared types, so a new field cannot be forgotten here.
        """
        seen: dict[Any, Any] = {}

        def one(kind: type, value: dict) -> Any:
            made = kind(**value)
            return seen.setdefault(made, made)

        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = data[f.name]
            kind = _ROUND_TRIP.get(f.name)
            if raw is None or kind is None:
                values[f.name] = raw
            elif kind == "tokens":
                values[f.name] = [tuple(t) for t in raw]
            elif kind == "pair":
                values[f.name] = tuple(one(Quantity, q) for q in raw)
            elif isinstance(raw, list):
                values[f.name] = [one(kind, h) for h in raw]
            else:
                values[f.name] = one(kind, raw)
        return cls(**values)

    multipliers: list[Hit] = field(default_factory=list)  # "double", "x3", "tenfold" (value = factor)

    @cached_property
    def counted(self) -> list[Quantity]:
        """Quantities that measure something: not dates, deadlines or years."""
        return [q for q in self.quantities if q.counted]

    @property
    def direction(self) -> str | None:
        kinds = self.lead.kind.split("+") if self.lead else []
        if "decrease" in kinds:
            return "down"
        if "increase" in kinds or "multiplier" in kinds:
            return "up"
        return None

    def lead_is(self, kind: str) -> bool:
        return bool(self.lead) and kind in self.lead.kind.split("+")


def _field_kinds() -> dict[str, Any]:
    """How each TextFacts field is rebuilt from plain data: by the Hit/Quantity in its type."""
    out: dict[str, Any] = {}
    for f in fields(TextFacts):
        kind = str(f.type)
        if f.name == "tokens":
            out[f.name] = "tokens"
        elif kind.startswith("tuple[Quantity"):
            out[f.name] = "pair"
        elif "Quantity" in kind:
            out[f.name] = Quantity
        elif "Hit" in kind:
            out[f.name] = Hit
    return out


_ROUND_TRIP = _field_kinds()


def _inside(start: int, end: int, spans: list[Hit]) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def _merge(hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if out and h.start < out[-1].end:
            if h.end > out[-1].end:
                last = out.pop()
                out.append(Hit(last.start, h.end, last.text + h.text[last.end - h.start:], last.kind))
            continue
        out.append(h)
    return out


def _keep_longest(quantities: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in sorted(quantities, key=lambda q: (q.start, -(q.end - q.start))):
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


def analyse(text: str, lang: str, doc=None) -> TextFacts:
    """Compute the facts of one title. `doc` is its spaCy Doc when the caller batched them."""
    from smartlint.nlp.pipeline import phrase_matcher, tokenizer

    lex = load_lexicon(lang)
    pat = patterns(lang)
    norm = normalise(text)
    low = norm.lower()
    if doc is None:
        doc = tokenizer(lang)(norm)
    facts = TextFacts(text=text, lang=lang)
    facts.tokens = [(t.idx, t.idx + len(t.text), t.lower_) for t in doc]

    # Deadlines first: numbers inside them measure nothing.
    facts.deadlines = _merge([Hit(m.start(), m.end(), norm[m.start():m.end()], "deadline")
                              for m in pat.deadline.finditer(norm) if m.end() > m.start()])

    # Phrases from word lists.
    for match_id, start, end in phrase_matcher(lang)(doc):
        name = doc.vocab.strings[match_id]
        span = doc[start:end]
        hit = Hit(span.start_char, span.end_char, span.text, name)
        if name == "vague_deadlines":
            facts.vague_deadlines.append(hit)
        elif name == "vague_nouns":
            facts.vague_nouns.append(hit)
        elif name == "weasel_words":
            facts.weasels.append(hit)
        elif name == "multiplier_words":
            key = span.text.lower()
            factor = lex.multipliers.get(key) or (1 / lex.divisors[key] if lex.divisors.get(key) else None)
            if factor:
                facts.multipliers.append(Hit(hit.start, hit.end, hit.text, "multiplier", key, factor))
        elif name == "number_words":
            value = lex.numbers.get(span.text.lower())
            if value is not None:
                facts.quantities.append(Quantity(hit.start, hit.end, hit.text, value,
                                                 counted=not _inside(hit.start, hit.end, facts.deadlines)))
    # A listed vague phrase wins over a deadline span it overlaps ("dans les prochains mois").
    facts.vague_deadlines = _merge(facts.vague_deadlines)
    facts.deadlines = [d for d in facts.deadlines
                       if not any(v.start < d.end and d.start < v.end for v in facts.vague_deadlines)]
    facts.vague_nouns = _merge(facts.vague_nouns)
    facts.weasels = [h for h in _merge(facts.weasels) if not _inside(h.start, h.end, facts.vague_deadlines)]
    # Number words that are several tokens ("vingt-cinq") win over their parts.
    facts.quantities = [q for q in _keep_longest(facts.quantities)]

    # Placeholders: listed words and shapes.
    found: list[Hit] = []
    listed, shapes = placeholders(lang)
    if listed is not None:
        found += [Hit(m.start(), m.end(), norm[m.start():m.end()], "placeholder") for m in listed.finditer(norm)]
    for shape in shapes:
        found += [Hit(m.start(), m.end(), norm[m.start():m.end()], "placeholder") for m in shape.finditer(norm)
                  if m.end() > m.start()]
    facts.placeholders = _merge(found)

    # Numbers.
    identifiers = set(lex.words("identifier_words"))
    for m in pat.number.finditer(norm):
        raw = m.group("num")
        try:
            value = parse_number(raw, lang)
        except ValueError:
            continue
        scale = m.group("scale")
        if scale:
            value *= SCALES.get(scale, 1)
        unit = (m.group("unit") or "").lower()
        if unit in PERCENT_UNITS:
            unit = "%"
        elif unit in ("x", "×"):
            unit = "x"
        elif m.group("pre"):
            unit = m.group("pre")
        start, end = m.start(), m.end()
        before_words = low[max(0, start - 25):start].split()
        is_identifier = bool(before_words) and before_words[-1] in identifiers and not unit
        is_year = (re.fullmatch(r"(?:19|20)\d\d", raw) is not None and not unit and not scale
                   and not m.group("sign"))
        counted = not _inside(start, end, facts.deadlines) and not is_year and not is_identifier
        facts.quantities.append(Quantity(start, end, norm[start:end], value, unit, m.group("sign") or "", counted))

    # Ratios and scores: "1:7", "4,5/5" (a date needs a year: "31/03/2027" is not matched).
    for m in pat.ratio.finditer(norm):
        if _inside(m.start(), m.end(), facts.deadlines) or any(q.start < m.end() and m.start() < q.end for q in facts.quantities):
            continue
        try:
            a, b = parse_number(m.group("a"), lang), parse_number(m.group("b"), lang)
        except ValueError:
            continue
        if b and (":" in m.group(0) or b in (4, 5, 10, 20, 100)):
            facts.quantities.append(Quantity(m.start(), m.end(), m.group(0), a / b, "ratio"))

    # Single-word number words ("three", "douze"); "one"/"un" are not in the lists.
    percent_after = re.compile(r"^\s*(?:%|percent\b|per\s+cent\b|pour\s*cents?\b|pourcents?\b|points?\b)", re.IGNORECASE)
    for k, (start, end, word) in enumerate(facts.tokens):
        if word in lex.numbers and not any(q.start <= start < q.end for q in facts.quantities):
            unit_match = percent_after.match(norm[end:])
            stop = end + unit_match.end() if unit_match else end
            facts.quantities.append(Quantity(start, stop, norm[start:stop], lex.numbers[word], "%" if unit_match else "",
                                             counted=not _inside(start, end, facts.deadlines)))
    facts.quantities.sort(key=lambda q: q.start)

    # Verbs: every word of the verb lists, phrasal entries first.
    words = [t[2] for t in facts.tokens]
    i = 0
    while i < len(words):
        found_verb = lex.verb_kinds(words[i], words[i + 1:i + 4])
        if found_verb and i + 1 < len(words) and words[i + 1] == "-" and found_verb[2] == 1:
            found_verb = None  # "double-check", "re-launch": a compound, not the listed verb
        if found_verb:
            lemma, kinds, n = found_verb
            start, end = facts.tokens[i][0], facts.tokens[min(i + n, len(words)) - 1][1]
            facts.verbs.append(Hit(start, end, norm[start:end], "+".join(sorted(kinds)), lemma))
            i += n
        else:
            i += 1

    fillers = set(lex.words("lead_fillers"))

    def skip_fillers(i: int) -> int:
        while i < len(words) and (words[i] in fillers or not re.search(r"\w", words[i])):
            i += 1
        return i

    first = skip_fillers(0)
    # "Q1 2027: put privacy first", "« Zéro papier » : simplifier...": a short label before a colon
    # is not the title's start.
    colon = next((i for i, w in enumerate(words[:8]) if w == ":"), None)
    if colon is not None and skip_fillers(colon + 1) < len(words):
        verb_at = {v.start: v for v in facts.verbs}
        if verb_at.get(facts.tokens[first][0]) is None:
            first = skip_fillers(colon + 1)
    if first < len(words):
        verb_at = {v.start: v for v in facts.verbs}
        lead = verb_at.get(facts.tokens[first][0])
        # "Significantly increase...", "Rapidement déployer...": an adverb may stand before the verb.
        if lead is None and first + 1 < len(words) and re.search(_ADVERB[lang], words[first]):
            lead = verb_at.get(facts.tokens[first + 1][0])
        facts.lead = lead
    noun_found = False
    if facts.lead is None and first < len(words):
        # "Amélioration de la qualité", "Launch of the portal": an action noun leads like its verb.
        for size in (3, 2, 1):
            phrase = " ".join(words[first:first + size]).replace("' ", "'")
            kind = lex.action_nouns.get(phrase)
            if kind and first + size <= len(words):
                start, end = facts.tokens[first][0], facts.tokens[first + size - 1][1]
                facts.lead = Hit(start, end, norm[start:end], kind, phrase)
                facts.verbs.insert(0, facts.lead)
                noun_found = True
                break
    determiners = set(lex.words("determiners"))
    auxiliaries = set(lex.words("auxiliaries"))
    # A task or activity noun ("Refonte du site") names a project, not a direction.
    # The lead is a noun when the action-noun lookup found it, or when a verb entry matched one of
    # its noun forms ("Mise en place" for "mettre en place"); "Launch", "Growth"... as a verb is a verb.
    lead_text = facts.lead.text.lower() if facts.lead else ""
    noun_lead = noun_found or (" " in lead_text and lead_text in lex.action_nouns)
    noun_kind = lex.action_nouns.get(lead_text, facts.lead.kind) if noun_lead else ""
    facts.has_verb = (facts.lead is not None and not (noun_lead and noun_kind in ("task", "activity"))) \
        or any(w in auxiliaries for w in words)
    if not facts.has_verb and first < len(words) and words[first] in determiners:
        # "Our customers love the product": a sentence with a subject, not a bare noun phrase.
        index = {t[0]: k for k, t in enumerate(facts.tokens)}
        for v in facts.verbs:
            k = index.get(v.start, 0)
            if k > first + 1 and words[k - 1] not in determiners:
                facts.has_verb = True
                break

    # Multipliers: "double", "tenfold", "x3", "3 times more", "multiply by 4".
    for v in facts.verbs:
        if "multiplier" in v.kind.split("+"):
            factor = lex.multipliers.get(v.lemma)
            if factor is None and v.lemma in lex.divisors:
                factor = 1 / lex.divisors[v.lemma]
            if factor:
                facts.multipliers.append(Hit(v.start, v.end, v.text, "multiplier", v.lemma, factor))
    for k, (start, end, word) in enumerate(facts.tokens):
        compound = k + 1 < len(words) and words[k + 1] == "-"  # "double-digit"
        if word in lex.multipliers and not compound and not any(h.start <= start < h.end for h in facts.multipliers):
            facts.multipliers.append(Hit(start, end, norm[start:end], "multiplier", word, lex.multipliers[word]))
    growth = re.compile(_GROWTH_AFTER[lang])
    for rx in (pat.multiplier_sign, pat.times_more, pat.multiply_by):
        for m in rx.finditer(norm):

            raw = m.group("num").lower()
            try:
                factor = lex.numbers[raw] if raw in lex.numbers else parse_number(raw, lang)
            except ValueError:
                continue
            facts.multipliers.append(Hit(m.start(), m.end(), norm[m.start():m.end()], "multiplier", raw, factor))
    # "×2" (the sign first) multiplies; "3x" (the number first) is a level ("a 3x ROAS") unless it grows.
    for q in facts.quantities:
        if q.unit == "x" and q.counted and (facts.direction == "up" or growth.search(low[q.end:q.end + 30])):
            facts.multipliers.append(Hit(q.start, q.end, q.text, "multiplier", "x", q.value))

    _changes(facts, low, lang)
    facts.quantified = _quantified(facts, low, lex)
    # "from 32 to TBD": the target is missing. After a word that also opens a deadline ("by TBD"),
    # the placeholder is the date unless a percent sign follows.
    targets = set(lex.words("target_markers"))
    deadline_words = {str(m).lower() for m in (lex.time or {}).get("markers", [])}
    for h in facts.placeholders:
        before = (low[max(0, h.start - 20):h.start].replace("'", "' ").split() or [""])[-1]
        if before in targets and (before not in deadline_words or low[h.end:h.end + 2].strip().startswith("%")):
            facts.placeholder_target = True
    if lang == "fr" and not facts.has_verb:
        facts.has_verb = _french_infinitive_head(words, fillers, set(lex.words("infinitive_lookalikes")))
    return facts


def _quantified(facts: TextFacts, low: str, lex) -> bool:
    """A number that quantifies the result, not the scope: a change "from X to Y", a percentage,
    a multiplier, or a number right after a target word ("to 45", "under 5", "à 45")."""
    if facts.from_to or facts.relative or facts.multipliers:
        return True
    markers = set(lex.words("target_markers"))
    output_verbs = {v.end for v in facts.verbs if "vague" not in v.kind.split("+")}
    for q in facts.counted:
        if q.percent:
            return True
        before = low[max(0, q.start - 20):q.start].replace("'", "' ").split()
        if before and before[-1] in markers:
            return True
        if low[:q.start].rstrip() and len(low[:q.start].rstrip()) in output_verbs:
            return True  # "…: vendre 240 sessions": a number right after a (non-vague) verb is its output
    return False


# French infinitives ("S'implanter", "Conquérir", "Construire") open most French goal titles; a
# word with an infinitive ending at the head of the title counts as a verb unless it is listed in
# rules/fr/infinitive_lookalikes.yaml (nouns such as "dossier", "ordre", "partenaire").
_FR_INFINITIVE = re.compile(r"^[^\W\d_]{2,}(?:er|ir|dre|ire|uire|ttre|aître|oître|vre|oir)$")


def _french_infinitive_head(words: list[str], fillers: set[str], lookalikes: set[str]) -> bool:
    for word in words:
        if word in fillers or not re.search(r"\w", word):
            continue
        return bool(_FR_INFINITIVE.match(word)) and word not in lookalikes
    return False


_GROWTH_AFTER = {
    "en": r"^\s*(?:increase|growth|more|bigger|larger|higher|jump|rise|uplift|boost|gain)",
    "fr": r"^\s*(?:de\s+plus|plus|d'augmentation|de\s+croissance|de\s+hausse|supérieur)",
}
_ADVERB = {"en": r"^\w{3,}ly$", "fr": r"^\w{3,}ment$"}
_FROM = {"en": r"(?:from|between)\s*$", "fr": r"(?:de|d'|du|entre|passer\s+de)\s*$"}
_TO = {"en": r"^\s*(?:[%€$£]|[^\W\d]+){0,3}?\s*(?:to|and|->|→|-)\s*$",
       "fr": r"^\s*(?:[%€$£]|[^\W\d]+){0,3}?\s*(?:à|a|et|->|→|-)\s*$"}
_RELATIVE_BEFORE = {"en": r"(?:\bby|\bof|\bup|\bdown)\s*$", "fr": r"(?:\bde|\bd')\s*$"}
_RELATIVE_AFTER = {
    "en": r"^\s*(?:more|less|fewer|higher|lower|increase|decrease|growth|rise|reduction|drop|uplift|"
          r"improvement|boost|gain|faster|cheaper|up|down|yoy|year-over-year)\b",
    "fr": r"^\s*(?:de\s+plus|de\s+moins|en\s+plus|en\s+moins|supplémentaires?|de\s+hausse|de\s+baisse|"
          r"d'augmentation|de\s+croissance|de\s+réduction)\b",
}


def _lexicon_words(lang: str, name: str) -> list[str]:
    return load_lexicon(lang).words(name)


def _changes(facts: TextFacts, low: str, lang: str) -> None:
    """A change from a baseline ("from 40 to 55") and relative changes ("by 25%")."""
    counted = facts.counted
    for a, b in zip(counted, counted[1:]):
        between = low[a.end:b.start]
        before = low[max(0, a.start - 20):a.start]
        if re.search(_TO[lang], between) and (re.search(_FROM[lang], before) or re.search(r"(->|→)", between)):
            facts.from_to = (a, b)
            break
    in_pair = {id(q) for q in facts.from_to} if facts.from_to else set()
    changes = any(set(v.kind.split("+")) & {"vague", "increase", "decrease"} for v in facts.verbs)
    for q in counted:
        if not q.percent or id(q) in in_pair:
            continue
        before = low[max(0, q.start - 12):q.start]
        after = low[q.end:q.end + 25]
        if q.sign in ("+", "-", "±"):
            facts.relative.append(q)
        elif re.search(_RELATIVE_AFTER[lang], after):
            facts.relative.append(q)
        elif re.search(_RELATIVE_BEFORE[lang], before) and (lang == "en" and re.search(r"\bby\s*$", before)
                                                             or facts.direction is not None or changes):
            # "Grow retention by 25%", "Augmenter la rétention de 25 %", "Improve X by 10%";
            # but "un taux de 25 %" is a level.
            facts.relative.append(q)
    if facts.relative and not facts.from_to:
        markers = alt(_lexicon_words(lang, "baseline_markers"))
        for q in facts.relative:
            rest = low[q.end:q.end + 60]
            m = re.search(rf"(?<!\w){markers}(?!\w)", rest)
            if m and any(o.start >= q.end + m.end() and o.start <= q.end + m.end() + 30 and not o.percent
                         for o in counted):
                facts.baseline_in_text = True
