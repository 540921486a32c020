"""One bad data file per failure mode: refused by `validate` and `run` with exit status 2,
naming the file, the row's line, the column, what was found and what was expected; nothing
written. Bad tables are put in a copy of the embedded data folder (``LAOSIM_DATA_DIR``)."""

import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.data.files import data_dir, read_csv_table, read_user_table
from engine.data.schemas import CELL_TABLE, INSURED_TABLE
from engine.errors import DataFileError

ROOT = Path(__file__).parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def drop_last_column(text: str) -> str:
    return "\n".join(line if line.startswith("#") else line.rsplit(",", 1)[0] for line in text.splitlines()) + "\n"


def truncate(text: str) -> str:
    return "\n".join(text.splitlines()[:-12]) + "\n"


# file, how it is spoilt, expected "file:line:" (None: the table as a whole), words
CATALOGUE = {
    "empty value": ("minimum_wage.csv", lambda t: replace(t, "2015-04-01,900000", "2015-04-01,"), 9,
                    ["column 'lak_per_month', row 2", "found a blank cell", "expected a value (LAK per month)"]),
    "NaN": ("mortality_mx_age5_sex_wpp2024.csv", lambda t: replace(t, "male,1-4,1,0.03490872", "male,1-4,1,NaN"), 9,
            ["column '1950-1955', row 2", "found 'NaN'", "deaths per person-year"]),
    "letter in a number column": ("probit_table14.csv", lambda t: replace(t, "female,0.196", "female,n/a"), 14,
                                  ["column 'all_a_coef', row 1", "found 'n/a'", "expected a number"]),
    "impossible date": ("membership_history.csv", lambda t: replace(t, "2018-12-31", "2018-02-30"), 10,
                        ["column 'date', row 2", "found '2018-02-30'", "a real date YYYY-MM-DD"]),
    "negative count": ("population_2023_age5_bothsexes_wpp2022.csv", lambda t: replace(t, "0-4,0,784.547", "0-4,0,-784.547"),
                       8, ["column 'both_sexes_k', row 1", "found -784.547", "a value >= 0 (thousand persons)"]),
    "truncated table": ("migration_net_age5_sex_wpp2024.csv", truncate, None,
                        ["column 'age_start'", "for sex 'female'", "a row for each of 0, 5, 10"]),
    "missing column": ("labour_force_participation.csv", drop_last_column, 8,
                       ["column 'rate'", "no such column", "the columns sex, age_group, age_start, rate"]),
    "dates out of order": ("minimum_wage.csv", lambda t: replace(t, "2015-04-01", "2011-04-01"), 9,
                           ["column 'effective_date', row 2", "2011-04-01 after 2012-01-01", "increasing order"]),
    "a year missing": ("fertility_asfr_age5_wpp2024.csv", lambda t: "\n".join(
        line for line in t.splitlines() if not line.startswith("2050,")) + "\n", None,
        ["column 'year'", "2051 after 2049", "consecutive years"]),
    "negative GDP (parameter file)": ("macro.yaml", lambda t: replace(t, "2019: 162.66", "2019: -162.66"), 5,
                                      ["gdp_nominal.value", "found -162.66", "a value >= 0 (trillion LAK"]),
    "infinite value (parameter file)": ("demography.yaml", lambda t: replace(t, "value: 1.053", "value: .inf"), None,
                                        ["sex_ratio_at_birth.value", "found inf", "a finite number"]),
}


@pytest.fixture
def spoilt(tmp_path, monkeypatch):
    """A copy of the embedded data with one file spoilt; LAOSIM_DATA_DIR names it."""
    def make(case: str) -> Path:
        name, spoil, _, _ = CATALOGUE[case]
        folder = tmp_path / "data"
        shutil.copytree(data_dir(), folder)
        (folder / name).write_text(spoil((folder / name).read_text(encoding="utf-8")), encoding="utf-8")
        monkeypatch.setenv("LAOSIM_DATA_DIR", str(folder))
        return folder / name
    return make


@pytest.mark.parametrize("command", ["validate", "run"])
@pytest.mark.parametrize("case", list(CATALOGUE))
def test_bad_data_file_is_refused_naming_file_row_and_column(spoilt, tmp_path, capsys, case, command):
    path = spoilt(case)
    out = tmp_path / "out"
    args = ["validate", str(BASELINE)] if command == "validate" else ["run", str(BASELINE), "--out", str(out)]
    status = main(args)
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err and "internal error" not in err
    line = CATALOGUE[case][2]
    assert (f"{path}:{line}:" if line else f"{path}:") in err, err
    for word in CATALOGUE[case][3]:
        assert word in err, f"{word!r} not in {err!r}"
    assert not out.exists(), "nothing may be written"


def test_a_table_is_checked_whenever_it_is_read(spoilt):
    path = spoilt("letter in a number column")
    with pytest.raises(DataFileError) as caught:
        read_csv_table(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.key, problem.found) == (str(path), 14, "column 'all_a_coef', row 1", "'n/a'")


def test_every_problem_of_a_column_is_counted_not_listed(tmp_path):
    path = tmp_path / "population_2023_age5_bothsexes_wpp2022.csv"
    text = (data_dir() / path.name).read_text()
    lines = [line if line.startswith("#") or line.startswith("age_group") else line.rsplit(",", 1)[0] + ",x"
             for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataFileError) as caught:
        read_csv_table(path)
    texts = [str(p) for p in caught.value.problems]
    assert len(texts) == 4 and "18 more bad values" in texts[-1]


USER_TABLES = {
    "insured": (INSURED_TABLE, "scheme,sex,age,service,persons\nenterprise,male,30,5,100\nvoluntary,female,abc,2,5\n",
                3, ["column 'age', row 2", "found 'abc'", "a whole number"]),
    "insured, unknown scheme": (INSURED_TABLE, "scheme,sex,age,service,persons\nfarmers,male,30,5,100\n",
                                2, ["column 'scheme', row 1", "'farmers'", "one of"]),
    "cell": (CELL_TABLE, "# cells\nmarried,yearly,after_work,provincial_capital,collective_group,bokeo,champasak,"
             "luang_prabang,income,weight_male,weight_female\n1,0,0,1,0,0,0,0,,0.5,0.5\n",
             3, ["column 'income', row 1", "a blank cell"]),
}


@pytest.mark.parametrize("case", list(USER_TABLES))
def test_user_tables_go_through_the_same_checks(tmp_path, case):
    schema, text, line, words = USER_TABLES[case]
    path = tmp_path / "table.csv"
    path.write_text(text)
    with pytest.raises(DataFileError) as caught:
        read_user_table(path, schema)
    message = str(caught.value)
    assert f"{path}:{line}:" in message, message
    for word in words:
        assert word in message, message


def test_the_insured_table_a_scenario_names_is_checked_before_running(tmp_path, capsys):
    table = tmp_path / "insured.csv"
    table.write_text("scheme,sex,age,service,persons\nenterprise,male,30,5,-100\n")
    out = tmp_path / "out"
    status = main(["run", str(BASELINE), "--set", f"funds.initial.insured_table={table}", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{table}:2: column 'persons', row 1: found -100" in err
    assert not out.exists()


def test_the_embedded_data_pass_their_schemas(capsys):
    from engine.data.files import data_dir

    assert main(["validate", str(BASELINE)]) == 0
    files = [p for p in data_dir().iterdir() if p.suffix in (".csv", ".yaml")]
    assert f"{len(files)} data files checked" in capsys.readouterr().out


def test_compare_checks_the_tables_its_scenarios_name_before_running(tmp_path, capsys):
    table = tmp_path / "insured.csv"
    table.write_text("scheme,sex,age,service,persons\nenterprise,male,300,5,100\n")
    out = tmp_path / "out"
    status = main(["compare", str(BASELINE), str(BASELINE), "--set", f"funds.initial.insured_table={table}",
                   "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and f"{table}:2: column 'age', row 1: found 300" in err and "running" not in err
    assert not out.exists()


def test_a_bad_cell_table_is_a_data_file_error(tmp_path):
    from engine.profile.user_cells import load_cell_table

    path = tmp_path / "cells.csv"
    path.write_text("married,yearly,after_work,provincial_capital,collective_group,bokeo,champasak,"
                    "luang_prabang,income,weight_male,weight_female\n1,0,0,1,0,0,0,0,n/a,0.5,0.5\n")
    with pytest.raises(DataFileError, match=r"cells\.csv:2: column 'income', row 1: found 'n/a'; expected a number"):
        load_cell_table(path)
