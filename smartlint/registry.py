"""The rule registry: every rule class by code, and how a user's key ("S001", "S", "vague-verb",
"specific") names rules.

The configuration, the engine, the command line and the formatters look rules up here; the rule
modules themselves know nothing of the registry (a `Rule` subclass with a `code` is a rule).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from smartlint.checks.base import Rule


def _subclasses(cls: type) -> Iterable[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@lru_cache(maxsize=1)
def _registry() -> dict[str, type["Rule"]]:
    from smartlint.checks import achievable, measurable, okr, relevant, schema, specific, time_bound  # noqa: F401
    from smartlint.checks.base import Rule

    found: dict[str, type[Rule]] = {}
    for cls in _subclasses(Rule):
        if not cls.code:
            continue
        if cls.code in found and found[cls.code] is not cls:
            raise RuntimeError(f"rule code {cls.code} is used twice")
        found[cls.code] = cls
    return dict(sorted(found.items()))


def all_rules() -> dict[str, type["Rule"]]:
    """Every rule, by code."""
    return dict(_registry())


def find_rule(key: str) -> type["Rule"] | None:
    """The rule a code (S001) or a name (vague-verb) names."""
    rules = _registry()
    if key.upper() in rules:
        return rules[key.upper()]
    for rule in rules.values():
        if rule.name == key.lower():
            return rule
    return None


def rule_for_key(rule: type["Rule"], key: str) -> bool:
    """Whether `key` names the rule: its code, a code prefix, its name or its criterion."""
    key = key.strip()
    return (rule.code.upper().startswith(key.upper()) or rule.name == key.lower()
            or rule.criterion.value == key.lower().replace("-", "_"))


def selected_rules(select: list[str], ignore: list[str]) -> dict[str, type["Rule"]]:
    """The rules a run uses: those `select` names (all when empty), minus those `ignore` names."""
    rules = all_rules()
    if select:
        rules = {c: r for c, r in rules.items() if any(rule_for_key(r, k) for k in select)}
    if ignore:
        rules = {c: r for c, r in rules.items() if not any(rule_for_key(r, k) for k in ignore)}
    return rules
