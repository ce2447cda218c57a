"""Formatters: findings in, text out. One module per format; none of them decides anything."""

from __future__ import annotations

from typing import Callable, TextIO

from smartlint.engine import Result

FORMATS = ("text", "json")


def formatter(name: str) -> Callable[[Result, TextIO], None]:
    if name == "json":
        from smartlint.output.json import write
    else:
        from smartlint.output.text import write
    return write
