"""Speed of the enrolment and pension kernels against their numpy references.

Run: ``python benchmarks/bench_kernels.py [--batch K] [--variants V]``. The baseline's own
kernel inputs are captured during one run and stacked K times along the kernels' batch
axis (cells for enrolment, units for pensions: both are independent in the kernels, so K
copies stand for K variants projected in one call). With ``--variants V``, also V
stochastic variants of ``scenarios/uncertainty.yaml`` (their own population, economy and
probit coefficients), their enrolment inputs captured one by one and projected in one
call of :func:`enrolment_batch.project_enrolment_batch`, and in one call each,
both against the numpy reference run variant by variant. Prints median times, the ratio
and the batch size. ``NUMBA_NUM_THREADS=1`` times the kernels as a sweep's workers run them.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

import engine
import engine.funds.pensions as pensions_stage
from engine.demography import project_population
from engine.enrolment import dynamics
from engine.enrolment.cell_setup import setup_for
from engine.enrolment.reference import project_enrolment_reference
from engine.funds.reference import project_service_reference
from engine.kernels.enrolment import project_enrolment
from engine.kernels.pensions import project_service
from engine.labour import project_workforce
from engine.macro import project_economy
from engine.sweep import variant_scenario, variants_of
from engine.uncertainty import draw_variants
from enrolment_batch import project_enrolment_batch

ROOT = Path(__file__).parents[1]


def capture_inputs(scenario):
    """The arguments of the projection's enrolment call and of the pension kernel call."""
    seen: dict[str, tuple] = {}

    def enrolment_spy(*args, **kwargs):
        seen["enrolment"] = (args, kwargs)
        return project_enrolment(*args, **kwargs)

    def pension_spy(*args, **kwargs):
        seen["pensions"] = (args, kwargs)
        return project_service(*args, **kwargs)

    population = project_population(scenario)
    workforce = project_workforce(scenario, population)
    economy = project_economy(scenario, population.years, workforce.mid_year.employed.sum(axis=(1, 2)),
                              float(workforce.base.employed.sum()))
    setup = setup_for(scenario)
    history = dynamics.run_history(scenario, setup, workforce.default_base)
    span = dynamics.projection_span(scenario, population, economy, workforce.year_end)
    dynamics.run_span(setup, span, scenario, dynamics.VoluntaryState(history.final_members, history.final_lapsed),
                      engine=enrolment_spy, detail=True)
    original = pensions_stage.project_service
    pensions_stage.project_service = pension_spy       # the stage calls the kernel by this name
    try:
        engine.run(scenario)
    finally:
        pensions_stage.project_service = original
    return seen


def variant_inputs(count: int) -> list[tuple]:
    """The projection's enrolment inputs of ``count`` stochastic variants (seeded draws)."""
    scenario = engine.load_scenario(ROOT / "scenarios" / "uncertainty.yaml")
    variants = variants_of(draw_variants(scenario, count), count)
    return [capture_inputs(variant_scenario(scenario, *v))["enrolment"] for v in variants]


def stack_enrolment(args, kwargs, k: int):
    cells, years, rates, members0, lapsed0, n_groups = args[:6]
    eta, weight, group, *more = cells
    cells = (np.concatenate([eta] * k, axis=1), np.concatenate([weight] * k), np.concatenate([group] * k),
             *([np.concatenate([more[0]] * k)] + list(more[1:]) if more else []))
    income, scale, pool, survival, transfers, *rest = years
    years = (np.concatenate([income] * k, axis=1), np.concatenate([scale] * k, axis=1), pool, survival,
             transfers, *[np.concatenate([r] * k, axis=1) for r in rest])
    return (cells, years, rates, np.concatenate([members0] * k), np.concatenate([lapsed0] * k), n_groups), kwargs


def stack_units(args, k: int):
    """The pension kernel's (state, paths, rules) with every unit repeated ``k`` times."""
    state, paths, rules = args
    repeat = lambda a: np.concatenate([np.asarray(a)] * k)  # noqa: E731
    return ({n: repeat(a) for n, a in state.items()}, {n: repeat(a) for n, a in paths.items()}, repeat(rules))


def median_time(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=4, help="copies of the baseline's batch")
    parser.add_argument("--variants", type=int, default=0, help="stochastic variants in one enrolment call")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seen = capture_inputs(engine.load_scenario(ROOT / "scenarios" / "baseline.yaml"))
    e_args, e_kwargs = stack_enrolment(*seen["enrolment"], args.batch)
    p_args = stack_units(seen["pensions"][0], args.batch * 25)
    print(f"{'kernel':<44}{'numba s':>10}{'numpy s':>10}{'ratio':>8}")
    cases = [
        (f"enrolment, {e_args[0][1].shape[0]} cells x 77 years",
         lambda: project_enrolment(*e_args, **e_kwargs), lambda: project_enrolment_reference(*e_args, **e_kwargs)),
        (f"pensions, {p_args[2].shape[0]} units x 77 years",
         lambda: project_service(*p_args), lambda: project_service_reference(*p_args)),
    ]
    if args.variants:
        captured = variant_inputs(args.variants)
        kwargs = captured[0][1]
        batch = [a[:5] for a, _ in captured]
        n_groups = captured[0][0][5]
        n_cells = sum(cells[1].shape[0] for cells, *_ in batch)
        cases.append((f"enrolment, {args.variants} variants, {n_cells} cells",
                      lambda: project_enrolment_batch(batch, n_groups, n_classes=kwargs.get("n_classes", 0)),
                      lambda: [project_enrolment_reference(*a, n_groups, **kwargs) for a in batch]))
        cases.append((f"enrolment, {args.variants} variants, a call each",
                      lambda: [project_enrolment(*a, **k) for a, k in captured],
                      lambda: [project_enrolment_reference(*a, n_groups, **kwargs) for a in batch]))
    for label, fast, slow in cases:
        fast()
        t_fast = median_time(fast, args.repeat)
        t_slow = median_time(slow, max(1, args.repeat // 3))
        print(f"{label:<44}{t_fast:>10.4f}{t_slow:>10.4f}{t_slow / t_fast:>8.1f}")


if __name__ == "__main__":
    main()
