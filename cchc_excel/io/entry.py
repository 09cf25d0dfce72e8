"""What is read from a submitted workbook's entry sheet: its metadata and its rows, with their positions."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from ..model import layout
from ..model.cells import a1
from ..model.identity import identity
from ..model.periods import Period
from ..model.plan import EntryRow
from ..model.problems import Problem
from ..model.text import clean, is_blank
from ..model.units import Unit
from .reader import SheetData, WorkbookData


@dataclass(frozen=True)
class Meta:
    """The identity a workbook made by init or split carries on its very hidden sheet."""

    values: dict[str, object]

    def get(self, key: str) -> str:
        value = self.values.get(key)
        return value if value.__class__ is str else clean(value)  # the reader already cleaned text

    @property
    def unit_code(self) -> str:
        return self.get("unit")

    def carried(self) -> dict[tuple[str, str], tuple[date | None, date | None]]:
        """The (Ngày hoàn thành, Ngày cập nhật) split pre-filled from an earlier period on each row (item code, unit
        code); empty when none or when the metadata does not read (edited: then nothing is taken as carried)."""
        found: dict[tuple[str, str], tuple[date | None, date | None]] = {}
        n = 1
        while text := self.get(layout.carried_key(n)):  # the list over as many keys as it needs (carried_meta)
            try:
                found.update({(item, unit): (_iso(done), _iso(updated))
                              for item, unit, done, updated in json.loads(text)})
            except (ValueError, TypeError):
                return {}
            n += 1
        return found


def _iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass
class ProgressRow:
    """One row of the entry sheet matched to the plan, with the Excel position of every value."""

    entry: EntryRow
    excel_row: int
    values: dict[str, object]  # header → value as read (text NFC, dates as the cell holds them)
    columns: dict[str, int]  # header → column number

    def cell(self, header: str) -> str:
        return a1(self.excel_row, self.columns[header])

    def text(self, header: str) -> str:
        value = self.values.get(header)
        return value if isinstance(value, str) else clean(value)  # the reader already cleaned text

    def filled(self, header: str) -> bool:
        """bool(self.text(header)), without making the text of a number or date."""
        value = self.values.get(header)
        return bool(value) if isinstance(value, str) else not is_blank(value)

    @property
    def has_input(self) -> bool:
        # a cell whose value is true is filled (text, or a number or date that shows): most rows are found so
        return any(input_cells(self.values)) or any(map(self.filled, layout.INPUT_COLUMNS))


input_cells = itemgetter(*layout.INPUT_COLUMNS)  # a row's input cells from its values (each row holds every header)


@dataclass
class EntrySheet:
    """What was read from a submitted workbook: its metadata, matched rows and structure problems."""

    meta: Meta | None = None
    sheet: SheetData | None = None
    period: Period | None = None
    unit: Unit | None = None
    rows: list[ProgressRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    date1904: bool = False


def read_identity(book: WorkbookData) -> Meta | None:
    """The metadata a returned file is checked and merged by (model/identity.py's keys): from the custom document
    properties when they hold it as written, with no sheet parsed; else read_meta's. None without the metadata sheet
    (its properties alone do not make a file the tool's)."""
    if layout.SHEET_META not in book.sheet_names:
        return None
    found = identity(book.custom_properties())
    return Meta(dict(found)) if found is not None else read_meta(book)


def read_meta(book: WorkbookData) -> Meta | None:
    """The key/value metadata a workbook made by init, split or a merge carries; None without that sheet."""
    if layout.SHEET_META not in book.sheet_names:
        return None
    return Meta({key if key.__class__ is str else clean(key): row[1]  # the reader already cleaned text
                 for row in book.pair_rows(layout.SHEET_META) if len(row) > 1 and (key := row[0])})
