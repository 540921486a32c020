"""The report opens in a real headless Chromium: no console errors, every figure decoded
and drawn, and a screenshot that is not blank.

Chromium (Debian package ``chromium``) is installed by ``.ci/run``. Without it the test is
skipped locally, but under CI (``CI=true``) a missing browser is a failure.
"""

import os
import re
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]

# Injected into a copy of the page (the report itself carries no script). On load it checks
# every image: decoded (naturalWidth > 0) and not blank (some dark pixels when drawn on a
# canvas); then it writes one marker line into the DOM. Errors are recorded too.
CHECK = """
<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message)));
window.addEventListener('load', () => {
  const out = [];
  for (const img of document.images) {
    let ink = -1;
    if (img.naturalWidth > 0) {
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const g = c.getContext('2d'); g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 600) ink++;
    }
    out.push(img.naturalWidth + 'x' + img.naturalHeight + ':' + ink);
  }
  const m = document.createElement('pre');
  m.id = 'laosim-check';
  m.textContent = 'IMAGES ' + out.join(' ') + ' ERRORS ' + window.__errors.length + ' END';
  document.body.appendChild(m);
});
</script>
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("chromium is not installed but CI=true: .ci/run must install it")
    pytest.skip("chromium is not installed (apt-get install chromium); it is required under CI")


def _browse(html_path, tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile{len(list(tmp_path.iterdir()))}"
    cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, html_path.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def check_in_browser(report, tmp_path) -> None:
    html = report.read_text(encoding="utf-8")
    n_figures = html.count('src="data:image/png;base64,')
    assert n_figures >= 3

    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    dom = _browse(probe, tmp_path, "--virtual-time-budget=10000", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    marker = re.search(r"IMAGES (.*?) ERRORS (\d+) END", dom.stdout)
    assert marker, "the page finished loading and the check ran"
    images = marker.group(1).split()
    assert len(images) == n_figures, "every figure is in the DOM"
    for item in images:
        size, ink = item.split(":")
        width, height = (int(v) for v in size.split("x"))
        assert width > 300 and height > 200, f"figure decoded ({item})"
        assert int(ink) > 0.005 * width * height, f"figure is not blank ({item})"
    assert marker.group(2) == "0", "no script errors"
    assert not _console_messages(dom.stderr), _console_messages(dom.stderr)

    shot = tmp_path / "screenshot.png"
    result = _browse(report, tmp_path, f"--screenshot={shot}", "--window-size=1280,4000")
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    assert not _console_messages(result.stderr), _console_messages(result.stderr)
    pixels = np.asarray(Image.open(shot).convert("L"), dtype=float)
    assert pixels.shape == (4000, 1280)
    assert pixels.std() > 10 and (pixels < 128).mean() > 0.005, "the screenshot is not blank"


def test_run_report_in_chromium(run_dir, tmp_path):
    out, _, _ = run_dir
    check_in_browser(out / "report.html", tmp_path)


def test_compare_report_in_chromium(compare_dir, tmp_path):
    check_in_browser(compare_dir / "report.html", tmp_path)


# Injected like CHECK: after load, lists elements that reach past the page's width outside
# a box that scrolls (``div.scroll``), figures whose title (drawn in the image, named by
# its alt text) is repeated by a heading, and table cells that read "nan", "inf" or
# e-notation. Headless Chromium's window is at least 500 px wide, so a narrower screen is
# the page's root element set to that width.
LAYOUT = """
<script>
window.addEventListener('load', () => {
  const width = document.documentElement.getBoundingClientRect().width, wide = [], bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.getBoundingClientRect().right > width + 1 && !el.closest('.scroll')) wide.push(el.tagName);
  }
  const headings = new Set([...document.querySelectorAll('h1, h2, h3, h4')].map(h => h.textContent.trim()));
  for (const img of document.querySelectorAll('img[alt]')) {
    if (headings.has(img.alt.trim())) wide.push('TITLE TWICE: ' + img.alt);
  }
  for (const cell of document.querySelectorAll('td, th')) {
    if (/\\b(nan|inf)\\b|\\d[eE][+-]?\\d/i.test(cell.textContent)) bad.push(cell.textContent.trim());
  }
  const m = document.createElement('pre');
  m.id = 'laosim-layout';
  m.textContent = 'WIDTH ' + width + ' WIDE [' + wide.slice(0, 8).join(',') + '] CELLS [' + bad.slice(0, 8).join('|') + '] END';
  document.body.appendChild(m);
});
</script>
"""


def check_layout(report, tmp_path, width: int) -> None:
    probe = tmp_path / f"layout{width}.html"
    page = report.read_text(encoding="utf-8").replace("</head>", f"<style>html {{ width: {width}px; }}</style></head>")
    probe.write_text(page.replace("</body>", LAYOUT + "</body>"), encoding="utf-8")
    dom = _browse(probe, tmp_path, "--window-size=1400,2000", "--virtual-time-budget=10000", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    marker = re.search(r"WIDTH (\d+) WIDE \[(.*?)\] CELLS \[(.*?)\] END", dom.stdout)
    assert marker, "the page finished loading and the check ran"
    assert abs(float(marker.group(1)) - width) < 1
    assert marker.group(2) == "", f"at {width} px these reach past the page outside a scroll box: {marker.group(2)}"
    assert marker.group(3) == "", f"table cells with nan, inf or e-notation: {marker.group(3)}"


@pytest.mark.parametrize("width", [1400, 420])
def test_run_report_fits_desktop_and_phone(run_dir, tmp_path, width):
    check_layout(run_dir[0] / "report.html", tmp_path, width)


@pytest.mark.parametrize("width", [1400, 420])
def test_compare_report_fits_desktop_and_phone(compare_dir, tmp_path, width):
    check_layout(compare_dir / "report.html", tmp_path, width)
