"""Scenario sections of the enrolment model: ``enrolment`` and ``coverage``.

``enrolment`` holds the voluntary-scheme (VSS) dynamics of :mod:`engine.enrolment.dynamics`:
joins per year = non-members x reach x interest x affordability x registration friction;
members lapse and return; leavers of enterprise jobs continue voluntarily. Its
``history`` block drives the 2018-2023 back-cast that produces the end-2023 members, and
its ``calibration`` block records the fit of the values ``laosim calibrate`` wrote.

``coverage`` turns the labour split into contributing members of the two compulsory
schemes. The ``targets`` section has its own module (:mod:`engine.scenario.schema_targets`);
its models are re-exported here for the code that imports them from this module.

Defaults come from ``engine/data/lao_pdr/enrolment.yaml`` (with unit, source, status).
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
from pydantic import BaseModel, Field, model_validator

from engine.citations import ILO_WIEGO, OXFAM
from engine.dims import PROVINCES
from engine.scenario.params import STRICT, YearPath, data_entries, data_param, data_value, param, year_path
from engine.scenario.schema_targets import FIRST_BACKCAST_YEAR, Target, TargetList

CALIBRATED = "laosim calibrate on the baseline (engine/data/lao_pdr/membership_history.csv)"

PROBIT_CHOICES = ("all_a", "all_b", "all_c", "below_a", "below_b", "above_a", "above_b",
                  "split_a", "split_b")
ENROLMENT_FILE = "enrolment"


KEPT_IN_OTHER_FILES = {
    "contribution_rate": ("nssf_rules", "contribution_rate_employee", "voluntary"),
}
"""Enrolment defaults whose one home is another data file: (file, entry, key)."""


def default(name: str):
    """The embedded default value of an enrolment parameter (enrolment.yaml, or the file
    :data:`KEPT_IN_OTHER_FILES` names: the lowest voluntary contribution rate is the
    voluntary member's rate of nssf_rules.yaml)."""
    value = data_value(*KEPT_IN_OTHER_FILES.get(name, (ENROLMENT_FILE, name)))
    return tuple(value) if isinstance(value, list) else value


def _const(name: str):
    return lambda: YearPath.constant(float(default(name)))


class History(BaseModel):
    """The 2018-2023 back-cast that carries members into the projection (fitted values)."""

    model_config = STRICT
    KNOTS: ClassVar[tuple[int, ...]] = (FIRST_BACKCAST_YEAR, 2020, 2023)

    reach_2018: float = param(
        unit="share of non-members informed per year", ge=0, le=1, status="derived",
        default_factory=lambda: float(default("reach_2018")),
        description="Reach in 2018, the first back-cast year (reach is linear between 2018, "
                    "2020 and 2023).", source=CALIBRATED,
    )
    reach_2020: float = param(
        unit="share of non-members informed per year", ge=0, le=1, status="derived",
        default_factory=lambda: float(default("reach_2020")),
        description="Reach in 2020.", source=CALIBRATED,
    )
    reach_2023: float = param(
        unit="share of non-members informed per year", ge=0, le=1, status="derived",
        default_factory=lambda: float(default("reach_2023")),
        description="Reach in 2023, the last back-cast year.", source=CALIBRATED,
    )
    initial_members: float = param(
        unit="persons", ge=0, status="derived", default_factory=lambda: float(default("initial_members")),
        description="Active VSS members at 31 December 2017, where the back-cast starts.",
        source=f"{OXFAM}, section 4.1: 8,007 in 2018 divided by the 42-43 % growth of 2017-2019",
    )

    @property
    def reach_values(self) -> tuple[float, ...]:
        """Reach at each of :attr:`KNOTS`."""
        return tuple(getattr(self, f"reach_{year}") for year in self.KNOTS)


class FitRow(BaseModel):
    """One observation of the calibration and how well the calibrated model reproduces it."""

    model_config = STRICT

    observation: str = param(..., unit="text", status="confirmed",
                             description="What was observed (scheme, quantity, date).")
    observed: float = param(..., unit="persons or share, as the observation",
                            status="confirmed", description="The published figure.")
    fitted: float = param(..., unit="persons or share, as the observation", status="derived",
                          description="The calibrated model's value at the same date.")
    error: float = param(..., unit="relative (fitted / observed - 1)", status="derived",
                         description="Relative error of the fit.")


class Calibration(BaseModel):
    """Record of the last calibration (``laosim calibrate``): informational, not used by a run."""

    model_config = STRICT

    fitted_parameters: tuple[str, ...] = param(
        (), unit="dotted keys", status="derived",
        description="Parameters set by the calibration.", source="laosim calibrate",
    )
    fit: tuple[FitRow, ...] = param(
        (), unit="table", status="derived",
        description="Observed against fitted values, with the relative error.", source="laosim calibrate",
    )


def _province_weight(province: str):
    entry = data_entries(ENROLMENT_FILE)["province_weights"]
    return param(float(entry["value"][province]), unit=entry["unit"], status=entry["status"], ge=0, le=1e9,
                 description=f"Weight of the {province.replace('_', ' ')} survey profile in the national "
                             f"cell table (any non-negative number; the four are normalised).",
                 source=f"{entry['source']} [engine/data/lao_pdr/enrolment.yaml: province_weights]")


class ProvinceWeights(BaseModel):
    """Relative weights of the four survey provinces' profiles in the national cell table
    of informal workers (:func:`engine.profile.profile.informal_cells`); normalised to sum to 1.
    One field per province of :data:`engine.dims.PROVINCES`."""

    model_config = STRICT

    bokeo: float = _province_weight("bokeo")
    champasak: float = _province_weight("champasak")
    luang_prabang: float = _province_weight("luang_prabang")
    vientiane_capital: float = _province_weight("vientiane_capital")

    @model_validator(mode="after")
    def _positive(self):
        if sum(getattr(self, p) for p in PROVINCES) <= 0:
            raise ValueError("province_weights: at least one weight must be positive")
        if not self.is_default():
            from engine.profile.profile import informal_cells

            try:  # the profile must be buildable (e.g. its married share reachable at every age)
                informal_cells(self.as_mapping())
            except ValueError as exc:
                raise ValueError(f"province_weights: these weights give no valid profile: {exc}") from None
        return self

    def as_mapping(self) -> dict[str, float]:
        return {k: float(getattr(self, k)) for k in type(self).model_fields}

    def is_default(self) -> bool:
        """The embedded default weights (those the enrolment parameters were calibrated with)."""
        default = data_entries(ENROLMENT_FILE)["province_weights"]["value"]
        return self.as_mapping() == {k: float(v) for k, v in default.items()}


AWARENESS_SOURCE = "flagged assumption set by the user: no measured decay or word of mouth was found in the seeds"


class Awareness(BaseModel):
    """Awareness of the scheme as a stock (opt-in). The share ``K[c]`` of a covariate cell's
    informal workers who know the scheme beyond the calibrated reach, from ``initial`` at 31
    December of the base year, becomes each year (before the year's joins)

    ``K <- 1 - (1 - (1 - decay) K) (1 - o) (1 - word_of_mouth x min(M / P, 1))``

    with ``o`` the outreach blocks' added reach in the cell (capped at 1) and ``M / P`` its
    members over its informal workers at the start of the year: the unaware are informed by
    outreach and by members, and a share ``decay`` of the aware forget when not refreshed.
    The joining hazard's reach is ``min(enrolment.reach + K, 1)``. With decay 1, no word of
    mouth and no initial stock, ``K`` is the outreach of the year: the flow model."""

    model_config = STRICT

    decay: float = param(
        ..., unit="share of the aware per year", ge=0, le=1,
        description="Share of those who know the scheme who forget it (or stop considering it) "
                    "each year when not refreshed; ASSUMPTION to state (1: no memory, the flow model).",
        source=AWARENESS_SOURCE)
    word_of_mouth: float = param(
        ..., unit="share of the unaware informed per year per unit of member share", ge=0, le=1,
        description="Unaware informal workers of a cell informed each year, per unit of the cell's "
                    "members as a share of its informal workers; ASSUMPTION to state.",
        source=AWARENESS_SOURCE)
    initial: float = param(
        0.0, unit="share of the cell's informal workers", ge=0, le=1,
        description="Stock at 31 December of the base year, beyond the calibrated reach (0: the "
                    "calibrated baseline already holds today's awareness).",
        source="neutral default: the calibrated reach stands for today's awareness")


class Enrolment(BaseModel):
    """Joining, lapsing and returning in the voluntary scheme (VSS)."""

    model_config = STRICT

    probit_spec: Literal[PROBIT_CHOICES] = param(
        "all_a", unit="choice", status="confirmed",
        description="Probit specification of interest (Table 14); split_a/split_b apply the "
                    "below/above-minimum-wage pair by each cell's income at 2020 prices.",
        source=f"{OXFAM}, Table 14",
    )
    probit_coefficients: dict[str, dict[str, float]] = param(
        default_factory=dict, unit="probit index per unit of covariate",
        description="Replacements for published Table 14 coefficients, by specification and "
                    "variable (e.g. {all_a: {income: -0.00000005}}), for sensitivity runs and draws "
                    "from their sampling distribution.",
        source="none by default: Table 14 as published",
    )
    province_weights: ProvinceWeights = Field(
        default_factory=ProvinceWeights,
        description="Weights of the survey provinces' profiles in the national cell table.")
    probit_age_range: tuple[float, float] | None = param(
        unit="years", status="derived", default_factory=lambda: tuple(float(a) for a in default("probit_age_range")),
        description="Ages are clipped to this range before the probit is evaluated (null: no "
                    "clipping).", source=f"{OXFAM}, Table 13 (respondents aged 17 to 66)",
    )
    reach: year_path(ge=0, le=1) = param(
        unit="share of non-members informed per year", default_factory=_const("reach"),
        description="Outreach in projected years: the share of non-members who learn about "
                    "the scheme in the year.",
        source="the calibrated 2023 level held constant (assumption)",
    )
    registration_friction: year_path(ge=0, le=1) = param(
        unit="share of the informed, interested and able who register in the year",
        default_factory=_const("registration_friction"),
        description="Registration friction (ID card and family book, distance to an office).",
        source="flagged assumption; only reach x friction is calibrated",
    )
    affordability_threshold: float = param(
        unit="contribution as a share of monthly income", gt=0, le=1, status="derived",
        default_factory=lambda: float(default("affordability_threshold")),
        description="Contribution-to-income ratio at which half of a cell can afford to pay.",
        source=f"{CALIBRATED}; 15 % of informal workers could not afford 99,000 LAK in 2020 "
               f"({OXFAM}, section 6.4.2)",
    )
    affordability_spread: float = param(
        unit="log-income units", gt=0, le=5, default_factory=lambda: float(default("affordability_spread")),
        description="Spread of the affordability curve: share able to pay = "
                    "1 / (1 + (r / threshold) ** (1 / spread)), r = contribution / income.",
        source="flagged assumption (no within-band income distribution published)",
    )
    contribution_rate: year_path(ge=0, le=1) = param(
        unit="share of the minimum wage", status="confirmed", default_factory=_const("contribution_rate"),
        description="Lowest voluntary contribution as a share of the insurable-earnings floor "
                    "(the minimum wage); what affordability is judged against.",
        source=f"{OXFAM}, Table 6; {ILO_WIEGO} [engine/data/lao_pdr/nssf_rules.yaml: "
               f"contribution_rate_employee, voluntary]",
    )
    subsidy_share: year_path(ge=0, le=1) = param(
        YearPath.constant(0.0), unit="share of the contribution",
        description="Share of the lowest voluntary contribution paid by the government; the "
                    "member pays the rest (affordability uses the member's part).",
        source="policy lever; none under current policy",
    )
    lapse_rate: year_path(ge=0, le=1) = param(
        unit="share of active members per year", default_factory=_const("lapse_rate"),
        description="Yearly probability that an active member stops paying (benefits stop "
                    "after 3 unpaid months), the yearly equivalent under the contract term "
                    "contract_years; a year path, so that trust or claim rules changing over "
                    "time can be stated.",
        source="flagged assumption from LSSO data of 9 Nov 2020: 1,577 of 11,492 (14 %) not "
               f"paying on time ({OXFAM}, section 4.2)",
    )
    contract_years: int = data_param(
        "policies", "vss_contract_years", ge=1, le=10,
        description="Years of one voluntary contract today (members renew at its end and choose "
                    "their insurable earnings then); the lapse rate is read as this term's yearly "
                    "equivalent. A contract policy block changes the term from a year.")
    return_rate: year_path(ge=0, le=1) = param(
        unit="share of lapsed members per year", default_factory=_const("return_rate"),
        description="Yearly probability that a lapsed member resumes paying (they may also be "
                    "reached again like other non-members); a year path like lapse_rate, which "
                    "retention blocks raise (return_gain).",
        source="flagged assumption (no figure found)",
    )
    compulsory_leaving_rate: float = param(
        unit="share of enterprise-scheme members per year", ge=0, le=1,
        default_factory=lambda: float(default("compulsory_leaving_rate")),
        description="Enterprise-scheme members who leave for informal work each year.",
        source="flagged assumption (no separation statistics found)",
    )
    continuation_share: float = param(
        unit="share of enterprise-scheme leavers", ge=0, le=1, status="derived",
        default_factory=lambda: float(default("continuation_share")),
        description="Share of those leaving enterprise jobs who continue in the voluntary scheme.",
        source=f"{CALIBRATED}; 38 % of sampled VSS members came this way ({OXFAM}, Table 7)",
    )
    entry_age: int = param(
        unit="years", ge=0, le=100, status="confirmed", default_factory=lambda: int(default("entry_age")),
        description="Youngest age at which informal workers may join.", source=f"{OXFAM}, section 4.2",
    )
    exit_age: int = param(
        unit="years", ge=1, le=101, default_factory=lambda: int(default("exit_age")),
        description="Members and lapsed members leave the scheme on reaching this age (101: never).",
        source=f"eligibility up to 60 ({OXFAM}, section 4.2); leaving at 60 is an assumption",
    )
    awareness: Awareness | None = param(
        None, unit="mapping (decay, word_of_mouth, initial)", status="assumption",
        description="Awareness of the scheme as a stock that outreach and word of mouth raise "
                    "and that decays (leave out: reach is a yearly flow, as calibrated).",
        source="opt-in model choice; empty: the calibrated flow model")
    history: History = Field(default_factory=History)
    calibration: Calibration = Field(default_factory=Calibration)

    @model_validator(mode="after")
    def _ages(self):
        from engine.profile.probit import SPECIFICATIONS, coefficients

        for spec, values in self.probit_coefficients.items():
            if spec not in SPECIFICATIONS:
                raise ValueError(f"probit_coefficients: unknown specification '{spec}'; expected one of "
                                 f"{', '.join(SPECIFICATIONS)}")
            unknown = [k for k in values if k not in coefficients(spec)]
            if unknown:
                raise ValueError(f"probit_coefficients.{spec}: unknown variable(s) {', '.join(unknown)}; "
                                 f"{spec} has {', '.join(coefficients(spec))}")
        if self.entry_age >= self.exit_age:
            raise ValueError(f"entry_age {self.entry_age} must be below exit_age {self.exit_age}")
        if self.probit_age_range is not None and not self.probit_age_range[0] <= self.probit_age_range[1]:
            raise ValueError(f"probit_age_range {list(self.probit_age_range)} must be [youngest, oldest]")
        return self


COMPLIANCE_OBSERVED = (2013, 0.27)
"""Compliance of the compulsory target group reported for 2013 (seed 003): an observation,
the first point of the compliance path (:func:`compliance_path`)."""


def compliance_path(fitted_2023: float, observed: tuple[int, float] = COMPLIANCE_OBSERVED,
                    fitted_year: int = 2023) -> YearPath:
    """Compliance as a yearly path: ``c(t) = c_0 + (c_1 - c_0) (t - t_0) / (t_1 - t_0)`` for
    ``t_0 <= t <= t_1`` (``(t_0, c_0)`` the 2013 observation, ``(t_1, c_1)`` the fitted
    end-2023 value), ``c_1`` after ``t_1`` (held: an assumption), ``c_0`` before ``t_0``;
    share of the target group. Written with one step per year, so the step path equals the
    linear interpolation at every whole year."""
    (y0, c0), (y1, c1) = observed, (fitted_year, float(fitted_2023))
    years = np.arange(y0, y1 + 1)
    values = np.interp(years, [y0, y1], [c0, c1])
    return YearPath(tuple((int(y), float(f"{v:.6g}")) for y, v in zip(years, values)))


def _compliance_default() -> YearPath:
    points = {int(y): float(v) for y, v in default("enterprise_compliance").items()}
    (y0, c0), (y1, c1) = sorted(points.items())
    return compliance_path(c1, (y0, c0), y1)


class Coverage(BaseModel):
    """Contributing members of the compulsory schemes as shares of their workers.

    Enterprise scheme: members ``M = c(t) T``, the target group ``T = g (N + e I)``
    (:func:`engine.labour.compulsory_target`): wage employees in firms of 10 or more
    workers (Decree 207/PM, 2001), ``g`` = :attr:`target_group_share`."""

    model_config = STRICT

    civil_servant_coverage: year_path(ge=0, le=1) = param(
        unit="share of civil servants", status="derived", default_factory=_const("civil_servant_coverage"),
        description="Civil servants who are contributing members of the government scheme.",
        source=f"{CALIBRATED}; 49.3 % of 353,962 insured at end-2023 ({ILO_WIEGO})",
    )
    enterprise_compliance: year_path(ge=0, le=1) = param(
        unit="share of the compulsory target group", status="derived", default_factory=_compliance_default,
        description="Employees of firms with 10 or more workers (the compulsory target group) who are "
                    "contributing members of the enterprise scheme; by default a yearly path linear from "
                    "27 % in 2013 to the fitted end-2023 value, held after 2023 (assumption).",
        source=f"ILO (2013) ABND workshop minutes, seed 003 (27 % of the target group in 2013); "
               f"{CALIBRATED}, 43.1 % of 353,962 insured at end-2023 ({ILO_WIEGO})",
    )
    target_group_share: float = param(
        unit="share of private-sector wage employees", ge=0, le=1, status="assumption",
        default_factory=lambda: float(default("target_group_share")),
        description="Share of private-sector wage employees (enterprise employees and informal employees) "
                    "working in firms of 10 or more workers: the enterprise scheme's compulsory target group. "
                    "Employees of smaller firms are outside the compulsory scope (informal workers, free "
                    "to join the voluntary scheme).",
        source="ASSUMPTION derived from ILO (2013) ABND workshop minutes, seed 003 (60,000 contributors "
               "= 27 % of the target group in 2013) and the WPP2024 population; no employment-by-firm-size "
               "figure found [engine/data/lao_pdr/enrolment.yaml: target_group_share]",
    )


__all__ = ["FIRST_BACKCAST_YEAR", "Calibration", "Coverage", "Enrolment", "FitRow", "History",
           "ProvinceWeights", "Target", "TargetList", "compliance_path", "default"]
