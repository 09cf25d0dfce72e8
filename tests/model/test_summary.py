"""The one rule that sums an item up for the report (model/summary.py)."""
from __future__ import annotations

import dataclasses

import pytest

from cchc_excel import builtin_plan
from cchc_excel.model.plan import Role
from cchc_excel.model.progress import Progress, Status
from cchc_excel.model.summary import ItemSummary, UnitReport, count

PLAN = builtin_plan()
S = Status
ONE_LEAD = next(i.code for i in PLAN.items  # an item with one lead unit, then partners
                if [e.role for e in PLAN.entry_rows() if e.item.code == i.code][:2] == [Role.LEAD, Role.PARTNER])


def summary(code: str, *statuses, timeframe: str | None = None) -> ItemSummary:
    """An item's summary with its first assigned units reporting the given statuses (None: not reported)."""
    item = PLAN.item(code)
    if timeframe is not None:
        item = dataclasses.replace(item, timeframe=timeframe)
    entries = sorted((e for e in PLAN.entry_rows() if e.item.code == code), key=lambda e: e.role is not Role.LEAD)
    assert len(entries) >= len(statuses)
    reports = [UnitReport(dataclasses.replace(e, item=item), Progress(status=s, result="x") if s else None)
               for e, s in zip(entries, statuses)]
    return ItemSummary(item, reports)


@pytest.mark.parametrize("statuses, level", [
    ((None, None), "Chưa có kết quả"),
    ((S.NOT_APPLICABLE, S.NOT_APPLICABLE), "Không phát sinh"),
    ((S.NOT_APPLICABLE, None), "Không phát sinh"),
    ((S.DONE, S.NOT_APPLICABLE), "Hoàn thành"),
    ((S.DONE, None), "Hoàn thành"),  # a partner that has not reported does not count against the item
    ((None, S.DONE), "Đang thực hiện"),  # the lead has not reported
    ((S.DONE, S.NOT_STARTED), "Đang thực hiện"),
    ((S.NOT_STARTED, S.NOT_APPLICABLE), "Chưa thực hiện"),
])
def test_levels(statuses, level):
    assert summary(ONE_LEAD, *statuses, timeframe="Trong năm 2021").level == level


@pytest.mark.parametrize("statuses, level", [((S.DONE, S.DONE), "Duy trì thường xuyên"),
                                             ((S.IN_PROGRESS, None), "Duy trì thường xuyên"),
                                             ((S.NOT_STARTED, None), "Chưa thực hiện")])
def test_recurring_tasks_are_maintained_not_finished(statuses, level):
    assert summary(ONE_LEAD, *statuses, timeframe="Thường xuyên").level == level


def test_counts_say_what_they_count():
    summaries = [summary(item.code) for item in PLAN.items]
    for s in summaries:  # every assigned unit, none reported
        s.reports = [UnitReport(e, None) for e in PLAN.entry_rows() if e.item.code == s.item.code]
    counts = count(summaries)
    assert (counts.criteria, counts.sub_criteria, counts.items, counts.tasks) == (12, 3, 15, len(PLAN.entry_rows()))
    assert counts.tasks_reported == 0 and counts.levels["Chưa có kết quả"] == 15


@pytest.mark.parametrize("levels, expected", [
    (["Hoàn thành"], "Hoàn thành"),
    (["Hoàn thành", "Đang thực hiện"], "Đang thực hiện"),
    (["Hoàn thành", "Duy trì thường xuyên"], "Duy trì thường xuyên"),
    (["Hoàn thành", "Không phát sinh"], "Hoàn thành"),
    (["Không phát sinh", "Không phát sinh"], "Không phát sinh"),
    (["Hoàn thành", "Chưa có kết quả"], "Đang thực hiện"),
    (["Chưa có kết quả", "Không phát sinh"], "Chưa có kết quả"),
    (["Chưa thực hiện", "Chưa có kết quả"], "Chưa thực hiện"),
    (["Duy trì thường xuyên", "Chưa thực hiện"], "Đang thực hiện"),
])
def test_tasks_under_one_stt_make_one_level(levels, expected):
    """Tasks sharing one STT are one criterion: open exactly when one of its tasks is open."""
    from cchc_excel.model.summary import OPEN_LEVELS, combine_levels
    assert combine_levels(levels) == expected
    assert (expected in OPEN_LEVELS) == any(level in OPEN_LEVELS for level in levels)
