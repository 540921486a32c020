"""A user's covariate cell table (for example from Labour Force Survey microdata).

The CSV has one row per cell and the columns ``married``, ``yearly``, ``after_work``,
``provincial_capital``, ``collective_group``, ``bokeo``, ``champasak``, ``luang_prabang``
(0/1), ``income`` (LAK/month, 2020 prices, > 0), ``weight_male`` and ``weight_female``
(>= 0; normalised here to sum to one per sex) and optionally ``label``. Leading ``#`` lines
are comments. ``yearly`` and ``after_work`` are exclusive, and so are the province
indicators (all zero = Vientiane Capital). The columns' types and ranges are the schema
:data:`engine.data.schemas.CELL_TABLE`; the rules across columns are checked here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from engine.data.files import read_user_table
from engine.data.schemas import CELL_TABLE
from engine.dims import PROVINCES
from engine.errors import DataFileError, Problem, closest
from engine.profile.probit import MINIMUM_WAGE_2020
from engine.profile.profile import CellTable
from engine.profile.survey import CELL_COVARIATES, FREQUENCIES, frozen, income_bands

EXCLUSIVE: tuple[tuple[str, ...], ...] = (("yearly", "after_work"), ("bokeo", "champasak", "luang_prabang"))
"""Groups of indicators of which at most one may be 1 in a cell."""
WEIGHTS = ("weight_male", "weight_female")


def _header_line(path: Path) -> int:
    """Line number of the header row (after the leading '#' comment lines)."""
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.lstrip().startswith("#"):
                return number
    return 1


def _with_close_column(path: Path, problem: Problem) -> Problem:
    """A missing column's problem naming the header's closest unknown column, if any."""
    if problem.found != "no such column":
        return problem
    header = path.read_text(encoding="utf-8").splitlines()[_header_line(path) - 1]
    unknown = [c.strip() for c in header.split(",") if c.strip() not in CELL_TABLE.frame.columns]
    near = closest(problem.key.removeprefix("column ").strip("'"), unknown)
    if near is None:
        return problem
    return replace(problem, found=f"no such column (the file has '{near}')")


def rule_problems(path: Path, frame: pd.DataFrame) -> list[Problem]:
    """Problems the column schema cannot see: indicators other than 0 or 1, more than one
    of an exclusive group, a sex whose weights sum to zero, no rows at all."""
    header = _header_line(path)
    if len(frame) == 0:
        return [Problem(str(path), header + 1, "rows", "none", "one row per cell")]

    def at(column: str, i: int, found: str, expected: str) -> Problem:
        return Problem(str(path), header + 1 + i, f"column '{column}', row {i + 1}", found, expected)

    for column in CELL_COVARIATES:
        bad = np.flatnonzero(~np.isin(frame[column].to_numpy(float), (0.0, 1.0)))
        if bad.size:
            i = int(bad[0])
            return [at(column, i, f"{frame[column].iloc[i]:g}", "0 or 1")]
    for group in EXCLUSIVE:
        both = np.flatnonzero(frame[list(group)].to_numpy(float).sum(axis=1) > 1)
        if both.size:
            return [at("+".join(group), int(both[0]), f"more than one of {', '.join(group)} set to 1",
                       "at most one")]
    return [Problem(str(path), None, f"column '{c}'", "weights summing to zero", "a positive total")
            for c in WEIGHTS if frame[c].to_numpy(float).sum() <= 0]


def load_cell_table(path: str | Path) -> CellTable:
    """Read a user's cell table (see the module docstring); weights of shape (2, n_cells).

    Raises
    ------
    engine.errors.DataFileError
        (exit status 2 on the command line) naming the file, line, column, what was found
        and what was expected.
    """
    path = Path(path)
    try:
        frame = read_user_table(path, CELL_TABLE)
    except DataFileError as exc:
        raise DataFileError([_with_close_column(path, p) for p in exc.problems]) from None
    problems = rule_problems(path, frame)
    if problems:
        raise DataFileError(problems)
    values = {c: frame[c].to_numpy(float) for c in CELL_COVARIATES + ("income",) + WEIGHTS}
    weights = np.stack([values[c] for c in WEIGHTS])
    weights = weights / weights.sum(axis=1, keepdims=True)
    income = values["income"]
    labels = tuple(frame["label"].astype(str)) if "label" in frame.columns else tuple(
        f"cell {i + 1}" for i in range(len(frame)))
    names, lower, *_ = income_bands()
    province = np.where(values["bokeo"] == 1, 0, np.where(values["champasak"] == 1, 1,
                        np.where(values["luang_prabang"] == 1, 2, 3)))
    frequency = np.where(values["yearly"] == 1, 1, np.where(values["after_work"] == 1, 2, 0))
    band = np.searchsorted(lower, income, side="right") - 1
    return CellTable(
        covariates={c: frozen(values[c]) for c in CELL_COVARIATES} | {"income": frozen(income.copy())},
        weights=frozen(weights), income_2020=frozen(income),
        below_minimum_wage=frozen(income < MINIMUM_WAGE_2020), labels=labels,
        categories={"province": frozen(np.array(PROVINCES)[province]),
                    "income_frequency": frozen(np.array(FREQUENCIES)[frequency]),
                    "income_band": frozen(np.array(names)[band])},
    )
