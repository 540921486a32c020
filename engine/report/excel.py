"""``results.xlsx``: the summary, the assumptions and the main tables, one sheet each.

Every table sheet has two header rows: the column name (as in ``summary.csv``) and its
unit; data start on row 3, one row per year. Sheets whose variables a run lacks are left
out (the ``about`` sheet lists them).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from engine import __version__
from engine.assumptions import ASSUMPTION
from engine.report.valuation import valuation_rows
from engine.summary import summary_table, summary_units

BOLD = Font(bold=True)
ITALIC = Font(italic=True, color="444444")
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
FLAG_FILL = PatternFill("solid", fgColor="FFF4CC")
TITLE = Font(bold=True, size=13)
WRAP = Alignment(wrap_text=True)

TABLES = {
    "membership": ("active_members", "new_members"),
    "funds": ("contributions", "investment_income", "benefits", "admin_costs", "transfers_out", "reserve"),
    "nhi": ("nhi_income", "nhi_expenditure"),
    "health": ("nhi_covered_by_group", "nhi_eligible_by_group", "nhi_expenditure_by_group",
               "nhi_spending_per_person", "nhi_copayment_per_paying_person", "nhi_gap",
               "nhi_gap_budget_top_up", "nhi_unmet_cost", "nhi_unpaid_care_cost", "nhi_health_quality_cost",
               "health_coverage_share", "capital_population", "capital_nhi_covered", "cbhi_members",
               "cbhi_households", "cbhi_dual_members", "cbhi_contributions", "cbhi_government_match",
               "cbhi_treatment_cost", "cbhi_death_benefits", "cbhi_admin_costs", "cbhi_transfer_to_nhi",
               "cbhi_reserve", "government_health_cost", "government_health_cost_pct_gdp",
               "government_health_cost_pct_government_expenditure", "nhi_extension_cost"),
    "government_cost": ("subsidy_cost", "spf_cost", "contributions_pct_gdp", "benefits_pct_gdp",
                        "reserve_pct_gdp", "subsidy_cost_pct_gdp", "nhi_expenditure_pct_gdp",
                        "spf_cost_pct_gdp"),
    "economy": ("gdp", "government_expenditure", "real_gdp_growth", "inflation", "price_index",
                "earnings_index", "minimum_wage"),
}


def year_table(ds: xr.Dataset, names: tuple[str, ...]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Variables by year, other dims flattened into columns ``name: coord`` (scheme summed out
    of fund flows); returns (frame, units by column)."""
    columns, units = {}, {}
    for name in names:
        if name not in ds:
            continue
        da = ds[name]
        if "scheme" in da.dims and "fund" in da.dims:
            da = da.sum("scheme")
        unit = str(da.attrs.get("units", ""))
        others = [d for d in da.dims if d != "year"]
        if not others:
            columns[name], units[name] = da.to_numpy(), unit
            continue
        stacked = da.stack(_col=others).transpose("year", "_col")
        for i, key in enumerate(stacked["_col"].values):
            label = f"{name}: " + " ".join(str(k) for k in (key if isinstance(key, tuple) else (key,)))
            columns[label], units[label] = stacked.values[:, i], unit
    frame = pd.DataFrame(columns, index=pd.Index(ds["year"].to_numpy(), name="year"))
    return frame, units


def population_table(ds: xr.Dataset) -> tuple[pd.DataFrame, dict[str, str]]:
    """Population at 1 July by sex and five-year age group (last group 100+)."""
    pop = ds["population"]
    groups = [(a, min(a + 4, 100)) for a in range(0, 100, 5)] + [(100, 100)]
    columns = {}
    for sex in pop["sex"].values:
        for lo, hi in groups:
            label = f"{sex} {lo}-{hi}" if lo < 100 else f"{sex} 100+"
            columns[label] = pop.sel(sex=sex, age=slice(lo, hi)).sum("age").to_numpy()
    frame = pd.DataFrame(columns, index=pd.Index(ds["year"].to_numpy(), name="year"))
    return frame, {c: str(pop.attrs.get("units", "persons")) for c in frame.columns}


def _number_format(values: np.ndarray) -> str:
    finite = np.abs(values[np.isfinite(values)]) if values.dtype.kind == "f" else np.abs(values)
    return "#,##0" if finite.size and finite.max() >= 1000 else "0.000000"


def _widest(values: np.ndarray, fmt: str) -> int:
    """Characters of the widest value as ``fmt`` shows it (so that no cell reads "###")."""
    finite = values[np.isfinite(values)]
    if not finite.size:
        return 0
    shown = (f"{v:,.0f}" if fmt == "#,##0" else f"{v:.6f}" for v in (finite.max(), finite.min()))
    return max(len(text) for text in shown)


def _styled(ws, value, font=None, fill=None, number_format=None, wrap=False):
    """A cell of a write-only sheet with its style."""
    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    if wrap:
        cell.alignment = WRAP
    return cell


def _plain(value):
    """A cell's value: numpy scalars as Python numbers, what is not finite left empty."""
    if isinstance(value, float):
        return value if np.isfinite(value) else None
    return value.item() if hasattr(value, "item") else value


def _write_frame(ws, frame: pd.DataFrame, units: dict[str, str]) -> None:
    """Header row of names, row of units, then one row per index value."""
    formats = []
    for j, col in enumerate(frame.columns, start=2):
        values = frame[col].to_numpy(dtype=float)
        fmt = _number_format(values)
        formats.append(fmt)
        ws.column_dimensions[get_column_letter(j)].width = max(12, min(28, len(str(col)) + 2),
                                                               _widest(values, fmt) + 2)
    ws.freeze_panes = "B3"
    names = [frame.index.name or ""] + [str(c) for c in frame.columns]
    ws.append([_styled(ws, name, BOLD, HEADER_FILL) for name in names])
    ws.append([_styled(ws, unit, ITALIC, HEADER_FILL, wrap=True)
               for unit in ["unit"] + [units.get(str(c), "") for c in frame.columns]])
    columns = [frame[c].tolist() for c in frame.columns]
    # one styled cell per column, its value replaced row by row: a write-only sheet writes a
    # row out as it is appended, so the cell is free again for the next row
    cells = [_styled(ws, None, number_format=fmt) for fmt in formats]
    for i, idx in enumerate(frame.index.tolist()):
        for values, cell in zip(columns, cells):
            cell.value = _plain(values[i])
        ws.append([idx, *cells])


def _write_assumptions(ws, table: pd.DataFrame) -> None:
    widths = {"group": 24, "key": 38, "value": 30, "unit": 24, "status": 12, "source": 60, "description": 60}
    columns = list(table.columns)
    for j, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(col, 20)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(table) + 1}"
    ws.append([_styled(ws, name, BOLD, HEADER_FILL) for name in columns])
    status = columns.index("status")
    for row in table.itertuples(index=False):
        texts = [str(v) for v in row]
        if getattr(row, "status") == ASSUMPTION:
            ws.append([_styled(ws, text, BOLD if j == status else None, FLAG_FILL) for j, text in enumerate(texts)])
        else:
            ws.append(texts)


def _write_about(ws, ds: xr.Dataset, sheets: list[str], skipped: list[str]) -> None:
    rows = [("laosim results", ""), ("engine version", str(ds.attrs.get("engine_version", __version__)))]
    rows += [(str(k), str(v)) for k, v in ds.attrs.items() if k != "engine_version"]
    rows += [("sheets", ", ".join(sheets)),
             ("not in this run", ", ".join(skipped) or "(none)"),
             ("reading the sheets", "row 1: column names; row 2: units; then one row per year. "
              "Money is nominal LAK; persons at 1 July, members at 31 December.")]
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 28, 100
    ws.append([_styled(ws, rows[0][0], TITLE), rows[0][1]])
    for r in rows[1:]:
        ws.append(list(r))


def _summary_units(ds: xr.Dataset, summary: pd.DataFrame) -> dict[str, str]:
    """Units of the summary columns; a column without a declared unit takes that of the
    result variable it shows (the target columns: that of ``target_value``)."""
    units = summary_units(summary)
    for name, unit in units.items():
        if unit:
            continue
        if name in ds:
            units[name] = str(ds[name].attrs.get("units", ""))
        elif name.split("_", 1)[0] in ("target", "projected", "gap") and "target_value" in ds:
            units[name] = str(ds["target_value"].attrs.get("units", ""))
    return units


def write_workbook(path: Path, ds: xr.Dataset, assumptions: pd.DataFrame | None = None) -> None:
    """Write the workbook to ``path`` (the caller makes the write atomic). The sheets are
    streamed (openpyxl's write-only mode): each is written in one pass, so the tables are
    assembled first and the ``about`` sheet, which lists them, is written first."""
    summary = summary_table(ds)
    tables = [("summary", summary, _summary_units(ds, summary))]
    if "population" in ds:
        tables.append(("population", *population_table(ds)))
    skipped = []
    for sheet, names in TABLES.items():
        frame, units = year_table(ds, names)
        if frame.shape[1] == 0:
            skipped.append(sheet)
        else:
            tables.append((sheet, frame, units))
    valuation = "general_average_premium_horizon_all" in ds.attrs
    sheets = ["summary"] + (["assumptions"] if assumptions is not None else []) + [t[0] for t in tables[1:]]
    sheets += ["valuation"] if valuation else []
    wb = Workbook(write_only=True)
    _write_about(wb.create_sheet("about"), ds, sheets, skipped)
    _write_frame(wb.create_sheet("summary"), summary, tables[0][2])
    if assumptions is not None:
        _write_assumptions(wb.create_sheet("assumptions"), assumptions)
    for sheet, frame, units in tables[1:]:
        _write_frame(wb.create_sheet(sheet), frame, units)
    if valuation:
        _write_valuation(wb.create_sheet("valuation"), ds)
    wb.save(path)


def _write_valuation(ws, ds: xr.Dataset) -> None:
    """The valuation table: group, indicator, unit and value, numbers stored as numbers."""
    for letter, width in zip("ABCD", (40, 70, 26, 16)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.append([_styled(ws, name, BOLD, HEADER_FILL) for name in ("group", "indicator", "unit", "value")])
    for row in valuation_rows([("run", ds)]):
        value = row.values[0]
        if isinstance(value, float):
            value = _styled(ws, value, number_format="#,##0" if abs(value) >= 1000 else "0.00")
        ws.append([row.group, row.indicator, row.unit, value if value is not None else ""])
