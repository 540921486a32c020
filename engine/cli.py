"""The ``laosim`` command line (also ``python -m engine``).

Exit status: 0 success; 2 the input is wrong (problems printed one per line on standard
error, at most :data:`MAX_PROBLEM_LINES` of them, no traceback, nothing written); 1 anything
else; 130 and 143 interrupted by SIGINT and SIGTERM (one line, the earlier output set left
as it was). The signal handlers are installed first, before the numerical libraries load.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from engine import interrupts
from engine.errors import InputError, Problem, ResultsError

EXIT_OK, EXIT_FAILURE, EXIT_INPUT = 0, 1, 2
MAX_PROBLEM_LINES = 50
"""Problems printed at most; the rest are counted ("... and N more")."""

_program = False
"""True in the program (:func:`entry`): a first compilation of the kernels is announced."""


def _announce_compiling() -> None:
    """In the program, say on standard error when the kernels must be compiled (a first
    run on a machine); a cached kernel loads silently."""
    if _program:
        from engine.kernels.jit import announce_compiling

        announce_compiling()


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
    sweep.add_argument("--workers", type=int, default=None, metavar="N", help="local worker processes (default: the cores available)")
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


def _load_checked(args):
    """The data files checked first (every problem at once, before the scenario's defaults
    are read from them), then the scenario and the tables it names."""
    from engine.data.files import check_data_files, check_user_tables

    args.data_files_checked = check_data_files()
    from engine.scenario.load import load_scenario

    scenario = load_scenario(args.scenario, args.overrides)
    args.data_files_checked += check_user_tables(scenario)
    return scenario


def _cmd_run(args) -> int:
    from engine.output_set import check_out_dir

    if args.out is not None:  # a wrong folder is told before the data and scenario are read
        check_out_dir(args.out)
    if _program:  # a first run on this machine: kernels compile in children while data are read
        from engine.kernels.ahead import compile_ahead

        compile_ahead()
    scenario = _load_checked(args)
    out = args.out or Path("reports") / scenario.name
    check_out_dir(out)
    from engine.model import run
    from engine.output import write_results

    print(f"laosim: running '{scenario.name}' ...", file=sys.stderr, flush=True)
    _announce_compiling()
    results = run(scenario)
    print(f"laosim: writing results, workbook and report into {out} ...", file=sys.stderr, flush=True)
    written = write_results(results, out, scenario=scenario)
    print(f"laosim: ran '{scenario.name}' ({scenario.horizon.base_year + 1}-{scenario.horizon.end_year}); "
          f"wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_validate(args) -> int:
    scenario = _load_checked(args)
    checked = args.data_files_checked
    print(f"laosim: {args.scenario} is valid (scenario '{scenario.name}', "
          f"{scenario.horizon.base_year + 1}-{scenario.horizon.end_year}; {checked} data files checked)")
    return EXIT_OK


def _cmd_compare(args) -> int:
    from engine.data.files import check_data_files
    from engine.output_set import check_out_dir

    if len(args.scenarios) < 2:
        raise InputError([Problem(None, None, "compare", f"{len(args.scenarios)} scenario file",
                                  "two or more scenario files")])
    if args.out is not None:
        check_out_dir(args.out)
    check_data_files()
    from engine.compare import compare

    _announce_compiling()
    written = compare(args.scenarios, args.out, args.overrides)
    print(f"laosim: compared {len(args.scenarios)} scenarios; wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_sweep(args) -> int:
    from engine.arguments import check_sweep_arguments
    from engine.output_set import check_out_dir

    problems = []
    for check in (lambda: check_sweep_arguments(args.draws, args.seed, args.workers, args.scheduler),
                  lambda: args.out is not None and check_out_dir(args.out)):
        try:
            check()
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    scenario = _load_checked(args)
    from engine.sweep_output import run_and_write_sweep
    from engine.uncertainty import check_something_varies

    check_something_varies(scenario, args.draws)
    out = args.out or Path("reports") / f"{scenario.name}_sweep"
    check_out_dir(out)
    from engine.processes import available_cores
    where = f"the cluster at {args.scheduler}" if args.scheduler else f"{args.workers or available_cores()} local workers"
    print(f"laosim: sweeping '{scenario.name}' ({args.draws} draws) on {where} ...", file=sys.stderr, flush=True)
    written = run_and_write_sweep(scenario, args.draws, out, seed=args.seed, scheduler=args.scheduler,
                                  workers=args.workers)
    print(f"laosim: swept '{scenario.name}' ({args.draws} draws); wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_calibrate(args) -> int:
    from engine.enrolment.calibration import calibrate
    from engine.output_set import write_atomically
    from engine.scenario.load import load_scenario
    from engine.scenario.source import Marks, apply_overrides

    if args.out is not None:
        from engine.output_set import check_out_dir

        if Path(args.out).is_dir():
            raise InputError([Problem("command line", None, "--out", f"'{args.out}', which is a folder",
                                      "the path of a scenario file to write")])
        check_out_dir(Path(args.out).parent)
    scenario = load_scenario(args.scenario, args.overrides)
    _announce_compiling()
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
    _announce_compiling()
    print(f"laosim: opening '{path}' and running it once ...", file=sys.stderr, flush=True)
    serve(Session(path), host=args.host, port=args.port)
    return EXIT_OK


COMMANDS = {"run": _cmd_run, "validate": _cmd_validate, "compare": _cmd_compare, "calibrate": _cmd_calibrate,
            "sweep": _cmd_sweep, "serve": _cmd_serve}


def print_problems(problems: list[Problem], limit: int = MAX_PROBLEM_LINES) -> None:
    """One line per problem, at most ``limit`` lines, then how many more there are."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit:,} more problems")
    print("\n".join(lines), file=sys.stderr)


def entry() -> None:
    """The program (``laosim``, ``python -m engine``): :func:`main`, then the process ends
    at once with its status. The interpreter's own shutdown (freeing the numerical
    libraries, a few tenths of a second) is skipped: a signal arriving then would find the
    handlers already removed, and end the process with no line and no status of ours.
    The signal handlers are installed first of all (:func:`engine.interrupts.install`)."""
    global _program
    interrupts.install()
    _program = True
    status = main()
    with interrupts.deferred():
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                status = status or EXIT_FAILURE
        os._exit(status)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status. (The program, :func:`entry`, has
    installed the signal handlers; a script or a test calling this keeps its own.)"""
    try:
        args = _parser().parse_args(argv)
        status = COMMANDS[args.command](args)
        swallowed = interrupts.received()
        return status if swallowed is None else interrupts.finish(swallowed)
    except InputError as exc:
        print_problems(exc.problems)
        return EXIT_INPUT
    except ResultsError as exc:
        print(f"laosim: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except (KeyboardInterrupt, interrupts.Terminated) as exc:
        return interrupts.finish(exc)
    except Exception as exc:  # an engine fault, not the user's: say so, keep the detail optional
        print(f"laosim: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("LAOSIM_DEBUG"):
            traceback.print_exc()
        else:
            print("laosim: set LAOSIM_DEBUG=1 to see the traceback", file=sys.stderr)
        return EXIT_FAILURE
