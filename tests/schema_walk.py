"""Walking the scenario schema: every leaf parameter and the check that it is documented."""

from __future__ import annotations

from pydantic import BaseModel

from engine.data.schemas import STATUSES
from engine.scenario.validate import models_in


def leaves(model: type[BaseModel], prefix: str = ""):
    """(dotted key, field) of every leaf parameter below ``model``, every union member included."""
    for name, field in model.model_fields.items():
        nested = models_in(field.annotation)
        if nested:
            for sub in nested:
                yield from leaves(sub, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", field


def assert_documented(dotted: str, field) -> None:
    """A leaf states its unit, status and description, and an assumption says why."""
    extra = field.json_schema_extra or {}
    assert extra.get("unit"), f"{dotted} has no unit"
    assert extra.get("status") in STATUSES, f"{dotted} has no valid status"
    assert field.description, f"{dotted} has no description"
    if extra["status"] == "assumption":
        assert extra.get("source"), f"assumption {dotted} does not say why"
