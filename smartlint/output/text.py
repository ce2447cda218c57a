"""`--format text`: findings grouped by file, like a compiler, then a one-line summary.

Colour only on a terminal, never with NO_COLOR (Rich honours both).
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from smartlint.i18n import N_, _, _n
from smartlint.model import Result
from smartlint.neutral import clean

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _hidden(result: Result, lang: str) -> str:
    """What the summary says was left out: suppressed inline, or accepted by the baseline."""
    parts = []
    if result.suppressed:
        parts.append(_n("{n} suppressed", "{n} suppressed", len(result.suppressed)).render(lang))
    if result.baselined:
        parts.append(_n("{n} in the baseline", "{n} in the baseline", len(result.baselined)).render(lang))
    return f" ({', '.join(parts)})." if parts else "."


def severity_word(severity: str, lang: str) -> str:
    return _(SEVERITIES[severity]).render(lang)


SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def _styled(result: Result, out: TextIO) -> bool:
    """Whether Rich must draw the output: on a terminal (or when the environment says to treat the
    output as one, as Rich reads FORCE_COLOR and TTY_COMPATIBLE), or when a text holds a tab (Rich
    expands tabs). Elsewhere Rich would print the plain text this module prints without it, and
    importing Rich is a good part of a re-check's time."""
    import os

    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TTY_COMPATIBLE") != "0":
        try:
            if out.isatty():
                return True
        except (AttributeError, ValueError):
            pass
    return any("\t" in text for f in result.findings for text in (f.file, f.message, f.suggestion))


def write(result: Result, out: TextIO, summary: bool = True) -> None:
    """Findings by file; `summary=False` (`--quiet`) prints the findings and nothing else. The
    labels are in the findings' language when they share one (see Result.language)."""
    if _styled(result, out):
        from rich.console import Console
        from rich.markup import escape

        # emoji=False: `:warning:` in a title prints as written; user text is escaped for markup too.
        console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
        emit = console.print

        def tag(style: str, text: str) -> str:
            return f"[{style}]{text}[/]"
    else:
        def escape(text: str) -> str:
            return text

        def emit(line: str = "") -> None:
            out.write(line + "\n")

        def tag(style: str, text: str) -> str:
            return text

    lang = result.language()
    words = {s: severity_word(s, lang) for s in SEVERITIES}
    width = max(len(w) for w in words.values())
    help_label = _("help:").render(lang)
    for file, group in groupby(result.findings, key=lambda f: f.file):
        emit(tag("bold underline", escape(clean(file))))
        for f in group:
            where = f"{escape(clean(f.file))}:{f.line}:{f.column}"
            emit(f"  {tag('bold', where)}  {tag(STYLE[f.severity], f'{words[f.severity]:<{width}}')} "
                 f"{tag('magenta', f.rule)} {escape(clean(f.message))} {tag('dim', f'({f.name})')}")
            if f.suggestion:
                emit(f"      {tag('green', escape(help_label))} {escape(clean(f.suggestion))}")
        if summary:
            emit()
    if not summary:
        return
    errors, warnings, infos = result.count("error"), result.count("warning"), result.count("info")
    if not result.findings:
        emit(tag("green", escape(_("All good:").render(lang))) + " "
             + escape(_n("{n} file checked, no findings", "{n} files checked, no findings",
                         len(result.files)).render(lang) + _hidden(result, lang)))
        return
    files = _n("{n} file", "{n} files", len(result.files)).render(lang)
    # Each text is marked in a call of its own: Babel's extractor drops a marked call whose
    # arguments hold other calls, and the catalogue would lose the sentence.
    counted = (_n("{n} error", "{n} errors", errors).render(lang),
               _n("{n} warning", "{n} warnings", warnings).render(lang),
               _n("{n} info", "{n} infos", infos).render(lang))
    found = _("Found {errors}, {warnings} and {infos} in {files}", errors=tag("bold red", counted[0]),
              warnings=tag("yellow", counted[1]), infos=tag("cyan", counted[2]), files=files)
    emit(found.render(lang) + escape(_hidden(result, lang)))
