"""Formatters: findings in, text out. One module per format; none of them decides anything."""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Callable, TextIO

if TYPE_CHECKING:
    from smartlint.model import Result

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab")
# Formats read by programs: their own escaping keeps workflow commands out (see safe.json_text),
# so they are never wrapped in `::stop-commands::`, which would break `| jq`.
MACHINE = frozenset({"json", "sarif", "junit", "gitlab", "github"})


def resolve(name: str) -> str:
    """`auto`: GitHub annotations inside GitHub Actions, text everywhere else."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def formatter(name: str) -> Callable[["Result", TextIO], None]:
    name = resolve(name)
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"smartlint.output.{name}").write


def finisher(name: str) -> Callable[["Result"], list[str]]:
    """The format's last step after writing (notes for stderr, a CI side file), if it has one."""
    module = importlib.import_module(f"smartlint.output.{resolve(name)}")
    return getattr(module, "finish", lambda result: [])


def emit(result: "Result", shown_format: str, out: TextIO, quiet: bool = False, statistics: bool = False,
         on_stdout: bool = True) -> list[str]:
    """Write the findings in a resolved format to `out`; return the notes for standard error.

    On standard output inside GitHub Actions, human formats are wrapped so that nothing a title says
    runs as a workflow command (machine formats escape it themselves)."""
    from smartlint.neutral import no_workflow_commands
    from smartlint.output import statistics as stats

    if statistics:
        write, machine = (stats.write_json, True) if shown_format == "json" else (stats.write_text, False)
    elif shown_format == "text":
        write, machine = (lambda r, o: formatter("text")(r, o, summary=not quiet)), False
    else:
        write, machine = formatter(shown_format), shown_format in MACHINE
    if on_stdout:
        with no_workflow_commands(out, enabled=not machine):
            write(result, out)
        out.flush()
    else:
        write(result, out)
    if statistics:
        return []
    notes = finisher(shown_format)(result)  # it may write a side file (GitHub's step summary) even when quiet
    if quiet:
        return []
    from smartlint.i18n import _

    return ["smartlint: " + _("note: {message}", message=note) for note in notes]
