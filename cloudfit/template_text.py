"""The words of the inventory template, English and Vietnamese side by side.

Kept apart from `cloudfit.template` (which lays the workbook out) so the
text can be reviewed and translated without reading XlsxWriter code.
"""

from __future__ import annotations

INSTRUCTIONS_SHEET = "Instructions"
APPLICATIONS_SHEET = "Applications"
DEPENDENCIES_SHEET = "Dependencies"
LISTS_SHEET = "Lists"

KIND_TEXT: dict[str, tuple[str, str]] = {
    "id": ("text, unique in the sheet", "văn bản, không trùng lặp"),
    "text": ("text", "văn bản"),
    "list": ("application IDs separated by ; or ,", "các mã hệ thống, cách nhau bởi ; hoặc ,"),
    "category": ("one code from the dropdown", "chọn một mã trong danh sách"),
    "bool": ("yes or no", "yes (có) hoặc no (không)"),
    "int": ("whole number", "số nguyên"),
    "float": ("number", "số"),
    "date": ("date (dd/mm/yyyy)", "ngày (dd/mm/yyyy)"),
}

DEPENDENCY_HELP: dict[str, tuple[str, str]] = {
    "app_id": (
        "The application that depends (A in 'A depends on B').",
        "Hệ thống phụ thuộc (A trong 'A phụ thuộc vào B').",
    ),
    "depends_on": (
        "The application it needs (B in 'A depends on B').",
        "Hệ thống được sử dụng (B trong 'A phụ thuộc vào B').",
    ),
    "coupling": (
        "tight: A and B must move in the same wave; loose: B moves in the same wave as A or "
        "earlier. Empty means loose.",
        "tight (chặt): A và B phải chuyển cùng một đợt; loose (lỏng): B chuyển cùng đợt hoặc "
        "trước A. Để trống là loose.",
    ),
    "notes": (
        "Interface, protocol or anything else worth knowing.",
        "Giao diện kết nối, giao thức hoặc thông tin khác.",
    ),
}

# The Instructions sheet: sections of (title EN, title VI, paragraphs as (EN, VI) pairs).
SECTIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "What this workbook is",
        "Workbook này là gì",
        (
            (
                "The application inventory that cloudfit reads to assess cloud readiness: fitness, effort, "
                "deployment model, migration strategy (7R) and migration waves.",
                "Danh mục hệ thống thông tin để cloudfit đánh giá mức độ sẵn sàng lên điện toán đám mây: mức "
                "độ phù hợp, công sức, mô hình triển khai, chiến lược chuyển đổi (7R) và các đợt chuyển đổi.",
            ),
        ),
    ),
    (
        "Sheets",
        "Các trang tính",
        (
            (
                f"{APPLICATIONS_SHEET}: one row per application or information system. Keep the header row; "
                "English or Vietnamese column labels are also accepted.",
                f"{APPLICATIONS_SHEET}: mỗi dòng là một ứng dụng / hệ thống thông tin. Giữ nguyên dòng tiêu "
                "đề; tên cột tiếng Anh hoặc tiếng Việt cũng được chấp nhận.",
            ),
            (
                f"{DEPENDENCIES_SHEET}: one row per link 'A depends on B' (optional).",
                f"{DEPENDENCIES_SHEET}: mỗi dòng là một quan hệ 'A phụ thuộc vào B' (không bắt buộc).",
            ),
            (
                f"{LISTS_SHEET}: the allowed codes behind the dropdowns. Do not edit.",
                f"{LISTS_SHEET}: các mã hợp lệ dùng cho danh sách chọn. Không sửa trang này.",
            ),
        ),
    ),
    (
        "Required fields",
        "Trường bắt buộc",
        (
            (
                "Required in every row: {required}. Every other field is optional: a missing value lowers "
                "the confidence of the assessment but never rejects the row. Required columns have an "
                "orange header.",
                "Bắt buộc ở mọi dòng: {required}. Các trường khác không bắt buộc: thiếu giá trị làm giảm độ "
                "tin cậy của kết quả đánh giá nhưng không loại bỏ dòng. Cột bắt buộc có tiêu đề màu cam.",
            ),
            (
                "app_id must be unique. A repeated app_id rejects the later row.",
                "app_id (mã hệ thống) không được trùng. Dòng có mã trùng phía sau sẽ bị loại.",
            ),
        ),
    ),
    (
        "Allowed values",
        "Giá trị hợp lệ",
        (
            (
                "Coded columns have a dropdown; the allowed codes are in the field table below and in the "
                f"{LISTS_SHEET} sheet. Yes/no columns take yes or no. Dates are dd/mm/yyyy. Each column "
                "header has a note that explains the field.",
                "Các cột mã có danh sách chọn; mã hợp lệ nằm trong bảng các trường bên dưới và trang "
                f"{LISTS_SHEET}. Cột có/không nhập yes hoặc no. Ngày theo dạng dd/mm/yyyy. Mỗi tiêu đề cột "
                "có ghi chú giải thích trường.",
            ),
        ),
    ),
    (
        "Dependencies",
        "Quan hệ phụ thuộc",
        (
            (
                f"'A depends on B' means A calls or reads B. In the {DEPENDENCIES_SHEET} sheet write A in "
                "app_id, B in depends_on and choose a coupling: tight (A and B must move in the same wave) "
                "or loose (B moves in the same wave as A or earlier).",
                f"'A phụ thuộc vào B' nghĩa là A gọi hoặc đọc dữ liệu của B. Trong trang {DEPENDENCIES_SHEET} "
                "ghi A vào app_id, B vào depends_on và chọn coupling: tight (chặt: A và B chuyển cùng một "
                "đợt) hoặc loose (lỏng: B chuyển cùng đợt hoặc trước A).",
            ),
            (
                "Alternatively, list B's IDs in the depends_on column of the Applications sheet, separated "
                "by ; or , (these links are loose). Both IDs must exist in the Applications sheet.",
                "Cách khác: ghi các mã hệ thống B vào cột depends_on của trang Applications, cách nhau bởi ; "
                "hoặc , (các quan hệ này là loose). Cả hai mã phải có trong trang Applications.",
            ),
        ),
    ),
    (
        "Legal notes",
        "Lưu ý pháp lý",
        (
            (
                "State secrets (Law 29/2018): a system that processes classified information (mat, toi_mat, "
                "tuyet_mat) must not be stored on networked computers, so it stays on premises. Record only "
                "the classification level here, never classified content: this workbook itself must stay "
                "unclassified.",
                "Bí mật nhà nước (Luật 29/2018): hệ thống xử lý thông tin mật (Mật, Tối mật, Tuyệt mật) không "
                "được lưu trên máy tính kết nối mạng nên phải giữ tại chỗ. Chỉ ghi mức độ mật, không ghi nội "
                "dung bí mật: bản thân workbook này không được chứa thông tin mật.",
            ),
            (
                "Security level 1-5 as approved under Decree 85/2016 and Circular 12/2022; levels 4 and 5 "
                "do not go to a public cloud.",
                "Cấp độ an toàn hệ thống thông tin 1-5 theo hồ sơ đề xuất cấp độ đã phê duyệt (Nghị định "
                "85/2016, Thông tư 12/2022); cấp độ 4 và 5 không triển khai trên đám mây công cộng.",
            ),
            (
                "Personal data (Decree 53/2022, Personal Data Protection Law): data of Vietnamese users "
                "stays in Vietnam; sensitive personal data needs stronger controls.",
                "Dữ liệu cá nhân (Nghị định 53/2022, Luật Bảo vệ dữ liệu cá nhân): dữ liệu của người dùng Việt "
                "Nam được lưu trữ tại Việt Nam; dữ liệu cá nhân nhạy cảm cần biện pháp bảo vệ cao hơn.",
            ),
            (
                "National databases run at the National Data Center (Decision 1121/QĐ-TTg, 2025).",
                "Cơ sở dữ liệu quốc gia được vận hành tại Trung tâm dữ liệu quốc gia (Quyết định "
                "1121/QĐ-TTg, 2025).",
            ),
        ),
    ),
)
FIELD_TABLE_HEADER = (
    "Field / Trường",
    "Label (EN)",
    "Tên (VI)",
    "Required / Bắt buộc",
    "Type / Kiểu",
    "Allowed values / Giá trị hợp lệ",
    "Description",
)
