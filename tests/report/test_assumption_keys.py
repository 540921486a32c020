"""Policy blocks are listed by name in the assumptions, so that a comparison pairs a block
with the block of the same name, not with whatever stands at the same position."""

from pathlib import Path

import engine
from engine.assumptions import scenario_assumptions
from engine.report.html import assumption_rows

SCENARIOS = Path(__file__).parents[2] / "scenarios"


def test_blocks_are_keyed_by_name_and_compared_by_name():
    a = engine.load_scenario(SCENARIOS / "subsidy_50.yaml")
    b = engine.load_scenario(SCENARIOS / "reduced_annual_package.yaml")
    names = [p.name for p in a.policies], [p.name for p in b.policies]
    tables = [scenario_assumptions(a), scenario_assumptions(b)]
    for table, block_names in zip(tables, names):
        assert {f"policies[{n}].type" for n in block_names} <= set(table["key"])
    rows, _ = assumption_rows(tables, ["subsidy_50", "reduced_annual_package"])
    by_key = {r["key"]: r["values"] for r in rows}
    first = f"policies[{names[0][0]}].type"
    assert by_key[first] == ["contribution_subsidy", "(not used)"]
