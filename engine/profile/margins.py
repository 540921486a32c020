"""The survey margins of the covariate cells, per sex, with the provinces weighted."""

from __future__ import annotations

from typing import Mapping

import numpy as np

from engine.data.files import read_parameters
from engine.dims import N_SEXES, PROVINCES
from engine.profile.survey import TOTAL_COLUMN, income_bands, survey_row, survey_tables


def province_weights_by_sex(province_weights: Mapping[str, float] | str | None) -> np.ndarray:
    """Province weights per sex, shape (2, 4), rows summing to one."""
    if province_weights is None:  # the default: enrolment.yaml's province_weights
        default = read_parameters("enrolment")["province_weights"]["value"]
        w = np.array([float(default[p]) for p in PROVINCES])
        return np.tile(w / w.sum(), (N_SEXES, 1))
    if isinstance(province_weights, str):
        if province_weights != "survey":
            raise ValueError(f"province_weights {province_weights!r}: expected 'survey', None or a mapping")
        counts = survey_tables()["counts"]
        w = np.array([[survey_row(counts, "sex", s)[p] for p in PROVINCES] for s in ("male", "female")], float)
        return w / w.sum(axis=1, keepdims=True)
    unknown = [k for k in province_weights if k not in PROVINCES]
    if unknown:
        raise ValueError(f"province_weights: unknown province(s) {', '.join(unknown)}; "
                         f"expected {', '.join(PROVINCES)}")
    w = np.array([float(province_weights.get(p, 0.0)) for p in PROVINCES])
    if np.any(w < 0) or not np.all(np.isfinite(w)) or w.sum() <= 0:
        raise ValueError("province_weights must be non-negative with a positive sum")
    return np.tile(w / w.sum(), (N_SEXES, 1))


def profile_margins(
    province_weights: Mapping[str, float] | str | None = None,
) -> list[tuple[tuple[int, ...], np.ndarray]]:
    """Survey margins per sex over the cell dimensions, for :func:`ipf`.

    Axis 0 is sex; axes 1..6 follow :data:`DIMENSIONS`. With :math:`\\pi_s(p)` the
    province weights of sex ``s``:

    * (sex, province): :math:`\\pi_s(p)`;
    * (sex, province, married), (sex, province, income_frequency), (sex, province,
      provincial_capital): :math:`\\pi_s(p)\\,P(x \\mid p)` from Table 4;
    * (sex, province, income_band): :math:`\\pi_s(p)\\,P(band \\mid p, s)` where the lowest
      band takes the below-minimum-wage share of sex ``s`` in province ``p`` and the
      other bands share the rest in the province's proportions (Table 4);
    * (sex, collective_group): 31 % members (Table 13).

    Parameters
    ----------
    province_weights : None, "survey" or mapping
        None: the national default (equal weights, flagged assumption); "survey": the
        survey's own province shares by sex; or a mapping province -> weight.
    """
    pw = province_weights_by_sex(province_weights)
    counts, shares = survey_tables()["counts"], survey_tables()["shares"]
    cols = list(PROVINCES)

    def count(variable: str, category: str) -> np.ndarray:
        return survey_row(counts, variable, category)[cols].to_numpy(float)

    resp = count("respondents", "all")
    married = count("marital_status", "married") / resp
    capital = count("location", "provincial_capital") / resp
    freq_rows = shares[shares["variable"] == "income_frequency"].set_index("category")[cols].astype(float)
    freq_share = freq_rows / freq_rows.sum()
    freq = np.stack([1.0 - freq_share.loc["yearly"] - freq_share.loc["after_work"],
                     freq_share.loc["yearly"], freq_share.loc["after_work"]], axis=-1)
    names, *_ = income_bands()
    band_rows = np.array([survey_row(shares, "income_band", b)[cols].to_numpy(float) for b in names]).T
    above_split = band_rows[:, 1:] / band_rows[:, 1:].sum(axis=1, keepdims=True)
    band = np.empty((N_SEXES, len(PROVINCES), len(names)))
    for s, sex in enumerate(("male", "female")):
        below = survey_row(shares, "below_minimum_wage", "yes", sex)[cols].to_numpy(float) / 100.0
        band[s, :, 0] = below
        band[s, :, 1:] = (1.0 - below)[:, None] * above_split
    coll = float(survey_row(shares, "collective_group", "member")[TOTAL_COLUMN]) / 100.0

    two = lambda p: np.stack([1.0 - p, p], axis=-1)  # noqa: E731
    return [
        ((0, 1), pw),
        ((0, 1, 2), pw[:, :, None] * two(married)[None]),
        ((0, 1, 3), pw[:, :, None] * freq[None]),
        ((0, 1, 4), pw[:, :, None] * band),
        ((0, 1, 5), pw[:, :, None] * two(capital)[None]),
        ((0, 6), np.tile([1.0 - coll, coll], (N_SEXES, 1))),
    ]
