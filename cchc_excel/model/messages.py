"""The catalogue of coded messages, Vietnamese and English; each says what is wrong and how to fix it.

Templates use str.format fields filled from a problem's params. Wording is reviewed here, tests assert codes.
The registry at the end gives every code its severity and scope, so nothing guesses them from a prefix.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# How to save a spreadsheet so that it can be read, named in every message about a file's kind.
SAVE_ROUTES = ("Excel: Lưu thành → Sổ làm việc Excel (.xlsx); LibreOffice: Lưu thành → Excel 2007-365 (.xlsx) "
               "hoặc ODF (.ods).",
               "Excel: Save As → Excel Workbook (.xlsx); LibreOffice: Save As → Excel 2007-365 (.xlsx) or "
               "ODF (.ods).")

# The technical detail of a refusal (a library's or the system's words, often English) closes the Vietnamese
# message, marked for the IT staff, so the sentences the user reads stay Vietnamese throughout.
DETAIL = " (Chi tiết kỹ thuật, dành cho cán bộ tin học: {detail})"

# code: (vi, en)
TEXTS: dict[str, tuple[str, str]] = {
    # Reading a file
    "READ_001": ("Không tìm thấy tệp {path}. Kiểm tra lại đường dẫn và tên tệp.",
                 "File {path} not found. Check the path and file name."),
    "READ_002": ("Tệp {path} không phải bảng tính .xlsx hay .ods. Mở tệp rồi lưu lại: " + SAVE_ROUTES[0],
                 "{path} is not an .xlsx or .ods spreadsheet. Open it and save it again: " + SAVE_ROUTES[1]),
    "READ_003": ("Tệp {path} đã đặt mật khẩu mở nên không đọc được. Gỡ mật khẩu rồi gửi lại: Excel: Tệp > Thông "
                 "tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa mật khẩu, lưu; LibreOffice: Tệp > Lưu thành, "
                 "bỏ chọn \"Lưu với mật khẩu\", lưu.",
                 "{path} is password-protected and cannot be read. Remove the password and send it again: Excel: "
                 "File > Info > Protect Workbook > Encrypt with Password, clear it, save; LibreOffice: File > Save "
                 "As, untick \"Save with password\", save."),
    "READ_004": ("Tệp {path} là tệp khóa tạm của Excel (~$…), không phải dữ liệu. Bỏ qua tệp này "
                 "và dùng tệp gốc cùng tên không có \"~$\".",
                 "{path} is an Excel lock file (~$…), not data. Ignore it and use the file of the "
                 "same name without \"~$\"."),
    "READ_005": ("Tệp {path} bị hỏng hoặc không đầy đủ (có thể do tải về hoặc chép chưa xong). Chép hoặc tải lại tệp (tệp của đơn vị: đề nghị đơn vị gửi lại)." + DETAIL,
                 "{path} is corrupt or incomplete ({detail}). Ask for the file again."),
    "READ_012": ("Bản đánh dấu lỗi {path} sẽ ghi đè lên tệp gốc. Chọn thư mục --annotate khác thư mục chứa "
                 "tệp gốc.",
                 "The annotated copy {path} would overwrite the original. Choose an --annotate folder other "
                 "than the original's."),
    "READ_007": ("Tệp {path} là tệp Excel 97-2003 (.xls), không đọc được. Mở tệp rồi lưu lại và gửi lại: "
                 + SAVE_ROUTES[0],
                 "{path} is an Excel 97-2003 file (.xls), which is not read. Open it, save it again and send it "
                 "again: " + SAVE_ROUTES[1]),
    "READ_008": ("Tệp {path} chứa khai báo XML không an toàn; tệp không được đọc. Hãy xin tệp gốc tạo bằng "
                 "cchc-excel." + DETAIL,
                 "{path} contains an unsafe XML declaration ({detail}) and was not read. Ask for the "
                 "original file made by cchc-excel."),
    "READ_009": ("Tệp {path} giải nén ra quá lớn, có thể là tệp độc hại; tệp không được đọc." + DETAIL,
                 "{path} inflates to too much data ({detail}), possibly a zip bomb; it was not read."),
    "READ_010": ("Tệp {path} quá lớn so với giới hạn công cụ đọc được. Kiểm tra xem có dán nhầm dữ liệu không "
                 "(dữ liệu ở dòng, cột rất xa; văn bản rất dài trong một ô), xóa đi rồi lưu và gửi lại." + DETAIL,
                 "{path} is larger than the limits ({detail}). Check for data pasted by mistake."),
    "READ_011": ("Tệp {path} có macro (.xlsm): chỉ đọc giá trị, macro không bao giờ được chạy. Nên lưu lại "
                 "dạng .xlsx.",
                 "{path} contains macros (.xlsm): only values are read, macros never run. Better save "
                 "it as .xlsx."),
    "READ_013": ("{path} là một thư mục, không phải tệp bảng tính. Chỉ ra từng tệp .xlsx (hoặc dùng "
                 "merge-submissions cho cả thư mục).",
                 "{path} is a folder, not a workbook. Name each .xlsx file (or use merge-submissions for a folder)."),
    "READ_014": ("Không mở được tệp {path}. Kiểm tra quyền đọc tệp, hoặc chép tệp ra thư mục khác rồi chạy lại."
                 + DETAIL,
                 "Cannot open {path} ({detail}). Check that the file may be read, or copy it elsewhere and run "
                 "again."),
    "READ_016": ("Tệp {path} có nội dung sai quy cách của Excel, có thể đã bị sửa bằng phần mềm khác; tệp không "
                 "được đọc. Mở bằng Excel, lưu lại rồi gửi lại." + DETAIL,
                 "{path} holds content that breaks the Excel format ({detail}), perhaps edited by other "
                 "software; it was not read. Open it in Excel, save it and send it again."),
    "READ_017": ("Đọc tệp {path} làm dừng đột ngột tiến trình đọc (hết bộ nhớ hoặc lỗi trong thư viện đọc bảng "
                 "tính); tệp bị từ chối, các tệp khác vẫn được gộp. Mở tệp bằng Excel, lưu lại rồi gửi lại.",
                 "Reading {path} made its reading process stop abruptly (out of memory or a crash in the "
                 "spreadsheet library); the file is refused, the other files are merged. Open it in Excel, save "
                 "it and send it again."),
    "READ_018": ("Tệp {path} rỗng (0 byte), thường do chép hoặc tải về bị lỗi. Chép hoặc tải lại tệp; tệp do đơn vị "
                 "gửi thì đề nghị đơn vị gửi lại.",
                 "{path} is empty (0 bytes), usually a failed copy or download. Copy or download it again; for a "
                 "unit's file, ask the unit to send it again."),
    "READ_006": ("Tệp {path} đã tồn tại. Chọn tên khác hoặc thêm --force để ghi đè.",
                 "{path} already exists. Choose another name or add --force to overwrite it."),
    # Writing files
    "WRITE_001": ("Không ghi được tệp {path}. Kiểm tra chỗ trống trên đĩa và quyền ghi vào thư mục; tệp cũ và bản "
                  "lưu vẫn nguyên như trước." + DETAIL,
                  "Cannot write {path} ({detail}). Check the free disk space and the right to write in the folder; "
                  "the old file and its backup are as they were."),
    "WRITE_002": ("Tệp {path} chỉ đọc hoặc không phải tệp thường ({detail}); công cụ không thay thế nó. Bỏ thuộc "
                  "tính chỉ đọc (hoặc chọn tệp khác) rồi chạy lại.",
                  "{path} is read-only or not a regular file ({detail}); the tool does not replace it. Clear the "
                  "read-only attribute (or choose another file) and run again."),
    "WRITE_003": ("Tệp {path} đang mở trong Excel hoặc LibreOffice (có tệp {lock}); công cụ không thay thế nó. Đóng "
                  "tệp rồi chạy lại (nếu không ai mở, xóa tệp {lock}).",
                  "{path} is open in Excel or LibreOffice ({lock} exists); the tool does not replace it. Close it and "
                  "run again (if nobody has it open, delete {lock})."),
    # The plan workbook
    "PLAN_001": ("Không tìm thấy bảng phụ lục trong tệp {path}: không sheet nào ({sheets}) có dòng "
                 "tiêu đề gồm STT, Tiêu chí, Giải pháp, Đơn vị chủ trì, Đơn vị phối hợp, Thời gian "
                 "thực hiện.",
                 "No appendix table in {path}: no sheet ({sheets}) has a header row with STT, "
                 "criterion, solution, lead unit, coordinating units and timeframe."),
    "PLAN_002": ("Dòng tiêu đề thiếu cột \"{column}\". Thêm cột này vào dòng tiêu đề; các cách ghi được "
                 "nhận: {spellings}.",
                 "The header row lacks the column \"{column}\". Add it to the header row; accepted "
                 "spellings: {spellings}."),
    "PLAN_003": ("STT \"{value}\" không hợp lệ: dòng này sẽ không thành nhiệm vụ của kế hoạch. Sửa STT trong "
                 "phụ lục theo dạng 1, 2, 2.1, 2.1.1 hoặc 2.1.a rồi chạy lại.",
                 "Item number \"{value}\" is not valid: the row would not be a task of the plan. Correct it in the "
                 "appendix to the form 1, 2, 2.1, 2.1.1 or 2.1.a and run again."),
    "PLAN_004": ("Dòng có nội dung nhưng không có STT. Ghi STT cho dòng hoặc xóa dòng.",
                 "The row has text but no item number. Give it a number or delete it."),
    "PLAN_005": ("STT {value} bị trùng với dòng {other_row}. Mỗi tiêu chí chỉ có một STT.",
                 "Item number {value} repeats row {other_row}. Each item needs its own number."),
    "PLAN_007": ("Ô \"{column}\" của tiêu chí {item} đang trống. Nhập nội dung cho ô này.",
                 "The \"{column}\" cell of item {item} is empty. Fill it in."),
    "PLAN_008": ("Bảng phụ lục không có tiêu chí nào dưới dòng tiêu đề.",
                 "The appendix has no items under its header row."),
    "PLAN_009": ("Không có sheet \"{sheet}\" trong tệp {path}. Chạy \"cchc-excel plan {path} -o ke-hoach.xlsx\" để "
                 "tạo tệp kế hoạch có đủ các sheet từ phụ lục, hoặc thêm sheet này theo mẫu có sẵn (workbooks/).",
                 "{path} has no \"{sheet}\" sheet. Run \"cchc-excel plan {path} -o plan.xlsx\" to make a plan "
                 "workbook with every sheet from the appendix, or add it following the shipped one (workbooks/)."),
    "PLAN_010": ("Thiếu thông tin \"{label}\" của kế hoạch. Nhập vào sheet \"{sheet}\".",
                 "The plan fact \"{label}\" is missing. Enter it on the \"{sheet}\" sheet."),
    "PLAN_012": ("Bỏ qua các dòng sau bảng phụ lục từ dòng {row} (\"{value}\": dòng tổng, chữ ký, nơi nhận).",
                 "Rows after the appendix table from row {row} are ignored (\"{value}\": a total, signature or "
                 "Nơi nhận)."),
    "PLAN_013": ("Không đọc được thời hạn \"{value}\" của nhiệm vụ {item}: nhiệm vụ này không có ngày đến hạn "
                 "nên không bao giờ bị tính quá hạn. Ghi thời hạn dạng \"Quý II/2022\", \"Tháng 9/2022\", "
                 "\"Trước 30/6/2022\", \"Hằng năm\" hoặc một ngày.",
                 "The timeframe \"{value}\" of task {item} cannot be read: the task has no due date and is never "
                 "counted overdue. Write it as \"Quý II/2022\", \"Tháng 9/2022\", \"Trước 30/6/2022\", "
                 "\"Hằng năm\" or a date."),
    "PLAN_014": ("Tệp {path} được lập theo Kế hoạch {found}, không cùng bản kế hoạch {expected} của tệp tổng hợp; "
                 "so với bản của tệp tổng hợp, bản của tệp: {changes}. Tệp tổng hợp chỉ nhận tệp lập "
                 "từ chính bản kế hoạch của nó: gửi đơn vị bản sao lập từ tệp tổng hợp này (cchc-excel split "
                 "<tệp tổng hợp> --period <kỳ>). Nếu kế hoạch đã được sửa thật (đơn vị thôi hay thêm, nhiệm vụ "
                 "thêm hay bớt), xem mục \"Khi kế hoạch thay đổi giữa năm\" của README.",
                 "{path} was made from plan {found}, not the same version as the master's plan {expected}; "
                 "compared with the master's, the file's version: {changes}. A master takes only files made from "
                 "its own version of the plan: send the units copies made from this master (cchc-excel split "
                 "<master> --period <period>). If the plan really was revised (a unit gone or added, a task "
                 "added or removed), see \"Khi kế hoạch thay đổi giữa năm\" in the README."),
    "PLAN_015": ("Kế hoạch ở --plan ({found}) không phải kế hoạch của tệp {path} ({expected}). Bản kế hoạch sửa "
                 "giữa năm giữ số và ngày của kế hoạch: chọn đúng tệp kế hoạch hoặc tệp nguồn; nếu đúng là bản sửa "
                 "của kế hoạch này, ghi lại số, ngày của kế hoạch ở sheet \"Thông tin\" (xem mục \"Khi kế hoạch "
                 "thay đổi giữa năm\" của README).",
                 "The plan given by --plan ({found}) is not the plan of {path} ({expected}). A version revised "
                 "mid-year keeps the plan's number and date: choose the right plan or source file; if it really is "
                 "a revision of this plan, write the plan's number and date back on its \"Thông tin\" sheet (see "
                 "\"Khi kế hoạch thay đổi giữa năm\" in the README)."),
    "PLAN_016": ("Đơn vị {what} có mã khác trong bản kế hoạch ở --plan: bản sao của đơn vị để trống, số liệu đã gộp "
                 "theo mã cũ không được điền sẵn. Nếu chỉ đổi mã, ghi lại mã cũ ở sheet \"Đơn vị\" của bản kế "
                 "hoạch sửa rồi chạy lại split.",
                 "The unit {what} has another code in the version given by --plan: its copy starts empty, the data "
                 "merged under the old code is not pre-filled. If only the code changed, write the old code back on "
                 "the \"Đơn vị\" sheet of the revised plan and run split again."),
    "PLAN_011": ("Giá trị \"{value}\" của \"{label}\" không đúng định dạng {expected}.",
                 "The value \"{value}\" of \"{label}\" is not in the form {expected}."),
    # The unit registry
    "UNIT_001": ("Không nhận ra đơn vị \"{value}\" (ô được tách thành: {split}).{suggestions} Sửa tên cho "
                 "đúng hoặc bổ sung đơn vị \"{value}\" (hoặc tên gọi khác) vào sheet Đơn vị.",
                 "Unknown unit \"{value}\" (the cell was split into: {split}).{suggestions} Correct the name or "
                 "add the unit \"{value}\" (or an alias) on the units sheet."),
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
    "UNIT_007": ("Mã \"{value}\" đã dùng cho đơn vị \"{other}\" ở dòng {other_row}; dòng này (\"{name}\") cũng "
                 "mang mã đó. Mỗi đơn vị một mã riêng: đổi mã của một trong hai dòng, hoặc xóa dòng thừa (tên khác của "
                 "cùng đơn vị ghi vào cột \"Tên gọi khác\").",
                 "The code \"{value}\" is already used by unit \"{other}\" on row {other_row}; this row (\"{name}\") "
                 "has it too. Each unit has its own code: change the code of one of the two rows, or delete the extra "
                 "row (another name of the same unit goes in the \"Tên gọi khác\" column)."),
    # The entry sheet: structure (the whole file is rejected)
    "STRUCT_001": ("Không có sheet \"{sheet}\" (các sheet có: {sheets}). Không đổi tên sheet; dùng lại tệp "
                   "mẫu từ Văn phòng.",
                   "There is no \"{sheet}\" sheet (sheets: {sheets}). Do not rename sheets; use the template "
                   "from the Office."),
    "STRUCT_002": ("Thiếu cột \"{field}\" ở dòng tiêu đề. Dùng lại tệp mẫu, không xóa cột.",
                   "The column \"{field}\" is missing from the header row. Use the template; do not delete "
                   "columns."),
    "STRUCT_003": ("Tiêu đề cột bị đổi thành \"{value}\", đúng ra là \"{field}\". Sửa lại tiêu đề như mẫu.",
                   "The header was changed to \"{value}\"; it should be \"{field}\". Restore it."),
    "STRUCT_004": ("Cột \"{field}\" xuất hiện hai lần. Xóa cột thừa.",
                   "The column \"{field}\" appears twice. Delete the extra column."),
    "STRUCT_005": ("Cột \"{field}\" bị chuyển sang vị trí khác (phải ở cột {expected}). Không chèn, "
                   "di chuyển cột.",
                   "The column \"{field}\" was moved (it belongs in column {expected}). Do not insert or "
                   "move columns."),
    "STRUCT_006": ("Tệp không do cchc-excel tạo (không có thông tin nhận diện). Hãy nhập số liệu vào tệp "
                   "mẫu Văn phòng gửi (tạo bằng cchc-excel init hoặc split).",
                   "The file was not made by cchc-excel (no identifying metadata). Enter the data in the "
                   "template from the Office (made by cchc-excel init or split)."),
    "STRUCT_007": ("Tệp mẫu thuộc định dạng {value}, công cụ này đọc định dạng {expected}. Xin Văn phòng "
                   "tệp mẫu mới.",
                   "The template has format {value}; this tool reads format {expected}. Ask the Office "
                   "for a new template."),
    "STRUCT_008": ("Tệp mẫu lập cho Kế hoạch {value}, không phải Kế hoạch {expected} đang kiểm tra "
                   "(hoặc nội dung Kế hoạch đã thay đổi). Dùng đúng tệp mẫu của Kế hoạch này.",
                   "The template was made for plan {value}, not plan {expected} being checked (or the "
                   "plan changed since). Use the template of this plan."),
    "STRUCT_009": ("Dòng của đơn vị khác ({value}) trong tệp của đơn vị {expected}. Mỗi đơn vị chỉ "
                   "cập nhật dòng của mình; xóa dòng này.",
                   "A row of another unit ({value}) in the copy of unit {expected}. Each unit updates "
                   "only its own rows; delete this row."),
    "STRUCT_010": ("Nội dung Kế hoạch ở cột \"{field}\" bị sửa (\"{value}\", đúng là \"{expected}\"). "
                   "Không sửa các cột khóa; trả lại như mẫu.",
                   "Plan text in \"{field}\" was edited (\"{value}\"; it should be \"{expected}\"). "
                   "Do not edit the locked columns; restore it."),
    "STRUCT_011": ("Thiếu dòng của tiêu chí {value}. Không xóa dòng; dùng lại tệp mẫu.",
                   "The row of item {value} is missing. Do not delete rows; use the template again."),
    "STRUCT_012": ("Dòng thêm vào không khớp tiêu chí × đơn vị nào của Kế hoạch ({value}). Xóa dòng; "
                   "ghi thêm nội dung vào dòng có sẵn.",
                   "An added row matches no plan item × unit ({value}). Delete it; write into the "
                   "existing rows."),
    "STRUCT_013": ("Dòng {value} bị lặp (đã có ở dòng {other_row}). Xóa dòng lặp.",
                   "Row {value} is duplicated (first at row {other_row}). Delete the duplicate."),
    "STRUCT_014": ("Ô bị gộp ({value}) trong vùng nhập liệu. Bỏ gộp ô (Merge & Center > Unmerge).",
                   "Merged cells ({value}) in the entry area. Unmerge them."),
    "STRUCT_015": ("Ô chứa công thức. Nhập giá trị thay cho công thức (Dán đặc biệt > Chỉ giá trị).",
                   "The cell holds a formula. Enter a value instead (Paste Special > Values)."),
    "STRUCT_016": ("Thông tin nhận diện của tệp bị hỏng (kỳ báo cáo \"{value}\"). Dùng lại tệp mẫu Văn phòng gửi.",
                   "The file's identifying metadata is damaged (period \"{value}\"). Use the template from "
                   "the Office again."),
    "STRUCT_017": ("Sheet \"{value}\" có bảng nhập liệu như sheet \"{entry}\" và có số liệu mà sheet \"{entry}\" "
                   "không có ({rows} dòng). Công cụ chỉ đọc sheet \"{entry}\": số liệu ở sheet \"{value}\" chưa "
                   "được nhận. Chép số liệu sang sheet \"{entry}\" (hoặc xóa sheet \"{value}\" nếu là bản sao "
                   "thừa) rồi gửi lại.",
                   "The sheet \"{value}\" holds the entry table of \"{entry}\" with data that \"{entry}\" does "
                   "not hold ({rows} rows). Only the sheet \"{entry}\" is read: the data on \"{value}\" was not "
                   "taken. Copy it into \"{entry}\" (or delete \"{value}\" if it is a spare copy) and send the "
                   "file again."),
    "STRUCT_018": ("Đây là tệp tổng hợp của Văn phòng (do merge-submissions ghi), không phải tệp đơn vị gửi về; "
                   "validate kiểm tra tệp đơn vị điền. Xem tệp tổng hợp bằng status hoặc report.",
                   "This is the Office's master (written by merge-submissions), not a unit's returned file; "
                   "validate checks the files units fill. Look at a master with status or report."),
    "STRUCT_019": ("Sheet {sheets} của tệp mẫu đã bị xóa, đổi tên hoặc sửa, nên không kiểm tra được tệp theo kế hoạch "
                   "mà tệp mang theo. Số liệu ở sheet Tiến độ vẫn còn: kiểm tra bằng tệp kế hoạch của Văn phòng "
                   "(cchc-excel validate --plan <tệp kế hoạch> \"{path}\"), hoặc chép số liệu sang bản sao gốc rồi "
                   "gửi bản đó.",
                   "The template's sheet(s) {sheets} were deleted, renamed or edited, so the file cannot be checked "
                   "against the plan it carries. The data on Tiến độ is still there: check it with the Office's plan "
                   "file (cchc-excel validate --plan <plan file> \"{path}\"), or copy the data into the original "
                   "copy and send that one."),
    # The entry sheet: values (only the row is rejected)
    "VAL_001": ("Chưa chọn \"Tình trạng\" dù dòng đã có nội dung. Chọn một trong: {choices}.",
                "\"Tình trạng\" is empty although the row has content. Choose one of: {choices}."),
    "VAL_002": ("Tình trạng \"{value}\" không hợp lệ. Chọn một trong: {choices}.",
                "Status \"{value}\" is not valid. Choose one of: {choices}."),
    "VAL_003": ("Tình trạng \"{value}\" được hiểu là \"{expected}\". Nên chọn lại từ danh sách.",
                "Status \"{value}\" was read as \"{expected}\". Better pick it from the list."),
    "VAL_004": ("Tình trạng \"Hoàn thành\" nhưng chưa có \"{field}\". Nhập \"{field}\" hoặc đổi tình trạng.",
                "Status \"Hoàn thành\" but \"{field}\" is empty. Fill it in or change the status."),
    "VAL_005": ("Tình trạng \"Đang thực hiện\" nhưng chưa ghi \"Kết quả thực hiện\". Ghi kết quả đạt được "
                "đến nay.",
                "Status \"Đang thực hiện\" but no \"Kết quả thực hiện\". Describe the progress so far."),
    "VAL_006": ("Tình trạng \"Không phát sinh\" nhưng chưa ghi lý do. Ghi lý do vào \"Kết quả thực hiện\".",
                "Status \"Không phát sinh\" but no explanation. Write why in \"Kết quả thực hiện\"."),
    "VAL_007": ("Tài liệu kiểm chứng không nêu số, ký hiệu hay ngày văn bản. Ghi như: {example}.",
                "The evidence cites no document number/symbol or date. Write e.g.: {example}."),
    "VAL_008": ("\"{value}\" không phải ngày hợp lệ. Ghi ngày có thật theo dạng dd/mm/yyyy, ví dụ 15/06/2021.",
                "\"{value}\" is not a valid date. Write a real date as dd/mm/yyyy, e.g. 15/06/2021."),
    "VAL_009": ("Ngày {value} ở tương lai (hôm nay là {expected}). Sửa lại ngày.",
                "The date {value} is in the future (today is {expected}). Correct it."),
    "VAL_010": ("Ngày hoàn thành {value} sau ngày chốt số liệu của kỳ ({expected}). Việc hoàn thành sau "
                "ngày chốt báo cáo ở kỳ sau.",
                "Completion date {value} is after the period's cut-off ({expected}). Report it in the next "
                "period."),
    "VAL_011": ("Ngày hoàn thành {value} trước kỳ báo cáo (từ {expected}). Kiểm tra lại nếu không phải việc "
                "đã xong từ kỳ trước.",
                "Completion date {value} is before the period (from {expected}). Check it unless the work "
                "was done in an earlier period."),
    "VAL_012": ("Chưa ghi \"Người cập nhật\". Ghi họ tên người nhập dòng này.",
                "\"Người cập nhật\" is empty. Write the name of who filled the row."),
    "VAL_013": ("Nội dung dài {value} ký tự (theo cách Excel đếm: biểu tượng cảm xúc tính 2), chạm hoặc vượt giới "
                "hạn {expected} ký tự của một ô Excel (phần vượt bị cắt nên dòng không được nhận). Rút gọn hoặc "
                "dẫn chiếu tới tài liệu.",
                "The text has {value} characters (as Excel counts them: an emoji counts 2), at or over Excel's "
                "{expected}-character cell limit (the rest would be cut off, so the row is not taken). Shorten it "
                "or point to a document."),
    "VAL_014": ("Ô chứa ký tự điều khiển không in được hoặc ký tự không hợp lệ (U+FFFE, U+FFFF). Gõ lại nội dung "
                "ô (không dán từ phần mềm khác).",
                "The cell contains non-printable control characters or invalid characters (U+FFFE, U+FFFF). "
                "Retype it (do not paste from other software)."),
    "VAL_015": ("Chữ tiếng Việt ở dạng tổ hợp (Unicode tổ hợp); đã tự chuyển sang dạng dựng sẵn. Nên đặt bộ "
                "gõ ở bảng mã \"Unicode dựng sẵn\".",
                "Vietnamese text in decomposed Unicode was normalised to NFC. Set the keyboard to "
                "precomposed Unicode."),
    "VAL_016": ("Ngày \"{value}\" đã được đọc là {expected} (ngày trước, tháng sau). Nên gõ đúng dạng "
                "ngày/tháng/năm với dấu /, ví dụ 15/06/2021.",
                "The date \"{value}\" was read as {expected} (day first). Better type day/month/year with "
                "slashes, e.g. 15/06/2021."),
    "VAL_017": ("Ô chứa {held}, không phải chữ: ứng dụng đã tự đổi điều đã gõ thành số, ngày hoặc TRUE/FALSE. "
                "Đã giữ đúng như ô hiển thị: \"{value}\". Kiểm tra lại; để giữ nguyên điều gõ, định dạng ô là "
                "Văn bản (Text) rồi gõ lại.",
                "The cell holds {held}, not text: the application turned what was typed into a number, date or "
                "TRUE/FALSE. Kept as the cell displayed it: \"{value}\". Check it; to keep what is typed, format "
                "the cell as Text and type it again."),
    "VAL_018": ("Ô ngày tháng {value} có thể đã bị đảo ngày và tháng: máy đọc ngày theo kiểu tháng trước (thấy "
                "\"{example}\"), nên nếu đã gõ {swapped} thì ô đã thành {value}. Kiểm tra lại rồi gõ ngày dạng "
                "ngày/tháng/năm, ví dụ 05/06/2021 là ngày 5 tháng 6.",
                "The date cell {value} may have day and month swapped: the computer read dates month first (see "
                "\"{example}\"), so {swapped} typed became {value}. Check it and type day/month/year, e.g. "
                "05/06/2021 for 5 June."),
    "VAL_019": ("Ô có ký tự ẩn không nhìn thấy ({chars}), thường do dán từ trang web, PDF hay phần mềm khác; đã "
                "bỏ (khoảng trắng đặc biệt thay bằng khoảng trắng thường) và đọc là \"{value}\". Nên gõ lại ô này.",
                "The cell has invisible characters ({chars}), usually pasted from a web page, PDF or other "
                "software; they were removed (special spaces made plain) and the cell read as \"{value}\". "
                "Better retype it."),
    "VAL_020": ("Ngày cập nhật {value} trước kỳ báo cáo {period} (số liệu của kỳ tính từ {expected}): dòng chưa "
                "được cập nhật cho kỳ này (có thể còn số liệu kỳ trước điền sẵn trong tệp) nên không được nhận. Cập nhật "
                "nội dung dòng cho kỳ này và sửa \"Ngày cập nhật\" thành ngày cập nhật (từ {expected} trở đi).",
                "Update date {value} is before the period {period_en} (whose data starts on {expected}): the row was "
                "not updated for this period (it may still hold values pre-filled from an earlier period), so it is "
                "not taken. Update the row for this period and set \"Ngày cập nhật\" to the day you update it (on or "
                "after {expected})."),
    "VAL_021": ("Ngày hoàn thành {value} sau Ngày cập nhật {expected} của dòng: việc không thể xong sau ngày dòng được "
                "cập nhật. Kiểm tra lại hai ngày (nếu việc xong sau khi cập nhật, sửa cả \"Ngày cập nhật\").",
                "Completion date {value} is after the row's update date {expected}: work cannot be done after the day "
                "its row was updated. Check both dates (if it was done after the update, correct \"Ngày cập nhật\" "
                "too)."),
    "VAL_022": ("Dòng còn nguyên Ngày cập nhật {value} của số liệu kỳ trước điền sẵn trong tệp: dòng chưa được "
                "cập nhật cho kỳ {period} nên không được nhận. Cập nhật nội dung dòng cho kỳ này (kể cả khi không có gì thay "
                "đổi, xác nhận lại) và sửa \"Ngày cập nhật\" thành ngày cập nhật.",
                "The row still has the update date {value} of the previous period's values pre-filled in the file: it "
                "was not updated for the period {period_en}, so it is not taken. Update the row for this period "
                "(confirm it even if nothing changed) and set \"Ngày cập nhật\" to the day you update it."),
    "VAL_023": ("Chưa ghi \"Ngày cập nhật\" dù dòng đã có nội dung: khi gộp, bản có Ngày cập nhật muộn hơn được "
                "lấy, nên dòng không có ngày không được nhận. Ghi ngày nhập hoặc sửa dòng này theo dạng dd/mm/yyyy "
                "(không sau hôm nay, {expected}).",
                "\"Ngày cập nhật\" is empty although the row has content: merging takes the value with the later "
                "update date, so a row without one is not taken. Write the day this row was filled in or corrected "
                "as dd/mm/yyyy (not after today, {expected})."),
    "VAL_024": ("Dòng có số liệu kỳ trước điền sẵn trong tệp (Ngày cập nhật {carried}) nhưng ô \"Ngày cập nhật\" "
                "đã bị xóa: không rõ dòng đã được cập nhật cho kỳ {period} chưa nên không được nhận. Cập nhật nội "
                "dung dòng cho kỳ này (kể cả khi không có gì thay đổi, xác nhận lại) và ghi ngày cập nhật vào "
                "\"Ngày cập nhật\" (dd/mm/yyyy), không để trống.",
                "The row holds values pre-filled from an earlier period (update date {carried}) but its \"Ngày cập "
                "nhật\" was emptied: it is not known whether the row was updated for the period {period_en}, so it is not taken. "
                "Update the row for this period (confirm it even if nothing changed) and write the day you update "
                "it in \"Ngày cập nhật\" (dd/mm/yyyy); do not leave it empty."),
    "VAL_025": ("Dòng có Ngày hoàn thành {value} nhưng Tình trạng là \"{status}\", chưa hoàn thành: tệp tổng hợp "
                "sẽ ghi một việc chưa xong có ngày hoàn thành. Nếu việc chưa xong, xóa Ngày hoàn thành (và văn bản "
                "kết quả của lần trước nếu không còn đúng); nếu đã xong, sửa Tình trạng thành \"Hoàn thành\".",
                "The row has the completion date {value} but its status is \"{status}\", not done: the master "
                "would keep an unfinished task with a completion date. If the work is not done, clear \"Ngày hoàn "
                "thành\" (and the earlier evidence if it no longer holds); if it is done, set the status to "
                "\"Hoàn thành\"."),
    # Collecting submissions
    "MERGE_001": ("Bỏ qua tệp khóa tạm của Excel (~$…): không phải dữ liệu.",
                  "Skipped an Excel lock file (~$…): it is not data."),
    "MERGE_002": ("Bỏ qua tệp ẩn hoặc tệp tạm.", "Skipped a hidden or temporary file."),
    "MERGE_003": ("Bỏ qua tệp không phải bảng tính .xlsx, .xlsm hay .ods. Nếu là bảng tính, lưu lại: "
                  + SAVE_ROUTES[0],
                  "Skipped a file that is not an .xlsx, .xlsm or .ods spreadsheet. If it is a spreadsheet, save "
                  "it again: " + SAVE_ROUTES[1]),
    "MERGE_004": ("Bỏ qua chính tệp tổng hợp hoặc bản lưu của nó.", "Skipped the master itself or its backup."),
    "MERGE_005": ("Tệp tổng hợp {path} đang mở trong Excel hoặc LibreOffice (có tệp {lock}). Đóng tệp rồi chạy lại "
                  "(nếu không ai mở, xóa tệp {lock}).",
                  "The master {path} is open in Excel or LibreOffice ({lock} exists). Close it and run again (if "
                  "nobody has it open, delete {lock})."),
    "MERGE_006": ("Tệp thuộc kỳ {value}, không phải kỳ {expected} đang gộp. Gửi đúng tệp của kỳ {expected}.",
                  "The file is for period {value}, not {expected} being merged. Send the file of period "
                  "{expected}."),
    "MERGE_007": ("Không tìm thấy thư mục hoặc tệp {path}.", "No folder or file {path}."),
    "MERGE_008": ("Tệp tổng hợp {path} là của Kế hoạch {found}, không cùng bản kế hoạch {expected} ghi ở --plan; so "
                  "với bản của tệp tổng hợp, bản ở --plan: {changes}. Chọn tệp tổng hợp khác (mỗi bản kế hoạch một "
                  "tệp tổng hợp) hoặc bỏ --plan (xem mục \"Khi kế hoạch thay đổi giữa năm\" của README).",
                  "The master {path} belongs to plan {found}, not the same version as plan {expected} given by "
                  "--plan; compared with the master's, the version of --plan: {changes}. Choose another master "
                  "(one per version of a plan) or leave out --plan (see \"Khi kế hoạch thay đổi giữa năm\" in the "
                  "README)."),
    "MERGE_012": ("Tệp tổng hợp {path} đang được gộp bởi {holder}. Chờ lần gộp đó xong rồi chạy lại.",
                  "The master {path} is being merged by {holder}. Wait for that merge to finish and run again."),
    "MERGE_013": ("Tệp được lập với hạn đơn vị gửi {value}, khác hạn của các tệp khác cùng kỳ {period}: tệp tổng hợp "
                  "tính hạn kỳ này là {kept}. Kiểm tra lại hạn đã giao cho các đơn vị.",
                  "The file was made with the units' deadline {value}, unlike other files of period {period}: the "
                  "master takes {kept} as this period's deadline. Check the deadline the units were given."),
    "MERGE_014": ("{value} dòng của tệp (dòng {rows}) KHÔNG được đưa vào tệp tổng hợp, chỉ ghi vào sheet Lịch sử "
                  "{period}: tệp tổng hợp đang giữ giá trị mới hơn (Ngày cập nhật đang có: {kept}). Nếu tệp này là "
                  "bản sửa gửi lại thì giá trị sửa CHƯA được nhận: đề nghị đơn vị ghi Ngày cập nhật là ngày sửa thật "
                  "(muộn hơn ngày đang có) ở các dòng đó rồi gửi lại để gộp. Nếu là bản cũ gửi lại thì không cần làm "
                  "gì.",
                  "{value} rows of the file (rows {rows}) were NOT taken into the master, only written to its "
                  "history sheet Lịch sử {period}: the master holds a later value (Ngày cập nhật there: {kept}). If this "
                  "file is a corrected resend, the correction has NOT been applied: ask the unit to set Ngày cập "
                  "nhật on those rows to the true date of the correction (later than the one kept) and send it "
                  "again to be merged. If it is an old copy sent again, nothing needs doing."),
    "MERGE_015": ("Tệp giống hệt (cùng SHA-256) tệp {first} đã đọc trong lần gộp này: chỉ đọc và tính một lần, "
                  "tệp này bỏ qua. Xóa bản trùng khỏi thư mục nhận.",
                  "The file is identical (same SHA-256) to {first}, read in this merge: it is read and counted "
                  "once, this file is skipped. Remove the duplicate from the inbox."),
    "MERGE_016": ("{value} dòng của tệp (dòng {rows}, kỳ {period}) có cùng Ngày cập nhật ({updated}) với tệp {winner} "
                  "nhưng khác giá trị: tệp tổng hợp lấy giá trị của tệp {winner} vì tệp đó được lưu sau, giá trị "
                  "của tệp này chỉ ghi vào sheet Lịch sử {period}. Nếu tệp này mới là bản đúng, đề nghị đơn vị ghi "
                  "Ngày cập nhật là ngày sửa thật ở các dòng đó rồi gửi lại.",
                  "{value} rows of the file (rows {rows}, period {period}) have the same Ngày cập nhật ({updated}) as "
                  "the file {winner} but other values: the master takes {winner}'s values, that file being saved "
                  "later; this file's values are only written to the history sheet Lịch sử {period}. If this file is "
                  "the right one, ask the unit to set the true date of the correction as Ngày cập nhật of those rows "
                  "and send it again."),
    "MERGE_017": ("Còn {value} cảnh báo {kind} khác như trên ở các ô {cells}. Xem đủ từng ô bằng lệnh: cchc-excel "
                  "validate \"{path}\".",
                  "{value} more {kind} warnings like the above, in cells {cells}. See each cell with: cchc-excel "
                  "validate \"{path}\"."),
    "MERGE_018": ("Tệp đang mở trong Excel hoặc LibreOffice (có tệp khóa {lock} bên cạnh): chỉ gộp được bản đã lưu "
                  "lần cuối, phần đang sửa mà chưa lưu không có trong tệp tổng hợp. Lưu và đóng tệp rồi gộp lại "
                  "(nếu không ai mở, xóa tệp {lock}).",
                  "The file is open in Excel or LibreOffice (its lock file {lock} is beside it): only its last saved "
                  "state is merged; edits not saved yet are not in the master. Save and close the file, then merge "
                  "again (if nobody has it open, delete {lock})."),
    "MERGE_009": ("Bỏ qua mục không phải tệp thường (ống, thiết bị, socket).",
                  "Skipped an entry that is not a regular file (pipe, device, socket)."),
    "MERGE_010": ("Bỏ qua thư mục hoặc tệp không đọc được ({detail}). Kiểm tra quyền truy cập.",
                  "Skipped a folder or file that cannot be read ({detail}). Check the access rights."),
    "MERGE_011": ("Bỏ qua liên kết (shortcut, symlink) trỏ ra ngoài thư mục nhận hoặc tới một thư mục: không được "
                  "theo. Chép chính tệp vào thư mục nhận.",
                  "Skipped a link pointing outside the inbox or to a folder: not followed. Copy the file itself "
                  "into the inbox."),
    # The master workbook (the Office's own file, edited or damaged)
    "MASTER_001": ("Tệp tổng hợp {path} bị sửa cấu trúc: ô {sheet}!{cell} là \"{value}\", đúng ra là tiêu đề "
                   "\"{expected}\". Không chèn, xóa hay đổi tên cột ở sheet này; lấy lại bản lưu (.bak.xlsx) nếu cần.",
                   "The master {path} was restructured: cell {sheet}!{cell} holds \"{value}\" where the header "
                   "\"{expected}\" belongs. Do not insert, delete or rename columns on this sheet; restore the "
                   "backup (.bak.xlsx) if needed."),
    "MASTER_002": ("Tệp tổng hợp {path} có giá trị không đọc được ở ô {sheet}!{cell} (cột \"{field}\"): \"{value}\". "
                   "Sửa lại ô này như công cụ đã ghi hoặc lấy lại bản lưu (.bak.xlsx); công cụ không ghi đè giá trị "
                   "đoán.",
                   "The master {path} has an unreadable value in {sheet}!{cell} (column \"{field}\"): \"{value}\". "
                   "Restore the value the tool wrote or the backup (.bak.xlsx); the tool never writes a guess back."),
    "MASTER_003": ("Thông tin nhận diện của tệp tổng hợp {path} bị hỏng ({cell} = \"{value}\"). Lấy lại bản lưu "
                   "(.bak.xlsx).",
                   "The identifying metadata of the master {path} is damaged ({cell} = \"{value}\"). Restore the "
                   "backup (.bak.xlsx)."),
    "MASTER_004": ("Tệp {path} là bản sao dành cho {unit} điền số liệu, không phải tệp tổng hợp (tệp --master của "
                   "merge-submissions). Hãy dùng tệp tổng hợp của Văn phòng, ví dụ tong-hop.xlsx, thay cho tệp này. "
                   "Tệp đơn vị gửi về thì kiểm tra bằng lệnh validate và gộp vào tệp tổng hợp bằng lệnh "
                   "merge-submissions.",
                   "{path} is the copy for {unit} to fill in, not a master (the --master file of merge-submissions). "
                   "Give the Office's master, e.g. tong-hop.xlsx; check a unit's returned file with validate and "
                   "merge it with merge-submissions."),
    "MASTER_005": ("Tệp {path} là tệp dùng chung tạo bằng init, chưa phải tệp tổng hợp: chưa có số liệu nào được "
                   "gộp vào. Hãy gộp các tệp đơn vị gửi về (merge-submissions THƯ-MỤC --master tong-hop.xlsx) rồi "
                   "dùng tệp tổng hợp đó thay cho tệp này.",
                   "{path} is the shared workbook made by init, not a master: nothing has been merged into it. "
                   "Merge the units' returned files (merge-submissions FOLDER --master tong-hop.xlsx) and give that "
                   "master."),
    "MASTER_006": ("Tệp {path} không phải tệp tổng hợp do cchc-excel ghi (không có thông tin nhận diện của tệp "
                   "tổng hợp). Hãy dùng tệp tổng hợp mà lệnh merge-submissions ghi (tệp --master), ví dụ "
                   "tong-hop.xlsx.",
                   "{path} is not a master written by cchc-excel (it has no master's identifying metadata). Give "
                   "the --master file of merge-submissions, e.g. tong-hop.xlsx."),
    # The report
    "REPORT_001": ("Tệp tổng hợp {path} chưa có dữ liệu của kỳ {period}. Gộp các tệp đơn vị gửi về của kỳ này "
                   "(cchc-excel merge-submissions) trước khi xem tình hình (status) hoặc lập báo cáo (report).",
                   "The master {path} has no data for {period}. Merge that period's returned files "
                   "(cchc-excel merge-submissions) before asking its status or writing the report."),
    "REPORT_002": ("Hạn đơn vị gửi báo cáo ({deadline}) không trước hạn báo cáo {recipient} ({due}): Văn phòng "
                   "không còn thời gian tổng hợp. Đặt hạn đơn vị sớm hơn (--deadline khi tạo tệp, hoặc \"Ngày hạn "
                   "đơn vị gửi báo cáo\" trong tệp kế hoạch).",
                   "The units' deadline ({deadline}) is not before the deadline of {recipient} ({due}): the Office "
                   "has no time to compile. Set an earlier units' deadline (--deadline when creating the workbook, "
                   "or \"Ngày hạn đơn vị gửi báo cáo\" in the plan workbook)."),
    "REPORT_003": ("Ngày báo cáo {day} (--date) trước ngày ban hành Kế hoạch số {plan} ({issued}): báo cáo vẫn "
                   "được ghi nhưng mang ngày trước cả Kế hoạch mà nó báo cáo. Kiểm tra năm, ngày và tháng của --date "
                   "(dd/mm/yyyy) rồi lập lại báo cáo (thêm --force để ghi đè).",
                   "The report date {day} (--date) is before plan {plan} was issued ({issued}): the report was "
                   "written, dated before the very plan it reports on. Check the year, day and month of --date "
                   "(dd/mm/yyyy) and write the report again (add --force to replace it)."),
    "REPORT_004": ("Ngày báo cáo {day} (--date) trước ngày cuối số liệu của kỳ {period} ({end}): báo cáo vẫn được "
                   "ghi nhưng số liệu, nhiệm vụ quá hạn tính đến ngày {day}, khi kỳ chưa hết. Kiểm tra năm, ngày và "
                   "tháng của --date (dd/mm/yyyy) rồi lập lại báo cáo (thêm --force để ghi đè).",
                   "The report date {day} (--date) is before the end of the data of {period_en} ({end}): the report was "
                   "written, its figures and overdue tasks counted as of {day}, before the period is over. Check the "
                   "year, day and month of --date (dd/mm/yyyy) and write the report again (add --force to replace "
                   "it)."),
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
    "OPT_004": ("{detail} Gõ \"{command} -h\" để xem cách dùng.",
                "{detail} Type \"{command} -h\" for the usage."),
    "OPT_005": ("Hạn gửi {value} sớm hơn cả ngày bắt đầu số liệu của kỳ {period} ({start}–{end}): đơn vị nào cũng "
                "sẽ bị coi là trễ hạn. Kiểm tra năm, ngày và tháng của --deadline (dd/mm/yyyy). Chưa có tệp nào được "
                "ghi.",
                "The deadline {value} is before the data of {period_en} even start ({start}–{end}): every unit would "
                "be late. Check the year, day and month of --deadline (dd/mm/yyyy). Nothing was written."),
    "OPT_006": ("Kỳ {value} là {period} (số liệu {start}–{end}), trước năm ban hành Kế hoạch {number} (ngày {date}): "
                "khi đó kế hoạch chưa có. Kiểm tra năm của --period, ví dụ {example}. Chưa có tệp nào được ghi.",
                "The period {value} is {period_en} (data {start}–{end}), before the year Plan {number} was issued "
                "({date}): the plan did not exist then. Check the year of --period, e.g. {example}. Nothing was "
                "written."),
    "OPT_003": ("Tên tệp {path} không hợp với loại tệp lệnh này ghi: tên phải có đuôi {accepted}, ví dụ "
                "{example}. Chưa có tệp nào được ghi.",
                "The file name {path} does not match the kind of file this command writes: the name must end in "
                "{accepted}, e.g. {example}. Nothing was written."),
}

ERROR, WARNING = "error", "warning"


class Scope(Enum):
    """What a problem is about, and so what it blocks when it is an error."""

    RUN = "run"  # the command itself (an option, a missing tool): nothing is read
    FILE = "file"  # the whole file is unusable and rejected
    ROW = "row"  # only the row is rejected; the file's other rows are merged


@dataclass(frozen=True)
class Message:
    """One code of the catalogue: its texts, severity and scope."""

    code: str
    vi: str
    en: str
    severity: str
    scope: Scope

    def text(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


# The parts of PLAN_014's and MERGE_008's {changes} (model/plan_changes.py), each naming units, tasks or rows;
# {s} is "s" when they name more than one
PLAN_CHANGES = {
    "plan": ("có số, ngày kế hoạch khác ({what})", "has another plan number or date ({what})"),
    "units_gone": ("không còn giao việc cho {what}", "gives no task any more to {what}"),
    "units_new": ("giao việc cho đơn vị mới {what}", "gives tasks to new unit{s} {what}"),
    "units_recoded": ("đổi mã đơn vị {what}", "changes unit code{s} {what}"),
    "items_gone": ("bỏ nhiệm vụ {what}", "removes task{s} {what}"),
    "items_new": ("thêm nhiệm vụ {what}", "adds task{s} {what}"),
    "items_reworded": ("sửa nội dung nhiệm vụ {what}", "rewords task{s} {what}"),
    "rows": ("giao việc khác ở các dòng {what}", "assigns other row{s} {what}"),
    "unknown": ("khác ở mã nhận diện kế hoạch ({what}), không đọc được kế hoạch trong tệp",
                "differs in the plan's fingerprint ({what}); the plan in the file could not be read"),
}

# Codes whose problems never block (cảnh báo); every other code is an error (lỗi).
_WARNINGS = {"READ_011", "PLAN_012", "PLAN_013", "PLAN_016", "MERGE_013", "MERGE_014", "MERGE_015", "MERGE_016",
             "MERGE_017", "MERGE_018", "VAL_003", "VAL_007", "VAL_011", "VAL_015", "VAL_016", "VAL_017", "VAL_018",
             "VAL_019", "VAL_021", "VAL_025", "REPORT_002", "REPORT_003", "REPORT_004"}
# Problems of one row; every other code concerns the whole file or the run.
_ROW = {f"VAL_{n:03d}" for n in range(1, 26)}
_RUN = {"READ_006", "READ_012", "PLAN_015", "PLAN_016", "WRITE_001", "WRITE_002", "WRITE_003", "MERGE_005",
        "MERGE_007", "MERGE_008", "MERGE_012", "MASTER_001", "MASTER_002", "MASTER_003", "MASTER_004",
        "MASTER_005", "MASTER_006", "REPORT_001", "REPORT_002", "REPORT_003", "REPORT_004", "OFFICE_001",
        "OFFICE_002", "OPT_001", "OPT_002", "OPT_003", "OPT_004", "OPT_005", "OPT_006"}


def _registry() -> dict[str, Message]:
    registry = {}
    for code, (vi, en) in TEXTS.items():
        scope = Scope.ROW if code in _ROW else Scope.RUN if code in _RUN else Scope.FILE
        registry[code] = Message(code, vi, en, WARNING if code in _WARNINGS else ERROR, scope)
    unknown = (_WARNINGS | _ROW | _RUN) - set(registry)
    if unknown:  # a misspelt code fails at import, not when its message is shown
        raise AssertionError(f"codes without a message: {sorted(unknown)}")
    return registry


MESSAGES: dict[str, Message] = _registry()
