"""Parsing free-text unit lists with the unit registry."""
from __future__ import annotations

import unicodedata

import pytest

from cchc_excel import UnitKind, builtin_plan
from cchc_excel.model.units import Unit, UnitRegistry


@pytest.fixture(scope="module")
def registry():
    return builtin_plan().registry


def codes(registry, text):
    return [(m.unit.code, m.scope) for m in registry.parse(text)]


# Every unit cell of the seed's appendix, as the PDF gave it, with the units it names.
SEED_CELLS = [
    ("Các phòng, Trung tâm trực thuộc Sở", ["PTT"]),
    ("Văn phòng Sở; Sở Nội vụ", ["VP", "SNV"]),
    ("Văn phòng Sở; VP UBND tỉnh", ["VP", "VPUBND"]),
    ("Văn phòng Sở", ["VP"]),
    ("-Trung tâm XTĐT&HTDN; -Phòng ĐKKD; -Phòng Đầu tư XDCB.", ["XTDT", "DKKD", "DTXDCB"]),
    ("Văn phòng Sở,\nVăn phòng UBND tỉnh", ["VP", "VPUBND"]),
    ("- Trung tâm XTĐT&HTDN; - Phòng ĐKKD; - Phòng Đầu tư XDCB.", ["XTDT", "DKKD", "DTXDCB"]),
    ("-Trung tâm XTĐT&HTDN; -Phòng ĐKKD; - Phòng Đầu tư XDCB.", ["XTDT", "DKKD", "DTXDCB"]),
    ("Các phòng, Trung tâm, các đơn vị có liên quan trong tỉnh", ["PTT", "DVLQ"]),
    ("Các phòng, Trung tâm", ["PTT"]),
    ("Các phòng, Trung tâm, CCVC", ["PTT", "CCVC"]),
    ("- Cán bộ tiếp nhận HS tại TTPVHCC,\n- Văn phòng Sở", ["CBTN", "VP"]),
    ("- Phòng ĐKKD - Trung tâm XTD", ["DKKD", "XTDT"]),
    ("- Phòng ĐKKD\n- Trung tâm XTD", ["DKKD", "XTDT"]),
    ("Các phòng", ["PHONG"]),
    ("- Văn phòng Sở\n- Trung tâm XTĐT (giải quyết HS về đầu tư trên phần mềm IGate);\n"
     "- Phòng ĐKKD (giải quyết HS qua Cổng đăng ký doanh nghiệp Quốc gia)", ["VP", "XTDT", "DKKD"]),
]


@pytest.mark.parametrize("text, expected", SEED_CELLS)
def test_every_seed_unit_cell(registry, text, expected):
    assert [code for code, _ in codes(registry, text)] == expected


def test_scope_notes_are_kept_apart(registry):
    found = codes(registry, "- Trung tâm XTĐT (giải quyết HS về đầu tư trên phần mềm IGate); - Phòng ĐKKD")
    assert found == [("XTDT", "giải quyết HS về đầu tư trên phần mềm IGate"), ("DKKD", "")]


def test_variants_of_one_unit(registry):
    for name in ("Trung tâm XTD", "Trung tâm XTĐT", "Trung tâm XTĐT&HTDN", "trung tâm xtđt & htdn",
                 "Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp", "XTDT"):
        assert codes(registry, name) == [("XTDT", "")], name


def test_matching_ignores_unicode_form_case_and_spacing(registry):
    decomposed = unicodedata.normalize("NFD", "Phòng  ĐĂNG KÝ   kinh doanh")
    assert codes(registry, decomposed) == [("DKKD", "")]
    assert codes(registry, "  văn   phòng sở ") == [("VP", "")]


def test_group_and_role_expand_to_internal_units(registry):
    group, role, external = (registry.owner_of(n) for n in ("Các phòng, TT", "CCVC", "Sở Nội vụ"))
    internal = [u.code for u in registry.internal]
    assert group.kind is UnitKind.GROUP and [u.code for u in registry.expand(group)] == internal
    assert role.kind is UnitKind.ROLE and [u.code for u in registry.expand(role)] == internal
    assert registry.expand(external) == ()
    assert [u.code for u in registry.expand(registry.owner_of("Cán bộ tiếp nhận HS tại TTPVHCC"))] == ["VP"]


def test_unknown_names_are_reported_with_suggestions(registry):
    mentions, unknown = registry.parse_all("Văn phòng Sở; Phòng Đăng ký kinh doan; Ban Giám đốc")
    assert [m.unit.code for m in mentions] == ["VP"]
    assert [u.name for u in unknown] == ["Phòng Đăng ký kinh doan", "Ban Giám đốc"]
    assert unknown[0].suggestions[0] == "Phòng Đăng ký kinh doanh"


def test_a_name_with_a_hyphen_and_a_name_with_a_comma():
    registry = UnitRegistry([
        Unit("THQH", "Phòng Tổng hợp - Quy hoạch"),
        Unit("KT", "Phòng Kinh tế"),
        Unit("ALL", "Các phòng, Trung tâm trực thuộc Sở", kind=UnitKind.GROUP, all_internal=True),
    ])
    found = [m.unit.code for m in registry.parse("- Phòng Tổng hợp - Quy hoạch - Phòng Kinh tế, Các phòng, "
                                                "Trung tâm trực thuộc Sở")]
    assert found == ["THQH", "KT", "ALL"]
    mentions, unknown = registry.parse_all("Phòng Tổng hợp - Quy hoach; Phòng Kinh tế")
    assert [u.name for u in unknown] == ["Phòng Tổng hợp - Quy hoach"]  # one unknown name, not two
    assert unknown[0].suggestions == ("Phòng Tổng hợp - Quy hoạch",)


def test_parse_raises_on_the_first_unknown(registry):
    with pytest.raises(ValueError, match="Phòng Không Có"):
        registry.parse("Phòng Không Có")


@pytest.mark.parametrize("text, expected", [
    ("Văn phòng Sở & Phòng ĐKKD", ["VP", "DKKD"]),
    ("Văn phòng Sở và Phòng ĐKKD", ["VP", "DKKD"]),
    ("1. Văn phòng Sở\n2. Phòng ĐKKD", ["VP", "DKKD"]),
    ("a) Văn phòng Sở\nb) Phòng ĐKKD", ["VP", "DKKD"]),
    ("Văn phòng Sở; Phòng ĐKKD./.", ["VP", "DKKD"]),
    ("Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp", ["XTDT"]),  # "và" inside a name is not a split
])
def test_unit_cell_forms(registry, text, expected):
    assert [code for code, _ in codes(registry, text)] == expected


def test_a_note_on_its_own_line_is_the_scope_of_the_unit_above(registry):
    mentions, unknown = registry.parse_all("Văn phòng Sở\n(tổng hợp, báo cáo)\nGhi chú: theo từng quý")
    assert not unknown and [(m.unit.code, m.scope) for m in mentions] == [
        ("VP", "tổng hợp, báo cáo; Ghi chú: theo từng quý")]


def test_adjacent_unknown_names_are_reported_one_by_one_with_the_split(registry):
    mentions, unknown = registry.parse_all("Phòng Kế toán, Phòng Pháp chế và Văn phòng Sở; UBND các xã, thị trấn")
    assert [m.unit.code for m in mentions] == ["VP"]
    assert [u.name for u in unknown] == ["Phòng Kế toán", "Phòng Pháp chế", "UBND các xã, thị trấn"]
    assert unknown[0].split == ("Phòng Kế toán", "Phòng Pháp chế", "Văn phòng Sở", "UBND các xã, thị trấn")
    # adding an unknown name as an alias, as the message says, never swallows another unit
    assert all("," not in u.name or u.name.startswith("UBND các") for u in unknown)


@pytest.mark.parametrize("text, expected", [
    ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
    ("Phòng Lao động - Thương binh và Xã hội", ["Phòng Lao động - Thương binh và Xã hội"]),
    ("Trung tâm Văn hóa, Thể thao và Truyền thanh", ["Trung tâm Văn hóa, Thể thao và Truyền thanh"]),
    ("Sở Văn hóa, Thể thao và Du lịch; Sở Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),
    ("Phòng Nội vụ và Phòng Tư pháp", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("Sở Y tế, Sở Tài chính và Sở Xây dựng", ["Sở Y tế", "Sở Tài chính", "Sở Xây dựng"]),
])
def test_unknown_names_are_cut_where_a_second_unit_starts_not_inside_a_standard_name(text, expected):
    assert [u.name for u in UnitRegistry(()).parse_all(text)[1]] == expected
