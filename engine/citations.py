"""Citations of the publications the model's defaults and figures come from.

One home for each reference, so that the scenario schema, the data files' readers and the
report cite a publication in the same words. A leaf module: it imports nothing.
"""

OXFAM = "Oxfam in Laos (2021), Promoting Informal Workers' Access to the Lao Social Security Fund"
"""The survey of informal workers in four provinces (Tables 4, 6, 7, 12-14; sections 4-7)."""

ILO_WIEGO = ("ILO/WIEGO (2024), Improving Home-Based Workers' Access to Social Security in "
             "Vientiane Capital")
"""Coverage of the NSSF schemes at end-2023 and the 2024 mobile-office pilot."""

ILO_NSSF_WORKSHOP = "ILO (2024), press release on the NSSF awareness and compliance workshop"
"""Enforcement measures discussed with the NSSF: licence linkage, inspections, tax incentives."""

ILO_ABND_WORKSHOP = ("ILO (2013), minutes of the ABND consultation workshop launching the Assessment "
                     "Based National Dialogue in Lao PDR")
"""Thailand's subsidised packages for informal workers (100 and 150 baht a month)."""

WPP = "UN DESA Population Division, World Population Prospects 2024"
"""Base population, fertility, mortality and migration (medium variant)."""
