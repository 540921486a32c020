"""Scenario sections of health financing: ``nhi:`` (the National Health Insurance account
with its population groups, co-payment schedule and government budget) and ``cbhi:``
(community-based health insurance in Vientiane Capital).

Defaults, units, sources and status come from ``engine/data/lao_pdr/health_financing.yaml``
and ``engine/data/lao_pdr/nhi_parameters.yaml``.
"""

from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from engine.dims import MAX_AGE
from engine.scenario.by_key import key_param
from engine.scenario.params import STRICT, YearPath, data_param, data_value, param, year_path

HEALTH_FILE = "health_financing"
HEALTH_GROUPS = ("nssf", "poor", "pregnant_women", "children_under_five", "monks", "paying")
"""NHI population groups: NSSF members and dependants, the four exempt groups, the rest."""
EXEMPT_GROUPS = HEALTH_GROUPS[1:5]
FACILITY_LEVELS = ("health_centre", "district_hospital", "provincial_hospital", "central_hospital",
                   "admission")


def health_default(name: str) -> Any:
    """The embedded value of a health-financing entry."""
    return data_value(HEALTH_FILE, name)


def health_param(name: str, *, description: str, **options: Any) -> Any:
    """A :func:`~engine.scenario.params.data_param` of health_financing.yaml."""
    return data_param(HEALTH_FILE, name, description=description, **options)


def check_curve(value: dict[int, float] | None) -> dict[int, float] | None:
    """A step function of age: ages 0..MAX_AGE, values >= 0, at least one step."""
    if value is not None:
        if not value:
            raise ValueError("a mapping of ages 0..100 to relative costs")
        bad = [a for a in value if not 0 <= a <= MAX_AGE]
        if bad:
            raise ValueError(f"ages between 0 and {MAX_AGE} (found {bad[0]})")
        if any(v < 0 for v in value.values()):
            raise ValueError("relative costs >= 0")
    return value


GROUP_LABELS = {"poor": "the poor", "pregnant_women": "pregnant women",
                "children_under_five": "children under 5", "monks": "monks",
                "paying": "the rest, who pay co-payments"}

def _group_coverage(label: str):
    return param(None, unit="share of the group", description=f"Coverage of {label} (empty: nhi.coverage).",
                 source="empty by default: nhi.coverage")


GroupShare = year_path(ge=0, le=1) | None


class GroupCoverage(BaseModel):
    """Coverage of each NHI group outside the NSSF (share of the group's population in
    the NHI area); empty: ``nhi.coverage``. NSSF members and dependants are all covered."""

    model_config = STRICT

    poor: GroupShare = _group_coverage(GROUP_LABELS["poor"])
    pregnant_women: GroupShare = _group_coverage(GROUP_LABELS["pregnant_women"])
    children_under_five: GroupShare = _group_coverage(GROUP_LABELS["children_under_five"])
    monks: GroupShare = _group_coverage(GROUP_LABELS["monks"])
    paying: GroupShare = _group_coverage(GROUP_LABELS["paying"])


class ExemptGroups(BaseModel):
    """Sizes of the groups exempt from co-payments, from the projected population."""

    model_config = STRICT

    poverty_share: year_path(ge=0, le=1) = health_param(
        "poverty_share", as_path=True,
        description="Poor share of persons aged 5+ who are neither pregnant nor monks.")
    pregnancy_fraction: float = health_param(
        "pregnancy_fraction", cast=float, ge=0, le=1,
        description="Person-years of pregnancy per birth (pregnant women = births x this).")
    monk_share: float = health_param(
        "monk_share", cast=float, ge=0, le=0.5,
        description="Share of males aged 10+ who are monks or novices.")


FEE = "Co-payment per visit or admission"
VISITS = "Paid visits or admissions per paying covered person per year"
Fee = year_path(ge=0, le=1e7)
Visits = year_path(ge=0, le=50)


class CopaymentFees(BaseModel):
    """Co-payment per visit or admission, LAK, by facility level."""

    model_config = STRICT

    health_centre: Fee = key_param(HEALTH_FILE, "copayment_fees", "health_centre", FEE, as_path=True)
    district_hospital: Fee = key_param(HEALTH_FILE, "copayment_fees", "district_hospital", FEE,
                                       as_path=True)
    provincial_hospital: Fee = key_param(HEALTH_FILE, "copayment_fees", "provincial_hospital", FEE,
                                         as_path=True)
    central_hospital: Fee = key_param(HEALTH_FILE, "copayment_fees", "central_hospital", FEE,
                                      as_path=True)
    admission: Fee = key_param(HEALTH_FILE, "copayment_fees", "admission", FEE, as_path=True)


class CopaymentVisits(BaseModel):
    """Paid visits or admissions per paying covered person per year, by facility level."""

    model_config = STRICT

    health_centre: Visits = key_param(HEALTH_FILE, "copayment_visits", "health_centre", VISITS,
                                      as_path=True)
    district_hospital: Visits = key_param(HEALTH_FILE, "copayment_visits", "district_hospital", VISITS,
                                          as_path=True)
    provincial_hospital: Visits = key_param(HEALTH_FILE, "copayment_visits", "provincial_hospital",
                                            VISITS, as_path=True)
    central_hospital: Visits = key_param(HEALTH_FILE, "copayment_visits", "central_hospital", VISITS,
                                         as_path=True)
    admission: Visits = key_param(HEALTH_FILE, "copayment_visits", "admission", VISITS, as_path=True)


class Copayments(BaseModel):
    """Co-payments at the point of service: fee by facility level x paid visits per paying
    covered person; the exempt groups and NSSF members pay none."""

    model_config = STRICT

    fees: CopaymentFees = Field(default_factory=CopaymentFees)
    visits: CopaymentVisits = Field(default_factory=CopaymentVisits)


class CBHI(BaseModel):
    """Community-based health insurance in Vientiane Capital: voluntary members join and
    lapse; they pay quarterly contributions, matched by the government; the scheme pays
    treatment and a death benefit. An ``nhi_extension`` policy block winds it down."""

    model_config = STRICT

    members_2020: float = health_param("cbhi_members_2020", cast=float, ge=0, le=1e7,
                                       description="CBHI members at the end of 2020 (calibration target).")
    coverage_2019: float = health_param("cbhi_coverage_2019", cast=float, ge=0, le=1,
                                        description="Share of the target population enrolled in 2019 "
                                                    "(calibration target).")
    target_share: float = health_param("cbhi_target_share", cast=float, ge=0, le=1,
                                       description="Share of the capital's population outside the NSSF "
                                                   "that CBHI targets.")
    lapse_rate: year_path(ge=0, le=1) = health_param(
        "cbhi_lapse_rate", as_path=True, description="Share of members leaving each year.")
    household_size: float = health_param("cbhi_household_size", cast=float, ge=1, le=30,
                                         description="Persons per member household.")
    contribution: float = health_param(
        "cbhi_contribution", cast=float, ge=0, le=1e7,
        description="Contribution per person per quarter, 2020 prices (indexed to prices).")
    indexation: Literal["cost", "prices", "none"] = health_param(
        "cbhi_indexation", description="How the contribution and death benefit move after 2020: with "
                                       "NHI spending per covered person, consumer prices, or not.")
    government_match: year_path(ge=0, le=5) = health_param(
        "cbhi_government_match", as_path=True,
        description="Government match as a share of members' contributions.")
    treatment_cost_ratio: float = health_param(
        "cbhi_treatment_cost_ratio", cast=float, ge=0, le=10,
        description="Treatment cost per member / NHI spending per covered person.")
    death_benefit: float = health_param("cbhi_death_benefit", cast=float, ge=0, le=1e9,
                                        description="Death benefit per deceased member, 2020 prices.")
    admin_share: float = health_param("cbhi_admin_share", cast=float, ge=0, le=1,
                                      description="Administration, share of contributions and match.")
    dual_share: float = health_param("cbhi_dual_share", cast=float, ge=0, le=1,
                                     description="Share of CBHI members also covered by the NSSF.")
    initial_reserve: float = param(0.0, unit="LAK at 31 December 2019", ge=0,
                                   description="CBHI reserve at the end of 2019.",
                                   source="engine default assumption (no CBHI accounts found)")


# ----------------------------------------------------------------- the NHI account
GAP_CLOSURE = Literal["budget", "cut"]
NHI_FILE = "nhi_parameters"


class GovernmentBudget(BaseModel):
    """The government's NHI budget: ``balance`` (whatever spending the NSSF transfer and
    co-payments leave, never negative), ``share_of_gdp``, or ``path`` (LAK by year)."""

    model_config = STRICT

    rule: Literal["balance", "share_of_gdp", "path"] = data_param(
        NHI_FILE, "government_budget_rule", description="How the government budget is set.")
    share_of_gdp: year_path(ge=0, le=0.2) = param(
        YearPath.constant(0.0011), unit="share of GDP", status="derived",
        description="Budget as a share of GDP (rule 'share_of_gdp').",
        source="180 billion LAK / 162.66 trillion LAK GDP in 2019 = 0.00111 (Oxfam in Laos 2021; "
               "World Bank WDI): derived, rounded")
    path: year_path(ge=0) | None = param(
        None, unit="LAK per year", description="Budget by year (rule 'path').",
        source="empty by default: used only by the rule 'path'")

    @model_validator(mode="after")
    def _path_given(self):
        if self.rule == "path" and self.path is None:
            raise ValueError("rule 'path' needs nhi.government_budget.path with amounts by year")
        return self


class NHI(BaseModel):
    """The National Health Insurance account by population group
    (:mod:`engine.funds.health`). Covered persons: NSSF contributing members x covered per
    member, plus each group outside the NSSF (poor, pregnant women, children under 5,
    monks, the rest who pay co-payments) x its coverage in the NHI area (every province
    but Vientiane Capital, until an ``nhi_extension`` block). Spending = covered persons x
    cost of care by age and sex x payment adequacy, moving with the cost index, the cost
    growth margin and utilisation."""

    model_config = STRICT

    coverage: year_path(ge=0, le=1) = data_param(
        NHI_FILE, "coverage", as_path=True,
        description="Share of each group outside the NSSF covered by NHI in the NHI area.")
    group_coverage: GroupCoverage = Field(default_factory=GroupCoverage)
    exempt: ExemptGroups = Field(default_factory=ExemptGroups)
    capital_population_share: float = health_param(
        "capital_population_share", cast=float, ge=0, le=1,
        description="Share of the population living in Vientiane Capital (outside NHI until an extension).")
    nssf_capital_share: float = health_param(
        "nssf_capital_share", cast=float, ge=0, le=1,
        description="Share of NSSF members and dependants living in Vientiane Capital.")
    nssf_covered_per_member: float = data_param(
        NHI_FILE, "nssf_covered_per_member", ge=1, le=20,
        description="Persons covered per contributing NSSF member (member and dependants).")
    cost_per_covered_person: float = health_param(
        "cost_per_covered_person", cast=float, ge=0,
        description="NHI spending per covered person in the prices of cost_price_base, at the "
                    "payment adequacy of that year (payment_adequacy_base).")
    cost_price_base: int = param(2019, unit="calendar year", ge=2019, le=2150, status="derived",
                                 description="Year whose prices cost_per_covered_person is in.",
                                 source="year of the 180 billion LAK budget figure")
    cost_index: Literal["earnings", "prices"] = data_param(
        NHI_FILE, "cost_index",
        description="Index that spending per covered person follows (medical prices).")
    cost_growth_margin: year_path(ge=-0.5, le=0.5) = data_param(
        NHI_FILE, "cost_growth_margin", as_path=True,
        description="Growth of spending per covered person above the cost index.")
    utilisation_growth: year_path(ge=-0.5, le=0.5) = health_param(
        "utilisation_growth", as_path=True,
        description="Growth of the use of care per covered person, per year.")
    cost_curve: dict[int, float] | None = health_param(
        "cost_curve", description="Relative spending per covered person by age (step function from "
                                  "each listed age), rescaled so that the base-year population average is 1; "
                                  "empty: the same at every age.")
    female_cost_ratio: dict[int, float] | None = health_param(
        "female_cost_ratio", description="Ratio of female to male spending by age (step function); "
                                         "empty: 1.")
    payment_adequacy: year_path(ge=0, le=2) = health_param(
        "payment_adequacy", as_path=True,
        description="Share of the cost of care NHI pays to facilities.")
    payment_adequacy_base: float = health_param(
        "payment_adequacy", cast=float, gt=0, le=2,
        description="Payment adequacy at which cost_per_covered_person was observed (2019).")
    copayments: Copayments = Field(default_factory=Copayments)
    gap_closure: GAP_CLOSURE = health_param(
        "gap_closure", description="How a shortfall under a fixed budget rule closes: the "
                                   "government budget pays it, or spending is cut to income.")
    government_budget: GovernmentBudget = Field(default_factory=GovernmentBudget)

    @field_validator("cost_curve", "female_cost_ratio")
    @classmethod
    def _ages(cls, value):
        return check_curve(value)


__all__ = ["CBHI", "Copayments", "EXEMPT_GROUPS", "ExemptGroups", "FACILITY_LEVELS", "GAP_CLOSURE",
           "GovernmentBudget", "GroupCoverage", "HEALTH_FILE", "NHI", "NHI_FILE", "HEALTH_GROUPS", "check_curve", "health_default",
           "health_param"]
