"""laosim: actuarial and fiscal scenario engine for social security in Lao PDR.

Public API::

    scenario = engine.load_scenario("scenarios/baseline.yaml", overrides=["macro.inflation=0.05"])
    results = engine.run(scenario)          # an xarray.Dataset
    engine.compare(["scenarios/baseline.yaml", "scenarios/subsidy_50.yaml"])   # writes a report
    draws = engine.sweep(scenario, 100)      # indicators with a `draw` dimension
"""

__version__ = "0.1.0"

from engine.scenario import Scenario, load_scenario  # noqa: E402
from engine.model import run  # noqa: E402
from engine.compare import compare  # noqa: E402
from engine.sweep import sweep  # noqa: E402

__all__ = ["Scenario", "load_scenario", "run", "compare", "sweep", "__version__"]
