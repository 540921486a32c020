"""Checking a data table or a YAML parameter file against its schema, as :class:`Problem`\\ s.

Each problem names the file, the line (of the row, or of the YAML entry), the column or
key, what was found and what was expected, the unit included, as a scenario's problems do.
At most :data:`MAX_PER_COLUMN` problems are reported per column: a table of wrong numbers
says so in a few lines.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pandera.pandas as pa
import yaml

from engine.data.schemas import STATUSES, TableSchema
from engine.errors import Problem

MAX_PER_COLUMN = 3

_BOUNDS = [
    (re.compile(r"greater_than_or_equal_to\((.*)\)"), "a value >= {}"),
    (re.compile(r"greater_than\((.*)\)"), "a value > {}"),
    (re.compile(r"less_than_or_equal_to\((.*)\)"), "a value <= {}"),
    (re.compile(r"less_than\((.*)\)"), "a value < {}"),
    (re.compile(r"isin\((.*)\)"), "one of {}"),
    (re.compile(r"coerce_dtype\('float64'\)|dtype\('float64'\)"), "a number"),
    (re.compile(r"coerce_dtype\('int64'\)|dtype\('int64'\)"), "a whole number"),
    (re.compile(r"coerce_dtype\('datetime64\[ns\]'\)|dtype\('datetime64\[ns\]'\)"), "a real date YYYY-MM-DD"),
    (re.compile(r"not_nullable"), "a value"),
    (re.compile(r"dtype\('str'\)|dtype\('object'\)"), "text"),
]


def _expected(check: str, unit: str | None) -> str:
    for pattern, text in _BOUNDS:
        m = pattern.fullmatch(check)
        if m:
            expected = text.format(*m.groups())
            break
    else:
        expected = check
    return f"{expected} ({unit})" if unit and "text" not in expected and "date" not in expected else expected


def _found(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "a blank cell"
    return repr(value) if isinstance(value, str) else str(value)


def _where(index, first_line: int) -> tuple[int | None, str]:
    if index is None or (isinstance(index, float) and math.isnan(index)):
        return None, ""
    row = int(index) + 1
    return first_line + row, f", row {row}"


def table_problems(path: str, frame: pd.DataFrame, schema: TableSchema, first_line: int) -> list[Problem]:
    """Problems of ``frame`` (read from ``path``; its header row on line ``first_line``)."""
    problems: list[Problem] = []
    units = {name: (col.metadata or {}).get("unit") for name, col in schema.frame.columns.items()}
    try:
        checked = schema.frame.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        seen: dict[str, int] = {}
        failed_cells: set[tuple[str, object]] = set()
        for case in cases.itertuples(index=False):
            column, check, index = case.column, str(case.check), case.index
            if check == "column_in_dataframe":
                problems.append(Problem(path, first_line, f"column '{case.failure_case}'", "no such column",
                                        f"the columns {', '.join(c for c in schema.frame.columns if '^' not in c)}"))
                continue
            if isinstance(column, float) or column is None:
                column = "(table)"
            unit = next((u for name, u in units.items() if name == column or
                         (name.startswith("^") and re.match(name, str(column)))), None)
            if index is None and isinstance(case.failure_case, str) and case.failure_case.endswith(")"):
                continue  # a check that could not run on a column that already failed its type
            if (column, index) in failed_cells:
                continue
            failed_cells.add((column, index))
            seen[column] = seen.get(column, 0) + 1
            if seen[column] > MAX_PER_COLUMN:
                continue
            line, row = _where(index, first_line)
            found = case.failure_case
            if row and column in frame.columns:  # as written in the file, not as converted
                found = frame[column].iloc[int(index)]
            problems.append(Problem(path, line, f"column '{column}'{row}", _found(found),
                                    _expected(check, unit)))
        for column, count in seen.items():
            if count > MAX_PER_COLUMN:
                problems.append(Problem(path, None, f"column '{column}'", f"{count - MAX_PER_COLUMN} more bad values",
                                        "the values above corrected"))
        return problems
    for rule in schema.rules:
        for index, column, found, expected in rule(checked):
            line, row = _where(index, first_line)
            problems.append(Problem(path, line, f"column '{column}'{row}", found, expected))
        if problems:
            break
    return problems


def entry_lines(text: str, loader) -> dict[str, int]:
    """Line of every top-level key of a YAML mapping (for problems in parameter files)."""
    lines: dict[str, int] = {}
    node = yaml.compose(text, Loader=loader)
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            lines[str(key.value)] = key.start_mark.line + 1
    return lines


SIGNED = ("growth", "inflation", "return")
"""Entries whose values may be negative (growth rates, inflation, returns); all others are
counts, amounts, shares, ages or years, and may not."""


def _number_problems(value: object, signed: bool) -> tuple[str, str] | None:
    if isinstance(value, bool) or isinstance(value, str):
        return None
    if isinstance(value, dict):
        for item in value.values():
            if found := _number_problems(item, signed):
                return found
        return None
    if isinstance(value, list):
        for item in value:
            if found := _number_problems(item, signed):
                return found
        return None
    if value is None:
        return "nothing (null)", "a value"
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return str(value), "a finite number"
        if value < 0 and not signed:
            return str(value), "a value >= 0"
    return None


def parameter_problems(path: str, entries: object, lines: dict[str, int]) -> list[Problem]:
    """Problems of a YAML parameter file: a mapping of names to entries that each carry a
    ``value`` (finite numbers, >= 0 unless a growth rate, inflation or return), ``unit``,
    ``source`` and ``status``."""
    if not isinstance(entries, dict):
        return [Problem(path, None, "", "no mapping", "a mapping of parameter names to entries")]
    problems = []
    for key, entry in entries.items():
        line = lines.get(str(key))
        if not isinstance(entry, dict) or "value" not in entry:
            problems.append(Problem(path, line, str(key), "no 'value'", "a mapping with value, unit, source, status"))
            continue
        missing = [k for k in ("unit", "source", "status") if not entry.get(k)]
        if missing:
            problems.append(Problem(path, line, str(key), f"no {', '.join(missing)}", "value, unit, source and status"))
        elif entry["status"] not in STATUSES:
            problems.append(Problem(path, line, f"{key}.status", repr(entry["status"]), f"one of {', '.join(STATUSES)}"))
        if bad := _number_problems(entry["value"], any(s in str(key) for s in SIGNED)):
            problems.append(Problem(path, line, f"{key}.value", bad[0], f"{bad[1]} ({entry.get('unit', 'no unit')})"))
    return problems
