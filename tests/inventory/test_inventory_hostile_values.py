"""Values that cannot be held faithfully (overflowing or infinite numbers, NUL bytes) become findings."""

from __future__ import annotations

import io
import os
import threading

import pytest
from inventory_files import HEADER, csv_text

from cloudfit.errors import InputError
from cloudfit.inventory import Limits, load_inventory


def _load(rows) -> object:
    return load_inventory(csv_text([[*HEADER, "users"], *rows]).encode(), filename="values.csv")


def test_a_number_too_large_for_a_float_is_a_finding_not_a_silent_blank():
    inventory = _load([["A1", "One", "Bộ Tài chính", "1" + "0" * 400], ["A2", "Two", "Bộ Tài chính", "12"]])
    flagged = [f for f in inventory.findings if f.code == "invalid-value" and f.column == "users"]
    assert [f.row for f in flagged] == [2]
    users = inventory.applications["users"]
    assert users.isna().iloc[0] and users.iloc[1] == 12


def test_infinity_written_as_text_is_a_finding():
    inventory = _load([["A1", "One", "Bộ Tài chính", "inf"], ["A2", "Two", "Bộ Tài chính", "1e999"]])
    rows = sorted(f.row for f in inventory.findings if f.code == "invalid-value" and f.column == "users")
    assert rows == [2, 3]
    assert inventory.applications["users"].isna().all()


def test_a_nul_byte_does_not_cut_a_csv_value_and_is_reported():
    data = "app_id,name,owner_agency\nA1,Cổng\x00 dịch vụ công,Bộ Tài chính\nA2,Two,Bộ Tài chính\n".encode()
    inventory = load_inventory(data, filename="nul.csv")
    names = list(inventory.applications["name"])
    assert names[0] == "Cổng\ufffd dịch vụ công" and names[1] == "Two"
    nul = [f for f in inventory.findings if f.code == "nul-character"]
    assert len(nul) == 1 and nul[0].row == 2 and "lines 2" in nul[0].message


def test_a_csv_read_from_a_stream_or_a_pipe_beyond_the_size_limit_is_refused_not_truncated(tmp_path):
    data = csv_text([HEADER, *[[f"A{i}", "x", "y"] for i in range(200)]]).encode()
    with pytest.raises(InputError, match=r"larger than the limit"):
        load_inventory(io.BytesIO(data), filename="stdin", limits=Limits(max_bytes=len(data) - 1))
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as pipe:
                pipe.write(data)
        except OSError:
            pass  # the reader stopped at the limit

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(InputError, match=r"larger than the limit"):
        load_inventory(fifo, limits=Limits(max_bytes=len(data) // 2))
    writer.join(10)
