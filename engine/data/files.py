"""Embedded default calibration data and the reader for its files.

Every data file under ``engine/data/<country>/`` documents itself. A CSV table opens
with ``# key: value`` comment lines, then a header row and the data::

    # title: Base population by single year of age and sex
    # unit: persons
    # year: 2023-12-31
    # source: UN DESA, World Population Prospects 2024 ...
    # status: derived
    # method: Sprague graduation of 5-year groups, rescaled to WPP2024 totals
    sex,age,value
    male,0,158123.4
    ...

``unit``, ``source`` and ``status`` are required; ``status`` is one of
:data:`STATUSES`. A YAML data file maps parameter names to entries that each carry
``value``, ``unit``, ``source`` and ``status``.

Every table is checked against its schema (:mod:`engine.data.schemas`) when it is read,
and every parameter file against the rules of :func:`engine.data.validation.parameter_problems`;
a problem is a :class:`DataFileError` (exit status 2) naming the file, the line, the column
or key, what was found and what was expected. ``laosim validate`` and the commands that
compute read every file first (:func:`check_data_files`), so a bad value is reported
before any projection starts.

The environment variable ``LAOSIM_DATA_DIR`` names a folder that replaces
``engine/data/<country>/`` as a whole (a copy of it with the user's own figures).
"""

from __future__ import annotations

import copy
import io
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from engine.bounded_yaml import BoundedLoader, LimitError, too_large
from engine.data.schemas import SCHEMAS, STATUSES, TableSchema
from engine.data.validation import entry_lines, parameter_problems, table_problems
from engine.errors import DataFileError, Problem

__all__ = ["DataFileError", "STATUSES", "Table", "data_dir", "read_csv_table", "read_parameters", "read_table", "read_user_table",
           "check_data_files", "check_user_tables"]

REQUIRED_META = ("unit", "source", "status")
DEFAULT_COUNTRY = "lao_pdr"
DATA_DIR_VARIABLE = "LAOSIM_DATA_DIR"


@dataclass(frozen=True)
class Table:
    """A data table and the metadata from its header (unit, year, source, status, ...)."""

    name: str
    frame: pd.DataFrame
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        return self.meta["unit"]

    @property
    def status(self) -> str:
        return self.meta["status"]

    @property
    def source(self) -> str:
        return self.meta["source"]


def data_dir(country: str = DEFAULT_COUNTRY) -> Path:
    """Folder of a country's embedded data files (or the folder ``LAOSIM_DATA_DIR`` names)."""
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE])
    return Path(str(resources.files("engine.data").joinpath(country)))


def _check_meta(path: Path, meta: dict[str, str]) -> None:
    missing = [k for k in REQUIRED_META if not meta.get(k)]
    if missing:
        raise DataFileError([Problem(str(path), 1, "header", f"no {', '.join(missing)}",
                                     "'# unit: ...', '# source: ...' and '# status: ...' lines")])
    if meta["status"] not in STATUSES:
        raise DataFileError([Problem(str(path), None, "header status", repr(meta["status"]),
                                     f"one of {', '.join(STATUSES)}")])


_PARSED: dict[tuple, tuple] = {}
"""Files read and checked in this process: (kind, path, mtime, size) -> (schema, result).
A command checks every data file first and then reads them again for the projection;
the second read of an unchanged file is a copy of the first."""


def _file_key(kind: str, path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return kind, str(path.resolve()), stat.st_mtime_ns, stat.st_size


def read_csv_table(path: str | Path, schema: TableSchema | None = None) -> Table:
    """Read a self-documenting CSV file (``# key: value`` header, then CSV) and check it
    against ``schema`` (by default the schema of the embedded table of that name, if any).

    Only an empty cell is a missing value: ``n/a`` or ``NaN`` written in a number column
    is a problem of its row, not a silent gap. A file is parsed and checked once per
    process while it is unchanged; each call returns its own copy of the table.
    """
    path = Path(path)
    schema = schema or SCHEMAS.get(path.stem)
    key = _file_key("csv", path)
    cached = _PARSED.get(key) if key else None
    if cached is not None and cached[0] is schema:
        table = cached[1]
        return Table(name=table.name, frame=table.frame.copy(), meta=dict(table.meta))
    table = _parse_csv_table(path, schema)
    if key is not None:
        _PARSED[key] = (schema, Table(name=table.name, frame=table.frame.copy(), meta=dict(table.meta)))
    return table


def _parse_csv_table(path: Path, schema: TableSchema | None) -> Table:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError([Problem(str(path), None, "", f"an unreadable file ({getattr(exc, 'strerror', None) or exc})",
                                     "a readable UTF-8 CSV file")]) from None
    meta: dict[str, str] = {}
    body_start = 0
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = i
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    else:
        body_start = len(lines)
    _check_meta(path, meta)
    try:
        frame = pd.read_csv(io.StringIO("".join(lines[body_start:])), keep_default_na=False, na_values=[""])
    except (ValueError, pd.errors.ParserError) as exc:
        raise DataFileError([Problem(str(path), body_start + 1, "", f"malformed CSV ({str(exc).strip()})",
                                     "a header row, then rows of as many comma-separated cells")]) from None
    if schema is not None:
        problems = table_problems(str(path), frame, schema, first_line=body_start + 1)
        if problems:
            raise DataFileError(problems)
    return Table(name=path.stem, frame=frame, meta=meta)


def read_table(name: str, country: str = DEFAULT_COUNTRY) -> Table:
    """Read the embedded table ``<name>.csv`` of a country."""
    return read_csv_table(data_dir(country) / f"{name}.csv")


def read_parameters(name: str, country: str = DEFAULT_COUNTRY) -> dict[str, dict]:
    """Read the embedded YAML parameter file ``<name>.yaml``.

    Returns a mapping of parameter name to its entry (``value``, ``unit``, ``source``,
    ``status`` and optional ``year``, ``note``).
    """
    path = data_dir(country) / f"{name}.yaml"
    key = _file_key("yaml", path)
    if key is not None and key in _PARSED:
        return copy.deepcopy(_PARSED[key][1])
    entries = _parse_parameters(path)
    if key is not None:
        _PARSED[key] = (None, copy.deepcopy(entries))
    return entries


def _parse_parameters(path: Path) -> dict[str, dict]:
    try:
        text = path.read_text(encoding="utf-8")
        if found := too_large(text):
            raise DataFileError([Problem(str(path), None, "", found, "a parameter file of at most 1 MB")])
        loader = BoundedLoader(text)
        try:
            entries = loader.get_single_data()
        finally:
            loader.dispose()
        lines = entry_lines(text, BoundedLoader) if isinstance(entries, dict) else {}
    except LimitError as exc:
        raise DataFileError([Problem(str(path), exc.problem_mark.line + 1 if exc.problem_mark else None, "",
                                     exc.found, exc.expected)]) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFileError([Problem(str(path), None, "", f"an unreadable file ({exc})",
                                     "a readable YAML parameter file")]) from None
    problems = parameter_problems(str(path), entries, lines)
    if problems:
        raise DataFileError(problems)
    return entries


def check_data_files(country: str = DEFAULT_COUNTRY) -> int:
    """Read and check every data file of ``country``; raise one :class:`DataFileError`
    listing every problem found. Returns the number of files checked."""
    folder = data_dir(country)
    problems: list[Problem] = []
    paths = sorted(folder.glob("*.csv")) + sorted(folder.glob("*.yaml"))
    for path in paths:
        try:
            read_csv_table(path) if path.suffix == ".csv" else read_parameters(path.stem, country)
        except DataFileError as exc:
            problems += exc.problems
    if problems:
        raise DataFileError(problems)
    return len(paths)


def check_user_tables(scenario) -> int:
    """Check the tables a scenario names (``funds.initial.insured_table``); returns their count."""
    from engine.data.schemas import INSURED_TABLE

    insured = scenario.funds.initial.insured_table
    if insured:
        read_user_table(insured, INSURED_TABLE)
    return int(bool(insured))


def read_user_table(path: str | Path, schema: TableSchema) -> pd.DataFrame:
    """A user's CSV table ('#' lines first are comments) checked against ``schema``."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError([Problem(str(path), None, "", f"an unreadable file ({getattr(exc, 'strerror', None) or exc})",
                                     "a readable UTF-8 CSV file")]) from None
    skip = 0
    while skip < len(lines) and lines[skip].lstrip().startswith("#"):
        skip += 1
    try:
        frame = pd.read_csv(io.StringIO("".join(lines[skip:])), keep_default_na=False, na_values=[""],
                            skipinitialspace=True)
    except (ValueError, pd.errors.ParserError) as exc:
        raise DataFileError([Problem(str(path), skip + 1, "", f"malformed CSV ({str(exc).strip()})",
                                     "a header row, then rows of as many comma-separated cells")]) from None
    problems = table_problems(str(path), frame, schema, first_line=skip + 1)
    if problems:
        raise DataFileError(problems)
    return frame
