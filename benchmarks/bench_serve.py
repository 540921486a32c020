"""Time from a lever change to updated figures in the browser (``laosim serve``).

Run: ``python benchmarks/bench_serve.py [--changes 20] [SCENARIO.yaml]`` (needs the test
extra and the system's Chromium and chromium-driver). Starts ``laosim serve`` on a free
port, opens it in headless Chromium under Selenium, and changes the first policy block's
share (or, without blocks, ``labour.unemployment_rate``) to a new value each time, so
that no run comes from the server's cache. The page times each change itself, from the
change event to the first frame painted after the figures are drawn; the server reports
its own part in a ``Server-Timing`` header. Prints the median and 90th percentile of:

- total: change event to the painted figures;
- model: validation, the run and the summary tables, on the server;
- serialisation: building the page's figures and encoding the JSON, on the server, plus
  the transfer and JSON decoding in the page (total request time less the model);
- rendering: drawing headline, charts and table, up to the next painted frame.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from tests.serve.browser import explorer, set_lever  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "subsidy_50.yaml"))
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()

    with explorer(Path(args.scenario)) as driver:
        has_block = driver.execute_script("return !!document.querySelector('.lever[data-key=\"policies.0.share\"]')")
        key, base = ("policies.0.share", 0.40) if has_block else ("labour.unemployment_rate", 0.020)
        for i in range(args.warmup + args.changes):
            assert set_lever(driver, key, f"{base + 0.001 * (i + 1):.3f}") == "ready"
        timings = driver.execute_script("return window.explorerTimings")[-args.changes:]

    parts = {"total": [t["total"] for t in timings], "model": [t["model"] for t in timings],
             "serialisation": [t["serialise"] + t["transfer"] for t in timings],
             "rendering": [t["render"] for t in timings]}
    print(f"{len(timings)} changes of {key} in {Path(args.scenario).name}")
    for name, values in parts.items():
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        print(f"  {name:14s} median {statistics.median(values):7.1f} ms   p90 {p90:7.1f} ms")


if __name__ == "__main__":
    main()
