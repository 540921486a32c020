"""What the policy blocks change in the enrolment stage, by year, cell and sex-age pattern.

:func:`enrolment_effects` turns the scenario's contribution_subsidy, reduced_package,
outreach and health_quality blocks into arrays ``x[t, c, p]`` (year, covariate cell,
sex-age pattern, :mod:`engine.policies.eligibility`) that the enrolment kernel reads:

- ``reach`` (outreach, :mod:`engine.policies.outreach`);
- ``full_contribution``: the lowest monthly contribution before any subsidy, ``rate x
  floor`` (a package's rate for its members, :mod:`engine.policies.package`; the rate an
  unemployment_cover block adds for the others, :mod:`engine.funds.unemployment`; the
  floor of a contribution_rules block, :mod:`engine.rules`);
- ``subsidy``: the government's share of it (:mod:`engine.policies.subsidy`); the member
  pays ``member_contribution = full x (1 - subsidy)``, which affordability is judged on;
- ``lapse``: the lapse rate (lower for seasonal earners on an annual package, retention);
- ``return_rate``: the return rate of lapsed members (retention's ``return_gain``);
- ``inflow``: with ``enrolment.awareness``, the outreach that feeds the awareness stock
  (the ``reach`` is then the scenario's, the kernel adding the stock);
- ``shift`` and ``multiplier`` of interest (:mod:`engine.policies.health`);

and which package and outreach block act where. Cells sharing every cost-relevant array
form a *policy class*; the kernel sums members and joins by class, from which
:func:`enrolment_details` computes subsidised members, the government's part of their
contributions, package members and outreach registrations exactly.

Without any of these blocks :func:`enrolment_effects` returns None and the enrolment
stage runs on the scenario's levers alone; with blocks that reach nobody, or before their start
years, every array holds the no-policy values, so the projection is unchanged bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.dims import AGES
from engine.enrolment.affordability import affordability
from engine.membership import PolicyDetails
import engine.contract as contract
from engine.policies import health, leavers, outreach, package, payment, retention, subsidy
from engine.policies.eligibility import cell_mask, cell_attributes, patterns, sex_age_mask
from engine.rules import added_rate, cover_block, package_rate, phases

ENROLMENT_TYPES = ("contribution_subsidy", "reduced_package", "outreach", "health_quality", "retention",
                   "payment_frequency")


@dataclass(frozen=True)
class EnrolmentLevers:
    """The enrolment stage's yearly inputs that policies act on: ``years`` (T,),
    ``income`` (T, C) nominal LAK per month of each cell, ``minimum_wage`` and ``floor``
    (T,) LAK per month (the floor is the base of the lowest contribution), ``rate`` (T,)
    the lowest contribution rate, ``subsidy`` (T,) the everyone subsidy share, ``reach``
    (T,) and ``lapse`` (T,) the scenario's lapse rate by year; ``entry_age`` and ``exit_age`` bound the
    ages at which workers may join; ``indices`` (:class:`engine.policies.subsidy.MoneyIndices`)
    move LAK amounts of subsidies; ``return_rate`` (T,) the scenario's return rate by year
    (None: the kernel's own); ``stock``: outreach feeds the awareness stock instead of the
    year's reach (``enrolment.awareness``)."""

    years: np.ndarray
    income: np.ndarray
    minimum_wage: np.ndarray
    floor: np.ndarray
    rate: np.ndarray
    subsidy: np.ndarray
    reach: np.ndarray
    lapse: np.ndarray
    entry_age: int = 0
    exit_age: int = 101
    indices: subsidy.MoneyIndices | None = None
    return_rate: np.ndarray | None = None
    stock: bool = False


@dataclass(frozen=True)
class EnrolmentEffects:
    """Policy arrays of the enrolment stage (see the module docstring); ``x[t, c, p]``
    arrays are (T, C, P); ``pattern`` (2, A); ``outreach_share`` (O, T, C, P) each outreach
    block's share of the joins; ``acting`` (T, O) whether an outreach block reaches some
    cell; ``package`` (T, C, P) index of the package in force (-1: none); ``klass`` (C,)
    policy class of each cell and ``class_cell`` (K,) one cell of each class."""

    pattern: np.ndarray
    reach: np.ndarray
    full_contribution: np.ndarray
    subsidy: np.ndarray
    package: np.ndarray
    lapse: np.ndarray
    shift: np.ndarray
    multiplier: np.ndarray
    outreach_share: np.ndarray
    acting: np.ndarray
    klass: np.ndarray
    class_cell: np.ndarray
    packages: tuple
    outreaches: tuple
    block_subsidy: np.ndarray | None = None
    subsidies: tuple = ()
    retention_reach: np.ndarray | None = None
    retentions: tuple = ()
    retention_acting: np.ndarray | None = None
    advance: np.ndarray | None = None
    return_rate: np.ndarray | None = None
    inflow: np.ndarray | None = None
    transfer_factor: np.ndarray | None = None
    leaver_shares: np.ndarray | None = None
    leaver_contribution: np.ndarray | None = None

    @property
    def n_classes(self) -> int:
        return len(self.class_cell)

    @property
    def member_contribution(self) -> np.ndarray:
        """What the member pays of the lowest contribution, LAK per month, (T, C, P)."""
        return self.full_contribution * (1.0 - self.subsidy)

    def scale(self, income: np.ndarray, friction: np.ndarray, threshold: float, spread: float) -> np.ndarray:
        """reach x friction x affordability x interest multiplier, capped at 1, (T, C, P);
        ``income`` (T, C) nominal LAK per month, ``friction`` (T,)."""
        return np.minimum(self.reach * self.per_reach(income, friction, threshold, spread), 1.0)

    def per_reach(self, income: np.ndarray, friction: np.ndarray, threshold: float, spread: float) -> np.ndarray:
        """The scale per unit of reach, friction x affordability x interest multiplier, (T, C, P)
        (what the awareness stock multiplies)."""
        afford = affordability(self.member_contribution, np.asarray(income)[:, :, None], threshold, spread)
        return np.asarray(friction)[:, None, None] * afford * self.multiplier

    def by_class(self, x: np.ndarray) -> np.ndarray:
        """A (T, C, P) array read by class, sex and age: (T, K, 2, A)."""
        return x[:, self.class_cell][:, :, self.pattern]


def _blocks(scenario) -> list:
    return [b for b in scenario.policies if b.type in ENROLMENT_TYPES]


def enrolment_effects(scenario, levers: EnrolmentLevers) -> EnrolmentEffects | None:
    """The enrolment arrays of the scenario's blocks, or None without such blocks (nor a
    contribution_rules block moving the floor the lowest contribution is based on)."""
    blocks = _blocks(scenario)
    moves_floor = any(b.type == "contribution_rules" and b.floor is not None for b in scenario.policies)
    if not blocks and not moves_floor and cover_block(scenario) is None \
            and not contract.contract_blocks(scenario.policies):
        return None
    cells = cell_attributes()
    years = np.asarray(levers.years)
    n_years, n_cells = len(years), cells.n_cells
    pattern, keys = patterns([sex_age_mask(b.eligible.sex, b.eligible.age) for b in blocks])
    n_pat = keys.shape[0]
    shape = (n_years, n_cells, n_pat)

    masks, phase = [], []
    for k, block in enumerate(blocks):
        by_cell = cell_mask(block.eligible, cells, levers.income, levers.minimum_wage)
        masks.append(by_cell[:, :, None] & keys[None, None, :, k])
        phase.append(phases(block, years))

    rate = np.broadcast_to(np.asarray(levers.rate, dtype=float)[:, None, None], shape).copy()
    lapse = np.broadcast_to(levers.lapse[:, None, None], shape).copy()
    on_package = np.full(shape, -1, dtype=np.int64)
    packages = [(k, b) for k, b in enumerate(blocks) if b.type == "reduced_package"]
    for j, (k, block) in enumerate(packages):
        free = masks[k] & (phase[k] > 0)[:, None, None] & (on_package < 0)
        if not free.any():
            continue
        on_package[free] = j
        r = package_rate(block, years, levers.rate, phase[k], levers.floor, levers.indices)
        rate = np.where(free, r[:, None, None], rate)
        m = package.lapse_multiplier(block, cells.seasonal, phase[k])
        lapse = np.where(free, levers.lapse[:, None, None] * m[:, :, None], lapse)
    rate = rate + np.where(on_package < 0, added_rate(scenario, years)[:, None, None], 0.0)
    full = rate * np.asarray(levers.floor, dtype=float)[:, None, None]

    added = [subsidy.block_share(b, years, phase[k], masks[k], levers.income, levers.minimum_wage, full,
                                 levers.indices)
             for k, b in enumerate(blocks) if b.type == "contribution_subsidy" and not leavers.is_leaver_block(b)]
    share = subsidy.government_share(levers.subsidy, np.sum(added, axis=0) if added else 0.0)
    share = np.broadcast_to(share, shape)
    marginal = np.stack([subsidy.marginal_share(levers.subsidy, added, k) for k in range(len(added))]) \
        if added else np.zeros((0,) + shape)

    reach_blocks = [(k, b) for k, b in enumerate(blocks) if b.type == "outreach"]
    added_by_block = [outreach.added_reach(b, years, phase[k], masks[k]) for k, b in reach_blocks]
    reach, shares = outreach.reach_with_outreach(levers.reach, added_by_block)
    inflow = outreach.stock_inflow(added_by_block, shape) if levers.stock else None
    if levers.stock:  # outreach feeds the awareness stock, which the kernel adds to the reach
        reach = np.asarray(levers.reach, dtype=float)[:, None, None]
    reach = np.broadcast_to(reach, shape)
    joinable = (AGES >= levers.entry_age) & (AGES < levers.exit_age)
    can_join = np.zeros(n_pat, dtype=bool)
    can_join[np.unique(pattern[:, joinable])] = True
    acting = np.zeros((n_years, len(reach_blocks)), dtype=bool)
    for o, (k, block) in enumerate(reach_blocks):
        acting[:, o] = (phase[k] > 0) & masks[k][:, :, can_join].any(axis=(1, 2))

    keep = [(k, b) for k, b in enumerate(blocks) if b.type == "retention"]
    back = None if levers.return_rate is None else np.broadcast_to(levers.return_rate[:, None, None], shape)
    for k, block in keep:
        lapse = lapse * retention.lapse_factor(block, years, phase[k], masks[k])
        if back is not None:
            back = retention.raised_return(back, block, years, phase[k], masks[k])
    kept = np.stack([retention.reach(b, years, phase[k], masks[k]) for k, b in keep]).astype(float) \
        if keep else np.zeros((0,) + shape)
    paying = [(k, b) for k, b in enumerate(blocks) if b.type == "payment_frequency"]
    advance = np.zeros(shape) if paying else None
    for k, block in paying:
        lapse = lapse * payment.lapse_factor(block, phase[k], masks[k])
        advance = advance + payment.advance_weight(block, phase[k], masks[k])
    lapse = contract.yearly_lapse(scenario.policies, years, lapse, scenario.enrolment.contract_years)
    lowest = np.asarray(levers.rate, dtype=float) * np.asarray(levers.floor, dtype=float)
    leaver_shares = np.array([leavers.leaver_share(b, years, lowest, levers.indices)
                              for b in blocks if leavers.is_leaver_block(b)]).reshape(-1, n_years)
    keep_acting = np.stack([(phase[k] > 0) & masks[k][:, :, can_join].any(axis=(1, 2)) for k, _ in keep], axis=1) \
        if keep else np.zeros((n_years, 0), dtype=bool)

    shift = np.zeros(shape)
    multiplier = np.ones(shape)
    for k, block in enumerate(blocks):
        if block.type == "health_quality":
            shift = shift + health.index_shift(block, years, phase[k], masks[k])
            multiplier = multiplier * health.interest_factor(block, years, phase[k], masks[k])

    shares = np.broadcast_to(shares, (len(reach_blocks),) + shape)
    klass, class_cell = policy_classes([full, share, on_package, *shares, *marginal, *kept,
                                        *([] if advance is None else [advance])])
    return EnrolmentEffects(
        pattern=pattern, reach=np.ascontiguousarray(reach), full_contribution=full,
        subsidy=np.ascontiguousarray(share), package=on_package, lapse=lapse, shift=shift,
        multiplier=multiplier, outreach_share=np.ascontiguousarray(shares), acting=acting,
        klass=klass, class_cell=class_cell, packages=tuple(b for _, b in packages),
        outreaches=tuple(b for _, b in reach_blocks), block_subsidy=marginal,
        subsidies=tuple(b for b in blocks if b.type == "contribution_subsidy" and not leavers.is_leaver_block(b)),
        retention_reach=kept, retentions=tuple(b for _, b in keep), retention_acting=keep_acting, advance=advance,
        return_rate=None if back is None else np.ascontiguousarray(back), inflow=inflow,
        transfer_factor=leavers.transfer_factor(scenario, years, leaver_shares, lowest, levers.indices),
        leaver_shares=leaver_shares, leaver_contribution=lowest)


def policy_classes(arrays: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Group the cells whose (T, C, P) arrays agree everywhere: the class of each cell
    (C,) and one cell of each class (K,)."""
    n_cells = arrays[0].shape[1]
    signature = np.concatenate([np.moveaxis(np.asarray(a, dtype=float), 1, 0).reshape(n_cells, -1)
                                for a in arrays], axis=1)
    _, first, inverse = np.unique(signature, axis=0, return_index=True, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64), first.astype(np.int64)


def enrolment_details(effects: EnrolmentEffects, by_class: np.ndarray) -> PolicyDetails:
    """Policy quantities from members and joins by class (``by_class`` (T, 2, K, 2, A) from
    the kernel), for :attr:`engine.membership.Membership.details`:

    - ``subsidy_per_month`` (T,) LAK: ``sum M S C`` the government pays per month;
    - ``subsidised_members`` (T,) persons with ``S > 0``;
    - ``package_members`` (T, J, 2, A) persons on each reduced package;
    - ``outreach_registrations`` (T, O) persons registered through each outreach block;
    - ``outreach_acting`` (T, O) 1 where the block reaches some cell;
    - ``block_subsidised_members`` (T, B) persons whose contribution subsidy block ``k``
      adds to (marginal share > 0), ``block_subsidy_per_month`` (T, B) LAK, ``sum M s'_k C``
      with ``s'_k`` the block's marginal share;
    - ``retention_members`` (T, R) persons in each retention block's reach and
      ``retention_acting`` (T, R) 1 where it acts;
    - ``advance_per_month`` (T,) LAK x months: ``sum M C x months held in advance`` (with
      payment_frequency blocks only).
    """
    members, joins = by_class[:, 0], by_class[:, 1]
    share = effects.by_class(effects.subsidy)
    full = effects.by_class(effects.full_contribution)
    on_package = effects.by_class(effects.package)
    axes = (1, 2, 3)
    return PolicyDetails(**{
        "subsidy_per_month": (members * share * full).sum(axis=axes),
        "subsidised_members": (members * (share > 0)).sum(axis=axes),
        "package_members": np.stack([(members * (on_package == j)).sum(axis=1)
                                     for j in range(len(effects.packages))], axis=1)
        if effects.packages else np.zeros((members.shape[0], 0) + members.shape[2:]),
        "outreach_registrations": np.stack([(joins * effects.by_class(s)).sum(axis=axes)
                                            for s in effects.outreach_share], axis=1)
        if effects.outreaches else np.zeros((members.shape[0], 0)),
        "outreach_acting": effects.acting.astype(float),
        **_block_subsidies(effects, members, full),
        **_retention(effects, members),
        **({} if effects.advance is None else
           {"advance_per_month": (members * full * effects.by_class(effects.advance)).sum(axis=axes)}),
    })


def _retention(effects: EnrolmentEffects, members: np.ndarray) -> dict[str, np.ndarray]:
    """Members in each retention block's reach (T, R) and whether it acts (T, R)."""
    kept = effects.retention_reach if effects.retention_reach is not None else np.zeros((0,))
    n = members.shape[0]
    if len(kept) == 0:
        return {"retention_members": np.zeros((n, 0)), "retention_acting": np.zeros((n, 0))}
    return {"retention_members": np.stack([(members * effects.by_class(r)).sum(axis=(1, 2, 3)) for r in kept], axis=1),
            "retention_acting": np.asarray(effects.retention_acting, dtype=float)}


def _block_subsidies(effects: EnrolmentEffects, members: np.ndarray, full: np.ndarray) -> dict[str, np.ndarray]:
    """Subsidised members and government payment per month of each subsidy block (T, B)."""
    axes = (1, 2, 3)
    marginal = effects.block_subsidy if effects.block_subsidy is not None else np.zeros((0,))
    n = members.shape[0]
    if len(marginal) == 0:
        return {"block_subsidised_members": np.zeros((n, 0)), "block_subsidy_per_month": np.zeros((n, 0))}
    shares = [effects.by_class(m) for m in marginal]
    return {"block_subsidised_members": np.stack([(members * (s > 0)).sum(axis=axes) for s in shares], axis=1),
            "block_subsidy_per_month": np.stack([(members * s * full).sum(axis=axes) for s in shares], axis=1)}
