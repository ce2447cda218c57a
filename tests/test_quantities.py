"""The quantity model: values, units converted to a base, rates, kinds, roles, changes."""

from __future__ import annotations

import pytest

from smartlint.nlp.facts import analyse
from smartlint.nlp.quantities import convert, unit_of


def counted(text: str, lang: str):
    return analyse(text, lang).counted


@pytest.mark.parametrize("lang, text, value, unit, kind", [
    ("en", "Close €2m in new bookings", 2e6, "€", "money"),
    ("en", "Achieve new sales of $50m in Q3", 5e7, "$", "money"),
    ("en", "Close 85 k$ of deals", 85e3, "$", "money"),
    ("fr", "Signer 1,2 M€ de contrats", 1.2e6, "€", "money"),
    ("fr", "Signer 2 M€ de contrats", 2e6, "€", "money"),
    ("fr", "Atteindre 1 000 clients", 1000, "", "count"),
    ("en", "Reach 12k weekly users", 12000, "", "count"),
    ("en", "Hire a dozen engineers", 12, "", "count"),
    ("fr", "Former trois agents", 3, "", "count"),
    ("fr", "Former vingt-et-un agents", 21, "", "count"),
    ("fr", "Recruter deux cent quarante-trois bénévoles", 243, "", "count"),
    ("en", "Recruit two hundred fifty volunteers", 250, "", "count"),
    ("en", "Increase NPS by 10 points", 10, "pts", "points"),
    ("en", "Hit 120% of quota", 120, "%", "percent"),
    ("fr", "Atteindre 120 % du quota", 120, "%", "percent"),
    ("en", "Achieve net revenue retention of 115%", 115, "%", "percent"),
    ("en", "Keep availability at 99.9%", 99.9, "%", "share"),
    ("en", "Rate the service at least 4.5/5", 0.9, "ratio", "score"),
    ("en", "Grow pipeline coverage to 3x quota", 3, "x", "level"),
    ("fr", "Porter la couverture du pipeline à 3 fois le quota", 3, "x", "level"),
    ("en", "Improve archiving throughput by 5x", 5, "x", "change"),
    ("en", "Sync at a rate of 10MiB/s", 10, "MiB", "data"),
    ("fr", "Réduire la taille du paquet à 20 Mo", 20, "MB", "data"),
    ("en", "Rank in the top 3 search results for 'okr linter'", 3, "", "rank"),
    ("fr", "Figurer dans le top 10 des fournisseurs du secteur", 10, "", "rank"),
])
def test_values_units_and_kinds(lang, text, value, unit, kind):
    [q] = counted(text, lang)
    assert (q.value, q.unit, q.kind) == (pytest.approx(value), unit, kind)


@pytest.mark.parametrize("lang, text", [
    ("en", "Upgrade to Postgres 16"),
    ("en", "Upgrade every service to PostgreSQL 16"),
    ("en", "Get SOC 2 Type II certified"),
    ("fr", "Obtenir la certification ISO 27001"),
    ("en", "Move every script to Python 3.12"),
    ("en", "Release v2 of the public API"),
    ("en", "Launch our Web3 wallet"),
    ("en", "Complete security training in week 1"),
])
def test_identifiers_are_not_quantities(lang, text):
    facts = analyse(text, lang)
    assert facts.counted == []
    assert all(q.kind in ("identifier", "year") for q in facts.quantities)


@pytest.mark.parametrize("lang, text, per", [
    ("en", "Reduce on-call pages from 40/week to 15/week", "week"),
    ("fr", "Réduire les astreintes de 40/semaine à 15/semaine", "week"),
    ("fr", "Traiter 40 dossiers par mois", "month"),
    ("en", "Generate 150 leads per month", "month"),
    ("en", "Publish 2 posts a week", "week"),
    ("en", "Resolve 30 tickets per agent", "agent"),
])
def test_rates_have_a_per_unit(lang, text, per):
    assert {q.per for q in counted(text, lang)} == {per}


@pytest.mark.parametrize("lang, text, comparator, value", [
    ("en", "Keep churn below 2%", "<", 2),
    ("en", "Keep p95 latency under 300 ms", "<", 300),
    ("en", "Build time < 10 min", "<", 10),
    ("en", "NPS ≥ 50", ">=", 50),
    ("en", "Rate onboarding at least 4.5/5", ">=", 0.9),
    ("fr", "Maintenir le churn sous les 2 %", "<", 2),
    ("fr", "Garder plus de 95 % des ambulances disponibles", ">", 95),
    ("en", "Ship at least one post per month", ">=", 1),
])
def test_thresholds(lang, text, comparator, value):
    [q] = counted(text, lang)
    assert (q.role, q.comparator, q.value) == ("threshold", comparator, pytest.approx(value))


def test_a_short_service_level_is_a_threshold_not_only_a_deadline():
    [q] = counted("Maintainers must respond on discord within a day.", "en")
    assert (q.unit, q.role, q.base) == ("day", "threshold", 86400)
    assert counted("Launch the portal within 6 weeks", "en") == []  # a deadline, not a level


@pytest.mark.parametrize("lang, text, value", [
    ("en", "All new hires complete security training", 100),
    ("en", "Every customer has SSO enabled", 100),
    ("fr", "Tous les agents formés au nouvel outil", 100),
    ("fr", "Chaque visiteur reçoit une réponse", 100),
    ("fr", "Aucun incident de perte de données", 0),
    ("en", "Provide legal identity for all", 100),
])
def test_quantifiers(lang, text, value):
    [q] = analyse(text, lang).quantifiers
    assert (q.value, q.role) == (value, "target")


@pytest.mark.parametrize("lang, text, per", [
    ("en", "Publish a post every week", "week"),
    ("fr", "Publier un article tous les mois", "month"),
    ("en", "Weekly per-team reviews of the handbook", "week"),
    ("en", "Results are analyzed on a monthly basis", "month"),
    ("en", "Demo new features every sprint", "sprint"),
    ("fr", "Tenir une revue hebdomadaire du portefeuille", "week"),
    ("fr", "Publier les chiffres de façon trimestrielle", "quarter"),
])
def test_frequencies_are_a_rhythm_not_all(lang, text, per):
    """A frequency is one per period, never "all" (100%)."""
    [q] = analyse(text, lang).quantifiers
    assert (q.value, q.per, q.unit) == (1.0, per, "")


@pytest.mark.parametrize("lang, text", [
    ("en", "Increase weekly active users"),
    ("en", "Maximize monthly unique visitors"),
    ("fr", "Augmenter les utilisateurs actifs mensuels"),
    ("fr", "Faire des choix sûrs dans la vie de tous les jours"),
])
def test_a_cadence_naming_a_metric_is_no_rhythm(lang, text):
    assert analyse(text, lang).quantifiers == []


@pytest.mark.parametrize("lang, text, kind, value", [
    ("en", "Top-5 post on Hacker News", "rank", 5.0),
    ("en", "Become the #1 result for code search", "rank", 1.0),
    ("fr", "Être le site n°1 de la recherche de code", "rank", 1.0),
    ("en", "A daemon runs for 10 days without a crash", "duration", 10.0),
    ("fr", "Le service tourne pendant 30 jours sans incident", "duration", 30.0),
    ("en", "Self-serve on a majority of analytics requests", "share", 50.0),
    ("fr", "Former la majorité des agents", "share", 50.0),
])
def test_ranks_sustained_durations_and_majorities_are_counted(lang, text, kind, value):
    [q] = [q for q in analyse(text, lang).quantities if q.counted]
    assert (q.kind, q.value) == (kind, value)


def test_an_issue_number_is_no_rank():
    assert not [q for q in analyse("Fix #123 in the parser", "en").quantities if q.counted]


@pytest.mark.parametrize("lang, text", [
    ("en", "Strengthen compliance across all data centres"),
    ("fr", "Assurer la gestion de l'eau à tous les niveaux"),
    ("fr", "Mettre fin à toutes les formes de discrimination"),  # NFD "à" below
    ("fr", "Mettre fin a\u0300 toutes les formes de discrimination"),
])
def test_frequencies_and_scopes_are_no_quantifiers(lang, text):
    assert analyse(text, lang).quantifiers == []


@pytest.mark.parametrize("lang, text, before, after", [
    ("en", "Cut response time from 2 days to 36 hours", 172800, 129600),
    ("en", "Reduce page load from 1.2 s to 800 ms", 1.2, 0.8),
    ("en", "Reduce median build time from 14 to 8 minutes", 840, 480),
    ("fr", "Passer le délai de 3 semaines à 10 jours", 1814400, 864000),
    ("fr", "Passer le MRR de €1,2M à €1,5M", 1.2e6, 1.5e6),
    ("en", "Grow web traffic from 12k to 60k visits a month", 12e3, 60e3),
    # years and deadlines between the two ends do not break the change
    ("fr", "Réduire de 20 % la prévalence : passer de 42 % en 2003 à 33 % en 2008", 42, 33),
])
def test_changes_compare_in_one_unit(lang, text, before, after):
    a, b = analyse(text, lang).from_to
    assert (a.base, b.base) == (pytest.approx(before), pytest.approx(after))
    assert (a.role, b.role) == ("baseline", "target")


@pytest.mark.parametrize("lang, text", [
    ("en", "Keep CSAT between 4.2 and 4.6"),  # a band to stay within
    ("fr", "Atteindre 80 % de dépistage pour les femmes de 25 à 69 ans"),  # a scope
    ("fr", "Présenter une démonstration de 20 minutes à 3 prospects"),  # minutes, then prospects
    ("en", "Move from 3 days to 50%"),  # incompatible units
    ("fr", "Ramener la mortalité des enfants de moins de 5 ans à 25 pour 1 000"),  # a bound, then the target
    ("fr", "Réduire de 2 à 3 mm Hg la pression artérielle"),  # "by 2 to 3", against the verb
])
def test_no_change(lang, text):
    assert analyse(text, lang).from_to is None


def test_points_are_an_absolute_change_not_a_relative_one():
    facts = analyse("Increase NPS by 10 points", "en")
    assert facts.relative == [] and facts.counted[0].unit == "pts"


def test_conversions():
    assert convert(2, "day", "h") == 48
    assert convert(1.2, "s", "ms") == pytest.approx(1200)
    assert convert(1, "GB", "MB") == 1000
    assert convert(3, "day", "%") is None
    assert convert(3, "€", "$") is None
    assert [unit_of(u) for u in ("hours", "heures", "Mo", "EUR", "%", "jours", "minutes")] == \
        ["h", "h", "MB", "€", "%", "day", "min"]
