"""The goal file's YAML tree through libyaml, for checking: what the round-trip loader builds,
about twenty times faster.

ruamel.yaml's round-trip loader is pure Python: on a plan of 10,000 goals its parse took about 1.9 s,
nine tenths of the whole load. Here PyYAML's binding of libyaml (C) parses the text into events, and
one pass over them builds the same tree the loader reads (mappings and lists with the line and column
of every key, value and entry) in about 0.08 s, with the same meaning as the round-trip loader gives:

- scalars resolved by ruamel's YAML 1.2 rules (a copy of its table, checked against it by the
  tests: `yes` and `on` stay text, `0o17` is octal, `1_000` a number, dates are dates); any value
  other than text, null, a plain boolean or a plain decimal number is built by the round-trip
  constructor itself, so its type and text are the same;
- anchors and aliases give the very same object, merge keys (`<<`) merge as ruamel does, a
  duplicate key keeps its first value and is reported at the second, as the loader reports it;
- an empty value (`key:`) stands where ruamel's parser puts it (the next token, not the `:`);
- the file's node budget (`limits.max-nodes`) is counted node by node in the composer's order, and
  the rest of a list beyond it is read past and stands as one SKIPPED entry at its first entry;
- libyaml drops comments: the `# smartlint:` ones are found again in the text, outside every
  scalar, where the round-trip scanner records them.

Whatever this path does not reproduce exactly is left to the round-trip loader, which stays the
reference: `build` raises `Unsupported` for any error (libyaml's, so syntax errors keep ruamel's
messages, or a number's), for characters the two parsers count differently (NEL, LS, PS, BOM, tab,
a lone CR), `%` directives, explicit tags, mappings or lists as keys, undefined or recursive aliases,
anchor names the two parsers would end differently, unusual merges, a duplicate key in a file with
merges, empty values in brackets, anchored, as keys or followed by a comment, a list at the top
level, nesting deeper than 100, a file past its budget of nodes outside lists, and a PyYAML
without libyaml.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

# What the fast path leaves to the round-trip loader, before parsing: characters that libyaml and
# ruamel count or read differently (NEL, LS and PS end a line for libyaml, not for the positions;
# a BOM; tabs, which each parser accepts in different places; a lone CR), and directives (`%YAML
# 1.1` changes what `yes` means).
UNSUPPORTED_TEXT = re.compile("[\x85\u2028\u2029\ufeff\t]|\r(?!\n)|^%", re.M)


class Unsupported(Exception):
    """The text needs the round-trip loader (see the module's docstring)."""


class Positions:
    """The `.lc` of a mapping or list: as ruamel's LineCol, 0-based line and column of the node,
    and per key (key line, key column, value line, value column) or per entry (line, column)."""

    __slots__ = ("line", "col", "data")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.data: dict[Any, tuple[int, ...]] = {}

    def key(self, k: Any) -> tuple[int, int]:
        x = self.data[k]
        return x[0], x[1]

    def value(self, k: Any) -> tuple[int, int]:
        x = self.data[k]
        return x[2], x[3]

    def item(self, idx: int) -> tuple[int, int]:
        x = self.data[idx]
        return x[0], x[1]


class FastMap(dict):
    """A mapping of the file, with its positions (`lc`) and the mappings merged into it (`<<`)."""

    __slots__ = ("lc", "merged")


class FastSeq(list):
    """A list of the file, with its positions (`lc`)."""

    __slots__ = ("lc",)


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_MERGE = "tag:yaml.org,2002:merge"
_BUILT_BY_RUAMEL = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                    "tag:yaml.org,2002:timestamp"}
_PLAIN_INT = re.compile(r"[-+]?[1-9][0-9]*\Z")  # the round-trip constructor gives these as plain ints
_MERGE_KEY = object()  # a plain `<<` read as a key

# ruamel.yaml's implicit resolvers for YAML 1.2 (ruamel/yaml/resolver.py, 0.18-0.19), in its order:
# (tag, pattern, flags, first characters). A copy, so that a file of text and plain numbers is read
# without importing ruamel.yaml at all; tests/test_fastyaml.py checks it against ruamel's own table.
IMPLICIT_1_2 = [
    ("tag:yaml.org,2002:bool", "^(?:true|True|TRUE|false|False|FALSE)$", re.X, list("tTfF")),
    ("tag:yaml.org,2002:float", """^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$""", re.X, list("-+0123456789.")),
    ("tag:yaml.org,2002:int", """^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""", re.X, list("-+0123456789")),
    ("tag:yaml.org,2002:merge", "^(?:<<)$", 0, ["<"]),
    ("tag:yaml.org,2002:null", """^(?: ~
        |null|Null|NULL
        | )$""", re.X, ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", """^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \\t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?
        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X, list("0123456789")),
    ("tag:yaml.org,2002:value", "^(?:=)$", 0, ["="]),
    ("tag:yaml.org,2002:yaml", "^(?:!|&|\\*)$", 0, list("!&*")),
]
_RESOLVERS: dict[str, list[tuple[str, Any]]] | None = None
_CONSTRUCTOR: Any = None


def _resolvers() -> dict[str, list[tuple[str, Any]]]:
    """The YAML 1.2 implicit resolvers by first character, in ruamel's order."""
    global _RESOLVERS
    if _RESOLVERS is None:
        table: dict[str, list[tuple[str, Any]]] = {}
        for tag, pattern, flags, first in IMPLICIT_1_2:
            match = re.compile(pattern, flags).match
            for ch in first:
                table.setdefault(ch, []).append((tag, match))
        _RESOLVERS = table
    return _RESOLVERS


class _Version:
    processing_version = (1, 2)


class _RoundTrip:
    """What the round-trip constructor reads of its loader to build a scalar."""

    typ = "rt"
    comment_handling = None
    resolver = _Version()


def _construct(tag: str, value: str, anchor: str | None) -> Any:
    """A plain scalar built by the loader's round-trip constructor (numbers keep ruamel's types,
    an impossible date stays text)."""
    global _CONSTRUCTOR
    from ruamel.yaml.nodes import ScalarNode

    if _CONSTRUCTOR is None:
        from smartlint.load import _constructor

        _CONSTRUCTOR = _constructor()(loader=_RoundTrip())
    node = ScalarNode(tag, value, None, None, style=None, anchor=anchor)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)


def _scalar(event: Any, table: dict) -> Any:
    value = event.value
    if event.style or not event.implicit[0]:
        return value  # quoted or block: text
    resolvers = table.get(value[0] if value else "")
    if not resolvers:
        return value
    for tag, match in resolvers:
        if match(value):
            break
    else:
        return value
    anchor = event.anchor
    if tag == _NULL:
        return None
    if tag == _INT and anchor is None and _PLAIN_INT.match(value):
        return int(value)
    if tag == _BOOL and anchor is None:
        return value.lower() == "true"
    if tag in _BUILT_BY_RUAMEL:
        return _construct(tag, value, anchor)
    if tag == _MERGE and anchor is None:
        return _MERGE_KEY
    raise Unsupported(f"a plain scalar resolved as {tag}")


class Built:
    """What `build` gives the loader."""

    __slots__ = ("data", "duplicate", "comments")

    def __init__(self, data: Any, duplicate: tuple[str, int, int] | None, comments: list) -> None:
        self.data = data
        self.duplicate = duplicate  # the first duplicate key: (its text as reported, line0, col0)
        self.comments = comments


_MAP, _SEQ = 0, 1


def build(text: str, nodes: Any, max_value_nodes: int, skipped: Any, position: Any) -> Built:
    """The tree of `text` as the round-trip loader builds it, within the node budget `nodes` (a
    load._NodeBudget, updated as the composer updates it); `skipped` stands for the entries beyond
    it, `position` turns a character offset into a 1-based (line, column). Raises Unsupported."""
    if UNSUPPORTED_TEXT.search(text):
        raise Unsupported("characters or directives the round-trip loader reads")
    try:
        from yaml import _yaml  # PyYAML's binding of libyaml (absent where PyYAML was built without it)
    except ImportError:
        raise Unsupported("no libyaml") from None

    table = _resolvers()
    comments_wanted = "smartlint" in text
    spans: list[tuple[int, int, str]] = []  # (start, end, style) of each scalar, for the comments
    parser = _yaml.CParser(text)
    try:
        data, duplicate = _compose(parser, text, table, nodes, max_value_nodes, skipped,
                                   spans if comments_wanted else None, position)
    except Unsupported:
        raise
    except Exception as exc:  # noqa: BLE001 - any error (libyaml's, a number's): the round-trip loader reports it
        raise Unsupported(f"an error: {type(exc).__name__}") from None
    finally:
        parser.dispose()
    comments = _comments(text, spans, position) if comments_wanted else []
    return Built(data, duplicate, comments)


def _compose(parser: Any, text: str, table: dict, nodes: Any, max_value_nodes: int, skipped: Any,
             spans: list | None, position: Any) -> tuple[Any, Any]:
    from yaml import events as ev

    Scalar, Alias = ev.ScalarEvent, ev.AliasEvent
    SeqStart, SeqEnd = ev.SequenceStartEvent, ev.SequenceEndEvent
    MapStart, MapEnd = ev.MappingStartEvent, ev.MappingEndEvent
    get = parser.get_event

    get()  # stream start
    event = get()
    if type(event) is ev.StreamEndEvent:
        return None, None
    if event.version is not None or event.tags:
        raise Unsupported("a directive")

    anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (object, line0, col0)
    open_ids: set[int] = set()  # containers being built: an alias to one is recursive
    duplicate: tuple[str, int, int] | None = None
    merges = False
    # A frame: [kind, object, positions, flow style, line0, col0, pending key, key line, key col,
    # merged maps, entry index]
    stack: list[list] = []
    root: Any = None
    done = False
    left = nodes.left
    while not done:
        event = get()
        cls = type(event)
        if cls is MapEnd or cls is SeqEnd:
            frame = stack.pop()
            obj = frame[1]
            open_ids.discard(id(obj))
            if frame[0] == _MAP and frame[9]:
                obj.merged = frame[9]
                for source in frame[9]:
                    for k, v in source.items():
                        if not dict.__contains__(obj, k):
                            dict.__setitem__(obj, k, v)
            value, line, col = obj, frame[4], frame[5]
        else:
            parent = stack[-1] if stack else None
            if left <= 0 and parent is not None and parent[0] == _SEQ:
                # The node budget is spent: the rest of this list is read past, as the composer does.
                value, line, col = _skip_rest(parser, event, nodes, anchors, skipped, spans, Scalar, SeqStart,
                                              MapStart, SeqEnd, MapEnd, Alias, text)
            else:
                left -= 1
                if left < -max_value_nodes:
                    raise Unsupported("past the node budget outside lists")
                start = event.start_mark
                if event.anchor is not None:
                    _check_name(text, start.index, event.anchor)
                if cls is Alias:
                    name = event.anchor
                    if name not in anchors:
                        raise Unsupported("an undefined alias")
                    value, line, col = anchors[name]
                    if id(value) in open_ids:
                        raise Unsupported("a recursive alias")
                    nodes.aliases += 1
                elif cls is Scalar:
                    if event.tag is not None:
                        raise Unsupported("a tag")
                    value = event.value
                    if not event.style and value and value[0] in table:  # plain, maybe not text
                        value = _scalar(event, table)
                    line, col = start.line, start.column
                    if not event.value and not event.style:
                        value = _scalar(event, table)
                        if event.anchor is not None:
                            raise Unsupported("an anchored empty value")
                        line, col = _empty_value_mark(text, parent, start, position)
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, line, col)
                    if spans is not None:
                        spans.append((start.index, event.end_mark.index, event.style))
                elif cls is MapStart or cls is SeqStart:
                    if event.tag is not None:
                        raise Unsupported("a tag")
                    line, col = start.line, start.column
                    if parent is not None and parent[0] == _MAP and parent[6] is _NO_KEY:
                        raise Unsupported("a mapping or list as a key")
                    if cls is MapStart:
                        obj = FastMap()
                        obj.merged = ()
                        kind = _MAP
                    else:
                        if parent is None:
                            raise Unsupported("a list at the top level")
                        obj = FastSeq()
                        kind = _SEQ
                    obj.lc = Positions(line, col)
                    open_ids.add(id(obj))
                    if event.anchor is not None:
                        anchors[event.anchor] = (obj, line, col)
                    stack.append([kind, obj, obj.lc.data, event.flow_style, line, col, _NO_KEY, 0, 0, [], 0])
                    if len(stack) > MAX_DEPTH:
                        raise Unsupported("nested deeper than the round-trip loader is known to follow")
                    continue
                else:
                    raise Unsupported(f"unexpected event {cls.__name__}")
        # `value` (at line, col) is complete: it goes into its parent.
        if value is _MERGE_KEY and not (stack and stack[-1][0] == _MAP and stack[-1][6] is _NO_KEY):
            raise Unsupported("`<<` elsewhere than as a key")
        if not stack:
            root = value
            done = True
            continue
        frame = stack[-1]
        if frame[0] == _SEQ:
            i = frame[10]
            frame[1].append(value)
            frame[2][i] = (line, col)
            frame[10] = i + 1
        elif frame[6] is _NO_KEY:
            if isinstance(value, (FastMap, FastSeq)):
                raise Unsupported("a mapping or list as a key")
            frame[6], frame[7], frame[8] = value, line, col
        else:
            key = frame[6]
            frame[6] = _NO_KEY
            if key is _MERGE_KEY:
                merges = True
                if frame[9]:
                    raise Unsupported("a duplicate merge key")
                if isinstance(value, FastMap):
                    frame[9] = [value]
                elif isinstance(value, FastSeq) and all(isinstance(v, FastMap) for v in value):
                    frame[9] = list(value)
                else:
                    raise Unsupported("a merge of something else than mappings")
                continue
            obj = frame[1]
            if dict.__contains__(obj, key):
                if duplicate is None:
                    duplicate = (str(key).split('"')[0], frame[7], frame[8])
                continue
            dict.__setitem__(obj, key, value)
            frame[2][key] = (frame[7], frame[8], line, col)
    nodes.left = left
    event = get()  # document end
    if type(get()) is not ev.StreamEndEvent:
        raise Unsupported("several documents")
    if duplicate is not None and merges:
        raise Unsupported("a duplicate key in a file with merges")
    return root, duplicate


_NO_KEY = object()
MAX_DEPTH = 100  # the loader's own limit of nesting (load.MAX_DEPTH); deeper, the recursion of the round-trip composer decides


def _check_name(text: str, start: int, name: str) -> None:
    """An anchor's or alias's name (`&name`, `*name` at `start`) ends, for libyaml, at a character
    other than a letter, digit, `-` or `_`; ruamel reads on up to a space or a bracket, so any other
    character there would make another name."""
    end = start + 1 + len(name)
    if text[start:end] not in ("&" + name, "*" + name) or (end < len(text) and text[end] not in " \r\n,]}"):
        raise Unsupported("an anchor or alias name that the two parsers end differently")


def _empty_value_mark(text: str, parent: list | None, start: Any, position: Any) -> tuple[int, int]:
    """0-based (line, column) the round-trip parser gives an empty value (`key:` and nothing).

    libyaml puts it just after the `:`; ruamel's parser, in a block mapping, at the next token (the
    next key, or where the mapping ends), or after the `:` when a comment follows, depending on
    where the comment is attached. An empty value followed by a comment, in brackets or braces,
    anchored, or as a key is left to the round-trip loader; a list entry (`-` alone) is where
    both parsers agree.
    """
    if parent is None:
        return start.line, start.column
    if parent[3]:
        raise Unsupported("an empty value in brackets or braces")
    if parent[0] == _SEQ:
        return start.line, start.column
    if parent[6] is _NO_KEY:
        raise Unsupported("an empty key")
    p = start.index
    if p == 0 or text[p - 1] != ":":
        raise Unsupported("an empty value not after its `:`")
    m = _TO_NEXT_TOKEN.match(text, p)
    if text.startswith("#", m.end()):
        raise Unsupported("a comment after an empty value")  # where ruamel puts it depends on the comment
    line, col = position(m.end())
    return line - 1, col - 1


_TO_NEXT_TOKEN = re.compile("[ \r\n]*")


def _skip_rest(parser: Any, event: Any, nodes: Any, anchors: dict, skipped: Any, spans: list | None,
               Scalar: type, SeqStart: type, MapStart: type, SeqEnd: type, MapEnd: type,
               Alias: type, text: str) -> tuple[Any, int, int]:
    """The composer's `_skip_rest`: `event` starts the first entry not read; the events up to the
    end of its list are consumed, and anchors defined there stand for the SKIPPED entry (scalars
    are still noted for the comments, which the scanner records over the whole file)."""
    mark = event.start_mark
    if nodes.first_skipped is None:
        nodes.first_skipped = mark
    line, col = mark.line, mark.column
    depth = 0
    while True:
        cls = type(event)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            _check_name(text, event.start_mark.index, anchor)
            if cls is not Alias:
                anchors[anchor] = (skipped, line, col)
        if cls is Scalar and spans is not None:
            spans.append((event.start_mark.index, event.end_mark.index, event.style))
        if cls is SeqStart or cls is MapStart:
            depth += 1
        elif cls is SeqEnd or cls is MapEnd:
            depth -= 1
        if depth == 0 and type(parser.peek_event()) is SeqEnd:
            return skipped, line, col
        event = parser.get_event()


def _comments(text: str, spans: list[tuple[int, int, str]], position: Any) -> list[tuple[int, int, str]]:
    """The comments that mention smartlint, as the round-trip scanner records them: (line, column,
    text from `#` to the line's end), 1-based.

    A comment starts at the first `#` of a line that no scalar holds (libyaml rejects a `#` inside
    an anchor or alias, and tags are not read here), or after a block scalar's indicator.
    """
    starts = [s[0] for s in spans]
    headers: dict[int, int] = {}  # block scalar -> where the line of its indicator ends
    out: list[tuple[int, int, str]] = []
    at = 0
    while True:  # each line that mentions smartlint, once (linear in the text)
        found = text.find("smartlint", at)
        if found < 0:
            break
        line_start = text.rfind("\n", 0, found) + 1
        line_start = text.rfind("\r", line_start, found) + 1 or line_start
        end = _LINE_END.search(text, found)
        line_end = end.start() if end else len(text)
        at = line_end + 1
        pos = text.find("#", line_start, line_end)
        while pos >= 0:
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0 or pos >= spans[i][1]:
                break  # outside every scalar
            if spans[i][2] in ("|", ">"):
                if i not in headers:
                    headers[i] = _header_end(text, spans[i][0])
                if pos < headers[i]:
                    break  # after a block scalar's indicator
            pos = text.find("#", pos + 1, line_end)
        if pos < 0:
            continue
        comment = text[pos:line_end]
        if "smartlint" in comment:
            out.append((*position(pos), comment))
    return out


def _header_end(text: str, start: int) -> int:
    """Where the line of the indicator (`|` or `>`) of the block scalar at `start` ends (an anchor
    may stand before the indicator, on its own line): the rest of that line is a comment."""
    indicator = _INDICATOR.search(text, start)
    end = _LINE_END.search(text, indicator.end()) if indicator else None
    return end.start() if end else len(text)


_INDICATOR = re.compile("[|>]")
_LINE_END = re.compile("[\n\r\0]")
