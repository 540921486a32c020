"""Helpers to start ``laosim serve`` and drive it in a headless Chromium with Selenium.

The browser is the system's Chromium with its own driver (Debian ``chromium`` and
``chromium-driver``, installed by ``.ci/run``); nothing is downloaded. Without them the
browser tests are skipped locally, but under CI (``CI=true``) that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SUBSIDY = ROOT / "scenarios" / "subsidy_50.yaml"
URL = re.compile(r"at (http://\S+/) ")


def _missing(what: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is not installed but CI=true: .ci/run must install it")
    pytest.skip(f"{what} is not installed (apt-get install chromium chromium-driver); required under CI")


def start_server(scenario: Path, timeout: float = 240.0) -> tuple[subprocess.Popen, str]:
    """Start ``python -m engine serve SCENARIO --port 0``; return the process and its URL."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "engine", "serve", str(scenario), "--port", "0"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.extend(URL.findall(proc.stdout.readline())), daemon=True)
    reader.start()
    reader.join(timeout)
    if not found:
        proc.kill()
        raise AssertionError(f"laosim serve printed no address: {proc.stderr.read()[-2000:]}")
    return proc, found[0]


def chrome(download_dir: Path):
    """A headless Chromium under Selenium, saving downloads into ``download_dir``."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    binary = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
    driver_path = shutil.which("chromedriver")
    if binary is None:
        _missing("chromium")
    if driver_path is None:
        _missing("chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,1000", "--no-first-run", "--disable-background-networking"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return driver


def wait_for(predicate, timeout: float = 60.0, what: str = "the page"):
    """Poll ``predicate`` until it returns something true; fail after ``timeout`` s."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def seq(driver) -> int:
    """How many recomputes the page has drawn (the body's ``data-seq``)."""
    return int(driver.execute_script("return document.body.dataset.seq || '0'"))


def headline(driver, item: str) -> float | None:
    """The raw number behind a headline card (``additional-members``, ``subsidy-cost``, ...)."""
    text = driver.execute_script(f"return document.getElementById('headline-{item}').dataset.value")
    return float(text) if text else None


def set_lever(driver, key: str, text: str, timeout: float = 60.0) -> str:
    """Type ``text`` into the lever ``key`` (its first value cell for a year path), press
    Enter and wait until the page has drawn the answer; returns the page's state
    (``ready`` or ``invalid``)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = seq(driver)
    box = driver.find_element(By.CSS_SELECTOR, f'.lever[data-key="{key}"]')
    driver.execute_script("arguments[0].closest('details').open = true; arguments[0].scrollIntoView()", box)
    field = box.find_elements(By.CSS_SELECTOR, "input[data-role=value]") or box.find_elements(By.CSS_SELECTOR, "input")
    if field[0].get_attribute("value") == text and idle(driver):  # already so: nothing to send
        return driver.execute_script("return document.body.dataset.state")
    field[0].clear()
    field[0].send_keys(text + Keys.ENTER)
    wait_for(lambda: seq(driver) > before and idle(driver), timeout, f"the page to recompute after {key}={text}")
    return driver.execute_script("return document.body.dataset.state")


def idle(driver) -> bool:
    """The page has drawn the answer to the last request it sent."""
    return driver.execute_script("const b = document.body.dataset; "
                                 "return b.state !== 'busy' && b.seq === b.sent")


@contextmanager
def explorer(scenario: Path):
    """A served explorer of ``scenario`` open in headless Chromium with its first figures
    drawn; yields the driver, and stops browser and server on leaving."""
    proc, url = start_server(scenario)
    try:
        with tempfile.TemporaryDirectory() as downloads:
            driver = chrome(Path(downloads))
            try:
                driver.get(url)
                wait_for(lambda: seq(driver) >= 1, 120, "the first figures")
                yield driver
            finally:
                driver.quit()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
