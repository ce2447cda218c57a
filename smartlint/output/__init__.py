"""Formatters: findings in, text out. One module per format; none of them decides anything."""

from __future__ import annotations

import importlib
import os
from typing import Callable, TextIO

from smartlint.model import Result

FORMATS = ("text", "concise", "json", "sarif", "github", "junit")


def resolve(name: str) -> str:
    """`auto`: GitHub annotations inside GitHub Actions, text everywhere else."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def formatter(name: str) -> Callable[[Result, TextIO], None]:
    name = resolve(name)
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"smartlint.output.{name}").write
