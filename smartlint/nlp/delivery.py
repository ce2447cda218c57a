"""What a title delivers: a one-off thing, an activity, a lasting capability, or an end state.

The OKR rules ask this of objectives ("Ship the iOS app" is a task, "Build a habit of blameless
reviews" a capability) and of key results ("SSO is enabled for every customer" is an end state,
checked yes or no). The reading rests on meaning kept in `rules/<lang>/`: which verbs deliver
once (one_off_verbs), which build (building_verbs), which inquire (inquiry_verbs), which nouns
name an activity (activity_nouns), a lasting thing (lasting_words) or a one-off artefact
(artefact_nouns). It reads the title's tokens and verbs from its TextFacts and never guesses
beyond them: when the object of the verb is unclear, the reading is "unknown" and rules stay
silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartlint import languages
from smartlint.lexicon import Kind, Lexicon, derived, inflect

# Kinds of verbs that name a change: a purpose clause led by one states the objective's outcome.
CHANGE_KINDS = {Kind.INCREASE, Kind.DECREASE, Kind.VAGUE, Kind.MULTIPLIER, Kind.GOAL}


@dataclass(frozen=True)
class Delivery:
    """The reading of a title: `kind` is one-off, activity, capability or unknown."""

    kind: str
    start: int = 0  # the span of the word that decides (the verb or the noun)
    end: int = 0
    word: str = ""
    why: str = ""  # deliverable, artefact, inquiry, activity-noun, task-noun


UNKNOWN = Delivery("unknown")


@derived
def _phrases(lex: Lexicon, name: str) -> tuple[tuple[str, ...], ...]:
    """A verb list as token sequences of every inflected form: ("roll", "out"), ("rolled", "out")..."""
    out = set()
    for entry in lex.words(name):
        words = entry.replace("'", "' ").split()
        if not words:
            continue
        for form in inflect(lex.lang, words[0]):
            out.add((form, *words[1:]))
    return tuple(sorted(out, key=len, reverse=True))


@derived
def _nouns(lex: Lexicon, name: str) -> frozenset[str]:
    return frozenset(lex.words(name))


def _match_verb(words: list[str], i: int, lex: Lexicon, name: str) -> int:
    """Length of the listed verb phrase starting at token i, or 0."""
    for phrase in _phrases(lex, name):
        if tuple(words[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _start(facts) -> int:
    """Index of the first content token: after fillers ("we will") and a short label ("Q3:")."""
    fillers = facts.lexicon.word_set("lead_fillers")
    words = [t[2] for t in facts.tokens]

    def skip(i: int) -> int:
        while i < len(words) and (words[i] in fillers or not re.search(r"\w", words[i])):
            i += 1
        return i

    if facts.lead is not None:
        for k, tok in enumerate(facts.tokens):
            if tok[0] == facts.lead.start:
                return k
    colon = next((i for i, w in enumerate(words[:8]) if w == ":"), None)
    if colon is not None and skip(colon + 1) < len(words):
        return skip(colon + 1)
    return skip(0)


def _has_in_state(facts, words: list[str], first: int) -> bool:
    """"Have the platform in production", "Avoir la plateforme en production": possessing a thing
    in a state is that state (the platform is in production), not an action. A state word of its
    own (not a copula or an auxiliary) must follow: "Have a quick process" stays an imperative."""
    if words[first] not in languages.get(facts.lang).possession_verbs:
        return False
    auxiliaries = facts.lexicon.word_set("auxiliaries")
    states = [p for p in _phrases_plain(facts.lexicon) if not any(w in auxiliaries or "'" in w for w in p)]
    return any(tuple(words[k:k + len(p)]) == p for k in range(first + 2, len(words)) for p in states)


def _subject_start(facts, words: list[str]) -> int:
    """Index of the first content word, ignoring the lead: after fillers and a short label."""
    fillers = facts.lexicon.word_set("lead_fillers")
    colon = next((i for i, w in enumerate(words[:8]) if w == ":"), None)
    i = colon + 1 if colon is not None and colon + 1 < len(words) else 0
    while i < len(words) and (words[i] in fillers or not re.search(r"\w", words[i])):
        i += 1
    return i


def _object(words: list[str], i: int, lex: Lexicon) -> tuple[list[str], str]:
    """The object after the verb ending at token i: its words (up to a stop word) and its head."""
    language = languages.get(lex.lang)
    determiners = lex.word_set("determiners") | {"l'", "d'"}
    stop = language.object_stops
    span: list[str] = []
    for w in words[i:i + 8]:
        if w in stop and span:
            break
        if w in stop:
            continue
        span.append(w)
    content = [w for w in span if w not in determiners]
    if not content:
        return span, ""
    if language.head_first:
        head = next((w for w in content if w not in language.prenominal), content[-1])
    else:
        head = content[-1]
    return span, head


def _names(span: list[str], lex: Lexicon, name: str) -> bool:
    """Whether the object words name something in a noun list (phrases and plain plurals too)."""
    nouns = _nouns(lex, name)
    text = " ".join(span).replace("' ", "'")
    for w in span:
        if w in nouns or (len(w) > 3 and w.endswith(("s", "x")) and w[:-1] in nouns):
            return True
    return any(" " in n and re.search(rf"(?<!\w){re.escape(n)}s?(?!\w)", text) for n in nouns)


def _purpose_names_change(facts, after: int) -> bool:
    """"Ship the app to cut churn", "Migrer vers SAP pour réduire les délais": the outcome is named."""
    rest = facts.text[after:].lower().replace("’", "'")
    language = languages.get(facts.lang)
    possessives = frozenset().union(*(languages.get(code).possessives for code in languages.codes()))
    for marker in language.purpose_markers:
        m = re.search(rf"(?<!\w){re.escape(marker)}\s+", rest)
        if not m:
            continue
        at = after + m.end()
        if marker in language.relative_markers:
            nxt = [w for w in rest[m.end():].replace("'", "' ").split()[:3] if w not in possessives]
            if nxt and nxt[0] in _nouns(facts.lexicon, "audience_nouns"):
                return True  # "a product that customers love": the audience's reaction is the outcome
        for v in facts.verbs:
            if v.start >= at and v.start <= at + 12 and set(v.kinds) & CHANGE_KINDS:
                return True
    return False


def objective_delivery(facts) -> Delivery:
    """Read an objective: is it a one-off deliverable, an activity, a capability, or unclear?"""
    lang = facts.lang
    if not languages.get(lang).object_stops or not facts.tokens:
        return UNKNOWN
    words = [t[2] for t in facts.tokens]
    first = _start(facts)
    content = [k for k in range(first, len(words)) if re.search(r"\w", words[k])]
    if not content:
        return UNKNOWN
    if len(content) == 1 and words[content[0]] in _nouns(facts.lexicon, "activity_nouns"):
        return _at(facts, content[0], "activity", "activity-noun")  # "Hiring", "Recrutement"
    for i in _verb_positions(facts, words, first):
        found = _verb_reading(facts, words, i)
        if found is not None:
            return found
    if facts.lead is not None and facts.lead.start == facts.tokens[first][0] and not _noun_lead(facts):
        return UNKNOWN  # another verb leads: not ours to judge
    return _noun_reading(facts, words, first)


def _at(facts, k: int, kind: str, why: str, n: int = 1) -> Delivery:
    start, end = facts.tokens[k][0], facts.tokens[k + n - 1][1]
    return Delivery(kind, start, end, facts.text[start:end], why)


def _verb_reading(facts, words: list[str], i: int) -> Delivery | None:
    """The reading when a listed verb stands at token i; None when none does."""
    lex = facts.lexicon
    for name, kind, why in (("one_off_verbs", "one-off", "deliverable"),
                            ("building_verbs", "one-off", "artefact"),
                            ("inquiry_verbs", "activity", "inquiry")):
        n = _match_verb(words, i, lex, name)
        if not n:
            continue
        span, head = _object(words, i + n, lex)
        after = facts.tokens[i + n][0] if i + n < len(words) else len(facts.text)
        if _purpose_names_change(facts, after):
            return Delivery("capability")  # the deliverable serves a change the title names
        if why == "inquiry":
            # "Contribute to the reduction of emissions": what follows is a change, not a topic.
            return UNKNOWN if any(_action_kind(facts, w) for w in span) else _at(facts, i, kind, why, n)
        if _names(span, lex, "lasting_words"):
            return Delivery("capability")
        if why == "artefact" and not (head and _names(span, lex, "artefact_nouns")):
            return UNKNOWN  # "Build a company that thrives": what is built is not a one-off artefact
        return _at(facts, i, kind, why, n)
    return None


def _noun_lead(facts) -> bool:
    lead = facts.lead
    return lead is not None and lead.text.lower() in facts.lexicon.action_nouns


def _noun_reading(facts, words: list[str], first: int) -> Delivery:
    """A bare noun phrase led by a task or activity noun ("Refonte du site", "Market research")."""
    lang = facts.lang
    lead = facts.lead
    if lead is not None and _noun_lead(facts) and set(lead.kinds) & {Kind.TASK, Kind.ACTIVITY}:
        kind = "one-off" if Kind.TASK in lead.kinds else "activity"
        return Delivery(kind, lead.start, lead.end, lead.text, "task-noun")
    if facts.has_verb:
        return UNKNOWN
    span, head = _object(words, first, facts.lexicon)
    if not span:
        return UNKNOWN
    language = languages.get(lang)
    if not language.head_first:
        k = first + len(span) - 1  # "Market research": the head is the last word of the phrase
        if first + len(span) < len(words) and words[first + len(span)] in language.head_before:
            k = first  # "Research on pricing"
    else:
        k = first  # "Étude de marché": the head comes first
    if words[k] in _nouns(facts.lexicon, "activity_nouns"):
        return _at(facts, k, "activity", "activity-noun")
    return UNKNOWN


def _verb_positions(facts, words: list[str], first: int) -> list[int]:
    """Where the main verb may stand: the first content word, or after a short subject where the
    language has one ("IPFS ships a release"): one to three words, the first capitalised, then a
    verb in -s."""
    positions = [first]
    language = languages.get(facts.lang)
    if facts.lead is None and language.verb_after_subject:
        first_text = facts.text[facts.tokens[first][0]:facts.tokens[first][1]]
        if first_text[:1].isupper():
            for k in range(first + 1, min(first + 4, len(words))):
                if not re.search(r"\w", words[k]) or words[k] in language.object_stops:
                    break
                if words[k].endswith("s"):
                    positions.append(k)
    return positions


def _action_kind(facts, word: str) -> str:
    return facts.lexicon.action_nouns.get(word, "")


def end_state(facts) -> bool:
    """Whether a key result states an end state: a subject, then a state ("is enabled", "est en
    production", "can search") or a headline participle ("Data retention policy rolled out",
    "Contrats migrés"). A title that leads with a verb is an action, not a state; a change verb
    anywhere ("Team satisfaction increases") is a change with no number, not an end state."""
    lang = facts.lang
    language = languages.get(lang)
    if not language.object_stops or not facts.tokens:
        return False
    words = [t[2] for t in facts.tokens]
    first = _start(facts)
    tag = _TAG.match(facts.text)
    if tag and facts.lead is None:  # "[P1] Have a quick process": start after the tag
        first = next((k for k, t in enumerate(facts.tokens) if t[0] >= tag.end()), len(words))
    if first >= len(words):
        return False
    opening = tag.end() if tag and facts.lead is None else 0
    if facts.lead is not None and facts.tokens[first][0] == facts.lead.start:
        # "Sales reps are using the new model": a verb found after its subject reads from the subject
        subject = _subject_start(facts, words)
        if subject < first and any(re.search(r"\w", w) for w in words[subject:first]):
            first = subject
    subject_led = facts.lead is not None and facts.lead.start > facts.tokens[first][0]
    subjectless = not subject_led and not any(re.search(r"\w", t[2]) for t in facts.tokens[:first] if t[0] >= opening) \
        and "'" not in words[first][1:]  # "We've benchmarked...": the contraction holds the subject
    if subjectless and any(tuple(words[first:first + len(p)]) == p for p in _phrases_plain(facts.lexicon)) \
            and not _has_in_state(facts, words, first):
        return False  # "Have a quick process": a state word with no subject is an imperative
    lead = facts.lead
    if lead is not None and lead.start == facts.tokens[first][0] and not modifies_subject(facts) \
            and not _has_in_state(facts, words, first):
        return False  # "Launch the help centre", "Enable SSO": an action
    participle = re.compile(language.past_participle)  # grammar, not meaning: "rolled out", "migrés"
    if any(set(v.kinds) & {Kind.INCREASE, Kind.DECREASE, Kind.MULTIPLIER} for v in facts.verbs):
        return False  # "Team satisfaction increases": a change with no number
    determiners = set(facts.lexicon.words("determiners"))
    index = {t[0]: k for k, t in enumerate(facts.tokens)}
    main = next((v for v in facts.verbs if index.get(v.start, 0) > first
                 and words[index[v.start] - 1] not in determiners), None)
    if main is not None and Kind.VAGUE in main.kinds and not participle.match(main.text.split()[0].lower()):
        return False  # "Our docs improve": a change; "SSO is enabled": a state
    if words[first] in language.object_stops or not re.search(r"\w", words[first]):
        return False
    verb_starts = {v.start for v in facts.verbs}
    # a vague noun in an aside or a list ("..., including internal security policies") does not
    # make the stated state less crisp; one in the main clause does ("Quality is better")
    aside = next((t[0] for t in facts.tokens[first:] if t[2] in (",", ";", "(", "including", "incluant", "dont")),
                 len(facts.text))
    if weasels(facts) or any(n.start not in verb_starts and n.start < aside for n in facts.vague_nouns):
        return False  # "can quickly update", "enough providers are active": not a crisp yes/no
    stop = language.object_stops
    states = _phrases_plain(facts.lexicon)
    if lead is not None and lead.start > facts.tokens[first][0] and not subjectless \
            and not set(lead.kinds) & {Kind.VAGUE, Kind.TASK, Kind.ACTIVITY} \
            and lead.text.lower() != lead.lemma and not participle.match(lead.text.lower()):
        return True  # "IPFS Desktop replaces go-ipfs as the starting point": what the subject does now
    for k in range(first if not subjectless else first + 1, len(words)):
        for phrase in states:
            if tuple(words[k:k + len(phrase)]) != phrase:
                continue
            after = words[k + len(phrase):k + len(phrase) + 1]
            if after and after[0] in language.definition_links:
                return False  # "The goal is to...", "L'objectif est de...": a definition, not a state
            if any(w in language.obligation_words for w in words[max(first, k - 3):k]):
                return False  # "must be replaced", "doit être": an obligation
            return True
    # A headline participle right after the leading noun phrase ("Data retention policy fully
    # rolled out", "Contrats migrés"); after a preposition it is an adjective of another noun
    # ("Kilométrage d'aménagements sécurisés").
    for v in facts.verbs:
        if v.start <= facts.tokens[first][0] or not participle.match(v.text.split()[0].lower()):
            continue
        k = next(i for i, t in enumerate(facts.tokens) if t[0] == v.start)
        if not any(w in stop or w in language.obligation_words for w in words[first:k]):
            return True
    return False


@derived
def _phrases_plain(lex: Lexicon) -> tuple[tuple[str, ...], ...]:
    # Split as the tokenizer does: after a French elision ("l'", "d'"), never inside an English
    # contraction ("we've" is one token).
    elide = bool(languages.get(lex.lang).elision)
    return tuple(tuple((e.replace("'", "' ") if elide else e).split()) if not e.startswith("'") else (e,)
                 for e in lex.words("end_state_words"))


def counts_outputs(facts) -> bool:
    """"Passer 100 appels", "Make 40 calls": a counted number whose noun is an output (the head of
    the noun phrase after it: "5,000 newsletter subscribers" counts subscribers, not newsletters)."""
    words = [t[2] for t in facts.tokens]
    outputs = _nouns(facts.lexicon, "output_nouns")
    for q in facts.counted:
        k = next((k for k, t in enumerate(facts.tokens) if t[0] >= q.end), None)
        if k is None:
            continue
        span, head = _object(words, k, facts.lexicon)
        if not head:
            continue
        text = " ".join(span).replace("' ", "'")
        if not languages.get(facts.lang).head_first:
            if any(text.endswith(" " + o) or text == o for o in outputs if o.split()[-1] == head):
                return True
        else:
            rest = " ".join(words[k:k + 4]).replace("' ", "'")
            if head in outputs or any(rest.startswith(o) and o.startswith(head) for o in outputs):
                return True
    return False


_TAG = re.compile(r"^\s*(?:\[[^\]]{1,20}\](?!\()|\([^)]{1,20}\)|\*\*[^*]{1,20}\*\*)\s*")  # "[P1]", not a "[link](url)"


def weasels(facts) -> list:
    """The weasel words that compare something: not "more" after "and"/"or", which closes a list
    ("headcount, hiring, and more") or an open count ("one or more daemons", "3 ou plus")."""
    out = []
    for w in facts.weasels:
        before = facts.text[:w.start].lower().split()
        if not (before and before[-1] in languages.get(facts.lang).alternatives):
            out.append(w)
    return out


def modifies_subject(facts) -> bool:
    """A leading participle or gerund that describes the subject of a later verb ("Updated brand
    guidelines are adopted", "Hiring managers have a pitch deck"): not the title's action."""
    lead = facts.lead
    if lead is None:
        return False
    word = lead.text.split()[0].lower()
    if not re.search(languages.get(facts.lang).modifier_lead, word):
        return False
    states = {p[0] for p in _phrases_plain(facts.lexicon)} | set(facts.lexicon.words("auxiliaries"))
    later = [t[2] for t in facts.tokens if t[0] > lead.end]
    return any(w in states for w in later[:8])


def is_participle(facts, verb) -> bool:
    """Whether a verb hit is a past participle form ("enabled", "migrés")."""
    return re.match(languages.get(facts.lang).past_participle, verb.text.split()[0].lower()) is not None
