"""Value rules: small functions over one matched row of the entry sheet, each yielding every problem."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from itertools import chain
from operator import attrgetter, itemgetter

from ..model import layout
from ..io.entry import EntrySheet, ProgressRow, input_cells
from ..model.periods import Period, period_words
from ..model.problems import Problem
from ..model.progress import Status
from ..io.reader import SheetData, WorkbookData, to_date
from ..model.text import CELL_LIMIT, clean, excel_length, is_blank, parse_vn_date

STATUS, RESULT, EVIDENCE = "Tình trạng", "Kết quả thực hiện", "Tài liệu kiểm chứng"
DONE_DATE, UPDATER, UPDATED = "Ngày hoàn thành", "Người cập nhật", "Ngày cập nhật"
CHOICES = ", ".join(layout.STATUSES)
# Control characters, and what XML cannot hold at all (U+FFFE, U+FFFF, lone surrogates): refused, never stored
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_DOCUMENT = re.compile(r"\d+\s*/\s*[A-ZĐa-zđ]|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|ngày\s+\d{1,2}\s+tháng", re.I)
_SYMBOL_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐabcdefghijklmnopqrstuvwxyzđ")  # a letter [A-ZĐa-zđ] takes
EARLIEST = date(2000, 1, 1)
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True)
class Context:
    sheet: SheetData
    period: Period | None
    today: date
    date1904: bool = False
    shown: dict[tuple[int, int], str] = field(default_factory=dict)  # non-text cells: the text they display
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # hyperlink addresses
    month_first: str = ""  # a text date of the file that shows the application read dates month first
    example: str = ""  # an evidence example in the plan's own symbol (PlanFacts.example_document)
    all_plain: bool = False  # every row of the file is plain text (_plain_text), found in one look by context_for
    # by row key, the (Ngày hoàn thành, Ngày cập nhật) split pre-filled from an earlier period
    carried: dict[tuple[str, str], tuple[date | None, date | None]] = field(default_factory=dict)

    @property
    def evidence_example(self) -> str:
        """The plan's example; without one, the period's year (or today's), never another plan's."""
        year = self.period.year if self.period else self.today.year
        return self.example or f"Kế hoạch số 123/KH-UBND ngày 20/5/{year}"

    @cached_property
    def quiet_days(self) -> tuple[tuple[date, date], ...]:
        """For each of layout.DATE_COLUMNS, the first and last day `dates` takes without a word: not after
        today, and when there is a period Ngày hoàn thành inside it, Ngày cập nhật not before its start."""
        if self.period is None:
            return ((date.min, self.today),) * len(layout.DATE_COLUMNS)
        done = (self.period.start, min(self.period.end, self.today))
        return tuple(done if header == DONE_DATE else (self.period.start, self.today) for header in layout.DATE_COLUMNS)


def context_for(book: WorkbookData, entry: EntrySheet, today: date, example: str) -> Context | None:
    """What the value rules need to know about the file beyond the rows' values; None without an entry sheet."""
    sheet = entry.sheet
    if sheet is None:
        return None
    inputs = list(map(input_cells, map(_VALUES, entry.rows)))
    text: str | None
    typed: list[tuple[int, int]] = []
    try:  # most files: text in every input cell
        text = "".join(chain.from_iterable(inputs))
    except TypeError:  # a number, a date or nothing (None) in a cell
        text = _text_beside_dates(inputs)
        typed = [(row.excel_row, row.columns[h]) for row in entry.rows for h in layout.INPUT_COLUMNS
                 if not isinstance(value := row.values.get(h), str) and value not in ("", None)]
    links = book.hyperlinks(sheet.name)
    all_plain = text is not None and not links and not sheet.denormalized and not sheet.stored_at_limit \
        and (2 * len(text) < CELL_LIMIT or not any(
            2 * len(value) >= CELL_LIMIT for value in chain.from_iterable(inputs) if isinstance(value, str))) \
        and _printable(text)
    return Context(sheet, entry.period, today, book.date1904, book.shown_texts(sheet.name, typed) if typed else {},
                   links, _month_first(entry.rows) if typed else "", example, all_plain,  # no date cell
                   entry.meta.carried() if entry.meta is not None else {})


def _text_beside_dates(inputs: list[tuple]) -> str | None:
    """The rows' input texts joined, when every cell outside the date columns is text or empty (a row of plain
    text may hold date cells); else None."""
    others = list(chain.from_iterable(map(_NOT_DATES, inputs)))
    if not _TEXT_OR_NONE.issuperset(map(type, others)):
        return None
    return "".join(filter(None, others)) + "".join(
        value for value in chain.from_iterable(map(_DATES, inputs)) if isinstance(value, str))


def _printable(text: str) -> bool:
    """Whether a text has no invisible or control character: each pattern matches one character, and none that
    str.isprintable() takes, so most texts need no more look."""
    return text.isprintable() or text.replace("\n", "").isprintable() or not _ODD.search(text)


def _month_first(rows: list[ProgressRow]) -> str:
    """A text date such as 15/06/2021 left as text beside real date cells: the application could not read it,
    so it read dates month first (en-US), and its date cells with a day up to 12 may have day and month swapped."""
    texts = [row.values.get(h) for row in rows for h in layout.DATE_COLUMNS]
    if not any(isinstance(v, (date, int, float)) and not isinstance(v, bool) for v in texts):
        return ""
    for text in texts:
        if not isinstance(text, str):
            continue
        match = _SLASH_DATE.fullmatch(text.strip())
        if match and int(match.group(1)) > 12 and parse_vn_date(text):
            return text.strip()
    return ""


def check_row(row: ProgressRow, ctx: Context) -> list[Problem]:
    """Every value problem of one row, rule by rule; first the row's values are read as the user saw them."""
    plain = ctx.all_plain or _plain_text(row, ctx)
    return [] if plain and _quiet(row, ctx) else _problems(row, ctx, plain)


def check_rows(rows: list[ProgressRow], ctx: Context) -> list[Problem]:
    """Every value problem of each row in turn, as check_row gives them; in a file of plain text (most), the rows
    the rules need not read are passed over in one loop, each looked at once."""
    if not ctx.all_plain:
        return [problem for row in rows for problem in check_row(row, ctx)]
    return [problem for row in rows if not _quiet(row, ctx) for problem in _problems(row, ctx, True)]


def _problems(row: ProgressRow, ctx: Context, plain: bool) -> list[Problem]:
    """The rules' problems on a row (plain: its text needs no reading as seen, _plain_text)."""
    return [problem for rule in (_RULES_ON_PLAIN_TEXT if plain else _ALL_RULES) for problem in rule(row, ctx)]


def _plain_text(row: ProgressRow, ctx: Context) -> bool:
    """Whether as_seen and text_cells have nothing to change or say on the row, in one look at its
    text: no number, date or TRUE/FALSE in a text column, no hyperlink, no invisible or control character, no
    text long enough to near Excel's limit, no text that was not NFC (most rows of most files)."""
    if ctx.links:
        return False
    texts = [value for value in map(row.values.get, layout.INPUT_COLUMNS) if isinstance(value, str)]
    if len(texts) < len(layout.INPUT_COLUMNS) and any(
            value not in ("", None) for n, value in enumerate(map(row.values.get, layout.INPUT_COLUMNS))
            if not isinstance(value, str) and n not in _DATES_AT):
        return False
    text = "".join(texts)
    if 2 * len(text) >= CELL_LIMIT and any(2 * len(t) >= CELL_LIMIT for t in texts):
        return False
    for cells in (ctx.sheet.denormalized, ctx.sheet.stored_at_limit):
        if cells and any((row.excel_row, row.columns[h]) in cells for h in layout.INPUT_COLUMNS):
            return False
    return _printable(text)


_AT = {header: n for n, header in enumerate(layout.INPUT_COLUMNS)}  # an input cell's place in input_cells
_DATES_AT = frozenset(_AT[header] for header in layout.DATE_COLUMNS)
_VALUES = attrgetter("values")
_NOT_DATES = itemgetter(*(n for n in range(len(layout.INPUT_COLUMNS)) if n not in _DATES_AT))
_DATES = itemgetter(*(_AT[header] for header in layout.DATE_COLUMNS))
_DATE_PLACES = tuple((header, _AT[header]) for header in layout.DATE_COLUMNS)
_TEXT_OR_NONE = frozenset((str, type(None)))
# What a status requires filled (required_by_status), and the code that names each empty one
_REQUIRED_BY_STATUS: dict[Status | None, tuple[str, tuple[str, ...]]] = {
    Status.DONE: ("VAL_004", (RESULT, EVIDENCE, DONE_DATE)),
    Status.IN_PROGRESS: ("VAL_005", (RESULT,)), Status.NOT_APPLICABLE: ("VAL_006", (RESULT,))}
# For a status typed as the list gives it, the cells it requires filled with the updater and the update date
# (updater, update_date: any input), after the status itself (so that there are always two or more: itemgetter gives
# a tuple)
_REQUIRED_CELLS = {status.value: itemgetter(_AT[STATUS], *(_AT[h] for h in _REQUIRED_BY_STATUS.get(
    status, ("", ()))[1]), _AT[UPDATER], _AT[UPDATED]) for status in Status}
_EVIDENCE_AT = _AT[EVIDENCE]
_DONE_AT = _AT[DONE_DATE]


def _quiet(row: ProgressRow, ctx: Context) -> bool:
    """Whether no rule has anything to say on a row of plain text, in one look at its input cells (most filled
    rows): a status as the list gives it, what that status requires filled, the updater named and the update dated,
    evidence that cites a document, each date well typed, not after today, Ngày hoàn thành inside the period and
    not after Ngày cập nhật, Ngày cập nhật not before the period, no date that split pre-filled. False means only
    that the rules must look."""
    cells = input_cells(row.values)
    status = cells[0]
    required = _REQUIRED_CELLS.get(status) if status.__class__ is str else None
    if required is None or not all(required(cells)):  # a cell such as 0 is filled: the rules look
        return False
    evidence = cells[_EVIDENCE_AT]  # text or None in a row of plain text
    if evidence and not cites_a_document(evidence):
        return False
    if status != Status.DONE.value and not is_blank(cells[_DONE_AT]):  # VAL_025
        return False
    days: list[date] = []  # the dates typed, in the order of layout.DATE_COLUMNS
    for (header, n), (first, last) in zip(_DATE_PLACES, ctx.quiet_days):
        value = cells[n]
        if value.__class__ is str:
            if not value:
                continue
            day = _slash_date(value) if len(value) <= 64 else None  # a long text is no date
            if day is None:
                if is_blank(value):
                    continue
                return False
        elif is_blank(value):
            continue
        else:
            day = to_date(value, ctx.date1904)
            if day is None or day < EARLIEST or \
                    _maybe_swapped(day, ctx.shown.get((row.excel_row, row.columns[header])), ctx):
                return False
        if not first <= day <= last or ctx.carried and day in _carried(row, ctx):  # VAL_022, or no VAL_011
            return False
        days.append(day)
    return len(days) < 2 or days[0] <= days[1]  # not done after the row's update (VAL_021)


@lru_cache(maxsize=2**12)
def _slash_date(text: str) -> date | None:
    """The date of a text that `dates` takes as it is (a dd/mm/yyyy date not before EARLIEST); else None."""
    day = parse_vn_date(text)
    return day if day is not None and day >= EARLIEST and _SLASH_DATE.fullmatch(clean(text)) else None


def as_seen(row: ProgressRow, ctx: Context):
    """Make each input value what the user saw, saying so: a number, date or TRUE/FALSE in a text column
    becomes the text the cell displayed; invisible characters go; a hyperlink's address joins its text."""
    for header in layout.INPUT_COLUMNS:
        cell = (row.excel_row, row.columns[header])
        value = row.values.get(header)
        if header not in layout.DATE_COLUMNS and value not in ("", None) and not isinstance(value, str):
            shown = clean(ctx.shown.get(cell)) or clean(value)
            yield _problem("VAL_017", row, header, ctx, value=shown, held=_held(value))
            value = row.values[header] = shown
        if isinstance(value, str) and value:
            cleaned, names = without_hidden(value)
            if names:
                yield _problem("VAL_019", row, header, ctx, value=cleaned, chars=", ".join(names))
                value = row.values[header] = cleaned
        link = ctx.links.get(cell) if ctx.links else None
        if link and header != STATUS and header not in layout.DATE_COLUMNS and link not in clean(value):
            row.values[header] = f"{clean(value)} ({link})" if clean(value) else link


def _held(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}" + (f" {value:%H:%M}" if value.time() != datetime.min.time() else "")
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return clean(value)


# Characters that do not show but change what a text is: names as in Unicode, with their code point.
HIDDEN = {"\ufeff": "BOM U+FEFF", "\u00a0": "NBSP U+00A0", "\u202f": "NNBSP U+202F", "\u2007": "FIGURE SPACE U+2007",
          "\u2009": "THIN SPACE U+2009", "\u200b": "ZWSP U+200B", "\u200c": "ZWNJ U+200C", "\u200d": "ZWJ U+200D",
          "\u2060": "WJ U+2060", "\u00ad": "SHY U+00AD", "\u200e": "LRM U+200E", "\u200f": "RLM U+200F"}
_SPACE_LIKE = "\u00a0\u202f\u2007\u2009"
_HIDDEN = re.compile("[" + "".join(HIDDEN) + "]")
_ODD = re.compile("[" + "".join(HIDDEN) + _CONTROL.pattern[1:-1] + "]")  # either kind


def without_hidden(text: str) -> tuple[str, list[str]]:
    """(the text without invisible characters, special spaces made plain spaces; the names of those found)."""
    if not _HIDDEN.search(text):  # the common case: one scan, nothing found
        return text, []
    found = sorted(set(_HIDDEN.findall(text)), key=list(HIDDEN).index)
    cleaned = _HIDDEN.sub(lambda m: " " if m.group(0) in _SPACE_LIKE else "", text)
    return clean(cleaned), [HIDDEN[c] for c in found]


def _problem(code: str, row: ProgressRow, header: str, ctx: Context, value: object = None, **params) -> Problem:
    shown = row.text(header) if value is None else str(value)
    return Problem(code, sheet=ctx.sheet.name, cell=row.cell(header), row=row.excel_row, field=header,
                   value=shown, params=params)


def status_of(row: ProgressRow) -> Status | None:
    """The status a row's Tình trạng cell stands for (case and Unicode form forgiven)."""
    return Status.parse(row.text(STATUS))


def read_date(value: object, date1904: bool = False) -> tuple[date | None, bool]:
    """(the date a cell holds, whether it was typed as text); (None, …) when it holds no valid date."""
    if isinstance(value, str):  # never a date cell
        return parse_vn_date(value), True
    return to_date(value, date1904), False


def text_cells(row: ProgressRow, ctx: Context):
    for header in layout.INPUT_COLUMNS:
        value = row.values.get(header)
        if not isinstance(value, str) or not value:
            continue
        # the cell as stored: before the reader trimmed it (a text cut at the limit just after a space), before
        # as_seen took invisible characters out of it
        cell = (row.excel_row, row.columns[header])
        held = ctx.sheet.raw(*cell)
        text = held if isinstance(held, str) and len(held) > len(value) else value
        stored = ctx.sheet.stored_at_limit.get(cell, 0)
        if stored or 2 * len(text) >= CELL_LIMIT:  # a code point is at most 2 UTF-16 units: shorter cannot reach it
            units = max(stored, excel_length(text))
            if units >= CELL_LIMIT:  # reaching Excel's limit means the text was (or would be) cut off
                yield _problem("VAL_013", row, header, ctx, value=units, expected=CELL_LIMIT)
        if _CONTROL.search(value):
            yield _problem("VAL_014", row, header, ctx, value=_CONTROL.sub("?", value[:200]))
        if ctx.sheet.denormalized and (row.excel_row, row.columns[header]) in ctx.sheet.denormalized:
            yield _problem("VAL_015", row, header, ctx)


def status(row: ProgressRow, ctx: Context):
    text = row.text(STATUS)
    if not text:
        if any(row.filled(h) for h in layout.INPUT_COLUMNS if h != STATUS):
            yield _problem("VAL_001", row, STATUS, ctx, choices=CHOICES)
        return
    canonical = status_of(row)
    if canonical is None:
        yield _problem("VAL_002", row, STATUS, ctx, choices=CHOICES)
    elif canonical.value != text:  # a decomposed status is VAL_015, hidden characters VAL_019
        yield _problem("VAL_003", row, STATUS, ctx, expected=canonical.value)


def required_by_status(row: ProgressRow, ctx: Context):
    code, headers = _REQUIRED_BY_STATUS.get(status_of(row), ("", ()))
    for header in headers:
        if not row.filled(header):
            yield _problem(code, row, header, ctx)


def evidence_cites_a_document(row: ProgressRow, ctx: Context):
    text = row.text(EVIDENCE)
    if text and not cites_a_document(text):
        yield _problem("VAL_007", row, EVIDENCE, ctx, example=ctx.evidence_example)


def dates(row: ProgressRow, ctx: Context):
    for header in layout.DATE_COLUMNS:
        value = row.values.get(header)
        if is_blank(value):
            continue
        day, typed_as_text = read_date(value, ctx.date1904)
        if day is None or day < EARLIEST:
            yield _problem("VAL_008", row, header, ctx)
            continue
        shown = f"{day:%d/%m/%Y}"
        if typed_as_text and not _SLASH_DATE.fullmatch(clean(value)):
            yield _problem("VAL_016", row, header, ctx, expected=shown)
        elif not typed_as_text and _maybe_swapped(day, ctx.shown.get((row.excel_row, row.columns[header])), ctx):
            yield _problem("VAL_018", row, header, ctx, value=shown, swapped=f"{day:%m/%d/%Y}",
                           example=ctx.shown.get((row.excel_row, row.columns[header])) or ctx.month_first)
        if day > ctx.today:
            yield _problem("VAL_009", row, header, ctx, value=shown, expected=f"{ctx.today:%d/%m/%Y}")
        elif header == DONE_DATE and ctx.period and day > ctx.period.end:
            yield _problem("VAL_010", row, header, ctx, value=shown, expected=f"{ctx.period.end:%d/%m/%Y}")
        elif header == DONE_DATE and ctx.period and day < ctx.period.start and _carried(row, ctx)[0] != day:
            yield _problem("VAL_011", row, header, ctx, value=shown, expected=f"{ctx.period.start:%d/%m/%Y}")
        elif header == UPDATED and ctx.period and day < ctx.period.start:  # last period's values, not this one's
            yield _problem("VAL_020", row, header, ctx, value=shown, expected=f"{ctx.period.start:%d/%m/%Y}",
                           period=period_words(ctx.period), period_en=ctx.period.label("en"))
        elif header == UPDATED and ctx.period and _carried(row, ctx)[1] == day:  # as split pre-filled it
            yield _problem("VAL_022", row, header, ctx, value=shown, period=period_words(ctx.period),
                           period_en=ctx.period.label("en"))


_NOT_CARRIED: tuple[None, None] = (None, None)


def _carried(row: ProgressRow, ctx: Context) -> tuple[date | None, date | None]:
    """The (Ngày hoàn thành, Ngày cập nhật) split pre-filled on the row from an earlier period; (None, None) if none."""
    return ctx.carried.get(row.entry.key, _NOT_CARRIED) if ctx.carried else _NOT_CARRIED


def cites_a_document(text: str) -> bool:
    """Whether a text names a document (_DOCUMENT): its number and symbol (12/KH), or a date. Most evidence
    has its number and symbol's first letter on each side of its first slash: no pattern is run then."""
    at = text.find("/")
    return 0 < at < len(text) - 1 and text[at - 1] in "0123456789" and text[at + 1] in _SYMBOL_FIRST \
        or _DOCUMENT.search(text) is not None


def _maybe_swapped(day: date, shown: str | None, ctx: Context) -> bool:
    """A date cell whose day and month could have been swapped by an application reading month first:
    the cell displays the date month first, or the file's text dates show such a reading."""
    if day.day > 12 or day.day == day.month:
        return False
    displayed = _displayed_date(shown) if shown else None
    if displayed is not None:  # the user saw the date: swapped only if it showed month first
        return displayed != day
    return bool(ctx.month_first) and not re.match(r"\s*\d{4}", shown or "")  # a year first is unambiguous


def _displayed_date(shown: str) -> date | None:
    """The date a displayed text stands for when read day first (a 2-digit year is 20yy)."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2})\s*", shown)
    return parse_vn_date(f"{match.group(1)}/{match.group(2)}/20{match.group(3)}") if match else parse_vn_date(shown)


def done_before_update(row: ProgressRow, ctx: Context):
    """VAL_021: work cannot have been done after the day its row was updated."""
    done, updated = (read_date(row.values.get(h), ctx.date1904)[0] for h in (DONE_DATE, UPDATED))
    if done is not None and updated is not None and EARLIEST <= updated < done <= ctx.today:
        yield _problem("VAL_021", row, DONE_DATE, ctx, value=f"{done:%d/%m/%Y}", expected=f"{updated:%d/%m/%Y}")


def done_date_of_done_rows(row: ProgressRow, ctx: Context):
    """VAL_025: a completion date on a row whose status is not Hoàn thành (a pre-filled row reopened, its old date
    left behind): the master would keep an unfinished task with the day it was finished."""
    state = status_of(row)
    if state is None or state is Status.DONE or not row.filled(DONE_DATE):
        return
    day = read_date(row.values.get(DONE_DATE), ctx.date1904)[0]
    yield _problem("VAL_025", row, DONE_DATE, ctx, value=f"{day:%d/%m/%Y}" if day else None, status=state.value)


def _reported(row: ProgressRow) -> bool:
    """Whether the row reports something: an input cell filled besides who updated it and when."""
    return any(row.filled(h) for h in layout.INPUT_COLUMNS if h not in (UPDATER, UPDATED))


def updater(row: ProgressRow, ctx: Context):
    if not row.filled(UPDATER) and _reported(row):
        yield _problem("VAL_012", row, UPDATER, ctx)


def update_date(row: ProgressRow, ctx: Context):
    """VAL_023, or VAL_024 on a row split pre-filled: a row reported without its Ngày cập nhật. Merging takes the
    later of two values of a row by that date, so a row without one could neither be ordered against another file
    nor against the master's value; on a pre-filled row, it is last period's values until the unit dates them."""
    if row.filled(UPDATED) or not _reported(row):
        return
    carried = _carried(row, ctx)[1]
    if carried is None:
        yield _problem("VAL_023", row, UPDATED, ctx, expected=f"{ctx.today:%d/%m/%Y}")
    else:
        yield _problem("VAL_024", row, UPDATED, ctx, carried=f"{carried:%d/%m/%Y}",
                       period=period_words(ctx.period) if ctx.period else "",
                       period_en=ctx.period.label("en") if ctx.period else "")


RULES = (text_cells, status, required_by_status, evidence_cites_a_document, dates, done_before_update,
         done_date_of_done_rows, updater, update_date)
_ALL_RULES = (as_seen,) + RULES
_RULES_ON_PLAIN_TEXT = tuple(rule for rule in RULES if rule is not text_cells)
