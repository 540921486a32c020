"""Screenshots of the run, compare and sweep reports, for the README: small PNGs in
``reports/examples/``.

    python3 docs/make_report_examples.py [--draws 40]

Runs ``subsidy_50`` alone, compares it with the baseline and sweeps ``uncertainty.yaml``
(a few draws, so it takes a minute or two), then opens each report in headless Chromium
(the system's, under Selenium, as the browser tests do) at 1400 px, and the comparison
at 420 px, and saves the parts a reader looks at first.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from tests.serve.browser import chrome  # noqa: E402

SHOTS = (  # (file, report, anchor scrolled to the top, window width)
    ("run_headline.png", "run", "headline", 1400),
    ("run_fiscal.png", "run", "fiscal", 1400),
    ("compare_headline.png", "compare", "headline", 1400),
    ("compare_differences.png", "compare", "differences", 1400),
    ("compare_phone.png", "compare", "headline", 420),
    ("sweep_headline.png", "sweep", "headline", 1400),
)


def laosim(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "engine", *args], cwd=ROOT, check=True)


def shoot(driver, page: Path, anchor: str, width: int) -> Image.Image:
    driver.set_window_size(max(width, 500), 1000)
    driver.get(page.as_uri())
    if width < 500:  # the window is at least 500 px wide: a narrower screen is the page's own width
        driver.execute_script(f"document.documentElement.style.width = '{width}px'")
    driver.execute_script(f"document.getElementById('{anchor}').scrollIntoView()")
    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    return image.crop((0, 0, min(width, image.width), image.height))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, default=40)
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "examples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        laosim("run", "scenarios/subsidy_50.yaml", "--out", str(work / "run"))
        laosim("compare", "scenarios/baseline.yaml", "scenarios/subsidy_50.yaml", "--out", str(work / "compare"))
        laosim("sweep", "scenarios/uncertainty.yaml", "--draws", str(args.draws), "--out", str(work / "sweep"))
        driver = chrome(work)
        try:
            args.out.mkdir(parents=True, exist_ok=True)
            for name, report, anchor, width in SHOTS:
                image = shoot(driver, work / report / "report.html", anchor, width)
                image = image.resize((image.width * 2 // 3, image.height * 2 // 3), Image.LANCZOS)
                image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(args.out / name, optimize=True)
                print(f"wrote {args.out / name} ({(args.out / name).stat().st_size // 1024} KiB)")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
