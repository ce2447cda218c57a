"""The goal file's items as pydantic models, validated one by one by `load.py` (so a bad field in
one key result does not hide the rest of the file), and the goal file format's JSON Schema,
generated from them. Imported only when a file is loaded or the schema is asked for.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

from smartlint import languages as _languages
from smartlint.i18n import _
from smartlint.model import Level, Period, _to_date, parse_period

# A file's `language:`: any language smartlint has a module for (smartlint/languages/), or auto.
LanguageChoice = Literal[(*_languages.codes(), "auto")]

def _period_or_none(value: Any) -> Period | None:
    return None if value is None else parse_period(value)


PERIOD_JSON_SCHEMA = {
    "description": "A year (2027), a quarter (2027-Q1 or 2027-T1), a half (2027-H1 or 2027-S1), a month "
                   "(2027-03), or {start, end}.",
    "anyOf": [
        {"type": "string", "pattern": r"^\s*\d{4}(?:\s*-\s*(?:[QqTt][1-4]|[HhSs][12]|\d{2}))?\s*$"},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
        {"type": "object", "additionalProperties": False, "required": ["start", "end"],
         "properties": {"start": {"type": "string", "format": "date"}, "end": {"type": "string", "format": "date"}}},
    ],
}
PeriodValue = Annotated[Any, BeforeValidator(_period_or_none), WithJsonSchema(PERIOD_JSON_SCHEMA)]

# ---------------------------------------------------------------------------------------------
# Items


class _Item(BaseModel):
    # Validators are built on first use: a re-check served from stored results never validates.
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, validate_assignment=False,
                              defer_build=True)

    title: str = Field(description="What is to be done or reached, in one line.")
    id: str | None = Field(default=None, description="A stable identifier, e.g. O1 or KR1.2.")
    owner: str | None = Field(default=None, description="Who is accountable; inherited from the parent.")

    @field_validator("title")
    @classmethod
    def _title_not_empty(cls, v: str) -> str:
        if not v.strip():
            raise ValueError(_("the title is empty"))
        return v

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, v: Any) -> Any:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)
        return v


# Confidence words as check-ins write them, in both languages, to the model's three levels.
CONFIDENCE_WORDS = {"low": "low", "medium": "medium", "high": "high", "faible": "low", "basse": "low",
                    "moyenne": "medium", "moyen": "medium", "haute": "high", "élevée": "high", "forte": "high"}


class Measured(_Item):
    """Fields shared by key results and standalone goals."""

    baseline: float | None = Field(default=None, description="The value at the start.")
    target: float | None = Field(default=None, description="The value to reach.")
    current: float | None = Field(default=None, description="The latest measured value.")
    unit: str | None = Field(default=None, description="What the numbers count: customers, %, days...")
    metric: str | None = Field(default=None, description="How the value is measured.")
    deadline: date | None = Field(default=None, description="The date by which the target is due.")
    period: PeriodValue = Field(default=None, description="2027-Q1, 2027-H1, 2027, or {start, end}.")
    confidence: int | Literal["low", "medium", "high"] | None = Field(
        default=None, description="How sure the owner is the target will be reached, as a weekly check-in records "
        "it: 0-10, or low, medium, high (faible, moyenne, haute).")

    @field_validator("confidence", mode="before")
    @classmethod
    def _confidence(cls, v: Any) -> Any:
        if v is None:
            return v
        if isinstance(v, bool) or (isinstance(v, float) and not v.is_integer()):
            raise ValueError(_("expected a whole number from 0 to 10, or low, medium or high"))
        if isinstance(v, (int, float)):
            if not 0 <= v <= 10:
                raise ValueError(_("{value} is outside 0-10", value=format(v, "g")))
            return int(v)
        if isinstance(v, str):
            word = CONFIDENCE_WORDS.get(v.strip().lower())
            if word:
                return word
        raise ValueError(_("expected a whole number from 0 to 10, or low, medium or high"))

    @field_validator("baseline", "target", "current", mode="before")
    @classmethod
    def _number(cls, v: Any) -> Any:
        if isinstance(v, bool):
            raise ValueError(_("expected a number"))
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError(_("{value} is not a usable number: write a finite value", value=str(v)))
        return v

    @field_validator("deadline", mode="before")
    @classmethod
    def _deadline(cls, v: Any) -> Any:
        if v is None or isinstance(v, date):
            return v
        return _to_date(v)


class Initiative(_Item):
    """An action under a key result or goal: free-form, needs no number."""


class KeyResult(Measured):
    """How we know the objective is reached: a measured outcome."""

    initiatives: list[Initiative | str] = Field(default_factory=list, description="Actions; a plain string is a title.")


class Goal(Measured):
    """A standalone SMART goal; it needs its own deadline."""

    initiatives: list[Initiative | str] = Field(default_factory=list, description="Actions; a plain string is a title.")


class Objective(_Item):
    """Where we want to go: short, qualitative."""

    period: PeriodValue = Field(default=None, description="Overrides the file's period for this objective.")
    key_results: list[KeyResult | str] = Field(default_factory=list, description="A plain string is a title.")


class Plan(BaseModel):
    """One goal file."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, defer_build=True)

    language: LanguageChoice = "auto"
    period: PeriodValue = None
    owner: str | None = None
    objectives: list[Objective | str] = Field(default_factory=list, description="A plain string is a title.")
    goals: list[Goal | str] = Field(default_factory=list, description="Standalone SMART goals; a plain string is a title.")
    key_results: list[KeyResult | str] = Field(
        default_factory=list, description="Key results outside any objective (reported: they belong under one).")


# Keys each mapping accepts, used by the loader for "did you mean" and for the JSON schema.
ITEM_MODELS: dict[Level, type[_Item]] = {
    Level.objective: Objective,
    Level.key_result: KeyResult,
    Level.goal: Goal,
    Level.initiative: Initiative,
}
CHILDREN: dict[Level, tuple[str, Level] | None] = {
    Level.objective: ("key_results", Level.key_result),
    Level.key_result: ("initiatives", Level.initiative),
    Level.goal: ("initiatives", Level.initiative),
    Level.initiative: None,
}


SCHEMA_ID = "urn:smartlint:goal-file:v1"  # stable for format v1; it names the schema, nothing to fetch
NOT_BLANK = {"minLength": 1, "pattern": r"\S"}  # an empty or blank title fails the schema as it fails `check` (Y005)


def json_schema() -> dict[str, Any]:
    """The goal file format as JSON Schema, generated from the models."""
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "smartlint goal file (format v1)"
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in definition.get("properties", {}).items():
            if name == "title" and prop.get("type") == "string":
                prop.update(NOT_BLANK)
            for choice in prop.get("items", {}).get("anyOf", []):
                if choice.get("type") == "string":  # a plain-text item is its title
                    choice.update(NOT_BLANK)
    return schema
