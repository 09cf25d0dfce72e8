"""Properties that hold for every input (Hypothesis): text cleaning, period codes, A1 references, numbers."""
from __future__ import annotations

import unicodedata
from decimal import Decimal

from hypothesis import given, strategies as st

from cchc_excel.model.cells import a1, column_letter, column_number
from cchc_excel.model.periods import KINDS, Period, parse_period, period_for
from cchc_excel.model.progress import Status
from cchc_excel.model.text import clean, fold, one_line, parse_vn_number, vn_number

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
periods = st.builds(Period, st.integers(2000, 2100), st.sampled_from(list(KINDS)))


@given(texts)
def test_clean_is_nfc_trimmed_and_idempotent(text):
    cleaned = clean(text)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip() and clean(cleaned) == cleaned
    assert "\r" not in cleaned


@given(texts)
def test_one_line_and_fold_forgive_the_form_of_a_word(text):
    assert "\n" not in one_line(text) and one_line(one_line(text)) == one_line(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert fold(fold(text)) == fold(text) and fold(text) == fold(text).casefold()


@given(st.sampled_from([s.value for s in Status]), st.sampled_from(["", " ", "\u00a0", "\t"]))
def test_a_status_is_recognised_whatever_its_form(word, pad):
    for form in (word, unicodedata.normalize("NFD", word), word.upper(), pad + word + pad):
        assert Status.parse(form) is Status(word)


@given(periods)
def test_a_period_code_round_trips(period):
    assert parse_period(period.code) == period and parse_period(period.code.lower()) == period
    assert period.start < period.end < period.due
    assert period_for(period.end).end == period.end  # Q3 and 9 tháng share their window's end


@given(periods, periods)
def test_periods_sort_in_the_order_their_reports_are_due(first, second):
    if first.due < second.due:
        assert first < second and not second < first
    assert (first < second) + (second < first) + (first == second) == 1


@given(st.integers(1, 16384), st.integers(1, 1048576))
def test_a1_references_round_trip(col, row):
    assert column_number(column_letter(col)) == col
    assert a1(row, col) == f"{column_letter(col)}{row}" and column_letter(col).isalpha()


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_vietnamese_numbers_read_back_as_written(number):
    text = vn_number(number)
    assert parse_vn_number(text) == number
    assert "." not in text.split(",", 1)[-1] or "," not in text


def test_vietnamese_number_examples():
    assert vn_number(1250) == "1.250" and parse_vn_number("1.250") == 1250
    assert vn_number(Decimal("83.804")) == "83,804" and parse_vn_number("83,804") == Decimal("83.804")
    assert parse_vn_number("1.250,5") == Decimal("1250.5") and parse_vn_number("tám") is None
