"""Observed voluntary-scheme membership and the government's enrolment target.

Drawn on the membership figure and quoted in the headline panel. Each point carries its
source; the counts are read from the embedded ``membership_history.csv`` when present.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from engine.citations import OXFAM as OXFAM_SURVEY

OXFAM = f"{OXFAM_SURVEY}, section 4.1"


@dataclass(frozen=True)
class Point:
    year: float        # calendar year, fractional for a date within the year
    value: float       # persons
    label: str
    source: str
    status: str
    use: str = ""      # calibration, initial_state or check


@lru_cache(maxsize=None)
def _from_data() -> tuple[Point, ...] | None:
    """Voluntary active-member counts of ``membership_history.csv`` (None if the file is absent)."""
    from engine.errors import DataFileError
    from engine.data.files import read_table

    try:
        frame = read_table("membership_history").frame
    except DataFileError:
        return None
    rows = frame[(frame["scheme"] == "voluntary") & (frame["quantity"] == "active_members")]
    points = []
    for r in rows.itertuples(index=False):
        date = pd.Timestamp(r.date)
        points.append(Point(date.year + (date.day_of_year - 0.5) / (366 if date.is_leap_year else 365),
                            float(r.value), f"{float(r.value):,.0f} members, {date:%d %b %Y}",
                            str(r.source), str(r.status), str(getattr(r, "use", ""))))
    return tuple(points) or None


def voluntary_observations() -> list[Point]:
    """Voluntary (VSS) members observed (embedded ``membership_history.csv`` when present)."""
    points = _from_data()
    if points is not None:
        return list(points)
    return [
        Point(2018.99, 8007, "8,007 members, 2018", f"{OXFAM}, citing LSSO (2019)", "confirmed", "calibration"),
        Point(2020.86, 11492, "11,492 members, 09 Nov 2020", f"{OXFAM}, citing LSSO data", "confirmed",
              "calibration"),
        Point(2023.99, 26793, "26,793 members, 31 Dec 2023", "ILO social protection country profile Lao PDR",
              "confirmed", "calibration"),
    ]


def _nov_2020() -> float:
    return next((p.value for p in voluntary_observations() if int(p.year) == 2020), 11492.0)


@dataclass(frozen=True)
class Target:
    """An enrolment target: ``kind`` new_members (over ``first``..``last``), active_members
    or coverage_share (at ``last``), for a scheme (or ``"all"``)."""

    label: str
    kind: str
    scheme: str
    first: int
    last: int
    value: float
    source: str


DEFAULT_TARGET = Target("new_members_voluntary_2021_2025", "new_members", "voluntary", 2021, 2025, 15000,
                        f"{OXFAM}: government aim of 15,000 new VSS members in the five years 2021-2025")


def targets_for(scenario=None) -> list[Target]:
    """The scenario's ``targets`` when it lists any, else the 2021-2025 VSS target of the seed."""
    listed = tuple(getattr(scenario, "targets", None) or ())
    out = []
    for t in listed:
        first = getattr(t, "first", None) or getattr(t, "start", None) or getattr(t, "year", None)
        last = getattr(t, "last", None) or getattr(t, "end", None) or getattr(t, "year", None)
        out.append(Target(str(getattr(t, "label", t.kind)), str(t.kind), str(getattr(t, "scheme", "voluntary")),
                          int(first), int(last), float(t.value), str(getattr(t, "source", ""))))
    return out or [DEFAULT_TARGET]


def _members(ds, name: str, scheme: str):
    from engine.report.style import year_total

    if scheme == "all":
        return year_total(ds, name)
    return year_total(ds, name, scheme=scheme)


def achieved(target: Target, ds) -> tuple[float | None, str]:
    """What the run delivers against a target, and the years it covers (text)."""
    years = [int(y) for y in ds["year"].values]
    if "target_projected" in ds and "target" in ds.dims and target.label in ds["target"].values:
        projected = ds["target_projected"].sel(target=target.label)   # back-cast years included
        if target.last in years and np.isfinite(float(projected.sel(year=target.last))):
            return float(projected.sel(year=target.last)), f"{target.first}-{target.last}"
    if target.kind == "new_members":
        joined = _members(ds, "new_members", target.scheme)
        span = [y for y in years if target.first <= y <= target.last]
        if joined is None or not span:
            return None, ""
        value = float(joined.sel(year=span).sum())
        partial = span[0] > target.first or span[-1] < target.last
        return value, f"{span[0]}-{span[-1]}" + (" only" if partial else "")
    if target.last not in years:
        return None, ""
    members = _members(ds, "active_members", target.scheme)
    if members is None:
        return None, ""
    value = float(members.sel(year=target.last))
    if target.kind == "coverage_share":
        base_name = "informal_employed" if target.scheme == "voluntary" else "employed"
        from engine.report.style import year_total

        base = year_total(ds, base_name)
        if base is None:
            return None, ""
        value /= float(base.sel(year=target.last))
    return value, str(target.last)


def describe_target(target: Target) -> str:
    what = {"new_members": "new members", "active_members": "members", "net_additions": "net additional members",
            "growth_rate": "growth of members a year", "coverage_share": "coverage"}.get(target.kind, target.kind)
    amount = f"{100 * target.value:.1f} %" if target.kind in ("coverage_share", "growth_rate") \
        else f"{target.value:,.0f}"
    when = f"{target.first}-{target.last}" if target.first != target.last else f"by end-{target.last}"
    return f"{amount} {what} ({target.scheme.replace('_', ' ')}) {when}"
