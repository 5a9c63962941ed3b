"""The briefing PDF: Vietnamese letters intact, no English left, figures that agree with the summary."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from english import english_sentences
from pypdf import PdfReader

from cloudfit import formatting as fmt
from cloudfit import i18n
from cloudfit.assessment import assess
from cloudfit.brief import agencies, brief_figures, brief_pdf
from cloudfit.brief.figures import BriefFigures
from cloudfit.errors import OptionsError
from cloudfit.export import summary
from cloudfit.inventory import load_inventory
from cloudfit.options import AssessOptions
from cloudfit.scoring_model import load_model

SAMPLE = Path(__file__).resolve().parents[2] / "app_inventories" / "sample_vietnam.xlsx"


@pytest.fixture(scope="module")
def assessment():
    return assess(load_inventory(SAMPLE), load_model("default"), AssessOptions(as_of=dt.date(2025, 9, 1)))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def vietnamese(assessment) -> bytes:
    return brief_pdf(assessment, "vi")


def test_vietnamese_brief_keeps_every_diacritic(vietnamese):
    text = pdf_text(vietnamese)
    for phrase in ("Báo cáo tóm tắt", "Quyết định 1121/QĐ-TTg", "Mức sẵn sàng", "Vàng/Xanh", "Việc cần làm"):
        assert phrase in text
    assert "ngày 11/6/2025" in text and "01/09/2025" in text  # dates day first


def test_vietnamese_brief_has_no_english_sentence(vietnamese):
    assert english_sentences([pdf_text(vietnamese)]) == []


def test_brief_states_the_summary_figures_and_the_target_verdict(assessment, vietnamese):
    figures = summary(assessment)
    english = pdf_text(brief_pdf(assessment, "en"))
    n, cloud = figures["applications"], figures["cloud_eligible"]
    verdict = "Target met" if figures["cloud_target_met"] else "Target not met"
    assert f"{verdict}: {cloud:,} of {n:,} applications" in english
    assert f"{cloud:,} ({cloud / n:.1%})" in english
    text = pdf_text(vietnamese)
    assert f"{fmt.number(cloud, 'vi')}/{fmt.number(n, 'vi')} ứng dụng" in text
    days = fmt.number(brief_figures(assessment).person_days, "vi")
    assert "." in days and f"{days}\n" in text  # thousands with a dot: 16.279


def test_portfolio_brief_lists_agencies_and_findings(assessment):
    text = pdf_text(brief_pdf(assessment, "en"))
    figures = brief_figures(assessment)
    top = figures.agencies["agency"].iloc[0]
    assert top in text and "All other agencies" in text  # the sample has more than 16 agencies
    assert figures.agencies["n_apps"].sum() == figures.applications
    first = figures.findings.iloc[0]
    assert i18n.t(f"finding.{first['code']}.title", "en") in text


def test_agency_brief_counts_only_that_agency(assessment):
    names = agencies(assessment)
    per_agency = [brief_figures(assessment, name) for name in names]
    assert sum(f.applications for f in per_agency) == len(assessment.results)
    assert sum(f.cloud for f in per_agency) == summary(assessment)["cloud_eligible"]
    one = per_agency[0]
    assert (
        one.waves["n_apps"].sum()
        == assessment.results.loc[assessment.results["owner_agency"].eq(names[0]), "wave"].notna().sum()
    )
    text = pdf_text(brief_pdf(assessment, "vi", names[0]))
    assert names[0] in text and "Các cơ quan còn lại" not in text


def test_unknown_agency_is_refused_with_the_known_ones(assessment):
    with pytest.raises(OptionsError, match="No application of agency"):
        brief_pdf(assessment, "en", "Bộ Không Có")


def test_the_same_assessment_gives_the_same_bytes(assessment, vietnamese):
    assert brief_pdf(assessment, "vi") == vietnamese


@pytest.mark.parametrize(
    ("n", "cloud", "gap", "met"),
    [(10, 6, 1, False), (10, 7, 0, True), (3, 2, 1, False), (1498, 1048, 1, False), (1498, 1049, 0, True)],
)
def test_gap_to_the_target_is_worked_out_by_hand(n, cloud, gap, met):
    # 70% of 10 is 7; of 3 is 2.1 -> 3; of 1,498 is 1,048.6 -> 1,049.
    figures = BriefFigures(None, n, 0, cloud, cloud / n, 0.7, 0, 0.0, 0, {}, {}, {}, None, None, None, 0)
    assert (figures.gap, figures.target_met) == (gap, met)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_pdftoppm_renders_every_page(vietnamese, tmp_path):
    source = tmp_path / "brief.pdf"
    source.write_bytes(vietnamese)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(source), str(tmp_path / "page")], check=True, timeout=60
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(vietnamese)).pages) >= 2


def test_application_brief_is_one_page_with_the_decisions_in_plain_words(assessment):
    from cloudfit.brief import application_pdf

    results = assessment.results
    row = results.loc[results["deployment_basis"].str.contains("[Decree", regex=False)].iloc[0]
    data = application_pdf(assessment, row["app_id"], "vi")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = pdf_text(data)
    assert row["app_id"] in text and "Áp dụng khi" in text and "Nghị định" in text
    assert "Cơ sở (chính sách" in text  # a policy rule's rationale is not called a legal basis
    assert english_sentences([text]) == []
    secret = results.loc[results["deployment_kind"] == "law"].iloc[0]  # a state secret: Law 29/2018, Art. 5
    text = " ".join(pdf_text(application_pdf(assessment, secret["app_id"], "vi")).split())
    assert "Căn cứ pháp lý: [Luật Bảo vệ bí mật nhà nước số 29/2018/QH14, Điều 5 khoản 5" in text
    assert english_sentences([text]) == []
    with pytest.raises(OptionsError, match="No application"):
        application_pdf(assessment, "NOPE-1", "en")
