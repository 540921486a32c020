"""One schema per data table: columns, types, units, ranges, required rows, finite values.

A :class:`TableSchema` pairs a ``pandera`` frame schema (the column-by-column part: each
column's type, whether it may be blank, its range or allowed values; a value that cannot
be read as its type is a failure of its row) with the rules that concern the table as a
whole (required years or age groups, dates in order, keys once each), which name the row
they fail at. :data:`SCHEMAS` holds the schema of every embedded table, and
:data:`CELL_TABLE` and :data:`INSURED_TABLE` those of the tables a user may supply.

Numbers are finite by construction: a column of numbers refuses NaN (a blank cell) unless
it is declared ``blank_ok``, and every range check refuses infinity.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

SEXES = ("male", "female")
STATUSES = ("confirmed", "reported", "derived", "assumption")
SCHEMES = ("civil_servant", "enterprise", "voluntary")
AGE_GROUPS_0_100 = (0, 1) + tuple(range(5, 101, 5))  # 0, 1-4, 5-9, ..., 95-99, 100+
FIVE_YEAR_GROUPS_0_100 = tuple(range(0, 101, 5))
PERIOD = r"^\d{4}-\d{4}$"

RowProblem = tuple[int | None, str, str, str]
"""(row index or None for the table, column, what was found, what was expected)."""


@dataclass(frozen=True)
class TableSchema:
    """The columns of a table (checked by pandera) and its whole-table rules."""

    frame: pa.DataFrameSchema
    rules: tuple[Callable[[pd.DataFrame], list[RowProblem]], ...] = field(default=())


def number(*, unit: str, ge: float | None = None, le: float | None = None, gt: float | None = None,
           blank_ok: bool = False, required: bool = True, regex: bool = False) -> pa.Column:
    """A column of finite numbers in ``unit`` within the bounds (blank cells only if ``blank_ok``)."""
    checks = [pa.Check(lambda s: np.isfinite(s) | s.isna(), element_wise=False, error="a finite number")]
    if ge is not None:
        checks.append(pa.Check.ge(ge))
    if gt is not None:
        checks.append(pa.Check.gt(gt))
    if le is not None:
        checks.append(pa.Check.le(le))
    return pa.Column(float, checks, nullable=blank_ok, coerce=True, required=required, regex=regex,
                     metadata={"unit": unit})


def whole(*, unit: str, ge: int | None = None, le: int | None = None) -> pa.Column:
    """A column of whole numbers (years, ages) within the bounds."""
    checks = ([pa.Check.ge(ge)] if ge is not None else []) + ([pa.Check.le(le)] if le is not None else [])
    return pa.Column(int, checks, coerce=True, metadata={"unit": unit})


def choice(values, *, blank_ok: bool = False) -> pa.Column:
    """A column whose every entry is one of ``values``."""
    return pa.Column(str, pa.Check.isin(list(values)), nullable=blank_ok, coerce=False)


def text(*, blank_ok: bool = False) -> pa.Column:
    """A column of text (labels, sources)."""
    return pa.Column(str, nullable=blank_ok, coerce=False)


def day() -> pa.Column:
    """A column of calendar dates written YYYY-MM-DD (an impossible date is refused)."""
    return pa.Column("datetime64[ns]", coerce=True, metadata={"unit": "date YYYY-MM-DD"})


def schema(columns: dict[str, pa.Column], *rules) -> TableSchema:
    return TableSchema(pa.DataFrameSchema(columns, strict=False), tuple(rules))


# ----------------------------------------------------------------------- whole-table rules
def unique(*columns: str):
    """Each combination of ``columns`` at most once."""
    def rule(frame: pd.DataFrame) -> list[RowProblem]:
        dup = frame.duplicated(list(columns), keep="first")
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            key = ", ".join(f"{frame[c].iloc[i]}" for c in columns)
            return [(i, "+".join(columns), f"'{key}' a second time", "each row once")]
        return []
    return rule


def contiguous_years(column: str, first: int, last: int):
    """Years in ``column`` one after another, from ``first`` or earlier to ``last`` or later."""
    def rule(frame: pd.DataFrame) -> list[RowProblem]:
        years = frame[column].to_numpy(np.int64)
        steps = np.flatnonzero(np.diff(years) != 1)
        if steps.size:
            i = int(steps[0]) + 1
            return [(i, column, f"{years[i]} after {years[i - 1]}", "consecutive years in increasing order")]
        if years.size == 0 or years[0] > first or years[-1] < last:
            found = f"{years[0]}..{years[-1]}" if years.size else "no rows"
            return [(None, column, f"the years {found}", f"every year from {first} to {last}")]
        return []
    return rule


def increasing(column: str):
    """Values (dates) in strictly increasing order."""
    def rule(frame: pd.DataFrame) -> list[RowProblem]:
        values = frame[column]
        bad = np.flatnonzero(~(values.diff().iloc[1:] > pd.Timedelta(0)).to_numpy())
        if bad.size:
            i = int(bad[0]) + 1
            return [(i, column, f"{values.iloc[i].date()} after {values.iloc[i - 1].date()}",
                     "dates in increasing order")]
        return []
    return rule


def rows_for(column: str, required, by: str | None = None, groups=SEXES):
    """Every value of ``required`` in ``column`` (for each of ``groups`` in ``by``)."""
    def rule(frame: pd.DataFrame) -> list[RowProblem]:
        problems = []
        for group in (groups if by else (None,)):
            part = frame if by is None else frame[frame[by] == group]
            present = set(part[column].tolist())
            missing = [v for v in required if v not in present]
            if missing:
                where = f" for {by} '{group}'" if by else ""
                problems.append((None, column, f"no row{'s' if len(missing) > 1 else ''} "
                                 f"{', '.join(map(str, missing[:5]))}{' ...' if len(missing) > 5 else ''}{where}",
                                 f"a row for each of {', '.join(map(str, required))}"))
        return problems
    return rule


def keys_for(columns: tuple[str, ...], required: list[tuple]):
    """Every combination in ``required`` of the values in ``columns``."""
    def rule(frame: pd.DataFrame) -> list[RowProblem]:
        present = set(map(tuple, frame[list(columns)].astype(str).to_numpy().tolist()))
        missing = [k for k in required if tuple(map(str, k)) not in present]
        if missing:
            return [(None, "+".join(columns), f"no row for {', '.join('/'.join(k) for k in missing[:5])}",
                     "a row for each of the survey's published figures")]
        return []
    return rule


def periods(first: int, last: int):
    """Period columns ``YYYY-YYYY`` of five years each, one after another, covering
    ``first`` to ``last``."""
    def rule(frame: pd.DataFrame) -> list[RowProblem]:
        cols = [c for c in frame.columns if re.match(PERIOD, str(c))]
        starts = [int(c[:4]) for c in cols]
        ends = [int(c[5:]) for c in cols]
        for i, (s, e) in enumerate(zip(starts, ends)):
            if e - s != 5 or (i and s != ends[i - 1]):
                return [(None, cols[i], f"the column '{cols[i]}'", "five-year periods one after another")]
        if not cols or starts[0] > first or ends[-1] < last:
            found = f"{starts[0]}-{ends[-1]}" if cols else "no period columns"
            return [(None, "periods", found, f"period columns covering {first}-{last}")]
        return []
    return rule


def filled(columns: tuple[str, ...], key: str, first: int, last: int):
    """No blank cell in ``columns`` on the rows whose ``key`` lies in ``first..last``."""
    def rule(frame: pd.DataFrame) -> list[RowProblem]:
        rows = frame[key].between(first, last).to_numpy()
        for column in columns:
            blank = np.flatnonzero(rows & frame[column].isna().to_numpy())
            if blank.size:
                i = int(blank[0])
                return [(i, column, "a blank cell", f"a value for every {key} {first}-{last}")]
        return []
    return rule


def probit_pairs(frame: pd.DataFrame) -> list[RowProblem]:
    """A p-value beside every coefficient of Table 14 (a blank pair: not in the specification)."""
    for col in [c for c in frame.columns if c.endswith("_coef")]:
        p = col.removesuffix("_coef") + "_p"
        bad = np.flatnonzero(frame[col].notna().to_numpy() != frame[p].notna().to_numpy()) if p in frame else []
        if len(bad):
            i = int(bad[0])
            return [(i, p if frame[col].notna().iloc[i] else col, "a blank cell",
                     f"{col} and {p} both given or both blank")]
    return []


def bands_in_order(frame: pd.DataFrame) -> list[RowProblem]:
    """Income bands that follow one another: each band's lower bound is the previous upper."""
    lower, upper = frame["lower"].to_numpy(float), frame["upper"].to_numpy(float)
    for i in range(len(frame)):
        if i + 1 < len(frame) and not upper[i] == lower[i + 1]:
            return [(i, "upper", f"{upper[i]:g}", f"the next band's lower bound {lower[i + 1]:g}")]
        if np.isnan(upper[i]) and i + 1 < len(frame):
            return [(i, "upper", "a blank cell", "an upper bound (only the last band is open)")]
    return []


# ------------------------------------------------------------------------ embedded tables
PROBIT_SPECS = ("all_a", "all_b", "all_c", "below_a", "below_b", "above_a", "above_b")
PROVINCE_COLUMNS = ("bokeo", "luang_prabang", "champasak", "vientiane_capital")

SCHEMAS: dict[str, TableSchema] = {
    "fertility_asfr_age5_wpp2024": schema(
        {"year": whole(unit="year", ge=1900, le=2200),
         r"^\d{2}-\d{2}$": number(unit="births per woman per year", ge=0, le=1, regex=True)},
        unique("year"), contiguous_years("year", 2023, 2100)),
    "wpp2024_annual_indicators": schema(
        {"year": whole(unit="year", ge=1900, le=2200),
         "births_k": number(unit="thousand births", ge=0, blank_ok=True),
         "deaths_k": number(unit="thousand deaths", ge=0, blank_ok=True),
         "net_migrants_k": number(unit="thousand persons"),
         "population_change_k": number(unit="thousand persons", blank_ok=True),
         "tfr": number(unit="births per woman", gt=0, le=15),
         "e0_male": number(unit="years", gt=0, le=120), "e0_female": number(unit="years", gt=0, le=120),
         "e0_both": number(unit="years", gt=0, le=120), "srb": number(unit="males per female birth", ge=0.8, le=1.3),
         "population_end_male_k": number(unit="thousand persons", ge=0, blank_ok=True),
         "population_end_female_k": number(unit="thousand persons", ge=0, blank_ok=True),
         "population_end_total_k": number(unit="thousand persons", ge=0, blank_ok=True)},
        unique("year"), contiguous_years("year", 2023, 2100),
        filled(("births_k", "deaths_k", "population_change_k"), "year", 2024, 2024),
        filled(("population_change_k",), "year", 0, 2024),
        filled(("population_end_male_k", "population_end_female_k", "population_end_total_k"), "year", 2024, 2024)),
    "mortality_mx_age5_sex_wpp2024": schema(
        {"sex": choice(SEXES), "age_group": text(), "age_start": whole(unit="years", ge=0, le=100),
         PERIOD: number(unit="deaths per person-year", gt=0, le=5, regex=True)},
        unique("sex", "age_start"), rows_for("age_start", AGE_GROUPS_0_100, by="sex"), periods(2020, 2100)),
    "migration_net_age5_sex_wpp2024": schema(
        {"sex": choice(SEXES), "age_group": text(), "age_start": whole(unit="years", ge=0, le=100),
         PERIOD: number(unit="thousand persons per year", regex=True)},
        unique("sex", "age_start"), rows_for("age_start", FIVE_YEAR_GROUPS_0_100, by="sex"), periods(2020, 2100)),
    "population_2020_age5_sex_wpp2019": schema(
        {"age_group": text(), "age_start": whole(unit="years", ge=0, le=100),
         "male_k": number(unit="thousand persons", ge=0), "female_k": number(unit="thousand persons", ge=0)},
        unique("age_start"), rows_for("age_start", FIVE_YEAR_GROUPS_0_100)),
    "population_2023_age5_bothsexes_wpp2022": schema(
        {"age_group": text(), "age_start": whole(unit="years", ge=0, le=100),
         "both_sexes_k": number(unit="thousand persons", ge=0)},
        unique("age_start"), rows_for("age_start", FIVE_YEAR_GROUPS_0_100)),
    "labour_force_participation": schema(
        {"sex": choice(SEXES), "age_group": text(), "age_start": whole(unit="years", ge=0, le=100),
         "rate": number(unit="share of the population", ge=0, le=1)},
        unique("sex", "age_start"), rows_for("age_start", tuple(range(15, 91, 5)), by="sex")),
    "minimum_wage": schema(
        {"effective_date": day(), "lak_per_month": number(unit="LAK per month", gt=0),
         "status": choice(STATUSES), "source": text()},
        increasing("effective_date")),
    "membership_history": schema(
        {"date": day(), "scheme": choice(SCHEMES + ("all",)), "quantity": text(),
         "value": number(unit="persons or share (see unit)", ge=0), "unit": text(),
         "status": choice(STATUSES), "use": choice(("initial_state", "calibration", "check")), "source": text()}),
    "probit_table14": schema(
        {"variable": text(),
         **{f"{s}_coef": number(unit="probit index per unit of the covariate", blank_ok=True) for s in PROBIT_SPECS},
         **{f"{s}_p": number(unit="p-value", ge=0, le=1, blank_ok=True) for s in PROBIT_SPECS}},
        unique("variable"), probit_pairs,
        rows_for("variable", ("female", "age", "age_squared", "married", "yearly", "after_work", "income",
                              "provincial_capital", "collective_group", "bokeo", "champasak", "luang_prabang",
                              "constant"))),
    "informal_profile_counts": schema(
        {"variable": text(), "category": text(),
         **{c: number(unit="respondents", ge=0) for c in PROVINCE_COLUMNS + ("total",)}},
        unique("variable", "category"),
        keys_for(("variable", "category"), [
            ("respondents", "all"), ("location", "provincial_capital"), ("location", "non_provincial_capital"),
            ("sex", "male"), ("sex", "female"), ("age_group", "below_20"), ("age_group", "20_to_60"),
            ("age_group", "above_60"), ("marital_status", "married"), ("marital_status", "separated"),
            ("marital_status", "single"), ("marital_status", "widow")])),
    "informal_profile_shares": schema(
        {"variable": text(), "category": text(), "sex": choice(SEXES + ("all",)),
         **{c: number(unit="percent of respondents", ge=0, le=100, blank_ok=True) for c in PROVINCE_COLUMNS},
         "total": number(unit="percent of respondents", ge=0, le=100)},
        unique("variable", "category", "sex"),
        keys_for(("variable", "category", "sex"), [
            *[("income_frequency", f, "all") for f in ("daily", "weekly", "fortnightly", "monthly", "yearly",
                                                       "after_work")],
            *[("income_band", b, "all") for b in ("lt_1_1m", "1_1m_to_2_2m", "2_2m_to_3_3m", "3_3m_to_4_4m",
                                                  "4_4m_to_5_5m", "gt_5_5m")],
            ("below_minimum_wage", "yes", "female"), ("below_minimum_wage", "yes", "male"),
            ("below_minimum_wage", "yes", "all"), ("collective_group", "member", "all")])),
    "informal_profile_income": schema(
        {"statistic": text(),
         **{c: number(unit="LAK per month", ge=0, blank_ok=True) for c in PROVINCE_COLUMNS},
         "total": number(unit="LAK per month (n_obs: respondents)", gt=0)},
        unique("statistic"), rows_for("statistic", ("mean", "minimum", "maximum"))),
    "informal_profile_income_bands": schema(
        {"band": text(), "lower": number(unit="LAK per month", ge=0),
         "upper": number(unit="LAK per month", gt=0, blank_ok=True), "label": text()},
        unique("band"), bands_in_order),
    "informal_profile_assumptions": schema(
        {"parameter": text(), "value": number(unit="see the unit column", ge=0), "unit": text(),
         "note": text(blank_ok=True)},
        unique("parameter"),
        rows_for("parameter", ("married_midpoint_age_male", "married_midpoint_age_female", "married_width"))),
}

# ----------------------------------------------------------------------- the user's tables
CELL_TABLE = schema(
    {**{c: number(unit="0 or 1", ge=0, le=1) for c in ("married", "yearly", "after_work", "provincial_capital",
                                                       "collective_group", "bokeo", "champasak", "luang_prabang")},
     "income": number(unit="LAK per month, 2020 prices", gt=0),
     "weight_male": number(unit="weight", ge=0), "weight_female": number(unit="weight", ge=0)})
"""A user's covariate cell table (see :func:`engine.profile.user_cells.load_cell_table`)."""

INSURED_TABLE = schema(
    {"scheme": choice(SCHEMES), "sex": choice(SEXES), "age": whole(unit="years", ge=0, le=100),
     "service": whole(unit="completed years of service", ge=0, le=100),
     "persons": number(unit="persons", ge=0),
     "average_earnings": number(unit="LAK per month", ge=0, required=False)})
"""A user's table of insured persons (``funds.initial.insured_table``)."""
