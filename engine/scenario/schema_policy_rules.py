"""Policy blocks that change the rules, the health services or the benefits paid:
``contribution_rules``, ``benefit_change``, ``health_quality``, ``nhi_extension``,
``spf_programme``, and ``enrolment_target``, which solves for a lever (see
:mod:`engine.scenario.schema_policies`)."""

from typing import Literal

from pydantic import Field, model_validator

from engine.citations import ILO_WIEGO, OXFAM
from engine.dims import MAX_AGE, SCHEMES
from engine.scenario.params import YearPath, data_param, param, year_path
from engine.scenario.schema_policy_base import (DATA, ELIGIBLE_DOC, Block, Eligibility,
                                                PolicyModel, _everyone, data_default)


# ---------------------------------------------------------------------- contribution rules
class PolicyBound(PolicyModel):
    """A floor or ceiling from the block's start year. ``fixed``: ``amount``; ``prices`` /
    ``earnings``: ``amount`` in the start year, then indexed (lagged ``lag_years``);
    ``minimum_wage``: ``multiple`` x the minimum wage lagged ``lag_years``; ``none``: no
    floor (0) or no ceiling. An empty ``amount`` is the level in force in the year before
    the start year (a freeze)."""

    rule: Literal["fixed", "prices", "earnings", "minimum_wage", "none"] = param(
        ..., unit="choice", status="confirmed", description="How the bound moves from the start year.")
    amount: float | None = param(
        None, unit="LAK per month", ge=0, status="confirmed",
        description="Level in the start year (fixed, prices, earnings); empty: the level of the "
                    "year before.")
    multiple: float = param(1.0, unit="multiple of the minimum wage", ge=0, le=100, status="confirmed",
                            description="Multiple of the minimum wage (rule minimum_wage).")
    lag_years: int = param(1, unit="years", ge=0, le=5,
                           description="Delay of indexation (prices, earnings, minimum_wage).",
                           source="engine default assumption: the previous year's growth")


class ContributionRules(Block):
    """Floor and ceiling rules of insurable earnings from the start year, for the voluntary
    scheme or all schemes (they replace ``schemes.insurable_earnings`` from then). The
    voluntary floor is also the base of the lowest contribution enrolment is judged on."""

    type: Literal["contribution_rules"] = param(
        "contribution_rules", unit="choice", status="confirmed", description="Block type.")
    scheme: Literal["voluntary", "all"] = param(
        "voluntary", unit="choice", status="confirmed", description="Schemes the rules apply to.")
    floor: PolicyBound | None = param(None, unit="mapping", status="confirmed",
                                      description="New floor rule (empty: unchanged).")
    ceiling: PolicyBound | None = param(None, unit="mapping", status="confirmed",
                                        description="New ceiling rule (empty: unchanged).")

    @model_validator(mode="after")
    def _something(self):
        if self.floor is None and self.ceiling is None:
            raise ValueError("a contribution_rules block needs a floor or a ceiling")
        return self


# ---------------------------------------------------------------------- benefit changes
class BenefitChange(Block):
    """New benefit parameters from the start year for one scheme or all (they replace the
    ``benefits`` values from then; phased in linearly when ``phase_in_years`` > 1)."""

    type: Literal["benefit_change"] = param(
        "benefit_change", unit="choice", status="confirmed", description="Block type.")
    scheme: Literal[SCHEMES + ("all",)] = param(
        "voluntary", unit="choice", status="confirmed", description="Scheme(s) changed.")
    accrual_rate: float | None = param(
        None, unit="share of average insurable earnings per year of contribution", ge=0, le=0.2,
        status="confirmed", description="New old-age accrual rate (empty: unchanged).")
    max_replacement: float | None = param(
        None, unit="share of average insurable earnings", ge=0, le=2, status="confirmed",
        description="New maximum pension (empty: unchanged).")
    pension_age_male: int | None = param(None, unit="years", ge=40, le=80, status="confirmed",
                                         description="New pension age of men (empty: unchanged).")
    pension_age_female: int | None = param(None, unit="years", ge=40, le=80, status="confirmed",
                                           description="New pension age of women (empty: unchanged).")
    employment_injury_incidence: float | None = param(
        None, unit="compensated cases per contributing member per year", ge=0, le=1, status="confirmed",
        description="Employment-injury cover: cases per member (e.g. adding it to the voluntary "
                    "scheme at the enterprise scheme's 0.004; empty: unchanged).")

    @model_validator(mode="after")
    def _something(self):
        keys = ("accrual_rate", "max_replacement", "pension_age_male", "pension_age_female",
                "employment_injury_incidence")
        if all(getattr(self, k) is None for k in keys):
            raise ValueError(f"a benefit_change block needs at least one of {', '.join(keys)}")
        return self


# ---------------------------------------------------------------------- health quality
class HealthQuality(Block):
    """Better health services raise interest in joining (a stated assumption): the probit
    index of interest is shifted by ``interest_shift`` and the interest probability
    multiplied by ``interest_multiplier`` (the join probability capped at the reach)."""

    type: Literal["health_quality"] = param(
        "health_quality", unit="choice", status="confirmed", description="Block type.")
    eligible: Eligibility = Field(default_factory=_everyone, description=ELIGIBLE_DOC)
    interest_shift: year_path(ge=-3, le=3) = param(
        YearPath.constant(0.0), unit="probit index units",
        description="Added to the probit index of interest.",
        source=f"assumption to state; poor health services are a main reason not to join ({OXFAM}, "
               f"section 5.5; {ILO_WIEGO})")
    interest_multiplier: year_path(ge=0, le=5) = param(
        YearPath.constant(1.0), unit="ratio to the interest probability",
        description="Multiplies the interest probability.",
        source=f"assumption to state ({OXFAM}, section 5.5)")
    nhi_spending_increase: year_path(ge=-0.5, le=5) = param(
        YearPath.constant(0.0), unit="share of NHI spending per covered person",
        description="Added NHI spending per covered person that pays for the better services "
                    "(carried in the NHI account; 0: no cost stated).",
        source="assumption to state: the cost of better services is not reported; facilities "
               f"short of cash ({OXFAM}, sections 6.5 and 7)")


# ---------------------------------------------------------------------- NHI extension
class NHIExtension(Block):
    """NHI extended to Vientiane Capital: from the start year (phased over
    ``phase_in_years``) the capital's population outside the NSSF is covered by NHI group by
    group as elsewhere, and ``absorbed_share`` of the CBHI members (times the phase) move to
    NHI, taking their share of the CBHI reserve; the CBHI account winds down."""

    type: Literal["nhi_extension"] = param(
        "nhi_extension", unit="choice", status="confirmed", description="Block type.")
    absorbed_share: float = param(
        1.0, unit="share of CBHI members", ge=0, le=1,
        description="Share of CBHI members absorbed into NHI once the extension is complete "
                    "(1: CBHI ends).",
        source=f"assumption to state; the Provincial Department of Health foresaw NHI in the capital "
               f"({OXFAM}, section 2.4)")


# ---------------------------------------------------------------------- SPF programmes
class SPFTarget(PolicyModel):
    """Target group: persons of the age band and sex, times ``share`` (default by group:
    all 1, poor the national headcount poverty rate, disabled a prevalence)."""

    age: tuple[int, int] = param(..., unit="years (first, last), inclusive", status="confirmed",
                                 description="Age band of the target group.")
    sex: Literal["all", "male", "female"] = param("all", unit="choice", status="confirmed",
                                                  description="Sex of the target group.")
    group: Literal["all", "poor", "disabled"] = param(
        "all", unit="choice", status="confirmed",
        description="Everyone of the age and sex, the poor, or persons with disabilities.")
    share: float | None = param(
        None, unit="share of the age-sex group", ge=0, le=1,
        description="Share of the age-sex group in the target (empty: 1, the poverty headcount "
                    "or the disability prevalence of policies.yaml, by group).",
        source="engine/data/lao_pdr/policies.yaml: poverty_headcount (reported), "
               "disability_prevalence (assumption)")

    @model_validator(mode="after")
    def _ages(self):
        lo, hi = self.age
        if not 0 <= lo <= hi <= MAX_AGE:
            raise ValueError(f"age [{lo}, {hi}] must be [first, last] within 0..{MAX_AGE}")
        return self

    def target_share(self) -> float:
        if self.share is not None:
            return self.share
        return {"all": 1.0, "poor": float(data_default("poverty_headcount")),
                "disabled": float(data_default("disability_prevalence"))}[self.group]


class SPFBenefit(PolicyModel):
    """Benefit level per beneficiary per month: ``amount`` LAK (in prices of
    ``price_year``, indexed), or ``amount`` x the poverty line (moving with prices), the
    minimum wage, or monthly GDP per capita of the year."""

    basis: Literal["lak_per_month", "poverty_line", "minimum_wage", "gdp_per_capita"] = param(
        ..., unit="choice", status="confirmed", description="What the amount is expressed in.")
    amount: float = param(..., unit="LAK per month, or a share of the basis", ge=0, status="confirmed",
                          description="Benefit per beneficiary per month.")
    price_year: int | None = param(
        None, unit="calendar year", ge=2019, le=2150, status="confirmed",
        description="Prices of a LAK amount (empty: the start year).")
    indexation: Literal["prices", "earnings", "none"] = param(
        "prices", unit="choice", description="How a LAK amount moves after its price year.",
        source="engine default assumption: benefits keep their real value")


class SPFProgramme(Block):
    """A non-contributory benefit costed as the ILO RAP does, LAK per year:
    ``target population x take-up x benefit per month x 12 x (1 + admin_share)``,
    the population at 1 July."""

    type: Literal["spf_programme"] = param(
        "spf_programme", unit="choice", status="confirmed", description="Block type.")
    target: SPFTarget = param(..., unit="mapping", status="confirmed", description="Target group.")
    take_up: year_path(ge=0, le=1) = data_param(
        DATA, "spf_take_up", cast=float, as_path=True, ge=0, le=1,
        description="Share of the target group receiving the benefit (phased in from 0).")
    benefit: SPFBenefit = param(..., unit="mapping", status="confirmed", description="Benefit level.")
    admin_share: float = data_param(DATA, "spf_admin_share", cast=float, ge=0, le=1,
                                    description="Administration cost, share of benefits.")


# ---------------------------------------------------------------------- target solving
class EnrolmentTarget(Block):
    """Finds the smallest constant value of an enrolment lever, from the start year, that
    meets one of the scenario's ``targets`` (bisection, as :func:`engine.enrolment.solve_for`),
    and reports it as Dataset attributes ``target_solution_<name>`` (value, lever, reason);
    with ``apply`` the run uses that value."""

    type: Literal["enrolment_target"] = param(
        "enrolment_target", unit="choice", status="confirmed", description="Block type.")
    target: str = param(..., unit="text", status="confirmed",
                        description="Label of one of the scenario's targets.")
    lever: Literal["reach", "subsidy_share", "registration_friction"] = param(
        "reach", unit="choice", status="confirmed", description="Enrolment lever solved for.")
    apply: bool = param(False, unit="yes/no", status="confirmed",
                        description="Run with the solved value (otherwise report it only).")
