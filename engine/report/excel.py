"""``results.xlsx``: the summary, the assumptions and the main tables, one sheet each.

Every table sheet has two header rows: the column name (as in ``summary.csv``) and its
unit; data start on row 3, one row per year. Sheets whose variables a run lacks are left
out (the ``about`` sheet lists them).
"""

from __future__ import annotations

from dataclasses import dataclass
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
from engine.dims import FUNDS
from engine.report.actuarial import demographic_columns, fund_columns
from engine.report.fiscal import cost_columns
from engine.report.valuation import valuation_rows
from engine.report.year_table import year_frame
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


@dataclass(frozen=True)
class CellFormat:
    """How a column of one unit is stored and shown: values multiplied by ``factor`` (a
    percentage is stored as a fraction, so a spreadsheet shows it with its % format) and
    shown with the Excel ``code``."""

    code: str
    factor: float = 1.0


def cell_format(unit: str, values: np.ndarray) -> CellFormat:
    """The format of a column in ``unit``: thousands separators for LAK and persons,
    percentages as percentages, years as years, otherwise decimals by magnitude."""
    if unit.startswith(("LAK", "persons", "households")):
        return CellFormat("#,##0")
    if unit.startswith("percent") or unit.startswith("% "):
        return CellFormat("0.000%", 0.01)
    if unit.startswith("share"):
        return CellFormat("0.00%")
    if unit in ("calendar year", "year"):
        return CellFormat("0")
    finite = np.abs(values[np.isfinite(values)]) if values.dtype.kind == "f" else np.abs(values)
    top = finite.max() if finite.size else 0.0
    return CellFormat("#,##0" if top >= 1000 else "0.00" if top >= 10 else "0.0000")


def shown_width(values: np.ndarray, fmt: CellFormat) -> int:
    """Characters of the widest value as the format shows it (so that no cell reads "###")."""
    finite = values[np.isfinite(values)] * fmt.factor
    if not finite.size:
        return 0
    return max(len(_as_text(v, fmt.code)) for v in (finite.max(), finite.min()))


def _as_text(value: float, code: str) -> str:
    """``value`` as a spreadsheet shows it under ``code`` (the codes :func:`cell_format` uses)."""
    if code == "#,##0":
        return f"{value:,.0f}"
    if code == "0":
        return f"{value:.0f}"
    if code.endswith("%"):
        decimals = len(code.split(".")[1]) - 1 if "." in code else 0
        return f"{100 * value:.{decimals}f}%"
    decimals = len(code.split(".")[1]) if "." in code else 0
    return f"{value:.{decimals}f}"


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


def _print_setup(ws, title_rows: str) -> None:
    """Landscape, as wide as one page, the header rows repeated on every printed page."""
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_frame(ws, frame: pd.DataFrame, units: dict[str, str]) -> None:
    """A header row of names, a row of units (italic, unshaded), then one row per index
    value; each column formatted by its unit and as wide as its widest shown value."""
    formats = []
    for j, col in enumerate(frame.columns, start=2):
        values = frame[col].to_numpy(dtype=float)
        fmt = cell_format(units.get(str(col), ""), values)
        formats.append(fmt)
        ws.column_dimensions[get_column_letter(j)].width = max(
            12, min(28, len(str(col)) + 2), min(30, len(units.get(str(col), "")) + 2), shown_width(values, fmt) + 2)
    ws.column_dimensions["A"].width = 10
    ws.freeze_panes = "B3"
    _print_setup(ws, "1:2")
    names = [frame.index.name or ""] + [str(c) for c in frame.columns]
    ws.append([_styled(ws, name, BOLD, HEADER_FILL, wrap=True) for name in names])
    ws.append([_styled(ws, unit, ITALIC) for unit in ["unit"] + [units.get(str(c), "") for c in frame.columns]])
    columns = [(frame[c].to_numpy(dtype=float) * fmt.factor).tolist() for c, fmt in zip(frame.columns, formats)]
    # one styled cell per column, its value replaced row by row: a write-only sheet writes a
    # row out as it is appended, so the cell is free again for the next row
    cells = [_styled(ws, None, number_format=fmt.code) for fmt in formats]
    for i, idx in enumerate(frame.index.tolist()):
        for values, cell in zip(columns, cells):
            cell.value = _plain(values[i])
        ws.append([_plain(idx), *cells])


def _write_assumptions(ws, table: pd.DataFrame) -> None:
    widths = {"group": 24, "key": 38, "value": 30, "unit": 24, "status": 12, "source": 60, "description": 60}
    columns = list(table.columns)
    for j, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(col, 20)
    ws.freeze_panes = "A2"
    _print_setup(ws, "1:1")
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
    rows += [(str(k), _plain(v) if isinstance(v, (int, float, np.integer, np.floating)) else str(v))
             for k, v in ds.attrs.items() if k != "engine_version"]
    rows += [("sheets", ", ".join(sheets)),
             ("not in this run", ", ".join(skipped) or "(none)"),
             ("reading the sheets", "row 1: column names; row 2: units; then one row per year. "
              "Money is nominal LAK; percentages are stored as fractions and shown as %; "
              "persons at 1 July, members at 31 December.")]
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 28, 100
    ws.append([_styled(ws, rows[0][0], TITLE), rows[0][1]])
    for key, value in rows[1:]:
        ws.append([key, _styled(ws, value, number_format="0.000000") if isinstance(value, float) else value])


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
    derived = [("cost_by_programme", cost_columns(ds)), ("insured_and_pensioners", demographic_columns())]
    derived += [(f"fund_{fund}", fund_columns(fund)) for fund in reversed(FUNDS)]
    for sheet, columns in derived:
        frame, units = year_frame(ds, columns)
        if frame.shape[1] and np.isfinite(frame.to_numpy()).any():
            tables.append((sheet, frame, units))
        else:
            skipped.append(sheet)
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
    _print_setup(ws, "1:1")
    ws.append([_styled(ws, name, BOLD, HEADER_FILL) for name in ("group", "indicator", "unit", "value")])
    for row in valuation_rows([("run", ds)]):
        value = row.values[0]
        if isinstance(value, float):
            value = _styled(ws, value, number_format="#,##0" if abs(value) >= 1000 else "0.00")
        ws.append([row.group, row.indicator, row.unit, value if value is not None else ""])


def write_compare_workbook(path: Path, table: pd.DataFrame) -> None:
    """``compare.xlsx``: the differences table of a comparison (``compare.csv``), each row's
    numbers formatted by its unit, landscape, header repeated on every printed page."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("differences")
    value_columns = [c for c in table.columns if c not in ("indicator", "units", "year")]
    widths = {"indicator": max(12, min(60, int(table["indicator"].str.len().max()) + 2)),
              "units": max(8, min(36, int(table["units"].str.len().max()) + 2)), "year": 8}
    formats = [cell_format(str(unit), rows[value_columns].to_numpy(dtype=float).ravel())
               for unit, rows in ((u, table[table["units"] == u]) for u in table["units"])]
    for j, col in enumerate(table.columns, start=1):
        if col in widths:
            width = widths[col]
        else:
            values = table[col].to_numpy(dtype=float)
            width = max(14, len(col) + 2, max((shown_width(values[i:i + 1], f) for i, f in enumerate(formats)),
                                              default=0) + 2)
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = "D2"
    _print_setup(ws, "1:1")
    ws.append([_styled(ws, str(c), BOLD, HEADER_FILL, wrap=True) for c in table.columns])
    for (_, row), fmt in zip(table.iterrows(), formats):
        percent = [c for c in value_columns if c.endswith("(%)")]
        cells = [row["indicator"], row["units"], int(row["year"])]
        for col in value_columns:
            value = float(row[col])
            if col in percent:  # a change in percent of the first scenario's value
                cells.append(_styled(ws, _plain(value / 100), number_format="0.0%"))
            else:
                cells.append(_styled(ws, _plain(value * fmt.factor), number_format=fmt.code))
        ws.append(cells)
    wb.save(path)
