"""The explorer's server side without a browser: levers from the schema, requests checked
before anything runs, figures equal to ``engine.run``, and the scenario file round trip."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import engine
from engine.errors import InputError
from engine.serve.levers import scenario_levers
from engine.serve.session import Session
from engine.serve.uncertainty import check_draws
from engine.summary import summary_table

ROOT = Path(__file__).parents[2]
SUBSIDY = ROOT / "scenarios" / "subsidy_50.yaml"


@pytest.fixture(scope="module")
def session():
    return Session(SUBSIDY)


def _policies(**changes):
    """The policy blocks of subsidy_50.yaml as written, with ``changes`` to its first block."""
    blocks = yaml.safe_load(SUBSIDY.read_text())["policies"]
    blocks[0].update(changes)
    return blocks


def _block_edits(session, **changes):
    block = session.describe()["blocks"][0]
    block["values"].update({k: str(v) for k, v in changes.items()})
    return [block]


def test_every_lever_states_unit_status_and_description(session):
    sections = scenario_levers(session.scenario)
    assert [s["key"] for s in sections][:5] == ["enrolment", "macro", "labour", "demography", "funds"]
    levers = [lv for s in sections for lv in s["levers"]]
    assert len(levers) > 100
    for lv in levers:
        assert lv["unit"] and lv["status"] and lv["description"], lv["key"]
    inflation = next(lv for lv in levers if lv["key"] == "macro.inflation")
    assert (inflation["kind"], inflation["low"], inflation["high"]) == ("path", -0.5, 5)


def test_figures_equal_engine_run(session):
    body = {"edits": {"set": {"labour.unemployment_rate": "0.03"},
                      "blocks": _block_edits(session, share=0.8, start_year=2027)}}
    figures, seconds = session.explore(body)
    overrides = {"labour.unemployment_rate": 0.03, "policies": _policies(share=0.8, start_year=2027)}
    table = summary_table(engine.run(engine.load_scenario(SUBSIDY, overrides)),
                          baseline=engine.run(engine.load_scenario(SUBSIDY)))
    shown = {h["id"]: h["data"] for h in figures["headline"]}
    assert shown["additional-members"] == table.at[2030, "additional_voluntary_members"] != 0
    assert shown["subsidy-cost"] == table.at[2030, "subsidy_cost"]
    assert seconds["model"] > 0


@pytest.mark.parametrize("body, key, expected", [
    ({"set": {"extends": "/etc/passwd"}}, "extends", "a parameter of the scenario's levers"),
    ({"set": {"macro.inflaton": "0.05"}}, "macro.inflaton", "a parameter of the scenario's levers"),
    ({"set": {"macro.inflation": "!!python/object/apply:os.system [ls]"}}, "macro.inflation", "a plain YAML value"),
    ({"set": {"macro.inflation": "&a 0.05"}}, "macro.inflation", "a plain YAML value"),
    ({"set": {"horizon.end_year": "2150"}}, "horizon.end_year", "a year <= 2100"),
    ({"set": {"macro.inflation": "9"}}, "macro.inflation", "a value <= 5"),
    ({"set": {"macro.inflation": "x" * 5000}}, "macro.inflation", "at most 2000 characters"),
    ({"blocks": [{"type": "free_money", "values": {}}]}, "policies.0.type", "one of contribution_subsidy"),
    ({"blocks": [{"type": "outreach", "values": {"path": "/etc"}}]}, "policies.0.path", "a field of a outreach"),
])
def test_refused_before_running(session, body, key, expected):
    with pytest.raises(InputError) as caught:
        session.explore({"edits": body})
    problem = caught.value.problems[0]
    assert problem.key == key and expected in problem.expected


def test_messages_are_those_of_validation(session):
    with pytest.raises(InputError) as caught:
        session.explore({"edits": {"blocks": _block_edits(session, share=1.5)}})
    with pytest.raises(InputError) as direct:
        engine.load_scenario(SUBSIDY, {"policies": _policies(share=1.5)})
    assert [str(p) for p in caught.value.problems] == [str(p) for p in direct.value.problems]
    assert "policies.0.share: found 1.5; expected a value <= 1" in str(caught.value)


def test_scenario_file_extends_and_holds_only_changes(session, tmp_path):
    edits = {"set": {"macro.real_earnings_growth_gap": "0.01"},
             "blocks": _block_edits(session, share=0.7)}
    text = session.scenario_file(edits)
    raw = yaml.safe_load(text)
    assert raw["extends"] == str(SUBSIDY)
    assert set(raw) == {"name", "extends", "description", "macro", "policies"}
    assert raw["macro"] == {"real_earnings_growth_gap": 0.01}
    assert "taper" not in raw["policies"][0]  # unchanged defaults are not repeated
    path = tmp_path / "explored.yaml"
    path.write_text(text)
    assert engine.load_scenario(path).model_dump(exclude={"name", "description"}) == \
        engine.load_scenario(SUBSIDY, {"macro.real_earnings_growth_gap": 0.01, "policies": _policies(share=0.7)}
                             ).model_dump(exclude={"name", "description"})


def test_import_engine_loads_no_web_framework():
    code = "import sys, engine; print(sorted(m for m in ('starlette', 'uvicorn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("draws", [0, 501, "200", True, None, 2.5])
def test_sweep_size_is_limited(draws):
    with pytest.raises(InputError) as caught:
        check_draws(draws)
    assert "from 1 to 500" in caught.value.problems[0].expected


def test_a_scenario_that_varies_nothing_gets_the_stated_assumptions(session):
    scenario, source = session.sweep_scenario({"set": {"labour.unemployment_rate": "0.03"}})
    assert "scenarios/uncertainty.yaml" in source
    assert "macro.real_gdp_growth" in scenario.uncertainty.parameters
    assert scenario.labour.unemployment_rate.values([2030])[0] == 0.03


def test_serve_reports_bad_input_without_traceback(capsys):
    from engine.cli import main

    assert main(["serve", "no_such_scenario.yaml"]) == 2
    err = capsys.readouterr().err
    assert "no_such_scenario.yaml: (top level): found no such file" in err and "Traceback" not in err


def test_serve_on_a_port_in_use_is_an_input_error(capsys):
    import socket

    from engine.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["serve", str(SUBSIDY), "--port", str(taken.getsockname()[1])]) == 2
    assert "cannot be bound" in capsys.readouterr().err
