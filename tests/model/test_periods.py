"""Reporting periods (guidance 581/BNV-CCHC)."""
from __future__ import annotations

from datetime import date

import pytest

from cchc_excel import OptionError, parse_period, period_for

PERIODS = [
    ("2021-Q1", "Quý I/2021", date(2020, 12, 15), date(2021, 3, 14), date(2021, 3, 20)),
    ("2021-H1", "6 tháng đầu năm 2021", date(2020, 12, 15), date(2021, 6, 14), date(2021, 6, 20)),
    ("2021-Q3", "Quý III/2021", date(2021, 6, 15), date(2021, 9, 14), date(2021, 9, 20)),
    ("2021-M9", "9 tháng đầu năm 2021", date(2020, 12, 15), date(2021, 9, 14), date(2021, 9, 20)),
    ("2021-Y", "Năm 2021", date(2020, 12, 15), date(2021, 12, 14), date(2021, 12, 20)),
]


@pytest.mark.parametrize("code, label, start, end, due", PERIODS)
def test_windows_labels_and_due_dates(code, label, start, end, due):
    period = parse_period(code.lower())
    assert (period.code, period.label(), period.start, period.end, period.due) == (code, label, start, end, due)
    assert period.default_deadline() == date(end.year, end.month, 15)


@pytest.mark.parametrize("day, code", [(date(2021, 1, 5), "2021-Q1"), (date(2021, 3, 15), "2021-H1"),
                                       (date(2021, 6, 14), "2021-H1"), (date(2021, 6, 15), "2021-Q3"),
                                       (date(2021, 12, 14), "2021-Y"), (date(2021, 12, 15), "2022-Q1")])
def test_the_period_of_a_day(day, code):
    assert period_for(day).code == code


@pytest.mark.parametrize("text", ["2021-H2", "Q1-2021", "2021", "", "21-Q1"])
def test_bad_period_codes(text):
    with pytest.raises(OptionError) as caught:
        parse_period(text)
    assert caught.value.code == "OPT_001" and "2021-Q1" in str(caught.value)
