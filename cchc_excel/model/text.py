"""Text normalisation shared by every module: NFC on the way in, folding for comparisons."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

_SPACES = re.compile(r"\s+")  # every Unicode space (NBSP, thin spaces, separators) is one space
_DASHES = re.compile(r"[\u2013\u2014\u2212]")
_EDGE_PUNCT = ".,;:"
# Cell value types whose str() is ASCII text with no space at either end and no line break: clean() is str()
_PLAIN = frozenset((int, bool, datetime, date, time, timedelta))
CELL_LIMIT = 32767  # UTF-16 units one Excel cell holds: a text that reaches it was (or would be) cut off


def clean(value: object) -> str:
    """Return a cell value as NFC text: trimmed, Windows newlines unified, inner runs of spaces kept."""
    if value is None:
        return ""
    if isinstance(value, str) and "\n" not in value and "\r" not in value:  # the common case, fast
        text = value.strip()
        return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    if value.__class__ in _PLAIN:
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def excel_length(text: str) -> int:
    """The length as Excel counts it: UTF-16 code units (an emoji counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def is_blank(value: object) -> bool:
    """clean(value) == "", without making the text of a number or date."""
    if value is None or value.__class__ in _PLAIN or value.__class__ is float:
        return value is None
    if value.__class__ is str and "\n" not in value and "\r" not in value:
        return not value.strip()
    return clean(value) == ""


def one_line(value: object) -> str:
    """Clean text with every run of white space (newlines too) made one space."""
    return _one_line(value) if isinstance(value, str) else _one_line_uncached(value)


@lru_cache(maxsize=2**16)
def _one_line(value: str) -> str:
    return _one_line_uncached(value)


def _one_line_uncached(value: object) -> str:
    return _SPACES.sub(" ", clean(value).replace("\n", " ")).strip()


def fold(value: object) -> str:
    """A comparison key: NFC, case-folded, dashes and '&' spacing unified, edge punctuation dropped."""
    return _fold(value) if isinstance(value, str) else _fold_uncached(value)


@lru_cache(maxsize=2**16)
def _fold(value: str) -> str:
    return _fold_uncached(value)


def _fold_uncached(value: object) -> str:
    text = _DASHES.sub("-", one_line(value)).casefold()
    text = re.sub(r"\s*&\s*", " & ", text)
    text = re.sub(r"\s*/\s*", "/", text)
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCT + " ")


def unaccented(text: str) -> str:
    """A text without its diacritics: đ as d, every combining mark dropped ("Đơn vi truc thuoc" → "Don vi truc
    thuoc"), for matching a fixed choice typed without them."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_VN_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_vn_date(value: object) -> date | None:
    """A date from a date cell or from text written day first (d/m/yyyy); None when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) <= 64:
        return _text_date(value)
    return _text_date_uncached(value)


@lru_cache(maxsize=2**12)
def _text_date(value: str) -> date | None:  # the dates of a file repeat from row to row
    return _text_date_uncached(value)


def _text_date_uncached(value: object) -> date | None:
    match = _VN_DATE.fullmatch(one_line(value))
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


_ITEM_CODE = re.compile(r"\d+(\.\d+)*")


def item_code(value: object) -> str | None:
    """'2.1' from 2.1, '2.1', '2.1.'; '3' from 3 or 3.0; None when it is not an item number."""
    if isinstance(value, float):
        return number_code(value)
    text = clean(value).rstrip(".")
    return text if _ITEM_CODE.fullmatch(text) else None


def number_code(value: float) -> str:
    """The item number typed as a number: '2.1' from 2.1, '3' from 3.0."""
    return str(int(value)) if value.is_integer() else repr(value)


def vn_number(value, decimals: int = 3) -> str:
    """A number the Vietnamese way: decimal comma, dot thousands (83,804; 1.250); trailing zeros dropped."""
    text = f"{float(value):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")


def parse_vn_number(text: str) -> Decimal | None:
    """The inverse of vn_number: '83,804' → 83.804, '1.250' → 1250, '1.250,5' → 1250.5; None if not a number."""
    text = one_line(text).replace(" ", "")
    if "," in text or _THOUSANDS.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def vn_date_line(place: str, day) -> str:
    """The place-and-date line of an official document (NĐ 30/2020): day < 10 and months 1–2 zero-padded."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


def ascii_slug(text: str) -> str:
    """An ASCII file-name part: 'Trung tâm XTĐT&HTDN' → 'Trung-tam-XTDT-HTDN'."""
    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return re.sub(r"[^A-Za-z0-9]+", "-", text.encode("ascii", "ignore").decode()).strip("-")


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text safe for a terminal and for XML: control characters, lone surrogates (bytes of a file name that
    were not UTF-8) and U+FFFE/U+FFFF shown as backslash escapes; tabs and newlines kept."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
