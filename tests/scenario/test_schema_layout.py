"""The schema's layout: every model a class statement, by-key blocks that answer their
dotted paths, errors located in every section, and one home for each shared fact."""

import inspect
import re
from pathlib import Path
from typing import get_args

import pytest

from engine import citations
from engine.data.files import read_parameters
from engine.dims import FUNDS, PROVINCES, SCHEMES
from engine.errors import InputError
from engine.scenario.by_key import ByFund, ByScheme
from engine.scenario.load import load_scenario, scenario_from_dict
from engine.scenario.params import YearPath
from engine.scenario.schema import Scenario
from engine.scenario.schema_enrolment import ProvinceWeights, default
from engine.scenario.schema_policy_base import Eligibility
from engine.scenario.validate import models_in

HERE = Path(__file__).parent / "invalid"
SCENARIO_PACKAGE = Path(inspect.getfile(Scenario)).parent


def every_model(model=Scenario, seen=None):
    seen = {} if seen is None else seen
    seen.setdefault(model.__name__, model)
    for field in model.model_fields.values():
        for sub in models_in(field.annotation):
            if sub.__name__ not in seen:
                every_model(sub, seen)
    return seen


def test_every_schema_model_is_a_class_statement_of_its_module():
    models = every_model()
    assert len(models) > 90
    for name, model in models.items():
        source = Path(inspect.getfile(model)).read_text()
        assert re.search(rf"^class {name}\(", source, re.M), f"{name} is not declared by 'class {name}('"
    assert "create_model" not in "".join(p.read_text() for p in SCENARIO_PACKAGE.glob("*.py"))


def test_by_key_blocks_have_one_field_per_scheme_or_fund():
    models = every_model().values()
    by_scheme = [m for m in models if issubclass(m, ByScheme)]
    by_fund = [m for m in models if issubclass(m, ByFund)]
    assert len(by_scheme) >= 28 and len(by_fund) >= 6
    assert all(tuple(m.model_fields) == SCHEMES for m in by_scheme)
    assert all(tuple(m.model_fields) == FUNDS for m in by_fund)
    for model in by_scheme + by_fund:
        for key, field in model.model_fields.items():
            assert field.description.endswith(f"({key.replace('_', ' ')})") or model.__name__ == "ShortfallByFund"


def test_set_paths_reach_every_kind_of_block(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: s\n")
    scenario = load_scenario(path, [
        "benefits.old_age.accrual_rate.enterprise=0.02", "funds.initial.reserves.health=1e9",
        "nhi.copayments.fees.admission=5000", "funds.shortfall.long_term=borrow",
        "schemes.voluntary.allocation={health: 0.2, short_term: 0.3, long_term: 0.5}",
        "benefits.old_age.revaluation.civil_servant=prices", "funds.admin_cost.rate.health=0.1"])
    assert scenario.benefits.old_age.accrual_rate.of("enterprise") == YearPath.constant(0.02)
    assert scenario.funds.initial.reserves.health == 1e9
    assert scenario.nhi.copayments.fees.admission == YearPath.constant(5000.0)
    assert scenario.funds.shortfall.long_term == "borrow"
    assert scenario.schemes.voluntary.allocation.of("short_term") == 0.3
    assert scenario.benefits.old_age.revaluation.civil_servant == "prices"
    assert scenario.funds.admin_cost.rate.health == 0.1


EVERY_SECTION = [  # line, dotted key, words
    (6, "benefits.old_age.accrual_rate.voluntary", ["found 3.0", "<= 0.2"]),
    (8, "benefits.disability.incidence_rate", ["found -1.0", ">= 0"]),
    (11, "schemes.voluntary.allocation", ["summing to 1", "1.5"]),
    (12, "schemes.voluntary.levels", ["found 0", ">= 1"]),
    (15, "funds.shortfall.health", ["'lend'", "'state_guarantee' or 'borrow'"]),
    (17, "funds.initial.reserve_share_by_scheme", ["summing to 1", "1.9"]),
    (20, "nhi.copayments.visits.admision", ["unknown key", "did you mean 'admission'"]),
    (21, "nhi.group_coverage.poor", ["found 2.0", "<= 1"]),
    (23, "policies.0.eligible.provinces.0", ["'paris'", "'vientiane_capital'"]),
    (24, "policies.1", ["payment mix"]),
    (26, "enrolment.province_weights", ["at least one weight must be positive"]),
    (28, "targets.0.year", ["found 2017", ">= 2018"]),
]


def test_a_mistake_in_every_section_is_located_with_file_line_and_key():
    with pytest.raises(InputError) as caught:
        load_scenario(HERE / "every_section.yaml", ["benefits.old_age.accrual_rate.enterprse=0.02"])
    lines = str(caught.value).splitlines()
    for line, key, words in EVERY_SECTION:
        (found,) = [t for t in lines if t.startswith(f"{HERE / 'every_section.yaml'}:{line}: {key}:")]
        for word in words:
            assert word in found, found
    (typo,) = [t for t in lines if t.startswith("--set: benefits.old_age.accrual_rate.enterprse:")]
    assert "did you mean 'enterprise'" in typo


def test_the_voluntary_contribution_rate_has_one_home():
    assert "contribution_rate" not in read_parameters("enrolment")
    voluntary = read_parameters("nssf_rules")["contribution_rate_employee"]["value"]["voluntary"]
    scenario = scenario_from_dict({"name": "x"})
    assert default("contribution_rate") == voluntary == 0.09
    assert scenario.enrolment.contribution_rate == scenario.schemes.voluntary.employee_rate


def test_survey_provinces_have_one_home():
    assert tuple(ProvinceWeights.model_fields) == PROVINCES
    literal, _ = get_args(Eligibility.model_fields["provinces"].annotation)  # tuple[Literal, ...]
    assert get_args(literal) == PROVINCES


def test_citations_are_written_once():
    title = "Promoting Informal Workers' Access"
    assert title in citations.OXFAM
    writers = [p.name for p in SCENARIO_PACKAGE.glob("*.py") if title in p.read_text()]
    assert writers == []
    observations = (SCENARIO_PACKAGE.parent / "report" / "observations.py").read_text()
    assert title not in observations and "from engine.citations import" in observations
