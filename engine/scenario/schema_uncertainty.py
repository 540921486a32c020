"""The ``uncertainty:`` and ``sensitivity:`` sections: what varies across a sweep's variants.

A stochastic sweep draws each listed parameter from its distribution (jointly, through a
Gaussian copula when correlations are stated) and applies the draw to the scenario value:
``add`` shifts every value of the parameter's year path by the draw, ``multiply`` scales
it. A sensitivity run varies one parameter at a time over a grid of such shifts or factors.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from engine.scenario.params import STRICT, param


class Distribution(BaseModel):
    """A distribution of the shock applied to one scenario parameter."""

    model_config = STRICT

    distribution: Literal["normal", "uniform", "triangular", "lognormal"] = param(
        "normal", unit="choice", status="assumption", source="set by the user",
        description="Family of the shock's distribution.",
    )
    apply: Literal["add", "multiply"] = param(
        "add", unit="choice", status="assumption", source="set by the user",
        description="'add': value + shock (same unit as the parameter); 'multiply': value x shock.",
    )
    mean: float | None = param(
        None, unit="unit of the shock", status="assumption", source="set by the user",
        description="Mean of a normal shock (default 0 for add, 1 for multiply).",
    )
    sd: float | None = param(
        None, unit="unit of the shock", ge=0, status="assumption", source="set by the user",
        description="Standard deviation (normal), or of the log (lognormal, median 1).",
    )
    low: float | None = param(None, unit="unit of the shock", status="assumption", source="set by the user",
                              description="Lower bound (uniform, triangular).")
    mode: float | None = param(None, unit="unit of the shock", status="assumption", source="set by the user",
                               description="Most likely value (triangular).")
    high: float | None = param(None, unit="unit of the shock", status="assumption", source="set by the user",
                               description="Upper bound (uniform, triangular).")

    @model_validator(mode="after")
    def _complete(self):
        need = {"normal": ("sd",), "lognormal": ("sd",), "uniform": ("low", "high"),
                "triangular": ("low", "mode", "high")}[self.distribution]
        missing = [k for k in need if getattr(self, k) is None]
        if missing:
            raise ValueError(f"a {self.distribution} distribution needs {', '.join(missing)}")
        if self.distribution == "lognormal" and self.apply != "multiply":
            raise ValueError("a lognormal shock is a factor: use apply: multiply")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        if self.distribution == "triangular" and not self.low <= self.mode <= self.high:
            raise ValueError("mode must lie between low and high")
        return self


class Correlation(BaseModel):
    """Correlation between the normal scores of two varied parameters."""

    model_config = STRICT

    first: str = param(..., unit="dotted key", status="assumption", source="set by the user",
                       description="A key listed under uncertainty.parameters.")
    second: str = param(..., unit="dotted key", status="assumption", source="set by the user",
                        description="Another key listed under uncertainty.parameters.")
    rho: float = param(..., unit="correlation coefficient", ge=-1, le=1, status="assumption",
                       source="set by the user", description="Correlation of the two shocks' normal scores.")


class Uncertainty(BaseModel):
    """Stochastic variants: seeded draws of parameters and of the probit coefficients."""

    model_config = STRICT

    seed: int = param(20261122, unit="integer", ge=0, status="assumption", source="any fixed seed",
                      description="Seed of the random draws: the same seed gives the same variants.")
    draws: int = param(1000, unit="variants", ge=1, le=100_000, status="assumption",
                       source="enough for stable 5-95 % bands",
                       description="Number of stochastic variants (the command line's --draws wins).")
    probit_coefficients: bool = param(
        False, unit="switch", status="assumption",
        source="standard errors from Table 14 coefficients and p-values (Oxfam in Laos 2021)",
        description="Draw the probit coefficients from their sampling distribution (independent "
                    "normals, standard errors implied by the published p-values).",
    )
    parameters: dict[str, Distribution] = Field(
        default_factory=dict, description="Shock distribution for each varied dotted key.",
        json_schema_extra={"unit": "mapping of dotted key to distribution", "status": "assumption",
                           "source": "set by the user"})
    correlations: list[Correlation] = Field(
        default_factory=list, description="Correlations between varied parameters.",
        json_schema_extra={"unit": "list", "status": "assumption", "source": "set by the user"})

    @model_validator(mode="after")
    def _correlated_keys_listed(self):
        for c in self.correlations:
            for key in (c.first, c.second):
                if key not in self.parameters:
                    raise ValueError(f"correlation names '{key}', which is not under uncertainty.parameters")
        return self


class SensitivityItem(BaseModel):
    """One parameter varied over a grid, the others held at the scenario's values."""

    model_config = STRICT

    apply: Literal["add", "multiply"] = param(
        "add", unit="choice", status="assumption", source="set by the user",
        description="'add' shifts the parameter's path by each value; 'multiply' scales it.")
    values: list[float] = Field(
        ..., min_length=1, description="Shifts or factors to try.",
        json_schema_extra={"unit": "unit of the parameter (add) or ratio (multiply)",
                           "status": "assumption", "source": "set by the user"})
