"""The valuation table in the report and the workbook."""

import pytest
from openpyxl import load_workbook

from engine.report.excel import write_workbook
from engine.report.html import render_report
from engine.report.valuation import shown, valuation_rows


def test_valuation_rows_read_the_attributes(baseline_run):
    rows = {(r.group, r.indicator): r.values[0] for r in valuation_rows([("baseline", baseline_run)])}
    gap = rows[("General average premium", "long-term, 75 years")]
    assert gap == 100 * baseline_run.attrs["general_average_premium_75y_long_term"]
    assert rows[("Deficit and depletion", "long-term: depletion year (reserve spent)")] == \
        baseline_run.attrs["reserve_depletion_year_long_term"]
    gap_real = rows[("Economic assumptions", "real return less real wage growth")]
    assert gap_real == rows[("Economic assumptions", "real return on reserves (2030-2100, a year)")] - \
        rows[("Economic assumptions", "real wage growth (2030-2100, a year)")]


def test_report_and_workbook_show_the_valuation(baseline_run, tmp_path):
    html = render_report([("baseline", baseline_run)])
    section = html[html.index('<section id="valuation">'):]
    section = section[:section.index("</section>")]
    value = shown(100 * baseline_run.attrs["general_average_premium_horizon_long_term"])
    assert "General average premium" in section and value in section
    assert section.index(">Economic assumptions</th>") < section.index(">General average premium</th>")
    path = tmp_path / "results.xlsx"
    write_workbook(path, baseline_run)
    ws = load_workbook(path)["valuation"]
    values = {(r[0], r[1]): r[3] for r in ws.iter_rows(min_row=2, values_only=True)}
    # the workbook's XML keeps about 15 significant digits of a number
    assert values[("Accrued-to-date liability at the base year", "all schemes")] == \
        pytest.approx(baseline_run.attrs["accrued_liability_all_pct_gdp"], rel=1e-14)


def test_headline_premium_reads_in_percent_beside_the_contributions(baseline_run):
    from engine.report.headline import headlines

    card = next(h for h in headlines([("baseline", baseline_run)]) if h.label == "General average premium")
    attrs = baseline_run.attrs
    gap = 100 * attrs["general_average_premium"]
    collected = gap + 100 * attrs["actuarial_balance_horizon_all"]
    assert (card.values[0], card.unit, card.when[0]) == (f"{gap:.2f}", "% of insurable earnings", "2024-2100")
    assert card.context[0] == f"contributions collect {collected:.2f} %"
