"""Reporting periods of guidance 581/BNV-CCHC: data windows, labels and due dates."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import OptionError

# kind: (label vi, label en, last month of the data window)
KINDS = {
    "Q1": ("Quý I/{year}", "Q1 {year}", 3),
    "H1": ("6 tháng đầu năm {year}", "first half of {year}", 6),
    "Q3": ("Quý III/{year}", "Q3 {year}", 9),
    "M9": ("9 tháng đầu năm {year}", "first nine months of {year}", 9),
    "Y": ("Năm {year}", "year {year}", 12),
}
# a period as written inside a sentence (lower case, "năm" spelled out), where its label is a heading's "Quý III/2021"
IN_TEXT = {"Q1": "quý I năm {year}", "H1": "6 tháng đầu năm {year}", "Q3": "quý III năm {year}",
           "M9": "9 tháng đầu năm {year}", "Y": "năm {year}"}
_START = {"Q1": (-1, 12), "H1": (-1, 12), "Q3": (0, 6), "M9": (-1, 12), "Y": (-1, 12)}
CUT_OFF_DAY = 14
DUE_DAY = 20


@dataclass(frozen=True)
class Period:
    """A reporting period such as 2021-Q1: data from 15/12/2020 to 14/3/2021, due by 20/3/2021."""

    year: int
    kind: str

    @property
    def sort_key(self) -> tuple[int, int]:
        """Chronological order of the reports: Q1, H1, Q3, Y within a year."""
        return (self.year, list(KINDS).index(self.kind))

    @property
    def code(self) -> str:
        return f"{self.year}-{self.kind}"

    def label(self, lang: str = "vi") -> str:
        vi, en, _ = KINDS[self.kind]
        return (en if lang == "en" else vi).format(year=self.year)

    @property
    def start(self) -> date:
        year_offset, month = _START[self.kind]
        return date(self.year + year_offset, month, CUT_OFF_DAY + 1)

    @property
    def end(self) -> date:
        return date(self.year, KINDS[self.kind][2], CUT_OFF_DAY)

    @property
    def due(self) -> date:
        """The province's deadline to the Ministry (581/BNV-CCHC): the 20th of the period's last month."""
        return self.due_on(DUE_DAY)

    def due_on(self, day: int) -> date:
        """A deadline on a day of the period's last month (a plan sets Sở Nội vụ's and the units' days);
        a day past the month's end is its last day."""
        month = KINDS[self.kind][2]
        return date(self.year, month, min(day, calendar.monthrange(self.year, month)[1]))

    def default_deadline(self) -> date:
        """The Office's internal deadline for units unless set: the day after the data cut-off."""
        return self.end + timedelta(days=1)

    def __str__(self) -> str:
        return self.code

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: Period) -> bool:
        return self.sort_key <= other.sort_key

    def __gt__(self, other: Period) -> bool:
        return self.sort_key > other.sort_key

    def __ge__(self, other: Period) -> bool:
        return self.sort_key >= other.sort_key


def period_words(period: Period) -> str:
    """The period inside running text: 'năm 2021', 'quý III năm 2021', '6 tháng đầu năm 2021'."""
    if period.kind in IN_TEXT:
        return IN_TEXT[period.kind].format(year=period.year)
    label = period.label()
    return label[:1].lower() + label[1:]


EXAMPLES = "2021-Q1, 2021-H1, 2021-Q3, 2021-M9, 2021-Y"


def parse_period(text: str) -> Period:
    """A period from its code ('2021-Q1', '2021-h1', ...); OptionError on anything else."""
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(Q1|H1|Q3|M9|Y)\s*", str(text), flags=re.I)
    if not match:
        raise OptionError("OPT_001", value=text, examples=EXAMPLES)
    return Period(int(match.group(1)), match.group(2).upper())


def period_for(day: date) -> Period:
    """The period whose report collects the data of a day (windows as in 581/BNV-CCHC; 9 tháng only when
    asked for, as it shares its cut-off with Quý III)."""
    if (day.month, day.day) > (12, CUT_OFF_DAY):
        return Period(day.year + 1, "Q1")
    for kind in ("Q1", "H1", "Q3", "Y"):
        period = Period(day.year, kind)
        if day <= period.end:
            return period
    raise AssertionError(day)  # unreachable: 14/12 ends the year
