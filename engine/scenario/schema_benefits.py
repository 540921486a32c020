"""Scenario section ``benefits:``: one block per branch of the NSSF schemes.

Long-term sub-fund: old-age, disability and survivors' pensions and old-age lump sums;
short-term sub-fund: sickness, maternity, death grants, employment injury and unemployment.
Rules that differ by scheme are :class:`~engine.scenario.by_key.ByScheme` blocks, for
example ``--set benefits.old_age.accrual_rate.enterprise=0.02``. Defaults, units, sources
and statuses come from ``engine/data/lao_pdr/nssf_rules.yaml``.
"""

from typing import Literal

from pydantic import BaseModel, Field

from engine.scenario.by_key import ByScheme, key_param
from engine.scenario.params import STRICT, YearPath, data_param, param, year_path

RULES = "nssf_rules"


# ----------------------------------------------------------------- rules by scheme
class PensionAgeMale(ByScheme[YearPath]):
    """Pension age of men (whole years; step path by year)"""

    civil_servant: year_path(ge=40, le=80) = key_param(
        RULES, "pension_age_male", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=40, le=80) = key_param(
        RULES, "pension_age_male", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=40, le=80) = key_param(
        RULES, "pension_age_male", "voluntary", __doc__, as_path=True)


class PensionAgeFemale(ByScheme[YearPath]):
    """Pension age of women (whole years; step path by year)"""

    civil_servant: year_path(ge=40, le=80) = key_param(
        RULES, "pension_age_female", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=40, le=80) = key_param(
        RULES, "pension_age_female", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=40, le=80) = key_param(
        RULES, "pension_age_female", "voluntary", __doc__, as_path=True)


class AccrualRate(ByScheme[YearPath]):
    """Pension per year of contribution, share of average revalued insurable earnings"""

    civil_servant: year_path(ge=0, le=0.2) = key_param(
        RULES, "accrual_rate", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=0, le=0.2) = key_param(
        RULES, "accrual_rate", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=0, le=0.2) = key_param(
        RULES, "accrual_rate", "voluntary", __doc__, as_path=True)


class MaxReplacement(ByScheme[YearPath]):
    """Maximum pension, share of average revalued insurable earnings"""

    civil_servant: year_path(ge=0, le=2) = key_param(
        RULES, "max_replacement", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=0, le=2) = key_param(
        RULES, "max_replacement", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=0, le=2) = key_param(
        RULES, "max_replacement", "voluntary", __doc__, as_path=True)


class InjuryIncidence(ByScheme[YearPath]):
    """Compensated employment-injury cases per contributing member per year"""

    civil_servant: year_path(ge=0, le=1) = key_param(
        RULES, "employment_injury_incidence", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=0, le=1) = key_param(
        RULES, "employment_injury_incidence", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=0, le=1) = key_param(
        RULES, "employment_injury_incidence", "voluntary", __doc__, as_path=True)


class UnemploymentIncidence(ByScheme[YearPath]):
    """Unemployment benefit claims per contributing member per year"""

    civil_servant: year_path(ge=0, le=1) = key_param(
        RULES, "unemployment_incidence", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=0, le=1) = key_param(
        RULES, "unemployment_incidence", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=0, le=1) = key_param(
        RULES, "unemployment_incidence", "voluntary", __doc__, as_path=True)


class MinimumService(ByScheme[YearPath]):
    """Years of contribution needed for a pension by persons first insured from the transition year (whole years)"""

    civil_servant: year_path(ge=1, le=50) = key_param(
        RULES, "minimum_service", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=1, le=50) = key_param(
        RULES, "minimum_service", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=1, le=50) = key_param(
        RULES, "minimum_service", "voluntary", __doc__, as_path=True)


class FullService(ByScheme[YearPath]):
    """Years of contribution without reduction of the pension (persons first insured from the transition year)"""

    civil_servant: year_path(ge=1, le=60) = key_param(
        RULES, "full_service", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=1, le=60) = key_param(
        RULES, "full_service", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=1, le=60) = key_param(
        RULES, "full_service", "voluntary", __doc__, as_path=True)


class ProtectedMinimumService(ByScheme[YearPath]):
    """Years of contribution needed for a pension by persons insured before the transition year (whole years)"""

    civil_servant: year_path(ge=1, le=50) = key_param(
        RULES, "protected_minimum_service", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=1, le=50) = key_param(
        RULES, "protected_minimum_service", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=1, le=50) = key_param(
        RULES, "protected_minimum_service", "voluntary", __doc__, as_path=True)


class ProtectedFullService(ByScheme[YearPath]):
    """Years of contribution without reduction of the pension (persons insured before the transition year)"""

    civil_servant: year_path(ge=1, le=60) = key_param(
        RULES, "protected_full_service", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=1, le=60) = key_param(
        RULES, "protected_full_service", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=1, le=60) = key_param(
        RULES, "protected_full_service", "voluntary", __doc__, as_path=True)


class ReductionPerMissingYear(ByScheme[YearPath]):
    """Reduction of the pension per year short of the full service"""

    civil_servant: year_path(ge=0, le=1) = key_param(
        RULES, "reduction_per_missing_year", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=0, le=1) = key_param(
        RULES, "reduction_per_missing_year", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=0, le=1) = key_param(
        RULES, "reduction_per_missing_year", "voluntary", __doc__, as_path=True)


class LumpSumMonths(ByScheme[YearPath]):
    """Lump sum when not eligible for a pension, months of average insurable earnings per year of contribution"""

    civil_servant: year_path(ge=0, le=60) = key_param(
        RULES, "lump_sum_months_per_year", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=0, le=60) = key_param(
        RULES, "lump_sum_months_per_year", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=0, le=60) = key_param(
        RULES, "lump_sum_months_per_year", "voluntary", __doc__, as_path=True)


class MinimumPension(ByScheme[YearPath]):
    """Minimum old-age pension at award, multiple of the minimum wage of the year"""

    civil_servant: year_path(ge=0, le=10) = key_param(
        RULES, "minimum_pension", "civil_servant", __doc__, as_path=True)
    enterprise: year_path(ge=0, le=10) = key_param(
        RULES, "minimum_pension", "enterprise", __doc__, as_path=True)
    voluntary: year_path(ge=0, le=10) = key_param(
        RULES, "minimum_pension", "voluntary", __doc__, as_path=True)


Revaluation = Literal["earnings", "prices", "minimum_wage", "none"]
REVALUATION = "Index revaluing past insurable earnings"


class RevaluationByScheme(ByScheme[str]):
    """Index revaluing past insurable earnings in the average, by scheme: average earnings,
    consumer prices, the minimum wage or none."""

    civil_servant: Revaluation = key_param(RULES, "revaluation", "civil_servant", REVALUATION,
                                           unit="choice")
    enterprise: Revaluation = key_param(RULES, "revaluation", "enterprise", REVALUATION,
                                        unit="choice")
    voluntary: Revaluation = key_param(RULES, "revaluation", "voluntary", REVALUATION, unit="choice")


# ----------------------------------------------------------------- branches
class OldAge(BaseModel):
    """Old-age pensions, with rules by scheme. From the pension age, insured persons who no
    longer contribute retire (contributing members defer): with at least the minimum service
    a monthly pension of ``max(min(accrual x n, max) x (1 - reduction x max(0, full_service
    - n)) x average revalued insurable earnings, minimum pension)``, otherwise a lump sum of
    ``lump_sum_months_per_year x n x`` average earnings. Persons insured before
    ``transition_year`` keep the protected minimum and full service."""

    model_config = STRICT

    pension_age_male: PensionAgeMale = Field(default_factory=PensionAgeMale)
    pension_age_female: PensionAgeFemale = Field(default_factory=PensionAgeFemale)
    minimum_service: MinimumService = Field(default_factory=MinimumService)
    full_service: FullService = Field(default_factory=FullService)
    protected_minimum_service: ProtectedMinimumService = Field(default_factory=ProtectedMinimumService)
    protected_full_service: ProtectedFullService = Field(default_factory=ProtectedFullService)
    transition_year: int = data_param(
        RULES, "transition_year", ge=1950, le=2200,
        description="First year whose new insured persons are under minimum_service and "
                    "full_service; those insured earlier keep the protected rules.")
    reduction_per_missing_year: ReductionPerMissingYear = Field(default_factory=ReductionPerMissingYear)
    accrual_rate: AccrualRate = Field(default_factory=AccrualRate)
    max_replacement: MaxReplacement = Field(default_factory=MaxReplacement)
    minimum_pension: MinimumPension = Field(default_factory=MinimumPension)
    lump_sum_months_per_year: LumpSumMonths = Field(default_factory=LumpSumMonths)
    revaluation: RevaluationByScheme = Field(default_factory=RevaluationByScheme)
    indexation: Literal["prices", "earnings", "none"] = data_param(
        RULES, "pension_indexation", description="Index of pensions in payment.")
    indexation_lag_years: int = param(0, unit="years", ge=0, le=5,
                                      description="Delay of pension indexation.",
                                      source="engine default assumption: no lag")


class Disability(BaseModel):
    """Disability pensions: new pensions = incidence x active insured persons (below the
    pension age, with the minimum service), each ``benefit_rate x`` their average earnings.
    Incidence at age a and sex x: ``incidence_rate x exp(age_gradient x (a - 45)) x
    female_factor`` (women)."""

    model_config = STRICT

    incidence_rate: year_path(ge=0, le=0.05) = data_param(
        RULES, "disability_incidence", as_path=True,
        description="New disability pensions per active insured person aged 45 per year.")
    age_gradient: float = data_param(
        RULES, "disability_age_gradient", ge=0, le=0.2,
        description="Growth of incidence per year of age (log-linear around age 45).")
    female_factor: float = data_param(RULES, "disability_female_factor", ge=0, le=5,
                                      description="Women's incidence relative to men's.")
    benefit_rate: year_path(ge=0, le=1.5) = data_param(
        RULES, "disability_benefit_rate", as_path=True,
        description="Average disability pension, share of average insurable earnings.")
    minimum_service: int = data_param(RULES, "disability_minimum_service", ge=0, le=50,
                                      description="Years of contribution needed.")
    termination_rate: year_path(ge=0, le=1) = data_param(
        RULES, "disability_termination", as_path=True,
        description="Share of disability pensions ending each year.")


class Survivors(BaseModel):
    """Survivors' pensions after the death of an insured person (with the minimum service)
    or of an old-age pensioner: a spouse's pension for life and an orphan's pension until the
    age limit, each with the age that follows from the deceased's."""

    model_config = STRICT

    minimum_service: int = data_param(RULES, "survivors_minimum_service", ge=1, le=50,
                                      description="Years of contribution of the deceased needed.")
    earnings_rate: year_path(ge=0, le=2) = data_param(
        RULES, "survivors_earnings_rate", as_path=True,
        description="Survivors' pensions after an insured person's death, share of the "
                    "deceased's average insurable earnings.")
    pension_rate: year_path(ge=0, le=2) = data_param(
        RULES, "survivors_pension_rate", as_path=True,
        description="Survivors' pensions after a pensioner's death, share of the pension.")
    probability: year_path(ge=0, le=1) = data_param(
        RULES, "survivors_probability", as_path=True,
        description="Share of deaths leaving eligible survivors.")
    termination_rate: year_path(ge=0, le=1) = data_param(
        RULES, "survivors_termination", as_path=True,
        description="Share of the base year's survivors' pensions ending each year.")
    spouse_share: float = data_param(RULES, "survivors_spouse_share", ge=0, le=1,
                                     description="Share of a survivors' pension paid to the spouse; "
                                                 "the rest to an orphan under the age limit.")
    spouse_age_gap: float = data_param(RULES, "survivors_spouse_age_gap", ge=-20, le=20,
                                       description="Years by which a husband is older than his wife.")
    parent_age_at_birth: float = data_param(RULES, "survivors_parent_age_at_birth", ge=12, le=60,
                                            description="Age of the deceased parent at the orphan's birth.")
    orphan_age_limit: int = data_param(RULES, "survivors_orphan_age_limit", ge=0, le=30,
                                       description="Age at which an orphan's pension ends.")


class DeathGrant(BaseModel):
    """Death grants to contributing members' families."""

    model_config = STRICT

    insured_months: year_path(ge=0, le=120) = data_param(
        RULES, "death_grant_insured_months", as_path=True,
        description="Grant on a contributing member's death, months of insurable earnings.")
    spouse_months: year_path(ge=0, le=120) = data_param(
        RULES, "death_grant_spouse_months", as_path=True,
        description="Grant on a member's spouse's death, months of insurable earnings.")
    married_share: year_path(ge=0, le=1) = data_param(
        RULES, "married_share", as_path=True, description="Share of members with a spouse.")


class Sickness(BaseModel):
    """Sickness cash benefits: days x replacement x daily insurable earnings."""

    model_config = STRICT

    days_per_member: year_path(ge=0, le=365) = data_param(
        RULES, "sickness_days", as_path=True,
        description="Paid sickness days per contributing member per year.")
    replacement_rate: year_path(ge=0, le=1.5) = data_param(
        RULES, "sickness_replacement", as_path=True,
        description="Share of daily insurable earnings paid per day.")


class Maternity(BaseModel):
    """Maternity cash benefits: births to insured women x days x replacement x daily earnings."""

    model_config = STRICT

    days_per_birth: year_path(ge=0, le=365) = data_param(
        RULES, "maternity_days", as_path=True, description="Paid days of leave per birth.")
    replacement_rate: year_path(ge=0, le=1.5) = data_param(
        RULES, "maternity_replacement", as_path=True,
        description="Share of daily insurable earnings paid per day.")


class EmploymentInjury(BaseModel):
    """Employment injury (compulsory schemes): cases x months of insurable earnings."""

    model_config = STRICT

    incidence_rate: InjuryIncidence = Field(default_factory=InjuryIncidence)
    months_per_case: year_path(ge=0, le=600) = data_param(
        RULES, "employment_injury_months", as_path=True,
        description="Average cost of a case, months of insurable earnings.")


class Unemployment(BaseModel):
    """Unemployment benefits (compulsory schemes): claims x months x replacement x earnings."""

    model_config = STRICT

    incidence_rate: UnemploymentIncidence = Field(default_factory=UnemploymentIncidence)
    months_per_claim: year_path(ge=0, le=60) = data_param(
        RULES, "unemployment_months", as_path=True, description="Paid months per claim.")
    replacement_rate: year_path(ge=0, le=1.5) = data_param(
        RULES, "unemployment_replacement", as_path=True,
        description="Share of insurable earnings paid.")


class Benefits(BaseModel):
    """Benefit rules by branch. Long-term sub-fund: old-age, disability and survivors'
    pensions and old-age lump sums; short-term sub-fund: sickness, maternity, death grants,
    employment injury and unemployment (assumption for the last two)."""

    model_config = STRICT

    old_age: OldAge = Field(default_factory=OldAge)
    disability: Disability = Field(default_factory=Disability)
    survivors: Survivors = Field(default_factory=Survivors)
    death_grant: DeathGrant = Field(default_factory=DeathGrant)
    sickness: Sickness = Field(default_factory=Sickness)
    maternity: Maternity = Field(default_factory=Maternity)
    employment_injury: EmploymentInjury = Field(default_factory=EmploymentInjury)
    unemployment: Unemployment = Field(default_factory=Unemployment)
