"""The JSON, the workbook, the CLI and the app show the same costs."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

import cloudfit
from cloudfit.cli import main
from cloudfit.cost import COST_COLUMNS
from cloudfit.export import to_json
from cloudfit.roadmap import roadmap_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"


@pytest.fixture(scope="module")
def sample() -> cloudfit.Assessment:
    options = cloudfit.AssessOptions(as_of=dt.date(2026, 11, 30))
    return cloudfit.assess(cloudfit.load_inventory(SAMPLE), cloudfit.load_model("default"), options)


def test_json_carries_each_applications_cost_and_the_budget(sample: cloudfit.Assessment) -> None:
    document = to_json(sample)
    first = document["applications"][0]
    assert list(first["cost"]) == list(COST_COLUMNS)
    row = sample.costs.applications.iloc[0]
    assert first["cost"]["migration_once"] == pytest.approx(row["migration_once"], abs=0.01)
    drivers = first["explanation"]["cost"]
    assert sum(drivers["once"].values()) == pytest.approx(first["cost"]["migration_once"], abs=0.05)
    budget = document["summary"]["budget"]
    assert set(budget[0]) == {"year", "agency", "migration_once", "run_current", "run_target", "scenario"}
    assert {r["scenario"] for r in budget} == {"low", "expected", "high"}
    assert document["cost_model"]["name"] == "default"


def test_the_budget_sheet_agrees_with_the_json(sample: cloudfit.Assessment) -> None:
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(sample)), read_only=True)
    rows = list(book["Budget"].iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r[0] == "Fiscal year")
    header = rows[header_at]
    column = header.index("One-off migration (million VND) (expected)")
    years = []
    for r in rows[header_at + 1 :]:
        if not isinstance(r[0], int):
            break
        years.append((r[0], r[column]))
    expected = sample.costs.budget[sample.costs.budget["scenario"].eq("expected")]
    by_year = expected.groupby("year")["migration_once"].sum()
    assert [y for y, _ in years] == by_year.index.tolist()
    assert [v for _, v in years] == pytest.approx(by_year.tolist(), abs=0.05)
    costs = list(book["Costs"].iter_rows(values_only=True))
    assert len(costs) == len(sample.results) + 1


def test_the_vietnamese_workbook_names_its_money_in_vietnamese(sample: cloudfit.Assessment) -> None:
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(sample, lang="vi")), read_only=True)
    assert "Dự toán" in book.sheetnames and "Chi phí" in book.sheetnames
    first = next(book["Dự toán"].iter_rows(values_only=True))
    assert first[0] == "Dự toán chuyển đổi theo năm ngân sách"


def test_assess_takes_a_cost_model_and_prints_the_cost(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    model = tmp_path / "costs.yaml"
    text = (ROOT / "scoring_models" / "costs" / "default.yaml").read_text(encoding="utf-8")
    model.write_text(text.replace("vendor: 3.0", "vendor: 6.0"), encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["assess", str(SAMPLE), "--as-of", "2026-11-30", "--json", str(out)]) == 0
    assert main(["assess", str(SAMPLE), "--as-of", "2026-11-30", "--cost-model", str(model),
                 "--json", str(tmp_path / "dear.json")]) == 0  # fmt: skip
    cheap = json.loads(out.read_text(encoding="utf-8"))
    dear = json.loads((tmp_path / "dear.json").read_text(encoding="utf-8"))
    assert sum(a["cost"]["migration_once"] for a in dear["applications"]) > sum(
        a["cost"]["migration_once"] for a in cheap["applications"]
    )
    assert main(["assess", str(SAMPLE), "--as-of", "2026-11-30"]) == 0
    assert "Cost: one-off" in capsys.readouterr().out


def test_a_broken_cost_model_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    model = tmp_path / "costs.yaml"
    model.write_text("name: x\nday_rates: {in_house: .inf}\n", encoding="utf-8")
    assert main(["assess", str(SAMPLE), "--cost-model", str(model)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cloudfit: The cost model costs.yaml is invalid")
    assert "Traceback" not in err


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_briefing_pdf_carries_the_budget_by_fiscal_year(sample: cloudfit.Assessment, lang: str) -> None:
    from pypdf import PdfReader

    from cloudfit import formatting as fmt
    from cloudfit import i18n
    from cloudfit.brief import brief_pdf

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(brief_pdf(sample, lang))).pages)
    text = " ".join(text.split())
    assert i18n.t("brief.section.budget", lang) in text
    expected = sample.costs.budget[sample.costs.budget["scenario"].eq("expected")]
    first_year = expected.groupby("year")["migration_once"].sum().iloc[0]
    assert fmt.number(float(first_year), lang) in text
    total = expected["migration_once"].sum()
    assert fmt.number(float(total), lang) in text  # the expected scenario's one-off total


def test_the_budget_sheet_lists_every_wave_with_its_one_off_cost(sample: cloudfit.Assessment) -> None:
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(sample)), read_only=True)
    rows = list(book["Budget"].iter_rows(values_only=True))
    title_at = next(i for i, r in enumerate(rows) if r[0] == "By wave (expected scenario)")
    header = rows[title_at + 1]
    column = header.index("One-off migration (million VND)")
    waves = [r for r in rows[title_at + 2 :] if r[0]]
    assert len(waves) == len(sample.plan.waves)
    assert sum(r[column] for r in waves) == pytest.approx(
        sample.costs.applications["migration_once"][sample.results["wave"].notna()].sum(), abs=0.5
    )
