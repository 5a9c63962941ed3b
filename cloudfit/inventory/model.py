"""The `Inventory`: what the reading stage hands to scoring."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from cloudfit.findings import Finding


@dataclass(frozen=True)
class Inventory:
    """Validated applications and dependencies, plus every finding.

    Invariant: `rows_read == len(applications) + rejected` (application
    rows); every rejected row has an error finding naming it.

    `applications` has one column per canonical field (all fields of
    `cloudfit.fields.FIELDS`, missing ones filled with NA, dtypes as in that
    module), then the analyst's extra columns under their original headers,
    then `source_sheet` and `source_row` (the spreadsheet row number).
    `dependencies` has `app_id`, `depends_on`, `coupling` (tight/loose),
    `notes`, `source_sheet` and `source_row`; only valid links remain.
    """

    applications: pd.DataFrame
    dependencies: pd.DataFrame
    findings: tuple[Finding, ...] = ()
    rows_read: int = 0
    rejected: int = 0
    source: str = ""
    column_mapping: dict[str, str] = field(default_factory=dict)
    extra_columns: tuple[str, ...] = ()
    # Which format the file was read as and why ({name, title, reason, sheet}).
    format: dict = field(default_factory=dict)
    # Server-per-row files: every server row read (with its application, or none) and the counts
    # {rows, grouped, unassigned, applications}; rows == grouped + unassigned.
    servers: pd.DataFrame | None = None
    server_summary: dict = field(default_factory=dict)
    # Links to systems outside the inventory (`cloudfit.inventory.external`): kept as external systems, and
    # resolved across agencies by a workspace.
    external_links: pd.DataFrame | None = None

    @property
    def accepted(self) -> int:
        return len(self.applications)
