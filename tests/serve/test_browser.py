"""``laosim serve`` driven in a real headless Chromium: levers recompute the headline to
the numbers ``engine.run`` gives, an out-of-range value shows the validation message and
leaves the figures alone, and the downloaded scenario reproduces them with ``laosim run``.
"""

import io
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zipfile

import pandas as pd
import pytest
import yaml
import engine
from engine.summary import summary_table
from tests.serve.browser import ROOT, SUBSIDY, headline, idle, seq, set_lever, wait_for

By = pytest.importorskip("selenium.webdriver.common.by").By  # the test extra installs it
Keys = pytest.importorskip("selenium.webdriver.common.keys").Keys
SHARE, START = "policies.0.share", "policies.0.start_year"


def _expected(**changes) -> pd.DataFrame:
    """The summary of subsidy_50.yaml with ``changes`` to its block, against the file as is."""
    blocks = yaml.safe_load(SUBSIDY.read_text())["policies"]
    blocks[0].update(changes)
    reference = engine.run(engine.load_scenario(SUBSIDY))
    return summary_table(engine.run(engine.load_scenario(SUBSIDY, {"policies": blocks})), baseline=reference)


@pytest.fixture(scope="module")
def page(server, browser):
    browser.get(server)
    wait_for(lambda: seq(browser) >= 1, 120, "the first figures")
    assert browser.execute_script("return document.body.dataset.state") == "ready"
    return browser


def test_levers_recompute_to_engine_values(page):
    assert headline(page, "additional-members") == 0  # the reference is the scenario as opened
    assert set_lever(page, SHARE, "0.8") == "ready"
    assert set_lever(page, START, "2027") == "ready"
    table = _expected(share=0.8, start_year=2027)
    added, cost = table.at[2030, "additional_voluntary_members"], table.at[2030, "subsidy_cost"]
    assert added != 0
    assert headline(page, "additional-members") == pytest.approx(added, rel=1e-12)
    assert headline(page, "subsidy-cost") == pytest.approx(cost, rel=1e-12)
    shown = page.find_element(By.CSS_SELECTOR, "#headline-additional-members .value").text
    assert shown.replace("\u2212", "-") == f"{added:+,.0f}"


def test_out_of_range_shows_message_and_keeps_figures(page):
    before = {k: headline(page, k) for k in ("additional-members", "subsidy-cost", "coverage")}
    assert set_lever(page, SHARE, "1.5") == "invalid"
    message = page.find_element(By.CSS_SELECTOR, f'.message[data-message-for="{SHARE}"]')
    blocks = yaml.safe_load(SUBSIDY.read_text())["policies"]
    blocks[0].update(share=1.5, start_year=2027)
    with pytest.raises(engine.errors.InputError) as direct:
        engine.load_scenario(SUBSIDY, {"policies": blocks})
    assert message.is_displayed() and message.text == str(direct.value.problems[0])
    assert "found 1.5; expected a value <= 1" in message.text
    assert {k: headline(page, k) for k in before} == before
    assert set_lever(page, SHARE, "0.8") == "ready"  # back to a valid value: figures again
    assert not message.is_displayed()


def test_blocks_added_and_removed(page):
    """A block of any type the schema knows: its required fields are asked for, then it counts."""
    from selenium.webdriver.support.ui import Select

    assert set_lever(page, SHARE, "0.8") == "ready" and set_lever(page, START, "2027") == "ready"
    before = headline(page, "additional-members")
    Select(page.find_element(By.CSS_SELECTOR, ".add-block select")).select_by_value("contribution_subsidy")
    count = seq(page)
    page.find_element(By.CSS_SELECTOR, ".add-block button").click()
    wait_for(lambda: seq(page) > count and idle(page), 60, "the added block")
    assert page.execute_script("return document.body.dataset.state") == "invalid"
    message = page.find_element(By.CSS_SELECTOR, '.message[data-message-for="policies.1.share"]').text
    assert message == "--set: policies.1.share: found nothing; expected a value (this key is required)"
    assert set_lever(page, "policies.1.share", "0.3") == "ready"
    blocks = yaml.safe_load(SUBSIDY.read_text())["policies"]
    blocks[0].update(share=0.8, start_year=2027)
    blocks.append({"type": "contribution_subsidy", "name": "contribution_subsidy_2", "start_year": 2026, "share": 0.3})
    reference = engine.run(engine.load_scenario(SUBSIDY))
    table = summary_table(engine.run(engine.load_scenario(SUBSIDY, {"policies": blocks})), baseline=reference)
    assert headline(page, "additional-members") == pytest.approx(table.at[2030, "additional_voluntary_members"], rel=1e-12)
    count = seq(page)
    page.find_element(By.CSS_SELECTOR, 'fieldset[data-key="policies.1"] .block-head button').click()
    wait_for(lambda: seq(page) > count and idle(page), 60, "the removed block")
    assert headline(page, "additional-members") == before


def test_year_path_edited_as_a_table(page):
    """A constant becomes steps: '+ year' dates the first row; the new row gets a year and a value."""
    assert set_lever(page, SHARE, "0.8") == "ready" and set_lever(page, START, "2027") == "ready"
    box = page.find_element(By.CSS_SELECTOR, '.lever[data-key="labour.unemployment_rate"]')
    page.execute_script("arguments[0].closest('details').open = true; arguments[0].scrollIntoView()", box)
    box.find_element(By.XPATH, ".//button[text()='+ year']").click()
    years = box.find_elements(By.CSS_SELECTOR, "tr input:not([data-role=value])")
    assert [y.get_attribute("value") for y in years] == ["2024", ""]
    count = seq(page)
    years[1].send_keys("2030")
    values = box.find_elements(By.CSS_SELECTOR, "input[data-role=value]")
    values[1].clear()
    values[1].send_keys("0.05", Keys.ENTER)
    wait_for(lambda: seq(page) > count and idle(page), 60, "the edited path")
    assert page.execute_script("return document.body.dataset.state") == "ready"
    blocks = yaml.safe_load(SUBSIDY.read_text())["policies"]
    blocks[0].update(share=0.8, start_year=2027)
    scenario = engine.load_scenario(SUBSIDY, {"policies": blocks, "labour.unemployment_rate": {2024: 0.024, 2030: 0.05}})
    table = summary_table(engine.run(scenario), baseline=engine.run(engine.load_scenario(SUBSIDY)))
    assert headline(page, "additional-members") == pytest.approx(table.at[2030, "additional_voluntary_members"], rel=1e-12)
    count = seq(page)
    page.find_element(By.ID, "reset").click()  # every lever back to the scenario as opened
    wait_for(lambda: seq(page) > count and idle(page), 60, "the reset")
    assert headline(page, "additional-members") == 0


def test_pinned_settings_become_the_reference(page):
    assert set_lever(page, START, "2026") == "ready" and set_lever(page, SHARE, "0.7") == "ready"
    count = seq(page)
    page.find_element(By.ID, "pin").click()
    wait_for(lambda: seq(page) > count and idle(page), 60, "the pinned reference")
    assert headline(page, "additional-members") == 0
    assert set_lever(page, SHARE, "0.9") == "ready"
    blocks = yaml.safe_load(SUBSIDY.read_text())["policies"]
    pinned, current = (engine.run(engine.load_scenario(SUBSIDY, {"policies": [{**blocks[0], "share": share}]}))
                       for share in (0.7, 0.9))
    table = summary_table(current, baseline=pinned)
    assert headline(page, "additional-members") == pytest.approx(table.at[2030, "additional_voluntary_members"], rel=1e-12)
    assert "pinned" in page.find_element(By.ID, "differences-title").text
    count = seq(page)
    page.find_element(By.ID, "pin").click()  # unpin: the scenario as opened again
    wait_for(lambda: seq(page) > count and idle(page), 60, "the unpinned reference")


def test_downloaded_scenario_reproduces_results(page, tmp_path):
    assert set_lever(page, SHARE, "0.8") == "ready"
    shown = {k: headline(page, k) for k in ("subsidy-cost", "coverage")}
    page.find_element(By.ID, "download-scenario").click()
    path = wait_for(lambda: next(iter(page.downloads.glob("*_explored.yaml")), None), 30, "the download")
    raw = yaml.safe_load(path.read_text())
    assert raw["extends"] == str(SUBSIDY) and raw["policies"][0]["share"] == 0.8
    assert set(raw) == {"name", "extends", "description", "policies"}  # only what changed
    out = tmp_path / "run"
    done = subprocess.run([sys.executable, "-m", "engine", "run", str(path), "--out", str(out)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = pd.read_csv(out / "summary.csv", index_col="year")
    assert summary.at[2030, "subsidy_cost"] == pytest.approx(shown["subsidy-cost"], rel=1e-9)
    coverage = 100 * summary.at[2030, "voluntary_members"] / summary.at[2030, "informal_employed"]
    assert coverage == pytest.approx(shown["coverage"], rel=1e-9)


def _post(url: str, body: dict, timeout: float = 300) -> bytes:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def test_slow_request_does_not_block_others(server):
    """A results download (every file of laosim run) is under way; lever changes still answer."""
    got = []
    slow = threading.Thread(target=lambda: got.append(_post(server + "api/download/results",
                                                            {"set": {"labour.unemployment_rate": "0.031"}})))
    slow.start()
    time.sleep(0.3)
    times = []
    for rate in ("0.025", "0.026", "0.027"):
        start = time.perf_counter()
        answer = json.loads(_post(server + "api/explore", {"edits": {"set": {"labour.unemployment_rate": rate}}}))
        times.append(time.perf_counter() - start)
        assert answer["ok"]
    still_running = slow.is_alive()
    slow.join()
    assert still_running, "the download finished too soon to tell"
    assert max(times) < 3.0, times
    with zipfile.ZipFile(io.BytesIO(got[0])) as archive:  # the files of laosim run
        assert sorted(archive.namelist()) == ["report.html", "results.nc", "results.xlsx", "summary.csv"]
        summary = pd.read_csv(archive.open("summary.csv"), index_col="year")
    expected = summary_table(engine.run(engine.load_scenario(SUBSIDY, ["labour.unemployment_rate=0.031"])))
    assert summary.at[2030, "voluntary_members"] == pytest.approx(expected.at[2030, "voluntary_members"], rel=1e-9)


@pytest.mark.parametrize("body, status, text", [
    (b"{not json", 400, "expected a request body of JSON"),
    (b"[1, 2]", 400, "expected a JSON object with edits"),
    (b'{"edits": {"set": {"extends": "../../etc/passwd"}}}', 422, "found an unknown key 'extends'"),
    (b"x" * (300 * 1024), 400, "expected a request of at most"),
])
def test_bad_requests_are_refused_with_a_message(server, body, status, text):
    request = urllib.request.Request(server + "api/explore", body, {"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=60)
    assert caught.value.code == status
    assert text in json.loads(caught.value.read())["problems"][0]["text"]


def test_only_loopback_host_names_are_answered(server):
    request = urllib.request.Request(server, headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=60)
    assert caught.value.code == 400


def test_uncertainty_on_demand_equals_a_sweep(page):
    """The sweep button runs the current settings' draws; the page shows what engine.sweep gives."""
    from engine.scenario.source import read_yaml_file
    from engine.sweep import Executor, depletion_probability, quantile_bands, stochastic_sweep

    assert set_lever(page, SHARE, "0.8") == "ready" and set_lever(page, START, "2027") == "ready"
    page.execute_script("document.getElementById('draws').value = 12; document.getElementById('run-sweep').click()")
    wait_for(lambda: page.execute_script("return document.body.dataset.sweep") in ("done", "failed", "refused"),
             240, "the sweep")
    assert page.execute_script("return document.body.dataset.sweep") == "done"
    assert "12 draws from the stated assumptions of scenarios/uncertainty.yaml" in \
        page.find_element(By.ID, "sweep-note").text
    shown = float(page.find_element(By.ID, "sweep-members").get_attribute("data-value"))
    depleted = json.loads(page.find_element(By.ID, "sweep-depletion-long_term").get_attribute("data-value"))

    blocks = yaml.safe_load(SUBSIDY.read_text())["policies"]
    blocks[0].update(share=0.8, start_year=2027)
    assumptions = read_yaml_file(ROOT / "scenarios" / "uncertainty.yaml")[0]["uncertainty"]
    scenario = engine.load_scenario(SUBSIDY, {"policies": blocks, "uncertainty": assumptions})
    with Executor(workers=1) as executor:
        ds = stochastic_sweep(scenario, 12, executor)
    assert shown == pytest.approx(float(quantile_bands(ds)["voluntary_members"].sel(quantile=0.5, year=2030)), rel=1e-12)
    expected = 100 * float(depletion_probability(ds).sel(fund="long_term", year=2050))
    assert depleted["2050"] == pytest.approx(expected)
