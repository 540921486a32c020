"""The numeric parameters a sweep may vary, named by dotted keys (``uncertainty.parameters``
and ``sensitivity``): where each key leads in a validated scenario, or why it does not
lead to a number or a year path.
"""

from __future__ import annotations

from pydantic import BaseModel

from engine.errors import Problem, closest
from engine.scenario.params import YearPath
from engine.scenario.schema import Scenario


def field_at(model: BaseModel, dotted: str):
    """(owning model instance, field name) of a dotted key, or a Problem explaining why not."""
    parts = dotted.split(".")
    current = model
    for i, part in enumerate(parts):
        fields = type(current).model_fields
        if part not in fields:
            where = ".".join(parts[:i]) or "(top level)"
            return None, Problem(None, None, dotted, f"no key '{part}' under {where}",
                                 "the dotted key of a numeric scenario parameter", closest(part, fields))
        if i == len(parts) - 1:
            value = getattr(current, part)
            if isinstance(value, bool) or not isinstance(value, (int, float, YearPath)):
                return None, Problem(None, None, dotted, f"a {type(value).__name__} parameter",
                                     "a numeric parameter or a year path")
            return (current, part), None
        current = getattr(current, part)
        if not isinstance(current, BaseModel):
            return None, Problem(None, None, dotted, f"'{part}' is not a section",
                                 "the dotted key of a numeric scenario parameter")
    return None, None


def check_varied_keys(scenario: Scenario, keys, section: str) -> list[Problem]:
    """Problems with keys named in ``uncertainty.parameters`` or ``sensitivity``."""
    problems = []
    for key in keys:
        _, problem = field_at(scenario, key)
        if problem is not None:
            problems.append(Problem(problem.file, problem.line, f"{section}.{key}", problem.found,
                                    problem.expected, problem.suggestion))
    return problems
