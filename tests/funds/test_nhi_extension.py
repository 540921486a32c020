"""The shipped scenario nhi_extension_vientiane: NHI reaches Vientiane Capital, CBHI ends."""

import numpy as np
import pytest

from engine.cli import main
from engine.scenario.load import load_scenario
from tests.funds.helpers import ROOT, run_projected

PATH = ROOT / "scenarios" / "nhi_extension_vientiane.yaml"


@pytest.fixture(scope="module")
def extension_run():
    return run_projected(load_scenario(PATH))


def test_scenario_validates_and_documents_itself():
    assert main(["validate", str(PATH)]) == 0
    s = load_scenario(PATH)
    (block,) = [b for b in s.policies if b.type == "nhi_extension"]
    assert block.absorbed_share == 1.0
    assert "Sources:" in PATH.read_text()


def test_after_the_extension_no_one_is_in_cbhi(extension_run, baseline_run):
    s = load_scenario(PATH)
    (block,) = s.policies
    done = block.start_year + block.phase_in_years - 1
    e, b = extension_run, baseline_run
    assert float(e["cbhi_members"].sel(year=slice(done, None)).max()) == 0.0
    assert float(e["cbhi_reserve"].sel(year=slice(done, None)).max()) == 0.0
    before = slice(None, block.start_year - 1)
    np.testing.assert_allclose(e["cbhi_members"].sel(year=before), b["cbhi_members"].sel(year=before))
    assert float(b["cbhi_members"].sel(year=done)) > 10000          # the baseline keeps CBHI
    # the CBHI reserve went to NHI with the members
    moved = float(e["cbhi_transfer_to_nhi"].sel(year=slice(block.start_year, done)).sum())
    assert moved != 0
    np.testing.assert_allclose(e["nhi_income"].sel(source="cbhi_transfer"), e["cbhi_transfer_to_nhi"])


def test_the_capital_is_covered_and_the_cost_is_the_difference(extension_run, baseline_run):
    e, b = extension_run, baseline_run
    start = load_scenario(PATH).policies[0].start_year
    after = slice(start, None)
    assert (e["capital_nhi_covered"].sel(year=after) > b["capital_nhi_covered"].sel(year=after)).all()
    assert (e["nhi_covered_persons"].sel(year=after) > b["nhi_covered_persons"].sel(year=after)).all()
    assert (e["capital_nhi_covered"] <= e["capital_population"] * (1 + 1e-12)).all()
    added = e["government_health_cost"] - b["government_health_cost"]
    np.testing.assert_allclose(added, e["nhi_extension_cost"], rtol=1e-9, atol=1e-3)
    assert float(e["nhi_extension_cost"].sel(year=slice(None, start - 1)).max()) == 0.0
    assert (e["nhi_extension_cost"].sel(year=after) > 0).all()
    # the NSSF side is untouched
    np.testing.assert_allclose(e["reserve"], b["reserve"])
