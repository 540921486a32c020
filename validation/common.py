"""Shared machinery of the validation folder: the baseline run, the figures, the bands.

Each comparison script (``validation/<name>.py``) compares engine results with
independent figures compiled, with their original publishers, in
``validation/data/<name>.csv`` (columns ``figure, year, value, unit, source, status``).
The differences it expects are stated in ``validation/expected/<name>.csv`` (columns
``item, year, kind, low, high, reason``): ``kind`` is ``relative`` (difference =
engine / independent - 1) or ``absolute`` (difference = engine - independent, in the
figure's unit; percentage points for a percentage). A comparison is inside its band when
``low <= difference <= high``.

A script names, for each figure, how the engine's value is read from the results
(:class:`Item`). Years are selected by value; a figure whose year the results do not
contain, or where the engine's value is NaN (a flow not known in the base year), is
reported as skipped, with the reason, and is not counted as a failure. Sums over a
dimension keep NaN (``skipna=False``) so that an unknown value is not read as zero.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
EXPECTED = HERE / "expected"
BASELINE = ROOT / "scenarios" / "baseline.yaml"

STATUSES = {"confirmed", "reported", "derived", "assumption"}
KINDS = {"relative", "absolute"}


class NotInResults(Exception):
    """The results do not contain what a figure is compared with (the message says why)."""


@dataclass(frozen=True)
class Figure:
    """One independent figure with its original publisher."""

    figure: str
    year: int
    value: float
    unit: str
    source: str
    status: str


@dataclass(frozen=True)
class Band:
    """The expected difference of one item and year, and why."""

    item: str
    year: int
    kind: str
    low: float
    high: float
    reason: str

    def difference(self, engine: float, independent: float) -> float:
        if self.kind == "relative":
            return engine / independent - 1.0
        return engine - independent

    def contains(self, difference: float) -> bool:
        return math.isfinite(difference) and self.low <= difference <= self.high

    def describe(self) -> str:
        if self.kind == "relative":
            return f"[{self.low:+.2%}, {self.high:+.2%}]"
        return f"[{self.low:+.4g}, {self.high:+.4g}]"


@dataclass(frozen=True)
class Item:
    """How one figure is compared: ``engine(ds, year)`` returns the engine's value in
    base units (persons, LAK, percent), or raises :class:`NotInResults`; it is divided by
    the multiple the figure's unit names (:func:`unit_scale`) before the comparison. It
    may return ``(value, note)`` where the note says what was read (e.g. the engine's year
    when it differs from the figure's); the note is printed beside the verdict.

    An item with ``independent`` is recomputed rather than read from the data file:
    ``independent(ds, year, figures)`` returns its value in ``unit`` from the figures of
    the data file (e.g. contribution rates) and engine quantities it names; its rows are
    the item's bands.
    """

    figure: str
    engine: Callable
    independent: Callable | None = None
    unit: str = ""


@dataclass(frozen=True)
class Row:
    """One line of a comparison's table."""

    comparison: str
    item: str
    year: int
    engine: float | None
    independent: float
    unit: str
    difference: float | None
    band: Band
    verdict: str            # "inside", "OUTSIDE" or "skipped: <reason>"

    @property
    def skipped(self) -> bool:
        return self.verdict.startswith("skipped")

    @property
    def failed(self) -> bool:
        return self.verdict.startswith("OUTSIDE")

    def message(self) -> str:
        """The line a failing test prints: comparison, item, year and the figures."""
        return (f"{self.comparison}: {self.item} {self.year}: engine {self.engine:,.6g} against "
                f"independent {self.independent:,.6g} ({self.unit}), difference "
                f"{_fmt_diff(self.difference, self.band)} outside the band {self.band.describe()} "
                f"({self.band.reason})")


_MULTIPLES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def unit_scale(unit: str) -> float:
    """The multiple a unit starts with: 'thousand persons' 1e3, 'trillion LAK' 1e12, else 1."""
    return _MULTIPLES.get(unit.split(" ", 1)[0].lower(), 1.0)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(row for row in fh if not row.startswith("#")))


def figures(name: str) -> dict[tuple[str, int], Figure]:
    """The independent figures of comparison ``name``, keyed by (figure, year)."""
    out = {}
    for r in _read_csv(DATA / f"{name}.csv"):
        f = Figure(r["figure"], int(r["year"]), float(r["value"]), r["unit"], r["source"], r["status"])
        key = (f.figure, f.year)
        if key in out:
            raise ValueError(f"{name}: figure {key} given twice in data/{name}.csv")
        out[key] = f
    return out


def bands(name: str) -> dict[tuple[str, int], Band]:
    """The expected differences of comparison ``name``, keyed by (item, year)."""
    out = {}
    for r in _read_csv(EXPECTED / f"{name}.csv"):
        b = Band(r["item"], int(r["year"]), r["kind"], float(r["low"]), float(r["high"]), r["reason"])
        key = (b.item, b.year)
        if key in out:
            raise ValueError(f"{name}: band {key} given twice in expected/{name}.csv")
        out[key] = b
    return out


@lru_cache(maxsize=1)
def baseline_results():
    """The shipped baseline scenario, run once per process over its full horizon (5-15 s
    on two cores, about 40 s when numba first compiles its kernels): the population
    comparison needs 2100."""
    import engine

    return engine.run(engine.load_scenario(BASELINE))


def compare(name: str, items: list[Item], ds, inputs: tuple[str, ...] = ()) -> list[Row]:
    """Compare every figure of ``data/<name>.csv`` with the engine's value by its band.

    Every figure must have exactly one band and one :class:`Item`, unless it is named in
    ``inputs`` (a figure a recomputed item uses); every band must belong to a figure or
    to a recomputed item. Anything else is an error, not a silent omission.
    """
    figs, bnds = figures(name), bands(name)
    by_name = {it.figure: it for it in items}
    computed = {it.figure for it in items if it.independent is not None}
    compared = {k for k in figs if k[0] not in inputs}
    unbanded = sorted(k for k in compared if k not in bnds)
    orphans = sorted(k for k in bnds if k not in compared and k[0] not in computed)
    if unbanded or orphans:
        raise ValueError(f"{name}: figures without a band {unbanded}, bands without a figure {orphans}")
    missing = {f for f, _ in compared} - set(by_name)
    if missing:
        raise ValueError(f"{name}: no engine value defined for {sorted(missing)}")
    rows = []
    for key, band in bnds.items():
        item = by_name[band.item]
        if item.independent is not None:
            try:
                value, unit = float(item.independent(ds, band.year, figs)), item.unit
            except NotInResults as why:
                rows.append(Row(name, band.item, band.year, None, math.nan, item.unit, None, band,
                                f"skipped: {why}"))
                continue
        else:
            value, unit = figs[key].value, figs[key].unit
        try:
            got = item.engine(ds, band.year)
        except NotInResults as why:
            rows.append(Row(name, band.item, band.year, None, value, unit, None, band, f"skipped: {why}"))
            continue
        got, note = got if isinstance(got, tuple) else (got, "")
        engine_value = float(got) / unit_scale(unit)
        if not math.isfinite(engine_value):
            rows.append(Row(name, band.item, band.year, None, value, unit, None, band,
                            f"skipped: the engine's value is not known in {band.year} (NaN)"))
            continue
        diff = band.difference(engine_value, value)
        verdict = ("inside" if band.contains(diff) else "OUTSIDE") + (f" ({note})" if note else "")
        rows.append(Row(name, band.item, band.year, engine_value, value, unit, diff, band, verdict))
    return rows


def _fmt_diff(diff: float | None, band: Band) -> str:
    if diff is None:
        return ""
    return f"{diff:+.2%}" if band.kind == "relative" else f"{diff:+.4g}"


def table(rows: list[Row]) -> str:
    """A plain-text table: item, year, engine, independent, difference, band, verdict."""
    head = ("item", "year", "engine", "independent", "unit", "difference", "band", "verdict")
    body = [(r.item, str(r.year), "" if r.engine is None else f"{r.engine:,.6g}",
             f"{r.independent:,.6g}", r.unit, _fmt_diff(r.difference, r.band), r.band.describe(),
             r.verdict) for r in rows]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)]
    widths[-1] = 0
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths[:-1]) + ("-------",)),
                      *(line(b) for b in body)])


def main(name: str, items: list[Item], inputs: tuple[str, ...] = ()) -> int:
    """Run the baseline, print the comparison's table; exit status 1 when an item is outside."""
    rows = compare(name, items, baseline_results(), inputs)
    print(f"validation: {name} (baseline scenario)")
    print(table(rows))
    failed = [r for r in rows if r.failed]
    skipped = [r for r in rows if r.skipped]
    print(f"{len(rows) - len(failed) - len(skipped)} inside, {len(failed)} outside, {len(skipped)} skipped")
    return 1 if failed else 0


def year_value(da, year: int, what: str):
    """``da.sel(year=year)``, or :class:`NotInResults` when the results lack that year."""
    if "year" not in da.coords or year not in set(int(y) for y in da["year"].values):
        first, last = (int(da["year"].min()), int(da["year"].max())) if "year" in da.coords else (None, None)
        raise NotInResults(f"{what} has no year {year} (results cover {first}-{last})")
    return da.sel(year=year)


def variable(ds, name: str):
    """``ds[name]``, or :class:`NotInResults` when the results lack the variable."""
    if name not in ds:
        raise NotInResults(f"the results have no variable '{name}'")
    return ds[name]


def in_year_or_first_projected(ds, year: int, value: Callable):
    """``value(ds, year)`` when the results contain ``year`` with a finite value, else
    ``(value(ds, first), "engine <first>")`` for the first projected year (base year + 1):
    for a share the engine holds constant, compared with a figure of an earlier year."""
    try:
        got = float(value(ds, year))
        if math.isfinite(got):
            return got
    except NotInResults:
        pass
    first = int(ds.attrs["base_year"]) + 1
    return float(value(ds, first)), f"engine {first}"
