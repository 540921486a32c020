"""Scenario section ``funds:``: the sub-fund accounts of the NSSF.

Investment return, administration cost rule, the health sub-fund's transfer to NHI, deficit
financing, scheme accounts, the state's share, the valuation settings, the horizon of the
general average premium, and the initial conditions (:mod:`engine.scenario.schema_initial`).
Defaults, units, sources and statuses come from ``engine/data/lao_pdr/nssf_initial.yaml``.

The sections ``schemes:`` (:mod:`engine.scenario.schema_schemes`), ``benefits:``
(:mod:`engine.scenario.schema_benefits`) and ``nhi:`` (:mod:`engine.scenario.schema_health`)
have their own modules; their models are re-exported here for the code that imports them
from this module.
"""

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from engine.scenario.by_key import ByFund, ByScheme, key_param
from engine.scenario.params import STRICT, data_param, param, year_path
from engine.scenario.schema_benefits import Benefits
from engine.scenario.schema_health import NHI
from engine.scenario.schema_initial import INITIAL, Initial
from engine.scenario.schema_schemes import Schemes

__all__ = ["NHI", "AdminCost", "AdminCostRate", "Benefits", "Funds", "InvestmentReturn",
           "LegacyShareInPayment", "ReentryShare", "Schemes", "ShortfallByFund", "StateShare",
           "Valuation"]


class ReentryShare(ByScheme[float]):
    """Share of a cohort's net inflow of contributors who are former contributors resuming"""

    civil_servant: float = key_param(
        INITIAL, "reentry_share", "civil_servant", __doc__, cast=float, ge=0.0, le=1.0)
    enterprise: float = key_param(
        INITIAL, "reentry_share", "enterprise", __doc__, cast=float, ge=0.0, le=1.0)
    voluntary: float = key_param(
        INITIAL, "reentry_share", "voluntary", __doc__, cast=float, ge=0.0, le=1.0)


class LegacyShareInPayment(ByScheme[float]):
    """Legacy share of the pensions in payment at the end of the base year"""

    civil_servant: float = key_param(
        INITIAL, "legacy_share_of_pensions_in_payment", "civil_servant", __doc__, cast=float, ge=0.0, le=1.0)
    enterprise: float = key_param(
        INITIAL, "legacy_share_of_pensions_in_payment", "enterprise", __doc__, cast=float, ge=0.0, le=1.0)
    voluntary: float = key_param(
        INITIAL, "legacy_share_of_pensions_in_payment", "voluntary", __doc__, cast=float, ge=0.0, le=1.0)


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


def _shortfall(fund: str):
    return data_param(INITIAL, "shortfall", key=fund, unit="choice",
                      description=f"What happens when the {fund.replace('_', '-')} sub-fund's "
                                  f"reserve runs out")


class ShortfallByFund(ByFund[str]):
    """Deficit financing by sub-fund: the state keeps the reserve at zero
    ('state_guarantee') or the sub-fund borrows ('borrow')."""

    health: Shortfall = _shortfall("health")
    short_term: Shortfall = _shortfall("short_term")
    long_term: Shortfall = _shortfall("long_term")


class AdminCostRate(ByFund[float]):
    """Administration cost, share of the sub-fund's contributions (or income)"""

    health: float = key_param(
        INITIAL, "admin_cost_rate", "health", __doc__, cast=float, ge=0, le=1)
    short_term: float = key_param(
        INITIAL, "admin_cost_rate", "short_term", __doc__, cast=float, ge=0, le=1)
    long_term: float = key_param(
        INITIAL, "admin_cost_rate", "long_term", __doc__, cast=float, ge=0, le=1)


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
