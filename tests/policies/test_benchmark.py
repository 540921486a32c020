"""The Thai plausibility benchmark: comparable terms, and the shipped statement up to date."""

import importlib.util

import pytest

from engine.policies.benchmark import benchmark, thai_response
from tests.policies.helpers import ROOT, run


def _script():
    spec = importlib.util.spec_from_file_location("thai_benchmark", ROOT / "validation" / "thai_benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_thailand_brought_in_five_percent_of_informal_workers():
    share, growth = thai_response()
    assert share == pytest.approx((1_200_000 - 65) / 24_000_000)
    assert growth == pytest.approx(1_200_000 / 65)


def test_the_engine_response_is_read_18_months_on():
    policy, base = run("subsidy_50"), run("baseline")

    def added(year):
        sel = dict(scheme="voluntary", year=year)
        return float(policy["active_members"].sel(sel) - base["active_members"].sel(sel))

    b = benchmark("subsidy_50", policy, base, 2026)
    assert b.additional_18_months == pytest.approx(0.5 * (added(2026) + added(2027)), rel=1e-12)
    assert b.response == pytest.approx(b.additional_18_months / float(policy["informal_employed"].sel(year=2027).sum()))
    assert b.ratio == pytest.approx(b.response / thai_response()[0])
    assert 0 < b.ratio < 1


def test_the_shipped_statement_is_up_to_date():
    """The years read (2025-2027) do not depend on the horizon, so a short run reproduces it."""
    module = _script()
    assert (ROOT / "validation" / "thai_benchmark.md").read_text() == module.render(module.rows(end_year=2034))
