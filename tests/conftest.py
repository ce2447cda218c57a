"""Shared helpers: write a goal file for a case and lint it in-process."""

from __future__ import annotations

import json
import os
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from smartlint.engine import Settings, lint_paths
from smartlint.model import Finding

# Tests never write a cache into the working tree.
os.environ.setdefault("SMARTLINT_CACHE_DIR", tempfile.mkdtemp(prefix="smartlint-test-cache-"))
# Interface messages follow the locale variables: tests run in a known one (tests of the variables
# set their own).
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_name, None)
os.environ["LC_ALL"] = "C.UTF-8"


def _compile_catalogs() -> None:
    """Compile the translation catalogues whose .mo is missing or older than the .po, as a build
    does, so the tests read the catalogues of the working tree (an editable install compiled them
    when it was installed)."""
    locale = Path(__file__).resolve().parent.parent / "smartlint" / "locale"
    stale = [po for po in locale.glob("*/LC_MESSAGES/*.po")
             if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime]
    if not stale:
        return
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:  # pragma: no cover - depends on the environment
        pytest.exit("the tests compile the translation catalogues with Babel: pip install -e \".[test]\"", 2)
    for po in stale:
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name, domain=po.stem)
        with po.with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog)


_compile_catalogs()

KRS = {
    "en": ["Sign 10 new annual contracts", "Grow active customers from 120 to 150", "Cut churn from 5% to 4%"],
    "fr": ["Signer 10 nouveaux contrats annuels", "Faire passer les clients actifs de 120 à 150",
           "Réduire l'attrition de 5 % à 4 %"],
}
NEUTRAL = {
    "en": ("Make our product the reference in its market", "Sign 10 new annual contracts"),
    "fr": ("Faire de notre produit la référence de son marché", "Signer 10 nouveaux contrats annuels"),
}


class VisibleText(HTMLParser):
    """The words a reader sees in an HTML page: text outside <style>, and the accessible labels."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"
        self.words += [v for k, v in attrs if k in ("aria-label", "lang") and v]

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if not self._style:
            self.words.append(data)


def q(value: Any) -> str:
    """A YAML scalar: JSON quoting is valid YAML."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def item_lines(indent: int, case: Any) -> list[str]:
    pad = " " * indent
    fields = dict(case) if isinstance(case, dict) else {"title": case}
    title = fields.pop("title")
    lines = [f"{pad}- title: {q(title)}"]
    lines += [f"{pad}  {k}: {q(v)}" for k, v in fields.items()]
    return lines


def case_file(lang: str, level: str, case: Any) -> tuple[str, int, int]:
    """The text of a goal file holding `case` at `level`, and the line and column of its title's
    first character (inside the quotes)."""
    objective, kr = NEUTRAL[lang]
    lines = [f"language: {lang}", "owner: Team"]
    if level == "goal":
        lines += ["goals:"]
        at = (len(lines) + 1, len("  - title: ") + 2)
        lines += item_lines(2, case)
    elif level == "objective":
        lines += ["period: 2027-Q1", "objectives:"]
        at = (len(lines) + 1, len("  - title: ") + 2)
        lines += item_lines(2, case)
        lines += ["    key_results:"] + [f"      - title: {q(k)}" for k in KRS[lang]]
    elif level == "key_result":
        lines += ["period: 2027-Q1", "objectives:", f"  - title: {q(objective)}", "    key_results:"]
        at = (len(lines) + 1, len("      - title: ") + 2)
        lines += item_lines(6, case)
    elif level == "initiative":
        lines += ["period: 2027-Q1", "objectives:", f"  - title: {q(objective)}", "    key_results:",
                  f"      - title: {q(kr)}", "        initiatives:"]
        at = (len(lines) + 1, len("          - title: ") + 2)
        lines += item_lines(10, case)
    else:
        raise ValueError(level)
    return "\n".join(lines) + "\n", at[0], at[1]


def write(base: Path, name: str, text: str) -> Path:
    """Write a file (and its folders) below `base`."""
    path = base / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint_text(tmp_path: Path, text: str, name: str = "goals.yaml", **settings: Any) -> list[Finding]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint_paths([(path, name)], Settings(**settings)).findings


@pytest.fixture
def lint(tmp_path: Path):
    def run(text: str, **settings: Any) -> list[Finding]:
        return lint_text(tmp_path, text, **settings)

    return run
