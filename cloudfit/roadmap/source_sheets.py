"""The Servers and Worth collecting sheets: what the input held beyond applications, and what it lacked.

Servers: every server row of a server-per-row input (AWS, Azure), with its
application (empty for an unassigned server), so the grouping can be
checked row by row; a header only when the input listed applications.
Worth collecting: per field, how many applications lack it and whose
deployment or strategy it could change (`cloudfit.collect`), with the
applications concerned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cloudfit import i18n
from cloudfit.roadmap.book import Book, Column

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

SERVER_COLUMNS = (
    ("source_row", "int"),
    ("server_name", "text"),
    ("application", "text"),
    ("os", "text"),
    ("os_name", "text"),
    ("os_support_ends", "date"),
    ("cores", "number"),
    ("memory_mb", "number"),
    ("storage_gb", "number"),
    ("cpu_avg_pct", "number"),
    ("memory_avg_pct", "number"),
)
MAX_LISTED = 50


def write_servers(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    servers = assessment.inventory.servers
    table = servers.reset_index(drop=True) if servers is not None else pd.DataFrame()
    columns = [
        Column(
            i18n.t(f"servers.col.{name}", lang),
            table[name] if name in table else pd.Series([None] * len(table), dtype=object),
            kind,
        )
        for name, kind in SERVER_COLUMNS
    ]
    book.data_sheet(i18n.sheet_name("servers", lang), columns, freeze_cols=2)


def _applications_by_field(apps: pd.DataFrame, names: pd.Series) -> list[list[str]]:
    """Per field name, the ids (in inventory order) of the applications whose deployment or strategy
    collecting it could change: the "; "-joined field lists split once, not once per field."""
    apps = apps.reset_index(drop=True)
    parts = [apps[c].fillna("").str.split("; ").explode() for c in ("deployment_fields", "strategy_fields")]
    pairs = pd.DataFrame({"field": pd.concat(parts)}).reset_index(names="row")
    pairs = pairs.drop_duplicates().sort_values("row", kind="stable")
    ids = apps["app_id"].astype(str).to_numpy(dtype=object)
    rows = pairs.groupby("field", sort=False)["row"].agg(list).to_dict()
    return [ids[rows.get(name, [])].tolist() for name in names]


def _listed(ids: list[str]) -> str:
    return ", ".join(ids[:MAX_LISTED]) + (" ..." if len(ids) > MAX_LISTED else "")


def write_collect(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    advice = assessment.collect
    fields = advice.fields
    apps = advice.applications
    listed = [_listed(ids) for ids in _applications_by_field(apps, fields["field"])]
    columns = [
        Column(i18n.t("collect.col.field", lang), fields["field"].map(lambda f: i18n.field_label(f, lang))),
        Column(i18n.t("collect.col.code", lang), fields["field"]),
        Column(i18n.t("collect.col.missing", lang), fields["missing"], "int"),
        Column(i18n.t("collect.col.could_change", lang), fields["could_change"], "int"),
        Column(i18n.t("collect.col.deployment", lang), fields["deployment"], "int"),
        Column(i18n.t("collect.col.strategy", lang), fields["strategy"], "int"),
        Column(i18n.t("collect.col.applications", lang), pd.Series(listed, dtype=object), width=60),
    ]
    book.data_sheet(i18n.sheet_name("collect", lang), columns, freeze_cols=1)
