"""Progress with odd texts: lone surrogates, U+00FF and U+FFFF (never the 0xFF byte between packed texts), None,
non-text values; equality, hashing, pickling and repr as a plain record's."""
from __future__ import annotations

import pickle
from datetime import date

import pytest

from cchc_excel.model.progress import Progress, Status, pack_texts, packed_cells

ODD = ["\udcff", "\ud800x", "ÿ", "\uffff\ufffe", "", "a\x00b", "ÿ\udcff" * 3]


@pytest.mark.parametrize("text", ODD)
def test_every_odd_text_comes_back_as_given_in_its_own_field(text):
    progress = Progress(Status.parse("Hoàn thành"), text, text + "e", date(2021, 1, 2), "d" + text, text * 2, "u",
                        date(2021, 1, 3))
    assert (progress.result, progress.evidence, progress.difficulties, progress.proposals) == (
        text, text + "e", "d" + text, text * 2)
    again = pickle.loads(pickle.dumps(progress))
    assert again == progress and hash(again) == hash(progress) and repr(again) == repr(progress)
    assert Progress.from_packed_cells(packed_cells(progress.cells())) == progress
    assert Progress.from_cells(progress.cells()) == progress


def test_none_and_other_values_read_as_texts_and_equal_the_empty_record():
    assert Progress(None, None, None, None, None, None) == Progress()
    assert Progress().result == "" and Progress().empty
    assert Progress(None, 12).result == "12"
    assert pack_texts("a", "b", "c", "d") != pack_texts("a\xff", "b", "c", "d")
    assert Progress(None, "a", "b") != Progress(None, "ab", "")
    assert hash(Progress(None, "a", "b")) == hash(Progress(None, "a", "b"))
