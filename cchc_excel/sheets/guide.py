"""The text of the `Hướng dẫn` sheet: who fills what, status meanings, evidence, dates, how to send."""
from __future__ import annotations

from datetime import date

from ..model import layout
from ..model.periods import Period
from ..model.plan import Plan
from ..model.status import report_due


def guide_lines(plan: Plan, period: Period, deadline: date) -> list[tuple[str, str]]:
    """(kind, text) lines; kind is 'title', 'heading' or 'text'."""
    facts = plan.facts
    progress, done = layout.SHEET_PROGRESS, layout.STATUS_DONE
    first_input, last_input = layout.INPUT_COLUMNS[0], layout.INPUT_COLUMNS[-1]
    year = period.year  # date examples in the period's year, not another plan's
    return [
        ("title", f"HƯỚNG DẪN CẬP NHẬT TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH SỐ {facts.number}"),
        ("text", f"Kế hoạch số {facts.number} ngày {facts.date:%d/%m/%Y} của {facts.agency}"
                 + (f": {facts.title}." if facts.title else ".")),
        ("text", f"Kỳ báo cáo: {period.label()} — số liệu từ ngày {period.start:%d/%m/%Y} "
                 f"đến ngày {period.end:%d/%m/%Y}."),
        ("text", f"Hạn gửi tệp về Văn phòng: ngày {deadline:%d/%m/%Y}. Hạn báo cáo "
                 f"{facts.report_recipient or 'Sở Nội vụ'}: ngày {report_due(facts, period):%d/%m/%Y}."),
        ("text", ""),
        ("heading", "1. Ai nhập, nhập vào đâu"),
        ("text", f"Mỗi đơn vị nhập các dòng mang tên đơn vị mình ở cột \"Đơn vị thực hiện\" của sheet "
                 f"\"{progress}\". Bấm nút lọc ở dòng tiêu đề để chỉ hiện các dòng của đơn vị mình."),
        ("text", "Đơn vị có vai trò \"Chủ trì\" báo cáo kết quả chung của nhiệm vụ; đơn vị \"Phối hợp\" "
                 "báo cáo phần việc mình đã phối hợp."),
        ("text", f"Các cột từ \"STT\" đến \"Thời gian thực hiện\" là nội dung Kế hoạch, đã khóa. Chỉ nhập "
                 f"vào các cột từ \"{first_input}\" đến \"{last_input}\"."),
        ("heading", "2. Tình trạng (chọn trong danh sách thả xuống)"),
        ("text", "• Chưa thực hiện: trong kỳ chưa triển khai nhiệm vụ."),
        ("text", "• Đang thực hiện: đã triển khai nhưng chưa xong; ghi kết quả đạt được đến nay vào "
                 "\"Kết quả thực hiện\"."),
        ("text", f"• {done}: đã xong; bắt buộc ghi \"Kết quả thực hiện\", \"Tài liệu kiểm chứng\" và "
                 "\"Ngày hoàn thành\" (dòng thiếu sẽ tô đỏ)."),
        ("text", "• Không phát sinh: trong kỳ không có việc phát sinh; ghi lý do vào \"Kết quả thực hiện\"."),
        ("heading", "3. Tài liệu kiểm chứng"),
        ("text", f"Ghi số, ký hiệu và ngày của văn bản, ví dụ: \"{facts.example_document()}\". "
                 "Mỗi văn bản một dòng (Alt+Enter). Tiêu chí không có tài liệu kiểm chứng có thể bị 0 điểm."),
        ("heading", "4. Ngày tháng"),
        ("text", f"Gõ ngày theo thứ tự ngày/tháng/năm, cách nhau bằng dấu \"/\", năm đủ 4 chữ số: 15/06/{year} "
                 f"hoặc 15/6/{year} là ngày 15 tháng 6 năm {year}; 05/06/{year} hoặc 5/6/{year} là ngày 5 tháng 6. "
                 "Ô ngày để dạng chữ (Text) nên ngày gõ vào được đọc như nhau trên mọi máy, dù máy đặt ngôn ngữ tiếng "
                 "Việt hay tiếng Anh (Mỹ). Ngày hoàn thành phải nằm trong kỳ báo cáo và không sau ngày cập nhật."),
        ("text", "Các ô nhập liệu đều để dạng chữ (Text): \"100%\", \"3/5\", \"1.234\" được giữ đúng như đã gõ. "
                 "Không đổi định dạng ô sang Số hay Ngày."),
        ("text", "\"Người cập nhật\" và \"Ngày cập nhật\": họ tên người nhập và ngày nhập hoặc sửa dòng, bắt buộc "
                 "ở mọi dòng đã nhập (dòng thiếu không được nhận; ô Ngày cập nhật còn trống được tô đỏ). Dòng đã "
                 "điền sẵn số liệu kỳ trước: cập nhật cho kỳ này và sửa cả \"Ngày cập nhật\" (từ ngày "
                 f"{period.start:%d/%m/%Y}); dòng còn ngày cập nhật trước kỳ là chưa báo cáo, không được nhận."),
        ("heading", "5. Để không làm hỏng tệp"),
        ("text", "Không thêm, xóa, gộp ô hay đổi thứ tự dòng, cột; không đổi tên sheet; không nhập công thức. "
                 f"Chỉ nhập vào sheet \"{progress}\": số liệu nhập vào bản sao của sheet không được đọc. "
                 "Khi dán từ nơi khác, dùng Dán đặc biệt > Chỉ giá trị (Ctrl+Shift+V) và không dán chữ có ký tự "
                 "ẩn từ trang web, PDF. Sheet được bảo vệ nên không sắp xếp được; dùng nút lọc để xem các dòng "
                 "cần cập nhật."),
        ("heading", "6. Kiểm tra và gửi"),
        ("text", "Trước khi gửi, xem lại các dòng tô đỏ. Văn phòng kiểm tra từng tệp nhận được và báo lại "
                 "từng ô cần sửa; đề nghị đơn vị sửa và gửi lại tệp."),
        ("text", "Lưu tệp dạng Excel (.xlsx) hoặc, với LibreOffice, dạng .xlsx hay .ods; không lưu dạng .xls "
                 "cũ, không đặt mật khẩu, không đổi đuôi tệp. Excel: Lưu thành → Sổ làm việc Excel (.xlsx). "
                 "LibreOffice: Lưu thành → Excel 2007-365 (.xlsx) hoặc ODF (.ods)."),
        ("text", f"Gửi qua thư điện tử cho Văn phòng trước ngày {deadline:%d/%m/%Y}."),
    ]
