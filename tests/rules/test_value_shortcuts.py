"""The value rules' quick checks decide as the full checks do, for every text (Hypothesis): a text without
any invisible character is left as it is, a text shorter than half Excel's limit cannot reach it, a cell is
filled when its text is not empty."""
from __future__ import annotations

import unicodedata
from datetime import date, datetime

from hypothesis import given, settings, strategies as st

from cchc_excel import builtin_plan, parse_period
from cchc_excel.io.entry import ProgressRow
from cchc_excel.io.reader import SheetData
from cchc_excel.model import layout
from cchc_excel.model.text import clean
from cchc_excel.rules.values import (CELL_LIMIT, HIDDEN, RULES, Context, _SPACE_LIKE, as_seen, check_row, excel_length,
                                     without_hidden)

SPECIAL = "".join(HIDDEN) + "\x00\x01\x1f\x7f\t\n\r \u3000\u2028\ud800\udfff\ufffe\uffff\U0001f600"
texts = st.text(alphabet=st.one_of(st.characters(blacklist_categories=()), st.sampled_from(SPECIAL + "Đễ\u0301")),
                max_size=50)
texts = st.one_of(texts, texts.map(lambda t: unicodedata.normalize("NFD", t)))


def _without_hidden_in_full(text: str) -> tuple[str, list[str]]:
    """Every character looked at: the names of those found, in the catalogue's order; the text rebuilt."""
    found = [name for char, name in HIDDEN.items() if char in text]
    if not found:
        return text, []
    rebuilt = "".join(" " if c in _SPACE_LIKE else "" if c in HIDDEN else c for c in text)
    return clean(rebuilt), found


@given(texts)
def test_invisible_characters_found_as_by_looking_at_every_character(text):
    assert without_hidden(text) == _without_hidden_in_full(text)


long_texts = st.builds(lambda head, char, count: head + char * count, texts,
                       st.sampled_from(["a", "\U0001f600", "\ud800", "Đ"]), st.integers(16300, 16400))


@given(st.one_of(texts, long_texts))
def test_a_text_shorter_than_half_the_limit_cannot_reach_it(text):
    assert excel_length(text) <= 2 * len(text)
    if 2 * len(text) < CELL_LIMIT:
        assert excel_length(text) < CELL_LIMIT


values = st.one_of(texts, st.none(), st.integers(), st.floats(), st.booleans(), st.dates(), st.datetimes(),
                   st.times(), st.timedeltas())


@given(st.lists(values, min_size=len(layout.INPUT_COLUMNS), max_size=len(layout.INPUT_COLUMNS)))
def test_a_cell_is_filled_when_its_text_is_not_empty(cells):
    entry = builtin_plan().entry_rows()[0]
    columns = {h: n for n, h in enumerate(layout.PROGRESS_HEADERS, start=1)}
    row = ProgressRow(entry, 5, dict(zip(layout.INPUT_COLUMNS, cells)), columns)
    for header in layout.INPUT_COLUMNS:
        assert row.filled(header) == bool(row.text(header))
    assert row.has_input == any(row.text(h) for h in layout.INPUT_COLUMNS)


plain_cells = st.one_of(st.none(), st.sampled_from(["", "Hoàn thành", "Đang thực hiện", "15/06/2021", "Kế hoạch 12/KH"]),
                        st.text(alphabet="aĐễ /.0123456789\u00a0\u200b\x01"))
size = len(layout.INPUT_COLUMNS)
rows = st.one_of(st.lists(plain_cells, min_size=size, max_size=size),
                 st.lists(st.one_of(plain_cells, st.dates(), values), min_size=size, max_size=size))
some_columns = st.one_of(st.just(set()), st.sets(st.sampled_from(layout.INPUT_COLUMNS), max_size=2))


@settings(max_examples=300, deadline=None)
@given(rows, some_columns, some_columns)
def test_a_row_of_plain_text_gets_what_every_rule_would_give_it(cells, denormalized, linked):
    entry = builtin_plan().entry_rows()[0]
    columns = {h: n for n, h in enumerate(layout.PROGRESS_HEADERS, start=1)}
    sheet = SheetData("Tiến độ", "visible", [], denormalized={(5, columns[h]) for h in denormalized})
    ctx = Context(sheet, parse_period("2021-H1"), date(2021, 7, 1),
                  links={(5, columns[h]): "https://a.gov.vn/x" for h in linked})
    quick, full = (ProgressRow(entry, 5, dict(zip(layout.INPUT_COLUMNS, cells)), columns) for _ in range(2))
    assert check_row(quick, ctx) == [p for rule in (as_seen,) + RULES for p in rule(full, ctx)]
    assert quick.values == full.values


# Rows most files hold: a listed status with what it requires, evidence, updater and dates well or badly typed
quiet_statuses = st.one_of(st.sampled_from(layout.STATUSES), st.sampled_from(["", "hoàn thành", "Xong", None]))
quiet_texts = st.one_of(st.just("Kế hoạch số 12/KH-UBND ngày 1/6/2021"),
                        st.sampled_from(["", "Nguyễn Văn An", "không có số", "ngày 3 tháng 5", None]))
quiet_dates = st.one_of(st.sampled_from(["10/06/2021", "15/12/2020", "1/6/2021", "5/5/2021", "21/06/2021"]),
                        st.dates(date(2020, 12, 10), date(2021, 6, 25)),
                        st.sampled_from(["", None, "14/12/2020", "01/07/2021", "2021-06-01", "32/13/2021", "1/1/1999",
                                         " 3/4/2021"]),
                        st.dates(date(1998, 1, 1), date(2022, 1, 1)), st.integers(-5, 50000),
                        st.floats(0, 50000), st.datetimes(datetime(1999, 1, 1), datetime(2022, 1, 1)))
quiet_rows = st.tuples(quiet_statuses, quiet_texts, quiet_texts, quiet_dates, quiet_texts, quiet_texts, quiet_texts,
                       quiet_dates)


@settings(max_examples=1000, deadline=None)
@given(quiet_rows, st.booleans(), st.sampled_from(["", "15/06/2021"]), st.sampled_from(["dd/mm/yyyy", "mm/dd/yyyy"]),
       st.sampled_from(["2021-H1", None]))
def test_a_row_the_rules_need_not_read_gets_what_every_rule_would_give_it(cells, shown, month_first, shown_format,
                                                                          period):
    entry = builtin_plan().entry_rows()[0]
    columns = {h: n for n, h in enumerate(layout.PROGRESS_HEADERS, start=1)}
    shown_texts = {(5, columns[h]): f"{v:%m/%d/%Y}" if shown_format == "mm/dd/yyyy" else f"{v:%d/%m/%Y}"
                   for h, v in zip(layout.INPUT_COLUMNS, cells) if shown and isinstance(v, date)}
    ctx = Context(SheetData("Tiến độ", "visible", []), parse_period(period) if period else None, date(2021, 6, 20),
                  shown=shown_texts, month_first=month_first)
    quick, full = (ProgressRow(entry, 5, dict(zip(layout.INPUT_COLUMNS, cells)), columns) for _ in range(2))
    expected = [p for rule in (as_seen,) + RULES for p in rule(full, ctx)]
    assert [(p, p.params) for p in check_row(quick, ctx)] == [(p, p.params) for p in expected]
    assert quick.values == full.values


def test_every_invisible_or_control_character_is_one_isprintable_refuses():
    """_plain_text trusts str.isprintable() (newlines aside) before it runs the pattern."""
    from cchc_excel.rules.values import _ODD
    odd = [code for code in range(0x110000) if _ODD.match(chr(code))]
    assert len(odd) > 2048 and not any(chr(code).isprintable() for code in odd)


class _Read:
    """What context_for asks of a workbook beside the rows: its date system, hyperlinks and shown texts."""

    date1904 = False

    def __init__(self, links: dict, shown: dict) -> None:
        self.links, self.shown = links, shown

    def hyperlinks(self, name):
        return self.links

    def shown_texts(self, name, cells):
        return {cell: self.shown[cell] for cell in cells if cell in self.shown}


file_cells = st.one_of(plain_cells, quiet_statuses, quiet_texts, quiet_dates,
                       st.sampled_from(["x" * 16000, "Kế hoạch 1/KH\n" * 1200, "a\u200bb", "10/06/2021 "]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(file_cells, min_size=size, max_size=size), min_size=1, max_size=6), some_columns, some_columns,
       st.booleans())
def test_a_file_whose_rows_are_looked_at_once_gets_what_every_rule_would_give_each_row(rows, denormalized, linked,
                                                                                        shown):
    """context_for decides for all the rows at once whether they are plain text (Context.all_plain); check_rows
    then gives what every rule gives each row, and leaves the same values."""
    from cchc_excel.io.entry import EntrySheet
    from cchc_excel.rules.values import check_rows, context_for
    entries = builtin_plan().entry_rows()
    columns = {h: n for n, h in enumerate(layout.PROGRESS_HEADERS, start=1)}
    sheet = SheetData("Tiến độ", "visible", [], denormalized={(5, columns[h]) for h in denormalized})
    book = _Read({(6, columns[h]): "https://a.gov.vn/x" for h in linked},
                 {(5 + n, columns[h]): f"{v:%m/%d/%Y}" for n, cells in enumerate(rows)
                  for h, v in zip(layout.INPUT_COLUMNS, cells) if shown and isinstance(v, date)})

    def read():
        return [ProgressRow(entries[n], 5 + n, dict(zip(layout.PROGRESS_HEADERS, [""] * 6 + list(cells))), columns)
                for n, cells in enumerate(rows)]
    quick, full = read(), read()
    entry = EntrySheet(sheet=sheet, period=parse_period("2021-H1"), rows=quick)
    ctx = context_for(book, entry, date(2021, 6, 20), "Kế hoạch số 123/KH-UBND ngày 20/5/2021")
    expected = [p for row in full for rule in (as_seen,) + RULES for p in rule(row, ctx)]
    assert [(p, p.params) for p in check_rows(quick, ctx)] == [(p, p.params) for p in expected]
    assert [row.values for row in quick] == [row.values for row in full]


@given(st.text(alphabet="0123456789/ .-KHĐđkhxngàyháAZaz\u0661\t", max_size=30))
def test_a_document_is_cited_as_the_pattern_says(text):
    from cchc_excel.rules.values import _DOCUMENT, cites_a_document
    assert cites_a_document(text) == bool(_DOCUMENT.search(text))
