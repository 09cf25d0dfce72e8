"""The sheet scan: bounds before python-calamine allocates, formulas by parsing, malformed cells refused."""
from __future__ import annotations

import pytest

from cchc_excel import WorkbookReadError
from cchc_excel.io.reader import ReadLimits, read_workbook
from conftest import MAIN_NS, REL_NS, raw_xlsx, sheet_xml

TEXT = '<c r="A1" t="inlineStr"><is><t>STT</t></is></c>'


def refused(path, sheet="Tiến độ", **kwargs):
    with pytest.raises(WorkbookReadError) as caught:
        with read_workbook(path, **kwargs) as book:
            book.sheet(sheet)
    return caught.value.code


@pytest.mark.parametrize("ref", ["XFD1048576", "AAAAAAAAAA1", "A99999999999", "XFD3000", "B100001"])
def test_a_distant_cell_is_refused_before_any_grid_is_built(tmp_path, ref):
    path = raw_xlsx(tmp_path / "far.xlsx", sheet_xml(f'<row r="1">{TEXT}<c r="{ref}"><v>1</v></c></row>'))
    assert refused(path) == "READ_010"


# What LibreOffice 7.4 writes to a sheet's part after a row is deleted (an unprotected copy): the dimension
# down to Excel's last row and that row, empty; with a style on the whole row, cells with a style and no value.
LO_ROW = ('<row r="1048576" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" '
          'collapsed="false">{}</row>')
VALUELESS = ["", '<c r="N1048576" s="3"/>', '<c r="XFD1048576" s="0"></c>', '<c r="N1048576" t="s" s="2"/>']
VALUED = ['<c r="N1048576" t="str"><v></v></c>', '<c r="N1048576" t="inlineStr"><is/></c>',
          '<c r="N1048576" s="3"><v>0</v></c>']


def lo_sheet(cells: str) -> str:
    xml = sheet_xml(f'<row r="1">{TEXT}</row>' + LO_ROW.format(cells))
    return xml.replace("<sheetData>", '<dimension ref="A1:N1048576"/><sheetData>')


@pytest.mark.parametrize("cells", VALUELESS)
def test_libreoffices_empty_last_row_and_dimension_are_read_as_python_calamine_reads_them(tmp_path, cells):
    import python_calamine

    path = raw_xlsx(tmp_path / "lo.xlsx", lo_sheet(cells))
    with read_workbook(path) as book:
        assert book.sheet("Tiến độ").rows == [["STT"]]
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Tiến độ")
    assert sheet.end == (0, 0)  # nothing allocated past A1: the dimension and the valueless cells are left out


@pytest.mark.parametrize("cells", VALUED)
def test_a_value_in_excels_last_row_is_refused_as_python_calamine_would_allocate_it(tmp_path, cells):
    assert refused(raw_xlsx(tmp_path / "far.xlsx", lo_sheet(cells))) == "READ_010"


def test_a_declared_dimension_is_checked_for_its_form_only(tmp_path):
    xml = sheet_xml(f'<row r="1">{TEXT}</row>')
    far = raw_xlsx(tmp_path / "dim.xlsx", xml.replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>'))
    with read_workbook(far) as book:
        assert book.sheet("Tiến độ").rows == [["STT"]]
    bad = raw_xlsx(tmp_path / "bad.xlsx", xml.replace("<sheetData>", '<dimension ref="A1:XFD"/><sheetData>'))
    assert refused(bad) == "READ_016"


def test_cells_without_references_count_towards_the_limits(tmp_path):
    cells = "".join("<c><v>1</v></c>" for _ in range(30))
    path = raw_xlsx(tmp_path / "wide.xlsx", sheet_xml(f"<row>{cells}</row>"))
    assert refused(path, limits=ReadLimits(max_columns=20)) == "READ_010"
    with read_workbook(path) as book:
        assert book.sheet("Tiến độ").max_column == 30


def test_a_huge_text_cell_is_refused(tmp_path):
    big = "x" * 200_000
    path = raw_xlsx(tmp_path / "big.xlsx", sheet_xml(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{big}</t></is></c></row>'))
    assert refused(path) == "READ_010"


@pytest.mark.parametrize("cell, sheet_kwargs", [
    ('<x:c r="B2"><x:f>1+1</x:f><x:v>2</x:v></x:c>', {"prefix": "x"}),  # namespace-prefixed tags
    ('<c r="b2"><f>1+1</f><v>2</v></c>', {}),  # a lowercase reference
    ('<c r="A2"><v>1</v></c><c><f>1+1</f><v>2</v></c>', {}),  # a cell without a reference
    ("<c r='B2'><f t='shared' si='0'>1+1</f><v>2</v></c>", {}),  # single quotes
])
def test_formulas_are_found_by_parsing(tmp_path, cell, sheet_kwargs):
    prefix = sheet_kwargs.get("prefix", "")
    row = f'<{prefix + ":" if prefix else ""}row r="2">{cell}</{prefix + ":" if prefix else ""}row>'
    path = raw_xlsx(tmp_path / "f.xlsx", sheet_xml(row, **sheet_kwargs))
    with read_workbook(path) as book:
        assert book.formula_cells("Tiến độ") == {(2, 2)}


def test_sheet_names_with_character_references_and_single_quoted_relationships(tmp_path):
    workbook = (f"<workbook xmlns='{MAIN_NS}' xmlns:rel='{REL_NS}'><sheets>"
                "<sheet name='Ti&#7871;n &#273;&#7897;' sheetId='1' rel:id='rId7'/></sheets></workbook>")
    rels = ("<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
            "<Relationship Target='/xl/worksheets/sheet1.xml' Id='rId7' Type='http://schemas.openxmlformats.org/"
            "officeDocument/2006/relationships/worksheet'/></Relationships>")
    path = raw_xlsx(tmp_path / "q.xlsx", sheet_xml('<row r="3"><c r="C3"><f>1</f><v>1</v></c></row>'),
                    workbook=workbook, rels=rels)
    with read_workbook(path) as book:
        assert book.sheet_names == ["Tiến độ"] and book.formula_cells("Tiến độ") == {(3, 3)}


@pytest.mark.parametrize("cell", [
    '<c r="A2"><v>1</v><v>2</v></c>',  # two values
    '<c r="A2"><v>NaN</v></c>',
    '<c r="A2"><v>inf</v></c>',
    '<c r="A2" t="inlineStr"><is><t>a</t><t>b</t></is></c>',  # two texts
    '<c r="2A"><v>1</v></c>',  # not a reference
])
def test_cells_no_application_writes_are_refused(tmp_path, cell):
    path = raw_xlsx(tmp_path / "bad.xlsx", sheet_xml(f'<row r="2">{cell}</row>'))
    assert refused(path) == "READ_016"


def test_a_shared_string_with_two_texts_is_refused(tmp_path):
    strings = f'<sst xmlns="{MAIN_NS}"><si><t>a</t><t>b</t></si></sst>'
    path = raw_xlsx(tmp_path / "sst.xlsx", sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                    parts={"xl/sharedStrings.xml": strings})
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(path)
    assert caught.value.code == "READ_016"


def test_a_well_formed_minimal_workbook_reads(tmp_path):
    path = raw_xlsx(tmp_path / "ok.xlsx", sheet_xml(f'<row r="1">{TEXT}<c r="B1"><v>2.5</v></c></row>'))
    with read_workbook(path) as book:
        assert book.sheet("Tiến độ").rows == [["STT", 2.5]] and not book.formula_cells("Tiến độ")


@pytest.mark.parametrize("encoding", ["rot13", "xTF-8", "UTF-7", "idna"])
@pytest.mark.parametrize("part", ["sheet", "workbook", "sharedStrings"])
def test_a_part_in_an_encoding_expat_cannot_read_is_refused_with_a_code(tmp_path, encoding, part):
    declared = f'<?xml version="1.0" encoding="{encoding}"?>'
    sheet = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    strings = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}"><si><t>a</t></si></sst>'
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
                '<sheets><sheet name="Tiến độ" sheetId="1" r:id="rId1"/></sheets></workbook>')
    parts = {"sheet": sheet, "sharedStrings": strings, "workbook": workbook}
    parts[part] = parts[part].replace('<?xml version="1.0" encoding="UTF-8"?>', declared)
    path = raw_xlsx(tmp_path / "enc.xlsx", parts["sheet"], workbook=parts["workbook"],
                    parts={"xl/sharedStrings.xml": parts["sharedStrings"]})
    assert refused(path) == "READ_005"
