"""The identity as document properties (model/identity.py): what is written reads back whole, anything edited,
cut or missing reads as nothing (the metadata sheet is read instead)."""
from __future__ import annotations

from hypothesis import given, strategies as st

from cchc_excel.model.identity import CHUNK, DIGEST, KEYS, identity, properties

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
