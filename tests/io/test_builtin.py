"""The built-in plan against the seed (Kế hoạch 707/KH-SKHĐT): every item, unit, timeframe and fact."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from cchc_excel import Role, ScheduleKind, builtin_plan, builtin_plan_path

SEED = Path(__file__).parent.parent / "data" / "ke-hoach-707-KH-SKHDT-2021.txt"
Y, O, C = ScheduleKind.YEARLY, ScheduleKind.ONGOING, ScheduleKind.ON_CHANGE
ALL = {"VP", "XTDT", "DKKD", "DTXDCB"}
HANDLERS = {"XTDT", "DKKD", "DTXDCB"}

# code → (criterion starts, solution ends, lead text, partner text, timeframe, schedule,
#         internal units leading, internal units coordinating)
EXPECTED = {
    "1": ("Sáng kiến hoặc giải pháp mới", "hữu ích về công tác CCHC", "Các phòng, Trung tâm trực thuộc Sở",
          "Văn phòng Sở; Sở Nội vụ", "Trong năm 2021 và các năm tiếp theo", Y, ALL, set()),
    "2": ("Tính hợp lý của các văn bản", "liên quan đến nhiệm vụ của ngành", "Các phòng, Trung tâm trực thuộc Sở",
          "Văn phòng Sở; VP UBND tỉnh", "Trong năm 2021 và các năm tiếp theo", Y, ALL, set()),
    "2.1": ("Tính khả thi của các văn bản", "liên quan đến nhiệm vụ của ngành",
            "Các phòng, Trung tâm trực thuộc Sở", "Văn phòng Sở; VP UBND tỉnh",
            "Trong năm 2021 và các năm tiếp theo", Y, ALL, set()),
    "2.2": ("Tính kịp thời của các văn bản", "liên quan đến nhiệm vụ của ngành",
            "Các phòng, Trung tâm trực thuộc Sở", "Văn phòng Sở; VP UBND tỉnh",
            "Trong năm 2021 và các năm tiếp theo", Y, ALL, set()),
    "2.3": ("Tính kịp thời trong việc phát hiện", "liên quan đến nhiệm vụ của ngành",
            "Các phòng, Trung tâm trực thuộc Sở", "Văn phòng Sở; VP UBND tỉnh",
            "Trong năm 2021 và các năm tiếp theo", Y, ALL, set()),
    "3": ("Thực hiện tốt công tác Kiểm tra", "phân cấp tại các phòng, Trung tâm", "Văn phòng Sở",
          "Các phòng, Trung tâm trực thuộc Sở", "Trong năm 2021 và các năm tiếp theo", Y, {"VP"}, HANDLERS),
    "4": ("Mức độ rõ ràng, dễ hiểu về các quy định", "cá nhân đến giao dịch hành chính",
          "-Trung tâm XTĐT&HTDN; -Phòng ĐKKD; -Phòng Đầu tư XDCB.", "Văn phòng Sở, Văn phòng UBND tỉnh",
          "Trong năm 2021 và các năm tiếp theo", Y, HANDLERS, {"VP"}),
    "5": ("Việc công khai, niêm yết đầy đủ", "trên Trang thông tin điện tử Sở", "Văn phòng Sở",
          "- Trung tâm XTĐT&HTDN; - Phòng ĐKKD; - Phòng Đầu tư XDCB.", "Thực hiện thường xuyên khi có thay đổi",
          C, {"VP"}, HANDLERS),
    "6": ("Kết quả giải quyết hồ sơ, thủ tục", "giải quyết hồ sơ, thủ tục hành chính",
          "-Trung tâm XTĐT&HTDN; -Phòng ĐKKD; - Phòng Đầu tư XDCB.", "Văn phòng Sở", "Thường xuyên", O,
          HANDLERS, {"VP"}),
    "7": ("Mối quan hệ phối hợp giữa các phòng", "theo chức năng, nhiệm vụ được giao.",
          "Các phòng, Trung tâm trực thuộc Sở", "Các phòng, Trung tâm, các đơn vị có liên quan trong tỉnh",
          "Thường xuyên", O, ALL, set()),
    "8": ("Tính công khai minh bạch", "công khai tài chính, tuyển dụng, đào tạo..", "Văn phòng Sở",
          "Các phòng, Trung tâm", "Thường xuyên", O, {"VP"}, HANDLERS),
    "9": ("Năng lực chuyên môn", "để tham mưu giải quyết công việc hiệu quả", "Văn phòng Sở",
          "Các phòng, Trung tâm, CCVC", "Thường xuyên", O, {"VP"}, HANDLERS),
    "10": ("Tinh thần trách nhiệm", "văn hóa công sở khi thực hiện nhiệm vụ", "Văn phòng Sở",
           "Các phòng, Trung tâm, CCVC", "Thường xuyên", O, {"VP"}, HANDLERS),
    "11": ("Tỷ lệ hồ sơ phát sinh dịch vụ công trực tuyến mức độ 3, 4",
           "tăng cường tỷ lệ giải quyết hồ sơ qua mạng.", "- Cán bộ tiếp nhận HS tại TTPVHCC,\n- Văn phòng Sở",
           "- Phòng ĐKKD\n- Trung tâm XTD", "Thường xuyên", O, {"VP"}, {"DKKD", "XTDT"}),
    "12": ("Tác động của cải cách đến hiện đại hóa hành chính", "nhanh chóng, thuận lợi, minh bạch, công khai.",
           "- Văn phòng Sở\n- Trung tâm XTĐT (giải quyết HS về đầu tư trên phần mềm IGate);\n"
           "- Phòng ĐKKD (giải quyết HS qua Cổng đăng ký doanh nghiệp Quốc gia)", "Các phòng", "Thường xuyên", O,
           {"VP", "XTDT", "DKKD"}, {"DTXDCB"}),
}

# The only changes from the seed's words (text-extraction errors), as listed on the 'Hiệu đính' sheet.
CORRECTED_WORDS = {"để": "đề", "Cổng": "Công"}


@pytest.fixture(scope="module")
def plan():
    return builtin_plan()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_all_fifteen_items_in_order(plan):
    assert [item.code for item in plan.items] == list(EXPECTED)


@pytest.mark.parametrize("code", list(EXPECTED))
def test_item_texts_and_units(plan, code):
    criterion, solution_end, lead, partner, timeframe, schedule, leads, partners = EXPECTED[code]
    item = plan.item(code)
    assert item.criterion.startswith(criterion)
    assert item.solution.endswith(solution_end)
    assert (item.lead_text, item.partner_text, item.timeframe) == (lead, partner, timeframe)
    assert item.schedule.kind is schedule
    rows = [row for row in plan.entry_rows() if row.item.code == code]
    assert {r.unit.code for r in rows if r.role is Role.LEAD} == leads
    assert {r.unit.code for r in rows if r.role is Role.PARTNER} == partners
    assert len(rows) == len({r.unit.code for r in rows})  # a unit in both roles gets one row


@pytest.mark.parametrize("code", list(EXPECTED))
def test_item_words_come_from_the_seed_in_order(plan, code):
    """Every word typed in appears in the seed, in the seed's order (the PDF interleaves table
    columns, so each cell's words form a subsequence of the seed's words from the item onwards)."""
    seed = _words(SEED.read_text(encoding="utf-8").split("PHỤ LỤC NỘI DUNG")[1])
    item = plan.item(code)
    for text in (item.criterion, item.solution, item.lead_text, item.partner_text, item.timeframe):
        words = iter(seed)
        missing = [w for w in _words(text) if not any(s in (w, CORRECTED_WORDS.get(w)) for s in words)]
        assert missing == [], f"{code}: {text!r}"


def test_sub_criteria_inherit_item_2(plan):
    parent = plan.item("2")
    assert parent.solution_lines[0].startswith("Các Phòng, Trung tâm nâng cao chất lượng")
    assert len(parent.solution_lines) == 2
    for code in ("2.1", "2.2", "2.3"):
        item = plan.item(code)
        assert item.inherited == {"solution", "lead", "partner", "timeframe"}
        assert item.solution == parent.solution and item.parent_code == "2"


def test_scope_notes_and_roles(plan):
    rows = {(r.item.code, r.unit.code): r for r in plan.entry_rows()}
    assert rows["12", "XTDT"].scope == "giải quyết HS về đầu tư trên phần mềm IGate"
    assert rows["12", "DKKD"].scope == "giải quyết HS qua Cổng đăng ký doanh nghiệp Quốc gia"
    assert rows["11", "VP"].role is Role.LEAD  # the receiving officials' role maps to Văn phòng Sở
    assert not any(r.unit.code in ("SNV", "VPUBND", "DVLQ") for r in rows.values())
    assert len(rows) == 59


def test_facts(plan):
    facts = plan.facts
    assert (facts.number, facts.date, facts.agency, facts.parent_body, facts.place) == (
        "707/KH-SKHĐT", date(2021, 4, 15), "Sở Kế hoạch và Đầu tư", "UBND tỉnh Trà Vinh", "Trà Vinh")
    assert (facts.signer_authority, facts.signer_title, facts.signer_name) == (
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Vương Hải Khoa")
    assert facts.legal_basis.startswith("Quyết định số 684/QĐ-UBND ngày 08/4/2021")
    assert (facts.score, facts.max_score, facts.rank, facts.rank_total) == (Decimal("83.804"), 100, 8, 16)
    assert facts.rank_change == "tăng 4 hạng so với năm 2019" and facts.assessment_year == 2020
    assert facts.recipients == ("- VPUBND tỉnh;", "- Sở Nội vụ;", "- BGĐ;", "- Các phòng, TT;", "- Lưu:VP.Kn.2.")


def test_corrections_are_listed_in_the_workbook():
    sheet = openpyxl.load_workbook(builtin_plan_path())["Hiệu đính"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    fixes = {(row[0], row[3]) for row in rows}
    assert ("11", "… cách thức và thao tác để nộp hồ sơ …") in fixes
    assert sum("Cổng" in (row[3] or "") for row in rows) == 3
    assert all(row[4] for row in rows)  # every correction says why


def test_item_2_is_merged_across_its_sub_criteria_in_the_workbook():
    sheet = openpyxl.load_workbook(builtin_plan_path())["Phụ lục"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"C7:C10", "D7:D10", "E7:E10", "F7:F10"} <= merged
