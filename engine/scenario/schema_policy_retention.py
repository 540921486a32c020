"""Policy blocks that keep voluntary members paying: ``retention``, ``payment_frequency``
and ``contract`` (see :mod:`engine.scenario.schema_policies`)."""

from typing import Literal

from pydantic import Field, model_validator

from engine.citations import OXFAM
from engine.scenario.params import YearPath, data_param, param, year_path
from engine.scenario.schema_policy_base import DATA, ELIGIBLE_DOC, Block, CostedBlock, Eligibility, _everyone

# ---------------------------------------------------------------------- retention
RETENTION_MEASURES = ("claim_simplification", "reminders", "group_payment", "intermediary_payment")


class Retention(CostedBlock):
    """Measures that keep members paying (claim simplification, payment reminders,
    payment through groups or intermediaries): the lapse rate of eligible members falls by
    ``lapse_reduction`` (a share, phased in) and the return rate of their lapsed members
    rises by ``return_gain`` (a share of the rate, capped at 1). Cost: ``cost_per_member`` for every member in
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
    return_gain: year_path(ge=0, le=10) = param(
        YearPath.constant(0.0), unit="relative rise of the return rate (0.5: half as many more lapsed members return)",
        description="Return rate of lapsed members in the eligible group x (1 + return_gain), at most "
                    "1; ASSUMPTION to state (no measured effect was found; 0: no effect).",
        source=f"policy lever; {OXFAM}, section 7 (trust and simpler claims bring members back); "
               f"no quantified effect in the compiled sources")
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


# ---------------------------------------------------------------------- contract
class Contract(Block):
    """A change of the voluntary contract term from the baseline's (``enrolment.contract_years``,
    2 years today; see :mod:`engine.contract`): members lapse only at renewal, every
    ``contract_years`` years, a share ``renewal_lapse_multiplier`` x the baseline's
    per-renewal lapse ``lambda_R = 1 - (1 - lambda)^n0`` at each renewal (spread over the
    members' renewal years: a yearly rate ``1 - (1 - m lambda_R)^(1/n)``); they choose their
    insurable-earnings level at renewal, as today (the higher levels lag the floor by up to
    ``n - 1`` years); with ``transferred_earnings: former_earnings`` (opt-in) members who come
    from enterprise jobs keep their former earnings as insurable earnings, a share
    ``keep_former_at_renewal`` of them again at each renewal. A block with the baseline's
    term and the defaults is the baseline exactly. Scheme-wide: the block in force is the one
    started last."""

    type: Literal["contract"] = param("contract", unit="choice", status="confirmed", description="Block type.")
    contract_years: int = data_param(DATA, "vss_contract_years", ge=1, le=10,
                                     description="Years of one voluntary contract from the start year (members renew at "
                                                 "its end); the baseline's term is enrolment.contract_years.")
    renewal_lapse_multiplier: float = param(
        1.0, unit="ratio to the lapse rate", ge=0, le=5, status="assumption",
        description="Share of members not renewing at a renewal, over the baseline's per-renewal "
                    "lapse 1 - (1 - lapse_rate)^n0 (1: a renewal loses as many as it does today).",
        source="ASSUMPTION: no renewal rate by term was found; the calibrated lapse rate is read as "
               "the yearly equivalent of today's two-year term")
    level_choice: Literal["at_renewal", "yearly"] = param(
        "at_renewal", unit="choice", status="confirmed",
        description="When members above the floor choose their level again: at renewal, as in the "
                    "baseline (their insurable earnings lag the floor by up to contract_years - 1 "
                    "years), or yearly.",
        source=f"{OXFAM}, section 4.2 (members can modify the insurable earnings when renewing)")
    transferred_earnings: Literal["voluntary_levels", "former_earnings"] = param(
        "voluntary_levels", unit="choice", status="confirmed",
        description="Insurable earnings of members who come from enterprise jobs: the voluntary "
                    "levels, or their former (enterprise) earnings until they choose a level.",
        source=f"{OXFAM}, section 4.2 (transferred members present their member ID) and Table 7")
    keep_former_at_renewal: float = data_param(
        DATA, "transferred_keep_at_renewal", cast=float, ge=0, le=1,
        description="Share of transferred members keeping their former earnings at each renewal.")


__all__ = ["Contract", "PaymentFrequency", "RETENTION_MEASURES", "Retention"]
