"""The README's sample summary is what `assess` prints for the sample today."""

from __future__ import annotations

import re
from pathlib import Path

from cloudfit.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_sample_summary_is_reproduced_by_a_run(capsys) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- sample-summary -->\n```text\n(.*?)```\n<!-- /sample-summary -->", readme, re.S)
    assert block, "README.md has no sample-summary block"
    documented = block.group(1).splitlines()
    assert (
        main(["assess", str(ROOT / "app_inventories" / "sample_vietnam.xlsx"), "--as-of", "2026-11-30"]) == 0
    )
    printed = capsys.readouterr().out.splitlines()
    assert documented == printed[2 : 2 + len(documented)]
