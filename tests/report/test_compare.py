"""``laosim compare A.yaml B.yaml``: one command, one side-by-side report and compare.csv."""

import pandas as pd
import pytest

from engine.cli import main
from engine.compare import compare_years, default_out_dir, difference_table, unique_labels

from conftest import BASELINE  # noqa: E402


def test_compare_writes_report_and_csv_in_the_default_folder(compare_run, compare_dir):
    _, stdout, stderr = compare_run
    assert (compare_dir / "report.html").is_file() and (compare_dir / "compare.csv").is_file()
    assert "compare_baseline_high_migration" in stdout and "wrote" in stdout
    assert "[1/2] running 'baseline'" in stderr and "[2/2]" in stderr, "progress on stderr"
    assert not [p for p in compare_dir.iterdir() if p.name.endswith(".part")]


def test_compare_csv_holds_values_and_differences(compare_dir):
    table = pd.read_csv(compare_dir / "compare.csv")
    assert list(table.columns[:5]) == ["indicator", "units", "year", "baseline", "high_migration"]
    assert "high_migration - baseline" in table.columns
    assert sorted(table["year"].unique()) == [2025, 2030, 2040], "chosen years within the horizon"
    pop = table[table["indicator"] == "population"].set_index("year")
    # WPP2024 net migration is negative: doubling it leaves fewer people
    assert (pop["high_migration - baseline"] < 0).all()
    assert pop.loc[2040, "high_migration - baseline"] == pytest.approx(
        pop.loc[2040, "high_migration"] - pop.loc[2040, "baseline"])


def test_compare_report_puts_scenarios_side_by_side(compare_dir):
    text = (compare_dir / "report.html").read_text(encoding="utf-8")
    assert "Comparison of scenarios baseline, high_migration" in text
    assert "Differences at selected years" in text
    assert "demography.migration_multiplier" in text
    assert "<script" not in text


def test_compare_input_errors_exit_2_and_write_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nextends: nowhere.yaml\n")
    out = tmp_path / "out"
    assert main(["compare", str(BASELINE), str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["compare", str(BASELINE), "--out", str(out)]) == 2
    assert "two or more" in capsys.readouterr().err


def test_helpers():
    assert unique_labels(["a", "b", "a"]) == ["a", "b", "a_2"]
    assert str(default_out_dir(["a", "b"])).endswith("compare_a_b")


def test_difference_table_of_identical_runs_is_zero(baseline_results):
    runs = [("a", baseline_results), ("b", baseline_results)]
    assert compare_years(runs) == [2025, 2030, 2040]
    table = difference_table(runs)
    assert (table["b - a"].dropna() == 0).all()
    assert set(table["indicator"]) >= {"population", "labour_force"}
