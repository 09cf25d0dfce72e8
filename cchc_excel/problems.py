"""The catalogue of coded messages (Vietnamese and English) and the records that carry them.

Every message says what is wrong and how to fix it. Templates use str.format fields filled from a
problem's params; wording is reviewed here, tests assert codes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

# code: (vi, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # Reading a file
    "READ_001": ("Không tìm thấy tệp {path}. Kiểm tra lại đường dẫn và tên tệp.",
                 "File {path} not found. Check the path and file name."),
    "READ_002": ("Tệp {path} không phải bảng tính Excel (.xlsx). Hãy mở bằng Excel và lưu lại "
                 "dưới dạng \"Excel Workbook (*.xlsx)\".",
                 "{path} is not an Excel workbook (.xlsx). Open it in Excel and save it as "
                 "\"Excel Workbook (*.xlsx)\"."),
    "READ_003": ("Tệp {path} là tệp Excel cũ (.xls) hoặc đã đặt mật khẩu. Hãy gỡ mật khẩu "
                 "(Tệp > Thông tin > Bảo vệ sổ làm việc) hoặc lưu lại dưới dạng .xlsx.",
                 "{path} is a legacy .xls file or is password-protected. Remove the password "
                 "(File > Info > Protect Workbook) or save it as .xlsx."),
    "READ_004": ("Tệp {path} là tệp khóa tạm của Excel (~$…), không phải dữ liệu. Bỏ qua tệp này "
                 "và dùng tệp gốc cùng tên không có \"~$\".",
                 "{path} is an Excel lock file (~$…), not data. Ignore it and use the file of the "
                 "same name without \"~$\"."),
    "READ_005": ("Tệp {path} bị hỏng hoặc chưa tải về đầy đủ ({detail}). Hãy xin gửi lại tệp.",
                 "{path} is corrupt or incomplete ({detail}). Ask for the file again."),
    "READ_006": ("Tệp {path} đã tồn tại. Chọn tên khác hoặc thêm --force để ghi đè.",
                 "{path} already exists. Choose another name or add --force to overwrite it."),
    # The plan workbook
    "PLAN_001": ("Không tìm thấy bảng phụ lục trong tệp {path}: không sheet nào ({sheets}) có dòng "
                 "tiêu đề gồm STT, Tiêu chí, Giải pháp, Đơn vị chủ trì, Đơn vị phối hợp, Thời gian "
                 "thực hiện.",
                 "No appendix table in {path}: no sheet ({sheets}) has a header row with STT, "
                 "criterion, solution, lead unit, coordinating units and timeframe."),
    "PLAN_002": ("Dòng tiêu đề thiếu cột \"{column}\". Thêm cột này vào dòng tiêu đề.",
                 "The header row lacks the column \"{column}\". Add it to the header row."),
    "PLAN_003": ("STT \"{value}\" không hợp lệ. STT phải có dạng 1, 2, 2.1, 2.1.1.",
                 "Item number \"{value}\" is not valid. Use the form 1, 2, 2.1, 2.1.1."),
    "PLAN_004": ("Dòng có nội dung nhưng không có STT. Ghi STT cho dòng hoặc xóa dòng.",
                 "The row has text but no item number. Give it a number or delete it."),
    "PLAN_005": ("STT {value} bị trùng với dòng {other_row}. Mỗi tiêu chí chỉ có một STT.",
                 "Item number {value} repeats row {other_row}. Each item needs its own number."),
    "PLAN_006": ("Tiêu chí thành phần {value} không có tiêu chí cha {parent} ở phía trên.",
                 "Sub-criterion {value} has no parent item {parent} above it."),
    "PLAN_007": ("Ô \"{column}\" của tiêu chí {item} đang trống. Nhập nội dung cho ô này.",
                 "The \"{column}\" cell of item {item} is empty. Fill it in."),
    "PLAN_008": ("Bảng phụ lục không có tiêu chí nào dưới dòng tiêu đề.",
                 "The appendix has no items under its header row."),
    "PLAN_009": ("Không có sheet \"{sheet}\" trong tệp {path}. Thêm sheet này theo mẫu kế hoạch "
                 "có sẵn (workbooks/).",
                 "{path} has no \"{sheet}\" sheet. Add it, following the shipped plan workbook "
                 "(workbooks/)."),
    "PLAN_010": ("Thiếu thông tin \"{label}\" của kế hoạch. Nhập vào sheet \"{sheet}\".",
                 "The plan fact \"{label}\" is missing. Enter it on the \"{sheet}\" sheet."),
    "PLAN_011": ("Giá trị \"{value}\" của \"{label}\" không đúng định dạng {expected}.",
                 "The value \"{value}\" of \"{label}\" is not in the form {expected}."),
    # The unit registry
    "UNIT_001": ("Không nhận ra đơn vị \"{value}\".{suggestions} Sửa tên cho đúng hoặc bổ sung đơn vị "
                 "(hoặc tên gọi khác) vào sheet Đơn vị.",
                 "Unknown unit \"{value}\".{suggestions} Correct the name or add the unit (or an "
                 "alias) on the units sheet."),
    "UNIT_002": ("Sheet đơn vị thiếu cột \"{column}\".",
                 "The units sheet lacks the column \"{column}\"."),
    "UNIT_003": ("Tên \"{value}\" đã dùng cho đơn vị {other}. Mỗi tên, mã chỉ thuộc một đơn vị.",
                 "The name \"{value}\" is already used by unit {other}. Each name and code "
                 "belongs to one unit."),
    "UNIT_004": ("Loại đơn vị \"{value}\" không hợp lệ. Chọn một trong: {choices}.",
                 "Unit kind \"{value}\" is not valid. Choose one of: {choices}."),
    "UNIT_005": ("Thành viên \"{value}\" không phải mã của đơn vị trực thuộc nào.",
                 "Member \"{value}\" is not the code of any internal unit."),
    "UNIT_006": ("Dòng đơn vị thiếu {column}.", "The unit row lacks its {column}."),
    # LibreOffice
    "OFFICE_001": ("Chưa cài LibreOffice (lệnh soffice). Cài LibreOffice rồi chạy lại.",
                   "LibreOffice (the soffice command) is not installed. Install it and run again."),
    "OFFICE_002": ("LibreOffice không chuyển đổi được tệp {path}: {detail}",
                   "LibreOffice could not convert {path}: {detail}"),
    # Options
    "OPT_001": ("Kỳ báo cáo \"{value}\" không hợp lệ. Dùng dạng NĂM-KỲ: {examples}.",
                "Reporting period \"{value}\" is not valid. Use YEAR-PERIOD: {examples}."),
    "OPT_002": ("Ngày \"{value}\" không hợp lệ. Ghi ngày theo dạng dd/mm/yyyy, ví dụ 15/06/2021.",
                "Date \"{value}\" is not valid. Write it as dd/mm/yyyy, e.g. 15/06/2021."),
}

SUGGESTION = ("Có phải là: {names}?", "Did you mean: {names}?")


def render(code: str, lang: str = "vi", **params: object) -> str:
    """The message for a code in the given language ('vi' or 'en')."""
    vi, en = MESSAGES[code]
    names = params.get("suggestions")
    if isinstance(names, (tuple, list)):
        params["suggestions"] = (" " + SUGGESTION[lang == "en"].format(names=", ".join(names))) if names else ""
    return (en if lang == "en" else vi).format(**params)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as the user sees it in Excel."""

    code: str
    sheet: str = ""
    cell: str = ""
    value: str = ""
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = ERROR

    def message(self, lang: str = "vi") -> str:
        return render(self.code, lang, value=self.value, **self.params)

    def located(self, lang: str = "vi") -> str:
        where = f"'{self.sheet}'!{self.cell}" if self.cell else (f"'{self.sheet}'" if self.sheet else "")
        return f"[{self.code}] {where}: {self.message(lang)}" if where else f"[{self.code}] {self.message(lang)}"
