"""LSSO membership by scheme against the engine's calibrated membership.

Voluntary members at the end of 2018-2023 (``voluntary_members_history`` by
``history_year``, the back-cast that leads to the base year), new voluntary members of
2020, and the insured persons of all schemes at end-2023 with the scheme shares
(``active_members`` in the base year), and the LSSF total of 2018 against the back-cast
estimate of all members (:func:`engine.enrolment.calibration.check_table`: end-2023
compulsory workers scaled by the population, enterprise members at the 2018 value of
the compliance path). Most of these figures are calibration targets, so
their bands are tight and check that the calibration still holds; the 2019 count and the
2020 flow are not targets and have wide bands (validation/expected/membership.csv).

Run: ``python validation/membership.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validation.common import Item, NotInResults, main, variable, year_value  # noqa: E402

NAME = "membership"


def _history(ds, name: str, year: int) -> float:
    da = variable(ds, name)
    years = set(int(y) for y in da["history_year"].values)
    if year not in years:
        raise NotInResults(f"{name} has no history_year {year} (it covers {min(years)}-{max(years)})")
    return float(da.sel(history_year=year))


def voluntary_members(ds, year: int) -> float:
    """The back-cast's voluntary members at 31 December, or ``active_members`` when the
    history does not reach ``year`` (a projected year)."""
    try:
        return _history(ds, "voluntary_members_history", year)
    except NotInResults as why:
        try:
            return float(year_value(variable(ds, "active_members"), year, "active_members").sel(scheme="voluntary"))
        except NotInResults as also:
            raise NotInResults(f"{why}; {also}") from None


def all_members_backcast(ds, year: int):
    """All members at the end of ``year`` as the calibration's check reads them (the
    compulsory schemes are not back-cast in the results)."""
    import engine
    from engine.enrolment.calibration import check_table
    from validation.common import BASELINE

    rows = [r for r in check_table(engine.load_scenario(BASELINE)) if f" {year}-12-31" in r.observation]
    if not rows:
        raise NotInResults(f"the calibration checks have no all-members row for {year}")
    return rows[0].fitted, "back-cast check (laosim calibrate)"


def voluntary_new_members(ds, year: int) -> float:
    return _history(ds, "voluntary_new_members_history", year)


def members(ds, year: int):
    return year_value(variable(ds, "active_members"), year, "active_members")


def scheme_share(scheme: str):
    def share(ds, year: int) -> float:
        m = members(ds, year)
        return 100.0 * float(m.sel(scheme=scheme) / m.sum(skipna=False))
    return share


def voluntary_female_share(ds, year: int) -> float:
    d = year_value(variable(ds, "voluntary_members_detail"), year, "voluntary_members_detail")
    by_sex = d.sum([dim for dim in d.dims if dim != "sex"], skipna=False)
    return 100.0 * float(by_sex.sel(sex="female") / by_sex.sum(skipna=False))


ITEMS = [
    Item("voluntary_members", voluntary_members),
    Item("voluntary_new_members", voluntary_new_members),
    Item("active_members_total", lambda ds, y: float(members(ds, y).sum(skipna=False))),
    Item("all_members_backcast", all_members_backcast),
    Item("civil_servant_share", scheme_share("civil_servant")),
    Item("enterprise_share", scheme_share("enterprise")),
    Item("voluntary_share", scheme_share("voluntary")),
    Item("voluntary_female_share", voluntary_female_share),
]

if __name__ == "__main__":
    sys.exit(main(NAME, ITEMS))
