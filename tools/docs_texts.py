"""The texts of the `smartlint-docs` catalogue that are not marked with `_d`: what a user reads about
the tool rather than about a goal. tools/catalogs.py adds them to the domain's extraction; nothing
here runs at run time.

The English texts stay where they belong and are their own message ids, so that nothing is written
twice and a changed text shows up as a missing translation:
- a rule's documentation is its class docstring (`Rule.doc()`), and an option's help its pydantic
  `Field(description=...)`, in smartlint/checks/;
- a command's help is its function docstring, an option's help its `help="..."`, in smartlint/cli.py;
- the report's labels are the string constants of smartlint/report_texts.py;
- the report's sentences about a count are (singular, plural) pairs, read with the catalogue's
  plural forms;
- the goal file schema's descriptions (`smartlint schema`, the file `init` writes for editors) come
  from the models of smartlint/model.py.
"""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path
from typing import Iterator


def _strings(node: ast.AST) -> list[str]:
    """The string constants of an assignment's value: one string, or a tuple or list of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [s for element in node.elts for s in _strings(element)]
    return []


def _decorated_as_command(func: ast.FunctionDef) -> bool:
    """`@app.command(...)` or `@app.callback(...)`: the docstring is the command's help."""
    for deco in func.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(target, ast.Attribute) and target.attr in ("command", "callback"):
            return True
    return False


def messages(source: str, filename: str) -> Iterator[tuple[int, str | tuple[str, str], str]]:
    """(line, message, comment) for each text of the docs domain in one source file."""
    tree = ast.parse(source, filename)
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    if name == "report_texts.py":
        for node in tree.body:
            if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
                label = f"report label {node.targets[0].id}"
                value = node.value
                if isinstance(value, ast.Dict):
                    for text in (s for v in value.values for s in _strings(v)):
                        yield node.lineno, text, label
                    continue
                texts = _strings(value)
                if isinstance(value, ast.Tuple) and len(texts) == 2 and all("{count}" in t for t in texts):
                    yield node.lineno, (texts[0], texts[1]), label  # singular and plural of a count
                    continue
                for text in texts:
                    yield node.lineno, text, label
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            code = next((s.value.value for s in node.body if isinstance(s, ast.Assign)
                         and any(isinstance(t, ast.Name) and t.id == "code" for t in s.targets)
                         and isinstance(s.value, ast.Constant) and s.value.value), None)
            doc = ast.get_docstring(node, clean=False)
            if code and doc:
                yield node.lineno, inspect.cleandoc(doc), f"documentation of rule {code}"
        elif isinstance(node, ast.FunctionDef) and _decorated_as_command(node):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield node.lineno, inspect.cleandoc(doc), f"help of the command {node.name}"
        elif isinstance(node, ast.Call):
            callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            for kw in node.keywords:
                if kw.arg == "help" or (kw.arg == "description" and callee == "Field"):
                    for text in _strings(kw.value):
                        yield node.lineno, text, "option help"


SOURCES = ("smartlint/checks/*.py", "smartlint/cli.py", "smartlint/report_texts.py")


def schema_descriptions(schema) -> Iterator[str]:
    """The `description` texts of the goal file's JSON Schema (field and model docs in model.py)."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "description" and isinstance(value, str):
                yield value
            else:
                yield from schema_descriptions(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from schema_descriptions(value)


def extra(root: Path) -> Iterator[tuple[str, str | None, str, list[str]]]:
    """(msgid, plural or None, location, comments) for tools/catalogs.py."""
    for pattern in SOURCES:
        for path in sorted(root.glob(pattern)):
            relative = path.relative_to(root).as_posix()
            for line, text, comment in messages(path.read_text(encoding="utf-8"), relative):
                singular, plural = text if isinstance(text, tuple) else (text, None)
                yield singular, plural, f"{relative}:{line}", [comment] if comment else []
    sys.path.insert(0, str(root))
    from smartlint.items import json_schema

    for text in dict.fromkeys(schema_descriptions(json_schema())):
        yield text, None, "smartlint/model.py", ["goal file schema (smartlint schema, editors)"]
