"""Policy blocks that act on enrolment in the voluntary scheme and the compliance of
enterprises: ``contribution_subsidy``, ``reduced_package``, ``outreach`` and
``enforcement`` (see :mod:`engine.scenario.schema_policies`; the blocks that keep members
paying are in :mod:`engine.scenario.schema_policy_retention`)."""

from typing import Any, Literal

from pydantic import Field, model_validator

from engine.citations import ILO_ABND_WORKSHOP, ILO_NSSF_WORKSHOP, ILO_WIEGO, OXFAM
from engine.scenario.params import YearPath, data_param, param, year_path
from engine.scenario.schema_policy_base import (DATA, ELIGIBLE_DOC, NAME_PATTERN,
                                                Block, CostedBlock, Eligibility, PolicyModel,
                                                _everyone)
from engine.scenario.schema_policy_branches import package_branches


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
    applies_to: Literal["members", "leavers"] = param(
        "members", unit="choice", status="confirmed",
        description="Who is subsidised: members of the eligible cells, or those leaving enterprise "
                    "jobs who continue voluntarily, for years_after_leaving years (leavers: share "
                    "or amount_lak, every leaver, no taper).",
        source=f"policy lever; 38 % of sampled VSS members came from the compulsory scheme ({OXFAM}, Table 7)")
    years_after_leaving: int = param(
        2, unit="years", ge=1, le=50, status="assumption",
        description="Years a leaver is subsidised after leaving (applies_to: leavers).",
        source=f"policy lever; default one VSS contract term of 2 years ({OXFAM}, section 4.2)")

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
        if self.applies_to == "leavers" and (self.tiers or self.taper or self.eligible != _everyone()):
            raise ValueError("applies_to: leavers subsidises every leaver who continues, by a share or "
                             "amount_lak (found tiers, a taper or an eligible group)")
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
    branches: tuple[str, ...] = param(
        ("health", "long_term"), unit="sub-fund or benefit-branch names", status="confirmed",
        description="What the package covers: whole sub-funds (health; short_term: sickness, "
                    "maternity, death grant, employment injury, unemployment; long_term: old age, "
                    "disability, survivors) or single branches (death_grant, sickness, maternity, "
                    "employment_injury, unemployment, old_age, disability, survivors).",
        source=f"{OXFAM}, section 6.6.3 (pension and basic medical insurance, as in China); "
               f"{ILO_ABND_WORKSHOP} (Thailand: death, work injury and sickness)")
    old_age: Literal["pension", "lump_sum"] = param(
        "pension", unit="choice", status="confirmed",
        description="How old age is paid to package members who have it: a pension (service "
                    "accrues) or a lump sum at the pension age (their old-age contributions "
                    "accumulated at the fund's return; no pension service).",
        source=f"policy lever; Thailand's 150-baht package adds a lump sum for retirement "
               f"({ILO_ABND_WORKSHOP})")
    old_age_share: float = data_param(
        DATA, "package_old_age_share", cast=float, gt=0, le=1,
        description="With old_age: lump_sum, the share of the long-term allocation the "
                    "package pays for old age (the rest pays disability and survivors).")
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
        package_branches(self.branches, self.old_age)
        return self

    def benefit_branches(self) -> frozenset[str]:
        """The benefit branches the package covers (sub-funds expanded; ``lump_sum`` never:
        it goes with ``old_age``)."""
        return package_branches(self.branches, self.old_age)

    @property
    def covers_health(self) -> bool:
        return "health" in self.branches


# ---------------------------------------------------------------------- outreach
class Outreach(Block):
    """Added reach in the eligible areas (mobile offices, village facilitators): the share
    of non-members informed each year rises by ``added_reach`` (at most 1); with
    ``enrolment.awareness`` it feeds the awareness stock instead. Its cost: registrations it
    brings (joins x added / total reach) x ``cost_per_registration`` plus
    ``fixed_annual_cost`` plus ``teams`` x ``cost_per_team``, in prices of
    ``cost_price_year`` moved with prices."""

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
    teams: year_path(ge=0, le=1e6) = param(
        YearPath.constant(0.0), unit="team-years per year (mobile units or promotion teams at work)",
        description="Outreach teams working in the year, each costing cost_per_team while the block acts "
                    "(0: no team cost).",
        source=f"policy lever; one LSSO mobile office visited 15 villages in early 2024 ({ILO_WIEGO})")
    cost_per_team: float = data_param(
        DATA, "outreach_cost_per_team", cast=float, ge=0,
        description="Running cost of one outreach team for a year (travel, allowances, materials).")
    cost_price_year: int = param(2024, unit="calendar year", ge=2019, le=2150, status="confirmed",
                                 description="Year whose prices the costs are in.",
                                 source=f"{ILO_WIEGO} (incentive programme of 2024)")
    cost_indexation: Literal["prices", "none"] = param(
        "prices", unit="choice", description="Costs move with consumer prices, or stay nominal.",
        source="engine default assumption")

# ---------------------------------------------------------------------- enforcement
ENFORCEMENT_MEASURES = ("licence_linkage", "inspections", "tax_incentives")


class Enforcement(CostedBlock):
    """Compliance of enterprises with the compulsory scheme raised by enforcement (business
    licences linked to social security registration, inspections, tax incentives): each
    year a share ``compliance_gain`` (phased in) of the compulsory target group's employees
    (firms of 10 or more workers) not yet covered is brought in, cumulatively, on top of
    ``coverage.enterprise_compliance``.
    Cost: ``cost_per_added_member`` for every enterprise member it adds each year plus
    ``fixed_annual_cost``, in prices of ``cost_price_year`` (``enforcement_cost``)."""

    type: Literal["enforcement"] = param("enforcement", unit="choice", status="confirmed",
                                         description="Block type.")
    measure: Literal[ENFORCEMENT_MEASURES] = param(
        ..., unit="choice", status="confirmed",
        description="What the block does: licence_linkage, inspections or tax_incentives.",
        source=f"{ILO_NSSF_WORKSHOP} (linking business licences and tax incentives with registration, "
               f"compliance inspections); ILO (2013) ABND workshop minutes (27 % of the private "
               f"sector covered, low enforcement)")
    compliance_gain: year_path(ge=0, le=1) = param(
        ..., unit="share of the non-compliant target-group employees brought in per year",
        description="Yearly gain in compliance, cumulative; ASSUMPTION to state (no measured "
                    "effect was found).",
        source="policy lever; no quantified effect in the compiled sources")
    cost_per_added_member: float = param(
        ..., unit="LAK per added member per year, prices of cost_price_year", ge=0,
        description="Running cost per enterprise member the block adds (inspection, follow-up).",
        source="policy lever; no Lao unit cost was found (state it)")
