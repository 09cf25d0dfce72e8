"""The shortcuts the reading of a submission takes give what the full computation gives, for every input
(Hypothesis): strings with control, zero-width and special-space characters, NBSP, BOM, NFD, line breaks."""
from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta

from hypothesis import given, strategies as st

from cchc_excel.model.progress import FIELD_NAMES, Progress, Status
from cchc_excel.model.text import _text_date_uncached, clean, is_blank, parse_vn_date

ODD = "\ufeff\u00a0\u202f\u2007\u2009\u200b\u200c\u200d\u2060\u00ad\u200e\u200f\u3000\u2028\x00\x01\x1f\x7f\t\n\r "
tricky = st.text(alphabet=st.one_of(st.characters(blacklist_categories=()), st.sampled_from(ODD + "ÀàĐđễ\u0301\u0300"),
                                    st.sampled_from("0123456789/.-")), max_size=40)
texts = st.one_of(tricky, tricky.map(lambda t: unicodedata.normalize("NFD", t)))
plain_values = st.one_of(st.integers(), st.booleans(), st.floats(allow_nan=True, allow_infinity=True),
                         st.datetimes(), st.dates(), st.times(), st.timedeltas())


def _general_clean(value: object) -> str:
    """clean()'s general path: the text of the value, NFC, lines trimmed (what the fast paths must equal)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


@given(plain_values)
def test_the_text_of_a_number_date_or_time_is_its_general_cleaning(value):
    assert clean(value) == _general_clean(value)
    assert is_blank(value) is False


@given(texts)
def test_blank_is_clean_text_empty(text):
    assert is_blank(text) == (clean(text) == "")
    assert is_blank(None) and clean(None) == ""


def _padded_dates():
    day = st.integers(0, 40).map(str)
    return st.builds(lambda d, m, y, sep, pad, zero: f"{pad}{zero}{d}{sep}{m}{sep}{y}{pad}", day,
                     st.integers(0, 14).map(str), st.integers(0, 10000).map(lambda y: f"{y:04d}"),
                     st.sampled_from("/.- "), st.sampled_from(["", " ", "\u00a0", "\n", "  \t", "\u200b"]),
                     st.sampled_from(["", "0", "00"]))


@given(st.one_of(texts, _padded_dates(), _padded_dates().map(lambda t: " " * 70 + t)))
def test_a_date_typed_as_text_reads_the_same_from_the_cache(text):
    assert parse_vn_date(text) == _text_date_uncached(text)
    assert parse_vn_date(text) == _text_date_uncached(text)  # the second reading comes from the cache


def test_date_texts_read_day_first():
    assert parse_vn_date("15/06/2021") == date(2021, 6, 15) == parse_vn_date(" 15.06.2021\n")
    assert parse_vn_date("31/02/2021") is None and parse_vn_date("15/06/21") is None
    assert parse_vn_date(datetime(2021, 6, 15, 8)) == date(2021, 6, 15) and parse_vn_date(44300) is None


def _from_cells_by_name(values) -> Progress:
    """from_cells as the mapping of layout.INPUT_COLUMNS order onto the fields, by name."""
    kwargs: dict = dict(zip(FIELD_NAMES, values))
    kwargs["status"] = Status.parse(kwargs.get("status")) if kwargs.get("status") else None
    return Progress(**kwargs)


@given(st.lists(st.one_of(texts, st.sampled_from([s.value for s in Status] + ["hoàn thành", ""]), st.none(),
                          st.dates()), max_size=10))
def test_progress_from_cells_maps_the_cells_in_order(values):
    assert Progress.from_cells(values) == _from_cells_by_name(values)
    assert Progress.from_cells(tuple(values)) == _from_cells_by_name(values)


@given(st.one_of(st.times(), st.timedeltas(), st.datetimes(), st.integers(-10**30, 10**30)))
def test_plain_values_have_ascii_text_without_edges(value):
    text = str(value)
    assert text.isascii() and text == text.strip() and "\n" not in text and text


def test_every_plain_type_is_covered():
    for value in (1, True, 1.5, 2.0, datetime(2021, 1, 2, 3), date(2021, 1, 2), time(1, 2), timedelta(days=-1)):
        assert clean(value) == _general_clean(value) and not is_blank(value)
