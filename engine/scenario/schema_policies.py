"""Scenario section ``policies:``: a list of small, named policy blocks (RAP-style).

Each block has a ``type`` (the discriminator), a ``name`` (unique within the scenario),
a ``start_year`` and an optional ``phase_in_years``. From the start year the block's
levers move linearly from their no-policy value to the stated value over
``phase_in_years`` (0 or 1: at once); before it the block changes nothing.

=======================  ===================================================================
type                     what it does
=======================  ===================================================================
contribution_subsidy     the government pays a share of the lowest voluntary contribution
                         for an eligible group; affordability (so enrolment) responds; the
                         cost is ``subsidy_cost``
reduced_package          a lower contribution rate for fewer sub-funds or benefit branches,
                         old age as a pension or a lump sum, paid annually or seasonally
outreach                 added reach in targeted areas (or what feeds the awareness stock),
                         its cost per registration, a fixed yearly cost and its teams
                         (``outreach_cost``)
contribution_rules       floor and ceiling rules of insurable earnings from the start year
                         (e.g. the voluntary floor de-linked from the minimum wage)
benefit_change           accrual, maximum, pension ages and employment-injury cover by
                         scheme from the start year
health_quality           a shift of the probit index of interest, or a multiplier on it,
                         and its added NHI spending per covered person
nhi_extension            NHI extended to Vientiane Capital, CBHI members absorbed
spf_programme            a non-contributory social protection floor benefit: target group x
                         take-up x benefit x 12 x (1 + administration) (``spf_cost``)
enrolment_target         reports (or applies) the lever value that meets one of ``targets``
retention                a lower lapse rate and a higher return rate of eligible members
                         (claims, reminders, group payment) at a cost per member
                         (``retention_cost``)
enforcement              enterprise compliance with the compulsory scheme raised by licence
                         linkage or inspections, at a cost (``enforcement_cost``)
payment_frequency        the mix of monthly, quarterly, six-monthly and yearly payment: lapse
                         and contributions held in advance (``advance_contributions``)
unemployment_cover       unemployment benefits added to the voluntary scheme, with the
                         contribution rate that pays for them (in the price of joining)
=======================  ===================================================================

Eligible groups (``eligible:``) select informal workers by covariate cell (income band or
a means test at the minimum wage, provincial capital or not, survey province, income
frequency, marital status, collective-group membership: every covariate of the probit)
and by sex and age. Defaults come from ``engine/data/lao_pdr/policies.yaml``.
"""

from typing import Annotated, Any, Union

from pydantic import AfterValidator, Discriminator, Tag, ValidationInfo

from engine.scenario.schema_policy_base import Block, Eligibility, data_default
from engine.scenario.schema_policy_branches import UnemploymentCover
from engine.scenario.schema_policy_enrolment import (ContributionSubsidy, Enforcement, Outreach, ReducedPackage,
                                                     SubsidyTier, Taper)
from engine.scenario.schema_policy_retention import Contract, PaymentFrequency, Retention
from engine.scenario.schema_policy_rules import (BenefitChange, ContributionRules, EnrolmentTarget,
                                                 HealthQuality, NHIExtension, PolicyBound,
                                                 SPFBenefit, SPFProgramme, SPFTarget)

BLOCK_TYPES: dict[str, type[Block]] = {
    "contribution_subsidy": ContributionSubsidy, "reduced_package": ReducedPackage,
    "outreach": Outreach, "contribution_rules": ContributionRules, "benefit_change": BenefitChange,
    "health_quality": HealthQuality, "spf_programme": SPFProgramme,
    "enrolment_target": EnrolmentTarget, "nhi_extension": NHIExtension, "retention": Retention,
    "enforcement": Enforcement, "payment_frequency": PaymentFrequency, "contract": Contract,
    "unemployment_cover": UnemploymentCover,
}


def _tag(value: Any) -> str:
    """Discriminator: the block's type. Tags are bracketed so that error locations read
    ``policies.0.share`` rather than naming the union member."""
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return f"type[{kind}]"


PolicyBlock = Annotated[
    Union[tuple(Annotated[cls, Tag(f"type[{name}]")] for name, cls in BLOCK_TYPES.items())],
    Discriminator(_tag, custom_error_type="policy_type",
                  custom_error_message=f"a policy block whose type: is one of {', '.join(BLOCK_TYPES)}"),
]


def _check_policies(blocks: tuple, info: ValidationInfo) -> tuple:
    """Start years lie within the horizon; names are unique; enrolment_target blocks name
    an existing target."""
    problems = []
    data = info.data or {}
    horizon = data.get("horizon")
    if horizon is not None:
        first, last = horizon.base_year + 1, horizon.end_year
        for i, b in enumerate(blocks):
            if not first <= b.start_year <= last:
                problems.append(f"policies.{i}.start_year: found the year {b.start_year}: expected a year "
                                f"within the horizon {first}..{last}")
        for i, b in enumerate(blocks):
            year = getattr(b, "price_year", None) if isinstance(b, (ContributionSubsidy, ReducedPackage)) else None
            if year is not None and not first <= year <= last:
                problems.append(f"policies.{i}.price_year: found the year {year}: expected a year "
                                f"within the horizon {first}..{last}")
    names = [b.name for b in blocks]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"two policy blocks are named '{name}' (give each a distinct name)")
    for kind, why in (("nhi_extension", "NHI reaches the capital once"),
                      ("unemployment_cover", "the voluntary scheme has one unemployment benefit")):
        seen = [i for i, b in enumerate(blocks) if b.type == kind]
        if len(seen) > 1:
            problems.append(f"policies.{seen[1]}.type: found a second {kind} block: expected at most one ({why})")
    targets = data.get("targets")
    labels = [t.label for t in targets] if targets is not None else None
    for i, b in enumerate(blocks):
        if isinstance(b, EnrolmentTarget) and labels is not None and b.target not in labels:
            problems.append(f"policies.{i}.target: found '{b.target}', which labels no target: expected "
                            f"one of {', '.join(labels) or '(none: the scenario states no targets)'}")
    if problems:
        raise ValueError("; ".join(problems))
    return blocks


PolicyList = Annotated[tuple[PolicyBlock, ...], AfterValidator(_check_policies)]
"""The type of ``Scenario.policies``."""

__all__ = ["BLOCK_TYPES", "BenefitChange", "Block", "ContributionRules", "ContributionSubsidy",
           "Eligibility", "Enforcement", "EnrolmentTarget", "HealthQuality", "NHIExtension", "Outreach",
           "PaymentFrequency", "PolicyBlock", "PolicyBound", "PolicyList", "ReducedPackage", "Retention",
           "UnemploymentCover",
           "SPFBenefit", "SPFProgramme", "SPFTarget", "SubsidyTier", "Taper", "data_default"]
