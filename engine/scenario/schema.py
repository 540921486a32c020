"""The scenario schema: every section, every leaf parameter with its unit and status.

A scenario is validated into a frozen :class:`Scenario`. Sections live in their own
modules when they grow (enrolment, schemes, funds, policies); this module assembles them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

import numpy as np

from engine import economic_inputs as econ
from engine.citations import WPP
from engine.scenario.params import STRICT, YearPath, param, year_path
from engine.scenario.schema_enrolment import Coverage, Enrolment
from engine.scenario.schema_benefits import Benefits
from engine.scenario.schema_funds import Funds
from engine.scenario.schema_health import CBHI, NHI
from engine.scenario.schema_schemes import Schemes
from engine.scenario.schema_targets import TargetList
from engine.scenario.schema_policies import PolicyList
from engine.scenario.schema_uncertainty import SensitivityItem, Uncertainty

FIRST_PROJECTED_YEAR, LAST_DATA_YEAR = 2024, 2150


def embedded_path(series) -> YearPath:
    """A step path holding an embedded annual series (from 2024), compressed to its changes."""
    years = np.arange(FIRST_PROJECTED_YEAR, LAST_DATA_YEAR + 1)
    values = np.round(np.asarray(series(years), dtype=np.float64), 10)
    keep = np.r_[True, values[1:] != values[:-1]]
    return YearPath(tuple((int(y), float(v)) for y, v in zip(years[keep], values[keep])))


class Horizon(BaseModel):
    """Projection years: from the year after ``base_year`` to ``end_year``."""

    model_config = STRICT

    base_year: Literal[2023] = param(
        2023, unit="calendar year", status="derived",
        description="Year at whose 31 December the embedded base population is counted; "
                    "projection starts the year after.",
        source=f"{WPP}; Lao Statistics Bureau",
    )
    end_year: int = param(
        2100, unit="calendar year", ge=2025, le=2150,
        description="Last projected year (rates after 2100 are held at their 2100 values).",
        source="long-term horizon of the WPP2024 projections (2100)",
    )

    @property
    def years(self) -> range:
        """Projected calendar years (base year excluded)."""
        return range(self.base_year + 1, self.end_year + 1)


class Demography(BaseModel):
    """Levers on the WPP2024 medium-variant fertility, mortality and migration."""

    model_config = STRICT

    fertility_multiplier: year_path(ge=0, le=5) = param(
        YearPath.constant(1.0), unit="ratio to WPP2024 medium-variant age-specific fertility",
        description="Multiplies every age-specific fertility rate.", status="assumption",
        source="neutral default: WPP2024 medium variant unchanged",
    )
    mortality_multiplier: year_path(ge=0, le=10) = param(
        YearPath.constant(1.0), unit="ratio to WPP2024 central death rates",
        description="Multiplies every central death rate m(x); 0 means no deaths.",
        source="neutral default: WPP2024 medium variant unchanged",
    )
    migration_multiplier: year_path(ge=-20, le=20) = param(
        YearPath.constant(1.0), unit="ratio to WPP2024 net migration",
        description="Multiplies WPP2024 net migration by age and sex; 0 closes the population.",
        source="neutral default: WPP2024 medium variant unchanged",
    )
    sex_ratio_at_birth: float = param(
        1.053, unit="male births per female birth", ge=0.8, le=1.3, status="confirmed",
        description="Sex ratio at birth.", source=WPP,
    )


class MinimumWage(BaseModel):
    """How the statutory minimum wage moves after its last decreed level (2.5 m LAK, Oct 2024)."""

    model_config = STRICT

    rule: Literal["prices", "wages", "fixed", "path"] = param(
        "prices", unit="choice",
        description="After the last decree the minimum wage follows consumer prices, average "
                    "nominal earnings, stays fixed, or follows `path`.",
        source="no announced rule after MLSW notice 3534 (Oct 2024)",
    )
    lag_years: int = param(
        1, unit="years", ge=0, le=5,
        description="Indexation uses the growth of the index this many years earlier.",
        source="flagged assumption: decrees follow observed inflation with a delay",
    )
    path: year_path(ge=0) | None = param(
        None, unit="LAK per month",
        description="Levels by year when rule is 'path' (step function).",
        source="set by the user; used only when rule is 'path'",
    )

    @model_validator(mode="after")
    def _path_given(self):
        if self.rule == "path" and self.path is None:
            raise ValueError("rule 'path' needs minimum_wage.path with levels by year")
        return self


class Macro(BaseModel):
    """Economic assumptions after the last observed year (nominal GDP 2023)."""

    model_config = STRICT

    real_gdp_growth: year_path(ge=-0.5, le=0.5) = param(
        unit="per year", status="assumption", default_factory=lambda: embedded_path(econ.real_growth),
        description="Real GDP growth rate.",
        source="2024 World Bank WDI; 2025-26 IMF forecast 4.5 %; 2027-30 plan target 6 % "
               "(assumption); then a flagged assumption declining linearly to 3 % in 2050 "
               "(engine/data/lao_pdr/macro.yaml)",
    )
    inflation: year_path(ge=-0.5, le=5) = param(
        unit="per year", status="assumption", default_factory=lambda: embedded_path(econ.inflation),
        description="Consumer price inflation, also used as the GDP deflator.",
        source="2024 World Bank WDI; 2025 AMRO forecast about 15 %; from 2026 the 5 % plan "
               "target, a flagged assumption (engine/data/lao_pdr/macro.yaml)",
    )
    real_earnings_growth_gap: year_path(ge=-0.2, le=0.2) = param(
        YearPath.constant(0.0), unit="per year",
        description="Average earnings grow with nominal GDP per employed person plus this gap.",
        source="flagged assumption: earnings keep pace with labour productivity",
    )
    government_expenditure_share: year_path(ge=0.01, le=1) = param(  # a divisor of every *_pct_government_expenditure
        unit="share of GDP (World Bank series)", status="assumption",
        default_factory=lambda: embedded_path(econ.government_expenditure_share),
        description="General government expenditure as a share of the World Bank series of GDP.",
        source="2019 spending plan (20.5 %) and 2021 outturn (13.5 %), derived; from 2022 a "
               "flagged 15 %, about the 2023-2024 revenue share plus a small deficit "
               "(engine/data/lao_pdr/macro.yaml)",
    )
    gdp_series: Literal["international", "plan"] = param(
        "international", unit="choice",
        description="GDP every '% of GDP' divides by: the World Bank series grown by real "
                    "growth and inflation, or the government's plan figures (2023, 2024) at "
                    "the same growth rates.",
        source="World Bank WDI (international) or the 2023-2024 socio-economic development "
               "plans (plan), both sourced in engine/data/lao_pdr/macro.yaml; engine default "
               "the international series")
    minimum_wage: MinimumWage = Field(default_factory=MinimumWage)


class Labour(BaseModel):
    """Levers on labour-force participation, unemployment and the split by status."""

    model_config = STRICT

    participation_multiplier: year_path(ge=0.01, le=2) = param(  # no employed: earnings per worker undefined
        YearPath.constant(1.0), unit="ratio to the default participation rates",
        description="Multiplies labour-force participation rates at every age and sex "
                    "(capped at 1).",
        source="neutral default",
    )
    unemployment_rate: year_path(ge=0, le=0.99) = param(  # (the same)
        unit="share of the labour force", status="reported",
        default_factory=lambda: YearPath.constant(econ.unemployment_rate()),
        description="Unemployed share of the labour force.",
        source="Lao Labour Force Survey 2022 (2.4 %), as reported to the National Assembly",
    )
    formalisation_rate: year_path(ge=-0.05, le=0.05) = param(
        YearPath.constant(0.0), unit="share of the employed per year",
        description="Yearly fall in the informal share of employment (percentage points / 100).",
        source="neutral default: informal share held at its 2022 level",
    )
    civil_servant_growth: year_path(ge=-0.2, le=0.2) = param(
        YearPath.constant(0.0), unit="per year",
        description="Growth of the civil-service headcount relative to total employment.",
        source="neutral default: civil servants a constant share of the employed",
    )


class Scenario(BaseModel):
    """A validated scenario: a name, a horizon, and every assumption of the run."""

    model_config = STRICT

    name: str = param(..., unit="text", status="confirmed", description="Scenario name; "
                      "also the default output folder reports/<name>/.", min_length=1,
                      pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = param("", unit="text", status="confirmed",
                             description="What the scenario represents.")
    horizon: Horizon = Field(default_factory=Horizon)
    demography: Demography = Field(default_factory=Demography)
    macro: Macro = Field(default_factory=Macro)
    labour: Labour = Field(default_factory=Labour)
    enrolment: Enrolment = Field(default_factory=Enrolment)
    coverage: Coverage = Field(default_factory=Coverage)
    targets: TargetList = Field(default_factory=tuple, description="Enrolment targets compared in the summary.")
    uncertainty: Uncertainty = Field(default_factory=Uncertainty)
    schemes: Schemes = Field(default_factory=Schemes)
    benefits: Benefits = Field(default_factory=Benefits)
    funds: Funds = Field(default_factory=Funds)
    nhi: NHI = Field(default_factory=NHI)
    cbhi: CBHI = Field(default_factory=CBHI)
    policies: PolicyList = Field(
        default_factory=tuple, description="Policy blocks (subsidies, packages, outreach, rules, "
        "benefit changes, SPF programmes), each with a type, a name and a start year.")
    sensitivity: dict[str, SensitivityItem] = Field(
        default_factory=dict, description="Parameters varied one at a time by `laosim sweep`.",
        json_schema_extra={"unit": "mapping of dotted key to grid", "status": "assumption",
                           "source": "set by the user"})

    @field_validator("name")
    @classmethod
    def _plain_file_name(cls, value: str) -> str:
        """The name becomes a folder name (reports/<name>/): one plain path component."""
        if set(value) == {"."} or len(value) > 100:
            raise ValueError("a plain file name of at most 100 characters: letters, digits, "
                             "'_', '-' or '.', not '.' or '..'")
        return value
