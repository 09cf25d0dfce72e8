"""What a cell shows and links to, read from the parts as an application wrote them: entities and character
references in attribute values are decoded as Excel decodes them."""
from cchc_excel.io.display import display, xlsx_hyperlinks, xlsx_shown_texts
from cchc_excel.io.sheet_data import SheetData

SHEET = (b'<worksheet><sheetData><row r="2"><c r="B2" s="1"><v>0.25</v></c></row></sheetData>'
         b'<hyperlinks><hyperlink ref="C2" r:id="rId1"/></hyperlinks></worksheet>')
RELS = (b'<Relationships><Relationship Id="rId1" Type="hyperlink" TargetMode="External" '
        b'Target="https://dichvucong.travinh.gov.vn/?ma=1&amp;ky=2&#38;x=%C4%90"/></Relationships>')
STYLES = (b'<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0&#37;"/></numFmts>'
          b'<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>')
PARTS = {"xl/worksheets/sheet1.xml": SHEET, "xl/worksheets/_rels/sheet1.xml.rels": RELS, "xl/styles.xml": STYLES}


def test_a_hyperlinks_address_has_its_entities_and_character_references_decoded():
    links = xlsx_hyperlinks(PARTS.__getitem__, PARTS, "xl/worksheets/sheet1.xml")
    assert links == {(2, 3): "https://dichvucong.travinh.gov.vn/?ma=1&ky=2&x=%C4%90"}


def test_a_number_format_written_with_a_character_reference_shows_the_number_as_excel_does():
    sheet = SheetData("Tiến độ", "visible", [["", ""], ["", 0.25]])
    shown = xlsx_shown_texts(PARTS.__getitem__, SHEET, sheet, [(2, 2)], False)
    assert shown == {(2, 2): display(0.25, "0.0%")} and "%" in shown[(2, 2)] and "&" not in shown[(2, 2)]


def test_a_reference_to_no_character_is_left_as_written():
    rels = RELS.replace(b"&#38;", b"&#9999999;")
    links = xlsx_hyperlinks({**PARTS, "xl/worksheets/_rels/sheet1.xml.rels": rels}.__getitem__, PARTS,
                            "xl/worksheets/sheet1.xml")
    assert links[(2, 3)].endswith("ky=2&#9999999;x=%C4%90")
