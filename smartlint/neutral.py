"""Neutralising what the user wrote before it reaches a terminal, a CI log or a comment.

Titles, keys, ids and file names come from files a pull request can change. Printed verbatim they
could colour or clear a terminal (ESC, C1 controls), fake hyperlinks (OSC 8), run GitHub Actions
workflow commands (a line starting with `::`, or `##[` anywhere), break a Markdown table or ping a
team. Every formatter passes user text through one of these functions; none of them changes a
finding, only how it is shown.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from typing import Iterator, TextIO

# C0 and C1 controls, DEL, line/paragraph separators, bidirectional overrides and isolates (they
# reorder what a reader sees), the BOM and interlinear annotations, and lone surrogates (the bytes
# of a file name that is not UTF-8, or a broken key).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """One printable line: controls, separators and bidi overrides shown as escapes (`\\x1b`), and
    `##[` (a legacy workflow command anywhere in a line) as `#\\x23[`."""
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(_escape, text)
    return text.replace("##[", "#\\x23[") if "##[" in text else text


MAX_QUOTE = 200  # characters of a user value quoted in a message


def excerpt(value: object, limit: int = 40) -> str:
    """A user value quoted in a message: cleaned and cut to `limit` characters, so that a huge or
    secret value is never printed back whole."""
    text = clean(str(value))
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return repr(text) if not isinstance(value, (int, float)) else text


def short_value(value: object, limit: int = 16) -> str:
    """A field value quoted in a message about its form (a period, a date, a number): quoted whole
    when it is short enough to be what the field expects, otherwise named by its length only, so that
    a secret pasted into the wrong field is never printed back, not even in part."""
    text = str(value)
    if len(text) <= limit:
        return excerpt(value, limit)
    return f"a value of {len(text)} characters"


def bounded(text: str, limit: int = 1000) -> str:
    """Cut a message that quotes a huge value (a 1 MB title reused through an anchor)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- Markdown and HTML -----------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#!|~])")


def markdown(text: str) -> str:
    """Inline Markdown that renders the text literally: no HTML, links, images, emphasis, table
    breaks or mentions (GitHub notifies `@org/team` even in a bot's comment)."""
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@&#8203;").replace(":", "&#58;")


# --- GitHub Actions ----------------------------------------------------------------------------

def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _is_regular_file(out: TextIO) -> bool:
    try:
        return stat.S_ISREG(os.fstat(out.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both
        return False


@contextlib.contextmanager
def no_workflow_commands(out: TextIO, enabled: bool = True) -> Iterator[None]:
    """Inside GitHub Actions, wrap output that carries user text in `::stop-commands::TOKEN` ...
    `::TOKEN::`: the runner executes no workflow command in between, whatever a title says. The
    token is random so that the text cannot end the block itself. Output redirected to a regular
    file is left alone (it is not the runner's log)."""
    if not (enabled and in_github_actions()) or _is_regular_file(out):
        yield
        return
    import secrets  # only here: not worth importing on every start

    token = secrets.token_hex(16)
    out.write(f"::stop-commands::{token}\n")
    try:
        yield
    finally:
        out.write(f"::{token}::\n")


_JSON_UNSAFE = re.compile(_UNSAFE.pattern.replace("\x00-\x08\x0a-\x1f", ""))  # json escapes those
_LINE_START_COLONS = re.compile(r"(?m)^([ \t]*):")


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xD800 <= code <= 0xDFFF:  # not valid in JSON text: shown as clean() shows it, escaped
        return "\\" + _escape(match)
    return f"\\u{code:04x}"


def json_text(text: str) -> str:
    """Serialised JSON made safe to print: DEL, C1 controls, separators, bidi overrides and lone
    surrogates as \\u escapes (the parsed value is unchanged), and `##[` split so that no runner
    reads a line as a legacy workflow command;
    lone surrogates (not valid in JSON) as the text `\\xff`. No JSON line can start with `::` (strings are quoted)."""
    text = _JSON_UNSAFE.sub(_json_escape, text)
    return text.replace("##[", "#\\u0023[")


def xml_text(text: str) -> str:
    """Serialised XML made safe to print: text lines that would start with `:` and `##[` become
    character references (the parsed value is unchanged)."""
    return _LINE_START_COLONS.sub(r"\1&#58;", text).replace("##[", "#&#35;[")
