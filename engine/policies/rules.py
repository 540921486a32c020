"""``contribution_rules`` and ``benefit_change`` blocks act through :mod:`engine.rules`,
the one home of the floor, ceiling and benefit-rule changes.

Kept only for the two modules that still import these names from here
(:mod:`engine.enrolment.dynamics`, :mod:`engine.policies.enrolment`); they should import
from :mod:`engine.rules`, and this module then goes.
"""

from engine.rules import enrolment_floor, phases

__all__ = ["enrolment_floor", "phases"]
