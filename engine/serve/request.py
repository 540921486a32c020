"""What a page may send, checked, and turned into overrides and a scenario file.

A page sends *edits*: ``{"set": {dotted key: text}, "blocks": null | [{"type": ...,
"values": {relative key: text}}]}``. ``set`` holds the levers the user changed (keys of
the schema outside ``policies``); ``blocks``, when present, is the whole list of policy
blocks (a list replaces its parent's, as in a scenario file). Text is read as YAML, as
``--set`` reads it, except for text fields, which are taken as written.

Refused, with a message and before anything runs: a key that is not a lever (so no
``extends:``, no file path), YAML tags and anchors, more than :data:`MAX_KEYS` keys or
:data:`MAX_BLOCKS` blocks, text longer than :data:`MAX_TEXT`, and a horizon beyond
:data:`MAX_END_YEAR`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from engine.errors import InputError, Problem, closest
from engine.scenario.source import SET_SOURCE

MAX_KEYS = 400
MAX_BLOCKS = 20
MAX_TEXT = 2000
MAX_END_YEAR = 2100
"""Per request: edited keys, policy blocks, characters of one value, last projected year."""


@dataclass(frozen=True)
class Edits:
    """Checked edits of one request (see the module docstring)."""

    set: tuple[tuple[str, str], ...] = ()
    blocks: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None = None

    def key(self) -> str:
        """A canonical text of the edits (the cache key of their run)."""
        return repr((self.set, self.blocks))


def _problem(key: str, found: str, expected: str, suggestion: str | None = None) -> InputError:
    return InputError([Problem(SET_SOURCE, None, key, found, expected, suggestion)])


def _text(key: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _problem(key, f"a {type(value).__name__} in the request", "the value as text")
    text = str(value)
    if len(text) > MAX_TEXT:
        raise _problem(key, f"{len(text)} characters", f"at most {MAX_TEXT} characters")
    return text


def read_edits(body: object, keys: frozenset[str], block_fields: dict[str, dict[str, dict]]) -> Edits:
    """Check the shape of a request's edits against the schema's levers.

    ``keys``: the dotted keys a page may set; ``block_fields``: per block type, its
    fields by relative key. Raises :class:`InputError` on the first thing refused.
    """
    if body is None:
        return Edits()
    if not isinstance(body, dict) or set(body) - {"set", "blocks"}:
        raise _problem("", "a request that is not {set, blocks}", "the edits of the explorer page")
    changed = body.get("set") or {}
    if not isinstance(changed, dict) or len(changed) > MAX_KEYS:
        raise _problem("", "too many or malformed edits", f"at most {MAX_KEYS} edited keys")
    out = []
    for key, value in changed.items():
        if key not in keys:
            raise _problem(str(key)[:80], f"an unknown key '{str(key)[:80]}'",
                           "a parameter of the scenario's levers", closest(str(key), keys))
        out.append((key, _text(key, value)))
    blocks = body.get("blocks")
    if blocks is None:
        return Edits(tuple(sorted(out)), None)
    if not isinstance(blocks, list) or len(blocks) > MAX_BLOCKS:
        raise _problem("policies", "too many or malformed policy blocks", f"at most {MAX_BLOCKS} blocks")
    checked = []
    for i, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in block_fields:
            raise _problem(f"policies.{i}.type", repr(kind)[:60], f"one of {', '.join(block_fields)}",
                           closest(str(kind), block_fields))
        values = block.get("values") or {}
        if not isinstance(values, dict):
            raise _problem(f"policies.{i}", "malformed values", "a mapping of field to text")
        fields = []
        for rel, value in values.items():
            if rel not in block_fields[kind]:
                raise _problem(f"policies.{i}.{str(rel)[:80]}", f"an unknown key '{str(rel)[:80]}'",
                               f"a field of a {kind} block", closest(str(rel), block_fields[kind]))
            fields.append((rel, _text(f"policies.{i}.{rel}", value)))
        checked.append((kind, tuple(sorted(fields))))
    return Edits(tuple(sorted(out)), tuple(checked))


def _no_tags(key: str, text: str) -> None:
    """Refuse YAML tags (``!!python/...``, ``!!binary``) and anchors: plain values only."""
    try:
        tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return  # reported as invalid YAML by the parser
    if any(isinstance(t, (yaml.TagToken, yaml.AnchorToken, yaml.AliasToken)) for t in tokens):
        raise _problem(key, f"'{text[:60]}', which holds a YAML tag or anchor", "a plain YAML value")


def parse(key: str, text: str, kind: str) -> Any:
    """A lever's text as its value: YAML as ``--set`` reads it; text fields as written;
    empty text is null (the parameter's default where it has one)."""
    if kind == "text":
        return text
    if not text.strip():
        return None
    _no_tags(key, text)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        raise _problem(key, f"'{text}', which is not valid YAML",
                       "a YAML value such as 0.05, true, text or {2030: 0.04}") from None


def _put(target: dict, dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def overrides(edits: Edits, kinds: dict[str, str], block_fields: dict[str, dict[str, dict]]) -> dict[str, Any]:
    """The edits as ``load_scenario`` overrides: dotted keys to values, ``policies`` to the
    whole list of blocks (fields left empty are omitted: their defaults apply)."""
    out: dict[str, Any] = {}
    for key, text in edits.set:
        out[key] = parse(key, text, kinds.get(key, "yaml"))
    if "horizon.end_year" in out:
        end = out["horizon.end_year"]
        if isinstance(end, int) and not isinstance(end, bool) and end > MAX_END_YEAR:
            raise _problem("horizon.end_year", f"the year {end}",
                           f"a year <= {MAX_END_YEAR} in the explorer (laosim run projects to 2150)")
    if edits.blocks is not None:
        blocks = []
        for i, (kind, fields) in enumerate(edits.blocks):
            block: dict[str, Any] = {"type": kind}
            for rel, text in fields:
                if rel == "type":
                    continue
                value = parse(f"policies.{i}.{rel}", text, block_fields[kind][rel]["kind"])
                if value is not None:
                    _put(block, rel, value)
            blocks.append(block)
        out["policies"] = blocks
    return out


def scenario_yaml(edits: Edits, values: dict[str, Any], opened: Path, name: str,
                  block_fields: dict[str, dict[str, dict]]) -> str:
    """A scenario file that ``extends:`` the opened one and holds only what changed.

    ``values``: :func:`overrides` of ``edits``. Policy blocks (a list, so replaced as a
    whole) keep their type, name and start year and the fields that differ from their
    defaults.
    """
    tree: dict[str, Any] = {}
    for key, _ in edits.set:
        _put(tree, key, values[key])
    if edits.blocks is not None:
        blocks = []
        for (kind, fields), block in zip(edits.blocks, values["policies"]):
            keep = {"type": kind}
            given = dict(fields)
            for rel, text in ((r, given[r]) for r in block_fields[kind] if r in given):  # schema order
                spec = block_fields[kind][rel]
                if rel in ("name", "start_year") or spec["required"] or text != spec["value"]:
                    value: Any = block
                    for part in rel.split("."):
                        value = value.get(part) if isinstance(value, dict) else None
                    if value is not None:
                        _put(keep, rel, value)
            blocks.append(keep)
        tree["policies"] = blocks
    header = (f"# Written by laosim serve: the scenario '{name}' ({opened}) with the levers\n"
              f"# changed in the explorer. `laosim run` on this file reproduces the results shown.\n")
    body = {"name": f"{name}_explored", "extends": str(opened),
            "description": f"{name} with the levers changed in the explorer.", **tree}
    return header + yaml.safe_dump(body, sort_keys=False, default_flow_style=False, width=100, allow_unicode=True)
