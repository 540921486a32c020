"""The scenario schema as controls for the page: one lever per leaf parameter.

Each lever carries what the schema declares (unit, bounds, description, source, status)
and the value the opened scenario holds, written as the text a user would give to
``--set``. Sections come in the order a costing team reads them (policies first, then
enrolment, macro, labour, demography, funds, then the rest). Policy blocks are described
by type: the fields each block type has, so that blocks can be added and edited.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal

import yaml
from pydantic import BaseModel

from engine.scenario.params import YearPath, bounds_of
from engine.scenario.schema import Scenario
from engine.scenario.schema_policies import BLOCK_TYPES
from engine.scenario.validate import models_in

SECTIONS: tuple[tuple[str, str], ...] = (
    ("enrolment", "Enrolment"), ("macro", "Macro"), ("labour", "Labour"),
    ("demography", "Demography"), ("funds", "Funds"), ("schemes", "Schemes"),
    ("benefits", "Benefits"), ("nhi", "National Health Insurance"),
    ("cbhi", "Community-based health insurance (Vientiane Capital)"), ("coverage", "Coverage"),
    ("horizon", "Horizon"),
)
"""Sections shown as levers after the policy blocks (``uncertainty``, ``sensitivity`` and
``targets`` are not levers: they describe sweeps and comparisons, not the projection)."""

FIXED_BLOCK_FIELDS = ("type",)
"""Block fields the page shows but does not let the user edit."""


def to_text(value: Any) -> str:
    """A value as the text ``--set`` would take (empty for null)."""
    if value is None:
        return ""
    if isinstance(value, YearPath):
        value = value.to_plain()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    elif isinstance(value, tuple):
        value = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    return yaml.safe_dump(value, default_flow_style=True, width=10**6, sort_keys=False).strip()


def path_points(value: Any) -> list[list]:
    """A year path's steps as ``[[year or None, value], ...]`` for the page's small table."""
    if isinstance(value, YearPath):
        return [[y, v] for y, v in value.points]
    return []


def _kind(annotation: Any) -> tuple[str, list[str]]:
    """The control kind of a field's annotation, and its choices for a choice."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _kind(args[0])
    if origin is typing.Annotated:
        return _kind(args[0])
    if annotation is YearPath:
        return "path", []
    if origin is Literal:
        return "choice", [str(a) for a in args]
    if annotation is bool:
        return "bool", ["true", "false"]
    if annotation is int:
        return "integer", []
    if annotation is float:
        return "number", []
    if annotation is str:
        return "text", []
    return "yaml", []


def _optional(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def lever(key: str, field, value: Any, section: str = "") -> dict:
    """The control of one leaf parameter: what the schema says of it, and its value;
    labelled by its key within ``section`` (``minimum wage › rule`` in ``macro.``)."""
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    kind, choices = _kind(field.annotation)
    if kind == "choice" and _optional(field.annotation):
        choices = ["", *choices]
    low, high = bounds_of(field)
    return {
        "key": key, "label": key.removeprefix(section).replace(".", " \u203a ").replace("_", " "), "kind": kind,
        "choices": choices, "unit": extra.get("unit", ""), "low": low, "high": high,
        "description": field.description or "", "source": extra.get("source", ""),
        "status": extra.get("status", ""), "value": to_text(value), "points": path_points(value),
        "optional": _optional(field.annotation),
    }


def _walk(model: BaseModel, prefix: str, section: str) -> list[dict]:
    """Levers of every leaf below a model instance; nested models that are set are walked,
    an optional model that is unset is one lever holding its YAML."""
    out = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        key = f"{prefix}{name}"
        if isinstance(value, BaseModel) and not _optional(field.annotation):
            out += _walk(value, key + ".", section)
        else:
            out.append(lever(key, field, value, section))
    return out


def scenario_levers(scenario: Scenario) -> list[dict]:
    """Sections of levers, each ``{"key", "title", "levers"}``, in :data:`SECTIONS` order."""
    return [{"key": key, "title": title, "levers": _walk(getattr(scenario, key), key + ".", key + ".")}
            for key, title in SECTIONS]


def lever_keys(scenario: Scenario) -> frozenset[str]:
    """Every dotted key a page may set (outside ``policies``)."""
    return frozenset(lv["key"] for s in scenario_levers(scenario) for lv in s["levers"])


def _block_fields(cls: type[BaseModel], prefix: str = "") -> list[tuple[str, Any]]:
    out = []
    for name, field in cls.model_fields.items():
        nested = models_in(field.annotation)
        if nested and not _optional(field.annotation):
            out += _block_fields(nested[0], f"{prefix}{name}.")
        else:
            out.append((f"{prefix}{name}", field))
    return out


def block_fields(block_type: str) -> list[dict]:
    """The controls of a policy block type, keys relative to the block (``eligible.income``),
    each with its default as text ('' where the field is required)."""
    cls = BLOCK_TYPES[block_type]
    out = []
    for key, field in _block_fields(cls):
        default = None if field.is_required() else field.get_default(call_default_factory=True)
        spec = lever(key, field, default)
        spec["required"] = field.is_required()
        spec["fixed"] = key in FIXED_BLOCK_FIELDS
        out.append(spec)
    return out


def block_types() -> dict[str, dict]:
    """Every policy block type the schema knows: its description and fields."""
    return {name: {"description": " ".join((cls.__doc__ or "").split("\n\n")[0].split()).replace("``", ""),
                   "fields": block_fields(name)} for name, cls in BLOCK_TYPES.items()}


def block_values(block: BaseModel) -> dict[str, str]:
    """A validated policy block as ``{relative key: text}`` (the page's form of a block)."""
    values = {}
    for key, _ in _block_fields(type(block)):
        value: Any = block
        for part in key.split("."):
            value = getattr(value, part)
        values[key] = to_text(value)
    return values
