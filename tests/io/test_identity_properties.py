"""A returned file's identity read from its document properties (WorkbookData.custom_properties, read_identity):
the tool's own files are known without parsing their metadata sheet, and properties not as written leave the
sheet to tell, for the checks and for a merge alike."""
from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest

from cchc_excel import merge_submissions, parse_period, write_shared_workbook
from cchc_excel.io.entry import read_identity, read_meta
from cchc_excel.io.reader import CUSTOM, read_workbook
from cchc_excel.model import layout
from cchc_excel.model.identity import KEYS
from cchc_excel.model.layout import INPUT_COLUMNS


def _from_sheet(path) -> dict[str, str]:
    with read_workbook(path) as book:
        meta = read_meta(book)
    return {key: meta.get(key) for key in KEYS if meta.get(key)}


def _from_properties(path) -> dict[str, str]:
    """read_identity's values, asserting that the metadata sheet was not parsed for them."""
    with read_workbook(path) as book:
        found = read_identity(book)
        # the metadata part neither scanned nor read by its own grammar (fastxml.pairs, which leaves no scan)
        assert not book._scans and layout.SHEET_META not in book._sheets \
            and book.xml_paths()[layout.SHEET_META] not in book.fast_parts
    return found.values


def _filled(plan, path, carried: bool):
    rows = [row for row in plan.entry_rows() if row.unit.code == "DKKD"]
    values = {row.key: ("Hoàn thành", "Đã xong", "Kế hoạch số 12/KH-SKHĐT ngày 10/3/2021", date(2021, 3, 10), "",
                        "", "Nguyễn Văn An", date(2021, 3, 12))[:len(INPUT_COLUMNS)] for row in rows}
    return write_shared_workbook(plan, parse_period("2021-H1"), path, unit_code="DKKD", values=values,
                                 carried=frozenset(values) if carried else frozenset())


@pytest.fixture(scope="module")
def carried(builtin, tmp_path_factory):
    """A unit copy split pre-filled from an earlier period: its identity holds the carried rows' dates (JSON
    longer than a property holds)."""
    return _filled(builtin, tmp_path_factory.mktemp("carried") / "DKKD.xlsx", carried=True)


@pytest.mark.parametrize("which", ["shared", "DKKD", "carried"])
def test_the_tools_files_are_known_by_their_properties_as_by_their_metadata_sheet(templates, carried, which):
    path = carried if which == "carried" else templates[which]
    found = _from_properties(path)
    assert found == _from_sheet(path)
    assert (layout.META_CARRIED in found) == (which == "carried")
    assert found["unit"] == "DKKD" if which != "shared" else "unit" not in found


def _with_properties(source, target, text: str | None):
    """A copy of source whose custom properties part holds text (None: as it is)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, text.encode("utf-8") if info.filename == CUSTOM and text is not None
                         else old.read(info))
    return target


@pytest.mark.parametrize("edit", [
    lambda xml: xml.replace(">DKKD<", ">VP<"),  # another unit typed into File › Properties
    lambda xml: xml.replace(">2021-H1<", ">2021-H2<"),
    lambda xml: xml.replace('name="cchc_digest"><vt:lpwstr>', 'name="cchc_digest"><vt:lpwstr>0'),
    lambda xml: xml.replace("<vt:lpwstr>DKKD</vt:lpwstr>", "<vt:i4>7</vt:i4>"),  # retyped as a number
    lambda xml: xml.replace("</Properties>", "<!-- --></Properties>"),  # not plainly written
    lambda xml: xml.replace("</Properties>", ""),  # not well-formed
    lambda xml: xml.replace("cchc_", "CCHC_"),
], ids=["unit", "period", "digest", "type", "comment", "damaged", "names"])
def test_properties_not_as_written_leave_the_metadata_sheet_to_tell(templates, tmp_path, edit):
    with zipfile.ZipFile(templates["DKKD"]) as archive:
        xml = archive.read(CUSTOM).decode("utf-8")
    path = _with_properties(templates["DKKD"], tmp_path / "DKKD.xlsx", edit(xml))
    with read_workbook(path) as book:
        assert read_identity(book).values == {key: read_meta(book).values[key] for key in read_meta(book).values}
        assert read_identity(book).unit_code == "DKKD" and read_identity(book).get("period") == "2021-H1"


def test_a_file_whose_properties_were_edited_is_merged_as_its_metadata_sheet_says(builtin, tmp_path):
    """Trusted, the edited properties would name another unit, whose rows these are not (STRUCT_009)."""
    filled = _filled(builtin, tmp_path / "filled.xlsx", carried=False)
    with zipfile.ZipFile(filled) as archive:
        xml = archive.read(CUSTOM).decode("utf-8").replace(">DKKD<", ">VP<")
    path = _with_properties(filled, tmp_path / "DKKD.xlsx", xml)
    result = merge_submissions([path], tmp_path / "tong-hop.xlsx", period=parse_period("2021-H1"),
                               now=datetime(2021, 6, 20, 9))
    assert [(f.status, f.problems) for f in result.files] == [("accepted", [])]
    assert result.count("added") == len([row for row in builtin.entry_rows() if row.unit.code == "DKKD"]) > 0
