"""Numbers as the reports print them: one format per unit, never e-notation.

A value's unit decides its scale and precision, so every cell of a row reads alike:

==========================================  ==================  =====================
unit                                        shown in            example
==========================================  ==================  =====================
LAK, LAK at 31 December                     billion LAK, 1 dp   ``1,234.5``
other LAK units (per month, per member)     LAK, whole          ``2,500,000``
persons, households (any date)              whole               ``64,665``
percent of ... (already in percent)         3 significant   ``0.126``, ``0.00179``
share of ... (a fraction)                   percent, 2 dp       ``12.34``
years of expenditure                        1 dp                ``8.4``
anything else                               3 significant   ``1.04``
==========================================  ==================  =====================

"3 significant" is fixed per row: :func:`decimals` gives the decimals that show the row's
largest value to three significant figures, and every value of the row takes them.
Missing values (NaN, or infinite ones) are shown as an en dash.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MISSING = "–"


@dataclass(frozen=True)
class Style:
    """How the values of one unit are shown: divided by ``scale``, with ``decimals``
    decimals (None: three significant figures of the row's largest value), under the
    label ``unit``."""

    unit: str
    scale: float
    decimals: int | None
    percent_change: bool  # a relative change means something (a count or an amount)


def style(unit: str) -> Style:
    """The display style of a value in ``unit`` (the unit as results and summaries state it)."""
    if unit in ("LAK", "LAK at 31 December"):
        return Style("billion " + unit, 1e9, 1, True)
    if unit.startswith("LAK"):
        return Style(unit, 1.0, 0, True)
    if unit.startswith(("persons", "households")):
        return Style(unit, 1.0, 0, True)
    if unit.startswith("percent of"):
        return Style(unit, 1.0, None, False)
    if unit.startswith("share"):
        return Style("% (" + unit + ")", 0.01, 2, False)
    if unit.startswith("years"):
        return Style(unit, 1.0, 1, False)
    return Style(unit, 1.0, None, False)


def decimals(values, unit: str) -> int:
    """Decimals for a row of ``values`` in ``unit``: the unit's own, or those that show the
    row's largest finite magnitude to three significant figures (0 to 6)."""
    fixed = style(unit).decimals
    if fixed is not None:
        return fixed
    finite = [abs(v) / style(unit).scale for v in values if v is not None and math.isfinite(v) and v]
    if not finite:
        return 0
    return min(6, max(0, 2 - int(math.floor(math.log10(max(finite))))))


def number(value: float, unit: str, *, signed: bool = False, places: int | None = None) -> str:
    """``value`` (in ``unit``) as the report prints it, with ``places`` decimals (default:
    :func:`decimals` of the value alone); ``signed`` puts + before positive values."""
    if value is None or not math.isfinite(value):
        return MISSING
    shown = value / style(unit).scale
    places = decimals([value], unit) if places is None else places
    sign = "+" if signed and shown != 0 else ""
    text = f"{shown:{sign},.{places}f}"
    if text.startswith("-"):  # a typographic minus; none on a value that rounds to zero
        return "−" + text[1:] if text.strip("-0.,") else text[1:]
    return text


def percent_change(value: float, base: float, unit: str) -> str:
    """The change from ``base`` to ``value`` in percent of ``base``, where that means
    something: for counts and amounts with a positive base; empty otherwise."""
    if not style(unit).percent_change or not (math.isfinite(base) and math.isfinite(value)) or base <= 0:
        return ""
    return f"{100 * (value - base) / base:+,.1f} %"
