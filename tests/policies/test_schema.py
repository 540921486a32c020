"""The policies section: documented parameters, validation and its messages."""

import pytest

from engine.errors import InputError
from engine.scenario.load import scenario_from_dict
from engine.scenario.schema_policies import BLOCK_TYPES
from tests.schema_walk import assert_documented, leaves


@pytest.mark.parametrize("kind", sorted(BLOCK_TYPES))
def test_every_policy_parameter_documents_unit_status_and_description(kind):
    found = list(leaves(BLOCK_TYPES[kind]))
    assert len(found) >= 5
    for dotted, field in found:
        assert_documented(f"{kind}.{dotted}", field)


def _problems(policies, **extra):
    with pytest.raises(InputError) as info:
        scenario_from_dict({"name": "x", "policies": policies, **extra})
    return " | ".join(str(p) for p in info.value.problems)


SUBSIDY = {"type": "contribution_subsidy", "name": "s", "start_year": 2026, "share": 0.5}


@pytest.mark.parametrize("policies, words", [
    ([{**SUBSIDY, "type": "contribution_subsidyy"}], ["policies.0", "type: is one of", "contribution_subsidy"]),
    ([{k: v for k, v in SUBSIDY.items() if k != "type"}], ["policies.0", "type: is one of"]),
    ([{**SUBSIDY, "sharee": 0.5}], ["policies.0", "'sharee'", "did you mean 'share'"]),
    ([{**SUBSIDY, "eligible": {"sexx": "male"}}], ["policies.0.eligible", "did you mean 'sex'"]),
    ([{**SUBSIDY, "share": 1.5}], ["policies.0.share", "<= 1"]),
    ([{**SUBSIDY, "start_year": 2020}], ["policies.0.start_year", "2020", "2024..2100"]),
    ([SUBSIDY, SUBSIDY], ["two policy blocks are named 's'"]),
    ([{**SUBSIDY, "eligible": {"income": "bands"}}], ["income_bands"]),
    ([{**SUBSIDY, "eligible": {"income": "bands", "income_bands": ["lt_1m"]}}], ["lt_1_1m", "lt_1m"]),
    ([{**SUBSIDY, "eligible": {"age": [60, 20]}}], ["age [60, 20]"]),
    ([{**SUBSIDY, "taper": {"full_below": 2, "zero_above": 1}}], ["zero_above"]),
    ([{"type": "reduced_package", "name": "p", "start_year": 2026, "rate": 0.05, "branches": []}],
     ["branches"]),
    ([{"type": "contribution_rules", "name": "r", "start_year": 2026}], ["a floor or a ceiling"]),
    ([{"type": "benefit_change", "name": "b", "start_year": 2026}], ["at least one of"]),
    ([{"type": "spf_programme", "name": "p", "start_year": 2026, "target": {"age": [65, 100]},
       "benefit": {"basis": "euros", "amount": 1}}], ["policies.0.benefit.basis", "poverty_line"]),
    ([{"type": "enrolment_target", "name": "t", "start_year": 2026, "target": "nothing"}],
     ["policies.0.target", "found 'nothing', which labels no target"]),
])
def test_invalid_policy_blocks_are_reported_at_their_key(policies, words):
    text = _problems(policies)
    for word in words:
        assert word in text, (word, text)


def test_a_valid_policy_list_validates_and_keeps_its_order():
    s = scenario_from_dict({"name": "x", "policies": [
        SUBSIDY, {"type": "spf_programme", "name": "p", "start_year": 2030, "phase_in_years": 4,
                  "target": {"age": [65, 100]}, "benefit": {"basis": "lak_per_month", "amount": 500000}}]})
    assert [b.type for b in s.policies] == ["contribution_subsidy", "spf_programme"]
    block = s.policies[1]
    assert [block.phase(y) for y in (2029, 2030, 2031, 2033, 2040)] == [0.0, 0.25, 0.5, 1.0, 1.0]
    assert s.policies[0].phase(2025) == 0.0 and s.policies[0].phase(2026) == 1.0


def test_policy_files_validate_with_laosim(tmp_path):
    from engine.cli import main

    path = tmp_path / "p.yaml"
    path.write_text("name: p\npolicies:\n  - type: outreach\n    name: o\n    start_year: 2026\n"
                    "    added_reach: 0.01\n    eligible: {location: outside_provincial_capital}\n")
    assert main(["validate", str(path)]) == 0


def test_policy_data_file_documents_every_entry_and_cites_publishers():
    from engine.data.schemas import STATUSES
    from engine.data.files import read_parameters

    entries = read_parameters("policies")
    assert {"poverty_line", "poverty_headcount", "outreach_cost_per_registration",
            "seasonal_lapse_multiplier", "spf_admin_share"} <= set(entries)
    for key, entry in entries.items():
        for field in ("unit", "source", "status", "year"):
            assert entry.get(field) not in (None, ""), f"policies.{key}: missing {field}"
        assert entry["status"] in STATUSES
        if entry["status"] in ("derived", "assumption"):
            assert entry.get("method") or entry.get("note"), f"policies.{key}: explain it"
    text = " ".join(e["source"] for e in entries.values())
    for publisher in ("ILO/WIEGO (2024)", "Oxfam (2021)", "Lao Statistics Bureau"):
        assert publisher in text
    assert "shared" not in text and "reference/" not in text
    assert entries["poverty_line"]["status"] == "assumption"
