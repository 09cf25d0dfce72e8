"""Timeframe texts of an appendix and the due date each one gives: what cannot be read has none, never 31/12."""
from __future__ import annotations

from datetime import date

import pytest

from cchc_excel import ScheduleKind, parse_schedule

BY_DATE, YEARLY, OTHER = ScheduleKind.BY_DATE, ScheduleKind.YEARLY, ScheduleKind.OTHER


@pytest.mark.parametrize("text, kind, due", [
    ("Trước 30/6/2022", BY_DATE, date(2022, 6, 30)),
    ("Trước ngày 30.6.2022", BY_DATE, date(2022, 6, 30)),
    ("Trước 30-6-2022", BY_DATE, date(2022, 6, 30)),
    ("Trước ngày 15 tháng 6 năm 2022", BY_DATE, date(2022, 6, 15)),
    ("Quý I, II/2022", BY_DATE, date(2022, 6, 30)),  # the last quarter named, as for "Quý III và Quý IV/2022"
    ("Quý III và Quý IV/2022", BY_DATE, date(2022, 12, 31)),
    ("Quý 1-2/2022", BY_DATE, date(2022, 6, 30)),
    ("Tháng 6, 7/2022", BY_DATE, date(2022, 7, 31)),
    ("Tháng 9/2022", BY_DATE, date(2022, 9, 30)),
    ("Năm 2022", BY_DATE, date(2022, 12, 31)),
    ("Trong năm 2022", BY_DATE, date(2022, 12, 31)),
    ("Cuối năm 2022", BY_DATE, date(2022, 12, 31)),
    ("Giai đoạn 2021-2025", BY_DATE, date(2025, 12, 31)),
    ("Trước 31/2/2022", OTHER, None),  # no such day
    ("Tháng 13/2022", OTHER, None),  # no such month
    ("Đầu năm 2022", OTHER, None),  # vague: not the year's end
    ("Triển khai kế hoạch năm 2022", OTHER, None),
    ("Trước năm 2022", OTHER, None),  # by the end of 2021, or of 2022? said, not guessed
])
def test_a_timeframe_gives_its_due_date_or_none(text, kind, due):
    schedule = parse_schedule(text, 2022)
    assert (schedule.kind, schedule.deadline) == (kind, due)
    assert schedule.readable is (kind is not OTHER)


@pytest.mark.parametrize("text", ["Năm 2022 và những năm tiếp theo", "Trong năm 2022 và các năm tiếp theo",
                                  "Từ năm 2022", "Từ 2022", "Trước ngày 31/12/2022 và duy trì các năm sau"])
def test_a_year_kept_up_in_the_years_after_is_yearly(text):
    schedule = parse_schedule(text, 2022)
    assert (schedule.kind, schedule.year) == (YEARLY, 2022)
    assert schedule.due_for(date(2023, 12, 14)) == date(2023, 12, 31)
