"""The words of the Word report's body: căn cứ and sections I–V, as lines of styled runs (no docx here).

Run styles: "plain", "bold", "heading" (a section heading, bold), "office" (a place only the Office can
write: in brackets, italic and highlighted in the document).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..model.periods import Period
from ..model.plan import PlanFacts, Role
from ..model.summary import (LEVELS, RECURRING, CriterionSummary, Counts, ItemSummary, cited, criteria,
                             criterion_cited, item_name, task_cited, task_letter)
from ..model.text import clean, one_line, vn_number
from .report_text import APPENDIX_STATISTICS, APPENDIX_TABLE, ReportOptions, period_words, plan_subject

_BULLET = re.compile(r"^[-\u2013•+*]\s+")
_ENDS = tuple(".;:,!?…")
HEADINGS = ("I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN KẾ HOẠCH", "II. KẾT QUẢ THỰC HIỆN",
            "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "V. ĐỀ XUẤT, KIẾN NGHỊ")


@dataclass(frozen=True)
class Line:
    runs: tuple[tuple[str, str], ...]
    indent: bool = True


def text(*parts: str | tuple[str, str], indent: bool = True) -> Line:
    return Line(tuple(p if isinstance(p, tuple) else (p, "plain") for p in parts), indent)


def office(what: str) -> tuple[str, str]:
    return (f"[Văn phòng ghi: {what}]", "office")


def sentence(value: str) -> str:
    """Text on one line without the full stop or semicolon it ends with, to be followed by more; the lines of a
    cell (Alt+Enter: two documents, two results) kept apart as joined() does."""
    return joined(clean(value).split("\n")).rstrip(" .;")


def joined(lines: Iterable[str]) -> str:
    """Lines as one: '; ' after a line that has no end punctuation of its own, a space after one that has; the
    bullet marks ("- ", "+ ", "• ") of several lines dropped."""
    parts = [line for line in map(one_line, lines) if line]
    if len(parts) > 1:
        parts = [_BULLET.sub("", line) for line in parts]
    text = ""
    for line in parts:
        text += line if not text else (" " if text.endswith(_ENDS) else "; ") + line
    return text


def heading(title: str) -> Line:
    return Line(((title, "heading"),))


def body_sections(facts: PlanFacts, period: Period, options: ReportOptions, day: date,
                  summaries: list[ItemSummary], counts: Counts, late: list[ItemSummary],
                  has_criteria: bool = True) -> Iterator[Line]:
    """The body's lines, one at a time (at 1,000 units, tens of thousands: a unit's difficulty or proposal is a
    line). has_criteria is False for a plan of tasks under section headings (no criterion column): items are
    named by their task."""
    grouped = criteria(summaries, has_criteria)
    yield from _bases(facts, period) + _section_one(facts, period, counts, has_criteria)
    yield from _section_two(grouped, counts, has_criteria)
    yield from _section_three(grouped, late, has_criteria)
    yield from _section_four(summaries, day, has_criteria)
    yield from _section_five(summaries, has_criteria)
    yield text(f"Trên đây là báo cáo kết quả thực hiện Kế hoạch số {facts.number} {period_words(period)} của "
               f"{facts.agency}./.")


def _plan(facts: PlanFacts) -> str:
    subject = plan_subject(facts)
    title = f" về {subject}" if subject else ""
    return f"Kế hoạch số {facts.number} ngày {facts.date.day}/{facts.date.month}/{facts.date.year} của {facts.agency}{title}"


def _bases(facts: PlanFacts, period: Period) -> list[Line]:
    lines = [text("Thực hiện ", office(f"văn bản của {', '.join(facts.report_bodies)} đề nghị báo cáo "
                                       f"{period_words(period)}, nếu có"), ";")]
    if facts.legal_basis:
        lines.append(text(f"Căn cứ {facts.legal_basis};"))
    lines.append(text(f"Căn cứ {_plan(facts)};"))
    lines.append(text(f"{facts.agency} báo cáo kết quả thực hiện {period_words(period)} (số liệu từ ngày "
                      f"{period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}) như sau:"))
    return lines


def _score(facts: PlanFacts) -> str:
    if facts.score is None:
        return ""
    year = f" năm {facts.assessment_year}" if facts.assessment_year else ""
    maximum = f"/{vn_number(facts.max_score)}" if facts.max_score else ""
    rank = f", xếp hạng {facts.rank}/{facts.rank_total}" if facts.rank and facts.rank_total else ""
    change = f", {facts.rank_change}" if facts.rank_change else ""
    return f" Kết quả chấm điểm cải cách hành chính{year}: {vn_number(facts.score)}{maximum} điểm{rank}{change}."


def _items(has_criteria: bool) -> str:
    """What the plan's items are called in a count."""
    return "tiêu chí, tiêu chí thành phần" if has_criteria else "nhiệm vụ"


def _section_one(facts: PlanFacts, period: Period, counts: Counts, has_criteria: bool) -> list[Line]:
    what = (f"{counts.criteria} tiêu chí và {counts.sub_criteria} tiêu chí thành phần bị trừ điểm" if has_criteria
            else f"{counts.items} nhiệm vụ")
    return [heading(HEADINGS[0]),
            text(f"{facts.agency} ban hành {_plan(facts)}.{_score(facts)} Kế hoạch gồm {what}, giao {counts.tasks} "
                 f"lượt nhiệm vụ cho {counts.units} đơn vị trực thuộc thực hiện."),
            text("Văn bản triển khai, phân công, kiểm tra, đôn đốc: ",
                 office("các văn bản đã ban hành và việc kiểm tra, đôn đốc trong kỳ"), ".")]


def _levels(counts: Counts) -> str:
    return ", ".join(f"{n} {level[:1].lower() + level[1:]}" for level in LEVELS if (n := counts.levels[level]))


def _noun(item, has_criteria: bool = True) -> str:
    if not has_criteria:
        return "Nhiệm vụ"
    return "Tiêu chí thành phần" if item.level > 1 else "Tiêu chí"


def _ref(item, has_criteria: bool) -> str:
    """'Tiêu chí 2.1', 'Tiêu chí 2 (nhiệm vụ 2a)' for one of several tasks under one STT, or in a plan of tasks
    'Nhiệm vụ 1 mục II'."""
    if not has_criteria:
        return f"Nhiệm vụ {task_cited(item)}"
    task = f" (nhiệm vụ {task_cited(item)})" if task_letter(item) else ""
    return f"Tiêu chí {cited(item)}{task}"


def _section_two(grouped: list[CriterionSummary], counts: Counts, has_criteria: bool) -> Iterator[Line]:
    with_evidence = sum(1 for c in grouped if c.evidence_lines)
    yield from [heading(HEADINGS[1]), text(("1. Kết quả chung", "bold")),
             text(f"Trong {counts.items} {_items(has_criteria)}"
                  + (f" ({counts.criteria} tiêu chí, {counts.sub_criteria} tiêu chí thành phần)" if has_criteria else "")
                  + f": {_levels(counts)}; {with_evidence}/{counts.items} {_items(has_criteria)} có tài liệu kiểm "
                  f"chứng. Các đơn vị đã báo cáo kết quả "
                  f"{counts.tasks_reported}/{counts.tasks} lượt nhiệm vụ (chi tiết tại {APPENDIX_TABLE}, "
                  f"số liệu thống kê tại {APPENDIX_STATISTICS} kèm theo Báo cáo này)."),
             text((f"2. Kết quả thực hiện từng {'tiêu chí' if has_criteria else 'nhiệm vụ'}", "bold"))]
    section = None
    for criterion in grouped:
        item = criterion.item
        if item.section and (item.section_code, item.section) != section:  # grouped as the plan's sections
            section = (item.section_code, item.section)
            code = item.section_code.rstrip(". ")
            yield text((f"{code}. {item.section}" if code else item.section, "bold"))
        shown = item.display_code if has_criteria else task_cited(item).partition(" mục ")[0]
        yield text((f"{_noun(item, has_criteria)} {shown}. {item_name(item, has_criteria)}", "bold"),
                   f" — {criterion.level}.")
        for task in criterion.tasks:
            if criterion.several:
                yield text(f"- Nhiệm vụ {task_cited(task.item)}. {sentence(item_name(task.item, False))} — "
                           f"{task.level}.")
            yield from _results(task, "+" if criterion.several else "-")


def _results(task: ItemSummary, mark: str) -> Iterator[Line]:
    """Each reporting unit's result and evidence on a task, in its own words."""
    reported = task.reported
    for report in reported:
        progress = report.progress
        if progress and (progress.result or progress.evidence):
            evidence = f" (tài liệu kiểm chứng: {sentence(progress.evidence)})" if progress.evidence else ""
            result = progress.result or (progress.status.value if progress.status else "")
            yield text(f"{mark} {report.label}: {sentence(result)}{evidence}.")
    if not reported:
        yield text(f"{mark} Chưa có kết quả trong kỳ báo cáo.")


def _section_three(grouped: list[CriterionSummary], late: list[ItemSummary], has_criteria: bool) -> Iterator[Line]:
    done = [criterion_cited(c.item, has_criteria) for c in grouped if c.done]
    lines = [heading(HEADINGS[2]), text(("1. Ưu điểm", "bold")),
             text(f"Đã hoàn thành hoặc duy trì thường xuyên {len(done)} {_items(has_criteria)}"
                  + (f" ({', '.join(done)})" if done else "") + ". ", office("đánh giá ưu điểm")),
             text(("2. Hạn chế, tồn tại", "bold"))]
    open_items = [c for c in grouped if c.open]
    if open_items:
        lines.append(text(f"Còn {len(open_items)} {_items(has_criteria)} chưa hoàn thành: "
                          + ", ".join(f"{criterion_cited(c.item, has_criteria)} ({c.level.lower()})" for c in open_items) + "."))
    late_codes = {s.item.code for s in late}
    late_groups = [(c, [t for t in c.tasks if t.item.code in late_codes]) for c in grouped]
    late_groups = [(c, tasks) for c, tasks in late_groups if tasks]
    if late_groups:
        lines.append(text(f"Trong đó, {len(late_groups)} {_items(has_criteria)} quá thời hạn Kế hoạch mà chưa hoàn "
                          "thành: " + ", ".join(_late(c, tasks, has_criteria) for c, tasks in late_groups) + "."))
    yield from lines
    for summary in (t for c in grouped for t in c.tasks):
        for unit, note in summary.written("difficulties"):
            yield text(f"- {_ref(summary.item, has_criteria)}, {unit}: {sentence(note)}.")
    yield from [text(("3. Nguyên nhân", "bold")), text(office("nguyên nhân của hạn chế, tồn tại"))]


def _late(criterion: CriterionSummary, tasks: list[ItemSummary], has_criteria: bool) -> str:
    """'tiêu chí 2', or where several tasks share its STT, the late ones: 'tiêu chí 2 (nhiệm vụ 2b)'."""
    ref = _ref(criterion.item, has_criteria).partition(" (")[0].lower()
    if not criterion.several or not has_criteria:
        return ref
    return f"{ref} (nhiệm vụ {' và '.join(task_cited(t.item) for t in tasks)})"


def _section_four(summaries: list[ItemSummary], day: date, has_criteria: bool) -> list[Line]:
    lines = [heading(HEADINGS[3]),
             text("Tiếp tục chỉ đạo các đơn vị thực hiện các nhiệm vụ chưa hoàn thành và duy trì các nhiệm vụ "
                  "thường xuyên, cụ thể:")]
    for summary in summaries:
        if summary.open or summary.level == RECURRING:
            item = summary.item
            solution = joined(item.solution_lines) or item.solution  # every bullet, not the first alone
            leads = ", ".join(dict.fromkeys(a.unit.label for a in item.units(Role.LEAD))) or one_line(item.lead_text)
            lines.append(text(f"- {_ref(item, has_criteria)}: {sentence(solution)} (chủ trì: {leads}; "
                              f"thời gian: {one_line(item.timeframe).rstrip(' .;')})."))
    lines.append(text(office("nhiệm vụ trọng tâm khác trong thời gian tới")))
    return lines


def _section_five(summaries: list[ItemSummary], has_criteria: bool) -> Iterator[Line]:
    yield heading(HEADINGS[4])
    proposed = False
    for summary in summaries:
        for unit, note in summary.written("proposals"):
            proposed = True
            yield text(f"- {_ref(summary.item, has_criteria)}, {unit}: {sentence(note)}.")
    yield text(office("đề xuất, kiến nghị khác, nếu có" if proposed else "đề xuất, kiến nghị của cơ quan"))
