"""LibreOffice opens the roadmap workbook and converts every sheet to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from roadmap_factory import HOSTILE, make_assessment

from cloudfit.roadmap import SHEETS, write_roadmap

pytestmark = pytest.mark.soffice


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.timeout(180)
def test_libreoffice_converts_the_vietnamese_roadmap_to_pdf(tmp_path):
    workbook = tmp_path / "roadmap.xlsx"
    write_roadmap(make_assessment(HOSTILE[:5]), workbook, lang="vi")
    profile = tmp_path / "profile"
    completed = subprocess.run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=170,
        check=False,
    )
    pdf = tmp_path / "roadmap.pdf"
    assert completed.returncode == 0, completed.stderr
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 10_000


# Pages LibreOffice may print per sheet of the sample's workbook (238 applications, 13 waves):
# the data sheets page down their rows, every other sheet (DEFAULT_PAGES) is a page or three.
# The sample plans about a hundred waves (one workstream per agency, in parallel): the roadmap and the
# wave list take a page or two more than a strictly serial plan did, and so does the budget by wave.
MAX_PAGES = {"summary": 2, "roadmap": 5, "applications": 9, "explanations": 10, "waves": 2, "move_groups": 2,
             "dependencies": 10, "decommission": 1, "budget": 10, "costs": 5, "findings": 2, "model": 3,
             "robustness": 9, "sensitivity": 2, "servers": 1, "collect": 3}  # fmt: skip
DEFAULT_PAGES = 3


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed",
)
@pytest.mark.timeout(480)
def test_the_samples_workbook_prints_landscape_on_a_few_pages_per_sheet(tmp_path):
    import datetime as dt
    import io
    from collections import Counter
    from pathlib import Path

    from pypdf import PdfReader

    from cloudfit import i18n
    from cloudfit.assessment import assess
    from cloudfit.inventory import load_inventory
    from cloudfit.options import AssessOptions
    from cloudfit.scoring_model import load_model

    sample = Path(__file__).resolve().parents[2] / "app_inventories" / "sample_vietnam.xlsx"
    result = assess(load_inventory(sample), load_model("default"), AssessOptions(as_of=dt.date(2025, 9, 1)))
    workbook = tmp_path / "roadmap.xlsx"
    write_roadmap(result, workbook, lang="en")
    subprocess.run(
        [shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook)],
        capture_output=True, timeout=470, check=True,
    )  # fmt: skip
    pages = PdfReader(io.BytesIO((tmp_path / "roadmap.pdf").read_bytes())).pages
    assert all(page.mediabox.width > page.mediabox.height for page in pages)  # landscape
    keys = [key for key, _ in SHEETS]
    names = {i18n.sheet_name(key, "en"): key for key in keys}
    # pdftotext (poppler, C) reads the 30-odd pages in a blink; pypdf takes minutes on a busy machine.
    dumped = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "roadmap.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    texts = [text.strip() for text in dumped.stdout.split("\f")[: len(pages)]]
    # The running header names the sheet at its right: every page belongs to one.
    sheet_of = [
        next((key for name, key in names.items() if text.splitlines()[0].endswith(name)), text[:80])
        for text in texts
    ]
    counts = Counter(sheet_of)
    assert set(counts) == set(keys)
    assert {key: n for key, n in counts.items() if n > MAX_PAGES.get(key, DEFAULT_PAGES)} == {}
    assert all(re.search(r"Page \d+ of \d+", text) for text in texts)  # the footer
    gantt = [text for text, key in zip(texts, sheet_of) if key == "roadmap"]
    assert "Legend" in gantt[0] and "Wave 1 (pilot)" in gantt[0]
    first_app = result.plan.waves["app_ids"].iloc[0][0]
    assert first_app in gantt[0]  # names print beside the grid
