"""Rewrite the golden summaries after a deliberate change of the model.

Run ``python tests/golden/regenerate.py`` and review ``git diff tests/golden`` before
committing: every changed number should be explained by the change that was made.
"""

from __future__ import annotations

from pathlib import Path

import engine
from engine.summary import summary_table

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent


def golden_path(scenario_path: Path) -> Path:
    return GOLDEN / f"{scenario_path.stem}.summary.csv"


def shipped_scenarios() -> list[Path]:
    return sorted((ROOT / "scenarios").glob("*.yaml"))


def summary_of(scenario_path: Path):
    return summary_table(engine.run(engine.load_scenario(scenario_path)))


def main() -> None:
    for path in shipped_scenarios():
        summary_of(path).to_csv(golden_path(path), float_format="%.10g")
        print(f"wrote {golden_path(path).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
