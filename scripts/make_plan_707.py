"""Write workbooks/ke-hoach-707-KH-SKHDT-2021.xlsx, the built-in plan, typed in from the seed text.

The seed is Kế hoạch 707/KH-SKHĐT (Trà Vinh, 15/4/2021) as extracted from its PDF. The texts below
are as written there; only evident extraction errors are corrected, each listed in CORRECTIONS
(and on the workbook's "Hiệu đính" sheet). Run: python scripts/make_plan_707.py
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from cchc_excel.model.plan import Plan, PlanFacts, PlanItem
from cchc_excel import write_plan_workbook
from cchc_excel.model.units import Unit, UnitKind, UnitRegistry

OUT = Path(__file__).resolve().parent.parent / "workbooks" / "ke-hoach-707-KH-SKHDT-2021.xlsx"

PTT = "Các phòng, Trung tâm trực thuộc Sở"
YEARS = "Trong năm 2021 và các năm tiếp theo"
HANDLERS = "-Trung tâm XTĐT&HTDN; -Phòng ĐKKD; -Phòng Đầu tư XDCB."
QPPL = "các văn bản quy phạm pháp luật thuộc phạm vi quản lý"

# (code, criterion, solution, lead units, coordinating units, timeframe); "" under a parent = inherited
ITEMS = [
    ("1", "Sáng kiến hoặc giải pháp mới trong cải cách hành chính",
     "Các phòng, Trung tâm trực thuộc Sở đẩy mạnh việc viết sáng kiến/giải pháp hữu ích về công tác CCHC",
     PTT, "Văn phòng Sở; Sở Nội vụ", YEARS),
    ("2", f"Tính hợp lý của {QPPL}",
     "- Các Phòng, Trung tâm nâng cao chất lượng tham mưu xây dựng văn bản QPPL.\n"
     "- Thường xuyên rà soát các quy định của Luật, Nghị định, đối chiếu với điều kiện của địa phương, "
     "kịp thời đề xuất các bất cập, vướng mắc trong quá trình thực hiện các văn bản quy phạm pháp luật "
     "liên quan đến nhiệm vụ của ngành",
     PTT, "Văn phòng Sở; VP UBND tỉnh", YEARS),
    ("2.1", f"Tính khả thi của {QPPL}", "", "", "", ""),
    ("2.2", f"Tính kịp thời của {QPPL}", "", "", "", ""),
    ("2.3", "Tính kịp thời trong việc phát hiện và xử lý các bất cập, vướng mắc trong tổ chức thực hiện "
     f"{QPPL}", "", "", "", ""),
    ("3", "Thực hiện tốt công tác Kiểm tra",
     "Thực hiện công tác kiểm tra tình hình thi hành pháp luật; Kiểm tra thực hiện theo các quyết định "
     "phân cấp tại các phòng, Trung tâm",
     "Văn phòng Sở", PTT, YEARS),
    ("4", "Mức độ rõ ràng, dễ hiểu về các quy định hồ sơ, thủ tục, trình tự thực hiện TTHC thuộc lĩnh vực "
     "phụ trách",
     "Các đơn vị giải quyết TTHC tăng cường rà soát các quy trình, đề xuất phương án đơn giản hóa các "
     "TTHC, áp dụng vào thực tiễn rõ ràng, dễ hiểu, góp phần mang lại sự hài lòng cho tổ chức, cá nhân "
     "đến giao dịch hành chính",
     HANDLERS, "Văn phòng Sở, Văn phòng UBND tỉnh", YEARS),
    ("5", "Việc công khai, niêm yết đầy đủ, kịp thời các quy định hồ sơ, thủ tục, trình tự thực hiện TTHC "
     "thuộc lĩnh vực phụ trách tại nơi tiếp nhận và trả kết quả",
     "Văn phòng Sở thường xuyên cập nhật, công khai đầy đủ, kịp thời các TTHC thuộc lĩnh vực phụ trách "
     "tại Bộ phận TN&TKQ – Trung tâm PVHCC tỉnh, tại trụ sở cơ quan và trên Trang thông tin điện tử Sở",
     "Văn phòng Sở", "- Trung tâm XTĐT&HTDN; - Phòng ĐKKD; - Phòng Đầu tư XDCB.",
     "Thực hiện thường xuyên khi có thay đổi"),
    ("6", "Kết quả giải quyết hồ sơ, thủ tục",
     "CCVC các đơn vị giải quyết TTHC tăng cường trách nhiệm, căn cứ quy định, quy trình tham mưu giải "
     "quyết tốt yêu cầu của cá nhân, tổ chức, kịp thời đề xuất, tháo gỡ khó khăn trong quá trình thực "
     "hiện, mang lại hiệu quả giải quyết hồ sơ, thủ tục hành chính",
     "-Trung tâm XTĐT&HTDN; -Phòng ĐKKD; - Phòng Đầu tư XDCB.", "Văn phòng Sở", "Thường xuyên"),
    ("7", "Mối quan hệ phối hợp giữa các phòng, ban, đơn vị trực thuộc cơ quan, đơn vị trong giải quyết "
     "công việc",
     "CCVC tăng cường phối hợp tốt giữa các phòng, ban, đơn vị, các đơn vị có liên quan trong tỉnh để "
     "giải quyết các yêu cầu của tổ chức, cá nhân nhằm nâng cao kết quả, chất lượng giải quyết TTHC và "
     "tham mưu xây dựng chính sách theo chức năng, nhiệm vụ được giao.",
     PTT, "Các phòng, Trung tâm, các đơn vị có liên quan trong tỉnh", "Thường xuyên"),
    ("8", "Tính công khai minh bạch trong công tác quản lý, sử dụng công chức, viên chức",
     "Văn phòng Sở tham mưu thực hiện tốt Quy chế dân chủ, lấy ý kiến trong việc thực hiện các chế độ, "
     "chính sách, các quy định, công khai tài chính, tuyển dụng, đào tạo..",
     "Văn phòng Sở", "Các phòng, Trung tâm", "Thường xuyên"),
    ("9", "Năng lực chuyên môn của công chức, viên chức đáp ứng yêu cầu nhiệm vụ",
     "Tăng cường, tạo điều kiện cho CCVC được tham gia các lớp đào tạo, bồi dưỡng, cập nhật kiến thức; "
     "Đồng thời mỗi CCVC phải tự học tập nâng cao trình độ, nắm bắt kịp thời các chủ trương, Luật, ...để "
     "tham mưu giải quyết công việc hiệu quả",
     "Văn phòng Sở", "Các phòng, Trung tâm, CCVC", "Thường xuyên"),
    ("10", "Tinh thần trách nhiệm của công chức, viên chức trong thực hiện nhiệm vụ",
     "Mỗi CCVC phải nâng cao tinh thần trách nhiệm gắn với thực hiện văn hóa công sở khi thực hiện "
     "nhiệm vụ",
     "Văn phòng Sở", "Các phòng, Trung tâm, CCVC", "Thường xuyên"),
    ("11", "Tỷ lệ hồ sơ phát sinh dịch vụ công trực tuyến mức độ 3, 4",
     "Tiếp tục đổi mới các hoạt động tuyên truyền về thực hiện công tác cải cách hành chính, nhất là cán "
     "bộ tiếp nhận hồ sơ tại Bộ phận một cửa TTPVHCC, thực hiện tốt việc khuyến khích người dân, doanh "
     "nghiệp nộp hồ sơ điện tử, tăng cường thực hiện hướng dẫn trực tiếp về cách thức và thao tác để nộp "
     "hồ sơ qua hệ thống dịch vụ công nhằm tăng cường tỷ lệ giải quyết hồ sơ qua mạng.",
     "- Cán bộ tiếp nhận HS tại TTPVHCC,\n- Văn phòng Sở", "- Phòng ĐKKD\n- Trung tâm XTD", "Thường xuyên"),
    ("12", "Tác động của cải cách đến hiện đại hóa hành chính",
     "- Cập nhật thông tin thường xuyên trên Trang điện tử của Sở, sử dụng khai thác phần mềm Quản lý "
     "văn bản điều hành I-Office trong nội bộ cơ quan;\n"
     "- Tiếp nhận, xử lý, trả kết quả xử lý hồ sơ hành chính đối với các thủ tục hành chính thuộc lĩnh "
     "vực quản lý qua Hệ thống Cổng Dịch vụ công của tỉnh (iGate) và Cổng dịch vụ công quốc gia theo quy "
     "định nhằm giúp cho quá trình xử lý công việc được nhanh chóng, thuận lợi, minh bạch, công khai.",
     "- Văn phòng Sở\n- Trung tâm XTĐT (giải quyết HS về đầu tư trên phần mềm IGate);\n"
     "- Phòng ĐKKD (giải quyết HS qua Cổng đăng ký doanh nghiệp Quốc gia)",
     "Các phòng", "Thường xuyên"),
]

CORRECTIONS = [
    ("11", "Giải pháp", "… cách thức và thao tác đề nộp hồ sơ …", "… cách thức và thao tác để nộp hồ sơ …",
     "Mất dấu khi trích xuất từ PDF (\"đề\" → \"để\")."),
    ("12", "Giải pháp", "… qua Hệ thống Công Dịch vụ công của tỉnh (iGate) …",
     "… qua Hệ thống Cổng Dịch vụ công của tỉnh (iGate) …", "Mất dấu khi trích xuất từ PDF (\"Công\" → \"Cổng\")."),
    ("12", "Giải pháp", "… và Công dịch vụ công quốc gia …", "… và Cổng dịch vụ công quốc gia …",
     "Mất dấu khi trích xuất từ PDF (\"Công\" → \"Cổng\")."),
    ("12", "Đơn vị chủ trì thực hiện", "… giải quyết HS qua Công đăng ký doanh nghiệp Quốc gia …",
     "… giải quyết HS qua Cổng đăng ký doanh nghiệp Quốc gia …", "Mất dấu khi trích xuất từ PDF (\"Công\" → \"Cổng\")."),
    ("", "Tiêu đề phụ lục", "(Kèm theo Kế hoạch số 707 /KH-SKHĐT …)", "(Kèm theo Kế hoạch số 707/KH-SKHĐT …)",
     "Khoảng trắng thừa khi trích xuất từ PDF."),
    ("2", "Giải pháp", "Hai gạch đầu dòng trên một dòng", "Mỗi gạch đầu dòng một dòng",
     "Ngắt dòng trong ô bị mất khi trích xuất; nội dung giữ nguyên."),
]

INTERNAL, EXTERNAL, GROUP, ROLE = UnitKind.INTERNAL, UnitKind.EXTERNAL, UnitKind.GROUP, UnitKind.ROLE
UNITS = [
    Unit("VP", "Văn phòng Sở", "VP Sở", ("Văn phòng",), INTERNAL),
    Unit("XTDT", "Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp", "Trung tâm XTĐT&HTDN",
         ("Trung tâm XTĐT", "Trung tâm XTD", "TT XTĐT&HTDN"), INTERNAL),
    Unit("DKKD", "Phòng Đăng ký kinh doanh", "Phòng ĐKKD", (), INTERNAL),
    Unit("DTXDCB", "Phòng Đầu tư xây dựng cơ bản", "Phòng Đầu tư XDCB", (), INTERNAL,
         note="Tên đầy đủ ghi theo tên viết tắt trong Kế hoạch; sửa nếu khác."),
    Unit("SNV", "Sở Nội vụ tỉnh Trà Vinh", "Sở Nội vụ", (), EXTERNAL),
    Unit("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh Trà Vinh", "VP UBND tỉnh",
         ("Văn phòng UBND tỉnh", "VPUBND tỉnh"), EXTERNAL),
    Unit("DVLQ", "Các đơn vị có liên quan trong tỉnh", "", (), EXTERNAL),
    Unit("PTT", PTT, "", ("Các phòng, Trung tâm", "Các phòng, TT"), GROUP, all_internal=True),
    Unit("PHONG", "Các phòng trực thuộc Sở", "Các phòng", (), GROUP, ("VP", "DKKD", "DTXDCB"),
         note="Văn phòng và các phòng chuyên môn (không gồm Trung tâm)."),
    Unit("CCVC", "Công chức, viên chức của Sở", "CCVC", (), ROLE, all_internal=True,
         note="Mỗi đơn vị báo cáo cho công chức, viên chức của mình."),
    Unit("CBTN", "Cán bộ tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh",
         "Cán bộ tiếp nhận HS tại TTPVHCC", (), ROLE, ("VP",),
         note="Văn phòng Sở báo cáo cho cán bộ tiếp nhận hồ sơ tại Bộ phận một cửa."),
]

FACTS = PlanFacts(
    number="707/KH-SKHĐT", date=date(2021, 4, 15), agency="Sở Kế hoạch và Đầu tư",
    parent_body="UBND tỉnh Trà Vinh", place="Trà Vinh", signer_name="Vương Hải Khoa",
    title="Khắc phục những hạn chế sau kết quả chấm điểm cải cách hành chính", agency_short="SKHĐT",
    signer_authority="KT. GIÁM ĐỐC", signer_title="PHÓ GIÁM ĐỐC",
    legal_basis="Quyết định số 684/QĐ-UBND ngày 08/4/2021 của Ủy ban nhân dân tỉnh Trà Vinh về việc phê "
                "duyệt kết quả đánh giá, xếp hạng công tác cải cách hành chính tỉnh Trà Vinh năm 2020",
    assessment_year=2020, score=Decimal("83.804"), max_score=Decimal("100"), rank=8, rank_total=16,
    rank_change="tăng 4 hạng so với năm 2019", report_recipient="Sở Nội vụ tỉnh Trà Vinh",
    recipients=("- VPUBND tỉnh;", "- Sở Nội vụ;", "- BGĐ;", "- Các phòng, TT;", "- Lưu:VP.Kn.2."),
    report_copies=("- Như trên;", "- BGĐ Sở;", "- Các phòng, TT;", "- Lưu: VT, VP."),
)


def build_plan() -> Plan:
    items, by_code = [], {}
    for code, criterion, solution, lead, partner, timeframe in ITEMS:
        parent = by_code.get(code.rpartition(".")[0])
        texts = {"solution": solution, "lead_text": lead, "partner_text": partner, "timeframe": timeframe}
        inherited = {field for field, attr in (("solution", "solution"), ("lead", "lead_text"),
                                               ("partner", "partner_text"), ("timeframe", "timeframe"))
                     if parent and not texts[attr]}
        for attr in texts:
            texts[attr] = texts[attr] or (getattr(parent, attr) if parent else "")
        item = PlanItem(code, criterion, inherited=frozenset(inherited), **texts)
        items.append(item)
        by_code[code] = item
    return Plan(FACTS, tuple(items), UnitRegistry(UNITS))


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    write_plan_workbook(build_plan(), OUT, CORRECTIONS)
    print(OUT)
