"""The Word report for Sở Nội vụ (python-docx), laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I says.

A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, body 14 pt, justified,
first line indented 1,27 cm, 6 pt between paragraphs, single line spacing; the page number centred in the
top margin from page 2. The header block (governing body, agency with a short rule, Quốc hiệu and Tiêu ngữ
with its rule, "Số: …/BC-…", place and date), "BÁO CÁO" with its trích yếu and the rule under it,
"Kính gửi", the căn cứ, sections I–V filled from the data, the signature block and "Nơi nhận".
Places only the Office can write are marked in brackets and highlighted, so none is sent unnoticed.
python-docx is imported here only, when a report is written.
"""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from ..model.periods import Period
from ..model.plan import PlanFacts
from ..model.summary import Counts, ItemSummary
from ..model.text import vn_date_line
from .docx_body import HIGHLIGHTED, MARK, WEIGHTS, body_chunks
from .package import SENT_LEVEL, repackage
from .report_sections import body_sections, office
from . import metrics
from .report_text import ReportOptions, report_number, summary_line

FONT, BODY, SMALL = "Times New Roman", 14, 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_MM = 210 - 30 - 15
HEADER_MM = (72, 102)  # the header table reaches a little into the right margin, as the models in NĐ 30 do
COUNCILS = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


def write_report_docx(path: Path, facts: PlanFacts, period: Period, options: ReportOptions, day: date,
                      summaries: list[ItemSummary], counts: Counts, *, late: list[ItemSummary],
                      has_criteria: bool = True) -> None:
    from docx import Document

    document = Document()
    _page(document)
    _header_block(document, facts, options, day)
    _title(document, facts, period)
    _para(document, MARK)  # the body's lines take its place as the document is written (docx_body.py)
    _signature(document, facts, options)
    document.core_properties.author = "cchc_excel"
    frame = io.BytesIO()
    document.save(frame)
    lines = body_sections(facts, period, options, day, summaries, counts, late, has_criteria)
    repackage(frame, path, {"word/document.xml": lambda xml: body_chunks(xml, lines, BODY)}, SENT_LEVEL)


def _page(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(BODY)
    _east_asian_font(style.element, FONT)
    style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(0), Pt(0)
    style.paragraph_format.line_spacing = 1.0
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # no number on page 1 (NĐ 30)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph, SMALL)


def _east_asian_font(element, name: str) -> None:
    from docx.oxml.ns import qn

    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _page_field(paragraph, size: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == "PAGE":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = " PAGE "
            run._r.append(code)
        else:
            run.text = text


def _rule(container, width_mm: float, box_mm: float) -> None:
    """A short centred line: an empty 2 pt paragraph with a bottom border, narrowed by equal indents (the
    rules under the agency, the Tiêu ngữ and the trích yếu). box_mm is the width of what holds it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    paragraph = _para(container, "")
    side = Mm(max(0.0, (box_mm - width_mm) / 2))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _para(container, text: str = "", *, size: int = BODY, bold: bool = False, italic: bool = False,
          align: str = "center", before: int = 0):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    paragraph.paragraph_format.space_before = Pt(before)
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _table(document, widths_mm: tuple[float, float], rows: int = 2):
    """A borderless table of fixed column widths, its cells emptied."""
    from docx.shared import Mm

    table = document.add_table(rows=rows, cols=2)
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
            cell._element.remove(cell.paragraphs[0]._p)
    return table


def _header_block(document, facts: PlanFacts, options: ReportOptions, day: date) -> None:
    table = _table(document, HEADER_MM)
    left, right = table.cell(0, 0), table.cell(0, 1)
    if facts.parent_body:
        _para(left, facts.parent_body.upper(), size=SMALL)
    for line in agency_lines(facts):
        _para(left, line, size=SMALL, bold=True)
    _rule(left, 25, HEADER_MM[0])
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=BODY, bold=True)
    _rule(right, 62, HEADER_MM[1])  # as long as the Tiêu ngữ at 14 pt
    _para(table.cell(1, 0), f"Số: {report_number(facts, options)}", size=SMALL, before=6)
    _para(table.cell(1, 1), vn_date_line(facts.place, day), size=BODY, italic=True, before=6)


def agency_lines(facts: PlanFacts) -> list[str]:
    """The issuing agency in capitals as NĐ 30 writes it: with no governing body line above, a People's Committee
    or Council on two lines, "ỦY BAN NHÂN DÂN" / "HUYỆN CHÂU THÀNH", not wrapped wherever the width ends."""
    agency = facts.agency.upper()
    for body in COUNCILS:
        rest = agency[len(body):].strip()
        if not facts.parent_body and agency.startswith(body + " ") and rest:
            return [body, rest]
    return [agency]


def _title(document, facts: PlanFacts, period: Period) -> None:
    _para(document, "BÁO CÁO", bold=True, before=24)
    _para(document, summary_line(facts, period), bold=True)
    _rule(document, 50, TEXT_MM)
    bodies = facts.report_bodies
    if len(bodies) == 1:
        _para(document, f"Kính gửi: {bodies[0]}.", before=12)
    else:
        _recipients(document, [f"- {b}{'.' if at == len(bodies) else ';'}" for at, b in enumerate(bodies, 1)])


def _recipients(document, lines: list[str]) -> None:
    """NĐ 30's "Kính gửi:" to several bodies: one a line ("- …;", the last "- …."), the block centred on the page
    with its dashes under one another."""
    from docx.shared import Pt

    widest = max(metrics.text_width(line, BODY) for line in ["Kính gửi:"] + lines)
    indent = Pt(max(0.0, (TEXT_MM * 72 / 25.4 - widest) / 2))
    for at, line in enumerate(["Kính gửi:"] + lines):
        _para(document, line, align="left", before=0 if at else 12).paragraph_format.left_indent = indent


def _style(run, style: str) -> None:
    """A run's weight by its style in report_sections.Line: bold, or italic on yellow where the Office writes."""
    from docx.enum.text import WD_COLOR_INDEX

    run.bold, run.italic = WEIGHTS.get(style, (False, False))
    if style == HIGHLIGHTED:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _signature(document, facts: PlanFacts, options: ReportOptions) -> None:
    """Nơi nhận and the signer's block (title, room for the signature and seal, name): one table row that never
    breaks across pages (w:cantSplit), its lines kept together, so the name is never alone on a page."""
    from docx.oxml import OxmlElement

    row = _table(document, (80, 85), rows=1).rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = row.cells
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", before=12)
    copies = facts.report_copies or ("- Như trên;", f"- Lưu: VT, {facts.agency_short or 'VP'}.")
    for line in copies:
        _para(left, line, size=11, align="left")
    titles = [line.upper() for line in (facts.signer_authority, facts.signer_title) if line]
    for at, line in enumerate(titles):
        _para(right, line, bold=True, before=0 if at else 12)
    if not facts.signer_title:  # NĐ 30: the signer's position above the name; the plan did not give it
        _style(_para(right, office("chức vụ người ký")[0], before=0 if titles else 12).runs[0], "office")
    for _ in range(4):
        _para(right, "")
    _para(right, options.signer or facts.signer_name, bold=True)
    for cell in (left, right):
        for paragraph in cell.paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True
