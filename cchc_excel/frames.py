"""Progress data as pandas DataFrames (pandas is imported only here)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from pathlib import Path

from .model.layout import DATA_HEADERS
from .io.master_file import MASTER, read_master
from .model.periods import Period
from .model.progress import record_rows

if TYPE_CHECKING:
    import pandas as pd

def progress_frame(master: str | Path, period: Period | None = None) -> pd.DataFrame:
    """The master's merged progress, one row per period × item × unit, with typed date columns.

    With period, only that period's rows (and only its sheet of the master is read).
    """
    data = read_master(master, periods=None if period is None else [period], expect=MASTER, history=False)
    plan, records = data.plan, data.sorted_records()
    del data
    rows = record_rows(plan, _let_go(records))  # each record let go as its row is made: its texts are held packed
    import pandas as pd  # after the reading: the reader's peak and pandas' own memory do not add up

    frame = pd.DataFrame(rows, columns=list(DATA_HEADERS))
    del rows
    for column in ("Ngày hoàn thành", "Ngày cập nhật"):
        frame[column] = pd.to_datetime(frame[column])
    frame["Thời điểm gộp"] = pd.to_datetime(frame["Thời điểm gộp"], format="%d/%m/%Y %H:%M:%S")
    frame["Dòng nguồn"] = frame["Dòng nguồn"].astype("int64")
    return frame


def _let_go(items: list) -> Iterator:
    """The items of a list in order, each taken out of it (None in its place) as it is given."""
    for at in range(len(items)):
        item, items[at] = items[at], None
        yield item
