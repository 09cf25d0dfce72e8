"""All text for people: problems, merge results, status and command outcomes, in Vietnamese or English.

Messages about data come from the coded catalogue (model/messages.py); the words of the command line's own
output are the table TEXTS below, so every sentence a person reads is reviewed in one of two places.
"""
from __future__ import annotations

from datetime import date

from .merge_result import ACCEPTED, PARTIAL, MergeResult
from .model.problems import ERROR, WARNING, FileReport, changes_text
from .model.status import NOT_REPORTED, StatusReport
from .model.text import printable
from .model.units import UnitKind

# key: (vi, en); str.format fields
TEXTS: dict[str, tuple[str, str]] = {
    "error": ("Lỗi", "Error"),
    "init_done": ("Đã tạo {path}: {items} tiêu chí, {rows} dòng cần cập nhật, kỳ {period}.",
                  "Wrote {path}: {items} items, {rows} entry rows, period {period}."),
    "annotated": ("Bản đánh dấu lỗi: {path}", "Annotated copy: {path}"),
    "split_done": ("Đã tạo {n} bản sao trong {folder}:", "Wrote {n} unit copies in {folder}:"),
    "split_changes": ("So với bản kế hoạch của tệp nguồn, bản ở --plan: {changes}.",
                      "Compared with the source's version of the plan, the version of --plan: {changes}."),
    "split_same": ("Bản kế hoạch ở --plan giống bản của tệp nguồn.",
                   "The version of --plan is the same as the source's."),
    "split_carried": ("Điền sẵn {filled} dòng từ số liệu đã gộp; để trống {new} dòng của nhiệm vụ mới hay sửa nội "
                      "dung, của đơn vị mới hay đổi mã; {unreported} dòng chưa có số liệu.",
                      "Pre-filled {filled} rows from the merged data; left empty {new} rows of tasks added or "
                      "reworded, of units new or with another code; {unreported} rows have no data yet."),
    "pdf_done": ("Đã xuất PDF: {path}", "Wrote the PDF: {path}"),
    "pdf_font": (" (máy chưa có phông Times New Roman: bản PDF dùng phông {font}, {metrics})",
                 " (Times New Roman is not installed: printed in {font}, {metrics})"),
    "same_metrics": ("cùng kích thước chữ với Times New Roman", "which has the same widths as Times New Roman"),
    "other_metrics": ("chữ có thể rộng hẹp khác bản in trên Windows", "whose widths may differ from a Windows print"),
    "word_done": ("Đã lập báo cáo (Word): {path}", "Wrote the Word report: {path}"),
    "appendix_done": ("Đã lập phụ lục (Excel): {path}", "Wrote the appendix workbook: {path}"),
    "followup_done": ("Đã lập tệp theo dõi nội bộ (không gửi đi): {path}",
                      "Wrote the follow-up workbook (in-house, not to be sent): {path}"),
    "reading_files": ("Đang đọc tệp", "Reading files"),
    # validate
    "valid": ("{file}: hợp lệ", "{file}: valid"),
    "file_counts": ("{file}: {errors} lỗi, {warnings} cảnh báo", "{file}: {errors} errors, {warnings} warnings"),
    "files_total": ("Tổng: {files} tệp, {bad} tệp có lỗi.", "Total: {files} file(s), {bad} with errors."),
    ERROR: ("Lỗi", "Error"),
    WARNING: ("Cảnh báo", "Warning"),
    # merge
    "accepted": ("Chấp nhận", "accepted"),
    "partial": ("Chấp nhận một phần", "partly accepted"),
    "rejected": ("Từ chối", "rejected"),
    "skipped": ("Bỏ qua", "skipped"),
    "merge_counts": ("Thêm {a}, thay đổi {c}, không đổi {u}, dòng bị từ chối {r}.",
                     "Added {a}, changed {c}, unchanged {u}, rejected rows {r}."),
    "older_count": (", cũ hơn tệp tổng hợp {n}", ", older than the master {n}"),
    "replaced_count": (", thua tệp khác trong lần gộp {n}", ", beaten by another file of this merge {n}"),
    "older_total": (" Dòng cũ hơn tệp tổng hợp, không được nhận (chỉ ghi Lịch sử): {n}.",
                    " Rows older than the master, not taken (history only): {n}."),
    "missing_of": ("Còn thiếu của {unit} (kỳ {period}): {codes}", "Missing from {unit} (period {period}): {codes}"),
    "dry_run": ("Chạy thử: chưa ghi tệp tổng hợp.", "Dry run: the master was not written."),
    "no_master": ("Không có tệp nào được nhận: chưa tạo tệp tổng hợp.", "No file was accepted: no master was created."),
    "master_written": ("Đã ghi tệp tổng hợp: {path}", "Master written: {path}"),
    "with_backup": (" (bản lưu: {path})", " (backup: {path})"),
    # status
    "status_head": ("Kỳ {period}, hạn đơn vị gửi {deadline}, hạn báo cáo {due}",
                    "Period {period}, units' deadline {deadline}, report due {due}"),
    "submitted": ("đã báo cáo", "submitted"),
    "not_submitted": ("CHƯA BÁO CÁO", "NOT SUBMITTED"),
    "overdue": ("quá hạn", "overdue"),
    "not_reported": ("chưa báo cáo", "not reported"),
    "not_reported_rows": ("Chưa báo cáo", "Not reported"),
    "plan_deadline": ("chưa xong khi hết hạn Kế hoạch", "not done by the plan's deadline"),
}


def say(key: str, lang: str = "vi", **params: object) -> str:
    """The sentence for a key of TEXTS in the given language."""
    vi, en = TEXTS[key]
    return (en if lang == "en" else vi).format(**params)


def describe_carried(carried, lang: str = "vi") -> list[str]:
    """What split --plan carried onto the copies of the plan given (split.Carried), and what it differs in."""
    if carried is None:
        return []
    changes = say("split_changes", lang, changes=changes_text(carried.changes, lang)) if carried.changes else (
        say("split_same", lang))
    return [changes, say("split_carried", lang, filled=carried.filled, new=carried.new,
                         unreported=carried.unreported)]


def describe_warnings(warnings, lang: str = "vi") -> list[str]:
    """One line per warning of a run (REPORT_002): its severity, then its message."""
    return [f"{say(w.severity, lang)}: {w.located(lang)}" for w in warnings]


def format_reports(reports: list[FileReport], lang: str = "vi") -> str:
    """A table a person reads at a glance, grouped by file."""
    lines = []
    for report in reports:
        if report.valid and not report.problems:
            lines.append(say("valid", lang, file=printable(report.file)))
            continue
        lines.append(say("file_counts", lang, file=printable(report.file), errors=report.errors, warnings=report.warnings))
        for problem in report.problems:
            lines.append(f"  {say(problem.severity, lang):<9} {problem.where() or '-':<22} {problem.field or '-':<20} "
                         f"{problem.code:<10} {problem.message(lang)}")
    lines.append(say("files_total", lang, files=len(reports), bad=sum(not r.valid for r in reports)))
    return "\n".join(lines)


def describe(result: MergeResult, lang: str = "vi") -> str:
    """The summary of a merge a person can act on."""
    lines = []
    for f in result.files:
        older = (say("older_count", lang, n=f.older) if f.older else "") + (
            say("replaced_count", lang, n=f.superseded - f.older) if f.superseded > f.older else "")
        counts = (f" (+{f.added}, ~{f.changed}, ={f.unchanged}, ✗{f.rejected_rows}{older})"
                  if f.status in (ACCEPTED, PARTIAL) else "")
        lines.append(f"{say(f.status, lang):<20} {printable(f.path)}{counts}")
        lines.extend(f"    {say(WARNING, lang) + ': ' if p.severity == WARNING else ''}{p.located(lang)}"
                     for p in f.problems)
    lines.append(say("merge_counts", lang, a=result.count("added"), c=result.count("changed"),
                     u=result.count("unchanged"), r=result.count("rejected_rows"))
                 + (say("older_total", lang, n=result.count("older")) if result.count("older") else ""))
    for unit, codes in result.missing.items():
        lines.append(say("missing_of", lang, unit=unit, codes=", ".join(codes), period=result.period))
    if result.dry_run:
        lines.append(say("dry_run", lang))
    elif not result.written:
        lines.append(say("no_master", lang))
    else:
        lines.append(say("master_written", lang, path=result.master)
                     + (say("with_backup", lang, path=result.backup) if result.backup else ""))
    return "\n".join(lines)


def describe_status(report: StatusReport, lang: str = "vi") -> str:
    """One line per unit, then its overdue items grouped by reason and deadline."""
    due = f"{report.due:%d/%m/%Y}" if report.due else "—"
    lines = [say("status_head", lang, period=report.period.label(lang), deadline=f"{report.deadline:%d/%m/%Y}",
                 due=due)]
    lines += describe_warnings(report.warnings, lang)
    for unit in report.units:
        state = say("submitted" if unit.submitted else "not_submitted", lang)
        counts = ", ".join(f"{say('not_reported_rows', lang) if status == NOT_REPORTED else status}: {n}"
                           for status, n in unit.counts.items())
        lines.append(f"{unit.name}: {state} — {counts}")
        groups: dict[tuple[str, str], list[str]] = {}
        for row in unit.overdue:
            groups.setdefault((row["reason"], row["deadline"]), []).append(row["item"])
        for (reason, deadline), items in groups.items():
            lines.append(f"    {say('overdue', lang)} ({say(reason, lang)}, "
                         f"{date.fromisoformat(deadline):%d/%m/%Y}): {', '.join(items)}")
    return "\n".join(lines)


def describe_report(files, lang: str = "vi") -> str:
    """Where the report's files are; the follow-up is said to stay in-house."""
    lines = [say("word_done", lang, path=files.report)] if files.report else []
    lines.append(say("appendix_done", lang, path=files.appendix))
    if files.followup:
        lines.append(say("followup_done", lang, path=files.followup))
    lines += describe_warnings(files.warnings, lang)
    return "\n".join(lines)


def describe_pdf(pdf, substitute: str | None, lang: str = "vi") -> str:
    """Where the PDF is, and the font used where Times New Roman is missing."""
    if not substitute:
        return say("pdf_done", lang, path=pdf)
    metrics = say("same_metrics" if substitute.startswith("Liberation Serif") else "other_metrics", lang)
    return say("pdf_done", lang, path=pdf) + say("pdf_font", lang, font=substitute, metrics=metrics)


def describe_draft(draft, output: str, lang: str = "vi") -> str:
    """What `cchc-excel plan` wrote and what the Office still has to fill before `init --plan`."""
    en = lang == "en"
    lines = [(f"Wrote {output}: {len(draft.items)} tasks, {len(draft.units)} units ({len(draft.new_units)} new)."
              if en else f"Đã ghi {output}: {len(draft.items)} nhiệm vụ, {len(draft.units)} đơn vị "
              f"({len(draft.new_units)} đơn vị mới).")]
    todo = []
    if draft.missing_facts:
        todo.append(("Facts to enter on the Thông tin sheet: " if en else "Thông tin cần điền (sheet Thông tin): ")
                    + ", ".join(draft.missing_facts))
    if draft.groups:
        todo.append(("Members to list for the groups (column Thành viên): " if en else
                     "Ghi thành viên của các nhóm (cột Thành viên): ") + "; ".join(u.name for u in draft.groups))
    if draft.new_units:
        todo.append(("Check the kind of each new unit (Loại): " if en else "Kiểm tra Loại của các đơn vị mới: ")
                    + "; ".join(f"{u.code} {u.name}" + (f" ({u.kind.value})" if u.kind is UnitKind.EXTERNAL else "")
                                for u in draft.new_units))
    if draft.aliases:
        todo.append(("Likely other names of a unit (if so, enter them in its Tên gọi khác): " if en else
                     "Có thể là tên khác của đơn vị (nếu đúng, ghi vào cột Tên gọi khác của đơn vị đó): ")
                    + "; ".join(f"{a.name} " + ("may be " if en else "có thể là ")
                                + (" or " if en else " hoặc ").join(f"{u.name} ({u.code})" for u in a.units)
                                for a in draft.aliases))
    todo.extend(p.located(lang) for p in draft.problems)
    if todo:
        lines.append("Left to fill:" if en else "Còn phải điền:")
        lines.extend(f"  - {line}" for line in todo)
    if draft.warnings:
        lines.append("To check:" if en else "Cần xem lại:")
        lines.extend(f"  - {p.located(lang)}" for p in draft.warnings)
    lines.append((f"Then: cchc-excel init --plan {output} -o SHARED.xlsx" if en else
                  f"Sau đó: cchc-excel init --plan {output} -o dung-chung.xlsx"))
    return "\n".join(lines)
