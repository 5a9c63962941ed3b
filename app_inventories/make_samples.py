"""Generate the bundled sample inventories, deterministically.

    python app_inventories/make_samples.py [OUT_DIR]

writes `sample_vietnam.xlsx` (applications sheet with a title row, Vietnamese
headers and Vietnamese values, plus a dependencies sheet), its CSV twin
`sample_vietnam.csv` (one sheet, links in a `Phụ thuộc` column) and the blank
`template.xlsx`.

The data is illustrative, not official: realistic names of the current
ministries, agencies and provinces (after the 2025 reorganisation) and of the
kinds of systems they run, with values chosen so that every deployment model
and every 7R strategy occurs once scored. A fixed seed and a fixed document
date make the bytes identical on every run, so the committed files can be
checked against a fresh generation.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

from cloudfit.fields import FIELDS, FIELDS_BY_NAME
from cloudfit.template import inert_workbook, write_template

SEED = 20250701
HERE = Path(__file__).resolve().parent
XLSX_NAME = "sample_vietnam.xlsx"
CSV_NAME = "sample_vietnam.csv"
TEMPLATE_NAME = "template.xlsx"
APPLICATIONS_SHEET = "Danh mục hệ thống"
DEPENDENCIES_SHEET = "Phụ thuộc"
TITLE = "DANH MỤC HỆ THỐNG THÔNG TIN CỦA CÁC BỘ, NGÀNH VÀ ĐỊA PHƯƠNG (DỮ LIỆU MINH HỌA, KHÔNG PHẢI SỐ LIỆU CHÍNH THỨC)"
ROW_NUMBER_HEADER = "STT"
DEPENDENCY_HEADERS = ("Mã hệ thống", "Phụ thuộc vào", "Mức độ liên kết", "Ghi chú")
COUPLING_VI = {"tight": "Chặt", "loose": "Lỏng"}
_CREATED = datetime(2025, 7, 1, tzinfo=UTC)

CATALOGUE_FILE = HERE / "sample_catalogue.yaml"
CATALOGUE: Mapping[str, Any] = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
BOOL_VI = {True: "Có", False: "Không"}
# The shared platforms most systems reach.
NDXP, IDENTITY, POPULATION = "BKHCN-001", "BCA-002", "BCA-001"
DVC_PORTAL, DOCUMENT_AXIS, GOV_REPORTING = "VPCP-001", "VPCP-003", "VPCP-002"
LAND_DATABASE = "BNNMT-001"
_CROSS_AGENCY_HUBS = (NDXP, NDXP, POPULATION, GOV_REPORTING)
# Fields agencies often leave blank; never the ones that decide a profile's outcome.
_BLANKABLE = (
    "description",
    "vendor",
    "users",
    "data_size_gb",
    "peak_to_average_load",
    "year_deployed",
    "license_expiry",
    "hardware_refresh_due",
    "annual_cost",
    "documentation",
    "automated_tests",
    "team_cloud_skills",
    "servers",
)
_KEEP: Mapping[str, tuple[str, ...]] = {
    "refactor": ("peak_to_average_load", "automated_tests", "team_cloud_skills", "documentation"),
    "public": ("automated_tests", "team_cloud_skills", "documentation"),
}
Entry = tuple[str, str, str, str, Mapping[str, Any]]
Link = tuple[str, str, str, str]


def _pick(rng: random.Random, value: object) -> object:
    """A list in the catalogue is a choice; anything else is the value."""
    return rng.choice(value) if isinstance(value, list) else value


def _round_sig(value: float) -> float:
    """Two significant digits, as people estimate sizes and costs."""
    if value <= 0:
        return 0.0
    digits = len(str(int(value))) - 2
    return float(round(value, -digits)) if digits > 0 else round(value, 1)


def _entry(row: Sequence[Any]) -> Entry:
    app_id, name, profile, domain, *overrides = row
    return app_id, name, profile, domain, overrides[0] if overrides else {}


def _province_codes() -> set[str]:
    return {code for code, _name, _kind in CATALOGUE["provinces"]}


def catalogue() -> list[tuple[Entry, str]]:
    """Every application of the sample with its owner agency, in sheet order."""
    entries = [
        (_entry(row), CATALOGUE["agencies"][row[0].split("-")[0]]) for row in CATALOGUE["ministry_apps"]
    ]
    for index, (code, name, kind) in enumerate(CATALOGUE["provinces"]):
        place = f"{kind.lower()} {name}" if kind == "Tỉnh" else f"{kind} {name}"
        owners = {
            "so": f"Sở Khoa học và Công nghệ {name}",
            "vp": f"Văn phòng UBND {place}",
            "nnmt": f"Sở Nông nghiệp và Môi trường {name}",
        }
        for number, title, profiles, domain, owner, *overrides in CATALOGUE["province_apps"]:
            profile = profiles[index % len(profiles)]
            entry = (
                f"{code}-{number}",
                title.format(p=place),
                profile,
                domain,
                overrides[0] if overrides else {},
            )
            entries.append((entry, owners[owner]))
        for row in CATALOGUE["province_extras"].get(code, ()):
            entries.append((_entry(row), f"UBND {place}"))
    return entries


def build_applications(rng: random.Random) -> list[dict[str, Any]]:
    """One record of canonical field values per application (None where the agency left it blank)."""
    records: list[dict[str, Any]] = []
    for (app_id, name, profile, domain, overrides), owner in catalogue():
        spec = {**CATALOGUE["base"], **CATALOGUE["profiles"][profile], **overrides}
        values = {key: _pick(rng, value) for key, value in spec.items()}
        (servers_lo, servers_hi), (data_lo, data_hi), (users_lo, users_hi) = CATALOGUE["sizes"][
            values.pop("size")
        ]
        record: dict[str, Any] = {"app_id": app_id, "name": name, "owner_agency": owner}
        described = CATALOGUE["descriptions"].get(profile, f"Phục vụ nghiệp vụ {domain.lower()}.")
        record["description"] = described if rng.random() < 0.85 else None
        record["business_domain"] = domain
        record["peak_to_average_load"] = values.pop("peak")
        record.update(values)
        record["servers"] = rng.randint(servers_lo, servers_hi)
        record["data_size_gb"] = _round_sig(data_lo * (data_hi / data_lo) ** rng.random())
        record["users"] = int(_round_sig(users_lo * (users_hi / users_lo) ** rng.random()))
        legacy = profile in ("retire", "replatform", "mainframe", "classified", "special")
        record["year_deployed"] = rng.randint(2004, 2014) if legacy else rng.randint(2012, 2024)
        vendors = CATALOGUE["vendors"]
        record.setdefault("vendor", rng.choice(vendors.get(profile, vendors["default"])))
        record["license_expiry"] = date(rng.randint(2025, 2030), rng.randint(1, 12), rng.randint(1, 28))
        record["hardware_refresh_due"] = date(rng.randint(2025, 2031), rng.randint(1, 12), rng.randint(1, 28))
        record["annual_cost"] = _round_sig(record["servers"] * rng.uniform(40, 160))
        notes = CATALOGUE["notes"].get(profile)
        record["notes"] = rng.choice(notes) if notes and rng.random() < 0.5 else None
        _cut_over_and_review(record, values.get("criticality"))
        # Overrides of drawn numbers (e.g. a handful of users) win, and are never blanked.
        record.update({key: value for key, value in overrides.items() if key in FIELDS_BY_NAME})
        keep = (*_KEEP.get(profile, ()), *overrides)
        for field in _BLANKABLE:
            if field not in keep and rng.random() < 0.08:
                record[field] = None
        records.append({f.name: record.get(f.name) for f in FIELDS if f.name != "depends_on"})
    return records


_DOWNTIME = {
    "mission_critical": ("none", "hours"),
    "high": ("hours", "hours", "days"),
}


def _cut_over_and_review(record: dict[str, Any], criticality: object) -> None:
    """Downtime tolerated and reviewer verification, drawn per application from its own seed.

    A separate generator per app_id keeps every other drawn value as it was
    before these two fields existed.
    """
    own = random.Random(f"{SEED}:{record['app_id']}")
    choices = _DOWNTIME.get(str(criticality), ("days", "days", "hours"))
    record["downtime_tolerance"] = own.choice(choices) if own.random() >= 0.1 else None
    record["verified"] = own.random() < 0.15


def _hub_links(app: Mapping[str, Any]) -> list[Link]:
    """The shared platforms a system reaches, by the kind of system it is."""
    app_id, name = str(app["app_id"]), str(app["name"])
    prefix, _, number = app_id.partition("-")
    if app["connectivity"] == "lan_only":
        return []
    if prefix in _province_codes():
        lgsp = f"{prefix}-001"
        if app_id == lgsp:
            return [
                (app_id, NDXP, "loose", "Kết nối liên thông với NDXP"),
                (app_id, POPULATION, "loose", "Khai thác dữ liệu dân cư"),
            ]
        links = [(app_id, lgsp, "tight" if number == "002" else "loose", "Kết nối qua LGSP")]
        by_number = {
            "002": [
                (IDENTITY, "Xác thực người dùng bằng VNeID"),
                (DVC_PORTAL, "Đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia"),
            ],
            "003": [(DOCUMENT_AXIS, "Liên thông văn bản điện tử")],
            "005": [
                (f"{prefix}-002", "Giám sát tình hình giải quyết hồ sơ"),
                (f"{prefix}-006", "Số liệu điều hành"),
            ],
            "006": [(GOV_REPORTING, "Gửi báo cáo lên Chính phủ")],
            "008": [(LAND_DATABASE, "Đồng bộ dữ liệu đất đai")],
        }
        return links + [(app_id, provider, "loose", note) for provider, note in by_number.get(number, [])]
    if app["lifecycle"] == "decommission_planned":
        return []
    links = []
    if app["citizen_facing"]:
        links.append((app_id, IDENTITY, "loose", "Xác thực người dùng bằng VNeID"))
        if "Cổng dịch vụ công" in name:
            links.append((app_id, DVC_PORTAL, "loose", "Tích hợp với Cổng Dịch vụ công quốc gia"))
            links.append((app_id, NDXP, "loose", "Khai thác dữ liệu qua NDXP"))
    if "văn bản và điều hành" in name:
        links.append((app_id, DOCUMENT_AXIS, "loose", "Liên thông văn bản điện tử"))
    if app["national_database"] or app_id in (GOV_REPORTING, DOCUMENT_AXIS, DVC_PORTAL):
        links.append((app_id, NDXP, "loose", "Chia sẻ dữ liệu qua NDXP"))
    return links


def build_dependencies(apps: Sequence[Mapping[str, Any]], rng: random.Random) -> list[Link]:
    """Links `A depends on B`: the explicit ones, the hub links, then more up to about two per application."""
    ids = [str(a["app_id"]) for a in apps]
    known = set(ids)
    links: dict[tuple[str, str], tuple[str, str]] = {}
    explicit = [tuple(row) for row in CATALOGUE["explicit_links"]]
    for consumer, provider, coupling, note in explicit + [link for a in apps for link in _hub_links(a)]:
        if consumer != provider and provider in known and (consumer, provider) not in links:
            links[(consumer, provider)] = (coupling, note)
    _top_up(apps, links, rng)
    position = {app_id: i for i, app_id in enumerate(ids)}
    ordered = sorted(links.items(), key=lambda item: (position[item[0][0]], position[item[0][1]]))
    return [(a, b, coupling, note) for (a, b), (coupling, note) in ordered]


def _top_up(
    apps: Sequence[Mapping[str, Any]], links: dict[tuple[str, str], tuple[str, str]], rng: random.Random
) -> None:
    """More links, to earlier systems of the same owner or to shared hubs, until two per application.

    A link that would close a cycle is skipped, so the cycles of the sample
    are only the deliberate ones of the catalogue's `explicit_links`. Tight
    links count both ways here: a loose path out of a tightly coupled group
    and back into it would pull every system on it into one move group.
    """
    graph = nx.DiGraph(list(links))
    graph.add_edges_from((b, a) for (a, b), (coupling, _note) in links.items() if coupling == "tight")
    graph.add_nodes_from(str(a["app_id"]) for a in apps)
    usable = [a for a in apps if a["connectivity"] != "lan_only" and a["lifecycle"] != "decommission_planned"]
    consumers = [a for a in usable if a["app_id"] not in (NDXP, IDENTITY, POPULATION)]
    while len(links) < 2 * len(apps):
        consumer = rng.choice(consumers)
        earlier = [
            str(p["app_id"])
            for p in usable[: usable.index(consumer)]
            if p["owner_agency"] == consumer["owner_agency"]
        ]
        source, target = str(consumer["app_id"]), rng.choice(earlier or _CROSS_AGENCY_HUBS)
        if source == target or graph.has_edge(source, target) or nx.has_path(graph, target, source):
            continue
        graph.add_edge(source, target)
        links[(source, target)] = ("loose", "" if rng.random() < 0.6 else "Trao đổi dữ liệu qua API")


# --- writing ---------------------------------------------------------------------
def display_value(name: str, value: object, rng: random.Random) -> object:
    """How an agency would write a canonical value in its spreadsheet (None stays empty)."""
    if value is None:
        return None
    kind = FIELDS_BY_NAME[name].kind
    if kind == "bool":
        return BOOL_VI[bool(value)]
    if kind == "category":
        return rng.choice(CATALOGUE["display"][name][str(value)])
    return value


def display_rows(apps: Sequence[Mapping[str, object]], rng: random.Random) -> list[dict[str, object]]:
    """The applications as written in the sample files, one dict per row keyed by field name."""
    return [{name: display_value(name, value, rng) for name, value in app.items()} for app in apps]


def _headers() -> list[tuple[str, str]]:
    """(field, Vietnamese header) of the applications sheet, in registry order."""
    return [(f.name, f.label_vi) for f in FIELDS if f.name != "depends_on"]


def write_xlsx(rows: Sequence[Mapping[str, object]], links: Sequence[Link]) -> bytes:
    """The sample workbook: a title row and a blank row above the header, as agencies send them."""
    buffer = io.BytesIO()
    book = inert_workbook(buffer, "Danh mục hệ thống thông tin (dữ liệu minh họa)", _CREATED)
    title = book.add_format({"bold": True, "font_size": 13, "align": "center"})
    header = book.add_format(
        {
            "bold": True,
            "bg_color": "#FCE4D6",
            "border": 1,
            "text_wrap": True,
            "valign": "vcenter",
            "align": "center",
        }
    )
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet(APPLICATIONS_SHEET)
    columns = _headers()
    sheet.merge_range(0, 0, 0, 12, TITLE, title)
    header_row = 2
    sheet.write_string(header_row, 0, ROW_NUMBER_HEADER, header)
    for col, (_name, label) in enumerate(columns, start=1):
        sheet.write_string(header_row, col, label, header)
    for index, row in enumerate(rows):
        r = header_row + 1 + index
        sheet.write_number(r, 0, index + 1)
        for col, (name, _label) in enumerate(columns, start=1):
            value = row[name]
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write_datetime(r, col, datetime(value.year, value.month, value.day), day)
            elif isinstance(value, int | float):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, str(value))
    sheet.set_row(header_row, 45)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 12)
    sheet.set_column(2, 3, 45)
    sheet.set_column(4, len(columns), 16)
    sheet.freeze_panes(header_row + 1, 3)
    sheet.autofilter(header_row, 0, header_row + len(rows), len(columns))

    deps = book.add_worksheet(DEPENDENCIES_SHEET)
    for col, label in enumerate(DEPENDENCY_HEADERS):
        deps.write_string(0, col, label, header)
    for r, (consumer, provider, coupling, note) in enumerate(links, start=1):
        deps.write_string(r, 0, consumer)
        deps.write_string(r, 1, provider)
        deps.write_string(r, 2, COUPLING_VI[coupling])
        if note:
            deps.write_string(r, 3, note)
    deps.set_column(0, 1, 14)
    deps.set_column(2, 2, 16)
    deps.set_column(3, 3, 55)
    deps.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(rows: Sequence[Mapping[str, object]], links: Sequence[Link]) -> bytes:
    """The CSV twin: one sheet, so the links go in a `Phụ thuộc` column (loose couplings)."""
    providers: dict[str, list[str]] = {}
    for consumer, provider, _coupling, _note in links:
        providers.setdefault(consumer, []).append(provider)
    columns = _headers()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([label for _name, label in columns] + [FIELDS_BY_NAME["depends_on"].label_vi])
    for row in rows:
        cells = [_csv_cell(row[name]) for name, _label in columns]
        writer.writerow([*cells, "; ".join(providers.get(str(row["app_id"]), []))])
    return buffer.getvalue().encode("utf-8-sig")


def generate(out_dir: Path | str = HERE) -> list[Path]:
    """Write the sample workbook, its CSV twin and the blank template; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    apps = build_applications(rng)
    links = build_dependencies(apps, rng)
    rows = display_rows(apps, rng)
    paths = [out / XLSX_NAME, out / CSV_NAME, out / TEMPLATE_NAME]
    paths[0].write_bytes(write_xlsx(rows, links))
    paths[1].write_bytes(write_csv(rows, links))
    write_template(paths[2])
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for path in generate(args[0] if args else HERE):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
