"""Each configuration has its own lexicons, passed from the engine to the analysis: two
configurations in one process (the language server, a check over several folders) never share
word-list changes, whatever the order in which they are used."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import write
from smartlint.config import WordListChange
from smartlint.engine import Settings, lint_paths, lint_text
from smartlint.lexicon import Lexicons, load_lexicon
from smartlint.nlp.facts import analyse

PACKAGE = Path(__file__).resolve().parent.parent / "smartlint"
TITLE = "Frobnicate the onboarding by 30 June 2027"
JAZZ = {"en": {"vague_verbs": WordListChange(add=["frobnicate"])}}


def test_lexicons_of_two_configurations_coexist():
    jazz, plain = Lexicons(JAZZ), Lexicons()
    for _ in range(2):  # interleaved: building one never changes the other
        assert analyse(TITLE, "en", lexicon=jazz.get("en")).lead.has("vague")
        lead = analyse(TITLE, "en", lexicon=plain.get("en")).lead
        assert lead is None or not lead.has("vague")
    assert "frobnicate" not in load_lexicon("en").words("vague_verbs")
    assert Lexicons(JAZZ).get("en") is jazz.get("en")  # the same changes: built once
    assert jazz.fingerprint() != plain.fingerprint()  # their analyses are cached apart


def test_the_facts_carry_the_lexicon_their_readers_use():
    facts = analyse(TITLE, "en", lexicon=Lexicons(JAZZ).get("en"))
    assert "frobnicate" in facts.lexicon.words("vague_verbs")
    assert facts.to_data().keys() == type(facts).from_data(facts.to_data()).to_data().keys()


def test_two_folders_with_their_own_words_in_one_run_and_in_one_session(tmp_path):
    goals = "language: en\nowner: Ana\ngoals:\n  - " + TITLE + "\n"
    write(tmp_path / "a", ".smartlint.yaml", "words:\n  en:\n    vague_verbs:\n      add: [frobnicate]\n")
    write(tmp_path / "b", ".smartlint.yaml", "select: [S]\n")
    a, b = write(tmp_path / "a", "g.yaml", goals), write(tmp_path / "b", "g.yaml", goals)
    for order in ([a, b], [b, a]):
        result = lint_paths([(p, str(p)) for p in order], Settings(use_cache=False))
        flagged = {Path(f.file).parent.name for f in result.findings if f.rule == "S001"}
        assert flagged == {"a"}, order
    configs: dict = {}
    for path, expected in ((a, True), (b, False), (a, True), (b, False)):
        result = lint_text(goals, path, Settings(use_cache=False), configs=configs)
        assert any(f.rule == "S001" for f in result.findings) == expected, path


def test_no_module_reads_the_shipped_lexicon_behind_the_configuration():
    """Only the lexicon module itself (and the facts' fallback for facts built outside the engine)
    may load the shipped lists: everything else reads the lexicon it is given."""
    allowed = {"lexicon.py", "facts.py"}
    for path in PACKAGE.rglob("*.py"):
        if path.name in allowed:
            continue
        calls = [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) == "load_lexicon"]
        assert not calls, path
