"""Goal file -> validated nodes with positions, and the file's schema problems.

ruamel.yaml's round-trip loader keeps the line and column of every key, value and list item; each
item is validated by its own pydantic model, so one bad field yields one precise problem and the
rest of the file is still linted. Nothing here raises on bad input: problems are returned as data.

For checking, the text is parsed through libyaml (smartlint.fastyaml), which builds the very tree
the round-trip loader builds, ten times faster; whatever that path does not reproduce exactly (a
syntax error, a tag, characters the two parsers count differently...) is read by the round-trip
loader, which stays the reference.
"""

from __future__ import annotations

import bisect
import difflib
import re
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from smartlint.checks import schema
from smartlint.fastyaml import FastMap, FastSeq
from smartlint.checks.base import Rule
from smartlint.i18n import N_, Text, _
from smartlint.items import CHILDREN, ITEM_MODELS, Plan
from smartlint.model import (
    Level,
    LoadedFile,
    Located,
    Node,
    Period,
    Span,
    parse_period,
)
from smartlint.neutral import excerpt, short_value

MAX_BYTES = 20 * 1024 * 1024  # a plan larger than this is certainly not hand-written
MAX_TITLE = 1000  # characters of a title that are analysed: a goal is one line, not an essay


@dataclass(frozen=True)
class Budget:
    """How much of one file is read and checked (`limits` in the configuration).

    Counted, never timed, so a file gives the same findings on every run and machine: YAML nodes
    parsed (every key, value and list entry: the parser's memory), items loaded (objectives, key
    results, goals, initiatives: the analysis's and rules' work), and title characters analysed.
    Past any of them, one Y003 finding points at the first list entry or item beyond it and the
    rest of the file is not read; other files go on. The defaults hold a plan of 200,000 goals.
    """

    nodes: int = 1_000_000
    items: int = 250_000
    characters: int = 20_000_000

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
    """A file problem found while loading; the engine turns it into a finding of its schema rule."""

    rule: type[Rule]
    span: Span
    path: str
    message: str
    suggestion: str


class Source:
    """The file's text, to turn ruamel's 0-based positions and character offsets into spans.

    Lines end at CR LF, LF or a lone CR only, as YAML 1.2 says, as editors number lines (VS Code,
    vim, the Language Server Protocol) and as ruamel's reader counts its marks. NEL (U+0085), LS
    (U+2028) and PS (U+2029) are characters of their line, one column each: a finding after one of
    them points at the line and column an editor shows.
    """

    BREAK = re.compile("\r\n|[\r\n]")

    def __init__(self, text: str):
        self.text = text
        # 4 bytes a line (a list of ints took 36, a tenth of a large file's memory)
        self.line_starts = array("i", [0])
        self.line_starts.extend(m.end() for m in self.BREAK.finditer(text))

    def offset(self, line0: int, col0: int) -> int:
        if line0 >= len(self.line_starts):
            return len(self.text)
        return min(self.line_starts[line0] + col0, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line0 = bisect.bisect_right(self.line_starts, offset) - 1
        return line0 + 1, offset - self.line_starts[line0] + 1

    def span_at(self, line0: int, col0: int, length: int = 1) -> Span:
        line = line0 + 1  # one int object for both lines (a large file holds millions of spans)
        return Span(line, col0 + 1, line, col0 + 1 + (length if length > 1 else 1))

    def align(self, value: str, line0: int, col0: int) -> "Offsets":
        """Where each character of a parsed scalar stands in the file (worked out on first use:
        most titles have no finding that points inside them)."""
        return Offsets(self, value, line0, col0)

    def walk(self, value: str, line0: int, col0: int) -> array:
        """The file offset of each character of a parsed scalar.

        Quotes, escapes, folded line breaks and block indentation mean the parsed text is not a
        slice of the file; a greedy walk that matches each character to the next equal character
        in the file (within a short reach) recovers positions for plain, quoted and block scalars.
        """
        raw = self.text
        cursor = self.offset(line0, col0)
        out = array("i")
        reach = 12
        for ch in value:
            found = -1
            limit = min(len(raw), cursor + reach)
            for j in range(cursor, limit):
                r = raw[j]
                if r == ch or (ch == " " and r in _FOLDED) or (ch == "\n" and r in _FOLDED):
                    found = j
                    break
            if found < 0:
                out.append(min(cursor, len(raw) - 1) if raw else 0)
                continue
            out.append(found)
            cursor = found + 1
        return out


# What a scalar's space or line break may stand for in the file: a folded line break (ruamel folds
# NEL too, as YAML 1.1 did), a tab, or a space.
_FOLDED = "\n\r\t \x85\u2028\u2029"


class Offsets(Sequence):
    """(line, column) of each character of a title, kept as file offsets (4 bytes a character,
    where a list of tuples took about 70) and worked out when first read."""

    __slots__ = ("_offsets", "_source", "_scalar")

    def __init__(self, source: Source, value: str, line0: int, col0: int):
        self._offsets: array | None = None
        self._source = source
        self._scalar: tuple[str, int, int] | None = (value, line0, col0)

    def _walked(self) -> array:
        if self._offsets is None:
            self._offsets = self._source.walk(*self._scalar)
            self._scalar = None
        return self._offsets

    def __len__(self) -> int:
        return len(self._scalar[0]) if self._offsets is None else len(self._offsets)

    def __getitem__(self, index):
        offsets = self._walked()
        if isinstance(index, slice):
            return [self._source.position(o) for o in offsets[index]]
        return self._source.position(offsets[index])

    def __eq__(self, other) -> bool:
        return isinstance(other, (list, tuple, Offsets)) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Offsets({list(self)!r})"


MAX_VALUE_NODES = 10_000  # a field's value larger than this is an alias bomb, not a goal
MAX_ALIASED_NODES = 10_000  # items and values repeated through aliases, over the whole file


class _Expansion:
    """What YAML aliases repeat, counted over the whole file.

    The round-trip loader gives an alias the very object of its anchor, so a node met again (or
    anything inside it) is a repetition; each repeated item or value node costs one, and past
    MAX_ALIASED_NODES the rest is not read. A few hundred bytes of nested aliases would otherwise
    expand into millions of items (each list of aliases multiplies the one below).
    """

    def __init__(self, aliases: bool = True) -> None:
        self.seen: set[int] = set()
        self.left = MAX_ALIASED_NODES
        self.reported = False
        self.aliases = aliases  # False: the file has no alias, nothing can repeat

    def visit(self, node: Any, inside_repeat: bool) -> bool:
        """Whether `node` (a mapping or list; None for a scalar, which only a repeated parent
        can repeat) is a repetition; a repetition is charged."""
        if not self.aliases:
            return False  # (ids of released items may be reused by new objects: never compared)
        again = inside_repeat or (node is not None and id(node) in self.seen)
        if node is not None:
            self.seen.add(id(node))
        if again:
            self.left -= 1
        return again

    @property
    def exhausted(self) -> bool:
        return self.left < 0


class ValueTooLarge(ValueError):
    """A value that cannot be taken as it is: too large, too deep, or tagged."""

    def __init__(self, message: str, hint: str | None = None, repetition: bool = False):
        super().__init__(message)
        self.message = message  # a marked Text: str(exc) would lose its translations
        self.hint = hint or _("Write the value out instead of through aliases.")
        self.repetition = repetition  # the file's budget for repetitions ran out (reported once)


def custom_tag(node: Any) -> str | None:
    """The tag of a node written with an explicit non-standard tag (`!custom`, `!!python/...`).

    The round-trip loader never constructs such values (nothing is executed); smartlint reports
    them instead of guessing what they mean.
    """
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", tag)
    if not isinstance(value, str) or not value:
        return None
    if value.startswith("tag:yaml.org,2002:") and "python/" not in value:
        return None
    return value.replace("tag:yaml.org,2002:", "!!")


def _plain(value: Any, budget: list[int] | None = None, depth: int = 0,
           expansion: _Expansion | None = None, repeated: bool = False) -> Any:
    """ruamel's round-trip containers and scalars as plain Python values.

    YAML aliases can make a small file expand into an exponential (or cyclic) value; a node budget
    per value, the file's budget for repetitions, and a depth limit turn that into a problem
    instead of a hang.
    """
    if value is SKIPPED:
        return None  # an alias to an anchor beyond the file's node budget: not read (reported once)
    budget = budget if budget is not None else [MAX_VALUE_NODES]
    budget[0] -= 1
    if budget[0] < 0 or depth > 100:
        raise ValueTooLarge(_("the value is too large or too deeply nested (YAML aliases?)"))
    if expansion is not None and (repeated or isinstance(value, (dict, list))):
        repeated = expansion.visit(value, repeated) if isinstance(value, (dict, list)) else expansion.visit(None, True)
        if expansion.exhausted:
            raise ValueTooLarge(_("YAML aliases repeat more than {limit} items and values in this file",
                                  limit=MAX_ALIASED_NODES), repetition=True)
    tag = custom_tag(value)
    if tag:
        raise ValueTooLarge(_("the tag `{tag}` is not allowed: goal files are plain YAML, and smartlint "
                              "never constructs tagged values", tag=tag), _("Remove the tag and write a plain value."))
    if isinstance(value, dict):
        return {clean_text(str(k)): _plain(v, budget, depth + 1, expansion, repeated) for k, v in value.items()}
    if isinstance(value, list):  # entries beyond the file's node budget are not read
        return [_plain(v, budget, depth + 1, expansion, repeated) for v in value if v is not SKIPPED]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return clean_text(str(value))
    return value


def _writable(text: str) -> str:
    """Text any UTF-8 output can carry: lone surrogates written as their escapes (`\\ud800`)."""
    if isinstance(text, Text):
        return text.map_args(_writable)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clean_text(value: str) -> str:
    """Text without lone surrogates: YAML's "\\ud83d\\ude42" escapes give UTF-16 halves, which
    are joined here when they pair up and replaced when they do not."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _release(seq: Any, index: int) -> None:
    """Drop a list entry that has been read, and its position, from the parsed tree."""
    list.__setitem__(seq, index, None)
    lc = getattr(seq, "lc", None)
    data = getattr(lc, "data", None)
    if isinstance(data, dict):
        data.pop(index, None)


def _type_name(value: Any) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return type(value).__name__


def did_you_mean(key: str, allowed: list[str]) -> str:
    low = key.strip().lower()
    if low in KEY_ALIASES and KEY_ALIASES[low] in allowed:
        return KEY_ALIASES[low]
    close = difflib.get_close_matches(low, allowed, n=1, cutoff=0.6)
    return close[0] if close else ""


_ALLOWED_KEYS: dict[type, list[str]] = {}


def _allowed_keys(model: type) -> list[str]:
    """The keys of an item's model (read once: pydantic's `model_fields` costs 30 µs a read)."""
    keys = _ALLOWED_KEYS.get(model)
    if keys is None:
        keys = _ALLOWED_KEYS[model] = list(model.model_fields)
    return keys


def _is_mapping(value: Any) -> bool:
    """A mapping of the parsed file (the fast path's, or the round-trip loader's)."""
    if isinstance(value, FastMap):
        return True
    comments = sys.modules.get("ruamel.yaml.comments")  # not imported: no such mapping exists
    return comments is not None and isinstance(value, comments.CommentedMap)


def _is_list(value: Any) -> bool:
    if isinstance(value, FastSeq):
        return True
    comments = sys.modules.get("ruamel.yaml.comments")
    return comments is not None and isinstance(value, comments.CommentedSeq)


def _merged(mapping: Any) -> list[Any]:
    """The mappings merged into `mapping` by `<<:`, first one first."""
    if isinstance(mapping, FastMap):
        return list(mapping.merged)
    merge = getattr(mapping, "_yaml_merge", None)  # ruamel's MergeValue
    return list(merge) if merge is not None else []


def _value_position(mapping: Any, key: str, depth: int = 0) -> tuple[int, int] | None:
    """0-based (line, column) where the value of `key` is written: in the mapping, or in a mapping
    merged into it (`<<: *defaults`), which has no position in the mapping itself."""
    try:
        line0, col0 = mapping.lc.value(key)
        return line0, col0
    except Exception:  # noqa: BLE001 - a merged key (ruamel raises KeyError or gives None)
        pass
    if depth < MAX_DEPTH:
        for source in _merged(mapping):
            if key in source:
                return _value_position(source, key, depth + 1)
    return None


class _Loader:
    def __init__(self, file: str, text: str, lexicons: Any = None, budget: Budget | None = None):
        self.file = file
        self.lexicons = lexicons  # the configuration's word lists (placeholders such as "TBD")
        self.budget = budget or Budget()
        self.nodes: _NodeBudget | None = None  # set by the parse
        self.items_read = 0
        self.characters_read = 0
        self.stopped = False  # the file's budget of items or characters ran out: nothing more is read
        self.src = Source(text)
        self.out = LoadedFile(file=file, text=text)
        self.ids: dict[str, tuple[str, Span]] = {}
        self.placeholder_values: dict[str, dict[str, str]] = {}  # path -> {field: "TBD"}
        self.expansion = _Expansion()
        self.aligned: dict[tuple[str, int, int], Any] = {}

    # -- problems ------------------------------------------------------------------------------
    def problem(self, rule: type[Rule], span: Span, path: str, message: str, suggestion: str) -> None:
        # A key or value may hold a lone surrogate ("\ud800" in a quoted key), which no encoding
        # can write: it is shown as the escape the user wrote, never passed on to the outputs.
        self.out.problems.append(Problem(rule, span, _writable(path), _writable(message), _writable(suggestion)))

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
        length = 1
        if isinstance(value, (str, int, float)):
            shown = str(value)
            if "\n" not in shown:
                length = len(shown)
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
        if data is None:
            self.problem(schema.MissingContent, Span(1, 1, 1, 2), "", _("the file holds no objectives and no goals"),
                         _("Add an `objectives:` or a `goals:` list (see `smartlint init`)."))
            return self.out
        if not _is_mapping(data):
            self.problem(schema.InvalidValue, self.node_span(data), "",
                         _("the file's top level is {what}, not a mapping", what=_type_name(data)),
                         _("Start the file with keys such as `language:`, `period:` and `objectives:`."))
            return self.out
        if self.nodes is not None and self.nodes.aliases == 0:
            # No alias: every node of the tree is met once, so each item is released as soon as it
            # is read, and the tree never stands in memory beside the whole loaded file.
            self.expansion = _Expansion(aliases=False)
        allowed = list(Plan.model_fields)
        top: dict[str, Any] = {}
        for key in data:
            skey = str(key)
            if skey not in allowed:
                self.unknown_key(data, key, allowed, "")
                continue
            if skey in ("objectives", "goals", "key_results"):
                continue
            try:
                top[skey] = _plain(data[key], expansion=self.expansion)
            except ValueTooLarge as exc:
                self.expansion.reported |= exc.repetition
                self.problem(schema.InvalidValue, self.key_span(data, key), "",
                             _("`{key}`: {error}", key=skey, error=exc.message), exc.hint)
        plan = self.validate(Plan, top, data, "")
        if plan is None:
            plan = Plan()
        self.out.language = plan.language
        self.out.period = plan.period
        if not (data.get("objectives") or data.get("goals") or data.get("key_results")):
            self.problem(schema.MissingContent, self.node_span(data), "", _("the file holds no objectives and no goals"),
                         _("Add an `objectives:` or a `goals:` list."))
        for key in data:
            self.out.sections[_writable(str(key))] = self.key_span(data, key)
        for key, level in (("objectives", Level.objective), ("goals", Level.goal), ("key_results", Level.key_result)):
            if key in data:
                self.items(data, key, level, parent=None, period=plan.period, owner=plan.owner, base="")
        if self.nodes is not None and self.nodes.first_skipped is not None and not self.stopped:
            mark = self.nodes.first_skipped
            self.over_budget(self.src.span_at(mark.line, mark.column), "",
                             _("the file holds more than {limit} YAML values (the budget per file)",
                               limit=self.budget.nodes), "max-nodes")
        return self.out

    def over_budget(self, span: Span, path: str, what: str, option: str) -> None:
        """The file's budget ran out at `span`: one finding, and nothing more of the file is read."""
        self.stopped = True
        self.problem(schema.InvalidValue, span, path, _("{what}; from here on the file is not read", what=what),
                     _("Split the plan into several files, or raise `limits.{option}` in the configuration.",
                       option=option))

    def unknown_key(self, mapping: Any, key: Any, allowed: list[str], path: str) -> None:
        guess = did_you_mean(str(key), allowed)
        hint = _("Did you mean `{key}`?", key=guess) if guess else _("Allowed keys: {keys}.", keys=", ".join(allowed))
        self.problem(schema.UnknownKey, self.key_span(mapping, key), path,
                     _("unknown key `{key}` in {path}", key=str(key), path=path) if path else
                     _("unknown key `{key}` at the top level", key=str(key)), hint)

    def items(self, mapping: Any, key: str, level: Level, parent: Node | None,
              period: Period | None, owner: str | None, base: str, repeated: bool = False) -> None:
        seq = mapping[key]
        prefix = f"{base}.{key}" if base else key
        if seq is None:
            return
        if not _is_list(seq):
            self.problem(schema.InvalidValue, self.value_span(mapping, key), prefix,
                         _("`{key}` should be a list, not {what}", key=key, what=_type_name(seq)),
                         _("Write each item of `{key}` on its own line starting with `- `.", key=key))
            return
        repeated = self.expansion.visit(seq, repeated)
        release = not self.expansion.aliases
        for i, raw in enumerate(seq):
            if release and i:
                _release(seq, i - 1)
            if self.stopped:
                return
            path = f"{prefix}[{i}]"
            span = self.item_span(seq, i)
            if raw is SKIPPED and self.nodes is not None and self.nodes.first_skipped is not None:
                self.over_budget(span, path, _("the file holds more than {limit} YAML values (the budget per file)",
                                               limit=self.budget.nodes), "max-nodes")
                return
            if self.items_read >= self.budget.items:
                self.over_budget(span, path, _("the file holds more than {limit} items (the budget per file)",
                                               limit=self.budget.items), "max-items")
                return
            item_repeated = self.expansion.visit(raw if isinstance(raw, (dict, list)) else None, repeated)
            if item_repeated and self.expansion.exhausted:
                if not self.expansion.reported:
                    self.expansion.reported = True
                    self.problem(schema.InvalidValue, span, path,
                                 _("YAML aliases repeat more than {limit} items and values in this "
                                   "file; the repeated items from here on are not read", limit=MAX_ALIASED_NODES),
                                 _("Write the items out instead of repeating them through aliases."))
                continue
            if isinstance(raw, str) and not custom_tag(raw):
                fields: dict[str, Any] = {"title": clean_text(str(raw))}
                title_pos = seq.lc.item(i) if hasattr(seq, "lc") else None
                container = None
            elif _is_mapping(raw):
                fields = {}
                rejected: set[str] = set()
                container = raw
                child = CHILDREN[level]
                allowed = _allowed_keys(ITEM_MODELS[level])
                for k in raw:
                    sk = str(k)
                    if sk not in allowed:
                        self.unknown_key(raw, k, allowed, path)
                    elif child is None or sk != child[0]:
                        try:
                            fields[sk] = _plain(raw[k], expansion=self.expansion, repeated=item_repeated)
                        except ValueTooLarge as exc:
                            rejected.add(sk)
                            if exc.repetition and self.expansion.reported:
                                continue
                            self.expansion.reported |= exc.repetition
                            self.problem(schema.InvalidValue, self.key_span(raw, k), path,
                                         _("`{key}`: {error}", key=sk, error=exc.message), exc.hint)
                title_pos = _value_position(raw, "title") if "title" in raw else None
                span = self.node_span(raw) if raw.lc.line is not None else span
            else:
                tag = custom_tag(raw)
                what = _("a value tagged `{tag}` (tags are not allowed)", tag=tag) if tag else _type_name(raw)
                self.problem(schema.InvalidValue, span, path, _(_NOT_AN_ITEM[level], what=what),
                             _("Write the item as `- title: ...` or as plain text."))
                continue
            if container is not None and "title" in rejected:
                continue  # already reported
            if "title" not in fields and container is not None and "title" not in container:
                self.problem(schema.MissingContent, span, path, _(_NO_TITLE[level]),
                             _("Add `title:` with one line that says what is to be reached."))
                continue
            item = self.validate(ITEM_MODELS[level], fields, container, path, item_span=span)
            if item is None:
                continue
            if len(item.title) > MAX_TITLE:
                self.problem(schema.InvalidValue, span, path,
                             _("the title is {length} characters long; smartlint reads the first {limit}",
                               length=len(item.title), limit=MAX_TITLE),
                             _("Keep the title to one line; put details in initiatives or in a comment."))
                item = item.model_copy(update={"title": item.title[:MAX_TITLE]})
            if self.characters_read + len(item.title) > self.budget.characters:
                self.over_budget(span, path, _("the file's titles hold more than {limit} characters (the budget per "
                                               "file)", limit=self.budget.characters), "max-characters")
                return
            self.items_read += 1
            self.characters_read += len(item.title)
            if item.id is not None:
                id_span = self.value_span(container, "id") if container is not None and "id" in container else span
                first = self.ids.setdefault(item.id, (path, id_span))
                if first[0] != path:
                    self.problem(schema.DuplicateId, id_span, path,
                                 _("duplicate id {id}: {path} (line {line}) has it too", id=excerpt(item.id, 60),
                                   path=first[0], line=str(first[1].line)),
                                 _("Give every objective, key result and goal its own id."))
            loc = Located(path=path, item=span, placeholders=self.placeholder_values.get(path, {}))
            if container is not None:
                loc.fields = {k: self.value_span(container, k) for k in fields if k in container}
            if title_pos is not None:
                loc.title = self.src.span_at(title_pos[0], title_pos[1], len(item.title))
                where = (item.title, title_pos[0], title_pos[1])
                if where not in self.aligned:  # an anchored title repeated by aliases is aligned once
                    self.aligned[where] = self.src.align(*where)
                loc.title_offsets = self.aligned[where]
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
                           period=own_period or period, owner=node.owner, base=path, repeated=item_repeated)
        if release and len(seq):
            _release(seq, len(seq) - 1)

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
        if isinstance(value, str) and key in ("baseline", "target", "current", "deadline", "period") \
                and _is_placeholder(value, self.lexicons):
            self.placeholder_values.setdefault(path, {})[key] = value  # reported by the placeholder rule
            return
        error = (err.get("ctx") or {}).get("error")
        if isinstance(error, ValueError) and error.args and isinstance(error.args[0], Text):
            msg: str = error.args[0]  # a validator's own message, marked for translation
        else:
            msg = str(err.get("msg", "invalid value"))
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, "):]
        etype = err.get("type", "")
        if key == "title" and etype in ("value_error",):
            self.problem(schema.MissingContent, span, path, _("the title is empty"),
                         _("Write one line that says what is to be reached."))
            return
        expected = {
            "string_type": N_("`{key}` should be text, not {what}"),
            "float_type": N_("`{key}` should be a number, not {what}"),
            "float_parsing": N_("`{key}` should be a number, not {what}"),
            "int_type": N_("`{key}` should be a whole number, not {what}"),
            "literal_error": N_("`{key}` should be one of {choices}, not {what}"),
            "date_type": N_("`{key}` should be a date (YYYY-MM-DD), not {what}"),
            "date_from_datetime_parsing": N_("`{key}` should be a date (YYYY-MM-DD), not {what}"),
        }.get(etype)
        if expected:
            what = _type_name(value)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                what = _("{what} ({value})", what=what, value=short_value(value))
            msg = _(expected, key=key, what=what, choices=", ".join((*_language_codes(), "auto")))
        else:
            msg = _("`{key}`: {error}", key=key, error=msg)
        hint = {
            "period": N_("Write 2027, 2027-Q1, 2027-H1, 2027-03, or {{start: 2027-01-01, end: 2027-03-31}}."),
            "deadline": N_("Write the date as YYYY-MM-DD, e.g. 2027-03-31."),
            "language": N_("Use {choices} or auto."),
            "baseline": N_("Write a plain number (the unit goes in `unit:`)."),
            "target": N_("Write a plain number (the unit goes in `unit:`)."),
            "current": N_("Write a plain number (the unit goes in `unit:`)."),
        }.get(key, N_("Fix the value or remove the key."))
        self.problem(schema.InvalidValue, span, path, msg, _(hint, choices=", ".join(_language_codes())))


_NESTING_EVENT = re.compile(r"[\[\]{}\"'\r\n]")
_QUOTE_END = {q: re.compile(f"[{q}\r\n]") for q in "\"'"}
MAX_DEPTH = 100  # levels of nesting: a goal file needs about 6; the parser recurses on each


def _nesting_beyond(text: str, limit: int) -> int | None:
    """Offset where flow brackets or block indentation nest deeper than `limit`, found in one
    cheap pass before the parser (which recurses per level and takes seconds on thousands).

    Only brackets, quotes and line breaks are visited (a regular-expression search jumps over the
    rest), so megabytes of comments or text cost little.
    """
    depth = 0
    last = "\n"  # the last character that is not a space before the current one
    pos = 0  # characters before `pos` have been accounted for in `last`
    while True:
        m = _NESTING_EVENT.search(text, pos)
        if m is None:
            break
        i = m.start()
        j = i - 1
        while j >= pos and text[j] in " \t":
            j -= 1
        if j >= pos:
            last = text[j]
        ch = text[i]
        if ch in "[{" and last in "\n\r:-[{,":  # an opening bracket where a value starts, not "Goal [draft"
            depth += 1
            if depth > limit:
                return i
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch in "\"'" and last in "\n\r:-[{,":
            # A quote never spans a line break in a sane goal file; stay conservative.
            close = _QUOTE_END[ch].search(text, i + 1)
            last = ch
            if close is None:
                break
            pos = close.end()
            continue
        last = ch
        pos = i + 1
    for m in re.finditer(r"(?m)^( {%d,})\S" % (2 * limit), text):
        return m.end(1)
    return None


_SCANNER: Any = None
# What ends a comment: a line break as YAML 1.2 and editors count them (ruamel's scanner also stops at
# NEL, LS and PS, then reads the rest of the line as YAML: `# note<LS>x` became a syntax error).
_LINE_END = re.compile("[\n\0\r]")


def _scanner() -> Any:
    """The round-trip scanner, recording every comment it meets with its position.

    Comments are what the YAML parser says they are: a `#` inside a quoted or block scalar is text,
    not a comment, so `# smartlint:` there suppresses nothing. The scanner reports each comment as
    it skips it (between tokens, or after a block scalar's indicator); the loader keeps them in
    `LoadedFile.comments` for the suppressions.
    """
    global _SCANNER
    if _SCANNER is None:
        from ruamel.yaml.scanner import RoundTripScanner

        def record(scanner: Any, line0: int, col0: int, text: str) -> None:
            sink = getattr(scanner.loader, "smartlint_comments", None)
            # Only directives are kept: a plan with a comment on every line would otherwise hold
            # them all in memory for nothing.
            if sink is not None and text.startswith("#") and "smartlint" in text:
                sink.append((line0 + 1, col0 + 1, text.split("\n", 1)[0].rstrip("\r")))

        class Scanner(RoundTripScanner):
            def scan_to_next_token(self) -> Any:
                """ruamel's scan_to_next_token, linear in long comments.

                ruamel reads a comment one character at a time, then joins consecutive comment
                lines by repeated string concatenation: megabytes of comments took minutes
                (quadratic). Here a comment's text is taken in one slice, and a run of comment
                lines is returned as one comment, joined as ruamel joins them.
                """
                found = self._next_comment()
                if found is None or not found[0].startswith("#"):
                    return found
                parts, start, end = [found[0]], found[1], found[2]
                while self._comment_follows():
                    more = self._next_comment()
                    if more is None:
                        break
                    parts.append(" " * more[1].column + more[0])
                    end = more[2]
                return "".join(parts), start, end

            def _comment_follows(self) -> bool:
                reader = self.reader
                buffer, i = reader.buffer, reader.pointer
                blank = " \t" if self.flow_level > 0 else " "
                while i < len(buffer) and buffer[i] in blank:
                    i += 1
                return i < len(buffer) and buffer[i] == "#"

            def _next_comment(self) -> Any:
                # As RoundTripScanner.scan_to_next_token (ruamel.yaml 0.18-0.19), but the comment's
                # text is read in one slice.
                reader = self.reader
                srp, srf = reader.peek, reader.forward
                if reader.index == 0 and srp() == "\uFEFF":
                    srf()
                white_space = " \t" if self.flow_level > 0 else " "
                while True:
                    while srp() in white_space:
                        srf()
                    ch = srp()
                    if ch == "#":
                        start_mark = reader.get_mark()
                        end = _LINE_END.search(reader.buffer, reader.pointer)
                        stop = end.start() if end else len(reader.buffer)
                        comment = reader.buffer[reader.pointer:stop]
                        reader.pointer = stop
                        reader.index += len(comment)
                        reader.column += len(comment) - comment.count("\uFEFF")
                        if srp() == "\0":
                            comment += "\n"
                        ch = self.scan_line_break()
                        while len(ch) > 0:
                            comment += ch
                            ch = self.scan_line_break()
                        end_mark = reader.get_mark()
                        if not self.flow_level:
                            self.allow_simple_key = True
                        record(self, start_mark.line, start_mark.column, comment)
                        return comment, start_mark, end_mark
                    if self.scan_line_break() != "":
                        start_mark = reader.get_mark()
                        if not self.flow_level:
                            self.allow_simple_key = True
                        ch = srp()
                        if ch == "\n":  # empty top-level lines
                            start_mark = reader.get_mark()
                            comment = ""
                            while ch:
                                ch = self.scan_line_break(empty_line=True)
                                comment += ch
                            if srp() == "#":
                                comment = comment.rsplit("\n", 1)[0] + "\n"
                            end_mark = reader.get_mark()
                            return comment, start_mark, end_mark
                    else:
                        return None

            def scan_block_scalar_ignored_line(self, start_mark: Any) -> Any:
                mark = self.reader.get_mark()
                comment = super().scan_block_scalar_ignored_line(start_mark)
                if comment is not None:
                    spaces = len(comment) - len(comment.lstrip(" "))
                    record(self, mark.line, mark.column + spaces, comment[spaces:])
                return comment

        _SCANNER = Scanner
    return _SCANNER


class _NodeBudget:
    """YAML nodes the composer may still build for the file (see Budget.nodes)."""

    def __init__(self, nodes: int) -> None:
        self.left = nodes
        self.first_skipped: Any = None  # the mark of the first list entry not read
        self.aliases = 0  # aliases met (`*name`, `<<: *name`)
        self.skip_nodes: set[int] = set()  # the composer's SKIPPED entries (a file may write the tag itself)
        self.keep: list[Any] = []

    @property
    def exhausted(self) -> bool:
        return self.left <= 0


class NodeBudgetExceeded(Exception):
    """Nodes beyond the budget that no list holds (a mapping of millions of keys)."""

    def __init__(self, mark: Any):
        super().__init__("node budget exceeded")
        self.mark = mark


SKIPPED_TAG = "tag:smartlint,2026:not-read"  # the entry standing for the rest of a list beyond the budget


class _Skipped:
    """What a list holds where the entries beyond the node budget were left out."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "SKIPPED"


SKIPPED = _Skipped()
_COMPOSER: Any = None


def _composer() -> Any:
    """The composer, within the file's node budget.

    Every node built counts one. Once the budget is spent, the rest of each list is read past
    (its events are consumed, nothing is built) and stands as one SKIPPED entry at the position
    of its first entry, so memory stops growing while the parser still checks the syntax in
    linear time. Nodes outside lists keep counting; another MAX_VALUE_NODES of them abort the
    file (NodeBudgetExceeded).
    """
    global _COMPOSER
    if _COMPOSER is None:
        from ruamel.yaml.composer import Composer as RuamelComposer
        from ruamel.yaml.error import FileMark, StringMark
        from ruamel.yaml.events import (
            AliasEvent,
            MappingEndEvent,
            MappingStartEvent,
            SequenceEndEvent,
            SequenceStartEvent,
        )
        from ruamel.yaml.nodes import ScalarNode, SequenceNode

        class Composer(RuamelComposer):
            def compose_node(self, parent: Any, index: Any) -> Any:
                budget = getattr(self.loader, "smartlint_budget", None)
                if budget is not None:
                    if budget.exhausted and isinstance(parent, SequenceNode):
                        return self._skip_rest(budget)
                    budget.left -= 1
                    if budget.left < -MAX_VALUE_NODES:
                        raise NodeBudgetExceeded(self.parser.peek_event().start_mark)
                node = super().compose_node(parent, index)
                # Only where a node starts is used (its line and column); its end mark, a second
                # object per node kept until the whole file is built, goes, and the start is kept
                # without the reader's buffer and pointer.
                mark = node.start_mark
                if type(mark) is StringMark:
                    node.start_mark = FileMark(mark.name, mark.index, mark.line, mark.column)
                node.end_mark = node.start_mark
                return node

            def return_alias(self, a: Any) -> Any:
                budget = getattr(self.loader, "smartlint_budget", None)
                if budget is not None:
                    budget.aliases += 1
                return a

            def _skip_rest(self, budget: Any) -> Any:
                """Consume the events of this entry and of the rest of its list; anchors defined
                there stand for the skipped entry, so a later alias to one is not an error."""
                mark = self.parser.peek_event().start_mark
                if budget.first_skipped is None:
                    budget.first_skipped = mark
                node = ScalarNode(SKIPPED_TAG, "", mark, mark)
                budget.skip_nodes.add(id(node))
                budget.keep.append(node)  # (its id stays its own until the file is built)
                depth = 0
                while True:
                    if depth == 0 and self.parser.check_event(SequenceEndEvent):
                        return node
                    event = self.parser.get_event()
                    if not isinstance(event, AliasEvent) and getattr(event, "anchor", None) is not None:
                        self.anchors[event.anchor] = node
                    if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                        depth += 1
                    elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                        depth -= 1

        _COMPOSER = Composer
    return _COMPOSER


_CONSTRUCTOR: Any = None


def _constructor() -> Any:
    """The round-trip constructor, except that an impossible date (2027-02-30) stays text, so that
    validation reports it at its position instead of the parser failing on the whole file."""
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.constructor import RoundTripConstructor
        from ruamel.yaml.scalarstring import PlainScalarString

        class Map(CommentedMap):
            """A mapping that does not track the mappings merging it (`<<: *defaults`): ruamel
            checks each new one against the list by value, quadratic in the items that merge the
            same anchor (1,000 items took seconds, 10,000 minutes). The loader never edits the
            data, which is all that list is for."""

            __slots__ = ()

            def add_referent(self, cm: Any) -> None:
                pass

        class Constructor(RoundTripConstructor):
            def construct_yaml_map(self, node: Any) -> Any:
                data = Map()
                data._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
                yield data
                self.construct_mapping(node, data, deep=True)
                self.set_collection_style(data, node)

            def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
                try:
                    return super().construct_yaml_timestamp(node, values)
                except ValueError:
                    return PlainScalarString(node.value)

        def construct_skipped(self: Any, node: Any) -> Any:
            budget = getattr(self.loader, "smartlint_budget", None)
            if budget is not None and id(node) in budget.skip_nodes:
                return SKIPPED
            return self.construct_unknown(node)  # the tag written in the file: reported as a tag

        Constructor.add_constructor(SKIPPED_TAG, construct_skipped)
        Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
        Constructor.add_constructor("tag:yaml.org,2002:map", Constructor.construct_yaml_map)
        _CONSTRUCTOR = Constructor
    return _CONSTRUCTOR


def load_text(file: str, text: str, lexicons: Any = None, budget: Budget | None = None,
              fast: bool = True) -> LoadedFile:
    """Parse and validate a goal file's text within `budget` (the defaults when None); never raises
    on bad input. `lexicons`: the configuration's word lists (lexicon.Lexicons; the shipped lists
    when None).

    The text is parsed through libyaml (fastyaml) when it can give exactly the round-trip loader's
    tree, and by the round-trip loader otherwise (`fast=False`: always), which stays the reference.
    """
    loader = _Loader(file, text, lexicons, budget)
    too_deep = _nesting_beyond(text, MAX_DEPTH)
    if too_deep is not None:
        line, col = loader.src.position(too_deep)
        loader.problem(schema.InvalidYaml, Span(line, col, line, col + 1), "",
                       _("invalid YAML: nested more than {limit} levels deep here", limit=MAX_DEPTH),
                       _("A goal file needs a handful of levels; this looks generated or corrupted."))
        return loader.out
    if fast:
        from smartlint import fastyaml

        nodes = _NodeBudget(loader.budget.nodes)
        try:
            built = fastyaml.build(text, nodes, MAX_VALUE_NODES, SKIPPED, loader.src.position)
        except fastyaml.Unsupported:
            pass  # the round-trip loader reads it
        else:
            loader.nodes = nodes
            loader.out.comments = built.comments
            if built.duplicate is not None:
                _duplicate_key(loader, *built.duplicate)
            return loader.load(built.data)
    return _load_round_trip(loader, text)


def _duplicate_key(loader: _Loader, key: str, line0: int, col0: int) -> None:
    """The first duplicate key of the file (YAML keeps the first value)."""
    loader.problem(schema.DuplicateKey, loader.src.span_at(line0, col0, len(key) or 1), "",
                   _("duplicate key `{key}`: YAML keeps only one of the values", key=key) if key
                   else _("duplicate key"), _("Remove or rename one of the two keys."))


def _parse_round_trip(text: str, nodes: _NodeBudget, allow_duplicates: bool, comments: list) -> Any:
    """The round-trip loader's tree of `text`, within the node budget `nodes`; the comments that
    mention smartlint are added to `comments`. Raises ruamel's errors (and NodeBudgetExceeded)."""
    import warnings

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor()
    yaml.Scanner = _scanner()
    yaml.Composer = _composer()
    yaml.smartlint_budget = nodes
    yaml.allow_duplicate_keys = allow_duplicates
    yaml.smartlint_comments = comments
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ruamel's warnings (reused anchors) are not the user's concern
        return yaml.load(text)


def _load_round_trip(loader: _Loader, text: str) -> LoadedFile:
    """The text through ruamel.yaml's round-trip loader."""
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    def parse(allow_duplicates: bool) -> Any:
        loader.nodes = _NodeBudget(loader.budget.nodes)
        loader.out.comments = []  # filled as the scanner meets them
        return _parse_round_trip(text, loader.nodes, allow_duplicates, loader.out.comments)

    try:
        try:
            data = parse(False)
        except DuplicateKeyError as exc:
            mark = exc.problem_mark
            key = ""
            if exc.problem and "found duplicate key" in exc.problem:
                key = exc.problem.split('"')[1] if '"' in exc.problem else ""
            _duplicate_key(loader, key, mark.line, mark.column)
            data = parse(True)
    except NodeBudgetExceeded as exc:
        line, col = exc.mark.line, exc.mark.column
        loader.problem(schema.InvalidValue, loader.src.span_at(line, col), "",
                       _("the file holds more than {limit} YAML values outside lists (the budget per file); it is "
                         "not read", limit=loader.budget.nodes),
                       _("Split the plan into several files, or raise `limits.{option}` in the configuration.",
                         option="max-nodes"))
        return loader.out
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = loader.src.span_at(mark.line, mark.column) if mark else Span(1, 1, 1, 2)
        what, hint = _plain_words((exc.problem or exc.context or "invalid YAML").strip())
        loader.problem(schema.InvalidYaml, span, "", _("invalid YAML: {detail}", detail=what), hint)
        return loader.out
    except ReaderError as exc:
        line, col = loader.src.position(min(exc.position, max(len(text) - 1, 0)))
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        loader.problem(schema.InvalidYaml, Span(line, col, line, col + 1), "",
                       _("invalid YAML: the control character {char} is not allowed in a YAML file", char="U+" + format(char, "04X")),
                       _("Remove it (it is often pasted in from another tool)."))
        return loader.out
    except (YAMLError, RecursionError, ValueError, TypeError) as exc:
        loader.problem(schema.InvalidYaml, Span(1, 1, 1, 2), "",
                       _("invalid YAML: {detail}", detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__),
                       _("Check the file's YAML syntax."))
        return loader.out
    return loader.load(data)


_PLAIN_WORDS = [
    ("found character '\\t'", N_("a tab character: YAML indents with spaces only"),
     N_("Replace the tab with spaces.")),
    ("but found another document", N_("the file holds several YAML documents (`---`); a goal file is one document"),
     N_("Split the documents into separate files, or remove the extra `---`.")),
    ("mapping values are not allowed here", N_("a `: ` inside a value that is not quoted"),
     N_("Quote the title: `title: \"Goal: details\"`.")),
    ("could not find expected ':'", N_("a line that is neither a `key: value` nor a list item"),
     N_("Check the indentation and that every key ends with `: `.")),
    ("found unexpected end of stream", N_("the file ends inside an unclosed quote or bracket"),
     N_("Close the quote or bracket that starts here.")),
    ("expected <block end>, but found", N_("the indentation does not match the lines above"),
     N_("Indent items of the same list by the same number of spaces.")),
    ("found undefined alias", N_("an alias (`*name`) with no anchor (`&name`) before it"),
     N_("Define the anchor before using it, or write the value out.")),
    ("expected ',' or ']'", N_("a list in brackets (`[...]`) that is not closed where it should be"),
     N_("Close the bracket, or write the list one item per line.")),
    ("expected ',' or '}'", N_("a mapping in braces (`{{...}}`) that is not closed where it should be"),
     N_("Close the brace, or write the mapping one key per line.")),
    ("that cannot start any token", N_("a value that starts with a character YAML reserves (`@`, `` ` ``, `%`)"),
     N_("Quote the value: `- \"@team: ship the app\"`.")),
]
# One message per level: languages that inflect for gender ("cet objectif", "cette initiative") need it.
_NOT_AN_ITEM = {
    Level.objective: N_("an objective should be a mapping or a text, not {what}"),
    Level.key_result: N_("a key result should be a mapping or a text, not {what}"),
    Level.goal: N_("a goal should be a mapping or a text, not {what}"),
    Level.initiative: N_("an initiative should be a mapping or a text, not {what}"),
}
_NO_TITLE = {Level.objective: N_("this objective has no title"), Level.key_result: N_("this key result has no title"),
             Level.goal: N_("this goal has no title"), Level.initiative: N_("this initiative has no title")}


def _language_codes() -> tuple[str, ...]:
    from smartlint.languages import codes

    return codes()


def _is_placeholder(value: str, lexicons: Any = None) -> bool:
    """"TBD", "XX", "à définir" in a field that wants a number or a date, in any language."""
    from smartlint.languages import codes
    from smartlint.lexicon import Lexicons
    from smartlint.nlp.patterns import is_placeholder

    lexicons = lexicons or Lexicons()
    return any(is_placeholder(value, lexicons.get(lang)) for lang in codes())


def _plain_words(problem: str) -> tuple[str, str]:
    """The parser's reason, said plainly, with a hint."""
    for needle, said, hint in _PLAIN_WORDS:
        if needle in problem:
            return _(said), _(hint)
    return problem, _("Check the indentation and quoting around this position; quote titles that "
                      "contain `: ` or start with a special character.")


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
        return None, Problem(schema.InvalidYaml, Span(line, col, line, col + 1), "",
                             _("the file is not UTF-8 text (byte {byte} at offset {offset})",
                               byte="0x" + format(raw[exc.start], "02x"), offset=str(exc.start)),
                             _("Save the file as UTF-8."))
    if "\x00" in text:
        i = text.index("\x00")
        src = Source(text)
        line, col = src.position(i)
        return None, Problem(schema.InvalidYaml, Span(line, col, line, col + 1), "",
                             _("the file holds a NUL character: it is binary, not a goal file"),
                             _("Point smartlint at YAML goal files only."))
    return text, None


STDIN = "-"


def load_file(path: Path, display: str, lexicons: Any = None, budget: Budget | None = None) -> LoadedFile:
    """Read, decode and load one file (`-`: standard input). OSErrors are the caller's (they are
    usage errors)."""
    if str(path) == STDIN:
        import sys

        from smartlint.files import read_stdin

        raw = read_stdin(sys.stdin.buffer, MAX_BYTES)  # over the limit: refused, never cut
        text, problem = decode(display, raw)
        out = LoadedFile(file=display) if problem else load_text(display, text, lexicons, budget)
        if problem:
            out.problems.append(problem)
        return out
    size = path.stat().st_size
    if size > MAX_BYTES:
        out = LoadedFile(file=display)
        out.problems.append(Problem(schema.InvalidYaml, Span(1, 1, 1, 2), "",
                                    _("the file is {size} MiB; smartlint reads goal files up to {limit} MiB",
                                      size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)),
                                    _("Split the plan into several files.")))
        return out
    raw = path.read_bytes()
    text, problem = decode(display, raw)
    if problem is not None:
        out = LoadedFile(file=display, path=path)
        out.problems.append(problem)
        return out
    del raw  # the text alone is kept while the file is parsed
    out = load_text(display, text, lexicons, budget)
    out.path = path
    return out


__all__ = ["Budget", "Problem", "Source", "load_text", "load_file", "decode", "did_you_mean", "parse_period"]
