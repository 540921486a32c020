"""Scenario sections of the NSSF schemes, their benefits, the sub-fund accounts and NHI.

Four sections join the :class:`engine.scenario.schema.Scenario`:

``schemes:``   contribution rates, allocation keys to sub-funds, months paid, insurable
               earnings (floor and ceiling rules, earnings levels and profile, the 17
               voluntary contribution levels);
``benefits:``  one block per branch (old age, disability, survivors, death grant,
               sickness, maternity, employment injury, unemployment);
``funds:``     investment return, administration cost rule, health transfer, horizon of
               the general average premium, and the initial conditions;
``nhi:``       coverage, spending per covered person, co-payments, government budget rule.

Defaults come from the embedded data files ``nssf_rules.yaml``, ``nssf_initial.yaml`` and
``nhi_parameters.yaml`` (engine/data/lao_pdr/), whose entries carry the unit, source and
status that every leaf parameter reports. Values that differ by scheme are blocks with one
key per scheme (``civil_servant``, ``enterprise``, ``voluntary``), for example
``--set benefits.old_age.accrual_rate.enterprise=0.02``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model, field_validator, model_validator

from engine.dims import FUNDS, MAX_AGE, SCHEMES
from engine.scenario.params import STRICT, YearPath, data_entries, data_param, param, year_path
from engine.scenario.schema_health import (GAP_CLOSURE, Copayments, ExemptGroups, GroupCoverage,
                                           check_curve, health_param)

RULES, INITIAL, NHI_FILE = "nssf_rules", "nssf_initial", "nhi_parameters"
SHARE_TOLERANCE = 1e-6


# ----------------------------------------------------------------------------- helpers
def by_key_model(class_name: str, keys: tuple[str, ...], file: str, name: str, *,
                 description: str, path: bool, ge: float | None = None,
                 le: float | None = None, doc: str = "") -> type[BaseModel]:
    """A model with one parameter per scheme (or fund), defaults from one data entry."""
    fields = {}
    for key in keys:
        label = key.replace("_", " ")
        if path:
            fields[key] = (year_path(ge=ge, le=le), data_param(
                file, name, key=key, as_path=True, description=f"{description} ({label})"))
        else:
            fields[key] = (float, data_param(file, name, key=key, cast=float, ge=ge, le=le,
                                             description=f"{description} ({label})"))
    return create_model(class_name, __config__=STRICT, __doc__=doc or description,
                        __module__=__name__, **fields)


def _by_scheme(class_name, file, name, *, description, path=True, ge=None, le=None):
    return by_key_model(class_name, SCHEMES, file, name, description=description, path=path,
                        ge=ge, le=le)


# ----------------------------------------------------------------------------- schemes
RULE_DOC = """A floor or ceiling of monthly insurable earnings and the rule that moves it.

    Rules: ``fixed`` (the ``amount`` path, by year); ``minimum_wage`` (``multiple`` x the
    minimum wage of year t - ``lag_years``); ``prices`` / ``earnings`` (``amount`` until the
    year before ``indexation_start_year``, then indexed with consumer prices or average
    earnings lagged ``lag_years``); ``none`` (no floor, or no ceiling)."""

BoundRule = Literal["fixed", "minimum_wage", "prices", "earnings", "none"]


def _bound_model(class_name: str, doc: str, *, rule: tuple, amount: tuple, multiple: tuple,
                 lag: tuple, start: tuple) -> type[BaseModel]:
    """A floor or ceiling model; each argument is (default, status, source)."""
    return create_model(
        class_name, __config__=STRICT, __module__=__name__, __doc__=f"{doc}\n\n    {RULE_DOC}",
        rule=(BoundRule, param(rule[0], unit="choice", status=rule[1], source=rule[2],
                               description="How the bound moves from year to year.")),
        amount=(year_path(ge=0), param(
            YearPath.constant(amount[0]), unit="LAK per month", status=amount[1], source=amount[2],
            description="Level of the bound (rule 'fixed'), or its level before indexation "
                        "(rules 'prices' and 'earnings').")),
        multiple=(year_path(ge=0, le=100), param(
            YearPath.constant(multiple[0]), unit="multiple of the minimum wage", status=multiple[1],
            source=multiple[2], description="Multiple of the minimum wage (rule 'minimum_wage').")),
        lag_years=(int, param(lag[0], unit="years", ge=0, le=5, status=lag[1], source=lag[2],
                              description="Years of delay in following the minimum wage or index.")),
        indexation_start_year=(int | None, param(
            start[0], unit="calendar year", status=start[1], source=start[2],
            description="First year indexed (rules 'prices' and 'earnings'); empty: the first "
                        "projected year.")),
    )


def _rule_entry(name: str) -> tuple:
    entry = data_entries(RULES)[name]
    return entry["value"], entry["status"], f"{entry['source']} [engine/data/lao_pdr/nssf_rules.yaml: {name}]"


_FLOOR = _rule_entry("insurable_earnings_floor")
_CEILING = _rule_entry("insurable_earnings_ceiling")
_CEILING_RULE = _rule_entry("insurable_earnings_ceiling_rule")

InsurableEarningsFloor = _bound_model(
    "InsurableEarningsFloor", "The floor of insurable earnings: the minimum wage (confirmed).",
    rule=("minimum_wage",) + _FLOOR[1:],
    amount=(1_600_000.0, "reported", "minimum wage from October 2023 (ILO/WIEGO 2024); used "
                                     "only by the rules 'fixed', 'prices' and 'earnings'"),
    multiple=(float(_FLOOR[0]),) + _FLOOR[1:],
    lag=(0, "assumption", "engine default assumption: the floor follows the minimum wage in force"),
    start=(None, "assumption", "engine default"))

InsurableEarningsCeiling = _bound_model(
    "InsurableEarningsCeiling",
    "The ceiling of insurable earnings: 4.5 million LAK (confirmed, 2023); the rule after 2024 "
    "is an assumption (indexed to average earnings, lagged one year).",
    rule=_CEILING_RULE,
    amount=(float(_CEILING[0]),) + _CEILING[1:],
    multiple=(5.0, "reported", "the 2017 ceiling was set at five times the then minimum wage "
                               "(reported); used only by the rule 'minimum_wage'"),
    lag=(1, "assumption", "engine default assumption: indexation follows the previous year's "
                          "growth"),
    start=(2025, "assumption", "engine default assumption: the 4.5 million LAK ceiling held "
                               "to the end of 2024"))


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


def _allocation_model(class_name: str, entry: str) -> type[BaseModel]:
    base = by_key_model(f"{class_name}Base", FUNDS, RULES, entry, path=False, ge=0, le=1,
                        description="Share of the contribution credited to the sub-fund")

    def _sums_to_one(self):
        total = sum(getattr(self, f) for f in FUNDS)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise ValueError(f"allocation shares summing to 1 (found a sum of {total:.6g})")
        return self

    return create_model(class_name, __base__=base, __module__=__name__,
                        __validators__={"_sums": model_validator(mode="after")(_sums_to_one)},
                        __doc__="Allocation key: shares of the scheme's contribution credited "
                                "to the health, short-term and long-term sub-funds (sum 1).")


CivilServantAllocation = _allocation_model("CivilServantAllocation", "allocation_civil_servant")
EnterpriseAllocation = _allocation_model("EnterpriseAllocation", "allocation_enterprise")
VoluntaryAllocation = _allocation_model("VoluntaryAllocation", "allocation_voluntary")


def _rate_fields(scheme: str, allocation: type[BaseModel]) -> dict:
    label = scheme.replace("_", " ")
    return {
        "employer_rate": (year_path(ge=0, le=1), data_param(
            RULES, "contribution_rate_employer", key=scheme, as_path=True,
            description=f"Employer's (or government's) contribution rate, {label} scheme.")),
        "employee_rate": (year_path(ge=0, le=1), data_param(
            RULES, "contribution_rate_employee", key=scheme, as_path=True,
            description=f"Member's contribution rate, {label} scheme.")),
        "allocation": (allocation, Field(default_factory=allocation)),
        "months_paid": (year_path(ge=0, le=12), data_param(
            RULES, "months_paid", key=scheme, as_path=True,
            description=f"Months of contributions paid per contributing member, {label} scheme.")),
    }


CivilServantScheme = create_model(
    "CivilServantScheme", __config__=STRICT, __module__=__name__,
    __doc__="The compulsory scheme of civil servants (the government pays the employer's share).",
    **_rate_fields("civil_servant", CivilServantAllocation),
    average_earnings=(float, data_param(
        RULES, "average_earnings_base_year", key="civil_servant", cast=float, gt=0,
        description="Average monthly earnings of civil servants in the base year, before the "
                    "floor and ceiling; later years move with the earnings index.")))

EnterpriseScheme = create_model(
    "EnterpriseScheme", __config__=STRICT, __module__=__name__,
    __doc__="The compulsory scheme of enterprise employees.",
    **_rate_fields("enterprise", EnterpriseAllocation),
    average_earnings=(float, data_param(
        RULES, "average_earnings_base_year", key="enterprise", cast=float, gt=0,
        description="Average monthly earnings of enterprise employees in the base year, before "
                    "the floor and ceiling; later years move with the earnings index.")))


class _VoluntaryLevels(BaseModel):
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


VoluntaryScheme = create_model(
    "VoluntaryScheme", __base__=_VoluntaryLevels, __module__=__name__,
    __doc__="The voluntary scheme: members choose insurable earnings among levels above the "
            "floor and pay the whole contribution.",
    **_rate_fields("voluntary", VoluntaryAllocation))


class Schemes(BaseModel):
    """Contribution rules of the three NSSF schemes."""

    model_config = STRICT

    insurable_earnings: InsurableEarnings = Field(default_factory=InsurableEarnings)
    earnings_profile: EarningsProfile = Field(default_factory=EarningsProfile)
    civil_servant: CivilServantScheme = Field(default_factory=CivilServantScheme)
    enterprise: EnterpriseScheme = Field(default_factory=EnterpriseScheme)
    voluntary: VoluntaryScheme = Field(default_factory=VoluntaryScheme)


# ----------------------------------------------------------------------------- benefits
PensionAgeMale = _by_scheme("PensionAgeMale", RULES, "pension_age_male", ge=40, le=80,
                            description="Pension age of men (whole years; step path by year)")
PensionAgeFemale = _by_scheme("PensionAgeFemale", RULES, "pension_age_female", ge=40, le=80,
                              description="Pension age of women (whole years; step path by year)")
AccrualRate = _by_scheme("AccrualRate", RULES, "accrual_rate", ge=0, le=0.2,
                         description="Pension per year of contribution, share of average "
                                     "revalued insurable earnings")
MaxReplacement = _by_scheme("MaxReplacement", RULES, "max_replacement", ge=0, le=2,
                            description="Maximum pension, share of average revalued insurable earnings")
InjuryIncidence = _by_scheme("InjuryIncidence", RULES, "employment_injury_incidence", ge=0, le=1,
                             description="Compensated employment-injury cases per contributing "
                                         "member per year")
UnemploymentIncidence = _by_scheme("UnemploymentIncidence", RULES, "unemployment_incidence",
                                   ge=0, le=1,
                                   description="Unemployment benefit claims per contributing "
                                               "member per year")


MinimumService = _by_scheme("MinimumService", RULES, "minimum_service", ge=1, le=50,
                            description="Years of contribution needed for a pension by persons "
                                        "first insured from the transition year (whole years)")
FullService = _by_scheme("FullService", RULES, "full_service", ge=1, le=60,
                         description="Years of contribution without reduction of the pension "
                                     "(persons first insured from the transition year)")
ProtectedMinimumService = _by_scheme(
    "ProtectedMinimumService", RULES, "protected_minimum_service", ge=1, le=50,
    description="Years of contribution needed for a pension by persons insured before the "
                "transition year (whole years)")
ProtectedFullService = _by_scheme(
    "ProtectedFullService", RULES, "protected_full_service", ge=1, le=60,
    description="Years of contribution without reduction of the pension (persons insured "
                "before the transition year)")
ReductionPerMissingYear = _by_scheme("ReductionPerMissingYear", RULES, "reduction_per_missing_year",
                                     ge=0, le=1, description="Reduction of the pension per year "
                                                             "short of the full service")
LumpSumMonths = _by_scheme("LumpSumMonths", RULES, "lump_sum_months_per_year", ge=0, le=60,
                           description="Lump sum when not eligible for a pension, months of "
                                       "average insurable earnings per year of contribution")
MinimumPension = _by_scheme("MinimumPension", RULES, "minimum_pension", ge=0, le=10,
                            description="Minimum old-age pension at award, multiple of the "
                                        "minimum wage of the year")

Revaluation = Literal["earnings", "prices", "minimum_wage", "none"]


def _revaluation_model() -> type[BaseModel]:
    fields = {s: (Revaluation, data_param(RULES, "revaluation", key=s, unit="choice",
                                          description=f"Index revaluing past insurable earnings "
                                                      f"({s.replace('_', ' ')})"))
              for s in SCHEMES}
    return create_model("RevaluationByScheme", __config__=STRICT, __module__=__name__,
                        __doc__="Index revaluing past insurable earnings in the average, by "
                                "scheme: average earnings, consumer prices, the minimum wage "
                                "or none.", **fields)


RevaluationByScheme = _revaluation_model()


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


# ----------------------------------------------------------------------------- funds
InitialReserves = by_key_model("InitialReserves", FUNDS, INITIAL, "initial_reserves", path=False,
                               description="Reserve of the sub-fund at 31 December of the base year")


def _initial_by_scheme(class_name, name, description, ge=0.0, le=None):
    return _by_scheme(class_name, INITIAL, name, description=description, path=False, ge=ge, le=le)


OldAgePensioners = _initial_by_scheme("OldAgePensioners", "old_age_pensioners",
                                      "Old-age pensioners at 31 December of the base year")
AverageOldAgePension = _initial_by_scheme("AverageOldAgePension", "average_old_age_pension",
                                          "Average old-age pension in the base year")
FemaleShareOfPensioners = _initial_by_scheme("FemaleShareOfPensioners", "female_share_of_pensioners",
                                             "Women's share of old-age pensioners", le=1.0)
DisabilityPensions = _initial_by_scheme("DisabilityPensions", "disability_pensions",
                                        "Disability pensions in payment, base year")
AverageDisabilityPension = _initial_by_scheme("AverageDisabilityPension", "average_disability_pension",
                                              "Average disability pension, base year")
SurvivorPensions = _initial_by_scheme("SurvivorPensions", "survivor_pensions",
                                      "Survivors' pensions in payment, base year")
AverageSurvivorPension = _initial_by_scheme("AverageSurvivorPension", "average_survivor_pension",
                                            "Average survivors' pension, base year")
InsuredPerContributor = _initial_by_scheme("InsuredPerContributor", "insured_per_contributor",
                                           "Insured persons per contributing member, base year",
                                           ge=1.0, le=10.0)
ServiceEntryAge = _initial_by_scheme("ServiceEntryAge", "service_entry_age",
                                     "Age at first contribution (base-year service rule)", ge=10, le=70)
ServiceDensity = _initial_by_scheme("ServiceDensity", "service_density",
                                    "Years of contribution per year since entry (base-year rule)",
                                    le=1.0)
ServiceSince = _initial_by_scheme("ServiceSince", "service_since",
                                  "Calendar year the scheme began (caps base-year service)",
                                  ge=1950, le=2023)
ReserveShareByScheme = _initial_by_scheme("ReserveShareByScheme", "reserve_share_by_scheme",
                                          "Share of each sub-fund's initial reserve held by the "
                                          "scheme's account", le=1.0)
FirstPensionYear = _initial_by_scheme("FirstPensionYear", "first_pension_year",
                                      "First year the scheme paid old-age pensions (spreads "
                                      "the base-year pensioners over ages)", ge=1950, le=2150)
PastServiceCredit = _initial_by_scheme("PastServiceCredit", "past_service_credit",
                                       "Years of service credited per year of employment "
                                       "before the scheme began", le=1.0)
ReentryShare = _initial_by_scheme("ReentryShare", "reentry_share",
                                  "Share of a cohort's net inflow of contributors who are "
                                  "former contributors resuming", le=1.0)
LegacyShareInPayment = _initial_by_scheme("LegacyShareInPayment", "legacy_share_of_pensions_in_payment",
                                          "Legacy share of the pensions in payment at the end of "
                                          "the base year", le=1.0)


def _existing_file(value):
    if value is not None and not Path(value).is_file():
        raise ValueError(f"an existing CSV file (no file at '{value}')")
    return value


class Initial(BaseModel):
    """Initial conditions at 31 December of the base year; the fund's own figures replace
    these flagged defaults. ``insured_table`` names a CSV file of insured persons by service
    (columns scheme, sex, age, service, persons and optionally status - active or inactive -
    and average_earnings in LAK per month), which replaces the service rule for the schemes
    it lists; ``pensioner_table`` a CSV file of old-age pensioners (columns scheme, sex, age,
    persons, average_pension in LAK per month), which replaces the counts, averages and age
    spread of the schemes it lists."""

    model_config = STRICT

    reserves: InitialReserves = Field(default_factory=InitialReserves)
    reserve_share_by_scheme: ReserveShareByScheme = Field(default_factory=ReserveShareByScheme)
    old_age_pensioners: OldAgePensioners = Field(default_factory=OldAgePensioners)
    average_old_age_pension: AverageOldAgePension = Field(default_factory=AverageOldAgePension)
    female_share_of_pensioners: FemaleShareOfPensioners = Field(default_factory=FemaleShareOfPensioners)
    disability_pensions: DisabilityPensions = Field(default_factory=DisabilityPensions)
    average_disability_pension: AverageDisabilityPension = Field(default_factory=AverageDisabilityPension)
    survivor_pensions: SurvivorPensions = Field(default_factory=SurvivorPensions)
    average_survivor_pension: AverageSurvivorPension = Field(default_factory=AverageSurvivorPension)
    insured_per_contributor: InsuredPerContributor = Field(default_factory=InsuredPerContributor)
    service_entry_age: ServiceEntryAge = Field(default_factory=ServiceEntryAge)
    service_density: ServiceDensity = Field(default_factory=ServiceDensity)
    service_since: ServiceSince = Field(default_factory=ServiceSince)
    past_service_credit: PastServiceCredit = Field(default_factory=PastServiceCredit)
    first_pension_year: FirstPensionYear = Field(default_factory=FirstPensionYear)
    insured_table: str | None = param(
        None, unit="path to a CSV file",
        description="Insured persons by scheme, sex, age and completed years of service at "
                    "31 December of the base year (replaces the service rule).",
        source="empty by default: the service rule above is used")
    pensioner_table: str | None = param(
        None, unit="path to a CSV file",
        description="Old-age pensioners by scheme, sex and age with their average monthly "
                    "pension at 31 December of the base year (replaces the counts above).",
        source="empty by default: the counts, averages and first_pension_year above are used")

    _tables_exist = field_validator("insured_table", "pensioner_table")(_existing_file)

    @field_validator("reserve_share_by_scheme")
    @classmethod
    def _shares_sum_to_one(cls, value):
        total = sum(getattr(value, s) for s in SCHEMES)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise ValueError(f"shares by scheme summing to 1 (found a sum of {total:.6g})")
        return value


class Valuation(BaseModel):
    """Settings of the valuation indicators (see :mod:`engine.funds.valuation`)."""

    model_config = STRICT

    scaled_premium_reserve_ratio: float = param(
        1.0, unit="years of expenditure", ge=0, le=50,
        description="Reserve the scaled premium must leave at the end of its period.",
        source="engine default assumption: one year of expenditure, a usual funding target "
               "of partially funded schemes")
    scaled_premium_period_years: int = param(
        25, unit="years", ge=1, le=130,
        description="Years from the first projected year over which the scaled premium holds.",
        source="engine default assumption: 25 years, the shortest of the usual valuation horizons")


class StateShare(BaseModel):
    """What the state pays besides its employer contribution for civil servants: the
    legacy of the civil servants' scheme and the budget-paid allowances to retirees."""

    model_config = STRICT

    legacy_financing: Literal["state", "fund"] = data_param(
        INITIAL, "legacy_financing",
        description="Who pays the legacy part of civil servants' pensions: the state budget "
                    "(reimbursing the long-term sub-fund) or the fund.")
    legacy_start_year: int = data_param(
        INITIAL, "legacy_start_year", ge=1950, le=2100,
        description="Year from which civil servants' service is the NSSF's; service before "
                    "it is legacy.")
    legacy_share_of_pensions_in_payment: LegacyShareInPayment = Field(default_factory=LegacyShareInPayment)
    retiree_floor: year_path(ge=0) = data_param(
        INITIAL, "retiree_floor", as_path=True,
        description="Budget-paid floor of civil-service old-age pensions (top-up to it).")
    retiree_allowance: year_path(ge=0) = data_param(
        INITIAL, "retiree_allowance", as_path=True,
        description="Budget-paid living allowance per civil-service pensioner.")


class InvestmentReturn(BaseModel):
    """Return on the reserves of every sub-fund, also the discount rate of the general
    average premium and the valuation. Nominal return: ``(1 + rate)(1 + inflation) - 1``
    (basis 'real'), ``rate`` (basis 'nominal') or ``(1 + rate)(1 + nominal wage growth) -
    1`` (basis 'wage_spread'); in the years of ``observed``, the nominal return given there."""

    model_config = STRICT

    basis: Literal["real", "nominal", "wage_spread"] = data_param(
        INITIAL, "investment_return_basis",
        description="How rate is stated: a real return, a nominal return, or a spread over "
                    "nominal wage growth.")
    rate: year_path(ge=-0.5, le=1) = data_param(INITIAL, "investment_return", as_path=True,
                                                description="Investment return per year, on the basis.")
    observed: dict[int, float] | None = data_param(
        INITIAL, "investment_return_observed",
        description="Nominal returns of years with market figures, replacing the basis rule "
                    "in those years (empty: none).")

    @field_validator("observed")
    @classmethod
    def _observed_rates(cls, value):
        if value is not None and any(not -0.5 <= v <= 1.0 for v in value.values()):
            raise ValueError("nominal returns between -0.5 and 1")
        return value


Shortfall = Literal["state_guarantee", "borrow"]


def _shortfall_model() -> type[BaseModel]:
    fields = {f: (Shortfall, data_param(INITIAL, "shortfall", key=f, unit="choice",
                                        description=f"What happens when the {f.replace('_', '-')} "
                                                    f"sub-fund's reserve runs out"))
              for f in FUNDS}
    return create_model("ShortfallByFund", __config__=STRICT, __module__=__name__,
                        __doc__="Deficit financing by sub-fund: the state keeps the reserve at "
                                "zero ('state_guarantee') or the sub-fund borrows ('borrow').",
                        **fields)


ShortfallByFund = _shortfall_model()


AdminCostRate = by_key_model("AdminCostRate", FUNDS, INITIAL, "admin_cost_rate", path=False,
                             ge=0, le=1, description="Administration cost, share of the "
                                                     "sub-fund's contributions (or income)")


class AdminCost(BaseModel):
    """Administration cost of each sub-fund: ``rate x contributions`` (basis
    'contributions') or ``rate x (contributions + investment income)`` (basis 'income')."""

    model_config = STRICT

    basis: Literal["contributions", "income"] = param(
        "contributions", unit="choice", description="What the rate applies to.",
        source="engine default assumption")
    rate: AdminCostRate = Field(default_factory=AdminCostRate)


class Funds(BaseModel):
    """Sub-fund accounts of the NSSF and their initial conditions."""

    model_config = STRICT

    investment_return: InvestmentReturn = Field(default_factory=InvestmentReturn)
    admin_cost: AdminCost = Field(default_factory=AdminCost)
    health_transfer_share: year_path(ge=0, le=1) = data_param(
        INITIAL, "health_transfer_share", as_path=True,
        description="Share of the health sub-fund's net inflow paid to the National Health "
                    "Insurance Fund at the end of each year.")
    shortfall: ShortfallByFund = Field(default_factory=ShortfallByFund)
    borrowing_rate: year_path(ge=-0.5, le=1) | None = param(
        None, unit="nominal rate per year",
        description="Rate charged on a negative reserve of a sub-fund that borrows; empty: "
                    "the investment return.",
        source="engine default assumption: a sub-fund borrows at its own return")
    scheme_accounts: Literal["separate", "pooled"] = data_param(
        INITIAL, "scheme_accounts",
        description="Whether each scheme keeps its own account of every sub-fund, or the "
                    "schemes pool their reserves.")
    reentry_share: ReentryShare = Field(default_factory=ReentryShare)
    state_share: StateShare = Field(default_factory=StateShare)
    valuation: Valuation = Field(default_factory=Valuation)
    premium_horizon_end_year: int | None = param(
        None, unit="calendar year",
        description="Last year of the general average premium's horizon; empty: the last "
                    "projected year.", source="engine default")
    initial: Initial = Field(default_factory=Initial)


# ----------------------------------------------------------------------------- NHI
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
