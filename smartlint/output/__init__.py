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
