"""What the synthetic inventories are made of: agencies, systems and the spellings analysts use.

Data, not code: the category mixes give each canonical code a weight (how
common it is in a real portfolio) and the spellings seen in ministry
spreadsheets, Vietnamese and English. `tests/test_benchmarks.py` checks
every spelling against the field registry.
"""

from __future__ import annotations

from collections.abc import Mapping

# fmt: off
# Owner agencies: (code for ids, name, relative weight). Current ministries and
# ministerial-level agencies (2025 reorganisation) and the 34 provinces and cities.
MINISTRIES: tuple[tuple[str, str, float], ...] = (
    ("BKHCN", "Bộ Khoa học và Công nghệ", 4.0),
    ("BTC", "Bộ Tài chính", 4.0),
    ("BCA", "Bộ Công an", 3.0),
    ("BQP", "Bộ Quốc phòng", 2.0),
    ("BNG", "Bộ Ngoại giao", 1.0),
    ("BNV", "Bộ Nội vụ", 2.0),
    ("BTP", "Bộ Tư pháp", 2.0),
    ("BCT", "Bộ Công Thương", 2.0),
    ("BNNMT", "Bộ Nông nghiệp và Môi trường", 3.0),
    ("BXD", "Bộ Xây dựng", 2.0),
    ("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", 1.5),
    ("BGDDT", "Bộ Giáo dục và Đào tạo", 2.0),
    ("BYT", "Bộ Y tế", 2.5),
    ("BDTTG", "Bộ Dân tộc và Tôn giáo", 1.0),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam", 2.0),
    ("TTCP", "Thanh tra Chính phủ", 1.0),
    ("VPCP", "Văn phòng Chính phủ", 2.0),
    ("BHXH", "Bảo hiểm xã hội Việt Nam", 2.0),
    ("TKTW", "Cục Thống kê", 1.0),
)
PROVINCES: tuple[str, ...] = (
    "Thành phố Hà Nội", "Thành phố Hồ Chí Minh", "Thành phố Hải Phòng", "Thành phố Đà Nẵng",
    "Thành phố Huế", "Thành phố Cần Thơ", "Tuyên Quang", "Cao Bằng", "Lai Châu", "Lào Cai",
    "Thái Nguyên", "Điện Biên", "Lạng Sơn", "Sơn La", "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
    "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)

# Shared platforms: they take the lowest ranks, so they become the hubs.
HUB_SYSTEMS: tuple[tuple[str, str], ...] = (
    ("BKHCN", "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)"),
    ("BCA", "Hệ thống định danh và xác thực điện tử (VNeID)"),
    ("BCA", "Cơ sở dữ liệu quốc gia về dân cư"),
    ("VPCP", "Cổng Dịch vụ công quốc gia"),
    ("VPCP", "Hệ thống quản lý văn bản và điều hành liên thông (Trục liên thông văn bản quốc gia)"),
    ("BTC", "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp"),
    ("BNNMT", "Cơ sở dữ liệu quốc gia về đất đai"),
    ("BHXH", "Cơ sở dữ liệu quốc gia về bảo hiểm"),
    ("BKHCN", "Hệ thống thư điện tử công vụ"),
    ("BTC", "Hệ thống thông tin quản lý ngân sách và kho bạc (TABMIS)"),
    ("BNV", "Cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức"),
    ("BTP", "Cơ sở dữ liệu hộ tịch điện tử toàn quốc"),
)
SYSTEM_TYPES: tuple[str, ...] = (
    "Hệ thống quản lý văn bản và điều hành", "Cổng thông tin điện tử", "Hệ thống thông tin giải quyết thủ tục hành chính",
    "Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)", "Hệ thống quản lý nhân sự", "Hệ thống kế toán, tài chính",
    "Hệ thống thông tin địa lý (GIS)", "Hệ thống báo cáo thống kê", "Cơ sở dữ liệu chuyên ngành",
    "Hệ thống quản lý hồ sơ sức khỏe", "Hệ thống quản lý tài sản công", "Hệ thống họp trực tuyến",
    "Hệ thống một cửa điện tử", "Hệ thống quản lý thanh tra, khiếu nại", "Hệ thống quản lý đất đai",
    "Hệ thống quản lý giáo dục", "Hệ thống lưu trữ điện tử", "Hệ thống giám sát an toàn thông tin",
    "Phần mềm quản lý cấp phép", "Hệ thống thư điện tử", "Hệ thống quản lý tài liệu số",
    "Hệ thống phản ánh kiến nghị", "Hệ thống quản lý dự án đầu tư công", "Kho dữ liệu dùng chung",
)
DOMAINS: tuple[str, ...] = (
    "Chính phủ điện tử", "Tài chính", "Y tế", "Đất đai", "Giáo dục", "Thống kê", "Nội vụ", "Tư pháp",
    "Giao thông", "Môi trường", "e-government", "Finance", "Health", "Statistics", "Land",
)
VENDORS: tuple[str, ...] = (
    "Viettel", "VNPT", "FPT IS", "CMC", "MISA", "Bkav", "MobiFone", "Tự phát triển", "In-house",
    "Hanel", "HiPT", "Oracle Việt Nam", "Microsoft Việt Nam", "Savis", "Lạc Việt",
)
CONTACTS: tuple[str, ...] = (
    "Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thu Hà", "Vũ Đức Hải",
    "Đặng Thị Lan", "Bùi Thanh Long", "Đỗ Ngọc Mai", "Ngô Quang Nam",
)
NOTES: tuple[str, ...] = (
    "Đang nâng cấp lên phiên bản mới", "Kết nối qua NDXP", "Dữ liệu đồng bộ hằng đêm",
    "- cần rà soát lại cấu hình", "Hợp đồng thuê dịch vụ", "Đã đánh giá an toàn thông tin năm 2024",
    "Legacy system, vendor support ends soon", "+ tích hợp với VNeID",
)
LINK_NOTES: tuple[str, ...] = ("API REST", "Qua NDXP", "Đồng bộ CSDL", "Web service SOAP", "Trao đổi tệp")
# fmt: on

# Category fields: canonical code → (weight, spellings seen in real sheets).
CATEGORY_MIX: Mapping[str, Mapping[str, tuple[float, tuple[str, ...]]]] = {
    "criticality": {
        "low": (0.2, ("Thấp", "low", "Low")),
        "medium": (0.4, ("Trung bình", "medium", "TRUNG BÌNH")),
        "high": (0.3, ("Cao", "high", "High")),
        "mission_critical": (0.1, ("Rất cao", "Đặc biệt quan trọng", "Mission critical")),
    },
    "state_secret": {
        "none": (0.965, ("Không", "không", "none", "Không mật", "Unclassified")),
        "mat": (0.02, ("Mật", "Confidential")),
        "toi_mat": (0.01, ("Tối mật", "Secret")),
        "tuyet_mat": (0.005, ("Tuyệt mật", "Top secret")),
    },
    "personal_data": {
        "none": (0.35, ("Không", "none", "No")),
        "basic": (0.45, ("Cơ bản", "basic", "Có")),
        "sensitive": (0.2, ("Nhạy cảm", "sensitive")),
    },
    "architecture": {
        "mainframe": (0.02, ("Mainframe", "Máy chủ lớn")),
        "desktop": (0.06, ("Desktop", "Ứng dụng máy tính")),
        "client_server": (0.18, ("Client-server", "Client/Server", "2-tier")),
        "monolith_web": (0.3, ("Web", "Monolith", "Nguyên khối")),
        "n_tier": (0.24, ("3-tier", "N-tier", "Nhiều lớp")),
        "soa": (0.08, ("SOA", "Hướng dịch vụ")),
        "microservices": (0.08, ("Microservices", "Vi dịch vụ", "Container")),
        "saas": (0.04, ("SaaS",)),
    },
    "hosting": {
        "physical": (0.35, ("Máy chủ vật lý", "Physical", "Vật lý", "Bare metal")),
        "virtualized": (0.45, ("Ảo hóa", "Virtualized", "VM", "Máy ảo")),
        "containerized": (0.06, ("Docker", "Kubernetes", "Containerized")),
        "private_cloud": (0.1, ("Đám mây riêng", "Private cloud")),
        "public_cloud": (0.04, ("Đám mây công cộng", "Public cloud")),
    },
    "os": {
        "linux": (0.5, ("Linux", "Ubuntu", "CentOS", "RHEL", "Red Hat", "Oracle Linux")),
        "windows": (0.38, ("Windows Server", "Windows")),
        "unix": (0.06, ("AIX", "Solaris", "HP-UX", "Unix")),
        "mainframe_os": (0.02, ("z/OS",)),
        "other": (0.04, ("Khác", "Other")),
    },
    "tech_stack": {
        "java": (0.3, ("Java",)),
        "dotnet": (0.15, (".NET Core", ".NET")),
        "dotnet_framework": (0.17, ("ASP.NET", ".NET Framework", "C#")),
        "php": (0.12, ("PHP",)),
        "python": (0.05, ("Python",)),
        "nodejs": (0.05, ("Node.js", "NodeJS")),
        "cobol": (0.02, ("COBOL",)),
        "legacy_4gl": (0.05, ("Delphi", "VB6", "PowerBuilder", "FoxPro")),
        "packaged": (0.07, ("COTS", "Phần mềm đóng gói")),
        "other": (0.02, ("Khác",)),
    },
    "database": {
        "none": (0.04, ("Không",)),
        "oracle": (0.25, ("Oracle",)),
        "sql_server": (0.3, ("SQL Server", "MSSQL")),
        "postgresql": (0.15, ("PostgreSQL", "Postgres")),
        "mysql": (0.18, ("MySQL", "MariaDB")),
        "db2": (0.03, ("DB2",)),
        "other": (0.05, ("MongoDB", "Khác")),
    },
    "connectivity": {
        "lan_only": (0.15, ("Mạng nội bộ", "LAN", "Nội bộ")),
        "government_network": (0.35, ("Mạng truyền số liệu chuyên dùng", "TSLCD", "Mạng chuyên dùng")),
        "internet": (0.5, ("Internet",)),
    },
    "source_code_access": {
        "full": (0.45, ("Có", "Đầy đủ", "full")),
        "partial": (0.25, ("Một phần", "partial")),
        "none": (0.3, ("Không", "Vendor", "none")),
    },
    "documentation": {
        "none": (0.2, ("Không", "none")),
        "partial": (0.5, ("Một phần", "partial")),
        "good": (0.3, ("Đầy đủ", "Tốt", "good")),
    },
    "team_cloud_skills": {
        "low": (0.45, ("Thấp", "low")),
        "medium": (0.4, ("Trung bình", "Khá", "medium")),
        "high": (0.15, ("Cao", "Tốt", "high")),
    },
    "lifecycle": {
        "active": (0.72, ("Đang vận hành", "active", "In use")),
        "maintenance": (0.12, ("Bảo trì", "maintenance")),
        "replacement_planned": (0.09, ("Dự kiến thay thế", "replacement planned")),
        "decommission_planned": (0.07, ("Dự kiến ngừng", "Ngừng sử dụng", "retire")),
    },
    "business_value": {
        "low": (0.2, ("Thấp", "low")),
        "medium": (0.45, ("Trung bình", "medium")),
        "high": (0.35, ("Cao", "high")),
    },
    "downtime_tolerance": {
        "days": (0.45, ("Vài ngày", "Cuối tuần", "days")),
        "hours": (0.4, ("Vài giờ", "hours")),
        "none": (0.15, ("Không gián đoạn", "none")),
    },
}
BOOL_TRUE_RATE: Mapping[str, float] = {
    "national_database": 0.03,
    "citizen_facing": 0.3,
    "os_end_of_support": 0.25,
    "special_hardware": 0.05,
    "automated_tests": 0.2,
    "saas_alternative": 0.15,
    "verified": 0.2,
}
TRUE_SPELLINGS: tuple[object, ...] = ("Có", "có", "x", "Yes", "TRUE", True)
FALSE_SPELLINGS: tuple[object, ...] = ("Không", "không", "No", "FALSE", False)
UNREADABLE: tuple[str, ...] = ("?", "không rõ", "chưa xác định", "xem ghi chú")
COUPLING_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "tight": ("tight", "Chặt", "chặt"),
    "loose": ("loose", "Lỏng", "lỏng", ""),
}
