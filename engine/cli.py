"""The ``laosim`` command line (also ``python -m engine``).

Exit status: 0 success; 2 the input is wrong (problems printed one per line on standard
error, no traceback, nothing written); 1 anything else.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from engine.data import DataFileError
from engine.errors import InputError, Problem

EXIT_OK, EXIT_FAILURE, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="laosim", description="Actuarial and fiscal scenario engine for social security in Lao PDR.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_set(p: argparse.ArgumentParser) -> None:
        p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                       help="override a dotted scenario key with a YAML value (repeatable)")

    run = sub.add_parser("run", help="run one scenario and write its results")
    run.add_argument("scenario", type=Path, metavar="SCENARIO.yaml")
    run.add_argument("--out", type=Path, default=None, metavar="DIR",
                     help="output folder (default reports/<scenario name>/)")
    with_set(run)

    sweep = sub.add_parser("sweep", help="stochastic and sensitivity variants on dask.distributed")
    sweep.add_argument("scenario", type=Path, metavar="SCENARIO.yaml")
    sweep.add_argument("--draws", type=int, required=True, metavar="N", help="stochastic variants (0: sensitivity only)")
    sweep.add_argument("--seed", type=int, default=None, metavar="S", help="seed (default: the scenario's)")
    sweep.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="address of a running dask scheduler (default: a local cluster)")
    sweep.add_argument("--workers", type=int, default=None, metavar="N", help="local cluster workers (default 2)")
    sweep.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="output folder (default reports/<scenario name>_sweep/)")
    with_set(sweep)

    validate = sub.add_parser("validate", help="check a scenario without running it")
    validate.add_argument("scenario", type=Path, metavar="SCENARIO.yaml")
    with_set(validate)

    calibrate = sub.add_parser("calibrate", help="fit the enrolment intensities to the observed membership")
    calibrate.add_argument("scenario", type=Path, metavar="SCENARIO.yaml")
    calibrate.add_argument("--out", type=Path, default=None, metavar="FILE",
                           help="write a scenario file that extends SCENARIO.yaml with the calibrated "
                                "values (default: print the YAML block)")
    with_set(calibrate)

    compare = sub.add_parser("compare", help="run several scenarios and write a side-by-side report")
    compare.add_argument("scenarios", type=Path, nargs="+", metavar="SCENARIO.yaml",
                         help="two or more scenario files; the first is the reference")
    compare.add_argument("--out", type=Path, default=None, metavar="DIR",
                         help="output folder (default reports/compare_<a>_<b>/)")
    with_set(compare)

    serve = sub.add_parser("serve", help="explore a scenario's levers and results in a browser")
    serve.add_argument("scenario", type=Path, nargs="?", default=None, metavar="SCENARIO.yaml",
                       help="the scenario to start from (default scenarios/baseline.yaml)")
    serve.add_argument("--port", type=int, default=0, metavar="N", help="port (default: a free one, printed)")
    serve.add_argument("--host", default="127.0.0.1", metavar="H",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    return parser


def _cmd_run(args) -> int:
    from engine.model import run
    from engine.output import write_results
    from engine.scenario import load_scenario

    scenario = load_scenario(args.scenario, args.overrides)
    print(f"laosim: running '{scenario.name}' ...", file=sys.stderr, flush=True)
    results = run(scenario)
    out = args.out or Path("reports") / scenario.name
    print(f"laosim: writing results, workbook and report into {out} ...", file=sys.stderr, flush=True)
    written = write_results(results, out, scenario=scenario)
    print(f"laosim: ran '{scenario.name}' ({scenario.horizon.base_year + 1}-{scenario.horizon.end_year}); "
          f"wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_validate(args) -> int:
    from engine.scenario import load_scenario

    scenario = load_scenario(args.scenario, args.overrides)
    print(f"laosim: {args.scenario} is valid (scenario '{scenario.name}', "
          f"{scenario.horizon.base_year + 1}-{scenario.horizon.end_year})")
    return EXIT_OK


def _cmd_compare(args) -> int:
    from engine.compare import compare

    if len(args.scenarios) < 2:
        raise InputError([Problem(None, None, "compare", f"{len(args.scenarios)} scenario file",
                                  "two or more scenario files")])
    written = compare(args.scenarios, args.out, args.overrides)
    print(f"laosim: compared {len(args.scenarios)} scenarios; wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_sweep(args) -> int:
    from engine.scenario import load_scenario
    from engine.sweep_output import run_and_write_sweep

    scenario = load_scenario(args.scenario, args.overrides)
    if args.draws < 0:
        raise InputError([Problem("--draws", None, "draws", str(args.draws), "a count >= 0")])
    out = args.out or Path("reports") / f"{scenario.name}_sweep"
    written = run_and_write_sweep(scenario, args.draws, out, seed=args.seed, scheduler=args.scheduler,
                                  workers=args.workers)
    print(f"laosim: swept '{scenario.name}' ({args.draws} draws); wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_calibrate(args) -> int:
    from engine.enrolment.calibration import calibrate
    from engine.output import write_atomically
    from engine.scenario import load_scenario
    from engine.scenario.source import Marks, apply_overrides

    scenario = load_scenario(args.scenario, args.overrides)
    result = calibrate(scenario)
    print(result.table(), file=sys.stderr)
    command = " ".join([f"laosim calibrate {args.scenario}"] + [f"--set {o}" for o in args.overrides])
    header = (f"# Calibrated by `{command}`: the enrolment intensities fitted to\n"
              "# engine/data/lao_pdr/membership_history.csv; `fit` lists observed, fitted and relative error.\n")
    if args.out is None:
        print(result.to_yaml(header), end="")
        return EXIT_OK
    out = Path(args.out)
    parent = os.path.relpath(Path(args.scenario).resolve(), out.resolve().parent)
    settings = apply_overrides({}, Marks(), args.overrides)  # keep the --set values in the written scenario
    text = result.to_yaml(header, {"name": f"{scenario.name}_calibrated", "extends": parent, **settings})
    write_atomically(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    print(f"laosim: calibrated '{scenario.name}'; wrote {out}")
    return EXIT_OK


def _cmd_serve(args) -> int:
    try:
        from engine.serve.app import serve  # the web framework is imported here only
    except ImportError as exc:
        print(f"laosim: serve needs its web server ({exc.name} is missing): "
              "python3 -m pip install -e \".[serve]\"", file=sys.stderr)
        return EXIT_FAILURE
    from engine.serve.session import Session

    path = args.scenario
    if path is None:
        here, shipped = Path("scenarios/baseline.yaml"), Path(__file__).parent.parent / "scenarios/baseline.yaml"
        path = here if here.is_file() else shipped
    print(f"laosim: opening '{path}' and running it once ...", file=sys.stderr, flush=True)
    serve(Session(path), host=args.host, port=args.port)
    return EXIT_OK


COMMANDS = {"run": _cmd_run, "validate": _cmd_validate, "compare": _cmd_compare, "calibrate": _cmd_calibrate,
            "sweep": _cmd_sweep, "serve": _cmd_serve}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INPUT
    except DataFileError as exc:
        print(f"data file: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("laosim: interrupted", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # an engine fault, not the user's: say so, keep the detail optional
        print(f"laosim: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("LAOSIM_DEBUG"):
            traceback.print_exc()
        else:
            print("laosim: set LAOSIM_DEBUG=1 to see the traceback", file=sys.stderr)
        return EXIT_FAILURE
