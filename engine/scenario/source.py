"""Reading scenario YAML with the line of every key, ``extends:`` and ``--set`` overrides.

The result of :func:`read_scenario_source` is a plain nested mapping (the merged raw
scenario) plus a :class:`Marks` table telling, for every dotted key, the file and line it
came from, so that validation errors can point at the user's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from engine.bounded_yaml import MAX_BYTES, BoundedLoader, LimitError, too_large
from engine.bounded_yaml import safe_load as bounded_load
from engine.errors import InputError, Problem, describe

SET_SOURCE = "--set"


@dataclass
class Marks:
    """Where each dotted key was written: ``{"macro.inflation": ("a.yaml", 12)}``."""

    places: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def where(self, dotted: str) -> tuple[str | None, int | None]:
        """File and line of a key, falling back to its nearest written parent."""
        key = dotted
        while key:
            if key in self.places:
                return self.places[key]
            key = key.rpartition(".")[0]
        return self.places.get("", (None, None))

    def drop_below(self, dotted: str) -> None:
        prefix = dotted + "."
        for key in [k for k in self.places if k.startswith(prefix)]:
            del self.places[key]


def _join(prefix: str, key: object) -> str:
    return f"{prefix}.{key}" if prefix else str(key)


class _Reader:
    """Turns a composed YAML node tree into Python values while recording marks."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.file = str(path)
        self.text = text
        self.loader = BoundedLoader(text)
        self.marks = Marks()
        self.problems: list[Problem] = []

    def read(self) -> object:
        try:
            node = self.loader.get_single_node()
        except LimitError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            raise InputError([Problem(self.file, line, "", exc.found, exc.expected)]) from None
        except yaml.MarkedYAMLError as exc:
            raise InputError([self._syntax_problem(exc)]) from None
        except yaml.YAMLError as exc:
            raise InputError([Problem(self.file, None, "", f"malformed YAML ({exc})", "valid YAML")]) from None
        finally:
            self.loader.dispose()
        if node is None:
            raise InputError([Problem(self.file, None, "", "an empty file",
                                      "a mapping with at least 'name:'")])
        self.marks.places[""] = (self.file, node.start_mark.line + 1)
        value = self._value(node, "")
        if self.problems:
            raise InputError(self.problems)
        return value

    def _syntax_problem(self, exc: yaml.MarkedYAMLError) -> Problem:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        lines = self.text.splitlines()
        text_line = lines[mark.line] if mark and mark.line < len(lines) else ""
        if "\t" in text_line[: len(text_line) - len(text_line.lstrip())] or (
            "'\\t'" in str(exc.problem)
        ):
            return Problem(self.file, line, "", "a tab character in the indentation",
                           "indentation with spaces only (YAML forbids tabs)")
        return Problem(self.file, line, "", f"malformed YAML ({exc.problem})", "valid YAML syntax")

    def _value(self, node: yaml.Node, dotted: str) -> object:
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            self.loader.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                child = _join(dotted, key)
                line = key_node.start_mark.line + 1
                if isinstance(key, (dict, list)) or key is None:
                    self.problems.append(Problem(self.file, line, child, describe(key), "a plain key"))
                    continue
                if key in out:
                    first = self.marks.places.get(child, (self.file, None))[1]
                    self.problems.append(Problem(
                        self.file, line, child, f"the key written twice (first at line {first})",
                        "each key once per mapping"))
                    continue
                self.marks.places[child] = (self.file, line)
                out[key] = self._value(value_node, child)
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                child = _join(dotted, i)
                self.marks.places[child] = (self.file, item.start_mark.line + 1)
                items.append(self._value(item, child))
            return items
        return self.loader.construct_object(node, deep=True)


def read_yaml_file(path: Path) -> tuple[object, Marks]:
    """Parse one YAML file into Python values and the line of every key."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, "", "no such file", "an existing scenario file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(path), None, "", f"an unreadable file ({exc})",
                                  "a readable UTF-8 text file")]) from None
    if found := too_large(text):
        raise InputError([Problem(str(path), None, "", found, f"a scenario file of at most {MAX_BYTES:,} bytes")])
    reader = _Reader(path, text)
    return reader.read(), reader.marks


def deep_merge(base: dict, override: dict, marks: Marks, override_marks: Marks) -> dict:
    """Mappings merge key by key; any other value (numbers, lists) replaces the base's.

    ``marks`` (the base's) end up as the merged scenario's: the base's marks below a
    replaced value are dropped, and every mark of the override is taken. Linear in the
    number of keys, whatever their count (one pass over each table of marks).
    """
    replaced: set[str] = set()

    def merge(low: dict, high: dict, prefix: str) -> dict:
        merged = dict(low)
        for key, value in high.items():
            dotted = _join(prefix, key)
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = merge(merged[key], value, dotted)
            else:
                if key in merged:
                    replaced.add(dotted)
                merged[key] = value
        return merged

    def under_replaced(key: str) -> bool:
        parent = key.rpartition(".")[0]
        while parent:
            if parent in replaced:
                return True
            parent = parent.rpartition(".")[0]
        return False

    result = merge(base, override, "")
    if replaced:
        marks.places = {k: v for k, v in marks.places.items() if not under_replaced(k)}
    marks.places.update((k, v) for k, v in override_marks.places.items() if k)
    return result


def resolve_extends(path: Path, chain: tuple[Path, ...] = ()) -> tuple[dict, Marks]:
    """Read a scenario file and every file it ``extends:``, merged base-first."""
    raw, marks = read_yaml_file(path)
    if not isinstance(raw, dict):
        raise InputError([Problem(str(path), marks.where("")[1], "", describe(raw),
                                  "a mapping of scenario keys (name:, extends:, ...)")])
    if not chain and "name" not in raw:
        raise InputError([Problem(str(path), marks.where("")[1], "name", "no name: key",
                                  "every scenario file to name itself with name:")])
    parent = raw.pop("extends", None)
    if parent is None:
        return raw, marks
    line = marks.where("extends")[1]
    if not isinstance(parent, str) or not parent.strip():
        raise InputError([Problem(str(path), line, "extends", describe(parent),
                                  "the relative path of another scenario file")])
    parent_path = (path.parent / parent).resolve()
    if parent_path in chain or parent_path == path:
        cycle = " -> ".join(p.name for p in (*chain, path, parent_path))
        raise InputError([Problem(str(path), line, "extends", f"a circular chain ({cycle})",
                                  "a chain of scenario files that ends in one without extends:")])
    if not parent_path.is_file():
        raise InputError([Problem(str(path), line, "extends", f"'{parent}', which does not exist",
                                  f"an existing scenario file relative to {path.parent}")])
    base, base_marks = resolve_extends(parent_path, (*chain, path))
    base.pop("name", None)  # a scenario names itself; the parent's name is not inherited
    marks.places.pop("extends", None)
    merged = deep_merge(base, raw, base_marks, marks)
    return merged, base_marks


def _parse_key_segment(segment: str) -> str | int:
    return int(segment) if segment.isdigit() else segment


def apply_overrides(raw: dict, marks: Marks, overrides: list[str] | dict[str, object] | None) -> dict:
    """Apply ``--set KEY=VALUE`` overrides; VALUE is parsed as YAML."""
    if not overrides:
        return raw
    items: list[tuple[str, object]] = []
    problems: list[Problem] = []
    if isinstance(overrides, dict):
        items = list(overrides.items())
    else:
        for text in overrides:
            key, sep, value_text = str(text).partition("=")
            key = key.strip()
            if not sep or not key:
                problems.append(Problem(SET_SOURCE, None, key or str(text), f"'{text}'",
                                        "KEY=VALUE with a dotted key, e.g. macro.inflation=0.05"))
                continue
            try:
                value = bounded_load(value_text) if value_text.strip() else None
            except LimitError as exc:
                problems.append(Problem(SET_SOURCE, None, key, exc.found, exc.expected))
                continue
            except yaml.YAMLError:
                problems.append(Problem(SET_SOURCE, None, key, f"'{value_text}', which is not valid YAML",
                                        "a YAML value such as 0.05, true, text or {2030: 0.04}"))
                continue
            items.append((key, value))
    seen: set[str] = set()
    for key, _ in items:
        if key in seen:
            problems.append(Problem(SET_SOURCE, None, key, "the key set twice",
                                    "each key once (as in a scenario file)"))
        seen.add(key)
    if problems:
        raise InputError(problems)
    for key, value in items:
        parts = [_parse_key_segment(s) for s in key.split(".")]
        if any(p == "" for p in parts):
            problems.append(Problem(SET_SOURCE, None, key, f"'{key}'", "a dotted key without empty parts"))
            continue
        target = raw
        for depth, part in enumerate(parts[:-1]):
            nxt = target.get(part)
            if nxt is None:
                nxt = target[part] = {}
                marks.places[".".join(str(p) for p in parts[: depth + 1])] = (SET_SOURCE, None)
            if not isinstance(nxt, dict):
                parent = ".".join(str(p) for p in parts[: depth + 1])
                problems.append(Problem(SET_SOURCE, None, key, f"'{parent}' holding {describe(nxt)}",
                                        f"a mapping at '{parent}' (set '{parent}' as a whole instead)"))
                break
            target = nxt
        else:
            target[parts[-1]] = value
            marks.drop_below(key)
            marks.places[key] = (SET_SOURCE, None)
    if problems:
        raise InputError(problems)
    return raw


def read_scenario_source(path: str | Path, overrides=None) -> tuple[dict, Marks]:
    """The merged raw scenario (after ``extends:`` and overrides) and its marks."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem(str(path), None, "", "no such file", "an existing scenario file")])
    merged, marks = resolve_extends(path.resolve())
    return apply_overrides(merged, marks, overrides), marks
