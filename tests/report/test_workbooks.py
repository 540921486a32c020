"""The workbooks open clean: numbers stored as numbers, formatted by unit (percentages as
percentages, LAK and persons with thousands separators), columns wide enough that no cell
shows "###", and a print setup (landscape, header rows on every page)."""

from openpyxl import load_workbook

import engine

from engine.report.excel import _as_text


def _check_sheet(ws, header_rows: int) -> int:
    checked = 0
    for row in ws.iter_rows(min_row=header_rows + 1):
        for cell in row:
            value = cell.value
            if isinstance(value, str):
                text = value.replace(",", "").replace("%", "").strip()
                try:
                    float(text)
                except ValueError:
                    continue
                raise AssertionError(f"{ws.title}!{cell.coordinate}: a number stored as text: {value!r}")
            if isinstance(value, (int, float)) and not isinstance(value, bool) and cell.column > 1:
                width = ws.column_dimensions[cell.column_letter].width
                shown = _as_text(float(value), cell.number_format)
                assert width >= len(shown), f"{ws.title}!{cell.coordinate}: {shown} in a column {width} wide"
                checked += 1
    return checked


def test_run_workbook_formats_by_unit(run_dir):
    wb = load_workbook(run_dir[0] / "results.xlsx")
    summary = wb["summary"]
    header = [c.value for c in summary[1]]
    units = dict(zip(header, [c.value for c in summary[2]]))
    third = dict(zip(header, summary[4]))  # the first projected year (row 3 is the base year)
    assert units["gdp"] == "LAK" and third["gdp"].number_format == "#,##0"
    assert units["population"].startswith("persons") and third["population"].number_format == "#,##0"
    pct = third["contributions_pct_gdp"]
    assert units["contributions_pct_gdp"] == "percent of GDP" and pct.number_format.endswith("%")
    assert third["informal_share"].number_format.endswith("%") and 0 < third["informal_share"].value < 1
    for name in ("summary", "funds", "cost_by_programme", "fund_long_term", "insured_and_pensioners"):
        ws = wb[name]
        assert _check_sheet(ws, 2) > 0, name
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$2"
    about = {r[0].value: r[1].value for r in wb["about"].iter_rows()}
    assert isinstance(about["base_year"], int) and isinstance(about["general_average_premium"], float)
    assert about["engine version"] == engine.__version__


def test_compare_workbook_formats_each_row_by_its_unit(compare_dir):
    wb = load_workbook(compare_dir / "compare.xlsx")
    ws = wb["differences"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["indicator", "units", "year"]
    rows = {(r[0].value, r[2].value): r for r in ws.iter_rows(min_row=2)}
    gdp = rows[("gdp", 2030)]
    assert gdp[3].number_format == "#,##0"
    share = rows[("contributions_pct_gdp", 2030)]
    assert share[3].number_format.endswith("%")
    assert _check_sheet(ws, 1) > 0
