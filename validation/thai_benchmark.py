"""Writes validation/thai_benchmark.md: the engine's subsidy and package scenarios against
Thailand's response to its subsidised packages (engine.policies.benchmark).

Run from the repository root: ``python3 validation/thai_benchmark.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import engine  # noqa: E402
from engine.policies.benchmark import benchmark, thai_response  # noqa: E402

SCENARIOS = ("subsidy_50", "subsidy_100", "subsidy_tiers", "thai_packages")
OUT = ROOT / "validation" / "thai_benchmark.md"


def rows(end_year: int | None = None):
    overrides = [] if end_year is None else [f"horizon.end_year={end_year}"]
    base = engine.run(engine.load_scenario(ROOT / "scenarios" / "baseline.yaml", overrides))
    out = []
    for name in SCENARIOS:
        scenario = engine.load_scenario(ROOT / "scenarios" / f"{name}.yaml", overrides)
        start = min(b.start_year for b in scenario.policies)
        out.append(benchmark(name, engine.run(scenario), base, start))
    return out


def render(results) -> str:
    r_th, g_th = thai_response()
    lines = [
        "# Plausibility benchmark: Thailand's subsidised packages",
        "",
        "Thailand (ILO 2013, minutes of the ABND consultation workshop in Lao PDR): 65 members of the",
        "self-employed scheme until 2011; two packages with a government-subsidised contribution",
        "(100 and 150 baht a month) and active promotion took membership to 1.2 million in 18",
        "months, among 24 million informal workers: "
        f"**{100 * r_th:.2f} % of informal workers brought in within 18 months**, membership x{g_th:,.0f}.",
        "",
        "The engine, in the same terms (`engine.policies.benchmark`): additional voluntary members",
        "against the baseline 18 months after the policy starts (mean of the two year ends), over",
        "informal workers; and the growth of voluntary members over those 18 months.",
        "",
        "| scenario | start | additional members after 18 months | informal workers | share brought in | share of Thailand's response | growth of members |",
        "|---|---|---|---|---|---|---|",
    ]
    for b in results:
        lines.append(f"| {b.scenario} | {b.start_year} | {b.additional_18_months:,.0f} | {b.informal_workers:,.0f} | "
                     f"{100 * b.response:.3f} % | {100 * b.ratio:.2f} % | x{b.growth_factor:.2f} |")
    lines += [
        "",
        "**The difference.** The engine's subsidy and package scenarios bring in a small fraction of",
        "Thailand's response: the probit's interest, affordability at the survey's incomes and the",
        "calibrated reach (under 1 % of non-members informed a year) limit who joins, whatever the",
        "price. Thailand's figure includes aggressive promotion, starts from an almost empty scheme",
        "(65 members, so its growth factor is not comparable) and covers a workforce ten times",
        "larger; none of the engine's scenarios adds outreach. Reading: either the engine's reach",
        "is too low for a campaign of Thailand's kind (an outreach block can raise it), or Lao",
        "informal workers would respond far less than Thai ones; the seeds do not decide which.",
        "",
        "Regenerate with `python3 validation/thai_benchmark.py`.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.write_text(render(rows()))
    print(f"wrote {OUT.relative_to(ROOT)}")
