"""Validation of a raw scenario into a :class:`Scenario`, with errors at the user's lines."""

from __future__ import annotations

import re

from pydantic import BaseModel, ValidationError

from engine.errors import InputError, Problem, closest, describe
from engine.scenario.params import YearPath
from engine.scenario.schema import Scenario
from engine.scenario.source import Marks
from engine.scenario.varied_keys import check_varied_keys

_EXPECTED = {
    "float_parsing": "a number", "float_type": "a number",
    "int_parsing": "a whole number", "int_type": "a whole number", "int_from_float": "a whole number",
    "bool_parsing": "true or false", "bool_type": "true or false",
    "string_type": "text", "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values", "model_attributes_type": "a mapping of keys to values",
    "list_type": "a list", "tuple_type": "a list", "missing": "a value (this key is required)",
    "string_too_short": "non-empty text",
    "string_pattern_mismatch": "letters, digits, '_', '-' or '.' only",
}


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the field at ``loc`` (for suggestions and units).

    ``loc`` is pydantic's error location: list indices are skipped, and a tag
    ``type[<name>]`` of a discriminated union picks the member whose ``type`` is ``<name>``.
    """
    candidates: list[type[BaseModel]] = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        if part.startswith("type[") and part.endswith("]"):
            chosen = [c for c in candidates if _type_literal(c) == part[5:-1]]
            candidates = chosen or candidates
            continue
        if "[" in part or part.startswith("function-"):
            continue
        owner = next((c for c in candidates if part in c.model_fields), None)
        if owner is None:
            return None
        candidates = models_in(owner.model_fields[part].annotation)
        if not candidates:
            return None
    return candidates[0] if candidates else None


def models_in(annotation: object) -> list[type[BaseModel]]:
    """Every model class an annotation names (through unions, tuples, lists, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found += [m for m in models_in(arg) if m not in found]
    return found


def _type_literal(model: type[BaseModel]) -> str | None:
    field = model.model_fields.get("type")
    args = getattr(field.annotation, "__args__", ()) if field is not None else ()
    return args[0] if len(args) == 1 and isinstance(args[0], str) else None


def _unit_of(loc: tuple) -> str | None:
    while loc and isinstance(loc[-1], str) and ("[" in loc[-1] or loc[-1].startswith("function-")):
        loc = loc[:-1]
    owner = _model_at(Scenario, loc[:-1]) if loc else None
    if owner is None or not isinstance(loc[-1], str):
        return None
    field = owner.model_fields.get(loc[-1])
    extra = field.json_schema_extra if field else None
    return extra.get("unit") if isinstance(extra, dict) else None


_LOCATED = re.compile(r"^(?P<key>[A-Za-z_][\w]*(?:\.\w+)+): found (?P<found>.*?): expected (?P<expected>.*)$")


SUGGESTIONS = 100
"""Unknown keys for which the closest valid key is looked up (the command line prints 50
problems at most; a file of thousands of unknown keys is answered in linear time)."""


def _problems(error: dict, marks: Marks, suggest: bool = True) -> list[Problem]:
    """Problems of one pydantic error; a section's own check may report several, each as
    ``<dotted key>: found <what>: expected <what>``, joined by '; '."""
    if error["type"] == "value_error":
        message = str((error.get("ctx") or {}).get("error", error["msg"]))
        parts = [_LOCATED.match(part) for part in message.split("; ")]
        if all(parts):
            out = []
            for m in parts:
                file, line = marks.where(m["key"])
                out.append(Problem(file, line, m["key"], m["found"], m["expected"]))
            return out
    return [_problem(error, marks, suggest)]


def _problem(error: dict, marks: Marks, suggest: bool = True) -> Problem:
    raw_loc = tuple(error["loc"])
    loc = tuple(p for p in raw_loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
    dotted = ".".join(str(p) for p in loc)
    file, line = marks.where(dotted)
    kind = error["type"]
    found_value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        owner = _model_at(Scenario, raw_loc[:-1])
        valid = list(owner.model_fields) if owner else []
        return Problem(file, line, dotted, f"an unknown key '{loc[-1]}'",
                       f"one of: {', '.join(valid)}" if valid else "a known key",
                       closest(str(loc[-1]), valid) if suggest else None)
    if kind.startswith("path_"):
        if ctx.get("key"):  # point at the year's own line
            file, line = marks.where(f"{dotted}.{ctx['key']}")
        msg = error["msg"]
        found, _, expected = msg.partition("; expected ")
        unit = _unit_of(raw_loc)
        expected = (expected or msg) + (f" ({unit})" if unit else "")
        return Problem(file, line, dotted, found.removeprefix("found "), expected)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": ">= {ge}", "greater_than": "> {gt}",
                 "less_than_equal": "<= {le}", "less_than": "< {lt}"}[kind].format(**ctx)
        expected = f"a value {bound}"
    elif kind == "literal_error":
        expected = f"one of {ctx.get('expected')}"
    elif kind == "value_error":
        expected = str(ctx.get("error", error["msg"]))
    else:
        expected = _EXPECTED.get(kind, error["msg"].lower())
    unit = _unit_of(raw_loc)
    if unit and kind not in ("extra_forbidden", "missing", "value_error"):
        expected += f" ({unit})"
    found = "nothing" if kind == "missing" else describe(found_value)
    return Problem(file, line, dotted, found, expected)


DATES_OF_RULES = frozenset({"legacy_start_year", "transition_year"})
"""``*_year`` keys that date a rule and may lie before the horizon (their schema bounds apply)."""

PATHS_FROM_HISTORY = {"coverage.enterprise_compliance": 2013}
"""Year paths the 2018-2023 back-cast reads: years from the given one (an observation) on are accepted."""


def _horizon_problems(scenario: Scenario, marks: Marks) -> list[Problem]:
    """Every year the user wrote (in a year path or a ``*_year`` key) must lie within the
    projection horizon; defaults are not the user's and may reach beyond a short horizon.
    The dates of rules (:data:`DATES_OF_RULES`) are exempt."""
    first, last = scenario.horizon.base_year + 1, scenario.horizon.end_year
    problems = []

    def walk(model: BaseModel, prefix: str) -> None:
        for name in type(model).model_fields:
            value = getattr(model, name)
            dotted = f"{prefix}.{name}" if prefix else name
            if isinstance(value, BaseModel):
                walk(value, dotted)
            elif isinstance(value, (list, tuple)):
                for i, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        walk(item, f"{dotted}.{i}")
            elif isinstance(value, YearPath):
                for year in value.years:
                    key = f"{dotted}.{year}"
                    earliest = PATHS_FROM_HISTORY.get(dotted, first)
                    if key in marks.places and not earliest <= year <= last:
                        file, line = marks.places[key]
                        span = "the horizon " if earliest == first else "the back-cast and horizon "
                        problems.append(Problem(file, line, key, f"the year {year}",
                                                f"a year within {span}{earliest}..{last}"))
            elif name.endswith("_year") and name not in ("base_year", "end_year") \
                    and name not in DATES_OF_RULES and isinstance(value, int):
                if dotted in marks.places and not first <= value <= last:
                    file, line = marks.where(dotted)
                    problems.append(Problem(file, line, dotted, f"the year {value}",
                                            f"a year within the horizon {first}..{last}"))

    walk(scenario, "")
    return problems


def _varied_key_problems(scenario: Scenario, marks: Marks) -> list[Problem]:
    """Keys named under ``uncertainty.parameters`` and ``sensitivity`` must be numeric parameters."""
    problems = check_varied_keys(scenario, scenario.uncertainty.parameters, "uncertainty.parameters")
    problems += check_varied_keys(scenario, scenario.sensitivity, "sensitivity")
    located = []
    for p in problems:
        file, line = marks.where(p.key)
        located.append(Problem(file, line, p.key, p.found, p.expected, p.suggestion))
    return located


MAX_MAGNITUDE = 1e16
"""The largest number a scenario may state (10 quadrillion: some 35 times Lao PDR's GDP of
2023 in LAK). Beyond it products of amounts, persons and price indices over a long horizon
could leave the range of the model's numbers; no real value comes near it."""


def _number_problems(model: BaseModel, marks: Marks) -> list[Problem]:
    """Every number of the validated scenario must be finite and at most
    :data:`MAX_MAGNITUDE` in size (a seed, an identifier rather than a quantity, excepted)."""
    problems = []

    def check(value: object, dotted: str) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                check(getattr(value, name), f"{dotted}.{name}" if dotted else name)
        elif isinstance(value, dict):
            for key, item in value.items():
                check(item, f"{dotted}.{key}")
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                check(item, f"{dotted}.{i}")
        elif isinstance(value, YearPath):
            for year, number in value.points:
                check(number, dotted if year is None else f"{dotted}.{year}")
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and not dotted.endswith("seed"):
            if value != value or abs(value) > MAX_MAGNITUDE:
                file, line = marks.where(dotted)
                problems.append(Problem(file, line, dotted, describe(value),
                                        f"a finite number of at most {MAX_MAGNITUDE:g} in size"))

    check(model, "")
    return problems


def validate_scenario(raw: dict, marks: Marks) -> Scenario:
    """Validate the merged raw scenario; raise :class:`InputError` listing every problem."""
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        raise InputError([p for i, e in enumerate(exc.errors())
                          for p in _problems(e, marks, suggest=i < SUGGESTIONS)]) from None
    problems = _number_problems(scenario, marks)
    problems += _horizon_problems(scenario, marks)
    problems += _varied_key_problems(scenario, marks)
    if problems:
        raise InputError(problems)
    return scenario
