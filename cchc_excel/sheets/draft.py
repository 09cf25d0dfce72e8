"""Writing a draft plan workbook: the appendix as issued, the facts found (the rest marked), every unit named."""
from __future__ import annotations

from datetime import date, datetime
from dataclasses import replace

from ..model import layout
from ..model.plan import AppendixShape, Plan, PlanFacts, PlanItem
from ..model.units import Unit, UnitRegistry
from .base import DATE_FORMAT, Styles, new_workbook, write_appendix, write_cell, write_units

TO_FILL = "Cần điền"


def write_draft_workbook(path, items: tuple[PlanItem, ...], shape: AppendixShape, facts: dict[str, object],
                         units: list[Unit]) -> None:
    """A plan workbook (Phụ lục, Thông tin, Đơn vị) in today's format, with what is left to fill marked."""
    workbook = new_workbook(path)
    styles = Styles(workbook)
    placeholder = PlanFacts("", date(2000, 1, 1), "", "", "")  # not written: the appendix keeps its own title
    shown = shape if shape.title else replace(shape, title=("PHỤ LỤC",))
    write_appendix(workbook, styles, layout.SHEET_APPENDIX, Plan(placeholder, items, UnitRegistry(units), shape=shown))
    sheet = workbook.add_worksheet(layout.SHEET_FACTS)
    for col, width in enumerate((30, 90, 14)):
        sheet.set_column(col, col, width)
    date_fmt = styles(border=1, num_format=DATE_FORMAT, align="left")
    mark = styles(border=1, bold=True, font_color="#C00000")
    for row, (key, label) in enumerate(layout.FACT_LABELS.items()):
        value = facts.get(key)
        if isinstance(value, tuple):
            value = "\n".join(value)
        sheet.write_string(row, 0, label, styles(border=1, bold=True))
        write_cell(sheet, row, 1, value, styles.cell, date_fmt if isinstance(value, (date, datetime)) else None)
        if value in (None, "") and key in layout.FACTS_ASKED:
            sheet.write_string(row, 2, TO_FILL, mark)
    write_units(workbook, styles, layout.SHEET_UNITS, units)
    workbook.close()
