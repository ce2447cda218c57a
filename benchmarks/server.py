#!/usr/bin/env python3
"""Benchmark the language server: diagnostics for a changed 50-goal file, and memory over edits.

Usage (from the project root, with the `server` and test extras installed):
    .venv/bin/python benchmarks/server.py [--edits 1000] [--changes 30]

1. In process (the server's own work): a 50-goal file is linted once (spaCy loaded, every title
   analysed), then one title at a time is changed to a title never seen before and linted again;
   prints the median, 95th percentile and maximum time per change (target: under 200 ms).
2. Over the protocol: `smartlint server --debounce-ms 0` in a subprocess, driven by pygls's client
   over stdio; the time from sending didChange to receiving publishDiagnostics (the user waits
   this plus the debounce delay, 150 ms by default).
3. Memory over `--edits` edits of the same file (each a new title): resident set size, analyses
   held in memory and objects tracked by Python's collector every 100 edits; flat means the
   in-memory analyses stay bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VERBS = ["Raise", "Cut", "Grow", "Sign", "Onboard", "Publish", "Reduce", "Enhance", "Improve", "Ship"]
THINGS = ["weekly demos", "the median build time", "design partners", "support tickets", "paid seats",
          "case studies", "trial signups", "the churn rate", "our documentation", "the mobile app"]


def title(i: int, salt: int = 0) -> str:
    verb, thing = VERBS[(i + salt) % len(VERBS)], THINGS[(i * 7 + salt) % len(THINGS)]
    if i % 3 == 0:
        return f"{verb} {thing} from {10 + i + salt} to {40 + i * 2 + salt} by 30 June 2027"
    if i % 3 == 1:
        return f"{verb} {thing} by {5 + (i + salt) % 40}% in region {i + salt}"
    return f"{verb} {thing} for team {i + salt}"


def plan(titles: list[str]) -> str:
    lines = ["language: en", "period: 2027-Q2", "owner: Growth", "goals:"]
    for i, t in enumerate(titles):
        lines += [f"  - title: {t}", f"    id: G{i + 1}"]
        if i % 4 == 0:
            lines += ["    baseline: 10", "    target: 20"]
    return "\n".join(lines) + "\n"


def in_process(changes: int) -> list[float]:
    from smartlint.lsp.session import Session

    session = Session(use_cache_folder=False)
    path = Path(tempfile.mkdtemp()) / "bench.goals.yaml"
    titles = [title(i) for i in range(50)]
    start = time.perf_counter()
    first = session.lint(path, plan(titles), date(2027, 4, 1))
    print(f"first analysis (spaCy loaded, 50 titles): {(time.perf_counter() - start) * 1000:.0f} ms, "
          f"{len(first.findings)} findings")
    times = []
    for n in range(changes):
        titles[n % 50] = title(n % 50, salt=1000 + n)
        text = plan(titles)
        start = time.perf_counter()
        session.lint(path, text, date(2027, 4, 1))
        times.append((time.perf_counter() - start) * 1000)
    return times


async def over_protocol(changes: int) -> list[float]:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    got: dict[int, float] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(ls, params: types.PublishDiagnosticsParams) -> None:
        got[params.version] = time.perf_counter()

    await client.start_io(sys.executable, "-m", "smartlint", "server", "--debounce-ms", "0", "--today", "2027-04-01")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = (Path(tempfile.mkdtemp()) / "bench.goals.yaml").as_uri()
    titles = [title(i) for i in range(50)]
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=plan(titles))))
    while 1 not in got:
        await asyncio.sleep(0.01)
    times = []
    for n in range(changes):
        version = n + 2
        titles[n % 50] = title(n % 50, salt=2000 + n)
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=plan(titles))]))
        while version not in got:
            await asyncio.sleep(0.001)
        times.append((got[version] - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def memory(edits: int) -> list[tuple[int, float, int, int]]:
    """RSS, the analyses held, and Python objects tracked by the collector, every 100 edits."""
    import gc

    from smartlint.lsp.session import Session

    session = Session(use_cache_folder=False)
    path = Path(tempfile.mkdtemp()) / "bench.goals.yaml"
    titles = [title(i) for i in range(50)]
    session.lint(path, plan(titles), date(2027, 4, 1))
    rows = []
    for n in range(1, edits + 1):
        titles[n % 50] = title(n % 50, salt=5000 + n)
        session.lint(path, plan(titles), date(2027, 4, 1))
        if n % 100 == 0:
            gc.collect()
            held = sum(c.size for c in session.analyses.values())
            rows.append((n, _rss_mb(), held, len(gc.get_objects())))
            print(f"{n:5d}  {rows[-1][1]:8.1f}  {held:14d}  {rows[-1][3]:13d}", flush=True)
    return rows


def _rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError):
        return float("nan")


def summary(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    print(f"{name}: median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms "
          f"({len(times)} changes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("SMARTLINT_CACHE_DIR", tempfile.mkdtemp(prefix="smartlint-bench-cache-"))
    summary("changed 50-goal file, in process", in_process(args.changes))
    summary("changed 50-goal file, didChange -> publishDiagnostics", asyncio.run(over_protocol(args.changes)))
    print("edits  RSS (MB)  analyses held  Python objects")
    memory(args.edits)


if __name__ == "__main__":
    main()
