"""All text for people: problems, merge results and status as prose, through the message catalogue."""
from __future__ import annotations

from datetime import date

from .merge import ACCEPTED, LABELS, PARTIAL, MergeResult
from .model.problems import ERROR, WARNING, FileReport
from .model.status import StatusReport
from .model.text import printable

def describe_status(report: StatusReport, lang: str = "vi") -> str:
    """One line per unit, then its overdue items grouped by reason and deadline."""
    en = lang == "en"
    why = {"not_reported": ("chưa báo cáo", "not reported"),
           "plan_deadline": ("chưa xong khi hết hạn Kế hoạch", "not done by the plan's deadline")}
    lines = [(f"Period {report.period.label('en')}, units' deadline {report.deadline:%d/%m/%Y}" if en else
              f"Kỳ {report.period.label()}, hạn đơn vị gửi {report.deadline:%d/%m/%Y}")]
    for unit in report.units:
        state = ("submitted" if unit.submitted else "NOT SUBMITTED") if en else \
            ("đã báo cáo" if unit.submitted else "CHƯA BÁO CÁO")
        counts = ", ".join(f"{status}: {n}" for status, n in unit.counts.items())
        lines.append(f"{unit.name}: {state} — {counts}")
        groups: dict[tuple[str, str], list[str]] = {}
        for row in unit.overdue:
            groups.setdefault((row["reason"], row["deadline"]), []).append(row["item"])
        for (reason, deadline), items in groups.items():
            lines.append(f"    {'overdue' if en else 'quá hạn'} ({why[reason][en]}, "
                         f"{date.fromisoformat(deadline):%d/%m/%Y}): {', '.join(items)}")
    return "\n".join(lines)


SEVERITY_LABELS = {"vi": {ERROR: "Lỗi", WARNING: "Cảnh báo"}, "en": {ERROR: "Error", WARNING: "Warning"}}


def format_reports(reports: list[FileReport], lang: str = "vi") -> str:
    """A table a person reads at a glance, grouped by file."""
    en = lang == "en"
    lines = []
    for report in reports:
        if report.valid and not report.problems:
            lines.append(f"{printable(report.file)}: {'valid' if en else 'hợp lệ'}")
            continue
        counts = (f"{report.errors} errors, {report.warnings} warnings" if en
                  else f"{report.errors} lỗi, {report.warnings} cảnh báo")
        lines.append(f"{printable(report.file)}: {counts}")
        for problem in report.problems:
            label = SEVERITY_LABELS[lang if en else "vi"][problem.severity]
            lines.append(f"  {label:<9} {problem.where() or '-':<22} {problem.field or '-':<20} "
                         f"{problem.code:<10} {problem.message(lang)}")
    bad = sum(not r.valid for r in reports)
    lines.append(f"Total: {len(reports)} files, {bad} with errors." if en
                 else f"Tổng: {len(reports)} tệp, {bad} tệp có lỗi.")
    return "\n".join(lines)


def describe(result: MergeResult, lang: str = "vi") -> str:
    """The summary a person can act on."""
    en = lang == "en"
    lines = []
    for f in result.files:
        label = LABELS[f.status][1 if en else 0]
        counts = (f" (+{f.added}, ~{f.changed}, ={f.unchanged}, ✗{f.rejected_rows})"
                  if f.status in (ACCEPTED, PARTIAL) else "")
        lines.append(f"{label:<20} {printable(f.path)}{counts}")
        lines.extend(f"    {p.located(lang)}" for p in f.problems)
    head = ("Added {a}, changed {c}, unchanged {u}, rejected rows {r}." if en else
            "Thêm {a}, thay đổi {c}, không đổi {u}, dòng bị từ chối {r}.")
    lines.append(head.format(a=result.count("added"), c=result.count("changed"), u=result.count("unchanged"),
                             r=result.count("rejected_rows")))
    for unit, codes in result.missing.items():
        lines.append((f"Missing from {unit}: " if en else f"Còn thiếu của {unit}: ") + ", ".join(codes))
    if result.dry_run:
        lines.append("Dry run: the master was not written." if en else "Chạy thử: chưa ghi tệp tổng hợp.")
    else:
        lines.append(("Master written: " if en else "Đã ghi tệp tổng hợp: ") + result.master
                     + (f" ({'backup' if en else 'bản lưu'}: {result.backup})" if result.backup else ""))
    return "\n".join(lines)

