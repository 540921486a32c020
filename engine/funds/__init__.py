"""The NSSF schemes, their benefits, the sub-fund accounts and the NHI account.

Public API
----------
:func:`project_funds` (the stage), :func:`run_funds` (from the stages of a run),
:class:`FundsInputs`, :class:`FundsProjection`;
building blocks: :func:`insurable_earnings`, :func:`expected_clipped_lognormal`,
:func:`contributions_by_fund`, :func:`project_pensions`,
:func:`project_benefits`, :func:`project_accounts`, :func:`project_nhi`,
:func:`general_average_premium`, :func:`depletion_year`, :func:`subsidy_cost`,
:func:`provisional_membership`;
the numpy reference of the service kernel :func:`project_service_reference`.
"""
