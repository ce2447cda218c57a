"""The HTML dashboard of examples/ with a history made in the test, opened in a real headless
Chromium: the charts are drawn, every title is there, the table of contents leads to its sections,
nothing is fetched from the network, and nothing spills out of the page. Screenshots are written to
$SMARTLINT_SCREENSHOTS when set (to look at them), else kept in the test's temporary folder.

Skipped where no Chromium is installed (Debian: `apt-get install chromium`); the HTML itself is
parsed without a browser in test_report.py and test_report_tracking.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import Browser, find_chromium
from checkins import checked_in_examples

CHROMIUM = find_chromium()
TODAY = "2027-02-15"

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium installed (Debian package `chromium`, or "
                       "SMARTLINT_CHROMIUM=/path/to/chrome); the HTML is parsed without a browser elsewhere"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (the dashboard shows a history)"),
]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory) -> tuple[Path, dict]:
    """examples/ checked in weekly in a fresh repository, and its dashboard with history."""
    repo = tmp_path_factory.mktemp("plan")
    checked_in_examples(repo)

    def report(fmt: str, *extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "smartlint", "report", "okrs", "--history", "--today", TODAY,
                               "-f", fmt, *extra], cwd=repo, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "NO_COLOR": "1"})

    for language in ("en", "fr"):  # the French labels are longer: both must fit
        run = report("html", "--messages", language, "-o", f"dashboard-{language}.html")
        assert run.returncode == 0, run.stderr
    data = json.loads(report("json").stdout)
    return repo, data


def shots_dir(tmp_path: Path) -> Path:
    named = os.environ.get("SMARTLINT_SCREENSHOTS")
    folder = Path(named) if named else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# Everything the test reads from the page, measured by the browser after layout.
MEASURE = """(() => {
  const box = e => e.getBoundingClientRect();
  const doc = document.documentElement;
  const burnups = [...document.querySelectorAll('svg.burnup')].map(s => ({
    label: s.getAttribute('aria-label'), width: box(s).width, height: box(s).height,
    points: s.querySelector('polyline.checkins').getAttribute('points').trim().split(/\\s+/).length,
    checkins: s.querySelectorAll('circle.checkin').length, expected: !!s.querySelector('line.expected')}));
  const charts = [...document.querySelectorAll('svg.chart')].map(s => ({
    width: box(s).width, bars: s.querySelectorAll('rect.progress').length}));
  // an element wider than the page, or text drawn past its table cell
  const spill = [...document.querySelectorAll('body *')].filter(e => box(e).right > doc.clientWidth + 1)
    .map(e => e.tagName + '.' + (e.getAttribute('class') || ''));
  return {title: document.title, lang: doc.lang, text: document.body.innerText, burnups, charts, spill,
          scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
          links: [...document.querySelectorAll('nav a, table.summary a')].map(a => a.getAttribute('href'))};
})()"""

FOLLOW = """(href => {
  const target = document.getElementById(href.slice(1));
  if (!target) return 'missing';
  window.scrollTo(0, 0);
  document.querySelector(`a[href="${href}"]`).click();
  const top = target.getBoundingClientRect().top;
  const bottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
  return location.hash === href && (Math.abs(top) < 2 || (bottom && top > 0)) ? 'ok' : `top ${top}`;
})"""


@pytest.mark.parametrize("width, language", [(1280, "en"), (800, "en"), (800, "fr")])
def test_the_dashboard_in_a_headless_browser(dashboard, tmp_path, width, language):
    repo, data = dashboard
    page = repo / f"dashboard-{language}.html"
    krs = [k for r in data["reports"] for o in r["objectives"] for k in o["key_results"]]
    with_history = [k for k in krs if len([p for p in k.get("history", {}).get("checkins", []) if p["commit"]]) >= 2]
    assert len(with_history) >= 6, "the test repository gives several key results a history"
    shots = shots_dir(tmp_path)
    with Browser(CHROMIUM, tmp_path / "profile", width=width, height=900) as browser:
        browser.open(page.as_uri())
        seen = browser.evaluate(MEASURE)
        browser.screenshot(shots / f"dashboard-{language}-{width}-full.png")
        browser.screenshot(shots / f"dashboard-{language}-{width}-top.png", full_page=False)
        links = seen["links"]
        followed = {href: browser.evaluate(f"{FOLLOW}({json.dumps(href)})") for href in links}
        first_burnup = browser.evaluate("(() => { const s = document.querySelector('svg.burnup');"
                                        " s.scrollIntoView(); window.scrollBy(0, -120); return true; })()")
        assert first_burnup
        browser.screenshot(shots / f"dashboard-{language}-{width}-history.png", full_page=False)
        requests = list(browser.requests)

    assert seen["title"] == {"en": "OKR progress", "fr": "Avancement des OKR"}[language] and seen["lang"] == language
    # Nothing but the page itself was asked for: no font, script, image or style from anywhere.
    assert requests == [page.as_uri()]
    # Every key result's title is on the page, and each file has its bar chart with one bar per key result.
    assert all(k["title"] in seen["text"] for k in krs)
    assert [c["bars"] for c in seen["charts"]] == [len([k for o in r["objectives"] for k in o["key_results"]])
                                                    for r in data["reports"]]
    # A burn-up chart per key result with check-ins: a drawn line through each check-in, the expected pace.
    assert len(seen["burnups"]) == len([k for k in krs if k.get("history", {}).get("checkins")])
    for chart in seen["burnups"]:
        assert chart["width"] > 150 and chart["height"] > 80, chart
        assert chart["checkins"] >= 1 and chart["points"] >= chart["checkins"] and chart["expected"], chart
    titled = {c["label"] for c in seen["burnups"]}
    assert all(any(k["title"][:40] in label for label in titled) for k in with_history)
    # The contents and the summary lead to their sections.
    assert len(links) >= 1 + 3 + 9 and all(v == "ok" for v in followed.values()), followed
    # Nothing is wider than the window: no sideways scrolling, even at 800 pixels.
    assert seen["scrollWidth"] <= seen["clientWidth"] and not seen["spill"], seen["spill"][:10]
