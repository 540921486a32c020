"""The scenario a server opened, its reference run, and the runs the page asks for.

A :class:`Session` validates every request's edits exactly as ``--set`` is validated
(``load_scenario(path, overrides)``), runs the model on valid ones and keeps the last
runs in a small cache (moving a lever back and forth costs one run). Model runs take the
session's lock one at a time (the numba kernels' thread pool is not re-entrant), each
bounded by the horizon limit of :mod:`engine.serve.request`; everything slower (writing
result files) happens outside the lock, so one slow request does not hold up others.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from pathlib import Path

import xarray as xr

from engine.errors import InputError, Problem
from engine.model import run
from engine.scenario.load import load_scenario
from engine.scenario.schema import Scenario
from engine.serve.figures import page_figures
from engine.serve.levers import block_types, block_values, scenario_levers
from engine.serve.request import Edits, overrides, read_edits, scenario_yaml
from engine.serve.uncertainty import shipped_assumptions, varies_nothing

CACHE_SIZE = 12


class Session:
    """One opened scenario file and the runs of its edits."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        self.scenario = load_scenario(self.path)  # InputError: the command reports it
        self.sections = scenario_levers(self.scenario)
        self.kinds = {lv["key"]: lv["kind"] for s in self.sections for lv in s["levers"]}
        self.types = block_types()
        self.block_fields = {t: {f["key"]: f for f in spec["fields"]} for t, spec in self.types.items()}
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Scenario, xr.Dataset]] = OrderedDict()
        self.reference = self.results(Edits())

    def describe(self) -> dict:
        """What the page builds its controls from."""
        return {"name": self.scenario.name, "path": str(self.path), "sections": self.sections,
                "first_year": self.scenario.horizon.base_year + 1, "last_year": self.scenario.horizon.end_year,
                "blocks": [{"type": b.type, "values": block_values(b)} for b in self.scenario.policies],
                "block_types": self.types}

    def edits(self, body: object) -> Edits:
        """A request's edits, checked (:class:`engine.errors.InputError` when refused)."""
        return read_edits(body, frozenset(self.kinds), self.block_fields)

    def results(self, edits: Edits) -> tuple[Scenario, xr.Dataset]:
        """The validated scenario and results of ``edits`` (InputError when invalid)."""
        key = edits.key()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        # validated outside the lock: an invalid request never waits for another's run
        scenario = load_scenario(self.path, overrides(edits, self.kinds, self.block_fields))
        with self._lock:
            if key not in self._cache:
                self._cache[key] = (scenario, run(scenario))
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
            self._cache.move_to_end(key)
            return self._cache[key]

    def explore(self, body: dict) -> tuple[dict, dict[str, float]]:
        """The page's figures for ``body["edits"]`` against ``body["reference"]`` (pinned
        edits) or the opened scenario; and the seconds spent in the model and in building
        the figures."""
        start = time.perf_counter()
        edits = self.edits(body.get("edits"))
        pinned = body.get("reference")
        _, ds = self.results(edits)
        if pinned is None:
            ref_ds, label = self.reference[1], f"{self.scenario.name} as opened"
        else:
            ref_ds, label = self.results(self.edits(pinned))[1], "the pinned settings"
        model = time.perf_counter()
        figures = page_figures(ds, ref_ds, label)
        return figures, {"model": model - start, "figures": time.perf_counter() - model}

    def sweep_scenario(self, body: object) -> tuple[Scenario, str]:
        """The validated scenario of a request's edits to sweep, and where its draws come
        from: its own ``uncertainty:`` block, or the shipped assumptions when it varies nothing."""
        values = overrides(self.edits(body), self.kinds, self.block_fields)
        scenario = load_scenario(self.path, values)
        if not varies_nothing(scenario):
            return scenario, f"the uncertainty: block of {self.scenario.name}"
        block = shipped_assumptions()
        if block is None:
            raise InputError([Problem(str(self.path), None, "uncertainty", "a block that varies nothing",
                                      "an uncertainty: block with parameters (see scenarios/uncertainty.yaml)")])
        return (load_scenario(self.path, {**values, "uncertainty": block}),
                "the stated assumptions of scenarios/uncertainty.yaml (this scenario states none)")

    def scenario_file(self, body: object) -> str:
        """The downloadable scenario of a request's edits (validated first)."""
        edits = self.edits(body)
        values = overrides(edits, self.kinds, self.block_fields)
        load_scenario(self.path, values)  # never offer a file that would not validate
        return scenario_yaml(edits, values, self.path, self.scenario.name, self.block_fields)
