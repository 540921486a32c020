"""Every figure, headline item and sheet appears once its variables are in the Dataset, and
a run without them says what is not available."""

import base64
import html
import io
import re

import numpy as np
from openpyxl import load_workbook
from PIL import Image

from engine.report.excel import write_workbook
from engine.report.figures import FIGURES as ALL_FIGURES, render_figures
from engine.report.headline import NOT_AVAILABLE, headlines
from engine.report.html import render_report

FIGURES = [f for f in ALL_FIGURES if not f.several_runs]  # those of a single run

EARLY = ["population", "population_year_end", "births", "labour_force", "employed", "civil_servants",
         "enterprise_employees", "informal_employed", "price_index", "gdp", "real_gdp_growth", "inflation",
         "government_expenditure", "earnings_index", "minimum_wage"]


def _not_blank(png: bytes) -> None:
    image = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    assert image.shape[0] > 200 and image.shape[1] > 400
    assert (image < 200).mean() > 0.01, "some ink on the figure"


def _images(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)]


def test_population_and_labour_only_run_says_what_is_missing(baseline_results):
    early = baseline_results[[n for n in EARLY if n in baseline_results]]
    early.attrs = {k: v for k, v in baseline_results.attrs.items() if k in ("scenario", "description")}
    figures, missing = render_figures([("early", early)])
    keys = {f.key for f in figures}
    assert keys == {"pyramid", "labour", "interest"}
    assert {f.key for f, _ in missing} == {f.key for f in FIGURES} - keys
    for f in figures:
        _not_blank(base64.b64decode(f.png_base64))
        assert f.source.startswith("Source: laosim")
    items = {h.label: h for h in headlines([("early", early)])}
    assert not items["Long-term sub-fund runs out"].available and items["Population"].available


def test_all_figures_headlines_and_sheets_with_every_result(baseline_results, tmp_path):
    """A real run carries every variable the report reads: every figure, headline item
    and sheet appears, with the run's own values."""
    full = baseline_results
    page = render_report([("full", full)])
    images = _images(page)
    assert len(images) == len(FIGURES) and "Not available in this run" not in page
    for png in images:
        _not_blank(png)
    for spec in FIGURES:  # one title: drawn in the image (named by its alt text), not repeated as a heading
        assert page.count(f'alt="{html.escape(spec.title)}"') == 1
        assert f">{html.escape(spec.title, quote=False)}</h" not in page
    cards = {h.label: h for h in headlines([("full", full)])}
    assert all(h.values[0] != NOT_AVAILABLE for h in cards.values()), cards
    depletion = full.attrs["reserve_depletion_year_long_term"]
    assert cards["Long-term sub-fund runs out"].values[0] == str(depletion)
    members = full["active_members"].sel(scheme="voluntary", year=2030).sum()
    informal = full["informal_employed"].sel(year=2030).sum()
    coverage = cards["Coverage of informal workers"]
    assert (coverage.values[0], coverage.when[0]) == (f"{100 * float(members / informal):.2f}", "2030")
    premium = cards["General average premium"]
    assert premium.values[0] == f"{100 * full.attrs['general_average_premium']:.2f}"
    assert premium.unit == "% of insurable earnings"
    write_workbook(tmp_path / "r.xlsx", full)
    wb = load_workbook(tmp_path / "r.xlsx", read_only=True)
    assert {"membership", "funds", "nhi", "government_cost"} <= set(wb.sheetnames)
    header = next(wb["funds"].iter_rows(values_only=True))
    assert "contributions: health" in header and "reserve: long_term" in header


def test_comparison_overlays_every_figure(compare_dir, baseline_results):
    page = (compare_dir / "report.html").read_text(encoding="utf-8")
    available = [f for f in ALL_FIGURES if f.available(baseline_results)]
    assert len(_images(page)) == len(available), "every figure, and the difference chart"
    figures, _ = render_figures([("baseline", baseline_results), ("high_migration", baseline_results)])
    assert len(figures) == len(available)
    for f in figures:  # each figure's source line (drawn in the image) names both scenarios
        assert "scenarios 'baseline', 'high_migration'" in f.source, f.key


def test_each_headline_card_shows_one_number(baseline_results):
    """One number per card: the value is a single number (or a year, or "none"), its unit
    and year stand apart, and the context holds the rest."""
    one_number = re.compile(r"^(−|-|\+)?[\d,]+(\.\d+)?$|^none$")
    for card in headlines([("baseline", baseline_results)]):
        assert one_number.match(card.values[0]), (card.label, card.values[0])
        assert card.when is not None and card.context is not None
