"""The identity as document properties (model/identity.py): what is written reads back whole, anything edited,
cut or missing reads as nothing (the metadata sheet is read instead)."""
from __future__ import annotations

from hypothesis import given, strategies as st

from cchc_excel.model.identity import CHUNK, DIGEST, KEYS, identity, properties
from cchc_excel.model.text import CELL_LIMIT

TEXTS = {"format": "cchc_excel/shared", "format_version": "1", "kind": "shared", "plan_number": "707/KH-SKHĐT",
         "plan_fingerprint": "5ad1681c" * 8, "period": "2021-H1", "unit": "DKKD", "deadline": "2021-06-15",
         "carried": '[["I.1", "DKKD", "2021-06-10", null]' + ', ["II.2", "DKKD", null, "2021-06-14"]' * 30 + "]"}


def test_what_is_written_reads_back_whole_and_long_texts_go_over_several_properties():
    written = properties(TEXTS | {"generator": "not an identity key", "unit": ""})
    names = [name for name, _ in written]
    assert len(names) == len(set(names)) and names[-1] == DIGEST
    assert all(len(text.encode("utf-16-le")) // 2 <= 255 for _, text in written)  # Excel's limit
    assert sum(name.startswith("cchc_carried") for name in names) == -(-len(TEXTS["carried"]) // CHUNK) > 1
    assert "cchc_unit" not in names and "cchc_generator" not in names  # empty: read back as empty
    assert identity(dict(written)) == {key: text for key, text in TEXTS.items() if key != "unit"}


def test_properties_edited_cut_or_missing_read_as_nothing():
    written = dict(properties(TEXTS))
    assert identity(written | {"cchc_unit": "KHTC"}) is None  # edited in Excel's or LibreOffice's dialog
    assert identity(written | {"cchc_carried_1": written["cchc_carried_1"][:-1]}) is None  # cut by an application
    assert identity({name: text for name, text in written.items() if name != "cchc_carried_2"}) is None
    assert identity({name: text for name, text in written.items() if name != DIGEST}) is None
    assert identity({}) is None
    assert identity(written | {"Người lập": "Nguyễn Văn An"}) == TEXTS  # a property of the user's own is no matter


@given(st.dictionaries(st.sampled_from(KEYS), st.text(max_size=400)))
def test_any_texts_read_back_as_written(texts):
    written = properties(texts)
    assert all(len(text.encode("utf-16-le", "surrogatepass")) // 2 <= 255 for _, text in written)
    assert identity(dict(written)) == {key: text for key, text in texts.items() if text}


def test_a_text_longer_than_a_cell_holds_writes_no_properties():
    """The metadata sheet holds such a text cut: properties holding it whole would be read otherwise than the sheet."""
    assert properties(TEXTS | {"carried": "x" * (CELL_LIMIT + 1)}) == []
    assert properties(TEXTS | {"carried": "\U0001F600" * (CELL_LIMIT // 2 + 1)}) == []  # UTF-16 units, as Excel counts
    assert identity(dict(properties(TEXTS | {"carried": "x" * CELL_LIMIT}))) == TEXTS | {"carried": "x" * CELL_LIMIT}


def test_past_ten_chunks_each_is_found_by_its_name_in_any_order():
    """LibreOffice writes the properties sorted by name: cchc_carried_10 before cchc_carried_2."""
    long = TEXTS | {"carried": "".join(f"[{n:04d}]" for n in range(400))}
    written = properties(long)
    assert sum(name.startswith("cchc_carried_") for name, _ in written) > 10
    assert identity(dict(sorted(written))) == identity(dict(reversed(written))) == long
    assert identity({name: text for name, text in written if name != "cchc_carried_10"}) is None


def test_properties_written_for_fewer_keys_do_not_hold_for_more(monkeypatch):
    """A later version that reads one more key reads the sheet of an earlier version's file, where that key's text
    would be, rather than take the key as empty."""
    from cchc_excel.model import identity as module

    monkeypatch.setattr(module, "KEYS", KEYS[:-1])
    written = dict(properties(TEXTS))
    assert identity(written) == {key: text for key, text in TEXTS.items() if key != "carried"}
    monkeypatch.setattr(module, "KEYS", KEYS)
    assert identity(written) is None
