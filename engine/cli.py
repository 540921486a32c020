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
from engine.errors import InputError

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

    validate = sub.add_parser("validate", help="check a scenario without running it")
    validate.add_argument("scenario", type=Path, metavar="SCENARIO.yaml")
    with_set(validate)
    return parser


def _cmd_run(args) -> int:
    from engine.model import run
    from engine.output import write_results
    from engine.scenario import load_scenario

    scenario = load_scenario(args.scenario, args.overrides)
    results = run(scenario)
    out = args.out or Path("reports") / scenario.name
    written = write_results(results, out)
    print(f"laosim: ran '{scenario.name}' ({scenario.horizon.base_year + 1}-{scenario.horizon.end_year}); "
          f"wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_validate(args) -> int:
    from engine.scenario import load_scenario

    scenario = load_scenario(args.scenario, args.overrides)
    print(f"laosim: {args.scenario} is valid (scenario '{scenario.name}', "
          f"{scenario.horizon.base_year + 1}-{scenario.horizon.end_year})")
    return EXIT_OK


COMMANDS = {"run": _cmd_run, "validate": _cmd_validate}


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
