"""Scenario section ``schemes:``: contribution rates, allocation keys and insurable earnings.

Each of the three NSSF schemes (``civil_servant``, ``enterprise``, ``voluntary``) has its
employer's and member's contribution rates, the allocation key that credits its
contributions to the health, short-term and long-term sub-funds, and the months paid a
year; the compulsory schemes their average earnings in the base year, the voluntary scheme
its 17 levels of insurable earnings. The floor and ceiling rules of insurable earnings and
the earnings profile by age and sex are common to the three. Defaults, units, sources and
statuses come from ``engine/data/lao_pdr/nssf_rules.yaml``.
"""

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from engine.dims import FUNDS
from engine.scenario.by_key import ByFund, key_param
from engine.scenario.params import (STRICT, YearPath, data_param, data_provenance, data_value, param,
                                    year_path)

RULES = "nssf_rules"
SHARE_TOLERANCE = 1e-6
"""Largest gap from 1 accepted in a sum of shares (allocation keys, level shares)."""


# ----------------------------------------------------------------- insurable earnings
BoundRule = Literal["fixed", "minimum_wage", "prices", "earnings", "none"]


def _rule(default: str, **provenance: str):
    return param(default, unit="choice", description="How the bound moves from year to year.",
                 **provenance)


def _amount(default: float, **provenance: str):
    return param(YearPath.constant(default), unit="LAK per month", **provenance,
                 description="Level of the bound (rule 'fixed'), or its level before indexation "
                             "(rules 'prices' and 'earnings').")


def _multiple(default: float, **provenance: str):
    return param(YearPath.constant(default), unit="multiple of the minimum wage", **provenance,
                 description="Multiple of the minimum wage (rule 'minimum_wage').")


def _lag_years(default: int, source: str):
    return param(default, unit="years", ge=0, le=5, status="assumption", source=source,
                 description="Years of delay in following the minimum wage or index.")


def _indexation_start_year(default: int | None, source: str):
    return param(default, unit="calendar year", status="assumption", source=source,
                 description="First year indexed (rules 'prices' and 'earnings'); empty: the first "
                             "projected year.")


class InsurableEarningsFloor(BaseModel):
    """The floor of insurable earnings: the minimum wage (confirmed).

    A floor or ceiling of monthly insurable earnings and the rule that moves it.

    Rules: ``fixed`` (the ``amount`` path, by year); ``minimum_wage`` (``multiple`` x the
    minimum wage of year t - ``lag_years``); ``prices`` / ``earnings`` (``amount`` until the
    year before ``indexation_start_year``, then indexed with consumer prices or average
    earnings lagged ``lag_years``); ``none`` (no floor, or no ceiling)."""

    model_config = STRICT

    rule: BoundRule = _rule("minimum_wage", **data_provenance(RULES, "insurable_earnings_floor"))
    amount: year_path(ge=0) = _amount(
        1_600_000.0, status="reported", source="minimum wage from October 2023 (ILO/WIEGO 2024); "
                                               "used only by the rules 'fixed', 'prices' and 'earnings'")
    multiple: year_path(ge=0, le=100) = _multiple(
        float(data_value(RULES, "insurable_earnings_floor")),
        **data_provenance(RULES, "insurable_earnings_floor"))
    lag_years: int = _lag_years(
        0, "engine default assumption: the floor follows the minimum wage in force")
    indexation_start_year: int | None = _indexation_start_year(None, "engine default")


class InsurableEarningsCeiling(BaseModel):
    """The ceiling of insurable earnings: 4.5 million LAK (confirmed, 2023); the rule after
    2024 is an assumption (indexed to average earnings, lagged one year).

    A floor or ceiling of monthly insurable earnings and the rule that moves it: see
    :class:`InsurableEarningsFloor`."""

    model_config = STRICT

    rule: BoundRule = _rule(data_value(RULES, "insurable_earnings_ceiling_rule"),
                            **data_provenance(RULES, "insurable_earnings_ceiling_rule"))
    amount: year_path(ge=0) = _amount(float(data_value(RULES, "insurable_earnings_ceiling")),
                                      **data_provenance(RULES, "insurable_earnings_ceiling"))
    multiple: year_path(ge=0, le=100) = _multiple(
        5.0, status="reported", source="the 2017 ceiling was set at five times the then minimum wage "
                                       "(reported); used only by the rule 'minimum_wage'")
    lag_years: int = _lag_years(
        1, "engine default assumption: indexation follows the previous year's growth")
    indexation_start_year: int | None = _indexation_start_year(
        2025, "engine default assumption: the 4.5 million LAK ceiling held to the end of 2024")


class InsurableEarnings(BaseModel):
    """Floor and ceiling rules of monthly insurable earnings, common to the three schemes.
    When a ceiling falls below the floor, the floor applies (the ceiling is raised to it)."""

    model_config = STRICT

    floor: InsurableEarningsFloor = Field(default_factory=InsurableEarningsFloor)
    ceiling: InsurableEarningsCeiling = Field(default_factory=InsurableEarningsCeiling)


class EarningsProfile(BaseModel):
    """Average earnings by age and sex around each compulsory scheme's average level."""

    model_config = STRICT

    growth_at_age_20: float = data_param(
        RULES, "earnings_growth_at_age_20", ge=0, le=0.2,
        description="Slope of log earnings by age at age 20 (quadratic profile peaking at peak_age).")
    peak_age: float = data_param(RULES, "earnings_peak_age", ge=21, le=80,
                                 description="Age at which average earnings peak.")
    female_ratio: float = data_param(RULES, "female_earnings_ratio", ge=0.1, le=2,
                                     description="Women's average earnings relative to men's.")
    dispersion: float = data_param(RULES, "earnings_dispersion", ge=0, le=3,
                                   description="Standard deviation of log earnings within a "
                                               "scheme, sex and age (lognormal).")


# ----------------------------------------------------------------- allocation keys
ALLOCATION_SHARE = "Share of the contribution credited to the sub-fund"


class AllocationKey(ByFund[float]):
    """Allocation key: shares of the scheme's contribution credited to the health,
    short-term and long-term sub-funds (sum 1)."""

    @model_validator(mode="after")
    def _sums_to_one(self):
        total = sum(getattr(self, f) for f in FUNDS)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise ValueError(f"allocation shares summing to 1 (found a sum of {total:.6g})")
        return self


class CivilServantAllocation(AllocationKey):
    """Allocation key of the civil servants' scheme (sum 1)."""

    health: float = key_param(RULES, "allocation_civil_servant", "health", ALLOCATION_SHARE,
                              cast=float, ge=0, le=1)
    short_term: float = key_param(RULES, "allocation_civil_servant", "short_term", ALLOCATION_SHARE,
                                  cast=float, ge=0, le=1)
    long_term: float = key_param(RULES, "allocation_civil_servant", "long_term", ALLOCATION_SHARE,
                                 cast=float, ge=0, le=1)


class EnterpriseAllocation(AllocationKey):
    """Allocation key of the enterprise scheme (sum 1)."""

    health: float = key_param(RULES, "allocation_enterprise", "health", ALLOCATION_SHARE,
                              cast=float, ge=0, le=1)
    short_term: float = key_param(RULES, "allocation_enterprise", "short_term", ALLOCATION_SHARE,
                                  cast=float, ge=0, le=1)
    long_term: float = key_param(RULES, "allocation_enterprise", "long_term", ALLOCATION_SHARE,
                                 cast=float, ge=0, le=1)


class VoluntaryAllocation(AllocationKey):
    """Allocation key of the voluntary scheme (sum 1)."""

    health: float = key_param(RULES, "allocation_voluntary", "health", ALLOCATION_SHARE,
                              cast=float, ge=0, le=1)
    short_term: float = key_param(RULES, "allocation_voluntary", "short_term", ALLOCATION_SHARE,
                                  cast=float, ge=0, le=1)
    long_term: float = key_param(RULES, "allocation_voluntary", "long_term", ALLOCATION_SHARE,
                                 cast=float, ge=0, le=1)


# ----------------------------------------------------------------- the three schemes
def _employer_rate(scheme: str):
    return data_param(RULES, "contribution_rate_employer", key=scheme, as_path=True,
                      description=f"Employer's (or government's) contribution rate, "
                                  f"{scheme.replace('_', ' ')} scheme.")


def _employee_rate(scheme: str):
    return data_param(RULES, "contribution_rate_employee", key=scheme, as_path=True,
                      description=f"Member's contribution rate, {scheme.replace('_', ' ')} scheme.")


def _months_paid(scheme: str):
    return data_param(RULES, "months_paid", key=scheme, as_path=True,
                      description=f"Months of contributions paid per contributing member, "
                                  f"{scheme.replace('_', ' ')} scheme.")


def _average_earnings(scheme: str, workers: str):
    return data_param(RULES, "average_earnings_base_year", key=scheme, cast=float, gt=0,
                      description=f"Average monthly earnings of {workers} in the base year, "
                                  f"before the floor and ceiling; later years move with the "
                                  f"earnings index.")


Rate = year_path(ge=0, le=1)
MonthsPaid = year_path(ge=0, le=12)


class CivilServantScheme(BaseModel):
    """The compulsory scheme of civil servants (the government pays the employer's share)."""

    model_config = STRICT

    employer_rate: Rate = _employer_rate("civil_servant")
    employee_rate: Rate = _employee_rate("civil_servant")
    allocation: CivilServantAllocation = Field(default_factory=CivilServantAllocation)
    months_paid: MonthsPaid = _months_paid("civil_servant")
    average_earnings: float = _average_earnings("civil_servant", "civil servants")


class EnterpriseScheme(BaseModel):
    """The compulsory scheme of enterprise employees."""

    model_config = STRICT

    employer_rate: Rate = _employer_rate("enterprise")
    employee_rate: Rate = _employee_rate("enterprise")
    allocation: EnterpriseAllocation = Field(default_factory=EnterpriseAllocation)
    months_paid: MonthsPaid = _months_paid("enterprise")
    average_earnings: float = _average_earnings("enterprise", "enterprise employees")


class VoluntaryScheme(BaseModel):
    """The voluntary scheme: members choose insurable earnings among levels above the
    floor and pay the whole contribution."""

    model_config = STRICT

    levels: int = data_param(RULES, "voluntary_levels", ge=1, le=100,
                             description="Number of insurable-earnings levels members choose from.")
    level_step: float = data_param(RULES, "voluntary_level_step", ge=0, le=10,
                                   description="Step between levels, as a multiple of the floor "
                                               "(level k = floor x (1 + k x step), at most the ceiling).")
    floor_share: float = data_param(RULES, "voluntary_floor_share", ge=0, le=1,
                                    description="Share of voluntary members at the lowest level; the "
                                                "rest spread evenly over the higher levels.")
    level_shares: list[float] | None = param(
        None, unit="share of voluntary members by level",
        description="Explicit shares of members at each level, lowest first (replaces "
                    "floor_share; one value per level, sum 1).",
        source="empty by default: floor_share and an even spread are used")
    employer_rate: Rate = _employer_rate("voluntary")
    employee_rate: Rate = _employee_rate("voluntary")
    allocation: VoluntaryAllocation = Field(default_factory=VoluntaryAllocation)
    months_paid: MonthsPaid = _months_paid("voluntary")

    @field_validator("level_shares")
    @classmethod
    def _shares(cls, value):
        if value is not None:
            if any(v < 0 for v in value):
                raise ValueError("shares >= 0")
            if abs(sum(value) - 1.0) > SHARE_TOLERANCE:
                raise ValueError(f"shares summing to 1 (found a sum of {sum(value):.6g})")
        return value

    @model_validator(mode="after")
    def _length(self):
        if self.level_shares is not None and len(self.level_shares) != self.levels:
            raise ValueError(f"{self.levels} level shares, one per level "
                             f"(found {len(self.level_shares)})")
        return self


class Schemes(BaseModel):
    """Contribution rules of the three NSSF schemes."""

    model_config = STRICT

    insurable_earnings: InsurableEarnings = Field(default_factory=InsurableEarnings)
    earnings_profile: EarningsProfile = Field(default_factory=EarningsProfile)
    civil_servant: CivilServantScheme = Field(default_factory=CivilServantScheme)
    enterprise: EnterpriseScheme = Field(default_factory=EnterpriseScheme)
    voluntary: VoluntaryScheme = Field(default_factory=VoluntaryScheme)
