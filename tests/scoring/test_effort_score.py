"""The effort score restates the person-days on 0-100: monotone, one quarter per T-shirt size."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cloudfit.scoring.effort import effort_score_of
from cloudfit.scoring_model import load_model

SIZES = load_model("default").effort.sizes  # M 40, L 120, XL 300


def test_effort_score_of_default_sizes_as_worked_out_by_hand():
    # S: 25 x d / 40; M: 25 + 25 x (d - 40) / 80; L: 50 + 25 x (d - 120) / 180; XL: 100 - 25 x 300 / d
    days = np.array([0.0, 20.0, 40.0, 80.0, 120.0, 200.0, 300.0, 600.0, 3000.0])
    assert effort_score_of(days, SIZES).tolist() == [0.0, 12.5, 25.0, 37.5, 50.0, 61.11, 75.0, 87.5, 97.5]


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=2, max_size=50))
def test_more_person_days_never_score_lower_and_the_score_stays_below_100(days):
    x = np.sort(np.round(np.array(days), 1))
    scores = effort_score_of(x, SIZES)
    assert (np.diff(scores) >= 0).all()
    assert ((scores >= 0) & (scores < 100)).all()


@given(st.integers(min_value=0, max_value=200_000))
def test_the_score_quarter_is_the_size(tenths):
    days = np.array([tenths / 10])
    size = int(np.searchsorted([SIZES.M, SIZES.L, SIZES.XL], days, side="right")[0])
    assert min(int(effort_score_of(days, SIZES)[0] // 25), 3) == size
