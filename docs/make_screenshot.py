"""Regenerate ``docs/explorer.png``, the README's picture of ``laosim serve``.

Run: ``python docs/make_screenshot.py [--out FILE] [--full]`` (needs the test extra and the
system's Chromium and chromium-driver). Opens ``scenarios/subsidy_50.yaml`` in the
explorer, raises the subsidy share to 0.8 so that the figures differ from the reference,
and saves the window as a small palette PNG (``--full``: the whole page, full size, for
checking the layout).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from tests.serve.browser import SUBSIDY, explorer, set_lever  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "explorer.png")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    with explorer(SUBSIDY) as driver:
        set_lever(driver, "policies.0.share", "0.8")
        driver.execute_script(  # the changed lever in view, results from the top
            "const lever = document.querySelector('.lever[data-key=\"policies.0.share\"]');"
            "const aside = document.getElementById('levers');"
            "aside.scrollTop += lever.getBoundingClientRect().top - aside.getBoundingClientRect().top - 260;"
            "document.getElementById('results').scrollTop = 0;")
        if args.full:
            height = driver.execute_script("return document.getElementById('results').scrollHeight")
            driver.set_window_size(1400, height + 120)
        png = driver.get_screenshot_as_png()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if not args.full:
        image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.LANCZOS)
        image = image.quantize(colors=96, method=Image.Quantize.MEDIANCUT)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    image.save(args.out, optimize=True)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {image.width}x{image.height})")


if __name__ == "__main__":
    main()
