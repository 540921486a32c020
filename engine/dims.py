"""Names and sizes of the model's dimensions, shared by every module.

Array axes follow the order ``(..., sex, age)``; sex index 0 is male, 1 is female; age
runs 0..100 by single years, the last age being the open group 100 and over.
"""

import numpy as np

SEXES: tuple[str, ...] = ("male", "female")
MALE, FEMALE = 0, 1
MAX_AGE = 100
AGES = np.arange(MAX_AGE + 1)
N_AGES = MAX_AGE + 1
N_SEXES = len(SEXES)
SCHEMES: tuple[str, ...] = ("civil_servant", "enterprise", "voluntary")
FUNDS: tuple[str, ...] = ("health", "short_term", "long_term")
BRANCHES: tuple[str, ...] = ("old_age", "lump_sum", "disability", "survivors", "death_grant",
                             "sickness", "maternity", "employment_injury", "unemployment")
"""Benefit branches of the funds stage, each paid by one sub-fund (:data:`BRANCH_FUND`)."""
BRANCH_FUND: dict[str, str] = {
    "old_age": "long_term", "lump_sum": "long_term", "disability": "long_term",
    "survivors": "long_term", "death_grant": "short_term", "sickness": "short_term",
    "maternity": "short_term", "employment_injury": "short_term", "unemployment": "short_term",
}
"""Sub-fund paying each branch. Employment injury and unemployment are charged to the
short-term sub-fund (assumption: the compulsory schemes' fund structure was not found)."""
PROVINCES: tuple[str, ...] = ("bokeo", "champasak", "luang_prabang", "vientiane_capital")
"""The four provinces of the informal-worker survey (Oxfam in Laos 2021), whose profiles
make the national cell table of informal workers."""
