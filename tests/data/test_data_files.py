"""Every embedded default data file of the demographic and economic inputs documents itself."""

import pytest

from engine.data.files import data_dir, read_csv_table, read_parameters
from engine.data.schemas import STATUSES

CSV_FILES = [
    "population_2023_age5_bothsexes_wpp2022",
    "population_2020_age5_sex_wpp2019",
    "mortality_mx_age5_sex_wpp2024",
    "fertility_asfr_age5_wpp2024",
    "migration_net_age5_sex_wpp2024",
    "wpp2024_annual_indicators",
    "minimum_wage",
    "labour_force_participation",
]
YAML_FILES = ["demography", "macro", "labour_market"]


@pytest.mark.parametrize("name", CSV_FILES)
def test_csv_header_complete(name):
    table = read_csv_table(data_dir() / f"{name}.csv")
    for key in ("title", "unit", "year", "source", "status"):
        assert table.meta.get(key), f"{name}: missing {key}"
    assert table.status in STATUSES
    if table.status in ("derived", "assumption"):
        assert table.meta.get("method"), f"{name}: derived/assumed data need a method line"
    assert len(table.frame) > 0
    assert not table.frame.select_dtypes("number").isna().all().any()


@pytest.mark.parametrize("name", YAML_FILES)
def test_yaml_entries_complete(name):
    entries = read_parameters(name)
    assert entries
    for key, entry in entries.items():
        for field in ("unit", "source", "status", "year"):
            assert entry.get(field) not in (None, ""), f"{name}.{key}: missing {field}"
        assert entry["status"] in STATUSES
        if entry["status"] == "derived":
            assert entry.get("method"), f"{name}.{key}: derived value needs a method"
        if entry["status"] == "assumption":
            assert entry.get("method") or entry.get("note"), f"{name}.{key}: explain the assumption"


def test_data_files_cite_original_publishers():
    text = " ".join(read_csv_table(data_dir() / f"{n}.csv").source for n in CSV_FILES)
    for publisher in ("World Population Prospects 2024", "World Population Prospects 2022",
                      "World Population Prospects 2019", "ILO/WIEGO (2024)", "Oxfam in Laos (2021)",
                      "notice 3534"):
        assert publisher in text
    assert "shared" not in text and "reference/" not in text


def test_minimum_wage_rows_have_status_and_source():
    frame = read_csv_table(data_dir() / "minimum_wage.csv").frame
    assert set(frame["status"]) <= set(STATUSES)
    assert frame["source"].str.len().min() > 10
