"""Words the Word report and its appendix workbook share: the number, the summary line, the appendix labels."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model.periods import Period, period_words
from ..model.plan import PlanFacts

_PLAN_WORD = re.compile(r"^kế hoạch\s+(?!số\b)(?:về\s+(?:việc\s+)?)?", re.IGNORECASE)
APPENDIX_TABLE = "Phụ lục I"
APPENDIX_STATISTICS = "Phụ lục II"
BLANK_NUMBER = "      "  # left for the clerk to write by hand


@dataclass(frozen=True)
class ReportOptions:
    """What the Office chooses for one report; every other word comes from the plan and the data."""

    number: str = ""  # "12/BC-SKHĐT"; blank leaves the number for the clerk
    day: date | None = None  # the report date; everything is judged as of it
    signer: str = ""  # the signer's name when not the plan's
    due: date | None = None  # the report's deadline at Sở Nội vụ when not the plan's day


def report_number(facts: PlanFacts, options: ReportOptions) -> str:
    """'12/BC-SKHĐT' as given, a bare number ('12') completed with the agency's ký hiệu as the blank one is, or
    '      /BC-SKHĐT' for the clerk to fill in."""
    number = options.number.strip()
    if number and not number.isdigit():
        return number
    return f"{number or BLANK_NUMBER}/BC-{facts.agency_short or '…'}"


def long_date(day: date) -> str:
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def plan_subject(facts: PlanFacts) -> str:
    """The plan's trích yếu to follow "Kế hoạch số …": "Tên kế hoạch" without the words "Kế hoạch (về việc)" it may
    start with (written as the plan's own title), its first letter lower case unless it begins an acronym."""
    title = _PLAN_WORD.sub("", facts.title or "").strip()
    if title[1:2].isupper():
        return title
    return title[:1].lower() + title[1:]


def summary_line(facts: PlanFacts, period: Period) -> str:
    """The trích yếu under "BÁO CÁO"."""
    title = plan_subject(facts)
    return (f"Kết quả thực hiện Kế hoạch số {facts.number} ngày {facts.date.day}/{facts.date.month}/"
            f"{facts.date.year} {title}".rstrip() + f", {period_words(period)}").replace("  ", " ")


def attached_line(facts: PlanFacts, options: ReportOptions, day: date) -> str:
    """'(Kèm theo Báo cáo số …/BC-… ngày … của …)' under an appendix title."""
    return f"(Kèm theo Báo cáo số {report_number(facts, options)} {long_date(day)} của {facts.agency})"
