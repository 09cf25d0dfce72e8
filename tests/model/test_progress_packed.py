"""Progress keeps its four long texts packed: every value comes back as it went in, and takes less memory."""
from __future__ import annotations

import pickle
import sys
from datetime import date

from hypothesis import given, strategies as st

from cchc_excel.model.progress import FIELD_NAMES, Progress, Status, pack_texts, packed_cells

any_text = st.text(st.characters(blacklist_categories=()), max_size=40)  # surrogates and "\xff" too
statuses = st.sampled_from([None, *Status])
days = st.one_of(st.none(), st.dates())


@given(statuses, any_text, any_text, days, any_text, any_text, any_text, days)
def test_every_field_reads_back_as_given(status, result, evidence, done_on, difficulties, proposals, updater,
                                         updated_on):
    values = (status, result, evidence, done_on, difficulties, proposals, updater, updated_on)
    progress = Progress(*values)
    assert tuple(getattr(progress, name) for name in FIELD_NAMES) == values
    assert progress.cells()[1:] == values[1:] and pickle.loads(pickle.dumps(progress)) == progress
    assert Progress.from_packed_cells(packed_cells(progress.cells())) == progress == Progress.from_cells(
        progress.cells())


@given(st.lists(any_text, min_size=4, max_size=4), st.lists(any_text, min_size=4, max_size=4))
def test_two_progresses_are_equal_exactly_when_their_texts_are(first, second):
    one, other = Progress(Status.DONE, *first[:2], None, *first[2:]), Progress(Status.DONE, *second[:2], None,
                                                                              *second[2:])
    assert (one == other) == (first == second)
    assert (pack_texts(*first) == pack_texts(*second)) == (first == second)
    if first == second:
        assert hash(one) == hash(other)


def test_vietnamese_texts_take_less_memory_packed_than_as_four_strings():
    texts = ("Đã rà soát, niêm yết công khai 128 thủ tục hành chính trên Cổng dịch vụ công của tỉnh " * 4,
             "Kế hoạch số 558/KH-SKHĐT ngày 07/08/2026", "Một số thủ tục chưa được số hóa hồ sơ.",
             "Đề nghị Sở Thông tin và Truyền thông hỗ trợ kỹ thuật.")
    packed = Progress(Status.DONE, texts[0], texts[1], date(2026, 8, 7), texts[2], texts[3]).texts
    assert sys.getsizeof(packed) < 0.75 * sum(map(sys.getsizeof, texts))


def test_the_common_empty_texts_are_one_object():
    assert Progress().texts is Progress(Status.DONE).texts is Progress.from_packed_cells(
        pickle.loads(pickle.dumps(packed_cells(("", "", "", None, "", "", "", None))))).texts
