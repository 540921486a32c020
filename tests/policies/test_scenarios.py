"""The shipped policy scenarios: they validate, extend the baseline and state their sources."""

import pytest

import engine
from engine.cli import main
from tests.policies.helpers import SCENARIOS

POLICY_SCENARIOS = ["target_2021_2025", "subsidy_50", "subsidy_100", "reduced_annual_package",
                    "mobile_outreach", "delinked_floor", "universal_pension_65", "child_benefit_under5",
                    "rap_combination", "subsidy_tiers", "thai_packages", "outreach_awareness",
                    "unemployment_cover"]


@pytest.mark.parametrize("name", POLICY_SCENARIOS)
def test_policy_scenario_validates_and_documents_itself(name, capsys):
    path = SCENARIOS / f"{name}.yaml"
    assert main(["validate", str(path)]) == 0
    s = engine.load_scenario(path)
    assert s.name == name and s.policies
    text = path.read_text()
    assert "extends: baseline.yaml" in text
    assert "Sources:" in text
    assert "shared" not in text and "reference/" not in text


def test_the_readme_policy_examples_validate():
    """The YAML examples of the README's Policies section are valid blocks and targets."""
    import re

    import yaml

    from engine.scenario.schema_enrolment import Target
    from engine.scenario.schema_policies import Eligibility
    from tests.policies.helpers import ROOT, with_policies

    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Policies"):text.index("## Method")]
    checked = 0
    for block in re.findall(r"```yaml\n(.*?)```", section, re.S):
        data = yaml.safe_load(block)
        if isinstance(data, list):
            with_policies(data)
        elif "policies" in data:
            with_policies(data["policies"])
        elif "targets" in data:
            [Target(**t) for t in data["targets"]]
        else:
            Eligibility(**data["eligible"])
        checked += 1
    assert checked >= 4
