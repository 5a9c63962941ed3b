"""Systems outside the inventory: a dependency on one is kept as an external link, not dropped.

A link whose application is in the inventory but whose target is not names
an external system (a national platform, another ministry's system, or a
typo). The dependency table keeps only links between applications of the
inventory; this table keeps the others, so the graph can show them, the
count of hybrid links can include them, and a workspace that assesses
several agencies' inventories as one can resolve them against the other
agencies' applications. Each is also a finding (`dependency-unknown-app`),
which asks to correct the ID if it is a typo.
"""

from __future__ import annotations

import pandas as pd

from cloudfit.inventory.links import ResolvedIds, resolve_ids

EXTERNAL_COLUMNS = ("app_id", "depends_on", "coupling", "notes", "source_sheet", "source_row")


def external_links(
    links: pd.DataFrame, applications: pd.DataFrame, resolved: ResolvedIds | None = None
) -> pd.DataFrame:
    """One row per (application, outside system), first source kept, in input order.

    `resolved` is `resolve_ids(links, applications)` when already made.
    """
    if links.empty:
        return pd.DataFrame(
            {name: pd.Series(dtype="int64" if name == "source_row" else object) for name in EXTERNAL_COLUMNS}
        )
    ids = resolved or resolve_ids(links, applications)
    app_id = ids.app_id
    outside = app_id.notna() & links["depends_on"].notna() & ids.depends_on.isna()
    table = links.loc[outside].reindex(columns=list(EXTERNAL_COLUMNS))
    table = table.assign(app_id=app_id[outside], depends_on=table["depends_on"].str.strip())
    table["source_row"] = table["source_row"].astype("int64")
    table["notes"] = table["notes"].astype(object).where(table["notes"].notna(), None)
    key = table["app_id"].str.casefold() + "\0" + table["depends_on"].str.casefold()
    return table[~key.duplicated()].reset_index(drop=True)
