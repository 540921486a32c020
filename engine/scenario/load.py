"""Scenario files: YAML with ``extends:`` and ``--set`` overrides, validated and frozen."""

from __future__ import annotations

from pathlib import Path

from engine.scenario.schema import Scenario
from engine.scenario.source import Marks, read_scenario_source
from engine.scenario.validate import validate_scenario

__all__ = ["Scenario", "load_scenario", "scenario_from_dict"]


def load_scenario(path: str | Path, overrides: list[str] | dict[str, object] | None = None) -> Scenario:
    """Read, merge and validate a scenario file.

    Parameters
    ----------
    path
        The scenario YAML file. ``extends:`` paths are relative to it.
    overrides
        ``["macro.inflation=0.05", ...]`` as given to ``--set``, or a mapping of dotted
        keys to values.

    Raises
    ------
    engine.errors.InputError
        Listing every problem with file, line, dotted key, found and expected.
    """
    raw, marks = read_scenario_source(path, overrides)
    return validate_scenario(raw, marks)


def scenario_from_dict(raw: dict) -> Scenario:
    """Validate a scenario given as a plain mapping (for scripts and tests)."""
    marks = Marks()

    def note(value: object, prefix: str) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                dotted = f"{prefix}.{key}" if prefix else str(key)
                marks.places[dotted] = ("<dict>", None)
                note(child, dotted)

    note(raw, "")
    return validate_scenario(dict(raw), marks)
