"""The table of every assumption a run used: value, unit, source and status.

Two parts, one row each:

* the scenario's leaf parameters, walked from the validated :class:`~engine.scenario.Scenario`
  (each declared with :func:`engine.scenario.params.param`, which records its unit, source,
  status and description), keyed by their dotted name (``macro.inflation``);
* the embedded default data of ``engine/data/<country>/``: every entry of its YAML parameter
  files and every CSV table (its header's unit, source and status; tables of the form
  ``parameter, value, unit`` are listed row by row).

Rows whose status is ``"assumption"`` are the flagged assumptions the report highlights.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel

from engine.data.files import DEFAULT_COUNTRY, data_dir, read_csv_table, read_parameters
from engine.errors import DataFileError
from engine.scenario.params import YearPath, plain_number

COLUMNS = ("group", "key", "value", "unit", "status", "source", "description")
ASSUMPTION = "assumption"


def format_value(value: Any) -> str:
    """A short human-readable rendering of a parameter value."""
    if value is None:
        return "(none)"
    if isinstance(value, YearPath):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return plain_number(value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    return str(value)


def _leaves(model: BaseModel, prefix: str):
    """Yield (dotted key, value, FieldInfo) for every leaf of a pydantic model."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        key = f"{prefix}.{name}" if prefix else name
        if isinstance(value, BaseModel):
            yield from _leaves(value, key)
        elif isinstance(value, (list, tuple)) and value and all(isinstance(v, BaseModel) for v in value):
            for i, item in enumerate(value):   # named items (policy blocks) by name, so that
                label = getattr(item, "name", None) or i   # scenarios compare block with block
                yield from _leaves(item, f"{key}[{label}]")
        elif isinstance(value, dict) and value and all(isinstance(v, BaseModel) for v in value.values()):
            for k, item in value.items():
                yield from _leaves(item, f"{key}.{k}")
        else:
            yield key, value, field


def scenario_assumptions(scenario: BaseModel) -> pd.DataFrame:
    """One row per leaf parameter of a validated scenario (see :data:`COLUMNS`)."""
    rows = []
    for key, value, field in _leaves(scenario, ""):
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        if not extra and isinstance(value, (list, tuple, dict)) and not value:
            continue  # an empty list of sub-sections (for example no targets): nothing to list
        rows.append({
            "group": "scenario: " + key.split(".")[0] if "." in key else "scenario",
            "key": key,
            "value": format_value(value),
            "unit": str(extra.get("unit", "")),
            "status": str(extra.get("status", "")),
            "source": str(extra.get("source", "")),
            "description": field.description or "",
        })
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _entry_row(group: str, key: str, entry: dict) -> dict:
    year = entry.get("year")
    note = entry.get("note") or entry.get("method") or ""
    return {
        "group": group, "key": key, "value": format_value(entry.get("value")),
        "unit": str(entry.get("unit", "")), "status": str(entry.get("status", "")),
        "source": str(entry.get("source", "")) + (f" ({year})" if year else ""),
        "description": str(note),
    }


def _unreadable(path: Path, exc: Exception) -> dict:
    """A row for a data file the table cannot read (the run itself reads only what it uses)."""
    return {"group": f"data: {path.name}", "key": path.stem, "value": "(file could not be read)",
            "unit": "", "status": "unreadable", "source": "", "description": str(exc)}


def embedded_assumptions(country: str = DEFAULT_COUNTRY) -> pd.DataFrame:
    """One row per embedded data entry (YAML parameters, CSV tables or their parameter rows)."""
    folder: Path = data_dir(country)
    rows = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            entries = read_parameters(path.stem, country)
        except DataFileError as exc:
            rows.append(_unreadable(path, exc))
            continue
        for name, entry in entries.items():
            rows.append(_entry_row(f"data: {path.name}", f"{path.stem}.{name}", entry))
    for path in sorted(folder.glob("*.csv")):
        try:
            table = read_csv_table(path)
        except (DataFileError, ValueError) as exc:
            rows.append(_unreadable(path, exc))
            continue
        meta = table.meta
        frame = table.frame
        if {"parameter", "value"} <= set(frame.columns):
            for _, r in frame.iterrows():
                entry = {"value": r["value"], "unit": r.get("unit", meta["unit"]),
                         "status": meta["status"], "source": meta["source"],
                         "note": r.get("note", "")}
                rows.append(_entry_row(f"data: {path.name}", f"{path.stem}.{r['parameter']}", entry))
            continue
        rows.append({
            "group": f"data: {path.name}", "key": path.stem,
            "value": f"table, {len(frame)} rows" + (f": {meta['title']}" if meta.get("title") else ""),
            "unit": meta["unit"], "status": meta["status"],
            "source": meta["source"] + (f" ({meta['year']})" if meta.get("year") else ""),
            "description": meta.get("method") or meta.get("note") or "",
        })
    return pd.DataFrame(rows, columns=list(COLUMNS))


def assumptions_table(scenario: BaseModel | None = None, country: str = DEFAULT_COUNTRY) -> pd.DataFrame:
    """Every assumption of a run: the scenario's parameters (when given), then embedded data."""
    parts = [embedded_assumptions(country)]
    if scenario is not None:
        parts.insert(0, scenario_assumptions(scenario))
    return pd.concat(parts, ignore_index=True)


def count_flagged(table: pd.DataFrame) -> int:
    """How many rows carry the status ``"assumption"``."""
    return int((table["status"] == ASSUMPTION).sum())
