"""What data is worth collecting: a missing field counts only where some value of it changes the result."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cloudfit.collect import what_to_collect
from cloudfit.fields import FIELDS_BY_NAME
from cloudfit.inventory import load_inventory
from cloudfit.scoring import score
from cloudfit.scoring_model import load_model

AS_OF = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def inventory(tmp_path_factory):
    path = tmp_path_factory.mktemp("c") / "apps.csv"
    rows = [
        "app_id;name;owner_agency;security_level;state_secret",
        "A;Cổng thông tin;Bộ X;2;",
        "B;Lưu trữ mật;Bộ X;;tuyet_mat",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return load_inventory(path)


def test_a_missing_state_secret_could_change_the_deployment_because_secrets_stay_on_premises(inventory):
    advice = what_to_collect(inventory.applications, load_model("default"), as_of=AS_OF)
    per_app = advice.applications.set_index("app_id")
    assert "state_secret" in per_app.loc["A", "deployment_fields"].split("; ")
    # B is classified 'Tuyệt mật': the law keeps it on premises and retained whatever else is collected
    assert per_app.loc["B", "deployment_fields"] is None and per_app.loc["B", "strategy_fields"] is None
    fields = advice.fields.set_index("field")
    assert fields.loc["state_secret", ["missing", "deployment"]].tolist() == [1, 1]
    assert fields.loc["security_level", "missing"] == 1 and fields.loc["security_level", "could_change"] == 0


def test_the_stacked_run_agrees_with_scoring_each_value_on_its_own(inventory):
    model = load_model("default")
    apps = inventory.applications
    advice = what_to_collect(apps, model, as_of=AS_OF).fields.set_index("field")
    base = score(apps, model, as_of=AS_OF).table
    for field in ("architecture", "hosting", "connectivity"):
        changed = pd.Series(False, index=apps.index)
        for value in FIELDS_BY_NAME[field].allowed:
            trial = apps.assign(**{field: value})
            table = score(trial, model, as_of=AS_OF).table
            changed |= (table["deployment"] != base["deployment"]) | (table["strategy"] != base["strategy"])
        assert advice.loc[field, "could_change"] == int((changed & apps[field].isna()).sum())
