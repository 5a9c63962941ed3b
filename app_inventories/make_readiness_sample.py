"""Generate the bundled sample readiness questionnaires, deterministically.

    python app_inventories/make_readiness_sample.py [OUT_DIR]

writes `sample_readiness.xlsx`: the questionnaire of
`scoring_models/readiness/default.yaml` filled in for five agencies of
`sample_vietnam.xlsx`, each with its own profile, chosen so that every gate
of the questionnaire acts on the sample's wave plan:

- Bộ Khoa học và Công nghệ: ready almost everywhere, with evidence.
- Bộ Tài chính: strong on money and procurement, but security-level
  dossiers approved for under half of its systems (its level-3+ systems wait).
- Bộ Xây dựng: no route to rent cloud services and no budget line yet (its
  public and hybrid systems wait for procurement).
- Văn phòng UBND Thành phố Hà Nội: no cloud-trained staff and high turnover
  (a Red skills theme: slower migrations, no pilot from it).
- Văn phòng UBND tỉnh Quảng Ninh: a questionnaire half filled in (gaps,
  low confidence).

The answers are illustrative, not any agency's real situation. No random
numbers: the profiles are written out, and the workbook's bytes are the same
on every run.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cloudfit.readiness import Given, load_questionnaire  # noqa: E402
from cloudfit.readiness.template import questionnaire_bytes  # noqa: E402

OUT = "sample_readiness.xlsx"

# The answers of a well-prepared agency; the profiles below change some of them.
READY = {
    "leadership.plan": "approved",
    "leadership.lead": "yes",
    "leadership.unit": "yes",
    "legal.security_dossiers": "all",
    "legal.state_secrets": "yes",
    "legal.personal_data": "most",
    "legal.data_classification": "yes",
    "skills.it_staff": "many",
    "skills.cloud_certified": "many",
    "skills.turnover": "low",
    "infrastructure.network": "all",
    "infrastructure.lgsp": "all",
    "infrastructure.vneid": "yes",
    "infrastructure.dc_age": "under_5",
    "security.monitoring": "yes",
    "security.incident": "yes",
    "security.dr": "tested",
    "data.catalogue": "yes",
    "data.owners": "all",
    "data.reference": "partial",
    "funding.baseline": "yes",
    "funding.budget_line": "yes",
    "procurement.route": "in_place",
    "procurement.experience": "yes",
}
PROFILES: dict[str, dict[str, str | None]] = {
    "Bộ Khoa học và Công nghệ": {},
    "Bộ Tài chính": {
        "legal.security_dossiers": "under_half",
        "legal.personal_data": "under_half",
        "security.dr": "planned",
        "skills.cloud_certified": "some",
        "infrastructure.dc_age": "5_to_10",
    },
    "Bộ Xây dựng": {
        "leadership.plan": "drafted",
        "procurement.route": "none",
        "procurement.experience": "no",
        "funding.budget_line": "planned",
        "funding.baseline": "partial",
        "data.catalogue": "partial",
        "data.owners": "under_half",
        "infrastructure.lgsp": "most",
    },
    "Văn phòng UBND Thành phố Hà Nội": {
        "skills.it_staff": "few",
        "skills.cloud_certified": "none",
        "skills.turnover": "high",
        "security.monitoring": "partial",
        "security.incident": "partial",
        "infrastructure.dc_age": "over_10",
        "leadership.unit": "partial",
    },
    "Văn phòng UBND tỉnh Quảng Ninh": {
        "leadership.plan": "drafted",
        "leadership.lead": "yes",
        "leadership.unit": None,
        "legal.security_dossiers": "most",
        "legal.state_secrets": None,
        "legal.personal_data": None,
        "legal.data_classification": None,
        "skills.it_staff": "some",
        "skills.cloud_certified": "few",
        "skills.turnover": None,
        "security.monitoring": None,
        "security.incident": "partial",
        "security.dr": None,
        "data.catalogue": None,
        "data.owners": None,
        "data.reference": None,
        "funding.baseline": None,
        "funding.budget_line": "planned",
    },
}
# Evidence as an agency would cite it; a few answers of each profile come without evidence.
NO_EVIDENCE = {"Văn phòng UBND tỉnh Quảng Ninh": {"leadership.plan", "legal.security_dossiers"}}


def sample_answers() -> dict[str, dict[str, Given]]:
    """The five agencies' answers."""
    answers: dict[str, dict[str, Given]] = {}
    for number, (agency, changes) in enumerate(PROFILES.items(), start=1):
        given = {}
        for index, (question, code) in enumerate({**READY, **changes}.items(), start=1):
            if code is None:
                continue
            evidence = (
                "" if question in NO_EVIDENCE.get(agency, ()) else f"Văn bản số {number}{index:02d}/2025"
            )
            given[question] = Given(question, code, evidence)
        answers[agency] = given
    return answers


def main(out_dir: Path) -> None:
    (out_dir / OUT).write_bytes(questionnaire_bytes(load_questionnaire(), sample_answers()))
    print(f"wrote {out_dir / OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
