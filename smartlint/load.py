"""Goal file -> validated nodes with positions, and the file's schema problems.

ruamel.yaml's round-trip loader keeps the line and column of every key, value and list item; each
item is validated by its own pydantic model, so one bad field yields one precise problem and the
rest of the file is still linted. Nothing here raises on bad input: problems are returned as data.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from smartlint.model import (
    CHILDREN,
    ITEM_MODELS,
    Level,
    LoadedFile,
    Located,
    Node,
    Period,
    Plan,
    Span,
    parse_period,
)

MAX_BYTES = 20 * 1024 * 1024  # a plan larger than this is certainly not hand-written

# Words people reach for, mapped to the key they meant (for "did you mean").
KEY_ALIASES = {
    "titre": "title", "intitulé": "title", "name": "title", "nom": "title", "text": "title",
    "objectifs": "objectives", "objectif": "objectives", "okrs": "objectives",
    "krs": "key_results", "résultats_clés": "key_results", "resultats_cles": "key_results",
    "keyresults": "key_results", "results": "key_results",
    "actions": "initiatives", "tasks": "initiatives", "initiatives_": "initiatives",
    "responsable": "owner", "porteur": "owner", "propriétaire": "owner", "assignee": "owner",
    "échéance": "deadline", "echeance": "deadline", "due": "deadline", "due_date": "deadline",
    "date_limite": "deadline", "cible": "target", "objectif_chiffré": "target", "goal": "target",
    "valeur_initiale": "baseline", "base": "baseline", "start": "baseline", "actuel": "current",
    "unité": "unit", "unite": "unit", "métrique": "metric", "indicateur": "metric", "kpi": "metric",
    "langue": "language", "lang": "language", "période": "period", "periode": "period",
    "quarter": "period", "trimestre": "period", "objectifs_smart": "goals", "buts": "goals",
}


@dataclass(frozen=True)
class Problem:
    """A file problem found while loading; the engine turns it into a finding of rule `code`."""

    code: str
    span: Span
    path: str
    message: str
    suggestion: str


class Source:
    """The file's text, to turn ruamel's 0-based positions and character offsets into spans."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)

    def offset(self, line0: int, col0: int) -> int:
        if line0 >= len(self.line_starts):
            return len(self.text)
        return min(self.line_starts[line0] + col0, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        import bisect

        line0 = bisect.bisect_right(self.line_starts, offset) - 1
        return line0 + 1, offset - self.line_starts[line0] + 1

    def span_at(self, line0: int, col0: int, length: int = 1) -> Span:
        return Span(line0 + 1, col0 + 1, line0 + 1, col0 + 1 + max(length, 1))

    def align(self, value: str, line0: int, col0: int) -> list[tuple[int, int]] | None:
        """Where each character of a parsed scalar stands in the file.

        Quotes, escapes, folded line breaks and block indentation mean the parsed text is not a
        slice of the file; a greedy walk that matches each character to the next equal character
        in the file (within a short reach) recovers positions for plain, quoted and block scalars.
        """
        raw = self.text
        cursor = self.offset(line0, col0)
        out: list[tuple[int, int]] = []
        reach = 12
        for ch in value:
            found = -1
            limit = min(len(raw), cursor + reach)
            for j in range(cursor, limit):
                r = raw[j]
                if r == ch or (ch == " " and r in "\n\t") or (ch == "\n" and r == " "):
                    found = j
                    break
            if found < 0:
                out.append(self.position(min(cursor, len(raw) - 1) if raw else 0))
                continue
            out.append(self.position(found))
            cursor = found + 1
        return out


MAX_VALUE_NODES = 10_000  # a field's value larger than this is an alias bomb, not a goal


class ValueTooLarge(ValueError):
    pass


def _plain(value: Any, budget: list[int] | None = None, depth: int = 0) -> Any:
    """ruamel's round-trip containers and scalars as plain Python values.

    YAML aliases can make a small file expand into an exponential (or cyclic) value; a node budget
    and a depth limit turn that into a problem instead of a hang.
    """
    budget = budget if budget is not None else [MAX_VALUE_NODES]
    budget[0] -= 1
    if budget[0] < 0 or depth > 100:
        raise ValueTooLarge("the value is too large or too deeply nested (YAML aliases?)")
    if isinstance(value, dict):
        return {str(k): _plain(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, budget, depth + 1) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def did_you_mean(key: str, allowed: list[str]) -> str:
    low = key.strip().lower()
    if low in KEY_ALIASES and KEY_ALIASES[low] in allowed:
        return KEY_ALIASES[low]
    close = difflib.get_close_matches(low, allowed, n=1, cutoff=0.6)
    return close[0] if close else ""


class _Loader:
    def __init__(self, file: str, text: str):
        self.file = file
        self.src = Source(text)
        self.out = LoadedFile(file=file, text=text)

    # -- problems ------------------------------------------------------------------------------
    def problem(self, code: str, span: Span, path: str, message: str, suggestion: str) -> None:
        self.out.problems.append(Problem(code, span, path, message, suggestion))

    def key_span(self, mapping: Any, key: str) -> Span:
        try:
            line0, col0 = mapping.lc.key(key)
        except Exception:  # noqa: BLE001 - positions are best effort on odd nodes
            return self.node_span(mapping)
        return self.src.span_at(line0, col0, len(str(key)))

    def value_span(self, mapping: Any, key: str) -> Span:
        try:
            line0, col0 = mapping.lc.value(key)
        except Exception:  # noqa: BLE001
            return self.key_span(mapping, key)
        value = mapping.get(key)
        length = len(str(value)) if isinstance(value, (str, int, float)) and "\n" not in str(value) else 1
        return self.src.span_at(line0, col0, length)

    def item_span(self, seq: Any, index: int) -> Span:
        try:
            line0, col0 = seq.lc.item(index)
        except Exception:  # noqa: BLE001
            return self.node_span(seq)
        return self.src.span_at(line0, col0, 1)

    def node_span(self, node: Any) -> Span:
        lc = getattr(node, "lc", None)
        if lc is not None and lc.line is not None:
            return self.src.span_at(lc.line, lc.col or 0, 1)
        return Span(1, 1, 1, 2)

    # -- the file ------------------------------------------------------------------------------
    def load(self, data: Any) -> LoadedFile:
        from ruamel.yaml.comments import CommentedMap

        if data is None:
            self.problem("Y005", Span(1, 1, 1, 2), "", "the file holds no objectives and no goals",
                         "Add an `objectives:` or a `goals:` list (see `smartlint init`).")
            return self.out
        if not isinstance(data, CommentedMap):
            self.problem("Y003", self.node_span(data), "",
                         f"the file's top level is {_type_name(data)}, not a mapping",
                         "Start the file with keys such as `language:`, `period:` and `objectives:`.")
            return self.out
        allowed = list(Plan.model_fields)
        top: dict[str, Any] = {}
        for key in data:
            skey = str(key)
            if skey not in allowed:
                self.unknown_key(data, key, allowed, "")
                continue
            if skey in ("objectives", "goals"):
                continue
            try:
                top[skey] = _plain(data[key])
            except ValueTooLarge as exc:
                self.problem("Y003", self.key_span(data, key), "", f"`{skey}`: {exc}",
                             "Write the value out instead of through aliases.")
        plan = self.validate(Plan, top, data, "")
        if plan is None:
            plan = Plan()
        self.out.language = plan.language
        self.out.period = plan.period
        if not (data.get("objectives") or data.get("goals")):
            self.problem("Y005", self.node_span(data), "", "the file holds no objectives and no goals",
                         "Add an `objectives:` or a `goals:` list.")
        for key, level in (("objectives", Level.objective), ("goals", Level.goal)):
            if key in data:
                self.items(data, key, level, parent=None, period=plan.period, owner=plan.owner, base="")
        return self.out

    def unknown_key(self, mapping: Any, key: Any, allowed: list[str], path: str) -> None:
        guess = did_you_mean(str(key), allowed)
        where = f" in {path}" if path else " at the top level"
        hint = f"Did you mean `{guess}`?" if guess else f"Allowed keys: {', '.join(allowed)}."
        self.problem("Y002", self.key_span(mapping, key), path,
                     f"unknown key `{key}`{where}", hint)

    def items(self, mapping: Any, key: str, level: Level, parent: Node | None,
              period: Period | None, owner: str | None, base: str) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        seq = mapping[key]
        prefix = f"{base}.{key}" if base else key
        if seq is None:
            return
        if not isinstance(seq, CommentedSeq):
            self.problem("Y003", self.value_span(mapping, key), prefix,
                         f"`{key}` should be a list, not {_type_name(seq)}",
                         f"Write each item of `{key}` on its own line starting with `- `.")
            return
        for i, raw in enumerate(seq):
            path = f"{prefix}[{i}]"
            span = self.item_span(seq, i)
            if isinstance(raw, str):
                fields: dict[str, Any] = {"title": str(raw)}
                title_pos = seq.lc.item(i) if hasattr(seq, "lc") else None
                container = None
            elif isinstance(raw, CommentedMap):
                fields = {}
                container = raw
                child = CHILDREN[level]
                allowed = list(ITEM_MODELS[level].model_fields)
                for k in raw:
                    sk = str(k)
                    if sk not in allowed:
                        self.unknown_key(raw, k, allowed, path)
                    elif child is None or sk != child[0]:
                        try:
                            fields[sk] = _plain(raw[k])
                        except ValueTooLarge as exc:
                            self.problem("Y003", self.key_span(raw, k), path, f"`{sk}`: {exc}",
                                         "Write the value out instead of through aliases.")
                title_pos = raw.lc.value("title") if "title" in raw else None
                span = self.node_span(raw) if raw.lc.line is not None else span
            else:
                self.problem("Y003", span, path,
                             f"a {level.value.replace('_', ' ')} should be a mapping or a text, "
                             f"not {_type_name(raw)}",
                             "Write the item as `- title: ...` or as plain text.")
                continue
            if "title" not in fields and container is not None and "title" not in container:
                self.problem("Y005", span, path, f"this {level.value.replace('_', ' ')} has no title",
                             "Add `title:` with one line that says what is to be reached.")
                continue
            item = self.validate(ITEM_MODELS[level], fields, container, path, item_span=span)
            if item is None:
                continue
            loc = Located(path=path, item=span)
            if container is not None:
                loc.fields = {k: self.value_span(container, k) for k in fields if k in container}
            if title_pos is not None:
                loc.title = self.src.span_at(title_pos[0], title_pos[1], len(item.title))
                loc.title_offsets = self.src.align(item.title, title_pos[0], title_pos[1])
            own_period = getattr(item, "period", None)
            # Key results and initiatives inherit the period; a standalone goal needs its own.
            inherited = None if level == Level.goal else period
            node = Node(level=level, item=item, loc=loc, parent=parent,
                        period=own_period or inherited, owner=item.owner or owner)
            self.out.nodes.append(node)
            if parent is not None:
                parent.children.append(node)
            child = CHILDREN[level]
            if container is not None and child is not None and child[0] in container:
                self.items(container, child[0], child[1], parent=node,
                           period=own_period or period, owner=node.owner, base=path)

    def validate(self, model: type, fields: dict[str, Any], container: Any, path: str,
                 item_span: Span | None = None) -> Any:
        """Validate; on errors, report each and retry without the offending optional fields."""
        for _attempt in range(2):
            try:
                return model.model_validate(fields)
            except ValidationError as exc:
                bad: set[str] = set()
                for err in exc.errors():
                    key = str(err["loc"][0]) if err["loc"] else ""
                    bad.add(key)
                    self.validation_problem(err, key, fields, container, path, item_span)
                if "title" in bad or not bad or not (bad - {""}):
                    return None
                fields = {k: v for k, v in fields.items() if k not in bad}
        return None

    def validation_problem(self, err: dict, key: str, fields: dict, container: Any, path: str,
                           item_span: Span | None) -> None:
        if container is not None and key in container:
            span = self.value_span(container, key)
        else:
            span = item_span or Span(1, 1, 1, 2)
        value = fields.get(key)
        msg = str(err.get("msg", "invalid value"))
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        etype = err.get("type", "")
        if key == "title" and etype in ("value_error",):
            self.problem("Y005", span, path, "the title is empty",
                         "Write one line that says what is to be reached.")
            return
        expected = {
            "string_type": "text", "float_type": "a number", "float_parsing": "a number",
            "int_type": "a whole number", "literal_error": "one of fr, en, auto",
            "date_type": "a date (YYYY-MM-DD)", "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
        }.get(etype)
        if expected:
            msg = f"`{key}` should be {expected}, not {_type_name(value)}" + (
                f" ({value!r})" if isinstance(value, (str, int, float)) and not isinstance(value, bool) else "")
        else:
            msg = f"`{key}`: {msg}"
        hint = {
            "period": "Write 2027, 2027-Q1, 2027-H1, 2027-03, or {start: 2027-01-01, end: 2027-03-31}.",
            "deadline": "Write the date as YYYY-MM-DD, e.g. 2027-03-31.",
            "language": "Use fr, en or auto.",
            "baseline": "Write a plain number (the unit goes in `unit:`).",
            "target": "Write a plain number (the unit goes in `unit:`).",
            "current": "Write a plain number (the unit goes in `unit:`).",
        }.get(key, "Fix the value or remove the key.")
        self.problem("Y003", span, path, msg, hint)


_CONSTRUCTOR: Any = None


def _constructor() -> Any:
    """The round-trip constructor, except that an impossible date (2027-02-30) stays text, so that
    validation reports it at its position instead of the parser failing on the whole file."""
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        from ruamel.yaml.constructor import RoundTripConstructor
        from ruamel.yaml.scalarstring import PlainScalarString

        class Constructor(RoundTripConstructor):
            def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
                try:
                    return super().construct_yaml_timestamp(node, values)
                except ValueError:
                    return PlainScalarString(node.value)

        Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
        _CONSTRUCTOR = Constructor
    return _CONSTRUCTOR


def load_text(file: str, text: str) -> LoadedFile:
    """Parse and validate a goal file's text; never raises on bad input."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    loader = _Loader(file, text)

    def parse(allow_duplicates: bool) -> Any:
        yaml = YAML(typ="rt")
        yaml.Constructor = _constructor()
        yaml.allow_duplicate_keys = allow_duplicates
        return yaml.load(text)

    try:
        try:
            data = parse(False)
        except DuplicateKeyError as exc:
            mark = exc.problem_mark
            key = ""
            if exc.problem and "found duplicate key" in exc.problem:
                key = exc.problem.split('"')[1] if '"' in exc.problem else ""
            loader.problem("Y004", loader.src.span_at(mark.line, mark.column, len(key) or 1), "",
                           f"duplicate key `{key}`: YAML keeps only one of the values" if key
                           else "duplicate key", "Remove or rename one of the two keys.")
            data = parse(True)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = loader.src.span_at(mark.line, mark.column) if mark else Span(1, 1, 1, 2)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        loader.problem("Y001", span, "", f"invalid YAML: {what}",
                       "Check the indentation and quoting around this position; "
                       "quote titles that contain `: ` or start with a special character.")
        return loader.out
    except (YAMLError, RecursionError, ValueError, TypeError) as exc:
        loader.problem("Y001", Span(1, 1, 1, 2), "", f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                       "Check the file's YAML syntax.")
        return loader.out
    return loader.load(data)


def decode(file: str, raw: bytes) -> tuple[str | None, Problem | None]:
    """Bytes -> text; a file that is not UTF-8 is a problem located at its first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        return None, Problem("Y001", Span(line, col, line, col + 1), "",
                             f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                             "Save the file as UTF-8.")
    if "\x00" in text:
        i = text.index("\x00")
        src = Source(text)
        line, col = src.position(i)
        return None, Problem("Y001", Span(line, col, line, col + 1), "",
                             "the file holds a NUL character: it is binary, not a goal file",
                             "Point smartlint at YAML goal files only.")
    return text, None


def load_file(path: Path, display: str) -> LoadedFile:
    """Read, decode and load one file. OSErrors are the caller's (they are usage errors)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        out = LoadedFile(file=display)
        out.problems.append(Problem("Y001", Span(1, 1, 1, 2), "",
                                    f"the file is {size // (1024 * 1024)} MiB; smartlint reads goal files up to "
                                    f"{MAX_BYTES // (1024 * 1024)} MiB", "Split the plan into several files."))
        return out
    raw = path.read_bytes()
    text, problem = decode(display, raw)
    if problem is not None:
        out = LoadedFile(file=display, path=path)
        out.problems.append(problem)
        return out
    out = load_text(display, text)
    out.path = path
    return out


__all__ = ["Problem", "Source", "load_text", "load_file", "decode", "did_you_mean", "parse_period"]
