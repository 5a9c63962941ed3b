"""The registry of canonical inventory fields: one table, data not code.

Every other part of cloudfit (column mapping, value coercion, validation, the
template, the scoring models, the exporters) reads its knowledge of fields
from here, so a new field is one entry in `FIELDS`.

Kinds and the dtype each takes in `Inventory.applications`:
    id, text, list   object (str or None)
    category         object (a canonical code from `allowed`, or None)
    bool             pandas "boolean" (True / False / <NA>)
    int              pandas "Int64"
    float            float64 (NaN when missing)
    date             datetime64[ns] (NaT when missing)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

FieldKind = Literal["id", "text", "list", "category", "bool", "int", "float", "date"]

YES_WORDS = ("yes", "y", "x", "true", "1", "co", "có", "dung", "đúng", "c")
NO_WORDS = ("no", "n", "false", "0", "khong", "không", "k", "sai", "-")


@dataclass(frozen=True)
class Field:
    """One canonical column of the inventory."""

    name: str
    kind: FieldKind
    label_en: str
    label_vi: str
    description: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    # Extra spellings of the allowed codes, English and Vietnamese; matched
    # after `text.fold_key`, so case and diacritics do not matter.
    synonyms: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    example: str = ""


def _f(*args, **kwargs) -> Field:
    kwargs.setdefault("synonyms", {})
    kwargs["synonyms"] = MappingProxyType(dict(kwargs["synonyms"]))
    return Field(*args, **kwargs)


FIELDS: tuple[Field, ...] = (
    # --- identity --------------------------------------------------------
    _f("app_id", "id", "Application ID", "Mã hệ thống",
       "Unique identifier of the application within the inventory.",
       required=True,
       aliases=("id", "application id", "app id", "system id", "system code", "code",
                "mã hệ thống", "mã ứng dụng", "mã hệ thống thông tin", "mã ht", "mã"),
       example="BKHCN-001"),
    _f("name", "text", "Application name", "Tên hệ thống",
       "Name of the application or information system.",
       required=True,
       aliases=("application", "application name", "system name", "system", "app name",
                "tên hệ thống", "tên ứng dụng", "tên hệ thống thông tin", "tên phần mềm", "tên"),
       example="Hệ thống quản lý văn bản và điều hành"),
    _f("owner_agency", "text", "Owner agency", "Đơn vị quản lý",
       "Ministry, agency or province that owns the system.",
       required=True,
       aliases=("owner", "agency", "owner agency", "ministry", "organisation", "organization",
                "đơn vị quản lý", "cơ quan chủ quản", "đơn vị chủ quản", "chủ quản", "cơ quan",
                "đơn vị"),
       example="Bộ Khoa học và Công nghệ"),
    _f("description", "text", "Description", "Mô tả",
       "What the system does, in a sentence.",
       aliases=("description", "purpose", "mô tả", "chức năng", "mô tả chức năng")),
    _f("business_domain", "text", "Business domain", "Lĩnh vực",
       "Business area (e.g. e-government, finance, health, land).",
       aliases=("domain", "business area", "sector", "lĩnh vực", "lĩnh vực nghiệp vụ")),
    # --- importance and classification -----------------------------------
    _f("criticality", "category", "Business criticality", "Mức độ quan trọng",
       "How badly the business suffers when the system is down.",
       allowed=("low", "medium", "high", "mission_critical"),
       synonyms={"thap": "low", "trung_binh": "medium", "cao": "high", "rat_cao": "mission_critical",
                 "dac_biet_quan_trong": "mission_critical", "critical": "mission_critical",
                 "mission critical": "mission_critical", "quan_trong": "high", "med": "medium"},
       aliases=("criticality", "business criticality", "importance",
                "mức độ quan trọng", "tầm quan trọng", "mức quan trọng")),
    _f("security_level", "int", "Security level (1-5)", "Cấp độ an toàn (1-5)",
       "Information-system security level under Decree 85/2016 and Circular 12/2022.",
       minimum=1, maximum=5,
       aliases=("security level", "security classification level", "cấp độ an toàn",
                "cấp độ an toàn thông tin", "cấp độ attt", "cấp độ httt", "cấp độ"),
       example="3"),
    _f("state_secret", "category", "State-secret classification", "Mức độ mật",
       "Classification under Law 29/2018 on State Secrets.",
       allowed=("none", "mat", "toi_mat", "tuyet_mat"),
       synonyms={"khong": "none", "không": "none", "khong_mat": "none", "no": "none", "unclassified": "none",
                 "thuong": "none", "binh_thuong": "none", "-": "none", "0": "none",
                 "confidential": "mat", "secret": "toi_mat", "top_secret": "tuyet_mat",
                 "do_mat": "mat", "mat": "mat", "toi_mat": "toi_mat", "tuyet_mat": "tuyet_mat"},
       aliases=("state secret", "classification", "secrecy", "mức độ mật", "độ mật",
                "phân loại bí mật", "bí mật nhà nước"),
       example="none"),
    _f("personal_data", "category", "Personal data", "Dữ liệu cá nhân",
       "Personal data processed (Decree 53/2022, Personal Data Protection Law).",
       allowed=("none", "basic", "sensitive"),
       synonyms={"khong": "none", "không": "none", "no": "none", "co_ban": "basic", "yes": "basic",
                 "co": "basic", "nhay_cam": "sensitive", "sensitive": "sensitive"},
       aliases=("personal data", "pii", "dữ liệu cá nhân", "dlcn", "dữ liệu cá nhân xử lý")),
    _f("national_database", "bool", "National database", "Cơ sở dữ liệu quốc gia",
       "Part of a national database (run at the National Data Center).",
       aliases=("national database", "national db", "cơ sở dữ liệu quốc gia", "csdl quốc gia",
                "csdlqg", "là csdl quốc gia")),
    _f("citizen_facing", "bool", "Citizen-facing", "Phục vụ người dân",
       "Used directly by citizens or businesses.",
       aliases=("citizen facing", "public facing", "phục vụ người dân", "phục vụ người dân doanh nghiệp",
                "dịch vụ công")),
    # --- technology -------------------------------------------------------
    _f("architecture", "category", "Architecture", "Kiến trúc",
       "Application architecture.",
       allowed=("mainframe", "desktop", "client_server", "monolith_web", "n_tier", "soa",
                "microservices", "saas"),
       synonyms={"may_chu_lon": "mainframe", "client_server": "client_server", "2_tier": "client_server",
                 "khach_chu": "client_server", "web": "monolith_web", "monolith": "monolith_web",
                 "nguyen_khoi": "monolith_web", "3_tier": "n_tier", "nhieu_lop": "n_tier",
                 "multi_tier": "n_tier", "huong_dich_vu": "soa", "micro_services": "microservices",
                 "vi_dich_vu": "microservices", "container": "microservices", "ung_dung_may_tinh": "desktop"},
       aliases=("architecture", "application architecture", "kiến trúc", "kiến trúc ứng dụng",
                "mô hình kiến trúc")),
    _f("hosting", "category", "Current hosting", "Hạ tầng hiện tại",
       "Where and how the system runs today.",
       allowed=("physical", "virtualized", "containerized", "private_cloud", "public_cloud"),
       synonyms={"vat_ly": "physical", "may_chu_vat_ly": "physical", "bare_metal": "physical",
                 "ao_hoa": "virtualized", "may_ao": "virtualized", "vm": "virtualized", "virtual": "virtualized",
                 "docker": "containerized", "kubernetes": "containerized",
                 "dam_may_rieng": "private_cloud", "private": "private_cloud",
                 "dam_may_cong_cong": "public_cloud", "public": "public_cloud", "cloud": "public_cloud"},
       aliases=("hosting", "current hosting", "infrastructure", "hạ tầng", "hạ tầng hiện tại",
                "hình thức triển khai", "nơi triển khai")),
    _f("os", "category", "Operating system", "Hệ điều hành",
       "Server operating system family.",
       allowed=("linux", "windows", "unix", "mainframe_os", "other"),
       synonyms={"ubuntu": "linux", "centos": "linux", "rhel": "linux", "red_hat": "linux", "debian": "linux",
                 "oracle_linux": "linux", "windows_server": "windows", "win": "windows",
                 "aix": "unix", "solaris": "unix", "hp_ux": "unix", "z_os": "mainframe_os",
                 "khac": "other"},
       aliases=("os", "operating system", "hệ điều hành", "hđh")),
    _f("os_end_of_support", "bool", "OS out of support", "Hệ điều hành hết hỗ trợ",
       "The operating system version is past its vendor's end of support.",
       aliases=("os end of support", "os eos", "os out of support", "eol os",
                "hệ điều hành hết hỗ trợ", "hđh hết hỗ trợ", "hết hỗ trợ")),
    _f("tech_stack", "category", "Technology stack", "Nền tảng công nghệ",
       "Main language or platform of the application.",
       allowed=("java", "dotnet", "dotnet_framework", "php", "python", "nodejs", "cobol",
                "legacy_4gl", "packaged", "other"),
       synonyms={"net": "dotnet", "net_core": "dotnet", "dotnet_core": "dotnet", "asp_net_core": "dotnet",
                 "net_framework": "dotnet_framework", "asp_net": "dotnet_framework",
                 "c": "dotnet_framework", "js": "nodejs", "node": "nodejs", "node_js": "nodejs",
                 "delphi": "legacy_4gl", "vb6": "legacy_4gl", "powerbuilder": "legacy_4gl",
                 "foxpro": "legacy_4gl", "cots": "packaged", "phan_mem_dong_goi": "packaged",
                 "khac": "other"},
       aliases=("tech stack", "technology", "platform", "language", "nền tảng", "nền tảng công nghệ",
                "ngôn ngữ lập trình", "công nghệ")),
    _f("database", "category", "Database", "Cơ sở dữ liệu",
       "Database engine.",
       allowed=("none", "oracle", "sql_server", "postgresql", "mysql", "db2", "other"),
       synonyms={"khong": "none", "mssql": "sql_server", "ms_sql": "sql_server", "postgres": "postgresql",
                 "mariadb": "mysql", "khac": "other", "mongodb": "other"},
       aliases=("database", "db", "dbms", "hệ quản trị csdl", "hệ quản trị cơ sở dữ liệu",
                "cơ sở dữ liệu", "csdl")),
    _f("special_hardware", "bool", "Special hardware", "Phần cứng đặc thù",
       "Needs hardware a cloud cannot offer (dongles, HSM cards, scanners, PLCs).",
       aliases=("special hardware", "hardware dependency", "phần cứng đặc thù", "thiết bị đặc thù",
                "phụ thuộc phần cứng")),
    _f("connectivity", "category", "Network connectivity", "Kết nối mạng",
       "Which network the system is reached on.",
       allowed=("lan_only", "government_network", "internet"),
       synonyms={"lan": "lan_only", "noi_bo": "lan_only", "mang_noi_bo": "lan_only", "mang_lan": "lan_only",
                 "mang_truyen_so_lieu_chuyen_dung": "government_network", "tslcd": "government_network",
                 "mang_chuyen_dung": "government_network", "wan": "government_network",
                 "internet": "internet", "public": "internet"},
       aliases=("connectivity", "network", "network connectivity", "kết nối", "kết nối mạng", "mạng")),
    # --- size and load ------------------------------------------------------
    _f("servers", "int", "Servers", "Số máy chủ",
       "Number of servers (physical or virtual).", minimum=0, maximum=100000,
       aliases=("servers", "server count", "number of servers", "số máy chủ", "số lượng máy chủ")),
    _f("data_size_gb", "float", "Data size (GB)", "Dung lượng dữ liệu (GB)",
       "Stored data in gigabytes.", minimum=0, unit="GB",
       aliases=("data size", "data size gb", "data gb", "storage gb", "dung lượng dữ liệu",
                "dung lượng dữ liệu gb", "dung lượng")),
    _f("users", "int", "Users", "Số người dùng",
       "Named or regular users.", minimum=0,
       aliases=("users", "user count", "number of users", "số người dùng", "số lượng người dùng",
                "người dùng")),
    _f("peak_to_average_load", "float", "Peak-to-average load", "Tỷ lệ tải đỉnh/trung bình",
       "How spiky the load is (1 = flat; 5 = five times the average at peak).", minimum=0,
       aliases=("peak to average load", "peak load ratio", "load variability", "tỷ lệ tải đỉnh trung bình",
                "tải đỉnh trung bình", "tải đỉnh")),
    _f("year_deployed", "int", "Year deployed", "Năm đưa vào sử dụng",
       "Year the system went live.", minimum=1960, maximum=2100,
       aliases=("year deployed", "go live year", "year", "năm triển khai", "năm đưa vào sử dụng",
                "năm vận hành")),
    # --- delivery and operations ---------------------------------------------
    _f("source_code_access", "category", "Source code access", "Quyền với mã nguồn",
       "Whether the agency holds the source code.",
       allowed=("full", "partial", "none"),
       synonyms={"co": "full", "yes": "full", "day_du": "full", "mot_phan": "partial",
                 "khong": "none", "no": "none", "vendor": "none"},
       aliases=("source code", "source code access", "code ownership", "mã nguồn",
                "quyền với mã nguồn", "sở hữu mã nguồn", "quyền sở hữu mã nguồn")),
    _f("vendor", "text", "Vendor", "Nhà cung cấp",
       "Main vendor or integrator.",
       aliases=("vendor", "supplier", "integrator", "nhà cung cấp", "đơn vị phát triển", "nhà thầu")),
    _f("documentation", "category", "Documentation", "Tài liệu",
       "Quality of technical documentation.",
       allowed=("none", "partial", "good"),
       synonyms={"khong": "none", "no": "none", "mot_phan": "partial", "day_du": "good", "tot": "good",
                 "full": "good", "yes": "good"},
       aliases=("documentation", "docs", "tài liệu", "tài liệu kỹ thuật")),
    _f("automated_tests", "bool", "Automated tests", "Kiểm thử tự động",
       "An automated test suite exists.",
       aliases=("automated tests", "test automation", "kiểm thử tự động")),
    _f("team_cloud_skills", "category", "Team cloud skills", "Kỹ năng đám mây của đội ngũ",
       "Cloud skills of the team that runs the system.",
       allowed=("low", "medium", "high"),
       synonyms={"thap": "low", "trung_binh": "medium", "cao": "high", "kha": "medium", "tot": "high"},
       aliases=("team cloud skills", "cloud skills", "skills", "kỹ năng đám mây",
                "kỹ năng đám mây của đội ngũ", "năng lực đội ngũ")),
    _f("lifecycle", "category", "Lifecycle status", "Trạng thái vòng đời",
       "Where the system is in its life.",
       allowed=("active", "maintenance", "replacement_planned", "decommission_planned"),
       synonyms={"dang_van_hanh": "active", "hoat_dong": "active", "in_use": "active",
                 "bao_tri": "maintenance", "du_kien_thay_the": "replacement_planned",
                 "thay_the": "replacement_planned", "replace": "replacement_planned",
                 "du_kien_ngung": "decommission_planned", "ngung_su_dung": "decommission_planned",
                 "retire": "decommission_planned", "sunset": "decommission_planned"},
       aliases=("lifecycle", "status", "lifecycle status", "trạng thái", "trạng thái vòng đời",
                "tình trạng")),
    _f("business_value", "category", "Business value", "Giá trị nghiệp vụ",
       "Value of the system to the agency's mission.",
       allowed=("low", "medium", "high"),
       synonyms={"thap": "low", "trung_binh": "medium", "cao": "high"},
       aliases=("business value", "value", "giá trị nghiệp vụ", "giá trị")),
    _f("license_expiry", "date", "Licence expiry", "Ngày hết hạn bản quyền",
       "When the current software licence or support contract ends.",
       aliases=("license expiry", "licence expiry", "license end", "contract end",
                "ngày hết hạn bản quyền", "hết hạn bản quyền", "hết hạn hợp đồng")),
    _f("hardware_refresh_due", "date", "Hardware refresh due", "Hạn thay thế phần cứng",
       "When the servers must be replaced.",
       aliases=("hardware refresh", "hardware refresh due", "hardware end of life",
                "hạn thay thế phần cứng", "thay thế phần cứng", "hết khấu hao")),
    _f("saas_alternative", "bool", "SaaS alternative", "Có giải pháp SaaS thay thế",
       "A suitable software-as-a-service product exists (e.g. a shared government platform).",
       aliases=("saas alternative", "saas available", "có giải pháp saas", "giải pháp saas thay thế",
                "saas")),
    _f("annual_cost", "float", "Annual cost (million VND)", "Chi phí hằng năm (triệu đồng)",
       "Yearly run cost in million VND.", minimum=0, unit="million VND",
       aliases=("annual cost", "yearly cost", "run cost", "chi phí hằng năm", "chi phí vận hành",
                "chi phí vận hành hằng năm", "chi phí")),
    # --- links and notes -------------------------------------------------------
    _f("depends_on", "list", "Depends on", "Phụ thuộc",
       "Application IDs this one depends on, separated by ; or ,.",
       aliases=("depends on", "dependencies", "dependency", "phụ thuộc", "phụ thuộc vào",
                "hệ thống phụ thuộc", "liên kết")),
    _f("notes", "text", "Notes", "Ghi chú",
       "Anything else the analyst should know.",
       aliases=("notes", "note", "comments", "remarks", "ghi chú", "ghi chu")),
)

FIELDS_BY_NAME: Mapping[str, Field] = MappingProxyType({f.name: f for f in FIELDS})
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)

# Fields of the dependencies sheet (`A depends on B`).
DEPENDENCY_COLUMNS: tuple[str, ...] = ("app_id", "depends_on", "coupling", "notes")
COUPLINGS: tuple[str, ...] = ("tight", "loose")
COUPLING_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {"chat": "tight", "chặt": "tight", "strong": "tight", "long": "loose", "lỏng": "loose",
     "weak": "loose", "": "loose"}
)
DEPENDENCY_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "app_id": ("app id", "application", "consumer", "from", "mã hệ thống", "hệ thống", "mã ứng dụng"),
    "depends_on": ("depends on", "provider", "dependency", "to", "phụ thuộc", "phụ thuộc vào",
                   "hệ thống phụ thuộc", "mã hệ thống phụ thuộc"),
    "coupling": ("coupling", "type", "mức độ liên kết", "loại liên kết", "liên kết", "mức độ"),
    "notes": ("notes", "note", "ghi chú"),
})

# Sheet names recognised for the two sheets (compared with `text.fold_key`).
APPLICATION_SHEET_NAMES: tuple[str, ...] = (
    "applications", "application", "apps", "inventory", "systems", "ung_dung", "danh_muc_ung_dung",
    "he_thong", "danh_muc_he_thong", "he_thong_thong_tin", "danh_muc", "danh_sach_he_thong",
)
DEPENDENCY_SHEET_NAMES: tuple[str, ...] = (
    "dependencies", "dependency", "links", "phu_thuoc", "lien_ket", "quan_he_phu_thuoc",
)
