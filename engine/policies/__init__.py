"""Policy blocks (RAP-style): how a scenario's ``policies:`` list acts on a run.

A scenario is the baseline plus a list of small, named blocks
(:mod:`engine.scenario.schema_policies`), each with a start year. One module per type:

=======================  =====================================  ============================
type                     module                                 stage it acts in
=======================  =====================================  ============================
contribution_subsidy     :mod:`engine.policies.subsidy`         enrolment (affordability), cost
(applies_to: leavers)    :mod:`engine.policies.leavers`         enrolment (transfers), cost
reduced_package          :mod:`engine.policies.package`         enrolment (rate, lapse), funds
                         :mod:`engine.funds.packages`           (split by sub-fund and branch,
                         :mod:`engine.funds.lump_sums`          old-age lump sums)
outreach                 :mod:`engine.policies.outreach`        enrolment (reach), cost
contribution_rules       :mod:`engine.rules`                    funds (floor, ceiling), enrolment
benefit_change           :mod:`engine.rules`                    funds (benefit rules)
health_quality           :mod:`engine.policies.health`          enrolment (interest)
spf_programme            :mod:`engine.policies.spf`             costs (RAP)
enrolment_target         :mod:`engine.policies.targets`         reported lever (or applied)
retention                :mod:`engine.policies.retention`       enrolment (lapse), cost
payment_frequency        :mod:`engine.policies.payment`         enrolment (lapse), cash held
enforcement              :mod:`engine.policies.enforcement`     compliance (all stages), cost
unemployment_cover       :mod:`engine.funds.unemployment`       enrolment (rate), funds
                                                                (contribution, benefits)
contract                 :mod:`engine.contract`                 enrolment (lapse), funds (levels,
                         :mod:`engine.funds.transferred`        transferred members' earnings)
=======================  =====================================  ============================

The baseline itself has a contract term, ``enrolment.contract_years`` (2 years): levels are
chosen at renewal and the lapse rate is that term's yearly equivalent; a ``contract``
block changes the term (:mod:`engine.contract`).

How the stages read them:

- enrolment: :func:`engine.enrolment.dynamics.project_membership` builds
  :func:`enrolment_effects` (arrays by year, covariate cell and sex-age pattern) and the
  kernel applies them; members and joins by policy class give the exact subsidised
  members, package members and outreach registrations (:func:`enrolment_details`);
- funds: :func:`engine.funds.stage.project_funds` applies :func:`engine.rules.with_benefit_changes`,
  :func:`engine.rules.earnings_bounds` and :func:`engine.funds.packages.package_split`, and takes the
  subsidy cost from the enrolment details;
- results: :func:`engine.model.run` solves enrolment_target blocks first
  (:func:`apply_targets`) and adds :func:`policy_arrays` (SPF costs, outreach cost, costs
  as % of GDP and of government expenditure) at the end.

A block changes nothing before its start year, nor for a group it does not reach.

Each block's effect, in the same run: :mod:`engine.policies.deadweight` projects every
contribution_subsidy block away (subsidised and additional members, deadweight share,
cost per additional member) and :mod:`engine.policies.block_effects` every other
enrolment block (additional members, government cost per additional member).
:mod:`engine.policies.benchmark` compares the 18-month response with Thailand's.

Comparing with a baseline: :func:`cost_per_additional_member` (policy run, baseline run)
gives the subsidy and outreach cost per additional voluntary member;
:func:`engine.summary.summary_table` adds it as columns when given ``baseline=``.
"""
