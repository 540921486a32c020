"""The validation folder runs in the test suite: every comparison of the baseline with an
independent figure must sit inside the band its expected-differences file states.

A failure names the comparison, the item, the year, both figures and the band. Further
tests show that the check can fail (shifted engine values leave their bands), that a year
the results lack is skipped with its reason while a year they hold is compared, and that
every figure has a source, a status and a band with a reason.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

ROOT = Path(__file__).resolve().parents[2]
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))     # the project's validation/, ahead of any same-named folder

from validation import common  # noqa: E402
from validation.run_all import COMPARISONS, run  # noqa: E402


@pytest.fixture(scope="module")
def results():
    return common.baseline_results()


@pytest.mark.parametrize("name", COMPARISONS)
def test_comparison_inside_its_bands(results, name):
    rows = run(name, results)
    outside = [r.message() for r in rows if r.failed]
    assert not outside, "\n".join(outside)
    compared = [r for r in rows if not r.skipped]
    assert compared, f"{name}: every item was skipped: {[r.verdict for r in rows]}"


def test_every_script_is_registered():
    notes = {"thai_benchmark"}          # writes its own note (validation/thai_benchmark.md), no bands
    scripts = {p.stem for p in (ROOT / "validation").glob("*.py")} - {"__init__", "common", "run_all"} - notes
    assert scripts == set(COMPARISONS)
    for name in COMPARISONS:
        assert (common.DATA / f"{name}.csv").is_file() and (common.EXPECTED / f"{name}.csv").is_file()
        assert f"## {name}" in (ROOT / "validation" / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMPARISONS)
def test_figures_and_bands_are_documented(name):
    for fig in common.figures(name).values():
        assert fig.source.strip() and fig.unit.strip(), fig
        assert fig.status in common.STATUSES, fig
    for band in common.bands(name).values():
        assert band.kind in common.KINDS, band
        assert band.low <= band.high, band
        assert len(band.reason) > 20, band


def _shifted(ds, name, factor):
    out = ds.copy(deep=True)
    out[name] = out[name] * factor
    return out


@pytest.mark.parametrize("comparison, variable, factor, item, year", [
    ("population", "population_year_end", 1.05, "population_end_total", 2024),
    ("population", "population", 0.9, "population_mid_total", 2050),
    ("gdp_budget", "gdp", 0.8, "gdp_plan", 2024),
    ("membership", "voluntary_members_history", 1.03, "voluntary_members", 2023),
    ("contributions", "contributions", 1.01, "contributions_voluntary_long_term", 2050),
    ("nhi", "health_coverage_history", 1.1, "health_insurance_coverage_all_schemes", 2021),
])
def test_a_shifted_engine_value_leaves_its_band(results, comparison, variable, factor, item, year):
    """The check can fail: scaling one engine variable moves an item outside its band,
    and the failure message names the comparison, item, year and the figures."""
    rows = run(comparison, _shifted(results, variable, factor))
    (row,) = [r for r in rows if r.item == item and r.year == year]
    assert row.failed, row
    message = row.message()
    assert message.startswith(f"{comparison}: {item} {year}: engine ")
    assert f"independent {row.independent:,.6g}" in message and "outside the band" in message
    with pytest.raises(AssertionError, match=item):
        outside = [r.message() for r in rows if r.failed]
        assert not outside, "\n".join(outside)


def _members(years, counts):
    """Synthetic results: active members by scheme in ``years`` (counts per scheme)."""
    schemes = ["civil_servant", "enterprise", "voluntary"]
    data = np.tile(np.asarray(counts, dtype=float), (len(years), 1))
    return xr.Dataset({"active_members": (("year", "scheme"), data)},
                      coords={"year": list(years), "scheme": schemes}, attrs={"base_year": 2023})


def _row(rows, item, year):
    (row,) = [r for r in rows if r.item == item and r.year == year]
    return row


def test_a_year_the_results_lack_is_skipped_with_its_reason():
    rows = run("membership", _members([2024, 2025], [174_503, 152_558, 26_901]))
    row = _row(rows, "active_members_total", 2023)
    assert row.skipped and not row.failed
    assert "active_members has no year 2023 (results cover 2024-2025)" in row.verdict
    history = _row(rows, "voluntary_members", 2018)
    assert history.skipped and "voluntary_members_history" in history.verdict


def test_a_year_the_results_hold_is_compared():
    """Once the results start at the base year, the end-2023 members are compared by
    value (year 2023), inside the band when they match LSSO, outside when they do not."""
    good = run("membership", _members([2023, 2024], [174_503, 152_558, 26_901]))
    assert _row(good, "active_members_total", 2023).verdict == "inside"
    assert _row(good, "civil_servant_share", 2023).verdict == "inside"
    bad = run("membership", _members([2023, 2024], [200_000, 152_558, 26_901]))
    assert _row(bad, "active_members_total", 2023).failed
    assert _row(bad, "civil_servant_share", 2023).failed


def test_a_nan_engine_value_is_skipped(results):
    ds = results.copy(deep=True)
    ds["births"] = ds["births"].where(ds["year"] != 2024)
    row = _row(run("population", ds), "births", 2024)
    assert row.skipped and "NaN" in row.verdict


def test_missing_band_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "expected").mkdir()
    (tmp_path / "data" / "x.csv").write_text("figure,year,value,unit,source,status\na,2024,1,persons,s,confirmed\n")
    (tmp_path / "expected" / "x.csv").write_text("item,year,kind,low,high,reason\n")
    monkeypatch.setattr(common, "DATA", tmp_path / "data")
    monkeypatch.setattr(common, "EXPECTED", tmp_path / "expected")
    with pytest.raises(ValueError, match="figures without a band"):
        common.compare("x", [common.Item("a", lambda ds, y: 1.0)], None)


def test_script_prints_its_table(results, capsys):
    with pytest.raises(SystemExit) as done:
        runpy.run_path(str(ROOT / "validation" / "population.py"), run_name="__main__")
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "engine" in out and "independent" in out and "difference" in out and "band" in out
    assert "population_end_total" in out
