"""The one description of the workbooks' sheets, columns and labels."""
from __future__ import annotations

VERSION = "0.2.0"  # the package version (setup.cfg reads it from here)
FORMAT_VERSION = 1
FORMAT_NAME = "cchc_excel/shared"

# The plan workbook (input) and the shared workbook share these sheet names.
SHEET_APPENDIX = "Phụ lục"
SHEET_FACTS = "Thông tin"
SHEET_UNITS = "Đơn vị"
SHEET_CORRECTIONS = "Hiệu đính"

# The shared workbook
SHEET_GUIDE = "Hướng dẫn"
SHEET_PLAN = "Kế hoạch"
SHEET_PROGRESS = "Tiến độ"
SHEET_LISTS = "Danh mục"
SHEET_META = "_cchc_meta"
SHEET_REGISTRY = "_cchc_units"  # a unit copy's whole unit registry (its `Đơn vị` sheet lists only its unit)
# The metadata key of the rows split pre-filled from an earlier period: JSON [[item code, unit code, Ngày hoàn thành,
# Ngày cập nhật], ...], dates ISO or null; a list longer than a cell holds goes on as carried2, carried3, ... (each a
# whole JSON list of the rows that follow)
META_CARRIED = "carried"


def carried_key(n: int) -> str:
    """The metadata key of the n-th part (from 1) of the carried rows' list."""
    return META_CARRIED if n == 1 else f"{META_CARRIED}{n}"

# The appendix header vocabulary: THE one table of the headers an appendix may use. field → (the header
# write_appendix writes, the other spellings accepted). Headers are matched after NFC, case and space
# folding ("Đơn vị\nchủ trì" = "ĐƠN VỊ CHỦ TRÌ"). On a two-row header the sub-header is matched alone,
# then with its group header before it ("Thời gian" over "Hoàn thành" = "Thời gian hoàn thành").
# "units" is one column for both roles: the units marked "chủ trì" lead (unmarked: the first one).
# Required: code, solution, timeframe, and lead or units. Any other header is an extra column, kept.
APPENDIX_COLUMNS = {
    "code": ("STT", ("TT", "Số TT", "Số thứ tự")),
    "criterion": ("Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
                  ("Tiêu chí", "Tiêu chí/Tiêu chí thành phần", "Lĩnh vực/Tiêu chí", "Tiêu chí thành phần",
                   "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Tiêu chí, tiêu chí thành phần", "Lĩnh vực",
                   "Tiêu chí bị trừ điểm", "Tiêu chí, tiêu chí thành phần bị trừ điểm", "Nội dung bị trừ điểm",
                   "Hạn chế, tồn tại", "Tồn tại, hạn chế")),
    "solution": ("Giải pháp", ("Giải pháp thực hiện", "Nhiệm vụ, giải pháp", "Nội dung, giải pháp", "Nhiệm vụ",
                               "Nội dung", "Nội dung công việc", "Nhiệm vụ, giải pháp khắc phục",
                               "Giải pháp khắc phục", "Nội dung thực hiện", "Nhiệm vụ cụ thể",
                               "Nội dung nhiệm vụ", "Nhiệm vụ, giải pháp thực hiện")),
    "lead": ("Đơn vị chủ trì thực hiện", ("Đơn vị chủ trì", "Chủ trì", "Đơn vị thực hiện", "Cơ quan chủ trì",
                                          "Cơ quan chủ trì thực hiện", "Cơ quan thực hiện",
                                          "Cơ quan, đơn vị chủ trì")),
    "partner": ("Đơn vị phối hợp", ("Đơn vị phối hợp thực hiện", "Phối hợp", "Cơ quan phối hợp",
                                    "Cơ quan, đơn vị phối hợp", "Cơ quan phối hợp thực hiện")),
    "units": ("Cơ quan chủ trì/phối hợp", ("Cơ quan chủ trì, phối hợp", "Đơn vị chủ trì/phối hợp",
                                           "Đơn vị chủ trì, phối hợp", "Cơ quan chủ trì/cơ quan phối hợp",
                                           "Đơn vị chủ trì/đơn vị phối hợp", "Cơ quan, đơn vị thực hiện")),
    "timeframe": ("Thời gian thực hiện", ("Thời gian", "Thời hạn", "Thời gian hoàn thành", "Thời hạn hoàn thành",
                                          "Thời hạn thực hiện", "Tiến độ", "Tiến độ thực hiện",
                                          "Tiến độ hoàn thành", "Thời gian thực hiện, hoàn thành")),
}
APPENDIX_REQUIRED = ("code", "solution", "timeframe")
APPENDIX_STANDARD = ("code", "criterion", "solution", "lead", "partner", "timeframe")  # what write_appendix writes
APPENDIX_WORDS = {"units": "chủ trì", "partner": "phối hợp"}  # the role marks in a combined unit cell
# Rows under the table that end it (a total, the signature block, "Nơi nhận"): ignored with a warning.
APPENDIX_TRAILERS = ("tổng", "cộng")  # the whole cell
APPENDIX_TRAILER_STARTS = ("tổng cộng", "tổng số", "nơi nhận", "kt.", "tm.", "q.", "giám đốc", "chủ tịch", "phó giám đốc", "phó chủ tịch",
                           "người lập", "thủ trưởng", "(đã ký)", "đã ký")

# Unit registry columns: field → header
UNIT_COLUMNS = {
    "code": "Mã",
    "name": "Tên đơn vị",
    "short_name": "Tên viết tắt",
    "aliases": "Tên gọi khác",
    "kind": "Loại",
    "members": "Thành viên",
    "note": "Ghi chú",
}
UNIT_REQUIRED = ("code", "name", "kind")

# Plan facts: field → label on the facts sheet (and in the shared workbook's metadata)
FACT_LABELS = {
    "number": "Số, ký hiệu",
    "date": "Ngày ban hành",
    "title": "Tên kế hoạch",
    "agency": "Cơ quan ban hành",
    "agency_short": "Tên viết tắt cơ quan",
    "parent_body": "Cơ quan chủ quản",
    "place": "Địa danh",
    "legal_basis": "Căn cứ",
    "signer_authority": "Thẩm quyền ký",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
    "assessment_year": "Năm đánh giá",
    "score": "Điểm đạt được",
    "max_score": "Điểm tối đa",
    "rank": "Xếp hạng",
    "rank_total": "Số cơ quan được xếp hạng",
    "rank_change": "Thay đổi thứ hạng",
    "report_recipient": "Nơi nhận báo cáo",
    "recipients": "Nơi nhận",
    "report_copies": "Nơi nhận của báo cáo",
    "report_due_day": "Ngày hạn báo cáo Sở Nội vụ",
    "units_due_day": "Ngày hạn đơn vị gửi báo cáo",
}
FACTS_REQUIRED = ("number", "date", "agency", "place", "signer_name")  # no parent body above a UBND tỉnh
FACTS_ASKED = FACTS_REQUIRED + ("signer_title",)  # what `plan` asks for: the report's signature needs the position

# The entry sheet `Tiến độ`
PROGRESS_HEADERS = (
    "STT", "Tiêu chí", "Giải pháp", "Đơn vị thực hiện", "Vai trò", "Thời gian thực hiện",
    "Tình trạng", "Kết quả thực hiện", "Tài liệu kiểm chứng", "Ngày hoàn thành",
    "Khó khăn, vướng mắc", "Đề xuất, kiến nghị", "Người cập nhật", "Ngày cập nhật",
)
PLAN_COLUMNS = PROGRESS_HEADERS[:6]
INPUT_COLUMNS = PROGRESS_HEADERS[6:]
DATE_COLUMNS = ("Ngày hoàn thành", "Ngày cập nhật")
PROGRESS_HEADER_ROW = 4  # Excel row of the headers; rows 1–3 hold the title, period and deadline
PROGRESS_WIDTHS = (6, 28, 40, 24, 10, 16, 16, 40, 32, 12, 26, 26, 16, 12)

STATUSES = ("Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Không phát sinh")
STATUS_DONE = "Hoàn thành"

FONT = "Times New Roman"

# The master workbook's own sheets (besides the plan sheets and the metadata): since master layout 2, one
# data sheet and one history sheet per period ("Dữ liệu 2021-H1", "Lịch sử 2021-H1") and one log sheet per
# year of merging ("Nhật ký 2021"); layout 1 had a single sheet of each (the bare names), read and migrated.
SHEET_DATA, SHEET_HISTORY, SHEET_LOG = "Dữ liệu", "Lịch sử", "Nhật ký"
MASTER_LAYOUT = 2
DATA_STYLES = "1 2 3"  # xf indexes of the data sheets' header, date and wrapped text cells (sheets/master.py)


def period_sheet(kind: str, code: str) -> str:
    """The name of a master sheet of one period (or year, for the log): 'Dữ liệu 2021-H1'."""
    return f"{kind} {code}"

MASTER_KEY_HEADERS = ("Kỳ báo cáo", "STT", "Mã đơn vị", "Đơn vị thực hiện")
SOURCE_HEADERS = ("Tệp nguồn", "SHA-256", "Sheet nguồn", "Dòng nguồn", "Thời điểm gộp")
DATA_HEADERS = MASTER_KEY_HEADERS + INPUT_COLUMNS + SOURCE_HEADERS
HISTORY_HEADERS = DATA_HEADERS + ("Thời điểm thay thế", "Lý do")
LOG_HEADERS = ("Thời điểm gộp", "Tệp", "SHA-256", "Kết quả", "Dòng thêm", "Dòng thay đổi", "Dòng không đổi",
               "Dòng bị từ chối", "Mã", "Ô", "Chi tiết")
TIME_FORMAT = "%d/%m/%Y %H:%M:%S"
