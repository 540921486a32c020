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
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

STATUSES = ("confirmed", "reported", "derived", "assumption")
REQUIRED_META = ("unit", "source", "status")
DEFAULT_COUNTRY = "lao_pdr"


class DataFileError(ValueError):
    """A data file is missing, malformed or lacks its unit, source or status."""


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
    """Folder of a country's embedded data files."""
    return Path(str(resources.files("engine.data").joinpath(country)))


def _check_meta(path: Path, meta: dict[str, str]) -> None:
    missing = [k for k in REQUIRED_META if not meta.get(k)]
    if missing:
        raise DataFileError(f"{path}: header lacks {', '.join(missing)} (expected '# key: value' lines)")
    if meta["status"] not in STATUSES:
        raise DataFileError(
            f"{path}: status '{meta['status']}' is not one of {', '.join(STATUSES)}"
        )


def read_csv_table(path: str | Path) -> Table:
    """Read a self-documenting CSV file (``# key: value`` header, then CSV)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc.strerror})") from None
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
    frame = pd.read_csv(io.StringIO("".join(lines[body_start:])))
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
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from None
    if not isinstance(entries, dict):
        raise DataFileError(f"{path}: expected a mapping of parameter names to entries")
    for key, entry in entries.items():
        if not isinstance(entry, dict) or "value" not in entry:
            raise DataFileError(f"{path}: '{key}' needs a mapping with 'value', 'unit', 'source', 'status'")
        _check_meta(Path(f"{path}:{key}"), {k: str(v) for k, v in entry.items() if k != "value"})
    return entries
