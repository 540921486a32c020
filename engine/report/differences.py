"""The comparison's differences table as the page shows it.

``compare.csv`` is tidy (a row per indicator and year, a column per scenario, the
differences from the first). The page turns each indicator into a small block with
labelled rows: its value under every scenario, then one "Δ vs first" row per later
scenario with the difference in the indicator's units and, for counts and amounts with
a positive base, in percent. Policy and target indicators come first, the projection's
own after; indicators that are zero in every scenario and year are only named, after the
table. Numbers follow :mod:`engine.report.numbers` (one format per row's unit).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from engine.report.numbers import decimals, number, percent_change, style

POLICY_GROUP = "Policies and targets"
PROJECTION_GROUP = "Population, economy, funds and health"


@dataclass(frozen=True)
class Line:
    """One labelled row of an indicator's block: ``label`` and a cell per year."""

    label: str
    cells: list[str]
    delta: bool


@dataclass(frozen=True)
class Block:
    """An indicator's rows: the values under each scenario, then the differences."""

    indicator: str
    label: str
    units: str
    lines: list[Line]


def indicator_label(name: str) -> str:
    """``subsidy_cost_pct_gdp`` -> ``subsidy cost pct gdp``: the summary name, readable."""
    return name.replace("_", " ")


def indicator_block(indicator: str, units: str, by_year: pd.DataFrame, names: list[str],
                    years: list[int]) -> Block:
    """The block of one indicator from its rows of the tidy table (indexed by year)."""
    values = {n: [float(by_year.at[y, n]) for y in years] for n in names}
    places = decimals([v for row in values.values() for v in row], units)
    lines = [Line(n, [number(v, units, places=places) for v in values[n]], False) for n in names]
    first = values[names[0]]
    for name in names[1:]:
        cells = []
        for base, value in zip(first, values[name]):
            change = number(value - base, units, signed=True, places=places)
            relative = percent_change(value, base, units)
            cells.append(f"{change} ({relative})" if relative else change)
        lines.append(Line(f"Δ {name} vs {names[0]}", cells, True))
    return Block(indicator, indicator_label(indicator), style(units).unit, lines)


@dataclass(frozen=True)
class Differences:
    """The page's differences: ``years``, ``groups`` of blocks by title, and the
    indicators left out because they are zero everywhere."""

    years: list[int]
    groups: list[tuple[str, list[Block]]]
    all_zero: list[str]


def difference_blocks(table: pd.DataFrame | None, names: list[str],
                      projection_indicators: frozenset[str]) -> Differences:
    """The tidy difference table as blocks: indicators outside ``projection_indicators``
    (the policy and target columns) first."""
    if table is None or table.empty:
        return Differences([], [], [])
    years = sorted(int(y) for y in table["year"].unique())
    groups: dict[str, list[Block]] = {POLICY_GROUP: [], PROJECTION_GROUP: []}
    all_zero = []
    for indicator, rows in table.groupby("indicator", sort=False):
        if (rows[names].fillna(0) == 0).all(axis=None):
            all_zero.append(indicator_label(str(indicator)))
            continue
        block = indicator_block(str(indicator), str(rows["units"].iloc[0]), rows.set_index("year"), names, years)
        groups[PROJECTION_GROUP if indicator in projection_indicators else POLICY_GROUP].append(block)
    return Differences(years, [(title, blocks) for title, blocks in groups.items() if blocks], all_zero)
