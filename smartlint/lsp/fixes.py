"""Quick fixes for findings, as plain text edits that are checked before they are offered.

A fix is offered only where it is safe: the edited text is loaded again and must keep every item
and title as they were, raise no new file problem, and do what the fix says (the key renamed, the
field present, the suppression covering the finding's line). Anything else (a flow mapping, a
title in a block scalar, a key already there) gets no fix rather than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from smartlint.i18n import _, english
from smartlint.load import Source, load_text
from smartlint.model import Finding, LoadedFile, Node

PLACEHOLDER = "TBD"  # what an added field holds until the user fills it (reported as a placeholder)
REASON_PLACEHOLDER = "TODO: say why this is right as it is"
# Rules whose finding is "this field is missing", and the field that settles it.
MISSING_FIELD = {"R001": "owner", "M001": "target", "M002": "baseline"}

_UNKNOWN_KEY = re.compile(r"unknown key `([^`]+)`")
_DID_YOU_MEAN = re.compile(r"[Dd]id you mean `([^`]+)`")
_NEXT_LINE = re.compile(r"^(?P<head>\s*#\s*smartlint\s*:\s*disable-next-line\s*=\s*)(?P<codes>[^\s\"]+)")


@dataclass(frozen=True)
class Edit:
    """Replace the text between two 0-based (line, column) positions; columns count characters."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    preferred: bool = False


def lines_of(text: str) -> list[str]:
    """The file's lines with their breaks, split as the loader splits them."""
    starts = Source(text).line_starts
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]


def apply(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    src = Source(text)
    for e in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        start, end = src.offset(e.line, e.column), src.offset(e.end_line, e.end_column)
        text = text[:start] + e.text + text[end:]
    return text


def fixes_for(finding: Finding, loaded: LoadedFile) -> list[Fix]:
    """The safe quick fixes for one finding of the file `loaded` (loaded from its current text)."""
    out: list[Fix] = []
    for make in (_rename_key, _add_field, _suppress):
        fix = make(finding, loaded)
        if fix is not None:
            out.append(fix)
    return out


# -- the fixes ---------------------------------------------------------------------------------


def _rename_key(f: Finding, loaded: LoadedFile) -> Fix | None:
    """Y002: replace a misspelt key with the one the loader suggests ("taget" -> "target")."""
    if f.rule != "Y002":
        return None
    wrong, right = _UNKNOWN_KEY.search(english(f.message)), _DID_YOU_MEAN.search(english(f.suggestion))
    if not wrong or not right or f.line != f.end_line:
        return None
    wrong_key, right_key = wrong.group(1), right.group(1)
    lines = lines_of(loaded.text)
    if f.line > len(lines) or lines[f.line - 1][f.column - 1:f.column - 1 + len(wrong_key)] != wrong_key:
        return None
    edit = Edit(f.line - 1, f.column - 1, f.line - 1, f.column - 1 + len(wrong_key), right_key)

    def renamed(after: LoadedFile) -> bool:
        return not any(p.rule.code == "Y002" and english(p.message) == english(f.message) for p in after.problems)

    return _checked(Fix(_("Rename `{wrong}` to `{right}`", wrong=wrong_key, right=right_key).render(f.language), (edit,), preferred=True), loaded, renamed)


def _add_field(f: Finding, loaded: LoadedFile) -> Fix | None:
    """R001/M001/M002: add the missing `owner:` / `target:` / `baseline:` where it belongs, with a
    placeholder the user must fill in (the placeholder rule reports it until then)."""
    key = MISSING_FIELD.get(f.rule)
    node = _node(loaded, f.path) if key else None
    if node is None or key is None or not node.loc.title_offsets or node.loc.title is None:
        return None
    if key in node.loc.fields or key in node.loc.placeholders:
        return None  # present (empty, or invalid): the user edits it, we do not add a second one
    lines = lines_of(loaded.text)
    edits: list[Edit] = []
    if "title" in node.loc.fields:
        column = _key_column(lines, node)
    else:  # a plain-text item (`- Grow retention by 25%`) becomes `- title: ...` with the field below
        column = _plain_item_column(lines, node)
        if column is not None:
            edits.append(Edit(node.loc.title.line - 1, column, node.loc.title.line - 1, column, "title: "))
    if column is None:
        return None
    last = max(line for line, _col in node.loc.title_offsets)  # 1-based: the title's last line
    if last >= len(lines) or not lines[last - 1].endswith(("\n", "\r")):
        end = len(lines[last - 1].rstrip("\r\n")) if last <= len(lines) else 0
        edits.append(Edit(last - 1, end, last - 1, end, f"\n{' ' * column}{key}: {PLACEHOLDER}"))
    else:
        edits.append(Edit(last, 0, last, 0, f"{' ' * column}{key}: {PLACEHOLDER}{_newline(lines[last - 1])}"))

    def added(after: LoadedFile) -> bool:
        node_after = _node(after, f.path)
        return node_after is not None and (key in node_after.loc.fields or key in node_after.loc.placeholders)

    # `owner: TBD` settles R001 (the placeholder rule then asks for a name); a placeholder
    # baseline or target measures nothing, so M001/M002 stay until a number is written.
    if key == "owner":
        title = _("Add `{key}: {placeholder}` (to fill in)", key=key, placeholder=PLACEHOLDER)
    elif key == "baseline":
        title = _("Add `{key}:` with a placeholder (write the starting value)", key=key)
    else:
        title = _("Add `{key}:` with a placeholder (write the value to reach)", key=key)
    title = title.render(f.language)
    return _checked(Fix(title, tuple(edits)), loaded, added)


def _suppress(f: Finding, loaded: LoadedFile) -> Fix | None:
    """Any item rule: a `disable-next-line` comment above the finding's line, with a reason to
    write. Schema findings (Y...) are about the file itself and are fixed, not suppressed."""
    if f.rule.startswith("Y"):
        return None
    from smartlint import suppress

    lines = lines_of(loaded.text)
    if not 1 <= f.line <= len(lines):
        return None
    line = lines[f.line - 1]
    above = lines[f.line - 2] if f.line >= 2 else ""
    existing = _NEXT_LINE.match(above)
    if existing:  # extend the comment already there rather than stack a second one
        end = existing.end("codes")
        edit = Edit(f.line - 2, end, f.line - 2, end, f",{f.rule}")
        title = _("Add {code} to the suppression above", code=f.rule).render(f.language)
        target_line = f.line
    else:
        indent = line[:len(line) - len(line.lstrip(" "))]
        comment = f'{indent}# smartlint: disable-next-line={f.rule} reason="{REASON_PLACEHOLDER}"'
        edit = Edit(f.line - 1, 0, f.line - 1, 0, comment + _newline(line))
        title = _("Suppress {code} on this line (write the reason)", code=f.rule).render(f.language)
        target_line = f.line + 1

    def covers(after: LoadedFile) -> bool:
        parsed = suppress.parse(after.comments)
        return any(s.covers_line(target_line) and f.rule in s.codes for s in parsed.suppressions)

    return _checked(Fix(title, (edit,)), loaded, covers)


# -- helpers -----------------------------------------------------------------------------------


def _checked(fix: Fix, loaded: LoadedFile, does: Callable[[LoadedFile], bool]) -> Fix | None:
    """The fix if, once applied, the file keeps its items and titles, gains no file problem, and
    the fix did what it says."""
    after = load_text(loaded.file, apply(loaded.text, fix.edits))
    if [(n.path, n.title) for n in after.nodes] != [(n.path, n.title) for n in loaded.nodes]:
        return None
    before = {(p.rule.code, p.path, english(p.message)) for p in loaded.problems}
    if any((p.rule.code, p.path, english(p.message)) not in before for p in after.problems):
        return None
    return fix if does(after) else None


def _node(loaded: LoadedFile, path: str) -> Node | None:
    return next((n for n in loaded.nodes if n.path == path), None) if path else None


def _key_column(lines: list[str], node: Node) -> int | None:
    """The column where the item's keys start (block mappings only: `- title: x` or `title: x`)."""
    for key, span in node.loc.fields.items():
        if span.line > len(lines):
            continue
        before = lines[span.line - 1][:span.column - 1]
        m = re.match(r"^( *(?:- +)*)" + re.escape(key) + r"[ \t]*:[ \t]+$", before)
        if m:
            return len(m.group(1))
    return None


def _plain_item_column(lines: list[str], node: Node) -> int | None:
    """Where a one-line plain-text list item's text starts (`  - Grow retention by 25%`)."""
    span = node.loc.title
    if span is None or span.line > len(lines) or any(line != span.line for line, _ in node.loc.title_offsets or []):
        return None
    m = re.match(r"^( *)- +", lines[span.line - 1])
    return m.end() if m and m.end() == span.column - 1 else None


def _newline(line: str) -> str:
    for end in ("\r\n", "\n", "\r"):
        if line.endswith(end):
            return end
    return "\n"
