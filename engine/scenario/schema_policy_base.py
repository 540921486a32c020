"""Building blocks of the scenario's policy blocks: the common fields, the eligible group.

Every policy block (:mod:`engine.scenario.schema_policies`) is a :class:`Block`: a name, a
start year and a phase-in; a block with running costs is a :class:`CostedBlock`. Blocks
that reach informal workers select them with an :class:`Eligibility`. Defaults come from
``engine/data/lao_pdr/policies.yaml`` (:func:`data_default`).
"""

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, model_validator

from engine.citations import OXFAM
from engine.dims import MAX_AGE, PROVINCES
from engine.scenario.params import STRICT, data_value, param

DATA = "policies"
FUND_BRANCHES = ("health", "short_term", "long_term")
NAME_PATTERN = r"^[A-Za-z0-9_]+$"


def data_default(name: str) -> Any:
    """The embedded default value of a policy parameter (policies.yaml)."""
    return data_value(DATA, name)


@lru_cache(maxsize=None)
def income_band_names() -> tuple[str, ...]:
    """Survey income bands of the informal-worker profile (2020 prices), lowest first."""
    from engine.profile.profile import income_bands

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
                    "four survey provinces by their informal workers (enrolment.province_weights), "
                    "so a province stands for areas like it.",
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
