"""Imported once by the sandbox's fork server: loads and warms the reading stage before any fork.

Importing is not enough: pandas, the header vocabularies and the value
parsers build caches on first use, which cost a fresh child several hundred
milliseconds. Reading one tiny inventory here fills them once, in the
server, so every child forked from it starts warm.

A child would also run the parent's main module again (multiprocessing's
"main fixup": the `streamlit` launcher, or the app script itself, which
Streamlit installs as `__main__` while it runs). The tasks of this server's
children live in cloudfit's modules (`cloudfit.sandbox`, `cloudfit.background`),
never in `__main__`, so it turns the fixup off for every child it forks.
"""

from __future__ import annotations

import io
from multiprocessing import spawn

import pandas as pd

from cloudfit.inventory import load_inventory
from cloudfit.inventory.limits import Limits


def _warm() -> None:
    frame = pd.DataFrame(
        {
            "app_id": ["W1", "W2"],
            "name": ["Cổng dịch vụ công", "Quản lý văn bản"],
            "owner_agency": ["Bộ Khoa học và Công nghệ", "Bộ Tài chính"],
            "criticality": ["Cao", "Thấp"],
            "users": [1200, 30],
            "go_live_date": ["2015-01-01", "2020-06-30"],
        }
    )
    with io.BytesIO() as buffer:
        with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
            frame.to_excel(writer, index=False, sheet_name="Applications")
        load_inventory(buffer.getvalue(), filename="warm-up.xlsx", limits=Limits())
    load_inventory(frame.to_csv(index=False).encode(), filename="warm-up.csv")


def _no_main_fixup() -> None:
    spawn._fixup_main_from_path = lambda main_path: None
    spawn._fixup_main_from_name = lambda mod_name: None


_no_main_fixup()
_warm()
