#!/usr/bin/env python3
"""Time every regular expression smartlint uses against adversarial text of growing length.

Usage:  python tests/regex_growth.py [--max-chars 8000] [--verbose] [--all-families]

A regular expression that backtracks catastrophically turns a 45-byte goal file into a hang, so
no hand-kept list of patterns is trusted: the patterns are collected while they are compiled
(`re._compile` is wrapped before smartlint is imported, and a check runs over the project's own
case files in both languages so the patterns built from the word lists are made too), together
with every compiled pattern found in smartlint's modules. Each pattern is then run over families
of hostile text (long whitespace runs after every deadline marker, repeated fillers, long digit
and number runs, repeated punctuation, long words...) of doubling length. Doubling the length
must not multiply the time by more than GROWTH: a linear scan doubles it, a quadratic one
quadruples it, an exponential one explodes long before the text is large.

Prints one JSON object per line; the last line is {"failures": [...], "patterns": N, ...}.
Exit 1 when a pattern grows super-linearly. Run in a subprocess with a timeout (a hang is a
failure too): tests/test_regex_growth.py does.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import pkgutil
import re
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GROWTH = 3.0  # allowed time ratio when the text doubles (linear: ~2, quadratic: ~4)
FLOOR = 2e-4  # seconds: below this, timings are mostly noise and are not compared
ENOUGH = 0.01  # seconds: a measurement this long is signal enough; stop growing
TOO_SLOW = 1.0  # seconds for one scan of at most --max-chars characters: fail outright


# ------------------------------------------------------------------------------------------
# Collecting the patterns


ANCHORED = {"match", "fullmatch"}  # methods that try one position only


def collect() -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], set[str]]]:
    """Every (pattern, flags) compiled from smartlint's code -> where it was first seen; and the
    methods the analysis called on each (a pattern only ever `match`ed at one position is timed
    that way; any other, or one never seen called, is timed as a scan of the whole text)."""
    package_dir = str(ROOT / "smartlint")
    found: dict[tuple[str, int], str] = {}
    used: dict[tuple[str, int], set[str]] = {}

    def calls(frame, event, arg):
        if event == "c_call" and isinstance(getattr(arg, "__self__", None), re.Pattern):
            used.setdefault((arg.__self__.pattern, arg.__self__.flags), set()).add(arg.__name__)

    original = re._compile

    def recording(pattern, flags):
        compiled = original(pattern, flags)
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename.startswith(os.path.dirname(re.__file__)):
            frame = frame.f_back
        if frame is not None and frame.f_code.co_filename.startswith(package_dir):
            if isinstance(compiled.pattern, str):
                where = f"{os.path.relpath(frame.f_code.co_filename, ROOT)}:{frame.f_lineno}"
                found.setdefault((compiled.pattern, compiled.flags), where)
        return compiled

    re._compile = recording
    try:
        import smartlint
        from smartlint import regexes

        # The word lists' patterns are compiled by smartlint.regexes, which may hand a stored
        # program to re's engine without passing through re._compile: recorded there too.
        store_compile = regexes.compile

        def recording_store(pattern, flags=0):
            compiled = store_compile(pattern, flags)
            frame = sys._getframe(1)
            if frame.f_code.co_filename.startswith(package_dir):
                where = f"{os.path.relpath(frame.f_code.co_filename, ROOT)}:{frame.f_lineno}"
                found.setdefault((compiled.pattern, compiled.flags), where)
            return compiled

        regexes.compile = recording_store

        modules = []
        for info in pkgutil.walk_packages(smartlint.__path__, "smartlint."):
            if info.name.endswith("__main__"):
                continue
            try:
                modules.append(importlib.import_module(info.name))
            except Exception:  # an optional module whose extra is not installed
                continue
        sys.setprofile(calls)
        try:
            _exercise()
        finally:
            sys.setprofile(None)
        for module in modules:
            for name, value in vars(module).items():
                for candidate in _patterns_in(value):
                    found.setdefault((candidate.pattern, candidate.flags), f"{module.__name__}.{name}")
        from smartlint.nlp.patterns import patterns, placeholders

        for lang in ("en", "fr"):
            for candidate in _patterns_in(patterns(lang)) + _patterns_in(placeholders(lang)):
                found.setdefault((candidate.pattern, candidate.flags), f"patterns({lang})")
    finally:
        re._compile = original
        if "smartlint.regexes" in sys.modules:
            sys.modules["smartlint.regexes"].compile = store_compile
    return found, used


def _patterns_in(value, depth: int = 0) -> list[re.Pattern]:
    if isinstance(value, re.Pattern):
        return [value] if isinstance(value.pattern, str) else []
    if depth > 2:
        return []
    if isinstance(value, (tuple, list, set, frozenset)):
        return [p for v in value for p in _patterns_in(v, depth + 1)]
    if isinstance(value, dict):
        return [p for v in value.values() for p in _patterns_in(v, depth + 1)]
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        return [p for name in value.__dataclass_fields__ for p in _patterns_in(getattr(value, name, None), depth + 1)]
    return []


def _exercise() -> None:
    """Run the analysis over the project's case files and examples, both languages, no cache."""
    from typer.testing import CliRunner

    from smartlint.cli import app
    from smartlint.nlp.facts import analyse

    files = sorted(str(p) for p in (ROOT / "tests" / "cases").glob("*.yaml"))
    files += sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "extra.yaml"
        extra.write_text(
            "language: fr\nperiod: 2027-Q1\nobjectives:\n"
            "  - title: Doubler le CA d'ici fin juin 2027  # smartlint: disable=S001 reason=\"x\" until=2099-01-01\n"
            "    key_results:\n      - title: Passer de 40 à 55 clients actifs, +25 % sous 6 semaines\n",
            encoding="utf-8")
        env = {"SMARTLINT_CACHE_DIR": tmp}
        runner = CliRunner()
        for command in ("check", "report"):
            args = [command, "--no-cache", *files, str(extra)] if command == "check" else [command, *files]
            runner.invoke(app, args, env=env)
    samples = {
        "en": ["Grow MRR from €85k to €110k by the end of Q3 2027, up 25% (3x more) multiplied by 4",
               "Sign 1,200 contracts within 6 weeks, next quarter, by 31 March 2027 [TBD] ???"],
        "fr": ["Faire passer les clients de 40 à 55 d'ici la fin du deuxième trimestre 2027, +25 %",
               "Multiplier par 3 le CA de 1 200 000 € sous six semaines, 3 fois plus, d'ici à mars"],
    }
    for lang, texts in samples.items():
        for text in texts:
            analyse(text, lang)


# ------------------------------------------------------------------------------------------
# Hostile text


def _vocabulary() -> tuple[list[str], list[str]]:
    """Deadline words (markers, ends, months, units...) and other listed words of both languages."""
    from smartlint.lexicon import load_lexicon

    deadline, other = set(), set()
    for lang in ("en", "fr"):
        lex = load_lexicon(lang)
        for key, value in (lex.time or {}).items():
            items = value if isinstance(value, (list, dict)) else []
            deadline.update(str(w) for w in items)
        other.update(lex.numbers)
        for name in ("target_markers", "baseline_markers", "placeholders", "lead_fillers", "determiners"):
            other.update(lex.words(name))
    return sorted(deadline), sorted(other - deadline)


def families() -> dict[str, callable]:
    deadline, other = _vocabulary()
    fillers = ["the ", "of ", "le ", "la ", "de ", "des ", "l'", "d'", "en ", "au "]

    def each(words, tail):
        return lambda n: " ".join(w + tail(n) for w in words)

    return {
        # After every deadline word: spaces, then a character that ends no phrase.
        "deadline+spaces": each(deadline, lambda n: " " * n + "!"),
        "deadline+tabs": each(deadline, lambda n: "\u00a0\t " * n + "?"),
        "deadline+fillers": each(deadline, lambda n: " " + "".join(fillers) * n + "!"),
        "deadline+hyphens": each(deadline, lambda n: "-" * n + "x"),
        "deadline+words": each(deadline, lambda n: " a" * n + " 20"),
        "deadline+repeated": lambda n: " ".join(deadline) * n + " !",
        "other+spaces": each(other, lambda n: " " * n + "!"),
        "other+digits": each(other, lambda n: " " + "1" * n + "%x"),
        "spaces": lambda n: "a" + " " * n + "!",
        "letters": lambda n: "a" * n + "!",
        "accented": lambda n: "é" * n + "1",
        "between numbers": lambda n: "from 1 " + "a" * n + " 2 % x",
        "between numbers fr": lambda n: "de 1 " + "é" * n + " 2 %",
        "words": lambda n: "to " * n + "1 %",
        "digits": lambda n: "1" * n + "a",
        "digits+unit": lambda n: "1" * n + "xa",
        "grouped en": lambda n: "1" + ",000" * n + ".5.",
        "grouped fr": lambda n: "1" + " 000" * n + ",5,",
        "dotted": lambda n: "1" + ".000" * n + ".",
        "decimals": lambda n: "1.5" * n + "a",
        "ratios": lambda n: "1:2/" * n + "x",
        "dates": lambda n: "12/12/" * n + "x",
        "quarters": lambda n: "Q1 2027 " * n + "x",
        "years": lambda n: "2027 " * n + "%",
        "numbers spaced": lambda n: "1 " * n + "x",
        "multiply": lambda n: "multiply " + "x " * n + "by",
        "times": lambda n: "3 " * n + "times",
        "dots": lambda n: "." * n + "a",
        "punctuation": lambda n: "-'/:,%#!?()[]{}" * n + "a",
        "apostrophes": lambda n: "l'" * n + "a",
        "questions": lambda n: "?" * n + "a",
        "brackets": lambda n: "[" * n + "a",
        "comment": lambda n: "# smartlint: disable=" + "S001," * n + " reason=" + '"' * n,
        "comment spaces": lambda n: "#" + " " * n + "smartlint" + " " * n + ":" + " " * n + "x" + " " * n + "y",
        "hashes": lambda n: "# " * n + "smartlint",
        "indent": lambda n: "\n" + " " * n + "\n" + " " * n,
        "newlines": lambda n: "\r" * n + "a",
        "period": lambda n: "2027-Q1" * n + "-",
    }


# ------------------------------------------------------------------------------------------
# Timing


class _TooSlow(Exception):
    pass


def _interrupt(signum, frame):
    raise _TooSlow


def scan_time(compiled: re.Pattern, text: str, reps: int, anchored: bool = False) -> float:
    """The least CPU time of `reps` full scans (CPU time of this thread: another process taking
    the core does not count, which matters on a busy machine). A scan that runs past TOO_SLOW of
    CPU time is interrupted (the regular-expression engine checks for signals) and counts as
    infinitely long, so an exponential pattern fails the test instead of hanging it."""
    best = float("inf")
    previous = signal.signal(signal.SIGVTALRM, _interrupt)
    try:
        for _ in range(reps):
            start = time.thread_time()
            signal.setitimer(signal.ITIMER_VIRTUAL, TOO_SLOW)
            try:
                if anchored:
                    for pos in (0, 1, 2):  # the families start their hostile part within 2 characters
                        compiled.match(text, pos)
                else:
                    for _m in compiled.finditer(text):
                        pass
            except _TooSlow:
                return float("inf")
            finally:
                signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            best = min(best, time.thread_time() - start)
    finally:
        signal.signal(signal.SIGVTALRM, previous)
    return best


def growth(compiled: re.Pattern, family, max_chars: int, anchored: bool = False) -> dict | None:
    """None when the scan time grows linearly with the text; else what was seen.

    The text doubles until the scan takes ENOUGH time or the text is max_chars long. A doubling
    that multiplies the time by more than GROWTH is measured again with more repetitions, and
    then once more one doubling further (when that is affordable): noise does not repeat itself
    twice at two sizes, super-linear growth does. `anchored`: time single `match` attempts (a
    pattern the analysis only matches at one position) instead of whole scans.
    """
    n, previous = 1, None
    while True:
        text = family(n)
        if len(text) > max_chars:
            return None
        elapsed = scan_time(compiled, text, 3, anchored)
        if elapsed > TOO_SLOW:
            return {"n": n, "chars": len(text), "seconds": f"> {TOO_SLOW}", "why": "too slow"}
        if previous is not None and previous[1] >= FLOOR and elapsed > GROWTH * previous[1]:
            before = scan_time(compiled, family(previous[0]), 7, anchored)
            after = scan_time(compiled, text, 7, anchored)
            if after > GROWTH * before:
                seen = {"n": n, "chars": len(text), "seconds": round(after, 5), "ratio": round(after / before, 2),
                        "why": "super-linear"}
                if after * (after / before) > 0.2:
                    return seen  # the next doubling would take too long: that is answer enough
                further = scan_time(compiled, family(2 * n), 3, anchored)
                if further > GROWTH * after:
                    return {**seen, "next_ratio": round(further / after, 2)}
            elapsed = after
        if elapsed >= ENOUGH and previous is not None and previous[1] >= FLOOR:
            return None  # compared at sizes where the time is signal
        previous = (n, elapsed)
        n *= 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-chars", type=int, default=8000)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--all-families", action="store_true", help="go on after a pattern's first failure")
    args = parser.parse_args(argv)
    found, used = collect()
    texts = families()
    failures = []
    started = time.perf_counter()
    gc.disable()
    for (pattern, flags), where in sorted(found.items(), key=lambda kv: kv[1]):
        compiled = re.compile(pattern, flags)
        methods = used.get((pattern, flags), set())
        anchored = bool(methods) and methods <= ANCHORED
        if args.verbose:
            print(json.dumps({"checking": where, "pattern": pattern[:120], "used": sorted(methods)}), flush=True)
        for name, family in texts.items():
            seen = growth(compiled, family, args.max_chars, anchored)
            if seen:
                failure = {"where": where, "family": name, "pattern": pattern[:160], "used": sorted(methods), **seen}
                failures.append(failure)
                print(json.dumps(failure, ensure_ascii=False), flush=True)
                if not args.all_families:
                    break  # one hostile family is proof enough for this pattern
    gc.enable()
    print(json.dumps({"failures": failures, "patterns": len(found), "families": len(texts),
                      "anchored": sum(1 for key in found if used.get(key) and used[key] <= ANCHORED),
                      "seconds": round(time.perf_counter() - started, 1),
                      "checked": sorted(pattern for pattern, _flags in found)}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
