"""Text analysis: inflections, numbers, deadlines, changes and language detection."""

from __future__ import annotations

import pytest

from smartlint.lexicon import english_forms, french_forms, load_lexicon
from smartlint.nlp.facts import analyse
from smartlint.nlp.language import detect


@pytest.mark.parametrize("lemma, form", [
    ("enhance", "enhancing"), ("enhance", "enhanced"), ("stop", "stopping"), ("apply", "applies"),
    ("apply", "applied"), ("focus", "focuses"), ("optimize", "optimizes"),
])
def test_english_inflections(lemma, form):
    assert form in english_forms(lemma)


@pytest.mark.parametrize("lemma, form", [
    ("renforcer", "renforcez"), ("renforcer", "renforçons"), ("faciliter", "facilitons"),
    ("encourager", "encourageons"), ("améliorer", "amélioré"), ("améliorer", "améliorant"),
    ("établir", "établissons"), ("employer", "emploie"),
])
def test_french_inflections(lemma, form):
    assert form in french_forms(lemma)


@pytest.mark.parametrize("lang, word", [("en", "enhancing"), ("en", "Streamlines"), ("fr", "renforcez"),
                                        ("fr", "facilitons"), ("fr", "Favorisons")])
def test_inflected_vague_verbs_are_found(lang, word):
    facts = analyse(f"{word} the thing" if lang == "en" else f"{word} la chose", lang)
    assert facts.lead is not None and facts.lead.has("vague")


def test_phrasal_verbs_win_over_the_bare_verb():
    facts = analyse("Set up a data warehouse", "en")
    assert facts.lead.lemma == "set up" and facts.lead.has("task")
    facts = analyse("Mettre en place un comité client", "fr")
    assert facts.lead.lemma == "mettre en place"


@pytest.mark.parametrize("lang, text, values", [
    ("en", "Take weekly signups from 300 to 3,000", [300, 3000]),
    ("fr", "Faire passer les inscriptions de 300 à 3 000", [300, 3000]),
    ("fr", "Maintenir une disponibilité de 99,9 %", [99.9]),
    ("en", "Reach 1.5M€ in revenue", [1.5e6]),
    ("fr", "Atteindre 10k€ de revenu mensuel", [10000]),
    ("en", "Onboard three partners and a dozen resellers", [3, 12]),
    ("fr", "Recruter douze personnes", [12]),
])
def test_counted_numbers(lang, text, values):
    assert [q.value for q in analyse(text, lang).counted] == values


@pytest.mark.parametrize("lang, text", [
    ("en", "Launch one new offer by 31 March 2027"),
    ("en", "Be the first choice of retail teams in 2027"),
    ("fr", "Lancer une nouvelle offre d'ici le 31/03/2027"),
    ("fr", "Ouvrir un bureau à Lyon avant fin T3 2027"),
    ("en", "Run the 24/7 support desk from Q2"),
    ("fr", "Signer le 1er contrat au 2e trimestre"),
])
def test_no_counted_numbers(lang, text):
    assert analyse(text, lang).counted == []


@pytest.mark.parametrize("lang, text, deadline", [
    ("en", "Sign 40 deals by the end of Q3 2027", "by the end of Q3 2027"),
    ("en", "Sign 40 deals within 30 days", "within 30 days"),
    ("en", "Sign 40 deals by Friday 5 February 2027", "by Friday 5 February 2027"),
    ("en", "Sign 40 deals before March 15, 2027", "before March 15, 2027"),
    ("en", "Sign 40 deals next quarter", "next quarter"),
    ("en", "Grow bookings by 40% within the next quarter", "within the next quarter"),
    ("fr", "Signer 40 contrats avant fin T3", "avant fin T3"),
    ("fr", "Signer 40 contrats d'ici fin juin", "d'ici fin juin"),
    ("fr", "Signer 40 contrats sous 6 semaines", "sous 6 semaines"),
    ("fr", "Signer 40 contrats l'an prochain", "l'an prochain"),
    ("fr", "Signer 40 contrats d'ici la fin du deuxième trimestre 2027", "d'ici la fin du deuxième trimestre 2027"),
    ("fr", "Avant le vendredi 5 février 2027, signer 40 contrats", "Avant le vendredi 5 février 2027"),
    ("fr", "Signer 40 contrats au cours du prochain trimestre", "au cours du prochain trimestre"),
])
def test_deadlines(lang, text, deadline):
    facts = analyse(text, lang)
    assert [d.text for d in facts.deadlines] == [deadline]
    assert [q.value for q in facts.counted] == [40]


@pytest.mark.parametrize("lang, text", [
    ("en", "Grow retention by 25%"), ("en", "Shorten onboarding by simplifying the setup"),
    ("en", "Receive sign-off on 3 OKRs"), ("fr", "Augmenter la rétention de 25 %"),
    ("fr", "Réduire le délai de 10 jours à 7 jours"),
])
def test_not_deadlines(lang, text):
    assert analyse(text, lang).deadlines == []


def test_relative_and_absolute_percentages():
    assert [q.value for q in analyse("Grow retention by 25%", "en").relative] == [25]
    assert [q.value for q in analyse("Augmenter la rétention de 25 %", "fr").relative] == [25]
    assert analyse("Atteindre un taux de conversion de 25 %", "fr").relative == []
    assert analyse("Raise activation from 35% to 50%", "en").relative == []
    assert analyse("Keep uptime at 99.9%", "en").relative == []


def test_from_to():
    a, b = analyse("Réduire l'attrition de 5 % à 3 %", "fr").from_to
    assert (a.value, b.value) == (5, 3)


@pytest.mark.parametrize("lang, text, factor", [
    ("en", "Quadruple the partner network", 4), ("fr", "Doubler le nombre de clients", 2),
    ("en", "Get a 10x increase in referrals", 10), ("fr", "Multiplier par 3 les ventes", 3),
])
def test_multipliers(lang, text, factor):
    assert [m.value for m in analyse(text, lang).multipliers][:1] == [factor]


@pytest.mark.parametrize("text, lang", [
    ("Renforcer notre image de marque", "fr"), ("Enhance the quality of our documentation", "en"),
    ("Réduire l'attrition", "fr"), ("Grow paying workspaces", "en"),
    ("S'implanter sur le marché allemand", "fr"), ("Sign 40 new reseller agreements", "en"),
])
def test_language_detection(text, lang):
    assert detect(text) == lang


def test_word_lists_are_wide():
    for lang in ("en", "fr"):
        lex = load_lexicon(lang)
        for name in ("vague_verbs", "task_verbs", "goal_verbs", "vague_deadlines", "placeholders"):
            assert len(lex.words(name)) >= 10, (lang, name)


def test_parsed_word_lists_are_cached_and_invalidated(tmp_path, monkeypatch):
    from smartlint.lexicon import _read_lists

    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "vague_verbs.yaml").write_text("entries: [improve]\n", encoding="utf-8")
    assert _read_lists(folder)["vague_verbs"]["entries"] == ["improve"]
    assert len(list((tmp_path / "cache").glob("lists-*.json"))) == 1
    assert (tmp_path / "cache" / ".gitignore").read_text().strip().endswith("*")
    assert _read_lists(folder)["vague_verbs"]["entries"] == ["improve"]  # from the cache
    (folder / "vague_verbs.yaml").write_text("entries: [improve, enhance]\n", encoding="utf-8")
    assert _read_lists(folder)["vague_verbs"]["entries"] == ["improve", "enhance"]


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    from smartlint.lexicon import _read_lists

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(blocker / "cache"))
    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / "vague_verbs.yaml").write_text("entries: [améliorer]\n", encoding="utf-8")
    assert _read_lists(folder)["vague_verbs"]["entries"] == ["améliorer"]


def test_every_tag_is_a_kind_constant_and_a_verb_keeps_all_its_lists():
    from smartlint.lexicon import Kind

    known = {v for k, v in vars(Kind).items() if k.isupper()}
    facts = analyse("Doubler les ventes et améliorer la qualité d'ici TBD, dans les prochains mois", "fr")
    hits = [*facts.verbs, *facts.deadlines, *facts.vague_deadlines, *facts.placeholders, *facts.multipliers]
    assert hits and all(h.kinds and set(h.kinds) <= known for h in hits)
    double = next(v for v in facts.verbs if v.lemma == "doubler")
    assert double.has(Kind.MULTIPLIER) and double.has(Kind.GOAL)


@pytest.mark.parametrize("lang, title, action", [
    ("en", "Enable the team to implement a BDD framework", "implement"),
    ("fr", "Permettre aux équipes de déployer un outil", "permettre"),  # "de" + verb does not enable
    ("fr", "Encourager les équipes à participer aux rétrospectives", "participer"),
    ("en", "Enable SSO for every customer", "enable"),
    ("en", "Launch the help centre", "launch"),
])
def test_the_action_is_the_lead_or_the_task_an_enabling_lead_enables(lang, title, action):
    facts = analyse(title, lang)
    assert facts.action is not None and facts.action.text.lower() == action
    assert (facts.action == facts.lead) == (action == facts.lead.text.lower())
