#!/usr/bin/env python3
"""Fuzz smartlint's whole pipeline (load, analyse, rules, formatters) with generated goal files.

Usage:  python tests/fuzz.py [--count 5000] [--seconds 120] [--seed 1]

Inputs mix valid plans, plans with broken structure, YAML-significant characters, hostile YAML
(aliases, tags, deep nesting, long lines), control characters and random bytes. For each input it
checks the guarantees: no exception escapes, every finding is located inside the file, JSON and
SARIF output serialise, and no input takes more than MAX_SECONDS. Exit 1 on the first violation,
printing the input.
"""

from __future__ import annotations

import argparse
import io
import json
import random
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


def check_one(data: bytes, workdir: Path) -> str | None:
    """None if every guarantee holds, else what broke."""
    from smartlint.engine import Settings, lint_paths
    from smartlint.output import json as json_out
    from smartlint.output import sarif

    path = workdir / "fuzz.yaml"
    path.write_bytes(data)
    start = time.perf_counter()
    try:
        result = lint_paths([(path, "fuzz.yaml")], Settings(use_cache=False))
        json_out.write(result, io.StringIO())
        sarif.write(result, io.StringIO())
    except Exception as exc:  # noqa: BLE001 - that is what we look for
        return f"{type(exc).__name__}: {exc}"
    elapsed = time.perf_counter() - start
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


def run(count: int, seconds: float, seed: int) -> int:
    import tempfile

    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    slowest = 0.0
    with tempfile.TemporaryDirectory(prefix="smartlint-fuzz-") as tmp:
        for n in range(count):
            if time.monotonic() > deadline:
                break
            data = plan(rng)
            t = time.perf_counter()
            problem = check_one(data, Path(tmp))
            slowest = max(slowest, time.perf_counter() - t)
            if problem:
                print(f"input {n} (seed {seed}) broke a guarantee: {problem}\n--- input ---\n{data[:2000]!r}")
                return 1
    print(f"{n + 1} inputs, no guarantee broken; slowest {slowest:.2f} s")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    return run(args.count, args.seconds, args.seed)


if __name__ == "__main__":
    sys.exit(main())
