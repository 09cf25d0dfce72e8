"""Any agency's plan end to end: from the appendix alone to the shared workbook, the report header, the master."""
from __future__ import annotations

import json
import re
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import PlanError, load_plan
from cchc_excel.cli import main
from cchc_excel.io.builtin import builtin_plan_path
from conftest import make_workbook

APPENDIX = [
    ["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"],
    ["PHỤ LỤC"],
    ["(Kèm theo Kế hoạch số 138/KH-UBND ngày 13 tháng 9 năm 2019 của Ủy ban nhân dân tỉnh Kiên Giang)"],
    [],
    ["TT", "Nhiệm vụ", "Cơ quan chủ trì/phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
    ["I", "CẢI CÁCH THỂ CHẾ"],
    [1, "Rà soát văn bản", "Sở Tư pháp (chủ trì); Sở Nội vụ, UBND các huyện, thành phố (phối hợp)", "Quý II/2022",
     "Báo cáo"],
    ["II", "CẢI CÁCH TTHC"],
    [1, "Công khai TTHC", "Văn phòng UBND tỉnh; Sở Nội vụ", "Hằng năm", "Danh mục"],
    [None, "Nơi nhận:"],
]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_plan_command_from_the_appendix_alone_to_the_shared_workbook(tmp_path):
    appendix = make_workbook(tmp_path / "phu-luc.xlsx", {"Sheet1": APPENDIX})
    with pytest.raises(PlanError) as caught:
        load_plan(appendix)  # the appendix alone: the units sheet is named once, not every unit as unknown
    assert {(p.code, p.sheet) for p in caught.value.problems} == {("PLAN_009", "Đơn vị"), ("PLAN_010", "Thông tin")}
    assert "cchc-excel plan" in str(caught.value)
    result = run("plan", appendix, "-o", tmp_path / "ke-hoach.xlsx")
    assert result.exit_code == 0, result.output
    assert "Địa danh" in result.output and "Người ký" in result.output and "UBND các huyện, thành phố" in result.output
    assert "Chức vụ người ký" in result.output  # the report's signature needs it (NĐ 30), though the plan loads without
    book = openpyxl.load_workbook(tmp_path / "ke-hoach.xlsx")
    facts = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert (facts["Số, ký hiệu"], facts["Cơ quan ban hành"]) == ("138/KH-UBND", "Ủy ban nhân dân tỉnh Kiên Giang")
    assert facts["Ngày ban hành"].date() == date(2019, 9, 13) and facts["Cơ quan chủ quản"] is None
    units = [row for row in book["Đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert [(u[1], u[4]) for u in units] == [
        ("Sở Tư pháp", "Đơn vị trực thuộc"), ("Sở Nội vụ", "Đơn vị trực thuộc"),
        ("UBND các huyện, thành phố", "Nhóm đơn vị"), ("Văn phòng UBND tỉnh", "Đơn vị trực thuộc")]
    with pytest.raises(PlanError) as caught:
        load_plan(tmp_path / "ke-hoach.xlsx")  # not yet: the place, the signer and the group's members
    assert {p.code for p in caught.value.problems} == {"PLAN_010", "UNIT_006"}

    # The Office fills what was listed, then init takes the plan as is.
    facts_sheet, unit_sheet = book["Thông tin"], book["Đơn vị"]
    for row in facts_sheet.iter_rows():
        row[1].value = {"Địa danh": "Kiên Giang", "Người ký": "Lâm Minh Thành"}.get(row[0].value, row[1].value)
    unit_sheet.append(["CT", "UBND huyện Châu Thành", "", "", "Đơn vị trực thuộc", ""])
    unit_sheet.cell(4, 6).value = "CT"
    book.save(tmp_path / "ke-hoach.xlsx")
    plan = load_plan(tmp_path / "ke-hoach.xlsx")
    assert [(r.item.code, r.item.display_code, r.unit.name, r.role.value) for r in plan.entry_rows()] == [
        ("I.1", "1", "Sở Tư pháp", "Chủ trì"), ("I.1", "1", "Sở Nội vụ", "Phối hợp"),
        ("I.1", "1", "UBND huyện Châu Thành", "Phối hợp"),
        ("II.1", "1", "Văn phòng UBND tỉnh", "Chủ trì"), ("II.1", "1", "Sở Nội vụ", "Phối hợp")]
    result = run("init", "--plan", tmp_path / "ke-hoach.xlsx", "--period", "2022-H1", "-o", tmp_path / "chung.xlsx")
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "chung.xlsx")["Kế hoạch"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"
    assert ["TT", "Nhiệm vụ", "Cơ quan chủ trì/phối hợp", "Thời gian hoàn thành", "Sản phẩm"] in cells
    assert ["I", "CẢI CÁCH THỂ CHẾ", None, None, None] in cells
    guide = [c.value for row in openpyxl.load_workbook(tmp_path / "chung.xlsx")["Hướng dẫn"].iter_rows() for c in row]
    assert any("Kế hoạch số 123/KH-UBND ngày 20/5/2019" in str(text) for text in guide)  # the agency's own symbol


UNITS = [
    ["Mã", "Tên đơn vị", "Tên viết tắt", "Tên gọi khác", "Loại", "Thành viên"],
    ["STP", "Sở Tư pháp", "", "", "Đơn vị trực thuộc", ""],
    ["SNV", "Sở Nội vụ", "", "", "Đơn vị trực thuộc", ""],
    ["VP", "Văn phòng UBND tỉnh", "", "", "Đơn vị trực thuộc", ""],
    ["CT", "UBND huyện Châu Thành", "", "", "Đơn vị trực thuộc", ""],
    ["HUYEN", "UBND các huyện, thành phố", "", "", "Nhóm đơn vị", "CT"],
]
FACTS = [["Địa danh", "Kiên Giang"], ["Người ký", "Lâm Minh Thành"]]


@pytest.fixture
def province(tmp_path):
    """The Kiên Giang plan (no governing body above it), its shared workbook and the copy of Sở Nội vụ."""
    from cchc_excel import parse_period, write_shared_workbook

    path = make_workbook(tmp_path / "kg.xlsx", {"Phụ lục": APPENDIX, "Thông tin": FACTS, "Đơn vị": UNITS})
    plan = load_plan(path)
    period = parse_period("2022-H1")
    copy = write_shared_workbook(plan, period, tmp_path / "SNV.xlsx", unit_code="SNV")
    return plan, path, copy


def fill_copy(copy, target, result="Đã rà soát"):
    book = openpyxl.load_workbook(copy)
    sheet = book["Tiến độ"]
    for row in range(5, sheet.max_row + 1):
        for col, value in zip("GHMN", ("Đang thực hiện", result, "Trần B", date(2022, 6, 10))):
            sheet[f"{col}{row}"] = value
    book.save(target)
    return target


def test_a_unit_checks_its_own_copy_with_no_other_file_and_gets_the_offices_answer(province, tmp_path):
    plan, plan_path, copy = province
    good = fill_copy(copy, tmp_path / "good.xlsx")
    bad = fill_copy(copy, tmp_path / "bad.xlsx", result=None)
    for path, code in ((good, 0), (bad, 1)):
        alone = run("validate", path, "--json")
        office = run("validate", path, "--plan", plan_path, "--json")
        assert (alone.exit_code, office.exit_code) == (code, code), alone.output
        assert alone.output == office.output
    assert '"VAL_005"' in run("validate", bad, "--json").output


def test_the_master_is_made_from_the_first_accepted_files_plan_and_other_plans_are_named(province, tmp_path,
                                                                                       templates):
    from cchc_excel import read_master

    plan, _, copy = province
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    fill_copy(copy, inbox / "SNV.xlsx")
    master = tmp_path / "tong-hop.xlsx"
    result = run("merge-submissions", inbox, "--master", master, "--json")
    assert master.exists() and read_master(master).plan.fingerprint() == plan.fingerprint(), result.output

    other = tmp_path / "other"
    other.mkdir()
    fill_copy(templates["DKKD"], other / "DKKD.xlsx")  # a copy of the built-in 707 plan
    before = master.read_bytes()
    result = run("merge-submissions", other, "--master", master, "--json", "--dry-run")
    issues = [i for f in json.loads(result.output)["files"] for i in f["issues"]]
    assert result.exit_code == 1 and [i["code"] for i in issues] == ["PLAN_014"]
    assert "707/KH-SKHĐT" in issues[0]["message"] and "138/KH-UBND" in issues[0]["message"]
    assert master.read_bytes() == before

    result = run("merge-submissions", inbox, "--master", master, "--plan", builtin_plan_path())
    assert result.exit_code == 2 and "138/KH-UBND" in result.output and "707/KH-SKHĐT" in result.output


def test_no_master_is_created_when_nothing_is_accepted(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    make_workbook(inbox / "la.xlsx", {"Sheet1": [["không phải tệp mẫu"]]})
    master = tmp_path / "tong-hop.xlsx"
    result = run("merge-submissions", inbox, "--master", master)
    assert result.exit_code == 1 and not master.exists() and "chưa tạo tệp tổng hợp" in result.output


def test_report_header_without_a_governing_body(province, tmp_path):
    plan, _, copy = province
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    fill_copy(copy, inbox / "SNV.xlsx")
    master = tmp_path / "tong-hop.xlsx"
    run("merge-submissions", inbox, "--master", master)
    result = run("report", master, "--period", "2022-H1", "-o", tmp_path / "bc.docx", "--date", "20/06/2022")
    assert result.exit_code == 0, result.output
    import docx
    left = docx.Document(tmp_path / "bc.docx").tables[0].cell(0, 0)
    lines = [p for p in left.paragraphs if p.text]
    # no line above it; NĐ 30's two lines for a People's Committee
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"] and all(p.runs[0].bold for p in lines)
    # the plan gives no signer's position: the report marks its place for the Office, above the signer's name
    signature = [p for p in docx.Document(tmp_path / "bc.docx").tables[-1].cell(0, 1).paragraphs if p.text]
    assert [p.text for p in signature] == ["[Văn phòng ghi: chức vụ người ký]", "Lâm Minh Thành"]
    assert signature[0].runs[0].font.highlight_color is not None and signature[0].runs[0].italic


def test_init_shows_the_warnings_of_the_plan(tmp_path):
    rows = [row[:] for row in APPENDIX]
    rows[8] = [1, "Công khai TTHC", "Văn phòng UBND tỉnh\n- Phối hợp: Sở Nội vụ", "Khi nào có kinh phí", "Danh mục"]
    path = make_workbook(tmp_path / "kg.xlsx", {"Phụ lục": rows, "Thông tin": FACTS, "Đơn vị": UNITS})
    result = run("init", "--plan", path, "--period", "2022-H1", "-o", tmp_path / "chung.xlsx")
    assert result.exit_code == 0 and "[PLAN_013] 'Phụ lục'!D9" in result.output and "[PLAN_012]" in result.output
    plan = load_plan(path)
    assert [(a.unit.code, a.role.name) for a in plan.item("II.1").assignments] == [("VP", "LEAD"), ("SNV", "PARTNER")]


def test_the_evidence_example_is_in_the_agencys_own_symbol(province, tmp_path):
    _, _, copy = province
    book = openpyxl.load_workbook(fill_copy(copy, tmp_path / "f.xlsx"))
    book["Tiến độ"]["I5"] = "đã gửi báo cáo"
    book.save(tmp_path / "f.xlsx")
    issues = json.loads(run("validate", tmp_path / "f.xlsx", "--json").output)[0]["issues"]
    assert [(i["code"], i["cell"]) for i in issues] == [("VAL_007", "I5")]
    assert "Kế hoạch số 123/KH-UBND ngày 20/5/2019" in issues[0]["message"]


def test_plan_command_without_an_appendix_table_says_what_headers_it_knows(tmp_path):
    path = make_workbook(tmp_path / "x.xlsx", {"Sheet1": [["TT", "Việc", "Người làm"], [1, "a", "b"]]})
    result = run("plan", path, "-o", tmp_path / "p.xlsx")
    assert result.exit_code == 2 and "PLAN_001" in result.output and not (tmp_path / "p.xlsx").exists()
    path = make_workbook(tmp_path / "y.xlsx", {"Sheet1": [["STT", "Nhiệm vụ", "Thời hạn"], [1, "a", "Quý I/2022"]]})
    result = run("plan", path, "-o", tmp_path / "p.xlsx", "--lang", "en")
    assert result.exit_code == 2 and "PLAN_002" in result.output and '"Cơ quan chủ trì"' in result.output


def test_plan_command_on_a_complete_plan_workbook_keeps_it_as_it_is(tmp_path):
    from cchc_excel import builtin_plan

    result = run("plan", builtin_plan_path(), "-o", tmp_path / "p.xlsx")
    assert result.exit_code == 0 and "(0 đơn vị mới)" in result.output and "Còn phải điền" not in result.output
    assert load_plan(tmp_path / "p.xlsx").fingerprint() == builtin_plan().fingerprint()


# Text of the built-in 707 plan (Sở Kế hoạch và Đầu tư Trà Vinh, 2021) that another agency's files must not carry
FOREIGN = ("SKHĐT", "Kế hoạch và Đầu tư", "Trà Vinh", "Vương Hải Khoa", "684/QĐ", "83,804", "BGĐ",
           "20/5/2021", "15/06/2021", "5/6/2021")


def test_another_agencys_files_carry_nothing_of_the_707_plan(tmp_path):
    """The Kiên Giang plan through init, split, the units' replies, merge and report: no sheet, input message, note
    or header of any workbook written (nor the Word report) names the 707 plan, its agency or its examples."""
    import zipfile

    from shaped_plans import WITH_EXTRAS, build_master

    folder = tmp_path / "plan"
    _, master = build_master(folder, WITH_EXTRAS)
    result = run("report", master, "--period", "2022-H1", "-o", folder / "BC.docx", "--date", "20/06/2022")
    assert result.exit_code == 0, result.output
    outputs = [folder / "dung-chung.xlsx", *sorted((folder / "gui").glob("*.xlsx")), master, folder / "BC.docx",
               folder / "BC-phu-luc.xlsx"]
    assert len(outputs) == 7 and all(path.exists() for path in outputs)
    for path in outputs:
        with zipfile.ZipFile(path) as archive:
            text = "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                           if name.endswith((".xml", ".vml", ".rels")))
        assert [s for s in FOREIGN if s in text] == [], path
        # the plan's number as a number: not the digits inside a file's SHA-256 in the master's provenance
        assert not re.search(r"(?<![0-9A-Za-z])707(?![0-9A-Za-z])", text), path
        if path in outputs[:-3]:  # the shared workbook and the copies: the plan's own example, the period's year
            assert "123/KH-UBND ngày 20/5/2019" in text and "5/6/2022" in text, path
