"""Probit interest model: Table 14 of Oxfam in Laos (2021), checked by hand."""

import math

import numpy as np
import pytest

from engine.profile.probit import (
    SPECIFICATIONS, coefficients, interest_probability, interest_probability_split, p_values,
    peak_consistent_coefficients, peak_interest_age, standard_errors
)


def phi(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


# Table 14 typed out by hand, one explicit formula per specification.
def by_hand(spec: str, c: dict) -> float:
    f, a, m, y, w = c["female"], c["age"], c["married"], c["yearly"], c["after_work"]
    inc, pc, cg = c["income"], c["provincial_capital"], c["collective_group"]
    bo, ch, lp = c["bokeo"], c["champasak"], c["luang_prabang"]
    if spec == "all_a":
        x = (-1.659 + 0.196 * f + 0.179 * a - 0.002 * a * a + 0.185 * m - 0.749 * y + 0.255 * w
             - 5.89e-08 * inc - 0.791 * pc + 0.686 * cg - 0.262 * bo - 0.637 * ch - 0.415 * lp)
    elif spec == "all_b":
        x = (-2.004 + 0.163 * f + 0.166 * a - 0.002 * a * a + 0.450 * m - 0.224 * y + 0.323 * w
             - 6.86e-08 * inc + 0.736 * cg - 0.212 * bo - 0.515 * ch - 0.365 * lp)
    elif spec == "all_c":
        x = (-1.963 + 0.188 * f + 0.158 * a - 0.002 * a * a + 0.414 * m - 0.201 * y + 0.373 * w
             + 0.647 * cg - 0.312 * bo - 0.553 * ch - 0.355 * lp)
    elif spec == "below_a":
        x = (-4.992 + 1.139 * f + 0.657 * a - 0.008 * a * a + 0.430 * m - 7.981 * y - 1.256 * w
             - 6.494 * pc + 0.604 * cg + 0.904 * bo - 0.414 * ch - 1.840 * lp)
    elif spec == "below_b":
        x = (-10.678 + 1.172 * f + 0.635 * a - 0.008 * a * a + 1.656 * m - 2.361 * y - 1.328 * w
             + 0.314 * cg + 0.910 * bo - 0.486 * ch - 1.668 * lp)
    elif spec == "above_a":
        x = (-4.267 + 0.108 * f + 0.301 * a - 0.004 * a * a - 0.229 * m + 0.020 * y + 1.176 * w
             - 0.304 * pc + 0.685 * cg - 0.583 * bo - 0.789 * ch + 0.144 * lp)
    elif spec == "above_b":
        x = (-4.330 + 0.097 * f + 0.292 * a - 0.004 * a * a - 0.152 * m + 0.222 * y + 1.204 * w
             + 0.737 * cg - 0.587 * bo - 0.750 * ch + 0.153 * lp)
    else:
        raise AssertionError(spec)
    return phi(x)


def profile(**kw):
    base = dict(female=0, age=40, married=1, yearly=0, after_work=0, income=2_153_152,
                provincial_capital=0, collective_group=0, bokeo=0, champasak=0, luang_prabang=0)
    base.update(kw)
    return base


PROFILES = [
    profile(),
    profile(female=1, age=25, married=0, income=800_000, provincial_capital=1),
    profile(age=55, yearly=1, income=600_000, collective_group=1, bokeo=1),
    profile(female=1, age=33, after_work=1, income=5_000_000, champasak=1, collective_group=1),
    profile(age=62, married=0, income=1_500_000, provincial_capital=1, luang_prabang=1),
    profile(female=1, age=18, yearly=1, income=14_700_000, provincial_capital=1, bokeo=1),
]


@pytest.mark.parametrize("spec", SPECIFICATIONS)
@pytest.mark.parametrize("case", range(len(PROFILES)))
def test_matches_hand_computation(spec, case):
    cov = PROFILES[case]
    got = interest_probability(spec, cov)
    assert got.shape == ()
    assert abs(float(got) - by_hand(spec, cov)) < 1e-12


def test_arrays_match_hand_computation_elementwise():
    cov = {k: np.array([p[k] for p in PROFILES], dtype=float) for k in PROFILES[0]}
    for spec in SPECIFICATIONS:
        got = interest_probability(spec, cov)
        want = [by_hand(spec, p) for p in PROFILES]
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


def test_specifications_listed():
    assert SPECIFICATIONS == ("all_a", "all_b", "all_c", "below_a", "below_b", "above_a", "above_b")
    assert "income" in coefficients("all_a") and "income" not in coefficients("all_c")
    assert "provincial_capital" not in coefficients("below_b")


def test_unknown_spec_lists_valid_ones():
    with pytest.raises(ValueError, match="unknown probit specification 'all_d'.*all_a.*above_b"):
        interest_probability("all_d", profile())


def test_missing_covariate_names_spec_and_covariates():
    cov = profile()
    del cov["income"], cov["bokeo"]
    with pytest.raises(ValueError, match=r"'all_a' needs covariate\(s\) income, bokeo"):
        interest_probability("all_a", cov)
    # all_c does not use income, so only bokeo is reported missing
    with pytest.raises(ValueError, match=r"'all_c' needs covariate\(s\) bokeo;"):
        interest_probability("all_c", cov)


def test_unused_covariates_ignored():
    cov = profile()
    ref = interest_probability("all_c", cov)
    del cov["income"], cov["provincial_capital"]
    cov["income"] = np.zeros((7, 3))  # unused by all_c: neither used nor broadcast
    cov["something_else"] = "ignored"
    assert interest_probability("all_c", cov).shape == ()
    assert float(interest_probability("all_c", cov)) == float(ref)


def test_broadcasting():
    cov = profile(female=np.array([0.0, 1.0])[:, None], age=np.arange(15, 70)[None, :])
    p = interest_probability("below_b", cov)
    assert p.shape == (2, 55)
    assert abs(p[1, 10] - by_hand("below_b", profile(female=1, age=25))) < 1e-12
    with pytest.raises(ValueError, match="do not broadcast"):
        interest_probability("all_c", profile(female=np.zeros(2), age=np.zeros(3)))


def test_split_uses_below_and_above_specs():
    low, high = profile(income=900_000.0), profile(income=1_100_000.0)
    for pair in "ab":
        assert float(interest_probability_split(pair, low)) == float(interest_probability(f"below_{pair}", low))
        assert float(interest_probability_split(pair, high)) == float(interest_probability(f"above_{pair}", high))
    cov = profile(income=np.array([500_000.0, 3_000_000.0]))
    np.testing.assert_allclose(interest_probability_split("a", cov),
                               [by_hand("below_a", profile(income=5e5)), by_hand("above_a", profile(income=3e6))],
                               atol=1e-12)
    cov = profile()
    del cov["income"]
    with pytest.raises(ValueError, match="income"):
        interest_probability_split("b", cov)
    with pytest.raises(ValueError, match="'a' or 'b'"):
        interest_probability_split("c", profile())


def test_coefficient_overrides_and_draws():
    cov = profile()
    base = float(interest_probability("all_c", cov))
    same = interest_probability("all_c", cov, coefficients={"constant": -1.963})
    assert float(same) == base
    draws = interest_probability("all_c", cov, coefficients={"constant": np.array([-1.963, -1.0])})
    assert draws.shape == (2,) and draws[0] == base and draws[1] > base
    with pytest.raises(ValueError, match="income.*not in probit specification 'all_c'"):
        interest_probability("all_c", cov, coefficients={"income": 0.0})


def test_standard_errors_from_p_values():
    from scipy.stats import norm

    se = standard_errors("all_a")
    # age: 0.179 with p = 0.004 -> z = 2.878
    assert se["age"] == pytest.approx(0.179 / norm.ppf(1 - 0.004 / 2), rel=1e-12)
    # a printed 0.000 is taken as p = 0.0005: the largest se compatible with the print
    assert p_values("below_a")["yearly"] == 0.0
    assert standard_errors("below_a")["yearly"] == pytest.approx(7.981 / norm.ppf(1 - 0.0005 / 2))
    for spec in SPECIFICATIONS:
        s = standard_errors(spec)
        assert set(s) == set(coefficients(spec))
        assert all(np.isfinite(v) and v > 0 for v in s.values())
        # recomputing the p-value from coefficient and se gives back the printed one
        for name, beta in coefficients(spec).items():
            p = 2 * (1 - norm.cdf(abs(beta) / s[name]))
            assert p == pytest.approx(max(p_values(spec)[name], 0.0005), rel=1e-9)


# Peaks: the report (section 5.6) says interest peaks at 40 below and 42 above the
# minimum wage. The printed age-squared coefficients are rounded to one significant
# digit; the age coefficient to three decimals.
PEAKS = {"all_a": 44.75, "all_b": 41.5, "all_c": 39.5, "below_a": 41.0625, "below_b": 39.6875,
         "above_a": 37.625, "above_b": 36.5}


@pytest.mark.parametrize("spec", SPECIFICATIONS)
def test_peak_interest_age(spec):
    assert peak_interest_age(spec) == pytest.approx(PEAKS[spec], abs=1e-9)


def peak_range(spec):
    """Range of -b_age / (2 b_age2) over the rounding intervals of both printed values."""
    b = coefficients(spec)
    a_lo, a_hi = b["age"] - 0.0005, b["age"] + 0.0005
    q_lo, q_hi = b["age_squared"] - 0.0005, b["age_squared"] + 0.0005  # both negative
    return a_lo / (-2 * q_lo), a_hi / (-2 * q_hi)


@pytest.mark.parametrize("spec, published", [("below_a", 40), ("below_b", 40), ("above_a", 42)])
def test_published_peak_within_rounding_range(spec, published):
    lo, hi = peak_range(spec)
    assert lo <= published <= hi
    # also with the age coefficient exactly as printed
    b = coefficients(spec)["age"]
    q = coefficients(spec)["age_squared"]
    assert b / (-2 * (q - 0.0005)) <= published <= b / (-2 * (q + 0.0005))


def test_above_b_peak_just_misses_42():
    # above_b: 0.292 and -0.004 allow peaks in [32.4, 41.8] only; Figure 19b (peak 42)
    # is therefore consistent with above_a, not above_b.
    lo, hi = peak_range("above_b")
    assert lo == pytest.approx(32.39, abs=0.01) and hi == pytest.approx(41.79, abs=0.01)
    assert hi < 42


def test_peak_consistent_coefficients():
    for spec in SPECIFICATIONS:
        coef = peak_consistent_coefficients(spec)
        group = spec.split("_")[0]
        want = {"below": 40.0, "above": 42.0}.get(group, PEAKS[spec])
        assert -coef["age"] / (2 * coef["age_squared"]) == pytest.approx(want)
        assert {k: v for k, v in coef.items() if k != "age_squared"} == {
            k: v for k, v in coefficients(spec).items() if k != "age_squared"}
