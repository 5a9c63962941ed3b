"""Systems outside the inventory: a dependency on one is kept as an external node, not dropped.

A link whose application is in the inventory but whose target is not names
an external system (a national platform, another ministry's system, or a
typo). The dependency table keeps only links between applications of the
inventory; this table keeps the others, so the graph can show them and the
count of hybrid links can include them. Each is also a finding
(`dependency-unknown-app`), which asks to correct the ID if it is a typo.
"""

from __future__ import annotations

import pandas as pd

EXTERNAL_COLUMNS = ("app_id", "system", "source_sheet", "source_row")


def external_links(links: pd.DataFrame, applications: pd.DataFrame) -> pd.DataFrame:
    """One row per (application, outside system), first source kept, in input order."""
    if links.empty:
        return pd.DataFrame(
            {name: pd.Series(dtype="int64" if name == "source_row" else object) for name in EXTERNAL_COLUMNS}
        )
    known = dict(zip(applications["app_id"].str.casefold(), applications["app_id"], strict=True))
    app_id = links["app_id"].str.casefold().map(known)
    outside = (
        app_id.notna() & links["depends_on"].notna() & links["depends_on"].str.casefold().map(known).isna()
    )
    table = pd.DataFrame(
        {
            "app_id": app_id[outside].to_numpy(dtype=object),
            "system": links.loc[outside, "depends_on"].str.strip().to_numpy(dtype=object),
            "source_sheet": links.loc[outside, "source_sheet"].to_numpy(dtype=object),
            "source_row": links.loc[outside, "source_row"].to_numpy(dtype="int64"),
        }
    )
    key = table["app_id"].str.casefold() + "\0" + table["system"].str.casefold()
    return table[~key.duplicated()].reset_index(drop=True)
