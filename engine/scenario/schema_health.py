"""Scenario parts of health financing: NHI population groups, co-payment schedule, and
the ``cbhi:`` section (community-based health insurance in Vientiane Capital).

The NHI parts join :class:`engine.scenario.schema_funds.NHI`; :class:`CBHI` is a section
of the :class:`engine.scenario.schema.Scenario`. Defaults, units, sources and status come
from ``engine/data/lao_pdr/health_financing.yaml``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from engine.dims import MAX_AGE
from engine.scenario.params import STRICT, data_param, data_value, param, year_path

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

GroupCoverage = create_model(
    "GroupCoverage", __config__=STRICT,
    __doc__="Coverage of each NHI group outside the NSSF (share of the group's population in "
            "the NHI area); empty: ``nhi.coverage``. NSSF members and dependants are all covered.",
    **{g: (year_path(ge=0, le=1) | None, param(
        None, unit="share of the group", description=f"Coverage of {label} (empty: nhi.coverage).",
        source="empty by default: nhi.coverage")) for g, label in GROUP_LABELS.items()})


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


def _by_level(class_name: str, entry: str, description: str, le: float) -> type[BaseModel]:
    fields = {k: (year_path(ge=0, le=le), health_param(entry, key=k, as_path=True,
                                                     description=f"{description} ({k.replace('_', ' ')})"))
              for k in FACILITY_LEVELS}
    return create_model(class_name, __config__=STRICT, **fields)


CopaymentFees = _by_level("CopaymentFees", "copayment_fees", "Co-payment per visit or admission", 1e7)
CopaymentVisits = _by_level("CopaymentVisits", "copayment_visits",
                            "Paid visits or admissions per paying covered person per year", 50)


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


GAP_CLOSURE = Literal["budget", "cut"]

__all__ = ["CBHI", "Copayments", "EXEMPT_GROUPS", "ExemptGroups", "FACILITY_LEVELS", "GAP_CLOSURE",
           "GroupCoverage", "HEALTH_FILE", "HEALTH_GROUPS", "check_curve", "health_default",
           "health_param"]
