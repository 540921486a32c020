"""Fixtures: a running ``laosim serve`` of ``scenarios/subsidy_50.yaml`` and a headless
Chromium driven by Selenium (see :mod:`tests.serve.browser`)."""

import pytest

from tests.serve.browser import SUBSIDY, chrome, start_server


@pytest.fixture(scope="session")
def server():
    proc, url = start_server(SUBSIDY)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    driver = chrome(downloads)
    driver.downloads = downloads
    yield driver
    driver.quit()
