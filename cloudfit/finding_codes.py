"""The one catalogue of finding codes: reading, dependency checks and the wave planner.

Modelled on frictionless' error catalogue: every code has a kebab-case name,
a severity, a title, a description of when it is raised and an action
template, and every finding is made through `make_finding`, so the UI, the
CLI and the workbook can filter and count by code and the wording of what to
do lives in one place. `docs/findings.md` is generated from this table
(`python -m cloudfit.finding_codes > docs/findings.md`); a test keeps them equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from cloudfit.findings import Finding, Severity

Stage = Literal["inventory", "dependencies", "plan", "readiness", "scoring"]
STAGE_TITLES: dict[Stage, str] = {
    "inventory": "Reading the inventory",
    "dependencies": "Dependency links (inventory and graph)",
    "plan": "Wave planner",
    "readiness": "Agency readiness (questionnaires and their gates on the plan)",
    "scoring": "Scoring: declared inputs checked",
}


@dataclass(frozen=True)
class Code:
    """A kind of finding; `action` is a `str.format` template filled by `make_finding`."""

    name: str
    stage: Stage
    severity: Severity
    title: str
    description: str
    action: str


_CODES = (
    # reading: rows of the applications sheet
    Code(
        "missing-app-id",
        "inventory",
        "error",
        "Row without application ID",
        "A row of the applications sheet has values but no application ID; it is not assessed.",
        "Give this row a unique application ID, or delete the row if it is not an application "
        "(a total, a note or a sub-heading).",
    ),
    Code(
        "duplicate-app-id",
        "inventory",
        "error",
        "Duplicate application ID",
        "An application ID repeats an earlier row (ignoring case); the first row is kept, this one is not assessed.",
        "Give this application its own ID, or delete the row if it repeats row {first_row} "
        "(that first row was kept).",
    ),
    Code(
        "missing-required",
        "inventory",
        "warning",
        "Required value missing",
        "A required field other than the ID is empty; the row is kept and assessed with less confidence.",
        "Fill in '{label}' for this application.",
    ),
    # reading: values
    Code(
        "invalid-value",
        "inventory",
        "warning",
        "Value not understood",
        "A cell could not be read as its field's kind or codes; it is read as empty.",
        "Use one of: {allowed}.",
    ),
    Code(
        "out-of-range",
        "inventory",
        "warning",
        "Value out of range",
        "A number is outside its field's range; it is read as empty.",
        "Use a value {bounds}.",
    ),
    Code(
        "value-interpreted",
        "inventory",
        "info",
        "Values interpreted",
        "Values were read by a rule that involves a guess (a number among words, a thousands separator, "
        "a bare year or month, day/month order, a version after a known name); one finding per column and "
        "kind of guess.",
        "Check that the reading is right; write the values as {canonical} to avoid the guess.",
    ),
    # reading: columns and sheets
    Code(
        "unmapped-column",
        "inventory",
        "info",
        "Columns kept as extra attributes",
        "Columns that match no field are carried through under their own header.",
        "Nothing to do if these columns are only for reference; they are carried to the roadmap. "
        "If one is meant as a cloudfit field, rename it or map it in a mapping file (header: field).",
    ),
    Code(
        "column-suggestion",
        "inventory",
        "info",
        "Possible field for an unmapped column",
        "An unmapped header resembles a field name or label; the suggestion is never applied on its own.",
        "If '{header}' means {suggestion}, rename the column or map it in a mapping file.",
    ),
    Code(
        "duplicate-column",
        "inventory",
        "warning",
        "Two columns for one field",
        "Two headers map to the same field; the first is used, the later one is kept as an extra attribute.",
        "Keep one column for '{field}' or rename the other; the later one was kept as an extra attribute.",
    ),
    Code(
        "mapping-unused",
        "inventory",
        "warning",
        "Mapping entry matches no column",
        "An entry of the mapping file names a header that is not in the sheet.",
        "Check the spelling of '{header}' in the mapping file against the sheet's header row.",
    ),
    Code(
        "merged-cells-filled",
        "inventory",
        "info",
        "Merged cells filled",
        "Merged ranges in the data were unmerged, each cell taking the top-left value.",
        "Check the values: each cell of a merged range was given the value of its top-left cell.",
    ),
    Code(
        "sheets-ignored",
        "inventory",
        "info",
        "Sheets not read",
        "The workbook has sheets that were read neither as applications nor as dependencies.",
        "Nothing to do if these sheets hold no applications or dependencies; otherwise rename the sheet "
        "to 'Applications' or 'Dependencies'.",
    ),
    Code(
        "repeated-header-row",
        "inventory",
        "warning",
        "Column names repeated below the header",
        "A row below the header names the columns again (a header repeated for printing, or a legend); "
        "it is not read as an application.",
        "Nothing to do if this row repeats the header or is a legend; if it is an application, "
        "correct its values (it was not read; the header is row {header_row}).",
    ),
    Code(
        "rows-above-header",
        "inventory",
        "warning",
        "Values above the header row",
        "Rows above the detected header row hold values in several cells; they are not read as applications.",
        "If these rows are applications, move them below the header row {header_row} (or delete the rows "
        "above them); otherwise delete them or leave them as a title.",
    ),
    Code(
        "hidden-sheet-used",
        "inventory",
        "warning",
        "Applications read from a hidden sheet",
        "No visible sheet holds the applications, so a hidden sheet was read.",
        "Check that the hidden sheet is the right one: unhide it in Excel (right-click a sheet tab > Unhide) "
        "or move the applications to a visible sheet.",
    ),
    Code(
        "nul-character",
        "inventory",
        "warning",
        "NUL character in the file",
        "A line of a CSV file holds a NUL character (byte 0), which would cut the value short; it is read "
        "as the replacement character '\ufffd'.",
        "Open the file in a text editor or Excel, remove the stray characters and export it again.",
    ),
    Code(
        "dependency-sheet-unusable",
        "inventory",
        "warning",
        "Dependencies sheet not read",
        "A dependencies sheet has no header row with both ID columns; its links are not read.",
        "Give the sheet the columns '{needed}' (or map them); its links were not read.",
    ),
    Code(
        "invalid-coupling",
        "inventory",
        "warning",
        "Coupling not understood",
        "A coupling is neither tight nor loose (in English or Vietnamese); the link is read as loose.",
        "Use 'tight' (must move in the same wave) or 'loose'; the link was read as loose.",
    ),
    # dependency links: checked when reading and again when a graph is built from any table
    Code(
        "dependency-incomplete",
        "dependencies",
        "warning",
        "Dependency without both IDs",
        "A dependency row lacks the application ID or the ID it depends on; the row is dropped.",
        "Fill in both the application ID and the ID it depends on, or delete the row.",
    ),
    Code(
        "dependency-unknown-app",
        "dependencies",
        "warning",
        "Dependency on an unknown application",
        "A dependency names an application ID that is not in the inventory. When the dependent application "
        "is known, the other end is kept as an external system (a hybrid link); otherwise the link is dropped.",
        "Correct the ID '{value}' if it is a typo, or add that application to the applications sheet; "
        "leave it if it is a system outside this inventory.",
    ),
    Code(
        "dependency-self",
        "dependencies",
        "warning",
        "Application depends on itself",
        "A dependency links an application to itself; the link is dropped.",
        "Remove this link or correct one of the IDs; the link was dropped.",
    ),
    Code(
        "dependency-duplicate",
        "dependencies",
        "info",
        "Dependency listed twice",
        "The same link is listed again in the same sheet (or the same depends_on cell) with the same "
        "coupling; it counts once. A link given both in the applications sheet's depends_on column and in "
        "the dependencies sheet is one link and no finding.",
        "Nothing to do; the repeat (first seen at {first}) was ignored. Delete it to keep the sheet clean.",
    ),
    Code(
        "dependency-coupling-conflict",
        "dependencies",
        "warning",
        "Dependency listed twice with different couplings",
        "The same link is listed again in the same sheet, once tight and once loose; it counts once, as tight.",
        "Delete one of the rows and settle the coupling; the link (first seen at {first}) was kept as tight.",
    ),
    # the wave planner
    Code(
        "duplicate-application",
        "plan",
        "warning",
        "Application ID repeated in the scores",
        "The scores given to the planner repeat an application ID; the plan uses its first row.",
        "Give every application its own ID.",
    ),
    Code(
        "dependency-on-retired",
        "plan",
        "warning",
        "Applications depend on one to be retired",
        "One finding per application to be retired that others (not retired themselves) still depend on, "
        "with their number and the first few IDs.",
        "Before {provider} is switched off, plan how the applications that depend on it will do without "
        "it, or reconsider retiring {provider}.",
    ),
    Code(
        "tight-link-split",
        "plan",
        "warning",
        "Tight link between moving and staying applications",
        "A tightly coupled link joins an application that moves to one that stays where it is.",
        "Check the latency and the integration (e.g. through NDXP/LGSP) or reconsider the strategy of "
        "{staying} or {moving}.",
    ),
    Code(
        "pin-conflict",
        "plan",
        "warning",
        "Pin not honoured as written",
        "A pin names no application or one that does not move, disagrees with another pin of its move "
        "group, cannot hold because of a provider or a full wave, or points beyond the plan. The planner "
        "never leaves a wave empty: when only applications pinned to later waves remain, the earliest of "
        "them move in the next wave, the first after everything else that could move.",
        "Change or remove the pin of {app_id}, or {remedy}.",
    ),
    Code(
        "oversize-move-group",
        "plan",
        "warning",
        "Move group larger than a wave",
        "A move group exceeds the wave capacity; it gets a wave to itself and is never split.",
        "Check whether the tight links or the cycle can be broken, or plan a larger team for this wave.",
    ),
    Code(
        "oversize-application",
        "plan",
        "warning",
        "Application larger than a wave",
        "One application exceeds the wave capacity; it gets a wave to itself.",
        "Split the migration of this application into phases, or plan a larger team for this wave.",
    ),
    # other tools' files, server lists and ministry sheets (cloudfit/formats, inventory/sections.py)
    Code(
        "format-detected",
        "inventory",
        "info",
        "File read in another tool's format",
        "The file was recognised as (or declared to be) a bundled format and read with its preset.",
        "Nothing to do if the format is right; otherwise choose the format by hand (--format, or the "
        "mapping step of the app).",
    ),
    Code(
        "required-field-absent",
        "inventory",
        "warning",
        "Required field not in the file",
        "The file has no column for a required field; the field is empty for every application.",
        "Give the value in a mapping file (constants: {field}: ...), or add the column to the file.",
    ),
    Code(
        "record-type-unknown",
        "inventory",
        "warning",
        "Record of an unknown type",
        "A Konveyor import row whose record type is neither 1 (application) nor 2 (dependency); it is not read.",
        "Set the record type to 1 or 2, or delete the row.",
    ),
    Code(
        "dependency-direction-unknown",
        "dependencies",
        "warning",
        "Dependency direction not understood",
        "A Konveyor dependency row whose direction is neither northbound nor southbound; read as southbound.",
        "Write northbound (the other application depends on this one) or southbound (this one depends on it).",
    ),
    Code(
        "server-unassigned",
        "inventory",
        "warning",
        "Server without application",
        "A server row names no application; it is kept in the server list but counted in no application.",
        "Fill in the server's application (or map a column or a tag that holds it) and load the file again.",
    ),
    Code(
        "server-idle",
        "inventory",
        "info",
        "Idle servers: retire candidate",
        "The application's servers average under 5% CPU and under 5% memory use over the period measured.",
        "Confirm with the owner whether '{value}' is still used; if not, plan to retire it.",
    ),
    Code(
        "total-row-skipped",
        "inventory",
        "info",
        "Total row skipped",
        "A total or subtotal row ('Tổng cộng', 'Cộng', 'Tổng số') is not an application and was not assessed.",
        "Nothing to do; delete the row from the file if it is not a total.",
    ),
    Code(
        "agency-heading",
        "inventory",
        "info",
        "Agency sub-heading read",
        "A sub-heading row (e.g. 'II. Cục ...') names the agency that owns the rows below it; it is used "
        "as their owner agency where the row gives none.",
        "Nothing to do if '{value}' owns the rows below it; otherwise fill in each row's owner agency.",
    ),
    Code(
        "legal-field-unmapped",
        "inventory",
        "warning",
        "Legally decisive field not mapped",
        "A field that decides deployment by law (security level, state secret, personal data, national "
        "database) has no column, but a column looks like it.",
        "Map the column '{header}' to '{field}' (mapping step or mapping file) unless it holds something else.",
    ),
    Code(
        "imported-decision-differs",
        "plan",
        "warning",
        "Decision in the file differs from cloudfit's",
        "The file carries a decision (wave, strategy, lifecycle) that differs from what cloudfit computed; "
        "both are kept.",
        "Review {app_id}: keep the imported {decision} '{imported}' (override cloudfit) or follow cloudfit's "
        "'{computed}'.",
    ),
    Code(
        "no-pilot",
        "plan",
        "info",
        "No pilot wave",
        "A pilot was asked for but no application qualifies (a quick win, not mission-critical, no "
        "national database, not XL, not pinned).",
        "Nothing to do; or mark one or two simple, low-risk applications so that they qualify.",
    ),
    Code(
        "pilot-short",
        "plan",
        "info",
        "Pilot smaller than asked",
        "Fewer applications qualify for the pilot than the pilot size asks for.",
        "Nothing to do; or lower the pilot size, or check the criticality and quick-win inputs of "
        "candidate applications.",
    ),
    Code(
        "pilot-platform-unproven",
        "plan",
        "warning",
        "Platform not exercised by the pilot",
        "A target platform that later waves use has no application that qualifies for the pilot; its "
        "mission-critical systems and national databases wait until its first ordinary wave has ended.",
        "Find a low-risk application for the {platform} platform to include in the pilot.",
    ),
    Code(
        "split-loose-links",
        "plan",
        "info",
        "Loose links split across waves",
        "The two ends of a loose link move at different times; until the second moves the link runs as a "
        "temporary hybrid link (listed with its dates among the hybrid links).",
        "Plan the interim integration, e.g. through the NDXP/LGSP data-sharing platforms; declare a link "
        "that must not be split in the planner's keep-together list.",
    ),
    Code(
        "plan-horizon",
        "plan",
        "warning",
        "Applications beyond the planning horizon",
        "At the capacity given, some applications could not start within the planning horizon (25 years "
        "from the plan's start); they are listed as unscheduled, without a wave.",
        "Add capacity per workstream (see the capacity the deadline needs), group agencies into fewer "
        "workstreams with bigger teams, or split the inventory.",
    ),
    Code(
        "freeze-delay",
        "plan",
        "info",
        "Wave delayed by a freeze period",
        "A freeze period (months in which an agency must not migrate) delayed the start of a wave or "
        "paused it.",
        "Nothing to do; or review the freeze periods of {agency}.",
    ),
    Code(
        "deadline-missed",
        "plan",
        "warning",
        "Target share not reached by the deadline",
        "The share of existing systems migrated to a cloud by the deadline is below the target.",
        "Add capacity per workstream (see the capacity the deadline needs), run more workstreams in "
        "parallel, or move more systems.",
    ),
    # scoring: declared values checked against what the other inputs imply
    Code(
        "security-level-inconsistent",
        "scoring",
        "warning",
        "Declared security level lower than the inputs imply",
        "A consistency check of the scoring model (e.g. Decree 85/2016 Art. 8: personal data of 10,000 "
        "people or more is above level 2) implies a higher security level than the one declared; the "
        "application is scored with the stricter level.",
        "Check the approved security-level dossier: declare level {implied} or higher, or correct the "
        "input that implies it (users, personal data, national database, citizen-facing).",
    ),
    # agency readiness: reading questionnaires, and the gates on the wave plan
    Code(
        "readiness-unknown-question",
        "readiness",
        "error",
        "Unknown question ID",
        "A row of a readiness questionnaire names a question ID the questionnaire does not have (or none); "
        "its answer is not used.",
        "Use a question ID of questionnaire {questionnaire} as written in the template (e.g. {example}); "
        "do not edit the Question ID column.",
    ),
    Code(
        "readiness-invalid-answer",
        "readiness",
        "warning",
        "Answer not understood",
        "An answer is not one of its question's answers; the question counts as unanswered (a gap).",
        "Choose one of: {allowed}.",
    ),
    Code(
        "readiness-no-agency",
        "readiness",
        "error",
        "Answer without an agency",
        "A row has an answer but no agency, and the Instructions sheet names none; its answer is not used.",
        "Write the agency's name in the Agency column, or once on the Instructions sheet for a workbook of "
        "one agency.",
    ),
    Code(
        "readiness-duplicate-answer",
        "readiness",
        "warning",
        "Question answered twice",
        "The same agency answers the same question again; the first answer is used.",
        "Keep one answer per agency and question; the answer in row {first_row} of sheet {first_sheet} was used.",
    ),
    Code(
        "readiness-unanswered",
        "readiness",
        "info",
        "Questions left unanswered",
        "One finding per agency with unanswered questions: they are gaps, left out of the scores, and lower "
        "the confidence of the ratings.",
        "Answer the remaining questions of {agency} (with evidence) so the ratings rest on all of them.",
    ),
    Code(
        "readiness-unknown-agency",
        "readiness",
        "warning",
        "Agency not in the inventory",
        "An agency of the questionnaires owns no application of the inventory, so its readiness gates nothing.",
        "Write the agency's name exactly as in the inventory's owner_agency column (e.g. {example}).",
    ),
    Code(
        "readiness-gate",
        "readiness",
        "warning",
        "Readiness gate on the plan",
        "An agency's readiness holds back or slows down some of its applications in the wave plan: an "
        "answer that calls for an action first (the applications wait until the action's end month), a Red "
        "theme that makes its migrations take longer, or a pilot kept to the readiest agencies.",
        "{remedy}.",
    ),
    Code(
        "readiness-skills-filled",
        "readiness",
        "info",
        "Team cloud skills taken from the questionnaire",
        "Applications whose team_cloud_skills was empty get their agency's answer on cloud-trained staff.",
        "Fill in team_cloud_skills in the inventory where a system's own team differs from the agency's.",
    ),
    # the workspace: several agencies' latest submissions assessed as one national portfolio
    Code(
        "cross-agency-duplicate-app-id",
        "inventory",
        "error",
        "Application ID used by two agencies",
        "Two agencies' submissions use the same application ID (ignoring case); in the national "
        "portfolio the first agency's application (by agency name) is kept, the other is not assessed.",
        "Agree which agency owns '{value}' and have the other one give its application its own ID "
        "(kept: {first}).",
    ),
    Code(
        "override-against-law",
        "plan",
        "error",
        "Override not applied: the law decides this value",
        "A reviewer's override changes a deployment or strategy that a legal constraint (kind: law) "
        "decided, such as state secrets kept on premises; the plan keeps the value the law requires.",
        "Withdraw the override of {app_id}, or correct the input that brings the legal constraint "
        "if it is wrong ({rule}).",
    ),
)

CATALOGUE: MappingProxyType[str, Code] = MappingProxyType({code.name: code for code in _CODES})


def make_finding(
    code: str,
    message: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    **action_values: object,
) -> Finding:
    """A finding of a catalogued code; the action is the code's template filled with `action_values`."""
    spec = CATALOGUE[code]
    return Finding(
        severity=spec.severity,
        code=code,
        message=message,
        action=spec.action.format(value=display_value(value), **action_values),
        sheet=sheet,
        row=None if row is None else int(row),
        column=column,
        value=None if value is None else display_value(value),
    )


def display_value(value: object) -> str:
    """A cell value as the person typed it, short enough for a message."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."


def catalogue_markdown() -> str:
    """The text of `docs/findings.md`: every code with its severity, title, description and action."""
    lines = [
        "# Findings",
        "",
        "Every message cloudfit gives about an inventory or a plan is a finding with one of these codes",
        "(from `cloudfit/finding_codes.py`, the one catalogue; this page is generated from it with",
        "`python -m cloudfit.finding_codes > docs/findings.md`). Words in braces in an action are filled",
        "in for each finding.",
    ]
    for stage, title in STAGE_TITLES.items():
        lines += [
            "",
            f"## {title}",
            "",
            "| code | severity | title | when | action |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| `{c.name}` | {c.severity} | {c.title} | {c.description} | {c.action} |"
            for c in _CODES
            if c.stage == stage
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(catalogue_markdown(), end="")
