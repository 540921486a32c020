"""The informal-worker profile: the survey tables of informal workers (Oxfam in Laos 2021),
the published probit model of their interest in the voluntary scheme (Table 14), the
covariate cells the enrolment stage projects (iterative proportional fitting of the
survey's margins, a lognormal income fit) and each cell's interest; a user's own cell
table. Inputs of the enrolment stage, built from data alone.
"""
