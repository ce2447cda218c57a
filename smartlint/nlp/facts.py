"""TextFacts: what a title says, computed once per title and read by every rule.

Rules never tokenise or match themselves; they read these facts. All spans are character offsets
into the title (the loader maps them to file lines and columns).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from smartlint.nlp.pipeline import Tokens
    from smartlint.nlp.vocabulary import Vocabulary

from smartlint import languages
from smartlint.languages import Language
from smartlint.lexicon import Kind, Lexicon, load_lexicon, normalise
from smartlint.nlp import quantities as quantity_model
from smartlint.nlp.patterns import Patterns, listed, parse_number, patterns, placeholders
from smartlint.nlp.quantities import Quantity


@dataclass(frozen=True)
class Hit:
    """A span of the title and what it is: `kinds` holds `Kind` constants (a verb may be in several
    lists: "double" is an increase and a multiplier)."""

    start: int
    end: int
    text: str
    kinds: tuple[str, ...] = ()
    lemma: str = ""
    value: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kinds, tuple):  # read back from the cache as a list
            object.__setattr__(self, "kinds", tuple(self.kinds))

    def has(self, kind: str) -> bool:
        return kind in self.kinds


@dataclass
class TextFacts:
    text: str
    lang: str
    tokens: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, lowercased text)
    lead: Hit | None = None  # the verb the title starts with, after fillers ("we will", "s'")
    action: Hit | None = None  # the verb the action hangs on: the lead, or the task it enables (find_action)
    verbs: list[Hit] = field(default_factory=list)
    has_verb: bool = False
    quantities: list[Quantity] = field(default_factory=list)  # every number, counted or not (nlp/quantities.py)
    quantifiers: list[Quantity] = field(default_factory=list)  # "all new hires" (100%), "aucun incident" (0)
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
    end_state: bool = False  # a headline participle or state: "Policy fully rolled out", "Contrats migrés"

    def to_data(self) -> dict:
        """Plain data for the analysis cache: every field by name, a Hit or Quantity as the list of
        its fields in order, and the layout's number under "layout" (`from_data` inverts it exactly
        and refuses another layout). Written by hand rather than with dataclasses.asdict, which
        deep-copies every value and cost more than a third of the analysis itself."""
        data: dict[str, Any] = {"layout": LAYOUT}
        for name, shape, _kind in _ROUND_TRIP:
            value = getattr(self, name)
            if value is None or shape is None:
                data[name] = value
            elif shape == "tokens":
                data[name] = [list(t) for t in value]
            elif shape == "one":
                data[name] = _plain(value)
            else:
                data[name] = [_plain(x) for x in value]
        return data

    # The word lists the facts were read with (not data: set by `analyse` and `from_data`). Readers
    # of the facts (nlp/delivery.py, the rules) read the same lists, so a configuration's words
    # apply to them too.
    _lexicon = None  # no annotation: not a dataclass field

    @property
    def lexicon(self) -> Lexicon:
        """The configuration's lexicon these facts were read with (the shipped lists if unset)."""
        if self._lexicon is None:
            self._lexicon = load_lexicon(self.lang)
        return self._lexicon

    @lexicon.setter
    def lexicon(self, value: Lexicon) -> None:
        self._lexicon = value

    @classmethod
    def from_data(cls, data: dict, lexicon: Lexicon | None = None) -> "TextFacts":
        """Rebuild facts from `to_data`, equal to the original and sharing objects as it did.

        An analysis stores the same Hit or Quantity in several fields (the lead is one of the verbs,
        a relative change is one of the quantities); rules may compare them, so a Hit or Quantity
        equal to one already rebuilt is that same object again. Fields are rebuilt from their
        declared types, so a new field cannot be forgotten here. Data of another layout (an older
        smartlint's) raises ValueError; malformed data KeyError, TypeError or ValueError.
        """
        if not isinstance(data, dict) or data.get("layout") != LAYOUT:
            raise ValueError("another layout of the analysis")
        seen: dict[Any, Any] = {}
        values: dict[str, Any] = {}
        for name, shape, kind in _ROUND_TRIP:
            raw = data[name]
            if raw is None or shape is None:
                values[name] = raw
            elif shape == "tokens":
                values[name] = [tuple(t) for t in raw]
            elif shape == "one":
                made = kind(*raw)  # a Hit turns its kinds back into a tuple itself
                values[name] = seen.setdefault(made, made)
            else:
                out = []
                for item in raw:
                    made = kind(*item)
                    out.append(seen.setdefault(made, made))
                values[name] = tuple(out) if shape == "pair" else out
        facts = cls(**values)
        if lexicon is not None:
            facts.lexicon = lexicon
        return facts

    multipliers: list[Hit] = field(default_factory=list)  # "double", "x3", "tenfold" (value = factor)

    @cached_property
    def counted(self) -> list[Quantity]:
        """Quantities that measure something: not dates, deadlines or years."""
        return [q for q in self.quantities if q.counted]

    def counted_now(self) -> list[Quantity]:
        """`counted` while the facts are being built (not cached)."""
        return [q for q in self.quantities if q.counted]

    @property
    def direction(self) -> str | None:
        kinds = self.lead.kinds if self.lead else ()
        if Kind.DECREASE in kinds:
            return "down"
        if Kind.INCREASE in kinds or Kind.MULTIPLIER in kinds:
            return "up"
        return None

    def lead_is(self, kind: str) -> bool:
        return bool(self.lead) and self.lead.has(kind)

    def reading(self, read: Callable[..., Any], *args: Any) -> Any:
        """`read(self, *args)`, computed once for these facts: what the rules conclude from the
        facts alone (how an objective delivers, whether a key result states an end state, which
        deadline resolves) is asked by several rules, and items with the same title share their
        facts. For finished facts only (the analysis steps never ask); `args` must be hashable."""
        memo = self.__dict__.get("_readings")
        if memo is None:
            memo = self.__dict__["_readings"] = {}
        key = (read, *args)
        if key not in memo:
            memo[key] = read(self, *args)
        return memo[key]


LAYOUT = 2  # the layout of `TextFacts.to_data`: raise it when the data changes shape


def _field_kinds() -> tuple[tuple[str, str | None, Any], ...]:
    """How each TextFacts field is stored as plain data, read from its declared type: (name, shape,
    Hit or Quantity) with shape "tokens", "one" (a Hit or Quantity, or None), "list" (of them),
    "pair" (two quantities) or None (plain data kept as it is)."""
    out: list[tuple[str, str | None, Any]] = []
    for f in fields(TextFacts):
        kind = str(f.type)
        made = Quantity if "Quantity" in kind else Hit if "Hit" in kind else None
        if f.name == "tokens":
            out.append((f.name, "tokens", None))
        elif made is None:
            out.append((f.name, None, None))
        elif kind.startswith("tuple["):
            out.append((f.name, "pair", made))
        else:
            out.append((f.name, "list" if kind.startswith("list[") else "one", made))
    return tuple(out)


_ROUND_TRIP = _field_kinds()
_FIELDS = {kind: tuple(f.name for f in fields(kind)) for kind in (Hit, Quantity)}


def _plain(value: Any) -> list:
    """A Hit or Quantity as the list of its fields in declaration order (tuples as lists)."""
    return [list(v) if type(v) is tuple else v for v in map(value.__getattribute__, _FIELDS[type(value)])]


def _inside(start: int, end: int, spans: list[Hit]) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def _merge(hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if out and h.start < out[-1].end:
            if h.end > out[-1].end:
                last = out.pop()
                out.append(Hit(last.start, h.end, last.text + h.text[last.end - h.start:], last.kinds))
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


@dataclass
class Title:
    """What every extraction step reads: the title made plain, its words, and its language's data.
    Steps write only into `facts` (and `first`, the index of the title's first content word)."""

    facts: TextFacts
    norm: str  # the title, normalised (same length: offsets stay valid)
    low: str
    lex: Lexicon
    pat: Patterns
    words: list[str] = field(default_factory=list)
    first: int = 0
    noun_lead: bool = False  # the lead is an action noun ("Amélioration de...")
    counted_subject: bool = False  # the lead follows a subject holding a number ("2 projects adopt X")
    number_words: list[tuple[int, int, float]] = field(default_factory=list)  # "a dozen", "vingt-cinq"

    @property
    def lang(self) -> str:
        return self.facts.lang

    def hit(self, start: int, end: int, *kinds: str, lemma: str = "", value: float | None = None) -> Hit:
        return Hit(start, end, self.norm[start:end], tuple(kinds), lemma, value)

    def set(self, name: str) -> frozenset[str]:
        """A word list of the language, as a set."""
        return self.lex.word_set(name)

    @property
    def language(self) -> Language:
        return languages.get(self.lang)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Loaded only when a step needs a word no list names."""
        from smartlint.nlp.vocabulary import vocabulary

        return vocabulary(self.lang)


def find_deadlines(t: Title) -> None:
    """Deadlines first: numbers inside them measure nothing."""
    t.facts.deadlines = _merge([t.hit(m.start(), m.end(), Kind.DEADLINE)
                                for m in t.pat.deadline.finditer(t.norm) if m.end() > m.start()])


_PHRASE_KINDS = {"vague_deadlines": Kind.VAGUE_DEADLINE, "vague_nouns": Kind.VAGUE_NOUN,
                 "weasel_words": Kind.WEASEL}


def find_phrases(t: Title) -> None:
    """Listed phrases: vague deadlines, vague nouns, weasel words, several-word numbers and multipliers."""
    from smartlint.nlp.pipeline import phrase_matches

    facts, lex, tokens = t.facts, t.lex, t.facts.tokens
    for name, start, end in phrase_matches(lex, t.words):
        a, b = tokens[start][0], tokens[end - 1][1]
        if name == "vague_deadlines":
            facts.vague_deadlines.append(t.hit(a, b, Kind.VAGUE_DEADLINE))
        elif name == "vague_nouns":
            facts.vague_nouns.append(t.hit(a, b, Kind.VAGUE_NOUN))
        elif name == "weasel_words":
            facts.weasels.append(t.hit(a, b, Kind.WEASEL))
        elif name == "multiplier_words":
            key = t.norm[a:b].lower()
            factor = lex.multipliers.get(key) or (1 / lex.divisors[key] if lex.divisors.get(key) else None)
            if factor:
                facts.multipliers.append(t.hit(a, b, Kind.MULTIPLIER, lemma=key, value=factor))
        elif name == "number_words":
            value = lex.numbers.get(t.norm[a:b].lower())
            if value is not None:
                t.number_words.append((a, b, value))
    # A listed vague phrase wins over a deadline span it overlaps ("dans les prochains mois").
    facts.vague_deadlines = _merge(facts.vague_deadlines)
    facts.deadlines = [d for d in facts.deadlines
                       if not any(v.start < d.end and d.start < v.end for v in facts.vague_deadlines)]
    facts.vague_nouns = _merge(facts.vague_nouns)
    facts.weasels = [h for h in _merge(facts.weasels) if not _inside(h.start, h.end, facts.vague_deadlines)]
    # Number words that are several tokens ("vingt-cinq") win over their parts.
    t.number_words = [(q.start, q.end, q.value) for q in _keep_longest([Quantity(a, b, "", v) for a, b, v in t.number_words])]


def find_placeholders(t: Title) -> None:
    """Placeholders: listed words and shapes ("TBD", "XX", "??/??/????", "[date]")."""
    found: list[Hit] = []
    listed, shapes = placeholders(t.lex)
    if listed is not None:
        found += [t.hit(m.start(), m.end(), Kind.PLACEHOLDER) for m in listed.finditer(t.norm)]
    for shape in shapes:
        found += [t.hit(m.start(), m.end(), Kind.PLACEHOLDER) for m in shape.finditer(t.norm) if m.end() > m.start()]
    t.facts.placeholders = _merge(found)


def find_quantities(t: Title) -> None:
    """Every number with its value, unit, kind and role, and the universal quantifiers
    (nlp/quantities.py); numbers in deadlines, years and identifiers count nothing."""
    t.facts.quantities = quantity_model.read(t.norm, t.lex, t.facts.tokens, t.facts.deadlines, t.number_words)
    t.facts.quantifiers = quantity_model.quantifiers(t.norm, t.lex, t.facts.deadlines)


def find_verbs(t: Title) -> None:
    """Every word of the verb lists, phrasal entries first ("set up", "mettre en place")."""
    facts, words = t.facts, t.words
    i = 0
    while i < len(words):
        found_verb = t.lex.verb_kinds(words[i], words[i + 1:i + 4])
        if found_verb and i + 1 < len(words) and words[i + 1] == "-" and found_verb[2] == 1:
            found_verb = None  # "double-check", "re-launch": a compound, not the listed verb
        if found_verb:
            lemma, kinds, n = found_verb
            start, end = facts.tokens[i][0], facts.tokens[min(i + n, len(words)) - 1][1]
            facts.verbs.append(t.hit(start, end, *sorted(kinds), lemma=lemma))
            i += n
        else:
            i += 1


def _skip_fillers(t: Title, i: int) -> int:
    fillers = t.set("lead_fillers")
    while i < len(t.words) and (t.words[i] in fillers or not re.search(r"\w", t.words[i])):
        i += 1
    return i


# A tag or number that labels a title rather than saying anything: "KR1", "O-2-1", "P0", "1.2".
_ID_TAG = re.compile(r"^(?![qtsh][1-4]$)(?:[^\W\d_]{1,3}-?\d+(?:[.\-]\d+)*|\d+(?:\.\d+)+\.?|[^\W\d_]-\d+(?:-\d+)*)$")
_OPENERS = {"(": ")", "[": "]", "{": "}"}


def _skip_tags(t: Title, i: int) -> int:
    """Skip fillers and leading tags: "(O)", "[P0]", "(KR1)", "**P1**", "KR2", "O-2-1", "[owner]"."""
    words, fillers = t.words, t.set("lead_fillers")
    while i + 1 < len(words):
        close = _OPENERS.get(words[i])
        if close and close in words[i + 1:i + 5]:
            i = words.index(close, i + 1) + 1
        elif words[i] in fillers or not re.search(r"\w", words[i]) or _ID_TAG.match(words[i]) \
                or (words[i][0] in "[(" and words[i][-1] in "])" and len(words[i]) > 2):
            i += 1
        else:
            return i
    return _skip_fillers(t, i)


def _after_label(t: Title, first: int) -> int:
    """A short label before a colon or a spaced dash ("VP Sales KR: ...", "Équipe data – KR2 : ...",
    "Q1 2027: ...") is not the title's start, unless the title already starts with a verb."""
    words, tokens, norm = t.words, t.facts.tokens, t.norm
    if first >= len(words) or any(v.start == tokens[first][0] and v.text.lower() == v.lemma for v in t.facts.verbs):
        return first  # "Sign 40 deals: by June": the title starts with a verb's base form
    for k in range(first + 1, min(first + 8, len(words) - 1)):
        spaced_dash = words[k] == "-" and norm[tokens[k][0] - 1:tokens[k][0]] == " " \
            and norm[tokens[k][1]:tokens[k][1] + 1] == " "
        if words[k] == ":" or spaced_dash:
            after = _skip_tags(t, k + 1)
            if after < len(words):
                return _after_label(t, after) if ":" in words[after:after + 8] else after
    return first


def _after_deadline(t: Title, first: int) -> int:
    """"By 2030, provide...", "D'ici à 2030, accroître...": a deadline opening the title, then a comma."""
    tokens = t.facts.tokens
    if first >= len(t.words):
        return first
    for d in t.facts.deadlines:
        if d.start <= tokens[first][0] < d.end:
            k = next((k for k, tok in enumerate(tokens) if tok[0] >= d.end), len(tokens))
            if k < len(tokens) and t.words[k] == ",":
                return _skip_tags(t, k + 1)
    return first


def find_lead(t: Title) -> None:
    """The verb (or action noun) the title starts with, after fillers and modals ("we will",
    "nous devons", "il faut"), tags ("(KR1)", "O-2-1"), a label before a colon or a dash, and an
    opening deadline ("By 2030, ...")."""
    facts, words = t.facts, t.words
    first = _skip_tags(t, 0)
    first = _after_label(t, first)
    first = _after_deadline(t, first)
    t.first = first
    if first < len(words):
        verb_at = {v.start: v for v in facts.verbs}
        lead = verb_at.get(facts.tokens[first][0])
        # "Significantly increase...", "Rapidement déployer...": an adverb may stand before the verb.
        if lead is None and first + 1 < len(words) and re.search(t.language.adverb, words[first]):
            lead = verb_at.get(facts.tokens[first + 1][0])
        facts.lead = lead
    if facts.lead is None and first < len(words):
        # "Amélioration de la qualité", "Launch of the portal": an action noun leads like its verb.
        for size in (3, 2, 1):
            phrase = " ".join(words[first:first + size]).replace("' ", "'")
            kind = t.lex.action_nouns.get(phrase)
            if kind and first + size <= len(words):
                start, end = facts.tokens[first][0], facts.tokens[first + size - 1][1]
                facts.lead = t.hit(start, end, kind, lemma=phrase)
                facts.verbs.insert(0, facts.lead)
                t.noun_lead = True
                break
    if facts.lead is None and first < len(words):
        facts.lead = _open_verb_lead(t, first)
        if facts.lead is None and first + 1 < len(words) and re.search(t.language.adverb, words[first]) \
                and not t.vocabulary.is_noun(words[first]):
            facts.lead = _open_verb_lead(t, first + 1)  # "Positively affect the ecosystem"


def _object_follows(t: Title, k: int) -> bool:
    """Whether the words after position k read as a verb's object: an article or possessive, a
    number, a pronoun, or a name ("Segment our database", "Contact 40 prospects", "Audit Acme")."""
    if k + 1 >= len(t.words):
        return False
    nxt = t.words[k + 1]
    raw = t.norm[t.facts.tokens[k + 1][0]:t.facts.tokens[k + 1][1]]
    return (nxt in t.set("determiners") or nxt in t.set("object_pronouns") or nxt[:1].isdigit()
            or nxt in t.lex.numbers or (raw[:1].isupper() and not t.words[k][:1].isupper()
                                        and raw.lower() not in t.set("function_words")))


def _open_verb_lead(t: Title, first: int) -> Hit | None:
    """A lead verb no list names ("Accredit 30 installers", "Outiller les équipes terrain"): a
    verb's base form by the language's dictionary. A word that is also a noun ("Segment", "Audit")
    is a verb only when an object follows it; "Pricing review" stays a noun phrase."""
    word = t.words[first]
    if word in t.set("function_words") or word in t.set("determiners") or not word.isalpha():
        return None
    vocab = t.vocabulary
    if not vocab.is_verb_lemma(word):
        return None
    if vocab.is_noun(word) and not _object_follows(t, first):
        return None
    start, end, _ = t.facts.tokens[first]
    lead = t.hit(start, end, Kind.GOAL, lemma=word)
    t.facts.verbs.insert(0, lead)
    t.facts.verbs.sort(key=lambda v: v.start)
    return lead


def find_has_verb(t: Title) -> None:
    """Whether the title is a sentence (a verb leads, an auxiliary, or a subject then a verb) rather
    than a bare noun phrase."""
    facts, words, lex, first = t.facts, t.words, t.lex, t.first
    determiners = lex.word_set("determiners")
    auxiliaries = lex.word_set("auxiliaries")
    # A task or activity noun ("Refonte du site") names a project, not a direction.
    # The lead is a noun when the action-noun lookup found it, or when a verb entry matched one of
    # its noun forms ("Mise en place" for "mettre en place"); "Launch", "Growth"... as a verb is a verb.
    lead_text = facts.lead.text.lower() if facts.lead else ""
    noun_lead = t.noun_lead or (" " in lead_text and lead_text in lex.action_nouns)
    noun_kinds = ((lex.action_nouns[lead_text],) if lead_text in lex.action_nouns else facts.lead.kinds) \
        if noun_lead else ()
    facts.has_verb = (facts.lead is not None and not (noun_lead and set(noun_kinds) & {Kind.TASK, Kind.ACTIVITY})) \
        or any(w in auxiliaries for w in words)
    if not facts.has_verb and first < len(words) and words[first] in determiners:
        # "Our customers love the product": a sentence with a subject, not a bare noun phrase.
        index = {tok[0]: k for k, tok in enumerate(facts.tokens)}
        for v in facts.verbs:
            k = index.get(v.start, 0)
            if k > first + 1 and words[k - 1] not in determiners:
                facts.has_verb = True
                break


def _verb_at(t: Title, k: int) -> tuple[str, tuple[str, ...]] | None:
    """(lemma, kinds) of the word at k as a verb: a listed verb's meaning, or the dictionary's."""
    start = t.facts.tokens[k][0]
    listed = next((v for v in t.facts.verbs if v.start == start), None)
    if listed is not None:
        return listed.lemma, listed.kinds
    word = t.words[k]
    if not word.isalpha() or word in t.set("function_words") or word in t.set("determiners"):
        return None
    lemma = t.vocabulary.verb_lemma(word)
    return (lemma, (Kind.GOAL,)) if lemma else None


def find_sentence_verb(t: Title) -> None:
    """A verb after its subject, or a headline participle.

    "The mobile team ships a release", "Ansible tower manages our deployments", "Users know what to
    expect": an inflected verb after the first word, with an object after it, is the main verb
    and leads. "Data retention policy fully rolled out", "Contrats migrés": a past participle after
    the subject, ending the title or followed by a particle or preposition, states an end state
    (`end_state`), with no lead verb.
    """
    facts, words, first = t.facts, t.words, t.first
    if facts.lead is not None or first >= len(words) - 1:
        return
    small = t.set("function_words") | t.set("determiners") | t.set("end_states")
    tail = " ".join(words[-2:]), words[-1]
    if any(w in t.set("end_states") for w in tail) and len(words) - first > 1:
        facts.end_state = True  # "IPNS over DNS production ready"
    for k in range(first + 1, min(len(words), first + 8)):
        if words[k] in (",", ";", ":", "(") or words[k - 1] in t.set("determiners"):
            if words[k] in (",", ";", ":", "("):
                break
            continue
        found = _verb_at(t, k)
        if found is None:
            continue
        lemma, kinds = found
        word = words[k]
        start, end, _ = facts.tokens[k]
        nxt = words[k + 1] if k + 1 < len(words) else ""
        coordinated = nxt in t.set("coordinators") and k + 2 < len(words) and _verb_at(t, k + 2) is not None
        # "CEs document customer requirements and inspect deals": a second listed verb after a short object
        listed = {v.start for v in facts.verbs}
        coordinated = coordinated or any(
            words[j] in t.set("coordinators") and facts.tokens[j + 1][0] in listed
            for j in range(k + 2, min(len(words) - 1, k + 6)))
        subject_start = facts.tokens[first][0]
        before = t.norm[facts.tokens[k - 1][0]:facts.tokens[k - 1][1]]
        plural_subject = (words[k - 1].endswith("s") and t.vocabulary.is_noun(words[k - 1])) or any(
            q.counted and q.value > 1 and subject_start <= q.start and q.end <= start for q in facts.quantities) \
            or bool(re.fullmatch(r"[A-Z]{2,}s", before))  # "CEs document...", "PMs own..."
        inflected = word != lemma or plural_subject  # "Users know...", "2 projects enable..."
        modal = _after_modal(t, k)  # "users can create...", "the daemon will always find..."
        if modal and nxt in ("to", "à", "de", "d'") and k + 2 < len(words) and _verb_at(t, k + 2) is not None:
            # "will continue to promote", "va continuer à former": the second verb says what is done
            k = k + 2
            lemma, kinds = _verb_at(t, k)
            word, (start, end, _) = words[k], facts.tokens[k]
            nxt = words[k + 1] if k + 1 < len(words) else ""
        # "Team satisfaction increases from start of year to end": a change verb needs no object
        intransitive = word != lemma and set(kinds) & {Kind.INCREASE, Kind.DECREASE} and (
            not nxt or nxt in t.set("function_words") and nxt not in ("of", "de", "du", "des", "d'"))
        participle = re.search(t.language.participle, word) and word != lemma  # "document" is no participle
        if re.search(t.language.gerund, word) and word != lemma and words[k - 1] not in t.set("auxiliaries"):
            continue  # "check-ins with hiring managers": an -ing form is a verb only after "is"/"are"
        # "IPFS Desktop replaces go-ipfs as ...", "IPFS Desktop remplace go-ipfs": after a name, a
        # verb in the present takes a bare object
        # (a present tense: English "-s"; a French inflected form, past participles excluded below)
        named = ((k - 1 > first and before[:1].isupper()) or bool(re.search(r"[A-Z].*[A-Z]", before))) \
            and word != lemma and re.search(t.language.present_tense, word) \
            and bool(re.match(r"\w", nxt)) and nxt not in t.set("function_words")
        if (modal or (inflected and (_object_follows(t, k) or coordinated or intransitive or named))) and not participle:
            # What a subject does ("Ansible tower manages our deployments") describes a state, not a
            # task or an activity for the team: only a direction or vagueness carries over.
            kept = tuple(k for k in kinds if k not in (Kind.TASK, Kind.ACTIVITY)) or (Kind.GOAL,)
            facts.lead = t.hit(start, end, *kept, lemma=lemma)
            facts.verbs = sorted([v for v in facts.verbs if v.start != start] + [facts.lead], key=lambda v: v.start)
            facts.has_verb = True
            t.counted_subject = any(q.counted and subject_start <= q.start and q.end <= start for q in facts.quantities)
            return
        if word != lemma and re.search(t.language.participle, word) and not t.vocabulary.is_noun(word) \
                and (not nxt or nxt in small or not re.search(r"\w", nxt)):
            facts.end_state = True  # "fully rolled out", "migrés vers SAP" (not "Devoirs faits": a noun)
            return


def find_action(t: Title) -> None:
    """The verb the title's action hangs on: usually the lead. After a vague lead that only enables
    ("Enable the team to implement a BDD framework", "Aider les équipes à déployer..."), the task or
    activity it enables, linked by the language's enabling word ("to", "à")."""
    facts, language = t.facts, t.language
    lead = facts.action = facts.lead
    if lead is None or Kind.VAGUE not in lead.kinds:
        return
    words = {tok[0]: tok[2] for tok in facts.tokens}
    after = [s for s in sorted(words) if s >= lead.end][:6]
    for k, s in enumerate(after):
        if words[s] in language.enabling_links and k + 1 < len(after):
            nxt = next((v for v in facts.verbs if v.start == after[k + 1]), None)
            if nxt is not None and re.search(language.enabled_verb, nxt.text.lower()) \
                    and set(nxt.kinds) & {Kind.TASK, Kind.ACTIVITY}:
                facts.action = nxt
            return


def _after_modal(t: Title, k: int) -> bool:
    """Whether the word at k follows a modal, maybe through one adverb ("will always find",
    "peuvent désormais créer"): the modal's verb is the sentence's main verb. Modals are the
    language's lead fillers that are also auxiliaries ("can", "will", "peut", "doivent")."""
    modals = t.set("lead_fillers") & t.set("auxiliaries")
    j = k - 1
    if j > t.first and (t.words[j] in t.set("lead_fillers") or t.words[j] in t.set("universal_quantifiers")
                        or re.fullmatch(r"\w{3,}(?:ly|ment)", t.words[j])):
        j -= 1  # "will always find", "can now create", "peuvent facilement créer"
    return j >= t.first and t.words[j] in modals


def find_multipliers(t: Title) -> None:
    """Multipliers: "double", "tenfold", "x3", "3 times more", "multiply by 4"."""
    facts, lex, words = t.facts, t.lex, t.words
    for v in facts.verbs:
        if v.has(Kind.MULTIPLIER):
            factor = lex.multipliers.get(v.lemma)
            if factor is None and v.lemma in lex.divisors:
                factor = 1 / lex.divisors[v.lemma]
            if factor:
                facts.multipliers.append(Hit(v.start, v.end, v.text, (Kind.MULTIPLIER,), v.lemma, factor))
    for k, (start, end, word) in enumerate(facts.tokens):
        compound = k + 1 < len(words) and words[k + 1] == "-"  # "double-digit"
        if word in lex.multipliers and not compound and not any(h.start <= start < h.end for h in facts.multipliers):
            facts.multipliers.append(t.hit(start, end, Kind.MULTIPLIER, lemma=word, value=lex.multipliers[word]))
    growth = re.compile(t.language.growth_after)
    for rx in (t.pat.multiplier_sign, t.pat.times_more, t.pat.multiply_by):
        for m in rx.finditer(t.norm):
            raw = m.group("num").lower()
            try:
                factor = lex.numbers[raw] if raw in lex.numbers else parse_number(raw, t.lang)
            except ValueError:
                continue
            facts.multipliers.append(t.hit(m.start(), m.end(), Kind.MULTIPLIER, lemma=raw, value=factor))
    # "×2" (the sign first) multiplies; "3x" (the number first) is a level ("a 3x ROAS", "to 3x
    # quota", "à 3 fois le quota") unless it grows or is a change ("by 5x").
    for q in facts.quantities:
        if q.unit != "x" or not q.counted or any(h.start <= q.start < h.end for h in facts.multipliers):
            continue
        to_level = re.search(r"(?:\bto|\bat|\bof|\bà|\bde|\bd'|\bau)\s*$", t.low[max(0, q.start - 6):q.start])
        if q.kind == "change" or (not to_level and (facts.direction == "up" or growth.search(t.low[q.end:q.end + 30]))):
            facts.multipliers.append(Hit(q.start, q.end, q.text, (Kind.MULTIPLIER,), "x", q.value))


def find_changes(t: Title) -> None:
    _changes(t.facts, t.low, t.lex)


def find_quantified(t: Title) -> None:
    """Whether a number quantifies the result; in "3 customers adopt the API" the subject's number does."""
    t.facts.quantified = _quantified(t.facts, t.low, t.lex) or t.counted_subject


def find_placeholder_target(t: Title) -> None:
    """"from 32 to TBD": the target is missing. After a word that also opens a deadline ("by TBD"),
    the placeholder is the date unless a percent sign follows."""
    facts, low, lex = t.facts, t.low, t.lex
    targets = lex.word_set("target_markers")
    deadline_words = {str(m).lower() for m in (lex.time or {}).get("markers", [])}
    for h in facts.placeholders:
        before = (low[max(0, h.start - 20):h.start].replace("'", "' ").split() or [""])[-1]
        if before in targets and (before not in deadline_words or low[h.end:h.end + 2].strip().startswith("%")):
            facts.placeholder_target = True


def find_infinitive_head(t: Title) -> None:
    """French infinitives ("S'implanter", "Conquérir", "Construire") open most French goal titles:
    a word with the language's infinitive ending at the head of the title counts as a verb unless
    it is listed in rules/<lang>/infinitive_lookalikes.yaml (nouns such as "dossier", "ordre")."""
    if t.language.infinitive and not t.facts.has_verb:
        fillers = t.lex.word_set("lead_fillers")
        t.facts.has_verb = _infinitive_head(t.words, fillers, t.lex.word_set("infinitive_lookalikes"),
                                            t.language.infinitive)


# The extraction steps, in order: each reads what the earlier ones found. Adding a fact means
# adding one field to TextFacts and one step here.
STEPS: tuple[Callable[[Title], None], ...] = (
    find_deadlines, find_phrases, find_placeholders, find_quantities,
    find_verbs, find_lead, find_has_verb, find_sentence_verb, find_action, find_multipliers, find_changes,
    find_quantified, find_placeholder_target, find_infinitive_head,
)


def analyse(text: str, lang: str, tokens: "Tokens | None" = None, lexicon: Lexicon | None = None) -> TextFacts:
    """Compute the facts of one title. `tokens` are those of `to_tokenise(text)` when the caller
    batched them (nlp.pipeline.tokens); `lexicon` the configuration's word lists for `lang` (the
    shipped lists when None).

    A title with decomposed accents ("E" + U+0301) is analysed in its composed (NFC) form, so
    "Améliorer" is one known word however it was typed; offsets are mapped back to the title as
    written.
    """
    if not unicodedata.is_normalized("NFC", text):
        composed, origin = _compose(text)
        facts = analyse(composed, lang, tokens, lexicon)
        return _moved(facts, text, origin)
    norm = _as_read(text)
    if tokens is None:
        from smartlint.nlp.pipeline import tokens as tokenise

        tokens = tokenise([norm], lang)[0]
    lex = lexicon if lexicon is not None else load_lexicon(lang)
    facts = TextFacts(text=text, lang=lang)
    facts.lexicon = lex
    facts.tokens = list(tokens)
    title = Title(facts, norm, norm.lower(), lex, patterns(lex), words=[tok[2] for tok in facts.tokens])
    for step in STEPS:
        step(title)
    return facts


def prepare(lex: Lexicon) -> None:
    """Build what analysing any title reads from a lexicon (verb forms, patterns, the phrase table,
    the vocabulary), ~0.05 s a language. The engine calls it while the worker still imports spaCy
    (nlp.pipeline), so that the titles are analysed as soon as their tokens come back; without a
    worker each is built when a title first needs it (the vocabulary perhaps never)."""
    from smartlint.nlp.pipeline import phrase_table
    from smartlint.nlp.vocabulary import vocabulary

    lex.verbs
    patterns(lex)
    placeholders(lex)
    quantity_model.prepare(lex)
    vocabulary(lex.lang)
    for name in ("baseline_markers", "current_markers"):
        listed(lex, name)
    phrase_table(lex)


def to_tokenise(text: str) -> str:
    """The text `analyse` reads and tokenises for a title: composed (NFC), normalised, with
    Markdown links read as their text."""
    if not unicodedata.is_normalized("NFC", text):
        text = _compose(text)[0]
    return _as_read(text)


def _as_read(text: str) -> str:
    """A composed title as read: normalised, and "[IPFS Companion](https://...) is ..." read as
    the link's words, not its markup (same length: offsets stay those of the title)."""
    return _MARKDOWN_LINK.sub(_link_text, normalise(text))


# A Markdown link, "[text](target)": titles pasted from Markdown files carry them.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\(([^()\s]{1,500})\)")


def _link_text(m: re.Match) -> str:
    """The link's text in place, its brackets and target blanked: offsets stay those of the title."""
    return " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1)


def _compose(text: str) -> tuple[str, list[int]]:
    """The NFC form of `text`, and for each of its offsets (and its end) the offset in `text`."""
    out: list[str] = []
    origin: list[int] = []
    start = 0
    while start < len(text):
        end = start + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        piece = unicodedata.normalize("NFC", text[start:end])
        out.append(piece)
        origin.extend([start] * len(piece))
        start = end
    origin.append(len(text))
    return "".join(out), origin


def _moved(facts: TextFacts, text: str, origin: list[int]) -> TextFacts:
    """The same facts with every span moved from the composed text to the text as written."""
    seen: dict[int, Any] = {}

    def move(item: Any) -> Any:
        if isinstance(item, (Hit, Quantity)):
            if id(item) not in seen:
                seen[id(item)] = replace(item, start=origin[item.start], end=origin[item.end])
            return seen[id(item)]
        if isinstance(item, list):
            return [move(i) for i in item]
        if isinstance(item, tuple) and item and isinstance(item[0], Quantity):
            return tuple(move(i) for i in item)
        return item

    values = {f.name: move(getattr(facts, f.name)) for f in fields(TextFacts)}
    values["text"] = text
    values["tokens"] = [(origin[a], origin[b], w) for a, b, w in facts.tokens]
    moved = TextFacts(**values)
    moved.lexicon = facts.lexicon
    return moved


_COMPLEMENTIZERS = {"que", "qu'", "that"}


def _quantified(facts: TextFacts, low: str, lex) -> bool:
    """A number that quantifies the result, not the scope: a change "from X to Y", a percentage,
    a multiplier, or a number right after a target word ("to 45", "under 5", "à 45")."""
    if facts.from_to or facts.relative or facts.multipliers:
        return True
    markers = lex.word_set("target_markers")
    output_verbs = {v.end for v in facts.verbs if not v.has(Kind.VAGUE)}
    for q in facts.counted_now():
        if q.percent or q.unit == "pts":
            return True
        before = low[max(0, q.start - 20):q.start].replace("'", "' ").split()
        if before and before[-1] in markers:
            return True
        if before and before[-1] in _COMPLEMENTIZERS and q.kind not in ("rank", "identifier"):
            return True  # "faire en sorte que 10 agents soient autonomes", "ensure that 40 teams use it"
        if low[:q.start].rstrip() and len(low[:q.start].rstrip()) in output_verbs:
            return True  # "…: vendre 240 sessions": a number right after a (non-vague) verb is its output
    return False


def _infinitive_head(words: list[str], fillers: set[str], lookalikes: set[str], infinitive: str) -> bool:
    for word in words:
        if word in fillers or not re.search(r"\w", word):
            continue
        return bool(re.match(infinitive, word)) and word not in lookalikes
    return False


_REACH = re.compile(r"(?<!\w)(?:atteinte|atteindre|atteint|reach|reaching|objectif|cible|target)(?!\w)")


def _reached_level(facts: TextFacts, low: str, q: Quantity) -> bool:
    """"...la baisse de l'incidence, par l'atteinte d'un taux de couverture de 80 %": a word of
    reaching between the last verb of change and the percentage makes it a level, not a change."""
    change_verbs = [v for v in facts.verbs if v.end <= q.start
                    and set(v.kinds) & {Kind.VAGUE, Kind.INCREASE, Kind.DECREASE}]
    start = change_verbs[-1].end if change_verbs else 0
    return _REACH.search(low[start:q.start]) is not None


def _changes(facts: TextFacts, low: str, lex: Lexicon) -> None:
    """A change from a baseline ("from 40 to 55") and relative changes ("by 25%")."""
    language = languages.get(lex.lang)
    lead_end = facts.lead.end if facts.lead else None
    facts.from_to, facts.quantities = quantity_model.find_change(
        facts.quantities, low, lex, facts.deadlines, facts.direction, lead_end)
    counted = facts.counted_now()
    in_pair = {(q.start, q.end) for q in facts.from_to} if facts.from_to else set()
    changes = any(set(v.kinds) & {Kind.VAGUE, Kind.INCREASE, Kind.DECREASE} for v in facts.verbs)
    for q in counted:
        if not q.percent or (q.start, q.end) in in_pair or q.role in ("threshold", "band", "scope"):
            continue
        before = low[max(0, q.start - 30):q.start]
        after = low[q.end:q.end + 25]
        if q.sign in ("+", "-", "±"):
            facts.relative.append(q)
        elif re.search(language.relative_after, after):
            facts.relative.append(q)
        elif re.search(language.relative_before, before) and (re.search(language.relative_by, before)
                                                               or facts.direction is not None or changes) \
                and not _reached_level(facts, low, q):
            # "Grow retention by 25%", "Augmenter la rétention de 25 %", "Improve X by 10%";
            # but "un taux de 25 %" is a level.
            facts.relative.append(q)
    if facts.relative and not facts.from_to:
        markers = listed(lex, "baseline_markers")
        for q in facts.relative:
            rest = low[q.end:q.end + 60]
            m = markers.search(rest)
            if m and any(o.start >= q.end + m.end() and o.start <= q.end + m.end() + 30 and not o.percent
                         for o in counted):
                facts.baseline_in_text = True
        # "(actuellement 63 000 hospitalisations)", "currently 40%": a stated current value.
        for m in listed(lex, "current_markers").finditer(low):
            relative = {(r.start, r.end) for r in facts.relative}
            if any(m.end() <= o.start <= m.end() + 80 or m.start() - 40 <= o.end <= m.start()
                   for o in facts.quantities if (o.counted or o.kind == "year") and (o.start, o.end) not in relative):
                facts.baseline_in_text = True
