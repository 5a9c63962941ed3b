"""The readiness heat map: one cell per agency × theme, the rating's own colour, the score as its text."""

from __future__ import annotations

from pathlib import Path

from cloudfit import i18n
from cloudfit.charts import readiness_heatmap
from cloudfit.readiness import load_questionnaire
from cloudfit.readiness.reader import read_readiness
from cloudfit.vocabulary import BANDS

SAMPLE = Path(__file__).resolve().parents[2] / "app_inventories" / "sample_readiness.xlsx"


def _colour_at(scale: list, level: int) -> str:
    """The colour a discrete scale gives to `level` of 0..4 (zmin -0.5, zmax 4.5)."""
    where = (level + 0.5) / len(BANDS)
    return next(colour for (low, colour), (high, _) in zip(scale[::2], scale[1::2]) if low <= where <= high)


def test_each_cell_has_its_rating_colour_and_score() -> None:
    result = read_readiness(load_questionnaire(), SAMPLE)
    heat = readiness_heatmap(result, "vi").data[0]
    assert list(heat.y) == [a.agency for a in result.agencies]
    assert heat.x[0] == "Lãnh đạo và quản trị"
    for row, agency in enumerate(result.agencies):
        for col, theme in enumerate(agency.themes):
            level = heat.z[row][col]
            assert BANDS[level] == theme.rating
            assert _colour_at([list(s) for s in heat.colorscale], level) == i18n.BAND_COLOURS[theme.rating]
            assert heat.text[row][col] == f"{theme.score:g}"
