"""`cloudfit workspace ...`: thin commands over the workspace functions.

Every command takes `--db URL` (default: CLOUDFIT_DATABASE_URL, else the
embedded SQLite file). `--user` names who acts; in a workspace without user
accounts any name acts as admin, and commands that export default to the
operating-system login name. Importing this module stays cheap: the
database stack loads only when a command runs.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from cloudfit.vocabulary import OVERRIDE_FIELDS, REVIEW_STATUSES


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _open(args: argparse.Namespace):
    from cloudfit.workspace.store import open_workspace

    return open_workspace(args.db)


def _who(workspace, args: argparse.Namespace):
    from cloudfit.workspace.access import principal

    return principal(workspace, args.user)


def _init(args: argparse.Namespace) -> int:
    from cloudfit.workspace.db import shown_url

    workspace = _open(args)
    print(f"Workspace ready: {shown_url(workspace.url)}")
    return 0


def _submit(args: argparse.Namespace) -> int:
    from cloudfit.workspace.submissions import diff, submit

    workspace = _open(args)
    user = _who(workspace, args)
    info = submit(workspace, args.file, args.agency, user, mapping=args.mapping)
    print(
        f"{info['agency']}: version {info['version']} saved ({info['applications']} applications, "
        f"{info['rejected']} rows rejected; sha256 {info['sha256'][:12]})"
    )
    if info["overrides_imported"]:
        print(f"Overrides taken over from the workbook: {info['overrides_imported']}")
    if info["version"] > 1:
        change = diff(workspace, info["agency"], user)
        print(
            f"Since version {change['from_version']}: {len(change['added'])} added, {len(change['removed'])} "
            f"removed, {len(change['changed'])} changed, "
            f"{len(change['recommendations_changed'])} recommendations changed"
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    from cloudfit.workspace.submissions import listing

    workspace = _open(args)
    result = listing(workspace, _who(workspace, args))
    if args.json:
        _print_json(result)
        return 0
    for agency in result["agencies"]:
        last = agency["submissions"][-1] if agency["submissions"] else None
        detail = (
            f"version {last['version']}, {last['applications']} applications, {last['at']}" if last else "-"
        )
        if last and last["rejection"]:
            detail += f", REJECTED by {last['rejection']['user']}: {last['rejection']['reason']}"
        print(f"{agency['name']}: {detail}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from cloudfit.workspace.submissions import diff

    workspace = _open(args)
    _print_json(diff(workspace, args.agency, _who(workspace, args), args.from_version, args.to_version))
    return 0


def _assess(args: argparse.Namespace) -> int:
    from cloudfit.commands.assess import _checked_output, summary_text
    from cloudfit.export import write_json
    from cloudfit.roadmap import write_roadmap
    from cloudfit.workspace.portfolio import assess_workspace
    from cloudfit.workspace.store import audit

    out = _checked_output(args.out, ".xlsx", "--out")
    json_out = _checked_output(args.json_out, ".json", "--json")
    workspace = _open(args)
    user = _who(workspace, args)
    if out or json_out:
        user.require("export", args.agency)
    assessment = assess_workspace(workspace, user, args.agency)
    if out:
        write_roadmap(assessment, out, args.lang)
    if json_out:
        write_json(assessment, json_out)
    written = [str(path) for path in (out, json_out) if path]
    if written:
        with workspace.transaction() as session:
            audit(
                session,
                user.name,
                "export",
                agency=args.agency,
                target=", ".join(p.rsplit("/", 1)[-1] for p in written),
                after={
                    "applications": len(assessment.results),
                    "overrides": len(assessment.decisions.overrides),
                },
            )
        for path in written:
            print(f"Written: {path}")
    else:
        print(summary_text(assessment, args.lang))
    return 0


def _override(args: argparse.Namespace) -> int:
    from cloudfit.workspace.reviews import override

    workspace = _open(args)
    result = override(
        workspace, args.app_id, args.field, args.value, args.reason, _who(workspace, args), args.agency
    )
    print(
        f"{result['agency']} {result['app_id']}: {result['field']} {result['computed']!r} → {result['final']!r} "
        f"({result['status']}, override {result['id']})"
    )
    return 0


def _review(args: argparse.Namespace) -> int:
    from cloudfit.workspace.reviews import set_review

    workspace = _open(args)
    result = set_review(
        workspace, args.app_id, args.status, _who(workspace, args), args.note or "", args.agency
    )
    print(f"{result['agency']} {result['app_id']}: {result['status']}")
    return 0


def _approve(args: argparse.Namespace) -> int:
    from cloudfit.workspace.reviews import decide

    workspace = _open(args)
    result = decide(
        workspace, args.override_id, _who(workspace, args), approve=not args.reject, reason=args.reason
    )
    print(f"Override {result['id']} ({result['app_id']}.{result['field']}): {result['status']}")
    return 0


def _reject(args: argparse.Namespace) -> int:
    from cloudfit.workspace.submissions import reject

    workspace = _open(args)
    result = reject(workspace, args.agency, args.version, args.reason, _who(workspace, args))
    print(f"{result['agency']}: version {result['version']} rejected ({result['rejection']['reason']})")
    return 0


def _settings(args: argparse.Namespace) -> int:
    from cloudfit.commands.assess import PLAN_ARGUMENTS
    from cloudfit.options import PlanOptions
    from cloudfit.workspace.portfolio import PLAN_SETTING
    from cloudfit.workspace.reviews import REQUIRE_APPROVAL, set_require_approval
    from cloudfit.workspace.store import get_setting, put_setting

    workspace = _open(args)
    user = _who(workspace, args)
    if args.require_approval is not None:
        set_require_approval(workspace, args.require_approval == "on", user)
    given = {k: getattr(args, k) for k in PLAN_ARGUMENTS if getattr(args, k, None) is not None}
    if given:
        user.require("plan")
        with workspace.transaction() as session:
            saved = {**(get_setting(session, PLAN_SETTING, {}) or {}), **given}
            PlanOptions(**saved)  # refuses values out of range before saving
            put_setting(session, PLAN_SETTING, saved, user.name)
    with workspace.reading() as session:
        _print_json(
            {
                REQUIRE_APPROVAL: bool(get_setting(session, REQUIRE_APPROVAL, False)),
                PLAN_SETTING: get_setting(session, PLAN_SETTING, {}) or {},
            }
        )
    return 0


def _audit(args: argparse.Namespace) -> int:
    from cloudfit.workspace.audit import entries

    workspace = _open(args)
    items = entries(workspace, _who(workspace, args), args.agency)
    if args.json:
        _print_json(items)
    else:
        for item in items:
            print(
                f"{item['at']}  {item['user']}  {item['action']}  {item['agency'] or '-'}  {item['target'] or ''}"
            )
    return 0


def _export(args: argparse.Namespace) -> int:
    from cloudfit.workspace.backup import export_workspace

    workspace = _open(args)
    counts = export_workspace(workspace, args.file, _who(workspace, args))
    print(f"Workspace written to {args.file}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _import(args: argparse.Namespace) -> int:
    from cloudfit.workspace.backup import import_workspace

    workspace = _open(args)
    counts = import_workspace(workspace, args.file, _who(workspace, args))
    print(f"Workspace restored from {args.file}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _user_add(args: argparse.Namespace) -> int:
    from cloudfit.workspace.access import add_user

    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    workspace = _open(args)
    user = add_user(workspace, args.name, args.role, args.agency, password, by=getpass.getuser())
    scope = ", ".join(sorted(user.agencies)) if user.agencies is not None else "all agencies"
    print(f"User {user.name}: {user.role} ({scope})")
    return 0


def _user_list(args: argparse.Namespace) -> int:
    from cloudfit.workspace.access import users

    _print_json(users(_open(args)))
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "local"


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `workspace` and its commands on the main parser."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", help="database URL (default: CLOUDFIT_DATABASE_URL, else the embedded SQLite file)"
    )
    acting = argparse.ArgumentParser(add_help=False)
    acting.add_argument("--user", default=_login_name(), help="who acts (default: your login name)")
    needs_user = argparse.ArgumentParser(add_help=False)
    needs_user.add_argument("--user", required=True, help="who acts")

    workspace = sub.add_parser("workspace", help="shared workspace: submissions, reviews, audit, users")
    commands = workspace.add_subparsers(dest="workspace_command", required=True, help="the workspace action")

    p = commands.add_parser("init", parents=[common], help="create or upgrade the workspace database")
    p.set_defaults(handler=_init)

    p = commands.add_parser(
        "submit", parents=[common, needs_user], help="save an agency's inventory as a new version"
    )
    p.add_argument("file", help="inventory (.xlsx, .xlsm, .csv, .ods) or a roadmap workbook read back")
    p.add_argument("--agency", required=True)
    p.add_argument("--mapping", help="YAML/JSON file: source header -> field")
    p.set_defaults(handler=_submit)

    p = commands.add_parser("list", parents=[common, acting], help="agencies and their submissions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = commands.add_parser("diff", parents=[common, acting], help="what changed between two versions")
    p.add_argument("--agency", required=True)
    p.add_argument("--from", dest="from_version", type=int)
    p.add_argument("--to", dest="to_version", type=int)
    p.set_defaults(handler=_diff)

    p = commands.add_parser(
        "assess", parents=[common, acting], help="assess the national portfolio or one agency"
    )
    p.add_argument("--json", dest="json_out", help="write the JSON result here")
    p.add_argument("--out", help="write the roadmap workbook (.xlsx) here")
    p.add_argument("--agency", help="only this agency (default: every agency's latest submission)")
    p.add_argument("--lang", choices=("en", "vi"), default="en")
    p.set_defaults(handler=_assess)

    p = commands.add_parser(
        "override", parents=[common, needs_user], help="override a recommendation, with a reason"
    )
    p.add_argument("app_id")
    p.add_argument("--field", required=True, choices=OVERRIDE_FIELDS)
    p.add_argument("--value", required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--agency", help="needed only when two agencies use the same application ID")
    p.set_defaults(handler=_override)

    p = commands.add_parser("review", parents=[common, needs_user], help="set an application's review status")
    p.add_argument("app_id")
    p.add_argument("--status", required=True, choices=[s for s in REVIEW_STATUSES if s != "overridden"])
    p.add_argument("--note")
    p.add_argument("--agency")
    p.set_defaults(handler=_review)

    p = commands.add_parser(
        "approve", parents=[common, needs_user], help="approve (or --reject) a pending override"
    )
    p.add_argument("override_id", type=int)
    p.add_argument("--reject", action="store_true")
    p.add_argument("--reason", help="the justification (required with --reject)")
    p.set_defaults(handler=_approve)

    p = commands.add_parser(
        "reject", parents=[common, needs_user], help="send an agency's submission back, with a reason"
    )
    p.add_argument("--agency", required=True)
    p.add_argument("--version", required=True, type=int, help="the version to reject")
    p.add_argument("--reason", required=True, help="what the agency must fix or send again")
    p.set_defaults(handler=_reject)

    p = commands.add_parser(
        "settings", parents=[common, acting], help="approval rule and saved planner settings"
    )
    p.add_argument("--require-approval", choices=("on", "off"))
    p.add_argument("--wave-max-apps", type=int)
    p.add_argument("--wave-max-days", type=float)
    p.add_argument("--team-days-per-month", type=float)
    p.add_argument("--pilot-size", type=int)
    p.add_argument("--workstreams", choices=("agency", "group", "national"), help="parallel workstreams")
    p.add_argument("--agency-days-per-month", type=float, help="capacity of each workstream")
    p.add_argument(
        "--national-apps-per-month", type=int, help="national cap on applications starting a month"
    )
    p.set_defaults(handler=_settings)

    p = commands.add_parser("audit", parents=[common, acting], help="the audit log")
    p.add_argument("--json", action="store_true")
    p.add_argument("--agency")
    p.set_defaults(handler=_audit)

    p = commands.add_parser(
        "export", parents=[common, acting], help="write the whole workspace to one backup file"
    )
    p.add_argument("file")
    p.set_defaults(handler=_export)

    p = commands.add_parser(
        "import", parents=[common, acting], help="restore a backup into an empty workspace"
    )
    p.add_argument("file")
    p.set_defaults(handler=_import)

    p = commands.add_parser("user", help="user accounts")
    users = p.add_subparsers(dest="user_command", required=True, help="the account action")
    q = users.add_parser("add", parents=[common], help="add a user (or change one)")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=("analyst", "reviewer", "planner", "admin"))
    q.add_argument("--agency", action="append", help="an agency the user works for (repeatable)")
    q.add_argument(
        "--password-stdin", action="store_true", help="read a sign-in password from standard input"
    )
    q.set_defaults(handler=_user_add)
    q = users.add_parser("list", parents=[common], help="list users")
    q.set_defaults(handler=_user_list)
