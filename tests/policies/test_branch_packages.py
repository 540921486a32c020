"""Reduced packages naming single benefit branches, and old age paid as a lump sum."""

import numpy as np
import pytest

import engine
from engine.funds.lump_sums import accumulate_lump_sums
from tests.policies.helpers import run_projected, with_policies
from tests.policies.test_schema import _problems

PACKAGE = {"type": "reduced_package", "name": "p", "start_year": 2026, "rate": 0.05, "payment": "monthly"}
SHORT_TERM = ["death_grant", "sickness", "maternity", "employment_injury", "unemployment"]
COMPARED = ("active_members", "package_members", "contributions", "benefits", "benefit_expenditure",
            "insured_persons", "reserve")


@pytest.mark.parametrize("sub_funds, branches", [
    (["health", "short_term"], ["health", *SHORT_TERM]),
    (["long_term"], ["old_age", "disability", "survivors"]),
])
def test_naming_every_branch_of_a_sub_fund_is_the_sub_fund_form(sub_funds, branches):
    by_fund = run_projected(with_policies([{**PACKAGE, "branches": sub_funds}]))
    by_branch = run_projected(with_policies([{**PACKAGE, "branches": branches}]))
    for name in COMPARED:
        np.testing.assert_allclose(by_branch[name], by_fund[name], rtol=1e-9, atol=1e-3, err_msg=name)


def _service_members(ds):
    """Voluntary members accruing pension service: insured persons less the inactive ones."""
    return (ds["insured_persons"] - ds["inactive_insured"]).sel(scheme="voluntary").to_numpy()


@pytest.mark.parametrize("package", [
    {"branches": ["death_grant", "sickness"]},
    {"branches": ["sickness", "old_age"], "old_age": "lump_sum"},
])
def test_a_package_without_old_age_as_a_pension_accrues_no_service(package):
    ds = run_projected(with_policies([{**PACKAGE, **package,
                                       "eligible": {"income": "bands", "income_bands": ["lt_1_1m"]}}]))
    regular = (ds["active_members"].sel(scheme="voluntary") - ds["package_members"]).to_numpy()
    assert ds["package_members"].sel(year=2030).item() > 1000
    np.testing.assert_allclose(_service_members(ds), regular, rtol=1e-9)


def test_branch_contributions_sum_to_the_package_contribution():
    """Everyone on a 150,000 LAK package (unindexed) from 2026: the voluntary contributions
    of the sub-funds add up to 150,000 a month per package member (plus the members left off
    the package, none here); the long-term sub-fund receives the old-age share of its key,
    the short-term one the named branches' share (below 1) of its key."""
    block = {**PACKAGE, "rate": None, "amount_lak": 150000, "indexation": "none",
             "branches": ["death_grant", "sickness", "old_age"], "old_age": "lump_sum"}
    block.pop("rate")
    s = with_policies([block])
    ds = run_projected(s)
    later = ds.sel(year=ds["year"] >= 2026)
    members = later["active_members"].sel(scheme="voluntary")
    np.testing.assert_allclose(later["package_members"], members, rtol=1e-9)
    by_fund = later["contributions"].sel(scheme="voluntary")
    np.testing.assert_allclose(by_fund.sum("fund") / members / 12, 150000, rtol=1e-9)
    assert float(abs(by_fund.sel(fund="health")).max()) < 1.0
    a, share = s.schemes.voluntary.allocation, s.policies[0].old_age_share
    ratio = by_fund.sel(fund="long_term") / by_fund.sel(fund="short_term")   # 0.8 k_LT / (k_ST x sigma)
    assert float(ratio.min()) > share * a.long_term / a.short_term


def test_old_age_as_a_lump_sum_is_paid_in_the_lump_sum_branch():
    """The same package with and without a lump-sum old age: same members (same price), same
    pension kernel (no package member in it), so the lump-sum branch differs by the package
    lump sums alone, paid from the old-age contributions credited to the long-term sub-fund."""
    long_run = engine.load_scenario("scenarios/baseline.yaml", ["horizon.end_year=2060"])
    with_lump = run_projected(with_policies([{**PACKAGE, "branches": ["sickness", "old_age"],
                                              "old_age": "lump_sum"}], long_run))
    without = run_projected(with_policies([{**PACKAGE, "branches": ["sickness"]}], long_run))
    np.testing.assert_allclose(with_lump["active_members"], without["active_members"], rtol=1e-12)
    spent = with_lump["benefit_expenditure"].sel(scheme="voluntary") - without["benefit_expenditure"].sel(
        scheme="voluntary")
    np.testing.assert_allclose(spent.drop_sel(branch=["lump_sum", "sickness"]), 0.0, atol=1e-3)
    lump = spent.sel(branch="lump_sum")
    assert float(lump.min()) >= 0.0 and float(lump.sel(year=2060)) > 0.0
    paid_in = (with_lump["contributions"] - without["contributions"]).sel(scheme="voluntary", fund="long_term")
    assert float(paid_in.sel(year=2030)) > 0.0
    assert float(lump.sum()) < float(paid_in.sum()) * 1.12 ** 35


def test_the_lump_sum_is_the_contributions_accumulated_at_the_fund_return():
    """One cohort paying C at ages 58, 59 and 60 (pension age 60), surviving each year with
    0.9, the fund earning 10 %: at 60 it receives C (0.9^2 1.1^2 + 0.9 x 1.1 + 1)."""
    n_years, c = 4, 1000.0
    contributions = np.zeros((n_years, 2, 101))
    for t, age in enumerate((58, 59, 60)):
        contributions[t, 1, age] = c
    survival = np.full((n_years, 2, 101), 0.9)
    returns = np.full(n_years, 0.10)
    paid, balance = accumulate_lump_sums(contributions, survival, returns, np.full((n_years, 2), 60))
    expected = c * (0.9 ** 2 * 1.1 ** 2 + 0.9 * 1.1 + 1.0)
    np.testing.assert_allclose(paid[:, 1], [0.0, 0.0, expected, 0.0])
    np.testing.assert_allclose(paid[:, 0], 0.0)
    np.testing.assert_allclose(balance[1, 1, 59], c * 0.9 * 1.1 + c)
    assert balance[2:].sum() == 0.0


@pytest.mark.parametrize("package, words", [
    ({"branches": ["sicknes"]}, ["policies.0", "unknown branch 'sicknes'", "did you mean 'sickness'"]),
    ({"branches": []}, ["policies.0", "name at least one sub-fund or benefit branch"]),
    ({"branches": ["sickness"], "old_age": "lump_sum"}, ["old_age: lump_sum needs old_age"]),
    ({"branches": ["lump_sum"]}, ["set old_age: lump_sum"]),
    ({"branches": ["short_term", "sickness"]}, ["'sickness' names sickness a second time"]),
    ({"branches": ["old_age"]}, ["name all three (or long_term)"]),
    ({"branches": ["old_age", "survivors"], "old_age": "lump_sum"}, ["not with a lump sum"]),
    ({"branches": ["sickness"], "old_age": "annuity"}, ["policies.0.old_age", "pension", "lump_sum"]),
    ({"branches": ["old_age"], "old_age": "lump_sum", "old_age_share": 1.5}, ["policies.0.old_age_share", "<= 1"]),
])
def test_invalid_branch_packages_are_refused_with_their_key(package, words):
    text = _problems([{**PACKAGE, **package}])
    for word in words:
        assert word in text, (word, text)


def test_an_unknown_branch_exits_2_from_the_command_line(tmp_path, capsys):
    from tests.refusals import refusal
    path = tmp_path / "p.yaml"
    path.write_text("name: p\nextends: " + str(engine.__path__[0]).replace("engine", "scenarios/baseline.yaml")
                    + "\npolicies:\n  - {type: reduced_package, name: p, start_year: 2026, rate: 0.05,"
                      " branches: [death_grant, injury]}\n")
    err = refusal(path, [], capsys)
    assert "unknown branch 'injury'" in err and "p.yaml" in err


@pytest.mark.parametrize("branches", [["employment_injury"], ["unemployment", "health"]])
def test_branches_the_voluntary_scheme_does_not_pay_still_receive_the_contribution(branches):
    """Work injury and unemployment cost nothing in the voluntary scheme (incidence 0): the
    package's contribution still reaches its sub-funds in full, and buys no benefit."""
    block = {**PACKAGE, "rate": None, "amount_lak": 100000, "indexation": "none", "branches": branches}
    block.pop("rate")
    ds = run_projected(with_policies([block]))
    later = ds.sel(year=ds["year"] >= 2026)
    by_fund = later["contributions"].sel(scheme="voluntary")
    np.testing.assert_allclose(by_fund.sum("fund") / later["package_members"] / 12, 100000, rtol=1e-9)
    spent = later["benefit_expenditure"].sel(scheme="voluntary", branch=["employment_injury", "unemployment"])
    np.testing.assert_allclose(spent, 0.0, atol=1e-6)


def test_a_package_naming_unemployment_is_covered_by_an_unemployment_cover_block():
    cover = {"type": "unemployment_cover", "name": "u", "start_year": 2026}
    named = run_projected(with_policies([cover, {**PACKAGE, "branches": ["sickness", "unemployment"]}]))
    not_named = run_projected(with_policies([cover, {**PACKAGE, "branches": ["sickness"]}]))
    paid = named["benefit_expenditure"].sel(scheme="voluntary", branch="unemployment")
    regular_only = not_named["benefit_expenditure"].sel(scheme="voluntary", branch="unemployment")
    assert float(paid.sel(year=2030)) > 100 * max(float(regular_only.sel(year=2030)), 1.0)
