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
reduced_package          a lower contribution rate for fewer sub-funds (branches), paid
                         annually or seasonally (lower lapse of seasonal earners)
outreach                 added reach in targeted areas, its cost per registration and a
                         fixed yearly cost (``outreach_cost``)
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
retention                a lower lapse rate of eligible members (claims, reminders, group
                         payment) at a cost per member (``retention_cost``)
enforcement              enterprise compliance with the compulsory scheme raised by licence
                         linkage or inspections, at a cost (``enforcement_cost``)
payment_frequency        the mix of monthly, quarterly, six-monthly and yearly payment: lapse
                         and contributions held in advance (``advance_contributions``)
=======================  ===================================================================

Eligible groups (``eligible:``) select informal workers by covariate cell (income band or
a means test at the minimum wage, provincial capital or not, survey province, income
frequency, marital status, collective-group membership: every covariate of the probit)
and by sex and age. Defaults come from ``engine/data/lao_pdr/policies.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import (AfterValidator, BaseModel, Discriminator, Field, Tag, ValidationInfo,
                      model_validator)

from engine.dims import MAX_AGE, SCHEMES
from engine.scenario.params import STRICT, YearPath, data_param, data_value, param, year_path

DATA = "policies"
PROVINCES = ("bokeo", "champasak", "luang_prabang", "vientiane_capital")
FUND_BRANCHES = ("health", "short_term", "long_term")
OXFAM = "Oxfam in Laos (2021), Promoting Informal Workers' Access to the Lao Social Security Fund"
ILO_WIEGO = "ILO/WIEGO (2024), Improving Home-Based Workers' Access to Social Security in Vientiane Capital"
NAME_PATTERN = r"^[A-Za-z0-9_]+$"


def data_default(name: str) -> Any:
    """The embedded default value of a policy parameter (policies.yaml)."""
    return data_value(DATA, name)


@lru_cache(maxsize=None)
def income_band_names() -> tuple[str, ...]:
    """Survey income bands of the informal-worker profile (2020 prices), lowest first."""
    from engine.enrolment.profile import income_bands

    return tuple(income_bands()[0])


class PolicyModel(BaseModel):
    """Base of the policy models: frozen and strict (an unknown key is an error, reported
    with the closest valid key by :mod:`engine.scenario.validate`)."""

    model_config = STRICT


# ------------------------------------------------------------------------ eligibility
class Eligibility(PolicyModel):
    """Who a block reaches among informal workers (every condition must hold).

    Income: ``all``; ``below_minimum_wage`` (a means test: covariate cells whose income in
    the year, nominal, is below that year's minimum wage; the group shrinks when real
    incomes outgrow the minimum wage); ``bands`` (the survey income bands listed in
    ``income_bands``, at 2020 prices: a fixed share of informal workers, e.g. ``lt_1_1m``,
    the 37 % below the 2020 minimum wage of 1.1 million LAK).
    """

    income: Literal["all", "below_minimum_wage", "bands"] = param(
        "all", unit="choice", status="confirmed",
        description="Income criterion: all, below the minimum wage of the year, or listed bands.",
        source=f"{OXFAM}, section 6.6.3 (identify vulnerable workers by income or location)")
    income_bands: tuple[str, ...] = param(
        (), unit="survey income band names (2020 prices)", status="confirmed",
        description="Bands eligible when income is 'bands': lt_1_1m, 1_1m_to_2_2m, 2_2m_to_3_3m, "
                    "3_3m_to_4_4m, 4_4m_to_5_5m, gt_5_5m.",
        source=f"{OXFAM}, Table 4 (income bands of the survey)")
    location: Literal["all", "provincial_capital", "outside_provincial_capital"] = param(
        "all", unit="choice", status="confirmed",
        description="Lives in a provincial capital, outside one, or either.",
        source=f"{OXFAM}, Table 13 (provincial capital covariate)")
    provinces: tuple[Literal[PROVINCES], ...] = param(
        (), unit="survey province names", status="confirmed",
        description="Survey provinces reached (empty: all). The national profile weights the "
                    "four survey provinces equally, so a province stands for areas like it.",
        source=f"{OXFAM}, Table 13 (Bokeo, Champasak, Luang Prabang, Vientiane Capital)")
    income_frequency: Literal["all", "seasonal", "regular", "yearly", "after_work"] = param(
        "all", unit="choice", status="confirmed",
        description="'seasonal': yearly and after-work earners; 'regular': the others; "
                    "'yearly' or 'after_work' alone.",
        source=f"{OXFAM}, Table 4 (income frequency) and Table 14 (yearly, after-work covariates)")
    marital_status: Literal["all", "married", "not_married"] = param(
        "all", unit="choice", status="confirmed",
        description="Married workers, the others, or either (a probit covariate).",
        source=f"{OXFAM}, Tables 4 and 14 (marital status)")
    collective_group: Literal["all", "member", "non_member"] = param(
        "all", unit="choice", status="confirmed",
        description="Members of a collective group (production group, association), the others, "
                    "or either (a probit covariate; 31 % are members).",
        source=f"{OXFAM}, Tables 13 and 14 (collective-group membership)")
    sex: Literal["all", "male", "female"] = param(
        "all", unit="choice", status="confirmed", description="Sex of eligible workers.")
    age: tuple[int, int] = param(
        (0, MAX_AGE), unit="years (first, last), inclusive", status="confirmed",
        description="Age band of eligible workers.")

    @model_validator(mode="after")
    def _consistent(self):
        names = income_band_names()
        unknown = [b for b in self.income_bands if b not in names]
        if unknown:
            raise ValueError(f"income_bands among {', '.join(names)} (found {', '.join(unknown)})")
        if self.income == "bands" and not self.income_bands:
            raise ValueError("income 'bands' needs income_bands, e.g. [lt_1_1m]")
        if self.income != "bands" and self.income_bands:
            raise ValueError("income_bands is used only with income: bands")
        lo, hi = self.age
        if not 0 <= lo <= hi <= MAX_AGE:
            raise ValueError(f"age [{lo}, {hi}] must be [first, last] within 0..{MAX_AGE}")
        return self


def _everyone() -> Eligibility:
    return Eligibility()


ELIGIBLE_DOC = "Eligible group (default: every informal worker)."


class Block(PolicyModel):
    """Fields every policy block has."""

    name: str = param(..., unit="text", status="confirmed", pattern=NAME_PATTERN,
                      description="Name of the block, unique in the scenario (letters, digits, _).")
    description: str = param("", unit="text", status="confirmed", description="What the block represents.")
    start_year: int = param(..., unit="calendar year", ge=1900, le=2150, status="confirmed",
                            description="First year the block acts (within the projection horizon).")
    phase_in_years: int = param(
        0, unit="years", ge=0, le=100, status="confirmed",
        description="Years over which the block's levers move linearly from their no-policy "
                    "value to the stated one (0 or 1: at once).")

    def phase(self, year: int) -> float:
        """Share of the stated effect in force in ``year``: 0 before the start year, then
        ``min(1, (year - start + 1) / phase_in_years)``."""
        if year < self.start_year:
            return 0.0
        if self.phase_in_years <= 1:
            return 1.0
        return min(1.0, (year - self.start_year + 1) / self.phase_in_years)


# ---------------------------------------------------------------------- subsidies
class Taper(PolicyModel):
    """A share declining with income: ``share x clip((z - x) / (z - f), 0, 1)`` with ``x``
    the cell's income over the minimum wage of the year, ``f = full_below`` and
    ``z = zero_above``."""

    full_below: float = param(1.0, unit="multiple of the minimum wage", ge=0, le=100,
                              description="Incomes up to this get the full share.",
                              source="policy lever, set by the user")
    zero_above: float = param(2.0, unit="multiple of the minimum wage", gt=0, le=100,
                              description="Incomes from this get nothing.",
                              source="policy lever, set by the user")

    @model_validator(mode="after")
    def _order(self):
        if self.zero_above <= self.full_below:
            raise ValueError(f"zero_above ({self.zero_above}) must exceed full_below ({self.full_below})")
        return self


SUBSIDY_INDEXATION = ("prices", "earnings", "minimum_wage", "none")


class SubsidyTier(PolicyModel):
    """One income tier of a subsidy: members whose monthly income is below ``income_below``
    (in the block's ``tier_basis``) and not in a lower tier get ``share`` of the lowest
    contribution, or ``amount_lak`` a month (indexed like the block's amount)."""

    name: str = param(..., unit="text", status="confirmed", pattern=NAME_PATTERN,
                      description="Name of the tier (e.g. poor, near_poor).")
    income_below: float = param(
        ..., unit="LAK per month, or a multiple of the poverty line or minimum wage (tier_basis)", gt=0,
        status="confirmed", description="Upper income bound of the tier (exclusive).",
        source=f"policy lever; Viet Nam: the poor and the near poor ({OXFAM}, section 6.4.3)")
    share: float | None = param(
        None, unit="share of the contribution", ge=0, le=1, status="confirmed",
        description="Share of the lowest contribution the government pays in this tier.",
        source=f"policy lever; Viet Nam pays 100 % for the poor, 50 % for the near poor ({OXFAM}, 6.4.3)")
    amount_lak: float | None = param(
        None, unit="LAK per member per month, prices of the block's price_year", ge=0, status="confirmed",
        description="Fixed amount the government pays in this tier (instead of a share).",
        source="policy lever, set by the user")

    @model_validator(mode="after")
    def _one_level(self):
        if (self.share is None) == (self.amount_lak is None):
            raise ValueError(f"tier '{self.name}': give either share or amount_lak")
        return self


def _share_optional(data: Any) -> Any:
    """``share`` may be left out when the subsidy is an amount or tiers (it is then None)."""
    if isinstance(data, dict) and "share" not in data and (data.get("amount_lak") is not None
                                                          or data.get("tiers")):
        return {**data, "share": None}
    return data


def _rate_optional(data: Any) -> Any:
    """A package's ``rate`` may be left out when it states ``amount_lak`` (it is then None)."""
    if isinstance(data, dict) and "rate" not in data and data.get("amount_lak") is not None:
        return {**data, "rate": None}
    return data


class ContributionSubsidy(Block):
    """The government pays part of the lowest voluntary contribution (the member's package
    rate x the insurable-earnings floor) of eligible members: a ``share`` of it, a fixed
    ``amount_lak`` a month (at most the contribution, moved from ``price_year`` by
    ``indexation``), or by income ``tiers`` (poor, near-poor: thresholds in LAK or
    multiples of the poverty line or minimum wage). The member's part is what
    affordability is judged against. Shares of several subsidies (and of
    ``enrolment.subsidy_share``, the everyone case) add up, capped at 1."""

    type: Literal["contribution_subsidy"] = param(
        "contribution_subsidy", unit="choice", status="confirmed", description="Block type.")
    scheme: Literal["voluntary"] = param(
        "voluntary", unit="choice", status="confirmed",
        description="Scheme whose contributions are subsidised (the voluntary scheme).")
    eligible: Eligibility = Field(default_factory=_everyone, description=ELIGIBLE_DOC)
    share: year_path(ge=0, le=1) | None = param(
        ..., unit="share of the contribution",
        description="Share of the lowest contribution the government pays (leave out with "
                    "amount_lak or tiers).",
        source=f"policy lever; Viet Nam subsidises 100 % for the poor and 50 % for the near poor "
               f"({OXFAM}, section 6.4.3)")
    amount_lak: year_path(ge=0) | None = param(
        None, unit="LAK per member per month, prices of price_year", status="confirmed",
        description="A fixed amount instead of a share (capped at the lowest contribution).",
        source="policy lever; Thailand's packages are fixed amounts (ILO 2013, ABND workshop minutes)")
    indexation: Literal[SUBSIDY_INDEXATION] = param(
        "prices", unit="choice", status="confirmed",
        description="How LAK amounts and LAK tier thresholds move after price_year: consumer "
                    "prices, average earnings, the minimum wage, or not at all.",
        source="policy lever; default: the amount keeps its real value")
    price_year: int | None = param(
        None, unit="calendar year", ge=1900, le=2150, status="confirmed",
        description="Prices of LAK amounts and thresholds (empty: the start year); within the "
                    "projection horizon.")
    tiers: tuple[SubsidyTier, ...] | None = param(
        None, unit="list of tiers, lowest income first", status="confirmed",
        description="Income tiers, each with income_below and a share or amount_lak.")
    tier_basis: Literal["lak", "poverty_line", "minimum_wage"] = param(
        "minimum_wage", unit="choice", status="confirmed",
        description="Unit of the tiers' income_below: LAK a month (prices of price_year), "
                    "multiples of the poverty line (LAK per person a month) or of the minimum wage.",
        source="policy lever, set by the user")
    taper: Taper | None = param(
        None, unit="mapping", status="confirmed",
        description="Optional decline of the share with income (empty: a flat share).")

    _share_optional = model_validator(mode="before")(_share_optional)

    @model_validator(mode="after")
    def _one_form(self):
        given = [k for k in ("share", "amount_lak", "tiers") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError(f"a subsidy is one of share, amount_lak or tiers (found {', '.join(given)})")
        bounds = [t.income_below for t in self.tiers or ()]
        if bounds != sorted(bounds) or len(set(bounds)) != len(bounds):
            raise ValueError("tiers: income_below rises from one tier to the next")
        names = [t.name for t in self.tiers or ()]
        if len(set(names)) != len(names):
            raise ValueError("tiers: each tier has a distinct name")
        return self


# ---------------------------------------------------------------------- packages
class ReducedPackage(Block):
    """Eligible members pay ``rate`` x the insurable-earnings floor (or a fixed
    ``amount_lak`` a month) for the listed sub-funds only; their contribution is split over those sub-funds like the voluntary
    allocation key, and they receive the benefits of those sub-funds only, in proportion
    to what they pay (see :mod:`engine.policies.package`). With an annual or seasonal
    payment, seasonal earners (yearly, after-work) lapse less. All eligible members are on
    the package from the start year (the first listed package applies where several do)."""

    type: Literal["reduced_package"] = param(
        "reduced_package", unit="choice", status="confirmed", description="Block type.")
    eligible: Eligibility = Field(default_factory=_everyone, description=ELIGIBLE_DOC)
    rate: year_path(ge=0, le=1) | None = param(
        ..., unit="share of the insurable-earnings floor",
        description="Contribution rate of the package (the standard voluntary rate is 9 %); "
                    "leave out with amount_lak.",
        source=f"policy lever; {OXFAM}, section 6.6.3 (a contribution below 9 % of the minimum wage)")
    amount_lak: year_path(ge=0) | None = param(
        None, unit="LAK per member per month, prices of price_year", status="confirmed",
        description="A fixed monthly contribution instead of a rate (read as amount / floor).",
        source="policy lever; Thailand's packages are fixed amounts (ILO 2013, ABND workshop minutes)")
    indexation: Literal[SUBSIDY_INDEXATION] = param(
        "prices", unit="choice", status="confirmed",
        description="How amount_lak moves after price_year: prices, earnings, minimum_wage, none.",
        source="policy lever; default: the amount keeps its real value")
    price_year: int | None = param(
        None, unit="calendar year", ge=1900, le=2150, status="confirmed",
        description="Prices of amount_lak (empty: the start year); within the projection horizon.")
    branches: tuple[Literal[FUND_BRANCHES], ...] = param(
        ("health", "long_term"), unit="sub-fund names", status="confirmed",
        description="Sub-funds the package covers (health; short_term: sickness, maternity, "
                    "death grant, injury; long_term: pensions).",
        source=f"{OXFAM}, section 6.6.3 (pension and basic medical insurance, as in China)")
    payment: Literal["monthly", "annual", "seasonal"] = param(
        "annual", unit="choice", status="confirmed",
        description="When package members pay; annual and seasonal payment lower lapses of "
                    "seasonal earners.",
        source=f"{OXFAM}, section 6.6.3 (payments on an annual basis)")
    seasonal_lapse_multiplier: float = data_param(
        DATA, "seasonal_lapse_multiplier", cast=float, ge=0, le=1,
        description="Lapse of yearly and after-work earners on the package, relative to the "
                    "lapse rate (annual or seasonal payment only).")
    other_lapse_multiplier: float = param(
        1.0, unit="ratio to the lapse rate", ge=0, le=2,
        description="Lapse of the other package members relative to the lapse rate.",
        source="neutral default: regular earners lapse as before")

    _rate_optional = model_validator(mode="before")(_rate_optional)

    @model_validator(mode="after")
    def _branches(self):
        if (self.rate is None) == (self.amount_lak is None):
            raise ValueError("a package states either rate or amount_lak")
        if not self.branches or len(set(self.branches)) != len(self.branches):
            raise ValueError("branches: one or more distinct sub-funds among health, short_term, long_term")
        return self


# ---------------------------------------------------------------------- outreach
class Outreach(Block):
    """Added reach in the eligible areas (mobile offices, village facilitators): the share
    of non-members informed each year rises by ``added_reach`` (at most 1). Its cost:
    registrations it brings (joins x added / total reach) x ``cost_per_registration``
    plus ``fixed_annual_cost``, both in prices of ``cost_price_year`` moved with prices."""

    type: Literal["outreach"] = param("outreach", unit="choice", status="confirmed", description="Block type.")
    eligible: Eligibility = Field(default_factory=_everyone, description=ELIGIBLE_DOC)
    added_reach: year_path(ge=0, le=1) = param(
        ..., unit="share of non-members informed per year",
        description="Reach added to enrolment.reach in the eligible group.",
        source=f"policy lever; the LSSO mobile office registered 158 people in 15 villages in "
               f"early 2024 ({ILO_WIEGO})")
    cost_per_registration: float = data_param(
        DATA, "outreach_cost_per_registration", cast=float, ge=0,
        description="Incentive paid per registration the programme brings.")
    fixed_annual_cost: float = data_param(
        DATA, "outreach_fixed_annual_cost", cast=float, ge=0,
        description="Yearly running cost of the programme while it acts.")
    cost_price_year: int = param(2024, unit="calendar year", ge=2019, le=2150, status="confirmed",
                                 description="Year whose prices the costs are in.",
                                 source=f"{ILO_WIEGO} (incentive programme of 2024)")
    cost_indexation: Literal["prices", "none"] = param(
        "prices", unit="choice", description="Costs move with consumer prices, or stay nominal.",
        source="engine default assumption")


# ---------------------------------------------------------------------- costed blocks
class CostedBlock(Block):
    """A block with running costs: besides its own unit cost, ``fixed_annual_cost`` while
    it acts, in prices of ``cost_price_year`` moved with consumer prices (or nominal)."""

    fixed_annual_cost: float = param(
        0.0, unit="LAK per year, prices of cost_price_year", ge=0,
        description="Yearly fixed cost while the block acts (a claims system, an inspectorate).",
        source="policy lever, set by the user")
    cost_price_year: int = param(2024, unit="calendar year", ge=2019, le=2150, status="confirmed",
                                 description="Year whose prices the costs are in.")
    cost_indexation: Literal["prices", "none"] = param(
        "prices", unit="choice", description="Costs move with consumer prices, or stay nominal.",
        source="engine default assumption")


# ---------------------------------------------------------------------- retention
RETENTION_MEASURES = ("claim_simplification", "reminders", "group_payment", "intermediary_payment")


class Retention(CostedBlock):
    """Measures that keep members paying (claim simplification, payment reminders,
    payment through groups or intermediaries): the lapse rate of eligible members falls by
    ``lapse_reduction`` (a share, phased in). Cost: ``cost_per_member`` for every member in
    the eligible group each year plus ``fixed_annual_cost``, in prices of
    ``cost_price_year`` moved with prices (``retention_cost``)."""

    type: Literal["retention"] = param("retention", unit="choice", status="confirmed", description="Block type.")
    eligible: Eligibility = Field(default_factory=_everyone, description=ELIGIBLE_DOC)
    measure: Literal[RETENTION_MEASURES] = param(
        ..., unit="choice", status="confirmed",
        description="What the block does: claim_simplification, reminders, group_payment or "
                    "intermediary_payment (the effect and cost are stated below).",
        source=f"{OXFAM}, sections 5 and 7 (lengthy claims make the VSS less attractive; simplify "
               f"claims, support illiterate members, pay through groups)")
    lapse_reduction: year_path(ge=0, le=1) = param(
        ..., unit="share by which the lapse rate falls",
        description="Lapse rate of eligible members x (1 - lapse_reduction); ASSUMPTION to state "
                    "(no measured effect was found).",
        source=f"policy lever; {OXFAM}, section 7 (claims procedures a key reason members see the VSS "
               f"as burdensome); no quantified effect in the compiled sources")
    cost_per_member: float = param(
        ..., unit="LAK per member per year, prices of cost_price_year", ge=0,
        description="Running cost per member in the eligible group (reminders, group collection).",
        source="policy lever; no Lao unit cost was found (state it)")


# ---------------------------------------------------------------------- payment frequency
def _mix_share(frequency: str):
    return data_param(DATA, "payment_mix_table12", key=frequency, cast=float, ge=0, le=1,
                      unit="share of members (normalised over the four)",
                      description=f"Share of eligible members paying {frequency.replace('_', '-')}.")


class PaymentFrequency(Block):
    """How often eligible members pay: shares paying monthly, 3, 6 or 12 months in advance
    (Table 12's preferences by default). Members paying ``n`` times a year lapse at
    ``(n / 12)^e`` times the rate of monthly payers, ``e = ln(m_12) / ln(1/12)`` with
    ``m_12`` the stated yearly-payment multiplier (an assumption); the block's lapse factor is
    the mix's average. Cash flow: at 31 December members hold on average ``(12/n - 1) / 2``
    months paid in advance (``advance_contributions``)."""

    type: Literal["payment_frequency"] = param("payment_frequency", unit="choice", status="confirmed",
                                               description="Block type.")
    eligible: Eligibility = Field(default_factory=_everyone, description=ELIGIBLE_DOC)
    monthly: float = _mix_share("monthly")
    quarterly: float = _mix_share("quarterly")
    six_monthly: float = _mix_share("six_monthly")
    yearly: float = _mix_share("yearly")
    yearly_lapse_multiplier: float = data_param(
        DATA, "yearly_payment_lapse_multiplier", cast=float, ge=0, le=1,
        description="Lapse of members paying 12 months in advance relative to monthly payers.")

    @model_validator(mode="after")
    def _some_mix(self):
        if self.monthly + self.quarterly + self.six_monthly + self.yearly <= 0:
            raise ValueError("payment mix: at least one of monthly, quarterly, six_monthly, yearly must be positive")
        return self


# ---------------------------------------------------------------------- enforcement
ENFORCEMENT_MEASURES = ("licence_linkage", "inspections", "tax_incentives")
NSSF_SEED = "ILO (2024), press release on the NSSF awareness and compliance workshop"


class Enforcement(CostedBlock):
    """Compliance of enterprises with the compulsory scheme raised by enforcement (business
    licences linked to social security registration, inspections, tax incentives): each
    year a share ``compliance_gain`` (phased in) of the enterprise employees not yet
    covered is brought in, cumulatively, on top of ``coverage.enterprise_compliance``.
    Cost: ``cost_per_added_member`` for every enterprise member it adds each year plus
    ``fixed_annual_cost``, in prices of ``cost_price_year`` (``enforcement_cost``)."""

    type: Literal["enforcement"] = param("enforcement", unit="choice", status="confirmed",
                                         description="Block type.")
    measure: Literal[ENFORCEMENT_MEASURES] = param(
        ..., unit="choice", status="confirmed",
        description="What the block does: licence_linkage, inspections or tax_incentives.",
        source=f"{NSSF_SEED} (linking business licences and tax incentives with registration, "
               f"compliance inspections); ILO (2013) ABND workshop minutes (27 % of the private "
               f"sector covered, low enforcement)")
    compliance_gain: year_path(ge=0, le=1) = param(
        ..., unit="share of the non-compliant enterprise employees brought in per year",
        description="Yearly gain in compliance, cumulative; ASSUMPTION to state (no measured "
                    "effect was found).",
        source="policy lever; no quantified effect in the compiled sources")
    cost_per_added_member: float = param(
        ..., unit="LAK per added member per year, prices of cost_price_year", ge=0,
        description="Running cost per enterprise member the block adds (inspection, follow-up).",
        source="policy lever; no Lao unit cost was found (state it)")


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


BLOCK_TYPES: dict[str, type[Block]] = {
    "contribution_subsidy": ContributionSubsidy, "reduced_package": ReducedPackage,
    "outreach": Outreach, "contribution_rules": ContributionRules, "benefit_change": BenefitChange,
    "health_quality": HealthQuality, "spf_programme": SPFProgramme,
    "enrolment_target": EnrolmentTarget, "nhi_extension": NHIExtension, "retention": Retention,
    "enforcement": Enforcement, "payment_frequency": PaymentFrequency,
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
    extensions = [i for i, b in enumerate(blocks) if b.type == "nhi_extension"]
    if len(extensions) > 1:
        problems.append(f"policies.{extensions[1]}.type: found a second nhi_extension block: expected "
                        "at most one (NHI reaches the capital once)")
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
           "SPFBenefit", "SPFProgramme", "SPFTarget", "SubsidyTier", "Taper", "data_default"]
