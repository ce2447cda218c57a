"""The libyaml path (smartlint.fastyaml) gives exactly what the round-trip loader gives, or declines.

Each test reads the same text both ways: the parsed trees (kinds, scalar types and texts, the line
and column of every mapping, key, value and entry, aliasing, the comments that mention smartlint,
the node budget's state) and the loaded files (nodes, titles and their character positions, fields,
spans, problems, sections, comments) must be equal, and the texts a goal file normally holds must
take the fast path.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from smartlint import fastyaml, load
from smartlint.load import Budget, load_text

ROOT = Path(__file__).resolve().parent.parent


def shape(value, seen=None, depth=0):
    """A comparable picture of a parsed tree."""
    seen = {} if seen is None else seen
    if depth > 60:
        return "deep"
    if isinstance(value, (dict, list)):
        if id(value) in seen:
            return ("alias", seen[id(value)])
        seen[id(value)] = len(seen)
        lc = value.lc
        data = lc.data or {}
        if isinstance(value, dict):
            return ("map", lc.line, lc.col, [(shape(k, seen, depth + 1), tuple(data[k]) if k in data else None,
                                              shape(v, seen, depth + 1)) for k, v in value.items()])
        return ("seq", lc.line, lc.col, [(tuple(data[i]) if i in data else None, shape(v, seen, depth + 1))
                                         for i, v in enumerate(value)])
    if isinstance(value, str):
        return ("str", str(value))
    return (type(value).__name__, str(value), repr(value))


def fast_tree(text: str, nodes: int = 1_000_000):
    budget = load._NodeBudget(nodes)
    built = fastyaml.build(text, budget, load.MAX_VALUE_NODES, load.SKIPPED, load.Source(text).position)
    first = budget.first_skipped
    return (shape(built.data), built.comments, first and (first.line, first.column), budget.aliases), built.duplicate


def slow_tree(text: str, nodes: int = 1_000_000):
    budget = load._NodeBudget(nodes)
    comments: list = []
    data = load._parse_round_trip(text, budget, True, comments)
    first = budget.first_skipped
    return shape(data), comments, first and (first.line, first.column), budget.aliases


def same_tree(text: str, nodes: int = 1_000_000) -> bool:
    """True when the fast path took the text (and gave the round-trip tree); False when it declined."""
    try:
        fast, _duplicate = fast_tree(text, nodes)
    except fastyaml.Unsupported:
        return False
    assert fast == slow_tree(text, nodes), text
    return True


def snapshot(out):
    def span(s):
        return None if s is None else (s.line, s.column, s.end_line, s.end_column)

    nodes = []
    for n in out.nodes:
        loc = n.loc
        nodes.append((n.level, n.item.model_dump(), loc.path, span(loc.item), span(loc.title),
                       None if loc.title_offsets is None else list(loc.title_offsets),
                       {k: span(v) for k, v in loc.fields.items()}, dict(loc.placeholders),
                       repr(n.period), n.owner, n.parent.loc.path if n.parent else None,
                       [c.loc.path for c in n.children]))
    problems = [(p.rule.__name__, span(p.span), p.path, str(p.message), str(p.suggestion)) for p in out.problems]
    return dict(language=out.language, period=repr(out.period), nodes=nodes, problems=problems,
                sections={k: span(v) for k, v in out.sections.items()}, comments=list(out.comments))


def same_load(text: str, budget: Budget | None = None) -> None:
    fast = snapshot(load_text("goals.yaml", text, budget=budget))
    slow = snapshot(load_text("goals.yaml", text, budget=budget, fast=False))
    assert fast == slow


def takes_fast_path(text: str, nodes: int = 1_000_000) -> bool:
    try:
        fastyaml.build(text, load._NodeBudget(nodes), load.MAX_VALUE_NODES, load.SKIPPED, load.Source(text).position)
        return True
    except fastyaml.Unsupported:
        return False


SCALARS = [
    "yes", "no", "on", "off", "y", "n", "true", "True", "TRUE", "false", "tRUE", "null", "Null", "NULL", "nULL", "~",
    "0", "00", "007", "08", "0o17", "0o0", "0o8", "0x1F", "0xff", "0x_1", "0b101", "0b2", "1_000", "1__0", "-0", "+0",
    "+1", "-17", "1,000", "1.5", "1.50", "-1.5e3", "1e3", "1E3", "1.0e+3", "685.230_15e+03", ".5", "-.5", "+.5",
    ".inf", "-.Inf", "-.inf", ".nan", ".NaN", "1.", "0.0", "1_0.0_1", "1e", "2027", "2027-Q1", "2027-03-31",
    "2027-02-30", "2027-3-1", "2027-03-31 10:00", "2027-03-31 10:00:00 -5", "2027-03-31T10:00:00Z",
    "2027-03-31t10:00:00.5+02:00", "12:30", "1:20:30", "190:20:30.15", "<<x", "123abc", "0x", "0o", "+", "TBD",
    "'quoted'", '"dq"', '"a\\tb"', '"\\u00e9 \\U0001F600"', "'it''s'", "x #c", "x#c", "a...b", "http://x.y/z",
    "é🙂 ok", "&a 1", "&a true", "&a 0x1", "&a 2027-01-01", "&a null", "&a 1.5", "&a text", "&a 007", "&a-b_c 1",
    "'multi\n  line'", '"esc\\\n  aped"', "a\n  b", "1\n  2",
]


@pytest.mark.parametrize("value", SCALARS)
def test_scalars_resolve_as_the_round_trip_loader_resolves_them(value):
    contexts = [f"k: {value}\n", f"l:\n- {value}\n", f"k: [{value}]\n", f"k: {{x: {value}}}\n",
                f"k: {value} # smartlint: disable=M001\n", f"goals:\n  - title: {value}\n    target: {value}\n"]
    if "\n" not in value:
        contexts.append(f"{value}: 1\n")
    taken = [same_tree(text) for text in contexts]
    assert taken[0], value  # a value after a key is always read the fast way
    for text in contexts:
        same_load(text)


def test_the_resolvers_are_ruamels():
    import re

    from ruamel.yaml.resolver import implicit_resolvers

    theirs = [(tag, regexp.pattern, regexp.flags, list(first)) for versions, tag, regexp, first in implicit_resolvers
              if (1, 2) in versions]
    ours = [(tag, re.compile(pattern, flags).pattern, re.compile(pattern, flags).flags, first)
            for tag, pattern, flags, first in fastyaml.IMPLICIT_1_2]
    assert ours == theirs


def test_a_plain_goal_file_is_read_without_importing_ruamel():
    import subprocess

    code = ("import sys; from smartlint.load import load_text; "
            "out = load_text('g.yaml', 'language: en\\ngoals:\\n  - title: Sign 4 deals by June 2027\\n    target: 4\\n'); "
            "assert len(out.nodes) == 1 and not out.problems, out.problems; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'ruamel', 'yaml'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["['yaml']"], proc.stdout + proc.stderr


def test_numbers_and_dates_keep_the_round_trip_types():
    [(_, _, _, entries)] = [fast_tree("k: [1_000, 0o17, 1.50, 2027-03-31, 2027-02-30, &a true, 0]\n")[0][0][3][0][2]]
    kinds = [entry[1][0] for entry in entries]
    assert kinds == ["ScalarInt", "OctalInt", "ScalarFloat", "date", "str", "ScalarBoolean", "ScalarInt"]


SNIPPETS = {
    "aliases": "a: &x 1\nb: *x\nc: &y [1, 2]\nd: *y\ne: &z {p: 1}\nf: *z\ng: &s text\nh: *s\n",
    "merge": "base: &b {title: x, owner: y}\nother: &o {unit: u}\ngoals:\n  - <<: *b\n    id: G1\n"
             "  - <<: [*b, *o]\n    title: z\n  - <<: *o\n    unit: v\n",
    "merge_title": "base: &b {title: Sign 40 deals by June 2027}\ngoals:\n  - <<: *b\n    id: G1\n  - <<: *b\n",
    "duplicates": "a: 1\nb: 2\na: 3\nc: {x: 1, x: 2}\ngoals:\n  - title: A\n    title: B\n",
    "duplicate_with_quote": 'a"b: 1\na"b: 2\n',
    "duplicate_number_keys": "1: a\n1.0: b\ntrue: c\n",
    "block": "a: |\n  one\n  two\n\nb: >\n  folded\n  text\n\n  para\nc: |-\n  x\nd: >+\n  y\n\ne: |2\n    indented\nf: end\n",
    "block_comments": "a: | # smartlint: disable=M001\n  text # smartlint: no\n# smartlint: disable-next-line=S001\n"
                      "b: > #smartlint: x\n  t\nc: &q\n  | # smartlint: anchored\n  x\n",
    "comments": "# smartlint: disable-file\na: 'x # smartlint: nope' # smartlint: disable=A\nb: \"q\"#smartlint:disable\n"
                "c: x#smartlint\nd: [a, # smartlint: flow\n  b]\n# plain smartlint line\ne: |\n  # smartlint: in block\n"
                "  f\n  # smartlint: ind\n # smartlint: less\n",
    "crlf": "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 'q\r\n  r' # smartlint: disable\r\ngoals:\r\n  - Sign 4 deals\r\n",
    "multiline": "title: this is\n  a long plain\n  scalar\nq: \"double\n\n  quoted\"\nr: 'single\n  quoted'\n",
    "flow": "a: [1, {b: c}, [d, e]]\nb: {x: [1, 2], y: z}\nc: [a:b, c]\ne: [ 'x', \"y\" ]\nf: {? k : v}\n",
    "explicit_key": "? a\n: 1\n",
    "unicode": "titre: Élevé 🙂 😀 text\n🙂: ok\nk: \"\\U0001F600 x\"\nz: 'é'\n",
    "empty": "",
    "only_comment": "# smartlint: disable-file\n",
    "document_markers": "---\na: 1\n...\n",
    "scalar_root": "just text\n",
    "null_root": "~\n",
    "nested": "objectives:\n  - title: O\n    key_results:\n      - title: K\n        initiatives:\n          - I1\n          - title: I2\n",
    "anchored_items": "goals:\n  - &g\n    title: x\n  - *g\n  - &h title: y\n",
    "empty_values": "a:\nb: \nc: []\nd: {}\ne: ''\ngoals:\n  -\n  - title:\n  - title: T\n    owner:\n",
    "colons": "a: b:c\nb: http://x.y/z\nc: a :b\n",
    "escapes": 'a: "\\/ \\0 \\a \\e \\N \\_ \\L \\P \\x41"\n',
    "indentless": "a:\n- 1\n- 2\nb: x\n",
    "flow_lines": "a: {b: 1,\n  c: 2}\n",
    "top_level_list_in_a_key": "goals:\n- - x\n  - y\n- - z\n",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_tricky_snippets(name):
    text = SNIPPETS[name]
    assert same_tree(text), name
    same_load(text)


def test_a_merged_title_is_read_where_it_is_written():
    out = load_text("goals.yaml", SNIPPETS["merge_title"])
    assert [n.loc.title.line for n in out.nodes] == [1, 1]  # the anchor's title, not a traceback
    assert out.nodes[0].loc.title_offsets[0] == (1, 18)  # `S` of "Sign"


@pytest.mark.parametrize("nodes", [1, 2, 3, 5, 8, 11, 12, 13, 25, 60])
def test_the_node_budget_is_counted_as_the_composer_counts_it(nodes):
    # (a `#` inside a quoted title is text, also past the budget, where nothing is built)
    text = "goals:\n" + "".join(f"  - title: 'Goal {i} #{i} by 2027'  # smartlint: disable=T001\n    target: {i}\n"
                                for i in range(20))
    text += "more: [a, &p b, c]\nx: *p\ny: [1, 2]\n"
    assert same_tree(text, nodes)
    same_load(text, Budget(nodes=nodes))


@pytest.mark.parametrize("text,reason", [
    ("a: 1\x85b: 2\n", "NEL"), ("a: 1\u2028b\n", "LS"), ("a: x\u2029y\n", "PS"), ("\ufeffa: 1\n", "BOM"),
    ("a:\t1\n", "tab"), ("a: 1\rb: 2\r", "lone CR"), ("%YAML 1.1\n---\na: yes\n", "directive"),
    ("a: !!str 1\n", "tag"), ("a: !custom x\n", "custom tag"), ("a: ! x\n", "non-specific tag"),
    ("[a]: 1\n", "list as a key"), ("? {a: 1}\n: 1\n", "mapping as a key"), ("a: &r [*r]\n", "recursive alias"),
    ("a: =\n", "value tag"), ("a: <<\n", "merge key as a value"), ("<<: 1\n", "merge of a scalar"),
    ("a: &x {b: 1}\nc:\n  <<: *x\n  <<: *x\n", "duplicate merge key"),
    ("a: &x {b: 1}\nc: {<<: *x, d: 1, d: 2}\n", "duplicate key with merges"),
    ("- a\n- b\n", "root list"), ("a: b: c\n", "syntax error"), ("a: 1\n---\nb: 2\n", "two documents"),
    ("a: *nothing\n", "undefined alias"), ("a: {b: }\n", "empty value in braces"), ("a: &x\n", "anchored empty value"),
    ("a:  # c\nb: 1\n", "comment after an empty value"), ("&a:b 1\n", "anchor name"), ("a: ._\n", "an error of ruamel's"),
    ("a: " + "[" * 101 + "]" * 101 + "\n", "too deep"), ("a:" + " - " * 120 + "x\n", "too deep in one line"),
])
def test_what_the_fast_path_leaves_to_the_round_trip_loader(text, reason):
    assert not takes_fast_path(text), reason
    same_load(text)


def test_nodes_past_the_budget_outside_lists_are_left_to_the_round_trip_loader():
    text = "a: {" + ", ".join(f"k{i}: {i}" for i in range(6000)) + "}\n"  # 12,000 values outside any list
    assert not takes_fast_path(text, nodes=1) and takes_fast_path(text)
    out = load_text("goals.yaml", text, budget=Budget(nodes=1))
    assert [p.span.line for p in out.problems] == [1] and "outside lists" in str(out.problems[0].message)
    same_load(text, Budget(nodes=1))


def _goal_files():
    files = sorted(p for folder in ("examples", "tests") for p in (ROOT / folder).rglob("*.y*ml"))
    assert len(files) > 40
    return files


@pytest.mark.parametrize("path", _goal_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_loads_the_same_both_ways(path):
    text = path.read_text(encoding="utf-8")
    same_load(text)
    if text.lstrip().startswith("- ") or "\n- " in text[:3000]:
        # A list at the top level (test data) is left to the round-trip loader; under a key, the
        # same text goes the fast way.
        text = "goals:\n" + "".join("  " + line if line.strip() else line for line in text.splitlines(True))
    if path.parts[-2] in ("examples", "ci", "goals", "cases", "labeled"):
        assert same_tree(text), path
    same_load(text)


def test_the_benchmark_file_loads_the_same_both_ways():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import run
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = run.generate(1500)
    assert same_tree(text)
    same_load(text)


# -- random documents: the two parsers must agree wherever the fast path reads ------------------

_VALUES = ["x", "Grow the base 10%", "'q # not'", '"d\\"q \\u00e9"', "1", "0o7", "1_0", "007", "0", "1.5", "1.50",
           "-2e3", "true", "yes", "on", "~", "null", "2027-01-31", "2027-02-30", "2027-01-31 10:00:00", "x#y", "a:b",
           "http://x", "é🙂 ok", "'it''s'", "-1", ".inf", "0x1F", "TBD", "12:30"]
_COMMENTS = ["", "", "", " # c", " # smartlint: disable=M001", "  #smartlint: disable-next-line=S001 until=2027-01-01"]


class _Document:
    def __init__(self, rng: random.Random):
        self.rng, self.anchors, self.lines = rng, [], []

    def anchor(self) -> str:
        if self.rng.random() < 0.1:
            self.anchors.append(f"a{len(self.anchors) + 1}")
            return f"&{self.anchors[-1]} "
        return ""

    def scalar(self) -> str:
        if self.rng.random() < 0.08 and self.anchors:
            return "*" + self.rng.choice(self.anchors)
        return self.anchor() + self.rng.choice(_VALUES)

    def flow(self, depth: int) -> str:
        r = self.rng.random()
        if depth > 2 or r < 0.6:
            return self.scalar()
        if r < 0.8:
            return "[" + ", ".join(self.flow(depth + 1) for _ in range(self.rng.randint(0, 3))) + "]"
        return "{" + ", ".join(f"k{i}: {self.flow(depth + 1)}" for i in range(self.rng.randint(0, 3))) + "}"

    def block(self, indent: int, depth: int) -> None:
        rng, out = self.rng, self.lines
        r, comment = rng.random(), rng.choice(_COMMENTS)
        if depth > 3 or r < 0.45:
            out[-1] += " " + self.flow(depth) + comment
        elif r < 0.55:
            out[-1] += " " + self.anchor() + rng.choice(["|", ">", "|-", ">+"]) + comment
            out.extend(" " * (indent + 2) + rng.choice(_VALUES + ["# in block"]) for _ in range(rng.randint(1, 3)))
        elif r < 0.6 and self.anchors:
            out[-1] += " *" + rng.choice(self.anchors) + comment
        else:
            out[-1] += (" " + self.anchor()).rstrip() + comment
            if r < 0.8:
                sub = indent + rng.choice([2, 2, 4])
                if rng.random() < 0.1 and self.anchors:
                    out.append(" " * sub + "<<: *" + rng.choice(self.anchors))
                for key in rng.sample(["title", "id", "owner", "target", "goals", "key_results", "t", "title"],
                                      rng.randint(1, 4)):
                    if rng.random() < 0.1:
                        out.append(" " * sub + rng.choice(_COMMENTS[3:]).strip())
                    out.append(" " * sub + key + ":")
                    self.block(sub, depth + 1)
            else:
                sub = indent + rng.choice([0, 2]) if depth else indent + 2
                for _ in range(rng.randint(1, 4)):
                    out.append(" " * sub + "-")
                    self.block(sub, depth + 1)

    def text(self) -> str:
        for key in self.rng.sample(["language", "period", "owner", "goals", "objectives", "x"], self.rng.randint(1, 4)):
            self.lines.append(key + ":")
            self.block(0, 0)
        newline = "\r\n" if self.rng.random() < 0.2 else "\n"
        return newline.join(self.lines) + newline


def test_random_documents_parse_the_same_both_ways():
    rng = random.Random(20261202)
    taken = 0
    for _ in range(400):
        text = _Document(rng).text()
        nodes = rng.choice([1_000_000, rng.randint(1, 40)])
        taken += same_tree(text, nodes)
    assert taken > 250  # most of them are read the fast way (the rest hit a documented fallback)


def test_the_fuzzers_broken_plans_load_the_same_both_ways():
    """tests/fuzz.py's plans (damaged YAML, odd values, control characters...): whichever way each
    is read, the loaded file is the round-trip loader's."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import fuzz
    finally:
        sys.path.remove(str(ROOT / "tests"))
    rng = random.Random(17)
    taken = 0
    for _ in range(300):
        text, _problem = load.decode("fuzz.yaml", fuzz.plan(rng))
        if text is not None:
            same_load(text)
            taken += takes_fast_path(text)
    assert taken > 30


def test_without_libyaml_the_round_trip_loader_reads_everything(monkeypatch):
    """PyYAML built without libyaml (no wheel for the platform): the same findings, only slower."""
    import yaml

    monkeypatch.delattr(yaml, "_yaml")
    monkeypatch.setitem(sys.modules, "yaml._yaml", None)
    text = SNIPPETS["nested"]
    assert not takes_fast_path(text)
    same_load(text)
    assert [n.item.title for n in load_text("goals.yaml", text).nodes] == ["O", "K", "I1", "I2"]
