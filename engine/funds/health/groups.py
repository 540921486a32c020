"""NHI population groups: who is entitled, where, and who is covered (persons).

For year t, with ``P`` the population at 1 July by sex and age, ``v`` the share living in
Vientiane Capital, ``e_t`` the share of the capital NHI has reached (0 before an
``nhi_extension`` block, then its phase), ``N_t = k M_t`` the NSSF members and dependants
(``k`` persons per contributing member ``M``) and ``s`` their share living in the capital:

- the capital has the national age structure;
- NSSF members and dependants in the capital ``N^c_t = min(s N_t, v P_t)``; in the capital
  outside the NSSF ``C_t = v P_t - N^c_t`` persons;
- population outside the NSSF in the NHI area ``Q = q_t P`` with
  ``q_t P_t = max((1 - v) P_t - (N_t - N^c_t), 0) + e_t C_t`` (``P_t`` the total);
- groups of ``Q``, exclusive, in this order: children under five (ages 0-4); pregnant
  women ``f x asfr_a x Q_female,a`` (``f`` person-years of pregnancy per birth); monks
  ``m x Q_male,a`` at ages 10+; of the rest ``R``, the poor ``h_t R`` and those who pay
  co-payments ``(1 - h_t) R``;
- covered = coverage of the group (year path) x its population; the NSSF group is
  covered whole, nationally (its care is financed by the NSSF transfer since 2019).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.scenario.schema_health import HEALTH_GROUPS

OUTSIDE = HEALTH_GROUPS[1:]
"""The groups outside the NSSF: the exempt groups and ``paying``."""


@dataclass(frozen=True)
class Groups:
    """Persons by NHI group.

    eligible, covered : (T, 5, 2, A) the groups outside the NSSF (:data:`OUTSIDE`) in the
        NHI area, persons at 1 July; ``covered`` = coverage x ``eligible``.
    nssf : (T,) NSSF members and dependants (all covered).
    nssf_capital : (T,) of whom living in Vientiane Capital.
    capital_outside : (T,) persons in the capital outside the NSSF (``C_t``).
    area_outside : (T,) persons outside the NSSF in the NHI area (``q_t P_t``).
    """

    eligible: np.ndarray
    covered: np.ndarray
    nssf: np.ndarray
    nssf_capital: np.ndarray
    capital_outside: np.ndarray
    area_outside: np.ndarray

    def covered_by_group(self) -> np.ndarray:
        """(T, 6) covered persons by :data:`HEALTH_GROUPS`."""
        return np.concatenate([self.nssf[:, None], self.covered.sum(axis=(2, 3))], axis=1)

    def eligible_by_group(self) -> np.ndarray:
        """(T, 6) persons entitled by :data:`HEALTH_GROUPS` (the NSSF group: all)."""
        return np.concatenate([self.nssf[:, None], self.eligible.sum(axis=(2, 3))], axis=1)

    def capital_covered(self, extension: np.ndarray) -> np.ndarray:
        """(T,) persons in the capital covered by NHI: the NSSF part, plus the covered
        outside the NSSF in proportion to the capital's part of the NHI area,
        ``e_t C_t / (q_t P_t)``."""
        outside = self.covered.sum(axis=(1, 2, 3))
        share = np.divide(extension * self.capital_outside, self.area_outside,
                          out=np.zeros_like(outside), where=self.area_outside > 0)
        return self.nssf_capital + outside * np.minimum(share, 1.0)


def group_coverage(nhi, years: np.ndarray) -> np.ndarray:
    """(T, 5) coverage of each group outside the NSSF: its own path, or ``nhi.coverage``."""
    default = nhi.coverage.values(years)
    paths = [getattr(nhi.group_coverage, g) for g in OUTSIDE]
    return np.stack([default if p is None else p.values(years) for p in paths], axis=1)


def split_groups(outside: np.ndarray, asfr: np.ndarray, exempt, years: np.ndarray) -> np.ndarray:
    """(T, 5, 2, A) the population outside the NSSF ``outside`` (T, 2, A) by group
    :data:`OUTSIDE`; ``asfr`` (T, A) births per woman, ``exempt`` the scenario's
    :class:`~engine.scenario.schema_health.ExemptGroups`."""
    n_ages = outside.shape[2]
    ages = np.arange(n_ages)
    under5 = outside * (ages < 5)
    pregnant = np.zeros_like(outside)
    pregnant[:, 1] = exempt.pregnancy_fraction * np.minimum(asfr, 1.0) * outside[:, 1] * (ages >= 5)
    monks = np.zeros_like(outside)
    monks[:, 0] = exempt.monk_share * outside[:, 0] * (ages >= 10)
    rest = outside - under5 - pregnant - monks
    h = exempt.poverty_share.values(years)[:, None, None]
    by_group = {"poor": h * rest, "pregnant_women": pregnant, "children_under_five": under5,
                "monks": monks, "paying": (1.0 - h) * rest}
    return np.stack([by_group[g] for g in OUTSIDE], axis=1)


def project_groups(scenario, population: np.ndarray, asfr: np.ndarray, members: np.ndarray,
                   extension: np.ndarray, years: np.ndarray) -> Groups:
    """Persons by NHI group; ``population`` (T, 2, A) at 1 July, ``members`` (T,) contributing
    NSSF members, ``extension`` (T,) the share of the capital NHI has reached."""
    nhi = scenario.nhi
    v, s = nhi.capital_population_share, nhi.nssf_capital_share
    total = population.sum(axis=(1, 2))
    nssf = nhi.nssf_covered_per_member * np.asarray(members, dtype=np.float64)
    nssf_capital, capital_outside, area_outside = split_area(v, s, total, nssf, extension)
    q = np.divide(area_outside, total, out=np.zeros_like(total), where=total > 0)
    eligible = split_groups(q[:, None, None] * population, asfr, nhi.exempt, years)
    covered = group_coverage(nhi, years)[:, :, None, None] * eligible
    return Groups(eligible, covered, nssf, nssf_capital, capital_outside, area_outside)


def split_area(v: float, s: float, total, nssf, extension):
    """NSSF-covered persons in the capital ``N^c = min(s N, v P)``, the capital outside the
    NSSF ``C = v P - N^c`` and the NHI area outside the NSSF
    ``max((1 - v) P - (N - N^c), 0) + e C`` (persons, each (T,))."""
    nssf_capital = np.minimum(s * nssf, v * total)
    capital_outside = v * total - nssf_capital
    area_outside = np.maximum((1.0 - v) * total - (nssf - nssf_capital), 0.0) + extension * capital_outside
    return nssf_capital, capital_outside, area_outside
