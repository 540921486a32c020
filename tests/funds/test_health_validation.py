"""Bad values in the health sections are refused with exit status 2 and their reasons."""

import pytest

from engine.cli import main
from tests.funds.helpers import BASELINE
from tests.refusals import refusal

CASES = [
    (["nhi.cbhi_coverage=0.1"], ["nhi.cbhi_coverage", "unknown key"]),
    (["cbhi.lapse_rat=0.2"], ["cbhi.lapse_rat", "did you mean 'lapse_rate'"]),
    (["cbhi.lapse_rate=1.5"], ["cbhi.lapse_rate", "<= 1"]),
    (["cbhi.government_match=-0.5"], ["cbhi.government_match", ">= 0"]),
    (["cbhi.indexation=wages"], ["cbhi.indexation", "'cost'"]),
    (["nhi.payment_adequacy=3"], ["nhi.payment_adequacy", "<= 2"]),
    (["nhi.gap_closure=borrow"], ["nhi.gap_closure", "'budget'", "'cut'"]),
    (["nhi.group_coverage.monk=0.5"], ["nhi.group_coverage.monk", "did you mean 'monks'"]),
    (["nhi.group_coverage.poor=1.2"], ["nhi.group_coverage.poor", "<= 1"]),
    (["nhi.copayments.fees.health_centre=-5"], ["nhi.copayments.fees.health_centre", ">= 0"]),
    (["nhi.copayments.visits.hospital=1"], ["nhi.copayments.visits.hospital", "unknown key"]),
    (["nhi.exempt.monk_share=0.9"], ["nhi.exempt.monk_share", "<= 0.5"]),
    (["nhi.female_cost_ratio={200: 1}"], ["nhi.female_cost_ratio", "ages between 0 and 100"]),
    (["policies=[{type: nhi_extension, name: x, start_year: 2030, absorbed_share: 2}]"],
     ["policies.0.absorbed_share", "<= 1"]),
    (["policies=[{type: nhi_extension, name: x, start_year: 2030, absorbd_share: 1}]"],
     ["absorbd_share", "did you mean 'absorbed_share'"]),
    (["policies=[{type: nhi_extension, name: x, start_year: 2030}, {type: nhi_extension, name: y, start_year: 2031}]"],
     ["second nhi_extension"]),
]


@pytest.mark.parametrize("overrides, words", CASES, ids=[c[0][0][:40] for c in CASES])
def test_bad_health_value_is_refused(overrides, words, capsys):
    err = refusal(BASELINE, overrides, capsys)
    for word in words:
        assert word in err, f"{word!r} not in {err!r}"


def test_health_levers_are_settable(capsys):
    args = ["validate", str(BASELINE)]
    for item in ("cbhi.contribution=20000", "nhi.payment_adequacy={2024: 0.7, 2030: 0.9}",
                 "nhi.gap_closure=cut", "nhi.group_coverage.paying=0.8", "nhi.exempt.poverty_share=0.15",
                 "policies=[{type: health_quality, name: hq, start_year: 2030, nhi_spending_increase: 0.2}]"):
        args += ["--set", item]
    assert main(args) == 0
