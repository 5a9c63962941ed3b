"""LibreOffice opens the roadmap workbook and converts every sheet to PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from roadmap_factory import HOSTILE, make_assessment

from cloudfit.roadmap import write_roadmap

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
