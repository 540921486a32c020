"""Draws of the probit coefficients from their sampling distribution.

Each coefficient of the specification(s) a scenario uses is drawn independently from
``N(beta, se^2)``, with ``beta`` as published in Table 14 and ``se`` implied by its
two-sided p-value under asymptotic normality (:func:`engine.profile.probit.standard_errors`:
``se = |beta| / Phi^{-1}(1 - p / 2)``). The covariances between coefficients are not
published, so the draws are independent: an assumption that widens or narrows the spread
of interest depending on the signs of the omitted covariances.
"""

from __future__ import annotations

import numpy as np

from engine.profile.probit import coefficients, standard_errors

SPLIT_PAIRS = {"split_a": ("below_a", "above_a"), "split_b": ("below_b", "above_b")}


def specifications_used(probit_spec: str) -> tuple[str, ...]:
    """The published specifications behind a scenario's ``enrolment.probit_spec``."""
    return SPLIT_PAIRS.get(probit_spec, (probit_spec,))


def draw_coefficients(scenario, n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """``{"spec.variable": (n,) draws}`` for every coefficient of the scenario's specification(s)."""
    out: dict[str, np.ndarray] = {}
    for spec in specifications_used(scenario.enrolment.probit_spec):
        beta, se = coefficients(spec), standard_errors(spec)
        for name in beta:  # fixed order: the table's
            out[f"{spec}.{name}"] = rng.normal(beta[name], se[name], n)
    return out


def with_coefficients(scenario, draw: dict[str, float]):
    """The scenario with ``enrolment.probit_coefficients`` set to one draw (``"spec.variable"`` keys)."""
    by_spec: dict[str, dict[str, float]] = {}
    for key, value in draw.items():
        spec, _, variable = key.partition(".")
        by_spec.setdefault(spec, {})[variable] = float(value)
    enrolment = scenario.enrolment.model_copy(update={"probit_coefficients": by_spec})
    return scenario.model_copy(update={"enrolment": enrolment})
