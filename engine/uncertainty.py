"""Variants of a scenario: seeded stochastic draws and one-at-a-time sensitivity grids.

A *variant* is a mapping of dotted keys to shocks. Applying a variant to a scenario
shifts (``add``) or scales (``multiply``) every value of each named parameter, truncates
the result at the parameter's declared bounds, and validates the new scenario exactly like
a file. Draws are made once, up front, from one seeded generator, so a sweep gives the same
variants however it is split into chunks or spread over workers.

Joint draws use a Gaussian copula: standard normal scores ``z = L e`` with ``L`` the
Cholesky factor of the stated correlation matrix and ``e`` independent standard normals;
each marginal is ``F^{-1}(Phi(z))``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from engine.errors import InputError, Problem
from engine.scenario.params import YearPath, bounds_of
from engine.scenario.schema import Scenario
from engine.scenario.schema_uncertainty import Distribution
from engine.scenario.varied_keys import field_at

PROBIT_KEY = "enrolment.probit_coefficients"


def check_something_varies(scenario: Scenario, draws: int) -> None:
    """A sweep must vary something: ``--draws N`` needs an ``uncertainty:`` block that
    lists parameters or draws the probit coefficients (else every draw is the same run),
    and ``--draws 0`` needs ``sensitivity:`` cases. Raises :class:`InputError`."""
    block = scenario.uncertainty
    if draws > 0 and not block.parameters and not block.probit_coefficients:
        raise InputError([Problem("command line", None, "--draws",
                                  f"--draws {draws} for scenario '{scenario.name}', whose uncertainty: block "
                                  "varies nothing (no parameters, probit_coefficients false)",
                                  "uncertainty.parameters or uncertainty.probit_coefficients: true "
                                  "(or --draws 0 to run the sensitivity: cases alone)")])
    if draws == 0 and not scenario.sensitivity:
        raise InputError([Problem("command line", None, "--draws",
                                  f"--draws 0 for scenario '{scenario.name}', which has no sensitivity: cases",
                                  "--draws N > 0 with an uncertainty: block, or sensitivity: cases")])


def _shifted(value, shock: float, how: str, low, high):
    def one(v: float) -> float:
        out = v + shock if how == "add" else v * shock
        if low is not None:
            out = max(out, low)
        if high is not None:
            out = min(out, high)
        return out

    if isinstance(value, YearPath):
        return {int(y): one(v) for y, v in value.points} if value.points[0][0] is not None \
            else one(value.points[0][1])
    return type(value)(one(float(value))) if isinstance(value, float) else one(float(value))


def apply_variant(scenario: Scenario, shocks: dict[str, tuple[str, float]]) -> Scenario:
    """A new validated scenario with each ``key: (how, shock)`` applied (see module doc)."""
    raw = scenario.model_dump(mode="python")
    for key, (how, shock) in shocks.items():
        located, problem = field_at(scenario, key)
        if problem is not None:
            raise InputError([problem])
        owner, name = located
        low, high = bounds_of(type(owner).model_fields[name])
        target = raw
        parts = key.split(".")
        for part in parts[:-1]:
            target = target[part]
        target[parts[-1]] = _shifted(getattr(owner, name), shock, how, low, high)
    return Scenario.model_validate(raw)


def marginal_ppf(dist: Distribution, q: np.ndarray) -> np.ndarray:
    """The marginal's quantile function ``F^{-1}(q)``, written as ``scipy.stats`` computes
    it (``_ppf(q) x scale + loc``, with the same expressions, so the same draws bit for bit)
    from ``scipy.special.ndtri`` alone: ``scipy.stats`` takes 0.6 s to import, which a
    sweep's client paid while its workers waited.

    normal (mean ``mu``, or 0 for ``add`` and 1 for ``multiply``; ``sd``):
    ``mu + sd x Phi^{-1}(q)``; lognormal (median 1): ``exp(sd x Phi^{-1}(q))``; uniform:
    ``low + (high - low) q``; triangular with ``c = (mode - low) / (high - low)``:
    ``low + (high - low) x (sqrt(c q)`` if ``q < c``, else ``1 - sqrt((1 - c)(1 - q)))``.
    A scale that is not positive (or a lognormal ``sd`` that is not) gives NaN, as in
    ``scipy.stats``.
    """
    from scipy.special import ndtri

    q = np.asarray(q, dtype=np.float64)
    if dist.distribution == "normal":
        loc = dist.mean if dist.mean is not None else (0.0 if dist.apply == "add" else 1.0)
        scale, valid = dist.sd, True
        unit = ndtri(q)
    elif dist.distribution == "lognormal":
        loc, scale, valid = 0.0, 1.0, dist.sd > 0
        unit = np.exp(dist.sd * ndtri(q)) if valid else q
    elif dist.distribution == "uniform":
        loc, scale, valid = dist.low, dist.high - dist.low, True
        unit = q
    else:
        width = dist.high - dist.low
        c = (dist.mode - dist.low) / width if width else 0.5
        loc, scale, valid = dist.low, width, 0.0 <= c <= 1.0
        unit = np.where(q < c, np.sqrt(c * q), 1 - np.sqrt((1 - c) * (1 - q)))
    if not (valid and scale > 0):
        return np.full(q.shape, np.nan)
    return np.asarray(unit) * np.asarray(scale, dtype=np.float64) + np.asarray(loc, dtype=np.float64)


def correlation_matrix(keys: list[str], correlations) -> np.ndarray:
    """The correlation matrix of the normal scores, in the order of ``keys``."""
    matrix = np.eye(len(keys))
    index = {k: i for i, k in enumerate(keys)}
    for c in correlations:
        i, j = index[c.first], index[c.second]
        matrix[i, j] = matrix[j, i] = c.rho
    return matrix


@dataclass(frozen=True)
class Draws:
    """``shocks[k]`` (n,) for each varied key, applied as ``how[k]``; probit draws if any."""

    shocks: dict[str, np.ndarray]
    how: dict[str, str]
    probit: dict[str, np.ndarray] | None = None

    @property
    def n(self) -> int:
        arrays = list(self.shocks.values()) + list((self.probit or {}).values())
        return len(arrays[0]) if arrays else 0

    def variant(self, i: int) -> dict[str, tuple[str, float]]:
        return {k: (self.how[k], float(v[i])) for k, v in self.shocks.items()}


def draw_variants(scenario: Scenario, n: int, seed: int | None = None) -> Draws:
    """Draw ``n`` joint shocks for the scenario's ``uncertainty:`` block (seeded)."""
    spec = scenario.uncertainty
    rng = np.random.default_rng(spec.seed if seed is None else seed)
    keys = list(spec.parameters)
    shocks: dict[str, np.ndarray] = {}
    if keys:
        matrix = correlation_matrix(keys, spec.correlations)
        try:
            factor = np.linalg.cholesky(matrix)
        except np.linalg.LinAlgError:
            raise InputError([Problem(None, None, "uncertainty.correlations", "a correlation matrix that "
                                      "is not positive definite", "consistent pairwise correlations")]) from None
        scores = rng.standard_normal((n, len(keys))) @ factor.T
        uniforms = ndtr(scores)  # the standard normal distribution function, as stats.norm.cdf
        for j, key in enumerate(keys):
            shocks[key] = marginal_ppf(spec.parameters[key], uniforms[:, j])
    probit = None
    if spec.probit_coefficients:
        from engine.profile.probit_draws import draw_coefficients

        probit = draw_coefficients(scenario, n, rng)
    return Draws(shocks, {k: spec.parameters[k].apply for k in keys}, probit)
