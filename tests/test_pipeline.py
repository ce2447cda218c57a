"""Tokens and listed phrases: the same from the worker as from spaCy here, and the same phrases
as spaCy's PhraseMatcher finds; the stored regular-expression programs are `re.compile`'s."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from smartlint import regexes
from smartlint.lexicon import Lexicons
from smartlint.nlp import pipeline
from smartlint.nlp.facts import to_tokenise

ROOT = Path(__file__).resolve().parent.parent
fork_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker is forked on Linux only")

TITLES = {
    "en": ["Raise weekly demos from 40 to 55 by June 2027", "Ship v2.1 by 30/06/2027 (see [docs](https://x.io/a))",
           "Hire a dozen engineers in the next few months", "Grow ARR ten-fold — or at least 3x!", "Cut p95 to 800ms",
           "  Decommission   the legacy VPN ", "We've benchmarked 4.5/5 CSAT", "Sign 2 M€ in new bookings, ASAP",
           "Reduce on-call pages from 40/week to 15/week", "Launch in Q3'27", "TBD", ""],
    "fr": ["Faire passer les démos hebdomadaires de 40 à 55 d'ici fin juin", "Recruter vingt-cinq commerciaux",
           "Améliorer l'accueil dans les prochains mois", "Réduire le délai de 2 jours à 36 heures",
           "Atteindre 120 % du quota au T3", "Obtenir la certification ISO 27001", "Contrats migrés", "n°1 en France"],
}


def _all_titles() -> list[tuple[str, str]]:
    found = [(lang, t) for lang, titles in TITLES.items() for t in titles]
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        lang = "fr" if "fr" in path.stem else "en"
        found += [(lang, m.group(1).strip().strip('"')) for m in re.finditer(r"title:\s*(.+)", path.read_text("utf-8"))]
    return found


def test_phrases_are_found_as_spacys_phrasematcher_finds_them():
    from spacy.matcher import PhraseMatcher

    lexicons = Lexicons()
    for lang in ("en", "fr"):
        lex = lexicons.get(lang)
        tok = pipeline.tokenizer(lang)
        matcher = PhraseMatcher(tok.vocab, attr="LOWER")
        for name in pipeline.PHRASE_LISTS:
            matcher.add(name, list(tok.pipe(lex.words(name))))
        for name, table in (("number_words", lex.numbers), ("multiplier_words", {**lex.multipliers, **lex.divisors})):
            several = [w for w in table if len(tok(w)) > 1]
            matcher.add(name, list(tok.pipe(several)))
        # Every listed phrase inside a sentence, and the titles above.
        texts = [to_tokenise(t) for language, t in _all_titles() if language == lang]
        texts += [f"Do it {p} now" for name in pipeline.PHRASE_LISTS for p in lex.words(name)]
        texts += [f"x {w} y" for w in list(lex.numbers)[:300]]
        found_any = False
        for text, doc in zip(texts, tok.pipe(texts)):
            expected = sorted((tok.vocab.strings[m], s, e) for m, s, e in matcher(doc))
            got = sorted(pipeline.phrase_matches(lex, [t.lower_ for t in doc]))
            assert got == expected, text
            found_any = found_any or bool(got)
        assert found_any


WORKER_SCRIPT = """
import json, os, signal, sys
from smartlint.nlp import pipeline
texts = json.loads(sys.stdin.read())
assert pipeline.start_worker(), "no worker"
pid = pipeline._worker.pid
out = {lang: pipeline.tokens(t, lang) for lang, t in texts.items()}
here = {lang: pipeline.tokens_here(t, lang) for lang, t in texts.items()}
if sys.argv[1] == "kill":
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    after = pipeline.tokens(texts["en"], "en")
    assert pipeline._worker is None, "a dead worker is dropped"
    assert after == here["en"]
print(json.dumps({"worker": out, "here": here}))
"""


def _run(script: str, *args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, *args], input=stdin, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


@fork_only
def test_the_worker_tokenises_as_spacy_here():
    texts = {lang: [to_tokenise(t) for language, t in _all_titles() if language == lang] for lang in ("en", "fr")}
    done = _run(WORKER_SCRIPT, "keep", stdin=json.dumps(texts))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["worker"] == result["here"]
    assert sum(len(t) for t in result["worker"]["fr"]) > 50


@fork_only
def test_a_dead_worker_is_replaced_by_spacy_here():
    done = _run(WORKER_SCRIPT, "kill", stdin=json.dumps({"en": TITLES["en"], "fr": TITLES["fr"]}))
    assert done.returncode == 0, done.stderr


def test_no_worker_when_disabled_or_with_threads():
    done = _run("from smartlint.nlp import pipeline; print(pipeline.start_worker())", env={"SMARTLINT_WORKER": "0"})
    assert done.stdout.strip() == "False", done.stderr
    script = ("import threading, time\nfrom smartlint.nlp import pipeline\n"
              "t = threading.Thread(target=time.sleep, args=(1,)); t.start()\nprint(pipeline.start_worker())")
    assert _run(script).stdout.strip() == "False"


@fork_only
def test_check_gives_the_same_bytes_with_and_without_the_worker_and_leaves_no_process(tmp_path):
    files = [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    marker = tmp_path / "goals-worker-marker.yaml"
    marker.write_text("objectives:\n  - title: Raise weekly demos from 40 to 55 by June 2027\n", "utf-8")
    outputs = {}
    for worker in ("0", "1"):
        env = {**os.environ, "SMARTLINT_WORKER": worker, "SMARTLINT_CACHE_DIR": str(tmp_path / f"cache{worker}")}
        done = subprocess.run([sys.executable, "-m", "smartlint", "check", "--today", "2027-01-15", "--format", "json",
                               *files, str(marker)], capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode in (0, 1), done.stderr
        outputs[worker] = done.stdout
    assert outputs["0"] == outputs["1"]
    assert json.loads(outputs["1"])["findings"]
    left = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(marker).encode() in (entry / "cmdline").read_bytes():
                left.append(entry.name)
        except OSError:
            continue
    assert left == []


@pytest.fixture
def new_process(tmp_path, monkeypatch):
    """A cache folder of its own, and a function that forgets what this process compiled and read,
    as a new process would."""
    if regexes._sre() is None:
        pytest.skip("the stored programs are CPython's")
    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path))

    def forget() -> None:
        monkeypatch.setattr(regexes, "_compiled", {})
        monkeypatch.setattr(regexes, "_store", None)
        monkeypatch.setattr(regexes, "_used", set())

    forget()
    return forget


def test_stored_programs_are_those_re_compile_makes(tmp_path, monkeypatch, new_process):
    samples = [(r"(?<!\w)(?P<num>\d+(?:[.,]\d+)?)\s*(?:fois|times)", re.IGNORECASE), (r"(?i:a|b)(?P<x>c)?", 0),
               (r"^(?:[\[\(]|d')", 0), (r"café|naïve", re.IGNORECASE)]
    first = [regexes.compile(p, f) for p, f in samples]
    regexes.save()
    assert list(tmp_path.glob("regex-*.json"))
    new_process()
    fresh = []
    monkeypatch.setattr(regexes, "_compile_and_keep", lambda *a: fresh.append(a) or re.compile(a[0], a[1]))
    again = [regexes.compile(p, f) for p, f in samples]
    assert fresh == []  # every program came from the store
    for (pattern, flags), a, b in zip(samples, first, again):
        assert a == b == re.compile(pattern, flags)
        plain = re.compile(pattern, flags)
        assert b.groupindex == plain.groupindex and b.flags == plain.flags
        for text in ("x 3 times", "Fois 12,5 FOIS", "CAFÉ", "d'ici", "ac", "(b"):
            got, want = b.search(text), plain.search(text)
            assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


def test_an_altered_store_is_not_used(tmp_path, new_process):
    regexes.compile(r"(?P<n>\d+)\s*%")
    regexes.save()
    [stored] = tmp_path.glob("regex-*.json")
    stored.write_bytes(stored.read_bytes().replace(b"[", b"[1,", 1))  # a changed program: its signature fails
    new_process()
    assert regexes.compile(r"(?P<n>\d+)\s*%") == re.compile(r"(?P<n>\d+)\s*%")
    assert regexes.compile(r"(?P<n>\d+)\s*%").search("up 12 %").group("n") == "12"


def test_analysis_patterns_are_the_same_text_in_every_process(tmp_path):
    """The store is keyed by the pattern's text: a pattern built in set order would differ with the
    hash seed, miss the store on every run and rewrite it."""
    script = ("import sys, json\nfrom smartlint import regexes\nfrom smartlint.lexicon import Lexicons\n"
              "from smartlint.nlp.facts import prepare\nkeys = []\n"
              "regexes._compile_and_keep = lambda p, f, i: keys.append(p) or __import__('re').compile(p, f)\n"
              "regexes._load = lambda: {}\nlex = Lexicons()\nprepare(lex.get('en')); prepare(lex.get('fr'))\n"
              "print(json.dumps(sorted(keys)))")
    seen = []
    for seed in ("1", "2", "3"):
        done = _run(script, env={"PYTHONHASHSEED": seed, "SMARTLINT_CACHE_DIR": str(tmp_path), "SMARTLINT_WORKER": "0"})
        assert done.returncode == 0, done.stderr
        seen.append(json.loads(done.stdout))
    assert len(seen[0]) > 20
    assert seen[0] == seen[1] == seen[2]


@fork_only
def test_a_large_plan_is_analysed_in_both_processes_with_the_same_findings(tmp_path):
    """From SHARE_FROM titles of a language, the worker analyses a share of them with the
    configuration's word changes; the findings are those of one process alone."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run as bench
    finally:
        sys.path.pop(0)
    plan = tmp_path / "plan.yaml"
    plan.write_text(bench.generate(3000), "utf-8")
    (tmp_path / ".smartlint.yaml").write_text(
        "words:\n  en:\n    vague_verbs:\n      add: [release]\n  fr:\n    vague_verbs:\n      add: [signer]\n", "utf-8")
    assert len(set(re.findall(r"title: (.+)", plan.read_text("utf-8")))) >= 2 * pipeline.SHARE_FROM
    outputs = {}
    for worker in ("0", "1"):
        env = {**os.environ, "SMARTLINT_WORKER": worker, "SMARTLINT_CACHE_DIR": str(tmp_path / f"cache{worker}")}
        done = subprocess.run([sys.executable, "-m", "smartlint", "check", "--today", "2027-01-15", "--format", "json",
                               str(plan)], capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
        outputs[worker] = done.stdout
    assert outputs["0"] == outputs["1"]
    messages = [f["message"] for f in json.loads(outputs["1"])["findings"]]
    assert any("Release" in m or "release" in m for m in messages)  # the configuration's word reached the worker
