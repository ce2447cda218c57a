#!/usr/bin/env python3
"""Fuzz smartlint's whole pipeline (load, analyse, rules, formatters) with generated goal files.

Usage:  python tests/fuzz.py [--count 5000] [--seconds 120] [--seed 1] [--hostile 0.3] [--family NAME]

Inputs mix valid plans, plans with broken structure, YAML-significant characters, hostile YAML
(aliases, tags, deep nesting, long lines), control characters and random bytes; and hostile
families aimed at time and memory (HOSTILE: alias bombs through lists, long whitespace runs after
every deadline marker, long comments, huge word lists, hostile keys and file names). For each input it
checks the guarantees: no exception escapes, every finding is located inside the file, JSON and
SARIF output serialise, and no input takes more than MAX_SECONDS. Exit 1 on the first violation,
printing the input.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MAX_SECONDS = 10.0
WORDS = ["Enhance", "Améliorer", "Sign", "Signer", "40", "3 000", "25%", "de", "from", "to", "à", "by",
         "d'ici", "30 June 2027", "le 31/03/2027", "TBD", "???", "[date]", "eventually", "un jour", "x3",
         "double", "quadrupler", "Q3 2027", "fin T2", "within 6 weeks", "sous 6 semaines", "the", "la",
         "release", "mettre en place", "customers", "clients", "é", "—", "’", "%", "€", "#", ":", "-", "'", '"',
         "\t", "\u00a0", "\u202f", "🙂", "\x00", "\x07", "\r", "{", "}", "[", "]", "&a", "*a", "!!python/object", "!tag",
         "---", "...", "|", ">", "?", "@", "`", "0x1F", ".nan", "-.inf", "2027-02-30", "null", "~", "yes", "1e400"]
KEYS = ["title", "id", "owner", "baseline", "target", "current", "unit", "metric", "deadline", "period",
        "key_results", "initiatives", "titel", "targett", "language", "objectives", "goals"]


def text(rng: random.Random, n: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, n)))


def scalar(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return text(rng)
    if kind < 0.7:
        return json.dumps(text(rng), ensure_ascii=rng.random() < 0.5)
    if kind < 0.8:
        return str(rng.choice([0, -1, 12, 3.5, 10**20, "2027-Q1", "2027-03-31", "{start: 2027-01-01, end: 2026-01-01}"]))
    return rng.choice(["", "[]", "{}", "[a, b]", "{a: 1}", "*a", "&a x", "!!binary aGk=", "!custom x", "|\n  block text",
                       ">-\n  folded\n  text"])


def item(rng: random.Random, indent: int, depth: int) -> list[str]:
    pad = " " * indent
    if rng.random() < 0.3:
        return [f"{pad}- {scalar(rng)}"]
    lines = [f"{pad}- title: {scalar(rng)}"]
    for _ in range(rng.randint(0, 4)):
        key = rng.choice(KEYS)
        if key in ("key_results", "initiatives") and depth < 3:
            lines.append(f"{pad}  {key}:")
            for _ in range(rng.randint(0, 3)):
                lines += item(rng, indent + 4, depth + 1)
        else:
            lines.append(f"{pad}  {key}: {scalar(rng)}")
    return lines


def plan(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.05:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 400)))
    if roll < 0.1:
        depth = rng.randint(50, 3000)
        return ("goals: " + "[" * depth + "]" * depth + "\n").encode()
    if roll < 0.15:
        return ("goals:\n  - \"" + "Improve things " * rng.randint(100, 5000) + "\"\n").encode()
    lines = [f"language: {rng.choice(['fr', 'en', 'auto', 'de', '[x]'])}"]
    if rng.random() < 0.6:
        lines.append(f"period: {rng.choice(['2027-Q1', '2027-H2', '2027', '2027-Q9', '{start: 2027-01-01, end: 2027-03-31}'])}")
    for section in ("objectives", "goals"):
        if rng.random() < 0.8:
            lines.append(f"{section}:")
            for _ in range(rng.randint(0, 5)):
                lines += item(rng, 2, 1)
    if rng.random() < 0.2:  # damage the structure
        i = rng.randrange(len(lines))
        lines[i] = lines[i][: rng.randint(0, len(lines[i]))] + rng.choice(["\t", ":", "  - ", "'", "\"", "{", "]"])
    data = "\n".join(lines) + rng.choice(["\n", "", "\r\n"])
    encoding = rng.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"])
    return data.encode(encoding, errors="replace")


# ------------------------------------------------------------------------------------------
# Hostile families: each returns (file bytes, file name, word-list changes or None).


def _deadline_words(lang: str) -> list[str]:
    from smartlint.lexicon import load_lexicon

    time_words = load_lexicon(lang).time or {}
    words: list[str] = []
    for key in ("markers", "firm_markers", "end", "next", "year_end"):
        words += [str(w) for w in time_words.get(key) or []]
    return words or ["by"]


def alias_bomb_through_lists(rng: random.Random):
    width, depth = rng.randint(5, 12), rng.randint(3, 7)
    lines = ["language: en", "anchors:", f"  - &l0 [{', '.join(['Sign 4 deals by June 2027'] * width)}]"]
    for level in range(1, depth):
        lines.append(f"  - &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    lines.append(f"goals: *l{depth - 1}")
    if rng.random() < 0.5:
        lines.append(f"objectives:\n  - title: Win\n    key_results: *l{depth - 1}")
    return "\n".join(lines).encode() + b"\n", "bomb.yaml", None


def deadline_then_spaces(rng: random.Random):
    lang = rng.choice(["en", "fr"])
    words = _deadline_words(lang)
    lines = [f"language: {lang}", "goals:"]
    for _ in range(rng.randint(1, 20)):
        run = rng.choice([" ", "\u00a0", "\t ", " the ", " de la ", " l'", "-"]) * rng.randint(10, 800)
        title = f"Ship v2 {rng.choice(words)}{run}{rng.choice(['!', '?', '', 'x', '2027', '%'])}"
        lines.append(f"  - {json.dumps(title, ensure_ascii=False)}")
    return "\n".join(lines).encode() + b"\n", "deadlines.yaml", None


def long_comments(rng: random.Random):
    size = rng.choice([10_000, 100_000, 1_000_000])
    body = rng.choice(["x", " ", "# ", "smartlint: disable=S001 ", "é", "\t"]) * (size // 8)
    where = rng.random()
    if where < 0.33:
        text = f"# {body}\ngoals:\n  - Sign 4 deals by June 2027\n"
    elif where < 0.66:
        text = f"goals:\n  - Sign 4 deals by June 2027  # smartlint: disable=S001 reason=\"{body}\"\n"
    else:
        text = "goals:\n  - Sign 4 deals by June 2027\n" + f"# {body}\n" * rng.randint(1, 20)
    return text.encode(), "comments.yaml", None


def huge_word_lists(rng: random.Random):
    from smartlint.config import WordListChange

    alphabet = "abcdefghijklmnopqrstuvwxyzéèà '.-()[]*+?{}|^$\\"
    lists = ["placeholders", "vague_verbs", "weasel_words", "vague_nouns", "identifier_words", "target_markers",
             "baseline_markers", "lead_fillers", "determiners", "number_words"]
    changes = {}
    for name in rng.sample(lists, rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.3:
            words = ["a" * n for n in range(1, rng.randint(50, 600))]  # each word a prefix of the next
        elif kind < 0.5:
            words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(200, 3000)))]
        else:
            words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1000, 8000))]
        changes[name] = WordListChange(add=words)
    lang = rng.choice(["en", "fr"])
    text = f"language: {lang}\ngoals:\n" + "".join(f"  - {json.dumps(text_of(rng), ensure_ascii=False)}\n"
                                                   for _ in range(rng.randint(1, 30)))
    return text.encode(), "words.yaml", {lang: changes}


def text_of(rng: random.Random) -> str:
    return text(rng, 12) or "Sign 4 deals"


def hostile_keys(rng: random.Random):
    keys = ['"\\ud800"', '"\\udfff title"', '"tit\\x07le"', "x" * rng.randint(1000, 20000), "? [a, b]", "? {a: 1}",
            "1", "null", "~", '"\\u202etitle"', "title", "title", '"\\0"', "!!binary aGk="]
    lines = ["goals:"]
    for _ in range(rng.randint(1, 10)):
        key = rng.choice(keys)
        value = json.dumps(text_of(rng), ensure_ascii=False)
        if key.startswith("?"):
            lines += [f"  - {key}", f"    : {value}"]
        else:
            lines.append(f"  - {key}: {value}")
    return "\n".join(lines).encode() + b"\n", "keys.yaml", None


def hostile_names(rng: random.Random):
    name = rng.choice(["a\nb.yaml", "-x.yaml", "--config=x.yaml", "é ü.yaml", "[bold]x[/].yaml", "::error::x.yaml",
                       "\x1b[31mred.yaml", "a" * 200 + ".yaml", os.fsdecode(b"\xff\xfe.yaml"), "tab\there.yaml",
                       "\u202egnp.yaml", "x&<>\"'.yaml"])
    return b"goals:\n  - Improve onboarding\n  - TBD\n", name, None


HOSTILE = {f.__name__: f for f in (alias_bomb_through_lists, deadline_then_spaces, long_comments, huge_word_lists,
                                   hostile_keys, hostile_names)}


class _TooLong(BaseException):
    """Raised by the CPU timer inside a run that takes far too long (not an Exception: the code
    under test must not catch it)."""


def _too_long(signum, frame):
    raise _TooLong


def check_one(data: bytes, workdir: Path, name: str = "fuzz.yaml", words=None) -> str | None:
    """None if every guarantee holds, else what broke."""
    from smartlint.config import Config
    from smartlint.engine import Settings, lint_loaded, lint_paths
    from smartlint.load import load_file
    from smartlint.output import json as json_out
    from smartlint.output import sarif

    path = workdir / name
    try:
        path.write_bytes(data)
    except OSError:  # a name this file system refuses
        path, name = workdir / "fuzz.yaml", "fuzz.yaml"
        path.write_bytes(data)
    start = time.process_time()  # CPU time: other processes on a busy machine do not count
    # A hang (a regular expression backtracking for ever) is interrupted and reported.
    previous = signal.signal(signal.SIGVTALRM, _too_long)
    signal.setitimer(signal.ITIMER_VIRTUAL, 3 * MAX_SECONDS)
    try:
        if words:  # a configuration's word lists: the loader and the analysis read them
            config = Config(words=words)
            result = lint_loaded([load_file(path, name, config.lexicons())], Settings(use_cache=False).merged(config))
        else:
            result = lint_paths([(path, name)], Settings(use_cache=False))
        json_out.write(result, io.StringIO())
        sarif.write(result, io.StringIO())
    except _TooLong:
        return f"still running after {3 * MAX_SECONDS:.0f} s of CPU time"
    except Exception as exc:  # noqa: BLE001 - that is what we look for
        return f"{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
        if path.name != "fuzz.yaml":
            path.unlink(missing_ok=True)
    elapsed = time.process_time() - start
    if elapsed > MAX_SECONDS:
        return f"took {elapsed:.1f} s"
    from smartlint.load import Source

    lines = len(result.files[0].text and Source(result.files[0].text).line_starts or [0]) if result.files else 1
    lines = max(lines, data.count(b"\n") + 1)
    for f in result.findings:
        if not (1 <= f.line <= lines + 1 and f.column >= 1 and f.end_column >= f.column):
            return f"finding outside the file: {f}"
    if result.internal_errors:
        return "a rule crashed:\n" + result.internal_errors[0]
    return None


def run(count: int, seconds: float, seed: int, hostile: float = 0.3, family: str | None = None) -> int:
    """Fuzz until `count` inputs or `seconds` have passed. A share `hostile` of the inputs comes
    from the hostile families, taken in turn (so a short run meets each of them); `family` runs
    only that one ("all": every hostile family in turn, no random plans)."""
    import tempfile

    rng = random.Random(seed)
    families = list(HOSTILE.values()) if family in (None, "all") else [HOSTILE[family]]
    only_hostile = family is not None
    turn = 0
    deadline = time.monotonic() + seconds
    slowest = 0.0
    with tempfile.TemporaryDirectory(prefix="smartlint-fuzz-") as tmp:
        for n in range(count):
            if time.monotonic() > deadline:
                break
            name, words, label = "fuzz.yaml", None, "plan"
            if only_hostile or rng.random() < hostile:
                make = families[turn % len(families)]
                turn += 1
                data, name, words = make(rng)
                label = make.__name__
            else:
                data = plan(rng)
            t = time.perf_counter()
            problem = check_one(data, Path(tmp), name, words)
            slowest = max(slowest, time.perf_counter() - t)
            if problem:
                print(f"input {n} ({label}, seed {seed}, file {name!r}) broke a guarantee: {problem}\n"
                      f"--- input ---\n{data[:2000]!r}")
                return 1
    print(f"{n + 1} inputs ({turn} hostile), no guarantee broken; slowest {slowest:.2f} s")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hostile", type=float, default=0.3, help="share of inputs from the hostile families")
    ap.add_argument("--family", choices=["all", *HOSTILE], help="only hostile inputs, of this family (all: each in turn)")
    args = ap.parse_args()
    return run(args.count, args.seconds, args.seed, args.hostile, args.family)


if __name__ == "__main__":
    sys.exit(main())
