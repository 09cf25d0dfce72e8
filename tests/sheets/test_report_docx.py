"""The Word report of a plan with few facts: no governing body (a UBND tỉnh), no score, no căn cứ, no
recipients list; and a period nobody has reported on yet."""
from __future__ import annotations

import dataclasses
from datetime import date

import docx

from cchc_excel import parse_period
from cchc_excel.model.progress import MasterData
from cchc_excel.model.summary import count, summarise
from cchc_excel.sheets.report_docx import write_report_docx
from cchc_excel.sheets.report_text import ReportOptions


def test_a_plan_with_few_facts(builtin, tmp_path):
    facts = dataclasses.replace(builtin.facts, parent_body="", score=None, legal_basis="", report_copies=(),
                                report_recipient="", signer_authority="", signer_title="CHỦ TỊCH")
    plan = dataclasses.replace(builtin, facts=facts)
    summaries = summarise(MasterData(plan), parse_period("2021-Q1"))
    path = tmp_path / "r.docx"
    write_report_docx(path, facts, parse_period("2021-Q1"), ReportOptions(), date(2021, 3, 5), summaries,
                      count(summaries), late=[])
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    cells = [p.text for t in docx.Document(str(path)).tables for c in t._cells for p in c.paragraphs]
    assert cells[0] == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"  # no governing body line above the agency
    assert "Trà Vinh, ngày 05 tháng 3 năm 2021" in cells and "Số:       /BC-SKHĐT" in cells
    assert "Kính gửi: Sở Nội vụ." in texts
    assert not any(t.startswith("Căn cứ Quyết định") for t in texts) and not any("83,804" in t for t in texts)
    assert texts.count("- Chưa có kết quả trong kỳ báo cáo.") == len(plan.items)
    assert "CHỦ TỊCH" in cells and "- Lưu: VT, SKHĐT." in cells
