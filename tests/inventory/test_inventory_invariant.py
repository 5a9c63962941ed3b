"""Property: every non-blank row read is either accepted or rejected with an error naming its row."""

from __future__ import annotations

import io

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from inventory_files import HEADER

from cloudfit.inventory import load_inventory

IDS = st.one_of(
    st.none(),
    st.just(""),
    st.just("  "),
    st.sampled_from(["A1", "a1", "B2", "C3", "Đ4", "x"]),
    st.text(alphabet="ABCĐÊ0123-_ ", min_size=1, max_size=6),
)
VALUES = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["Cao", "x", "1.200", "Không", "??", "3"]),
    st.integers(-5, 5000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
ROW = st.tuples(IDS, VALUES, VALUES, VALUES, VALUES)


def _workbook(rows, fmt: str) -> tuple[bytes, str]:
    frame = pd.DataFrame(rows, columns=[*HEADER, "criticality", "users"])
    buffer = io.BytesIO()
    if fmt == "csv":
        frame.to_csv(buffer, index=False, sep=";")
    else:
        with pd.ExcelWriter(
            buffer, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_numbers": False}}
        ) as writer:
            frame.to_excel(writer, index=False, sheet_name="Applications")
    return buffer.getvalue(), f"gen.{fmt}"


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@given(rows=st.lists(ROW, min_size=0, max_size=25), fmt=st.sampled_from(["csv", "xlsx"]))
def test_rows_read_equals_accepted_plus_rejected_and_each_rejection_is_named(rows, fmt):
    data, name = _workbook(rows, fmt)
    inventory = load_inventory(data, filename=name)
    expected_read = sum(not all(_blank(v) for v in row) for row in rows)
    assert inventory.rows_read == expected_read
    assert inventory.rows_read == inventory.accepted + inventory.rejected
    rejected_rows = {
        f.row
        for f in inventory.findings
        if f.severity == "error" and f.code in ("missing-app-id", "duplicate-app-id")
    }
    assert len(rejected_rows) == inventory.rejected
    accepted_rows = set(inventory.applications["source_row"])
    assert not rejected_rows & accepted_rows
    ids = inventory.applications["app_id"]
    assert ids.notna().all() and not ids.str.casefold().duplicated().any()


LAYOUT = st.lists(
    st.sampled_from(["app", "app", "app", "blank", "header", "legend"]), min_size=0, max_size=25
)
LONG = [*HEADER, "criticality", "users"]


@given(layout=LAYOUT, title=st.booleans(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_no_row_is_lost_around_repeated_headers_legends_and_titles(layout, title, fmt):
    """Each application row is read; each header-like row is a finding naming it; nothing else is counted."""
    rows: list[list] = [["DANH SÁCH HỆ THỐNG", None, None, None, None]] if title else []
    rows.append(list(LONG))
    expected_ids, header_rows = [], []
    for i, kind in enumerate(layout):
        if kind == "app":
            rows.append([f"A{i}", f"App {i}", "Bộ Tài chính", "Cao", i])
            expected_ids.append(f"A{i}")
        elif kind == "blank":
            rows.append([None] * 5)
        else:
            rows.append(
                list(LONG) if kind == "header" else ["Mã hệ thống", "Tên hệ thống", "Đơn vị", None, None]
            )
            header_rows.append(len(rows))
    frame = pd.DataFrame(rows)
    buffer = io.BytesIO()
    if fmt == "csv":
        frame.to_csv(buffer, index=False, header=False)
    else:
        with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
            frame.to_excel(writer, index=False, header=False, sheet_name="Applications")
    inventory = load_inventory(buffer.getvalue(), filename=f"gen.{fmt}")
    assert list(inventory.applications["app_id"]) == expected_ids
    assert inventory.rows_read == len(expected_ids) and inventory.rejected == 0
    repeated = sorted(f.row for f in inventory.findings if f.code == "repeated-header-row")
    assert repeated == header_rows
