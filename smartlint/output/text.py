"""`--format text`: findings grouped by file, like a compiler, then a one-line summary.

Colour only on a terminal, never with NO_COLOR (Rich honours both).
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from smartlint.model import Result
from smartlint.neutral import clean

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _hidden(result: Result) -> str:
    """What the summary says was left out: suppressed inline, or accepted by the baseline."""
    parts = []
    if result.suppressed:
        parts.append(f"{len(result.suppressed)} suppressed")
    if result.baselined:
        parts.append(f"{len(result.baselined)} in the baseline")
    return f" ({', '.join(parts)})." if parts else "."


def write(result: Result, out: TextIO, summary: bool = True) -> None:
    """Findings by file; `summary=False` (`--quiet`) prints the findings and nothing else."""
    from rich.console import Console
    from rich.markup import escape

    # emoji=False: `:warning:` in a title prints as written; user text is escaped for markup too.
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for file, group in groupby(result.findings, key=lambda f: f.file):
        console.print(f"[bold underline]{escape(clean(file))}[/]")
        for f in group:
            where = f"{escape(clean(f.file))}:{f.line}:{f.column}"
            console.print(
                f"  [bold]{where}[/]  [{STYLE[f.severity]}]{f.severity:<7}[/] "
                f"[magenta]{f.rule}[/] {escape(clean(f.message))} [dim]({f.name})[/]"
            )
            if f.suggestion:
                console.print(f"      [green]help:[/] {escape(clean(f.suggestion))}")
        if summary:
            console.print()
    if not summary:
        return
    errors, warnings, infos = result.count("error"), result.count("warning"), result.count("info")
    files = len(result.files)
    if not result.findings:
        console.print(f"[green]All good:[/] {files} file{'s' * (files != 1)} checked, no findings" + _hidden(result))
        return
    console.print(
        f"Found [bold red]{errors} error{'s' * (errors != 1)}[/], "
        f"[yellow]{warnings} warning{'s' * (warnings != 1)}[/] and "
        f"[cyan]{infos} info{'s' * (infos != 1)}[/] in {files} file{'s' * (files != 1)}" + _hidden(result)
    )
