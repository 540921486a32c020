"""Workbook columns are wide enough for their numbers (no "###" in a spreadsheet)."""

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

import engine
from engine.report.excel import write_workbook
from tests.policies.helpers import scenario


def test_every_number_fits_its_column(tmp_path):
    path = tmp_path / "results.xlsx"
    write_workbook(path, engine.run(scenario()))
    for ws in load_workbook(path):
        if ws.title in ("about", "assumptions", "valuation"):
            continue
        for j, column in enumerate(ws.iter_cols(min_row=3, values_only=True), start=1):
            numbers = [v for v in column if isinstance(v, (int, float))]
            if not numbers:
                continue
            letter = get_column_letter(j)
            fmt = ws[f"{letter}3"].number_format
            widest = max(len(f"{v:,.0f}") if fmt == "#,##0" else len(f"{v:.6f}") for v in numbers)
            assert ws.column_dimensions[letter].width >= widest, (ws.title, ws[f"{letter}1"].value)
