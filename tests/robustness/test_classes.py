"""Applications grouped into classes by one packed integer key: the same classes, representatives and
order as sorting the rows of key columns (np.unique over rows), also where the packing must re-rank."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudfit.robustness.passes import packed


@st.composite
def key_columns(draw: st.DrawFn) -> list[np.ndarray]:
    n = draw(st.integers(1, 60))
    columns = []
    for _ in range(draw(st.integers(1, 12))):
        top = draw(st.sampled_from([0, 1, 4, 50, 2**20, 2**40]))  # wide keys force re-ranking
        values = draw(st.lists(st.integers(-1, top), min_size=n, max_size=n))
        columns.append(np.array(values, dtype=np.int64))
    return columns


@settings(max_examples=200)
@given(keys=key_columns())
def test_packed_keys_group_and_order_rows_as_their_columns_do(keys):
    _, first, inverse = np.unique(packed(keys), return_index=True, return_inverse=True)
    _, first_rows, inverse_rows = np.unique(
        np.column_stack(keys), axis=0, return_index=True, return_inverse=True
    )
    assert np.array_equal(first, first_rows)
    assert np.array_equal(inverse.reshape(-1), inverse_rows.reshape(-1))
