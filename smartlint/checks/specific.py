"""Specific: the goal says exactly what is to be reached."""

from __future__ import annotations

import re
from typing import Iterator

from smartlint import languages
from smartlint.checks.base import ALL_LEVELS, MEASURED, Context, Report, Rule, fail, has_target, ok, quantifier_target
from smartlint.checks.okr import objective_task
from smartlint.i18n import _
from smartlint.lexicon import Kind
from smartlint.model import Criterion, Level, Node, Severity
from smartlint.nlp.delivery import end_state, is_participle, weasels



def has_quantified_result(node: Node) -> bool:
    return node.facts.quantified or getattr(node.item, "target", None) is not None


class VagueVerb(Rule):
    """A vague verb with no quantified target.

    "Improve", "enhance", "streamline", "améliorer", "renforcer", "favoriser" say that something
    should get better but not what result will show it. With a number ("Improve the activation rate
    from 35% to 50%") the verb is harmless; without one nobody can tell at the end of the period
    whether the goal was met. Only the title's own action is judged: a vague verb in a clause
    about something else ("a packaging model that aligns our offer with customer value", "to help
    their teams thrive") is not reported.

    Position on contested cases: objectives may be vague on purpose ("Améliorer le pipeline des
    ventes" is a good objective) and are not checked; key results and goals are.
    """

    code = "S001"
    name = "vague-verb"
    criterion = Criterion.specific
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, "Enhance the quality of our documentation"),
        ok("en", Level.key_result, "Enhance the activation rate from 35% to 50%"),
        fail("fr", Level.key_result, "Renforcer la qualité de notre documentation"),
        ok("fr", Level.key_result, "Faire passer le taux d'activation de 35 % à 50 %"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        verb = vague_action(node)
        if verb is None:
            return
        # a vague lead with only a scope number ("Streamline the 4 warehouses") still fails
        yield Report(
            _("vague verb \"{verb}\" with no quantified target", verb=verb.text),
            _("Say what number will show the change, e.g. \"from 35% to 50%\", or name the "
              "concrete result instead of the verb."),
            span=(verb.start, verb.end),
        )


def vague_action(node: Node):
    """The vague verb that is the title's own action, or None: one home for vague-verb and for
    the rules that leave such titles to it (vague-metric, weasel-word).

    The title's actions are its lead (or, with no lead, its first verb not used as a noun), the
    verbs coordinated with it ("... and strive to provide") and the verb it introduces ("continue
    to promote"). A vague verb elsewhere sits in a clause about something else ("a model that
    aligns...", "to help their teams thrive") or names a thing ("nurture flows")."""
    if has_quantified_result(node):
        return None
    facts = node.facts
    for verb in _actions(facts):
        if verb.has(Kind.VAGUE):
            if verb != facts.lead and has_target(node):
                return None  # "2 projects enable X", "Raise 300 k€ to renovate...": the number is the result
            if verb != facts.lead and is_participle(facts, verb) and facts.reading(end_state):
                return None  # "The DHT is enabled by default": a state, binary-key-result's to report
            enabled = facts.action if node.level == Level.key_result else None
            if enabled is not None and enabled != facts.lead and verb == facts.lead:
                return None  # "Enable the team to implement X": task-as-key-result reports the action
            return verb
    return None


def _actions(facts) -> list:
    first = facts.lead if facts.lead is not None else _first_verb(facts)
    if first is None:
        return []
    language = languages.get(facts.lang)
    coordinators, introducers = language.alternatives | {",", "&"}, language.introducers
    index = {t[0]: k for k, t in enumerate(facts.tokens)}
    words = [t[2] for t in facts.tokens]
    chain = [first]
    last = index.get(first.start, 0)
    for v in facts.verbs:
        k = index.get(v.start)
        if k is None or v.start <= first.start or k == 0:
            continue
        before = words[k - 1]
        if before in coordinators or (before in introducers and k - 1 - last <= 3):
            chain.append(v)
            last = k
    return chain


def _first_verb(facts):
    """With no lead, the first verb not used as a noun (right after "our", "the", "le"...)."""
    determiners = facts.lexicon.word_set("determiners")
    before = {t[0]: facts.tokens[k - 1][2] if k else "" for k, t in enumerate(facts.tokens)}
    return next((v for v in facts.verbs if before.get(v.start, "") not in determiners), None)


class Placeholder(Rule):
    """An unfilled placeholder: TBD, TODO, XX, ???, [date], à définir.

    A placeholder is a promise to decide later that was never kept. It hides a missing number, date
    or owner, at every level, in the title and in the text fields (owner, unit, metric, id).
    """

    code = "S002"
    name = "placeholder"
    criterion = Criterion.specific
    severity = Severity.error
    levels = ALL_LEVELS
    examples = [
        fail("en", Level.initiative, "Present the results to TODO"),
        ok("en", Level.initiative, "Present the results to the leadership team"),
        fail("fr", Level.goal, "Ramener le taux d'attrition à ??? d'ici [date]"),
        ok("fr", Level.goal, "Ramener le taux d'attrition de 5 % à 3 % d'ici le 30 juin 2027"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        for hit in node.facts.placeholders:
            yield Report(_("unfilled placeholder \"{text}\"", text=hit.text),
                         _("Replace it with the real value, or remove the item until it is decided."),
                         span=(hit.start, hit.end))
        for key, value in node.field_placeholders.items():
            yield Report(_("`{key}` is an unfilled placeholder (\"{value}\")", key=key, value=value),
                         _("Fill in `{key}` or remove it.", key=key), field=key)


class NoVerb(Rule):
    """A title with no verb: a bare noun phrase gives no direction.

    "Customer loyalty", "Online updates", "Fidélité des clients" name a topic, not where to go:
    lead it, improve it, cut it? An objective or key result starts with the verb that says the
    direction. A key result written as a metric with its number ("NPS above 50") is accepted.
    """

    code = "S003"
    name = "no-verb"
    criterion = Criterion.specific
    severity = Severity.warning
    levels = frozenset({Level.objective, Level.key_result, Level.goal})
    examples = [
        fail("en", Level.objective, "Customer loyalty"),
        ok("en", Level.objective, "Understand why customers leave"),
        fail("fr", Level.objective, "Fidélité des clients"),
        ok("fr", Level.objective, "Comprendre pourquoi nos clients partent"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        if facts.has_verb or (node.level != Level.objective
                              and (has_target(node) or quantifier_target(facts) or facts.lead_is(Kind.TASK)
                                   or facts.end_state)):
            # a key result led by a task noun is task-as-key-result's to report; one that states an
            # end state ("SSO rolled out to every team") is a binary result, and one with a rhythm or
            # a universal scope ("Weekly per-team reviews", "interview for all candidates") a
            # metric-style result, not a bare topic
            return
        if objective_task(node) is not None:
            return  # "Étude de marché", "Refonte du site": task-as-objective says what is wrong
        if facts.action is not None:
            return  # "(KR1) Create a user survey": the verb stands after a tag
        yield Report(
            _("no verb: the title is a bare noun phrase and gives no direction"),
            _("Start with the verb that says where to go, e.g. \"Understand why customers churn\" "
              "rather than \"Customer churn\"."),
        )


_COUNTING = re.compile(
    r"\b(?:number|count|rate|ratio|score|index|share|percentage|nps|csat|ces|enps|taux|nombre|part|"
    r"indice|pourcentage|note|proportion)\b", re.IGNORECASE)


class VagueMetric(Rule):
    """The measured thing is an abstract noun with no defined measure.

    "Quality", "visibility", "brand image", "efficacité", "notoriété" are not numbers: two people
    will measure them differently. Name how it is counted ("number of 5-star reviews", "taux de
    résolution au premier contact", "NPS") or set `metric:`. Titles with a vague verb are left to
    vague-verb, which already says what is missing.
    """

    code = "S004"
    name = "vague-metric"
    criterion = Criterion.specific
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, "Increase customer satisfaction"),
        ok("en", Level.key_result, "Raise the share of tickets rated 4 or 5 from 72% to 80%"),
        fail("fr", Level.key_result, "Accroître la notoriété de la marque"),
        ok("fr", Level.key_result, item={"title": "Accroître la notoriété de la marque",
                                         "metric": "part des répondants qui citent la marque", "target": 30}),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        nouns = [n for n in facts.vague_nouns if not _aside(facts, n)]
        if not nouns or has_target(node) or _COUNTING.search(facts.text):
            return
        if getattr(node.item, "metric", None) or getattr(node.item, "unit", None):
            return
        if vague_action(node) is not None or facts.lead_is(Kind.TASK):
            return  # vague-verb or task-as-key-result already says what is missing
        noun = nouns[0]
        yield Report(_("\"{noun}\" has no defined measure", noun=noun.text),
                     _("Say how it is counted (\"number of 5-star reviews\", \"NPS\") and the value to "
                       "reach, or set `metric:` and `target:`."),
                     span=(noun.start, noun.end))


def _aside(facts, noun) -> bool:
    """A vague noun that is not what the title measures: in the label before a colon ("Candidate
    experience: the survey is implemented"), in a relative clause ("a model that aligns our offer
    with customer value"), or naming the kind of another noun ("a devex satisfaction survey")."""
    colon = facts.text.find(":")
    if 0 <= colon and noun.end <= colon and len(facts.text[:colon].split()) <= 4:
        return True
    before = facts.text[:noun.start].lower().replace("’", "'").split()
    language = languages.get(facts.lang)
    if any(w in language.relative_pronouns for w in before[-6:]):
        return True
    if language.compound_stops:  # "a devex satisfaction survey": a noun before its head names its kind
        after = facts.text[noun.end:].split()
        nxt = after[0].lower().strip(".,;:()") if after else ""
        verbs = {v.start for v in facts.verbs}
        at = noun.end + len(facts.text[noun.end:]) - len(facts.text[noun.end:].lstrip())
        if nxt.isalpha() and nxt not in language.compound_stops and at not in verbs:
            return True
    return False


class WeaselWord(Rule):
    """A comparative or intensifier with no reference: "more", "better", "significantly",
    "davantage", "mieux", "plusieurs".

    More than what, better by how much? Without a number the word cannot be checked and invites
    an argument at review time. Replace it with the number it stands for.
    """

    code = "S005"
    name = "weasel-word"
    criterion = Criterion.specific
    severity = Severity.warning
    levels = MEASURED
    examples = [
        fail("en", Level.key_result, "Get more qualified leads from partners"),
        ok("en", Level.key_result, "Get 40 more qualified leads from partners"),
        fail("fr", Level.key_result, "Attirer davantage de prospects qualifiés"),
        ok("fr", Level.key_result, "Attirer 40 prospects qualifiés de plus"),
    ]

    def check(self, node: Node, ctx: Context) -> Iterator[Report]:
        facts = node.facts
        found = weasels(facts)
        if not found or has_target(node):
            return
        if vague_action(node) is not None:
            return  # vague-verb already says what is missing
        word = found[0]
        yield Report(_("\"{word}\" says nothing checkable without a number", word=word.text),
                     _("Replace it with the number it stands for: \"40 more leads\", \"from 3 to 5\"."),
                     span=(word.start, word.end))

