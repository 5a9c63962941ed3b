"""`cloudfit` / `python -m cloudfit`: thin commands over the library.

Each command parses its arguments, calls one library function and prints.
A `CloudfitError` becomes one line on stderr and exit code 2; no traceback
reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cloudfit.errors import CloudfitError

EXIT_OK = 0
EXIT_UNUSABLE = 2


def _cmd_validate(args: argparse.Namespace) -> int:
    from cloudfit.inventory import load_inventory
    from cloudfit.inventory.report import validation_report, validation_summary

    inventory = load_inventory(args.file, mapping=args.mapping)
    if args.json:
        import json

        print(json.dumps(validation_report(inventory), ensure_ascii=False, indent=2))
    else:
        print(validation_summary(inventory))
    return EXIT_OK


def _cmd_template(args: argparse.Namespace) -> int:
    from cloudfit.template import write_template

    write_template(args.out)
    print(f"Template written to {args.out}")
    return EXIT_OK


def _cmd_assess(args: argparse.Namespace) -> int:
    from cloudfit.commands.assess import run_assess

    return run_assess(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cloudfit", description="Government cloud readiness assessment of an application inventory."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="read and validate an inventory; list what to fix")
    p.add_argument("file", help="inventory (.xlsx, .xlsm, .csv, .ods)")
    p.add_argument("--mapping", help="YAML/JSON file: source header -> field")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_cmd_validate)

    p = sub.add_parser("template", help="write the blank inventory template")
    p.add_argument("out", help="path of the .xlsx to write")
    p.set_defaults(handler=_cmd_template)

    p = sub.add_parser("assess", help="assess an inventory: scores, waves, roadmap workbook, JSON")
    p.add_argument("inventory", help="inventory (.xlsx, .xlsm, .csv, .ods)")
    p.add_argument("--model", default="default", help="bundled model name or path to a YAML model")
    p.add_argument("--mapping", help="YAML/JSON file: source header -> field")
    p.add_argument("--out", help="write the roadmap workbook (.xlsx) here")
    p.add_argument("--json", dest="json_out", help="write the JSON result here")
    p.add_argument("--wave-max-apps", type=int)
    p.add_argument("--wave-max-days", type=float)
    p.add_argument("--team-days-per-month", type=float)
    p.add_argument("--pilot-size", type=int)
    p.add_argument("--as-of", help="reference date YYYY-MM-DD for date criteria (default: today)")
    p.add_argument("--start", help="plan start YYYY-MM (default: the quarter after --as-of)")
    p.add_argument("--deadline", help="deadline YYYY-MM (default: the model's, December 2030)")
    p.add_argument("--workstreams", choices=("agency", "group", "national"), help="parallel workstreams")
    p.add_argument("--agency-days-per-month", type=float, help="capacity of each workstream")
    p.add_argument(
        "--national-apps-per-month", type=int, help="national cap on applications starting a month"
    )
    p.add_argument("--lang", choices=("en", "vi"), default="en")
    p.set_defaults(handler=_cmd_assess)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CloudfitError as error:
        print(f"cloudfit: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("cloudfit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return EXIT_OK
