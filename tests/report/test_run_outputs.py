"""``laosim run`` writes report.html and results.xlsx beside results.nc and summary.csv."""

import re

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from engine.report.figures import FIGURES as ALL_FIGURES

FIGURES = [f for f in ALL_FIGURES if not f.several_runs]  # those of a single run


def test_run_writes_all_four_files_and_says_where(run_dir):
    out, stdout, stderr = run_dir
    for name in ("results.nc", "summary.csv", "results.xlsx", "report.html"):
        assert (out / name).is_file(), name
        assert str(out / name) in stdout, f"the command line names {name}"
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    assert "running 'baseline'" in stderr and "writing" in stderr


def test_report_is_self_contained_and_lists_what_is_missing(run_dir, baseline_results):
    out, _, _ = run_dir
    text = (out / "report.html").read_text(encoding="utf-8")
    assert len(text.encode()) < 3_000_000, "a few MB at most"
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text), "no network resources"
    assert "<script" not in text
    available = [f for f in FIGURES if f.available(baseline_results)]
    assert text.count('src="data:image/png;base64,') == len(available)
    for spec in FIGURES:
        assert (spec.title in text) or not spec.available(baseline_results)
    if len(available) < len(FIGURES):
        assert "Not available in this run" in text
    assert "ASSUMPTION" in text and "macro.inflation" in text
    assert "Headline" in text and "Calibration" in text


def test_workbook_summary_equals_summary_csv(run_dir):
    out, _, _ = run_dir
    csv = pd.read_csv(out / "summary.csv")
    wb = load_workbook(out / "results.xlsx", read_only=True)
    assert {"about", "summary", "assumptions", "population", "economy"} <= set(wb.sheetnames)
    rows = list(wb["summary"].iter_rows(values_only=True))
    assert list(rows[0]) == list(csv.columns), "row 1: the CSV's column names"
    units = dict(zip(rows[0], rows[1]))
    assert units["year"] == "unit" and units["population"] == "persons at 1 July", "row 2: units"
    assert sum(bool(u) for u in units.values()) >= 0.9 * len(units)
    data = np.array(rows[2:], dtype=float)
    assert data.shape == csv.shape
    # percentages are stored as fractions (the spreadsheet shows them with a % format)
    percent = np.array([str(units[c]).startswith("percent") for c in csv.columns])
    np.testing.assert_allclose(data, csv.to_numpy(dtype=float) * np.where(percent, 0.01, 1.0), rtol=1e-9)
    assumptions = list(wb["assumptions"].iter_rows(values_only=True))
    assert assumptions[0][:4] == ("group", "key", "value", "unit")
    assert len(assumptions) > 20


def test_report_links_to_the_files_beside_it(run_dir, compare_dir):
    """Every data file of the run (and of a comparison) is linked from the page, and every
    link names a file that is there."""
    import re

    for folder, names in ((run_dir[0], {"results.nc", "summary.csv", "results.xlsx"}), (compare_dir, {"compare.csv"})):
        page = (folder / "report.html").read_text(encoding="utf-8")
        links = set(re.findall(r'<a href="([^"#:]+)"', page))
        assert names <= links, (names - links)
        assert all((folder / link).is_file() for link in links), links
