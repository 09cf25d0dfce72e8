"""The units `cchc-excel plan` proposes for the names an appendix gives that the registry does not know.

Names are cut exactly as init cuts them (appendix_items reads the cells: labels "Chủ trì:", "(phối hợp)", scope
notes), so what plan proposes is what init will look for. A name that is only other names joined by "và" is not
proposed; an abbreviation of a unit already named ("P.NV" beside "Phòng Nội vụ") is proposed as that unit's other
name, not as a second unit; a body above the agency (Sở …, UBND tỉnh, Bộ … for a UBND huyện) as an outside body.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model.problems import Problem
from ..model.text import ascii_slug, fold
from ..model.units import Unit, UnitKind, UnitRegistry
from .appendix import Table
from .appendix_items import read_appendix
from .reader import SheetData

GROUP_WORDS = ("các ", "trực thuộc", "toàn thể", "tất cả")
# How high a body stands, by how its name starts: an agency's unit never stands at or above the agency.
LEVELS = ((4.0, ("bộ ", "chính phủ", "văn phòng chính phủ", "thủ tướng", "quốc hội")),
          (3.0, ("ubnd tỉnh", "ủy ban nhân dân tỉnh", "uỷ ban nhân dân tỉnh", "hđnd tỉnh", "tỉnh ủy", "tỉnh uỷ")),
          (2.75, ("văn phòng ubnd tỉnh", "vp ubnd tỉnh", "văn phòng ủy ban nhân dân tỉnh")),
          (2.5, ("sở ",)),
          (2.0, ("ubnd huyện", "ủy ban nhân dân huyện", "uỷ ban nhân dân huyện", "ubnd quận", "ủy ban nhân dân quận",
                 "ubnd thị xã", "ủy ban nhân dân thị xã", "huyện ủy", "huyện uỷ")),
          (1.0, ("ubnd xã", "ubnd phường", "ubnd thị trấn", "ủy ban nhân dân xã", "ủy ban nhân dân phường",
                 "ủy ban nhân dân thị trấn")))
GROUP_NOTE = "Nhóm: ghi mã các đơn vị thành viên ở cột Thành viên"
KIND_NOTE = "Kiểm tra Loại: đơn vị trực thuộc (báo cáo) hay cơ quan bên ngoài"
ALIAS_NOTE = "Phụ lục có thể cũng ghi đơn vị này là {names}: nếu đúng, ghi vào cột Tên gọi khác"
OUTSIDE_NOTE = "Cơ quan cấp trên hoặc ngang cấp của cơ quan ban hành: không báo cáo cho Văn phòng; kiểm tra Loại"


@dataclass(frozen=True)
class Alias:
    """A name of the appendix that is likely another name of a unit (an abbreviation)."""

    name: str
    units: tuple[Unit, ...]


def unknown_names(grids: list[SheetData], table: Table, known: list[Unit], shown: str) -> list[str]:
    """Every name of the unit cells that the known units do not have, cut as init cuts it, in order."""
    found: list[Problem] = []
    read_appendix(grids, UnitRegistry(known), shown, found, table)
    names: dict[str, str] = {}
    for problem in found:
        if problem.code == "UNIT_001" and problem.value:
            names.setdefault(fold(problem.value), problem.value)
    return list(names.values())


def propose(names: list[str], known: list[Unit], agency: str) -> tuple[list[Unit], list[Alias]]:
    """The new units to list, and the names that are likely other names of a unit."""
    names = _whole(names)
    fulls = [n for n in names if not _is_abbreviation(n)]
    units: list[Unit] = []
    codes = {fold(u.code) for u in known}
    for name in fulls:
        units.append(_unit(name, codes, agency))
    aliases = []
    for name in (n for n in names if _is_abbreviation(n)):
        matches = tuple(u for u in known + units if u.kind is not UnitKind.GROUP and _abbreviates(name, u))
        if matches:
            aliases.append(Alias(name, matches))
        else:
            units.append(_unit(name, codes, agency))
    order = {fold(n): i for i, n in enumerate(names)}
    units.sort(key=lambda u: order[fold(u.name)])
    return units, aliases


def _whole(names: list[str]) -> list[str]:
    """Without a name that is only other names of the list joined ("Phòng Nội vụ và Phòng Tư pháp")."""
    kept = []
    for name in names:
        others = UnitRegistry([Unit(f"#{i}", n) for i, n in enumerate(names) if n != name])
        mentions, unknown = others.parse_all(name)
        if len(mentions) < 2 or unknown:
            kept.append(name)
    return kept


def _unit(name: str, codes: set[str], agency: str) -> Unit:
    code = _code(name, codes)
    codes.add(fold(code))
    if any(word in f" {fold(name)}" for word in GROUP_WORDS):
        return Unit(code, name, kind=UnitKind.GROUP, note=GROUP_NOTE)
    level, own = _level(name), _level(agency)
    if level is not None and own is not None and level >= own:
        return Unit(code, name, kind=UnitKind.EXTERNAL, note=OUTSIDE_NOTE)
    return Unit(code, name, kind=UnitKind.INTERNAL, note=KIND_NOTE)


def _level(name: str) -> float | None:
    folded = fold(name) + " "
    if folded.startswith("bộ phận "):  # "Bộ phận Một cửa" is the agency's own, not a ministry
        return None
    return next((level for level, starts in LEVELS if folded.startswith(starts)), None)


def _code(name: str, taken: set[str]) -> str:
    """A short code from the initials ('Sở Nội vụ' → 'SNV'; words in capitals kept: 'UBND')."""
    code = _initials([w for w in ascii_slug(name).split("-") if w and w.lower() != "va"])[:12] or "DV"
    candidate, n = code, 2
    while fold(candidate) in taken:
        candidate, n = f"{code}{n}", n + 1
    return candidate


def _initials(words: list[str]) -> str:
    """The words' initials, a word in capitals kept whole ("UBND")."""
    return "".join(w if w.isupper() and len(w) > 1 else w[:1].upper() for w in words)


def _is_abbreviation(name: str) -> bool:
    """A name written in capitals only: "P.NV", "VP HĐND-UBND"."""
    return not any(c.islower() for c in name) and sum(c.isalpha() for c in name) >= 2


def _abbreviates(short: str, unit: Unit) -> bool:
    """short is the initials of one of the unit's names (capital words kept whole, "và" with or without, a
    trailing place word such as "huyện" may be left out): "P.NV" of "Phòng Nội vụ"."""
    letters = "".join(c for c in ascii_slug(short) if c.isalnum()).upper()
    for name in (unit.name, unit.short_name, *unit.aliases):
        words = [w for w in ascii_slug(name).split("-") if w]
        for keep_and in (True, False):
            initials = _initials([w for w in words if keep_and or w.lower() != "va"])
            if name and (letters == initials or (len(letters) >= 4 and initials.startswith(letters)
                                                 and len(initials) - len(letters) <= 1)):
                return True
    return False


def noted(units: list[Unit], aliases: list[Alias]) -> list[Unit]:
    """The units with a note, on each that a name of the appendix is likely another name of, saying so."""
    notes: dict[str, list[str]] = {}
    for alias in aliases:
        for unit in alias.units:
            notes.setdefault(unit.code, []).append(alias.name)
    return [replace(u, note="; ".join(filter(None, (u.note, ALIAS_NOTE.format(names=", ".join(
        f'"{n}"' for n in notes[u.code])))))) if u.code in notes else u for u in units]
