"""The validation report of an `Inventory`: a JSON-able dict and a readable text.

`cloudfit validate FILE [--json]` prints one of these; the UI can show the
same dict, so the counts and wording agree everywhere.
"""

from __future__ import annotations

from pathlib import PurePath

from cloudfit import formatting as fmt
from cloudfit import i18n
from cloudfit.findings import SEVERITIES, Finding
from cloudfit.inventory.model import Inventory

MAX_LISTED_PER_SEVERITY = 100


def validation_report(inventory: Inventory) -> dict:
    """Counts, column mapping and every finding, as plain JSON types."""
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in inventory.findings:
        counts[finding.severity] += 1
    return {
        "source": inventory.source,
        "rows_read": int(inventory.rows_read),
        "applications": int(inventory.accepted),
        "rejected": int(inventory.rejected),
        "dependencies": len(inventory.dependencies),
        "counts": counts,
        "column_mapping": dict(inventory.column_mapping),
        "extra_columns": list(inventory.extra_columns),
        "findings": [finding.to_dict() for finding in inventory.findings],
        "format": dict(inventory.format),
        **({"servers": dict(inventory.server_summary)} if inventory.server_summary else {}),
    }


def validation_summary(inventory: Inventory, lang: str = "en") -> str:
    """A report a person reads top-down: the counts, how columns were read, then findings by severity.

    In Vietnamese each finding is told by its code's Vietnamese title and action (the detailed
    message is written in English where the finding is made), with its place and value.
    """
    report = validation_report(inventory)
    counts = report["counts"]
    t = i18n.t
    n = fmt.number
    lines = [
        f"{t('validate.inventory', lang)}: {PurePath(report['source']).name}",
        f"  {t('validate.rows_read', lang)}: {n(report['rows_read'], lang)}",
        f"  {t('validate.applications', lang)}: "
        + t("validate.accepted", lang).format(
            accepted=n(report["applications"], lang), rejected=n(report["rejected"], lang)
        ),
        f"  {t('validate.dependencies', lang)}: {fmt.count(report['dependencies'], 'validate.links', lang)}",
        f"  {t('validate.findings', lang)}: "
        + ", ".join(fmt.count(counts[s], f"cli.n_{s}", lang) for s in SEVERITIES),
    ]
    if report["format"]:
        chosen = report["format"]
        # The reason is detail written in English where the format is detected (like finding messages).
        why = f" ({chosen['reason']})" if lang == "en" else ""
        lines.insert(1, f"  {t('validate.read_as', lang)}: {chosen['title']}{why}")
    if "servers" in report:
        servers = report["servers"]
        lines.append(
            f"  {t('validate.servers', lang)}: "
            + t("validate.servers_line", lang).format(**{k: n(v, lang) for k, v in servers.items()})
        )
    if report["column_mapping"]:
        lines += ["", f"{t('validate.columns', lang)}:"]
        lines += [f"  {header} → {field}" for header, field in report["column_mapping"].items()]
    if report["extra_columns"]:
        lines.append(f"{t('validate.extra', lang)}: " + ", ".join(report["extra_columns"]))
    for severity in SEVERITIES:
        chosen = [f for f in inventory.findings if f.severity == severity]
        if not chosen:
            continue
        lines += ["", f"{t(f'validate.heading.{severity}', lang)}:"]
        lines += [_line(f, lang) for f in chosen[:MAX_LISTED_PER_SEVERITY]]
        if len(chosen) > MAX_LISTED_PER_SEVERITY:
            lines.append(
                "  " + t("validate.more", lang).format(n=n(len(chosen) - MAX_LISTED_PER_SEVERITY, lang))
            )
    if not inventory.findings:
        lines += ["", t("validate.clean", lang)]
    return "\n".join(lines)


def _line(finding: Finding, lang: str = "en") -> str:
    place = [
        p
        for p in (
            finding.sheet,
            i18n.t("validate.row", lang).format(row=finding.row) if finding.row else None,
            f"'{finding.column}'" if finding.column else None,
        )
        if p
    ]
    where = f"[{', '.join(place)}] " if place else ""
    if lang == "en":
        action = f"\n      → {finding.action}" if finding.action else ""
        return f"  {where}{finding.message}{action}"
    from cloudfit.message_text import finding_action, finding_message

    messages = i18n.MESSAGES[lang]
    text = finding_message(finding.code, finding.message, lang)  # the sentence with its own values
    if text is None:
        title = messages.get(f"finding.{finding.code}.title", finding.message)
        text = title + (f" ({i18n.t('validate.value', lang)}: '{finding.value}')" if finding.value else "")
    todo = finding_action(finding.code, finding.action, lang) or messages.get(
        f"finding.{finding.code}.todo", finding.action
    )
    return f"  {where}{text}" + (f"\n      → {todo}" if todo else "")
