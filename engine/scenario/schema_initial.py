"""Scenario part ``funds.initial:``: the NSSF at 31 December of the base year.

Reserves by sub-fund, pensions in payment by scheme, and the rule that spreads the base
year's insured persons over completed years of service; the fund's own figures replace these
flagged defaults of ``engine/data/lao_pdr/nssf_initial.yaml``, either value by value or as
two tables (``insured_table``, ``pensioner_table``).
"""

from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from engine.dims import SCHEMES
from engine.scenario.by_key import ByFund, ByScheme, key_param
from engine.scenario.params import STRICT, param
from engine.scenario.schema_schemes import SHARE_TOLERANCE

INITIAL = "nssf_initial"


# ----------------------------------------------------------------- values by scheme or fund
class InitialReserves(ByFund[float]):
    """Reserve of the sub-fund at 31 December of the base year"""

    health: float = key_param(
        INITIAL, "initial_reserves", "health", __doc__, cast=float)
    short_term: float = key_param(
        INITIAL, "initial_reserves", "short_term", __doc__, cast=float)
    long_term: float = key_param(
        INITIAL, "initial_reserves", "long_term", __doc__, cast=float)


class OldAgePensioners(ByScheme[float]):
    """Old-age pensioners at 31 December of the base year"""

    civil_servant: float = key_param(
        INITIAL, "old_age_pensioners", "civil_servant", __doc__, cast=float, ge=0.0)
    enterprise: float = key_param(
        INITIAL, "old_age_pensioners", "enterprise", __doc__, cast=float, ge=0.0)
    voluntary: float = key_param(
        INITIAL, "old_age_pensioners", "voluntary", __doc__, cast=float, ge=0.0)


class AverageOldAgePension(ByScheme[float]):
    """Average old-age pension in the base year"""

    civil_servant: float = key_param(
        INITIAL, "average_old_age_pension", "civil_servant", __doc__, cast=float, ge=0.0)
    enterprise: float = key_param(
        INITIAL, "average_old_age_pension", "enterprise", __doc__, cast=float, ge=0.0)
    voluntary: float = key_param(
        INITIAL, "average_old_age_pension", "voluntary", __doc__, cast=float, ge=0.0)


class FemaleShareOfPensioners(ByScheme[float]):
    """Women's share of old-age pensioners"""

    civil_servant: float = key_param(
        INITIAL, "female_share_of_pensioners", "civil_servant", __doc__, cast=float, ge=0.0, le=1.0)
    enterprise: float = key_param(
        INITIAL, "female_share_of_pensioners", "enterprise", __doc__, cast=float, ge=0.0, le=1.0)
    voluntary: float = key_param(
        INITIAL, "female_share_of_pensioners", "voluntary", __doc__, cast=float, ge=0.0, le=1.0)


class DisabilityPensions(ByScheme[float]):
    """Disability pensions in payment, base year"""

    civil_servant: float = key_param(
        INITIAL, "disability_pensions", "civil_servant", __doc__, cast=float, ge=0.0)
    enterprise: float = key_param(
        INITIAL, "disability_pensions", "enterprise", __doc__, cast=float, ge=0.0)
    voluntary: float = key_param(
        INITIAL, "disability_pensions", "voluntary", __doc__, cast=float, ge=0.0)


class AverageDisabilityPension(ByScheme[float]):
    """Average disability pension, base year"""

    civil_servant: float = key_param(
        INITIAL, "average_disability_pension", "civil_servant", __doc__, cast=float, ge=0.0)
    enterprise: float = key_param(
        INITIAL, "average_disability_pension", "enterprise", __doc__, cast=float, ge=0.0)
    voluntary: float = key_param(
        INITIAL, "average_disability_pension", "voluntary", __doc__, cast=float, ge=0.0)


class SurvivorPensions(ByScheme[float]):
    """Survivors' pensions in payment, base year"""

    civil_servant: float = key_param(
        INITIAL, "survivor_pensions", "civil_servant", __doc__, cast=float, ge=0.0)
    enterprise: float = key_param(
        INITIAL, "survivor_pensions", "enterprise", __doc__, cast=float, ge=0.0)
    voluntary: float = key_param(
        INITIAL, "survivor_pensions", "voluntary", __doc__, cast=float, ge=0.0)


class AverageSurvivorPension(ByScheme[float]):
    """Average survivors' pension, base year"""

    civil_servant: float = key_param(
        INITIAL, "average_survivor_pension", "civil_servant", __doc__, cast=float, ge=0.0)
    enterprise: float = key_param(
        INITIAL, "average_survivor_pension", "enterprise", __doc__, cast=float, ge=0.0)
    voluntary: float = key_param(
        INITIAL, "average_survivor_pension", "voluntary", __doc__, cast=float, ge=0.0)


class InsuredPerContributor(ByScheme[float]):
    """Insured persons per contributing member, base year"""

    civil_servant: float = key_param(
        INITIAL, "insured_per_contributor", "civil_servant", __doc__, cast=float, ge=1.0, le=10.0)
    enterprise: float = key_param(
        INITIAL, "insured_per_contributor", "enterprise", __doc__, cast=float, ge=1.0, le=10.0)
    voluntary: float = key_param(
        INITIAL, "insured_per_contributor", "voluntary", __doc__, cast=float, ge=1.0, le=10.0)


class ServiceEntryAge(ByScheme[float]):
    """Age at first contribution (base-year service rule)"""

    civil_servant: float = key_param(
        INITIAL, "service_entry_age", "civil_servant", __doc__, cast=float, ge=10, le=70)
    enterprise: float = key_param(
        INITIAL, "service_entry_age", "enterprise", __doc__, cast=float, ge=10, le=70)
    voluntary: float = key_param(
        INITIAL, "service_entry_age", "voluntary", __doc__, cast=float, ge=10, le=70)


class ServiceDensity(ByScheme[float]):
    """Years of contribution per year since entry (base-year rule)"""

    civil_servant: float = key_param(
        INITIAL, "service_density", "civil_servant", __doc__, cast=float, ge=0.0, le=1.0)
    enterprise: float = key_param(
        INITIAL, "service_density", "enterprise", __doc__, cast=float, ge=0.0, le=1.0)
    voluntary: float = key_param(
        INITIAL, "service_density", "voluntary", __doc__, cast=float, ge=0.0, le=1.0)


class ServiceSince(ByScheme[float]):
    """Calendar year the scheme began (caps base-year service)"""

    civil_servant: float = key_param(
        INITIAL, "service_since", "civil_servant", __doc__, cast=float, ge=1950, le=2023)
    enterprise: float = key_param(
        INITIAL, "service_since", "enterprise", __doc__, cast=float, ge=1950, le=2023)
    voluntary: float = key_param(
        INITIAL, "service_since", "voluntary", __doc__, cast=float, ge=1950, le=2023)


class ReserveShareByScheme(ByScheme[float]):
    """Share of each sub-fund's initial reserve held by the scheme's account"""

    civil_servant: float = key_param(
        INITIAL, "reserve_share_by_scheme", "civil_servant", __doc__, cast=float, ge=0.0, le=1.0)
    enterprise: float = key_param(
        INITIAL, "reserve_share_by_scheme", "enterprise", __doc__, cast=float, ge=0.0, le=1.0)
    voluntary: float = key_param(
        INITIAL, "reserve_share_by_scheme", "voluntary", __doc__, cast=float, ge=0.0, le=1.0)


class FirstPensionYear(ByScheme[float]):
    """First year the scheme paid old-age pensions (spreads the base-year pensioners over ages)"""

    civil_servant: float = key_param(
        INITIAL, "first_pension_year", "civil_servant", __doc__, cast=float, ge=1950, le=2150)
    enterprise: float = key_param(
        INITIAL, "first_pension_year", "enterprise", __doc__, cast=float, ge=1950, le=2150)
    voluntary: float = key_param(
        INITIAL, "first_pension_year", "voluntary", __doc__, cast=float, ge=1950, le=2150)


class PastServiceCredit(ByScheme[float]):
    """Years of service credited per year of employment before the scheme began"""

    civil_servant: float = key_param(
        INITIAL, "past_service_credit", "civil_servant", __doc__, cast=float, ge=0.0, le=1.0)
    enterprise: float = key_param(
        INITIAL, "past_service_credit", "enterprise", __doc__, cast=float, ge=0.0, le=1.0)
    voluntary: float = key_param(
        INITIAL, "past_service_credit", "voluntary", __doc__, cast=float, ge=0.0, le=1.0)


# ----------------------------------------------------------------- initial conditions
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
