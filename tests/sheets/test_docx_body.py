"""The Word report's body is written into document.xml as it streams (sheets/docx_body.py): each line reads back
through python-docx as python-docx itself would have written it."""
from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Mm, Pt

from cchc_excel.sheets.docx_body import MARK, body_chunks
from cchc_excel.sheets.package import repackage
from cchc_excel.sheets.report_sections import office, text


def test_lines_read_back_as_python_docx_writes_them(tmp_path):
    document = docx.Document()
    document.add_paragraph("trước")
    document.add_paragraph(MARK)
    document.add_paragraph("sau")
    frame = io.BytesIO()
    document.save(frame)
    lines = [text("A & B <c> \"d\" ", ("Đậm", "bold"), office("ghi")),
             text(("I. MỤC", "heading"), indent=False),
             text(" cách\tđầu\nxuống dòng\x01 ", "Trên đây là báo cáo./.")]
    repackage(frame, tmp_path / "bc.docx", {"word/document.xml": lambda xml: body_chunks(xml, lines, 14)})
    paragraphs = docx.Document(str(tmp_path / "bc.docx")).paragraphs
    assert [p.text for p in paragraphs] == ["trước", 'A & B <c> "d" Đậm[Văn phòng ghi: ghi]', "I. MỤC",
                                           " cách\tđầu\nxuống dòng Trên đây là báo cáo./.", "sau"]
    first, heading, last = paragraphs[1:4]
    assert [(r.bold, r.italic, r.font.highlight_color, r.font.size) for r in first.runs] == [
        (False, False, None, Pt(14)), (True, False, None, Pt(14)), (False, True, WD_COLOR_INDEX.YELLOW, Pt(14))]
    assert first.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and first.paragraph_format.space_before == Pt(6)
    assert first.paragraph_format.first_line_indent == Mm(12.7) and heading.paragraph_format.first_line_indent is None
    assert [p.paragraph_format.keep_with_next for p in (first, heading, last)] == [None, None, True]
