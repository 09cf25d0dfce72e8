"""The columns of `Phụ lục I`: the plan's part as the plan issued it (its own extra columns after the timeframe),
then the results; widths that always fit A4 landscape at 100 %.

The standard columns are STT | Tiêu chí / nhiệm vụ | Giải pháp | Chủ trì | Phối hợp | Thời gian | Kết quả |
Tài liệu kiểm chứng | Mức độ hoàn thành | Ghi chú. A plan without a criterion column (tasks under section headings)
has no "Tiêu chí / nhiệm vụ" column, and its task column keeps the plan's own header ("Nhiệm vụ"). The plan's
extra columns ("Sản phẩm", "Kết quả cần đạt", "Điểm") follow "Thời gian" with their headers as typed; an extra
"Ghi chú" is the report's own "Ghi chú" column (the plan's note first, then the units' difficulties).
The table is 880 px wide at most (660 pt in Excel, about 692 pt in LibreOffice; 708 pt lie between the
margins): extra columns are sized to their text, the timeframe column to its widest word (a date typed as the
deadline), then the text columns narrow in proportion to fit, none below its widest word where the page allows:
a date ("30/09/2022") or a number ("45/KH-" of "45/KH-UBND", which may break after its hyphen) never breaks inside.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model.plan import Plan
from ..model.text import fold
from . import metrics
from .base import ITEM_ATTR
from .paper import CELL_PADDING, TABLE_SIZE

TABLE_PIXELS = 880
MIN_PIXELS = 56  # a text column never narrower: a Vietnamese syllable in bold 11 pt fits
EXTRA_PIXELS = (44, 96)  # an extra column's narrowest and widest
NOTES = "Ghi chú"
STANDARD = (("code", "STT", 32), ("criterion", "Tiêu chí / nhiệm vụ", 104), ("solution", "Giải pháp", 144),
            ("lead", "Chủ trì", 70), ("partner", "Phối hợp", 68), ("timeframe", "Thời gian", 60))
RESULTS = (("result", "Kết quả", 144), ("evidence", "Tài liệu kiểm chứng", 104), ("level", "Mức độ hoàn thành", 64),
           ("notes", NOTES, 90))
WORD_PIXELS = 120  # the timeframe column widens for its widest word (a date) up to this
FIELDS = {key: ITEM_ATTR[key] for key in ("criterion", "solution", "lead", "partner", "timeframe")}  # measured
FLEXIBLE = ("criterion", "solution", "lead", "partner", "result", "evidence", "notes")


@dataclass(frozen=True)
class Column:
    """A column of Phụ lục I: what it shows (a plan field, 'extra', or a result), its header and width."""

    key: str
    header: str
    pixels: int
    extra: int = -1  # the index in PlanItem.extras of an extra column

    @property
    def points(self) -> float:
        return self.pixels * 0.75


def table_columns(plan: Plan, results: Mapping[str, Iterable[str]] | None = None) -> tuple[Column, ...]:
    """The columns for a plan, their widths fitted to the page; results: the report's own cells by column key
    ("result", "evidence", "notes"), whose widest words the columns keep whole too."""
    shape = plan.shape
    has_criteria = shape is None or shape.has("criterion")
    task_header = next((c.header for c in shape.columns if c.field == "solution"), "") if shape else ""
    extras = shape.extra_headers if shape else ()
    columns = [Column(key, task_header if key == "solution" and not has_criteria and task_header else header,
                      _code_pixels(plan, pixels) if key == "code" else pixels)
               for key, header, pixels in STANDARD if key != "criterion" or has_criteria]
    columns += [Column("extra", header, _extra_pixels(plan, i, header), i)
                for i, header in enumerate(extras) if fold(header) != fold(NOTES)]
    columns += [Column(key, header, pixels) for key, header, pixels in RESULTS]
    words = [_word_pixels(c, plan, (results or {}).get(c.key, ())) for c in columns]
    columns = [Column(c.key, c.header, max(c.pixels, min(word, WORD_PIXELS)), c.extra)
               if c.key == "timeframe" else c for c, word in zip(columns, words)]  # a date as the deadline stays whole
    return _fit(columns, words)


def plan_notes(plan: Plan) -> int:
    """The index of the plan's own "Ghi chú" extra column, or -1."""
    extras = plan.shape.extra_headers if plan.shape else ()
    return next((i for i, header in enumerate(extras) if fold(header) == fold(NOTES)), -1)


def _pixels(points: float) -> int:
    return int((points + CELL_PADDING) / 0.75 + 0.999)


def _code_pixels(plan: Plan, pixels: int) -> int:
    """Wide enough for the longest code as typed ("1.3.2", "II."), on one line."""
    codes = [i.display_code for i in plan.items] + [i.section_code for i in plan.items]
    return max([pixels] + [_pixels(metrics.text_width(code, TABLE_SIZE, True)) for code in codes if code])


def _extra_pixels(plan: Plan, index: int, header: str) -> int:
    """The longest value on one line, or the longest word of the header, within EXTRA_PIXELS."""
    words = [metrics.text_width(word, TABLE_SIZE, True) for word in header.split()]
    values = [metrics.text_width(line, TABLE_SIZE) for item in plan.items if index < len(item.extras)
              for line in item.extras[index].split("\n")]
    low, high = EXTRA_PIXELS
    return min(high, max([low] + [_pixels(w) for w in words + values]))


def _word_pixels(column: Column, plan: Plan, results: Iterable[str]) -> int:
    """The widest word of a column's header (bold), of the plan's cells under it and of the report's cells."""
    bold = column.key == "criterion"  # a criterion's own row is bold
    if column.key == "extra":
        texts = [item.extras[column.extra] for item in plan.items if column.extra < len(item.extras)]
    else:
        texts = [getattr(item, FIELDS[column.key]) for item in plan.items] if column.key in FIELDS else []
    widths = [metrics.widest_word(column.header, TABLE_SIZE, True)]
    widths += [metrics.widest_word(text, TABLE_SIZE, bold) for text in [*texts, *results] if text]
    return _pixels(max(widths))


def _fit(columns: list[Column], words: list[int]) -> tuple[Column, ...]:
    """Narrow the text and extra columns in proportion until the table fits TABLE_PIXELS, none below its least
    width nor below its widest word where that fits its own width (a longer one, a web address, breaks anyway);
    the code, timeframe and level columns keep their width. Where the widest words cannot all fit, the least
    widths alone bound the narrowing."""
    least = {key: MIN_PIXELS for key in FLEXIBLE} | {"extra": EXTRA_PIXELS[0]}
    floors = [max(least[c.key], word if word <= c.pixels else 0) if c.key in least else c.pixels
              for c, word in zip(columns, words)]
    if sum(floors) > TABLE_PIXELS:
        floors = [least.get(c.key, c.pixels) for c in columns]
    for step in range(201):
        factor = 1 - step / 200
        widths = [max(floor, int(c.pixels * factor)) for c, floor in zip(columns, floors)]
        if sum(widths) <= TABLE_PIXELS:
            break
    return tuple(Column(c.key, c.header, w, c.extra) for c, w in zip(columns, widths))
