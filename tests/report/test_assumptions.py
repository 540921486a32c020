"""The assumptions table lists every scenario leaf and every embedded data entry."""

from engine.assumptions import ASSUMPTION, assumptions_table, count_flagged, scenario_assumptions
from engine.scenario.params import YearPath


def _leaf_count(model) -> int:
    from pydantic import BaseModel

    n = 0
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            n += _leaf_count(value)
        elif isinstance(value, (list, tuple)) and value and all(isinstance(v, BaseModel) for v in value):
            n += sum(_leaf_count(v) for v in value)
        elif isinstance(value, dict) and value and all(isinstance(v, BaseModel) for v in value.values()):
            n += sum(_leaf_count(v) for v in value.values())
        elif field.json_schema_extra or not (isinstance(value, (list, tuple, dict)) and not value):
            n += 1
    return n


def test_every_scenario_leaf_is_listed_with_unit_status_and_source(baseline_scenario):
    table = scenario_assumptions(baseline_scenario)
    assert len(table) == _leaf_count(baseline_scenario)
    assert table["key"].is_unique
    row = table.set_index("key").loc["demography.sex_ratio_at_birth"]
    assert row["value"] == "1.053" and row["status"] == "confirmed" and "World Population" in row["source"]
    units = table.set_index("key")["unit"]
    assert units["macro.inflation"] == "per year" and units["horizon.end_year"] == "calendar year"
    assert table.set_index("key").loc["horizon.end_year", "value"] == "2040"


def test_embedded_data_and_flagged_assumptions(baseline_scenario):
    table = assumptions_table(baseline_scenario)
    keys = set(table["key"])
    assert "macro.inflation" in keys                     # scenario parameter
    assert "labour_market.voluntary_members" in keys      # YAML data entry
    assert "labour_force_participation" in keys           # CSV table
    assert "informal_profile_assumptions.married_width" in keys  # parameter rows of a CSV
    assert count_flagged(table) == int((table["status"] == ASSUMPTION).sum()) > 0
    assert table["status"].isin(["confirmed", "reported", "derived", "assumption", "unreadable"]).all()


def test_year_paths_render_readably():
    from engine.assumptions import format_value

    assert format_value(YearPath.constant(0.05)) == "0.05"
    assert format_value(YearPath(((2025, 0.1), (2030, 0.2)))) == "2025: 0.1, 2030: 0.2"
    assert format_value(None) == "(none)"


def test_key_assumptions_lead_and_the_full_table_folds(baseline_scenario, baseline_results):
    """Every key assumption is a parameter of the scenario (a renamed key fails here), they
    come first on the page, and the full table sits in a collapsible block, untruncated."""
    from engine.report.html import assumption_rows, render_report
    from engine.report.key_assumptions import KEY_ASSUMPTIONS, key_assumption_rows

    rows, _ = assumption_rows([assumptions_table(baseline_scenario)], ["baseline"])
    keys = key_assumption_rows(rows)
    assert [r["key"] for r in keys] == [k for k, _ in KEY_ASSUMPTIONS]
    path = next(r for r in keys if r["key"] == "macro.real_gdp_growth")
    page = render_report([("baseline", baseline_results)], [baseline_scenario])
    assert page.index('id="key-assumptions"') < page.index('<details id="all-assumptions">')
    assert path["values"][0] in page and " ..." not in path["values"][0]
    assert f"All {len(rows)} parameters the run used" in page
