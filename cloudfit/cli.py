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
    from cloudfit import i18n
    from cloudfit.collect import collect_lines, what_to_collect
    from cloudfit.inventory.report import validation_report, validation_summary
    from cloudfit.sandbox import load_inventory_bounded
    from cloudfit.scoring_model import load_model

    source, name = inventory_source(args.file)
    inventory = load_inventory_bounded(source, filename=name, mapping=args.mapping, format=args.format)
    advice = what_to_collect(inventory.applications, load_model("default"))
    if args.json:
        import json

        report = validation_report(inventory)
        report["collect"] = advice.counts()
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(validation_summary(inventory, args.lang))
        lines = collect_lines(advice, inventory.accepted, lang=args.lang)
        if lines:
            print("\n" + i18n.t("collect.title", args.lang))
            print("\n".join(f"  {line}" for line in lines))
    return EXIT_OK


def inventory_source(argument: str) -> tuple[object, str | None]:
    """The inventory to read and its display name: `-` is standard input (read by bytes, within the size limit)."""
    if argument == "-":
        return sys.stdin.buffer, "stdin"
    return argument, None


def _cmd_template(args: argparse.Namespace) -> int:
    from cloudfit.template import write_template

    write_template(args.out)
    print(f"Template written to {args.out}")
    return EXIT_OK


def _cmd_assess(args: argparse.Namespace) -> int:
    from cloudfit.commands.assess import run_assess

    return run_assess(args)


def _cmd_readiness(args: argparse.Namespace) -> int:
    from cloudfit.commands.readiness import run_readiness

    return run_readiness(args)


def _cmd_readiness_template(args: argparse.Namespace) -> int:
    from cloudfit.commands.readiness import run_readiness_template

    return run_readiness_template(args)


def _format_argument(parser: argparse.ArgumentParser) -> None:
    from cloudfit.formats.presets import FORMATS

    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="the file's format (default auto: detected, and the report says why; docs/formats.md)",
    )


def build_parser() -> argparse.ArgumentParser:
    from cloudfit.options import PlanOptions

    plan = PlanOptions()
    parser = argparse.ArgumentParser(
        prog="cloudfit", description="Government cloud readiness assessment of an application inventory."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="read and validate an inventory; list what to fix")
    p.add_argument("file", help="inventory (.xlsx, .xlsm, .csv, .ods); - reads standard input")
    p.add_argument("--mapping", help="YAML/JSON mapping file (docs/mapping-files.md)")
    _format_argument(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--lang", choices=("en", "vi"), default="en", help="language of the report (default: en)")
    p.set_defaults(handler=_cmd_validate)

    p = sub.add_parser("template", help="write the blank inventory template")
    p.add_argument("out", help="path of the .xlsx to write")
    p.set_defaults(handler=_cmd_template)

    p = sub.add_parser("assess", help="assess an inventory: scores, waves, roadmap workbook, JSON")
    p.add_argument("inventory", help="inventory (.xlsx, .xlsm, .csv, .ods); - reads standard input")
    p.add_argument("--model", default="default", help="bundled model name or path to a YAML model")
    p.add_argument("--mapping", help="YAML/JSON mapping file (docs/mapping-files.md)")
    _format_argument(p)
    p.add_argument("--out", help="write the roadmap workbook (.xlsx) here")
    p.add_argument("--konveyor-out", help="write a Konveyor application import CSV here")
    p.add_argument("--cmf-out", help="write an AWS Cloud Migration Factory intake CSV here")
    p.add_argument("--json", dest="json_out", help="write the JSON result here")
    p.add_argument("--pdf", help="write the briefing PDF (.pdf) here")
    p.add_argument(
        "--agency", help="make the briefing PDF for this agency only (its name as in the inventory)"
    )
    p.add_argument(
        "--wave-max-apps", type=int, help=f"most applications in one wave (default: {plan.wave_max_apps})"
    )
    p.add_argument(
        "--wave-max-days", type=float, help=f"most person-days in one wave (default: {plan.wave_max_days:g})"
    )
    p.add_argument(
        "--team-days-per-month",
        type=float,
        help=f"person-days the migration team delivers a month (default: {plan.team_days_per_month:g})",
    )
    p.add_argument(
        "--pilot-size",
        type=int,
        help=f"applications in the pilot wave, 0 for none (default: {plan.pilot_size})",
    )
    p.add_argument("--as-of", help="reference date YYYY-MM-DD for date criteria (default: today)")
    p.add_argument("--start", help="plan start YYYY-MM (default: the quarter after --as-of)")
    p.add_argument("--deadline", help="deadline YYYY-MM (default: the model's, December 2030)")
    p.add_argument("--workstreams", choices=("agency", "group", "national"), help="parallel workstreams")
    p.add_argument("--agency-days-per-month", type=float, help="capacity of each workstream")
    p.add_argument(
        "--national-apps-per-month", type=int, help="national cap on applications starting a month"
    )
    p.add_argument(
        "--cost-model",
        default="default",
        help="bundled cost model name or path to a YAML cost model (unit prices, day rates; million VND)",
    )
    p.add_argument(
        "--lang",
        choices=("en", "vi"),
        default="en",
        help="language of the summary, workbook and PDF (default: en)",
    )
    p.add_argument("--readiness", help="filled readiness questionnaires (.xlsx) whose gates shape the plan")
    p.set_defaults(handler=_cmd_assess)

    p = sub.add_parser("readiness", help="rate agencies' readiness from filled questionnaires")
    p.add_argument("file", help="filled questionnaire workbook (one agency or several)")
    p.add_argument("--json", dest="json_out", help="write the readiness JSON here")
    p.add_argument("--out", help="write the readiness workbook (.xlsx) here")
    p.add_argument(
        "--lang",
        choices=("en", "vi"),
        default="en",
        help="language of the ratings and the workbook (default: en)",
    )
    p.add_argument(
        "--questionnaire", default="default", help="bundled questionnaire name or path to a YAML file"
    )
    p.set_defaults(handler=_cmd_readiness)

    p = sub.add_parser("readiness-template", help="write the blank readiness questionnaire")
    p.add_argument("out", help="path of the .xlsx to write")
    p.add_argument(
        "--questionnaire", default="default", help="bundled questionnaire name or path to a YAML file"
    )
    p.set_defaults(handler=_cmd_readiness_template)
    from cloudfit.workspace.cli import add_parser as add_workspace_parser

    add_workspace_parser(sub)
    return parser


def _error_text(error: CloudfitError, lang: str) -> str:
    """The error's message; in Vietnamese headed by what kind of input is unusable (the detail as written)."""
    if lang == "en":
        return str(error)
    from cloudfit import i18n

    kind = next(
        (name for name in ("InputError", "ModelError", "OptionsError") if type(error).__name__ == name),
        "CloudfitError",
    )
    detail = error.text(lang)
    heading = f"cli.error.{kind}" if detail == str(error) else f"cli.error_translated.{kind}"
    return f"{i18n.t(heading, lang)} {detail}"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CloudfitError as error:
        print(f"cloudfit: {_error_text(error, getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("cloudfit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return EXIT_OK
