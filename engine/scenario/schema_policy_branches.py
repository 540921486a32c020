"""Benefit branches a ``reduced_package`` may name, and the ``unemployment_cover`` block
(see :mod:`engine.scenario.schema_policies`)."""

import difflib
from typing import Literal

from engine.scenario.params import data_param, param, year_path
from engine.scenario.schema_policy_base import DATA, Block

PACKAGE_SUB_FUNDS: dict[str, tuple[str, ...]] = {
    "health": (),
    "short_term": ("death_grant", "sickness", "maternity", "employment_injury", "unemployment"),
    "long_term": ("old_age", "disability", "survivors"),
}
"""Benefit branches of each sub-fund a package may name (health has none in the funds
stage: its members are covered by the health projection)."""
PACKAGE_BRANCHES = tuple(PACKAGE_SUB_FUNDS) + tuple(b for bs in PACKAGE_SUB_FUNDS.values() for b in bs)
PENSION_KERNEL_BRANCHES = ("old_age", "disability", "survivors")


def package_branches(names: tuple[str, ...], old_age: str) -> frozenset[str]:
    """Benefit branches named by ``names`` (sub-funds expanded), after checking them:
    known, distinct, not empty; ``old_age: lump_sum`` only with old age; old age as a
    pension, disability and survivors all or none (the pension kernel projects them together
    from the same service)."""
    if not names:
        raise ValueError("branches: name at least one sub-fund or benefit branch "
                         f"({', '.join(PACKAGE_BRANCHES)})")
    out: set[str] = set()
    for name in names:
        if name == "lump_sum":
            raise ValueError("branches: 'lump_sum' is not named; name old_age and set old_age: lump_sum")
        if name not in PACKAGE_BRANCHES:
            near = difflib.get_close_matches(str(name), PACKAGE_BRANCHES, n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise ValueError(f"branches: unknown branch '{name}'{hint}; expected one of {', '.join(PACKAGE_BRANCHES)}")
        named = PACKAGE_SUB_FUNDS.get(name, (name,)) if name != "health" else ("health",)
        twice = out.intersection(named)
        if twice:
            raise ValueError(f"branches: '{name}' names {', '.join(sorted(twice))} a second time")
        out.update(named)
    out.discard("health")
    if old_age == "lump_sum" and "old_age" not in out:
        raise ValueError("old_age: lump_sum needs old_age (or long_term) among the branches")
    kernel = set(PENSION_KERNEL_BRANCHES) & out
    if old_age == "lump_sum" and kernel - {"old_age"}:
        raise ValueError("branches: disability and survivors go with old age paid as a pension "
                         "(old_age: pension), not with a lump sum")
    if old_age == "pension" and kernel and kernel != set(PENSION_KERNEL_BRANCHES):
        raise ValueError("branches: old_age (as a pension), disability and survivors are projected "
                         "together from pension service: name all three (or long_term) or none of them")
    return frozenset(out)


# ---------------------------------------------------------------------- unemployment
class UnemploymentCover(Block):
    """Unemployment benefits added to the voluntary scheme from the start year: regular
    voluntary members (on no reduced package) pay ``contribution_rate`` of their insurable
    earnings on top of the scheme's rate, to the short-term sub-fund, and ``incidence_rate``
    of them a year claim ``replacement_rate`` x insurable earnings for ``months_per_claim``
    months. The added rate enters the price of joining the enrolment stage reads (as a
    package's rate does). Members of a reduced package have unemployment cover if their
    package names it (see :mod:`engine.funds.unemployment`)."""

    type: Literal["unemployment_cover"] = param(
        "unemployment_cover", unit="choice", status="confirmed", description="Block type.")
    contribution_rate: year_path(ge=0, le=0.2) = data_param(
        DATA, "unemployment_cover_contribution_rate", as_path=True,
        description="Contribution rate added for regular voluntary members.")
    incidence_rate: year_path(ge=0, le=1) = data_param(
        DATA, "unemployment_cover_incidence", as_path=True,
        description="Benefit claims per contributing voluntary member per year.")
    months_per_claim: year_path(ge=0, le=60) = data_param(
        "nssf_rules", "unemployment_months", as_path=True, description="Paid months per claim.")
    replacement_rate: year_path(ge=0, le=1.5) = data_param(
        "nssf_rules", "unemployment_replacement", as_path=True,
        description="Share of insurable earnings paid.")
