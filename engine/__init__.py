"""laosim: actuarial and fiscal scenario engine for social security in Lao PDR.

Public API::

    scenario = engine.load_scenario("scenarios/baseline.yaml", overrides=["macro.inflation=0.05"])
    results = engine.run(scenario)          # an xarray.Dataset
    engine.compare(["scenarios/baseline.yaml", "scenarios/subsidy_50.yaml"])   # writes a report
    draws = engine.sweep(scenario, 100)      # indicators with a `draw` dimension
"""

import sys
import types

__version__ = "0.1.0"

__all__ = ["Scenario", "load_scenario", "run", "compare", "sweep", "__version__"]

_HOMES = {"Scenario": "engine.scenario.schema", "load_scenario": "engine.scenario.load", "run": "engine.model",
          "compare": "engine.compare", "sweep": "engine.sweep"}


def __getattr__(name: str):
    """Import the public API on first use, so that the command line starts (and installs
    its signal handlers) before the numerical libraries load."""
    if name in _HOMES:
        import importlib

        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'engine' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_HOMES))


class _Package(types.ModuleType):
    """``engine.compare`` and ``engine.sweep`` are functions of the API, though modules of
    the same names exist: loading those modules must not rebind the names to them."""

    def __setattr__(self, name: str, value) -> None:
        if name in _HOMES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
