"""Rule pages the editor opens from a diagnostic's code (LSP `codeDescription.href`).

LSP wants a URI, smartlint has no web site, and the page must match the installed version and work
offline: the server writes each rule's page, as `smartlint rule CODE` prints it, into the cache
folder (`rules-<version>/<lang>/CODE.txt`, in the finding's language, rewritten only when it
differs) and links to it. Where the
folder cannot be written, diagnostics carry no link; the hover shows the same documentation.
"""

from __future__ import annotations

from pathlib import Path


class RulePages:
    def __init__(self, base: Path | None = None) -> None:
        from smartlint import __version__
        from smartlint.cache import folder

        self.base = (base or folder()) / f"rules-{__version__}"
        self.uris: dict[tuple[str, str], str | None] = {}

    def uri(self, code: str, lang: str = "en") -> str | None:
        """The page's file URI in `lang`, written on first use (None when it cannot be)."""
        if (code, lang) not in self.uris:
            self.uris[code, lang] = self._write(code, lang)
        return self.uris[code, lang]

    def _write(self, code: str, lang: str) -> str | None:
        from smartlint.atomic import write_text
        from smartlint.cli import rule_text
        from smartlint.registry import all_rules

        rule = all_rules().get(code)
        if rule is None:
            return None
        page = self.base / lang / f"{code}.txt"
        text = rule_text(rule, lang) + "\n"
        try:
            if not page.is_file() or page.read_text(encoding="utf-8") != text:
                page.parent.mkdir(parents=True, exist_ok=True)
                write_text(page, text)
        except (OSError, UnicodeDecodeError):
            return None
        return page.resolve().as_uri()
