"""The unit registry and the parsing of free-text unit lists from an appendix.

Unit cells are free text: "-Trung tâm XTĐT&HTDN; -Phòng ĐKKD", "Văn phòng Sở, Văn phòng UBND tỉnh",
"Các phòng, Trung tâm trực thuộc Sở" (one group whose name has a comma), "Phòng Tổng hợp - Quy hoạch"
(a name with a hyphen), "Trung tâm XTĐT (giải quyết HS ...)" (a scope note). The parser splits on
strong separators (';', newlines), then cuts each piece at every comma and spaced dash and joins
neighbouring pieces back greedily into the longest name the registry knows.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from .text import fold, one_line, unaccented


class UnitKind(Enum):
    INTERNAL = "Đơn vị trực thuộc"
    EXTERNAL = "Cơ quan bên ngoài"
    GROUP = "Nhóm đơn vị"
    ROLE = "Vai trò"


KIND_ALIASES = {fold(k.value): k for k in UnitKind} | {k.name.casefold(): k for k in UnitKind}
_KIND_UNACCENTED = {unaccented(key): kind for key, kind in KIND_ALIASES.items()}


def parse_kind(text: str) -> UnitKind | None:
    """The kind a typed `Loại` stands for (case, spacing and missing diacritics forgiven: "Don vi truc thuoc" is
    Đơn vị trực thuộc); None if none."""
    key = fold(text)
    return KIND_ALIASES.get(key) or _KIND_UNACCENTED.get(unaccented(key))
ALL_INTERNAL = "Tất cả đơn vị trực thuộc"


@dataclass(frozen=True)
class Unit:
    """A unit of the registry. Groups and roles name the internal units they stand for."""

    code: str
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    kind: UnitKind = UnitKind.INTERNAL
    members: tuple[str, ...] = ()  # codes, for groups and roles; () with all_internal
    all_internal: bool = False
    note: str = ""

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.code, self.name, self.short_name, *self.aliases) if n)


@dataclass(frozen=True)
class UnitMention:
    """A unit as named in an appendix cell, with the scope note written beside it."""

    unit: Unit
    text: str
    scope: str = ""


class UnknownUnit(ValueError):
    """A name in a unit cell that no unit has; split is how the whole cell was cut into names."""

    def __init__(self, name: str, suggestions: tuple[str, ...], split: tuple[str, ...] = ()) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions
        self.split = split


class UnitRegistry:
    """Units in registry order, found by any of their names (NFC-, case- and space-insensitive)."""

    def __init__(self, units: list[Unit] | tuple[Unit, ...]) -> None:
        self.units = tuple(units)
        self._by_key: dict[str, Unit] = {}
        for unit in self.units:
            for name in unit.names():
                self._by_key.setdefault(fold(name), unit)

    def __iter__(self):
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def owner_of(self, name: str) -> Unit | None:
        """The unit that has this exact (folded) name, code or alias."""
        return self._by_key.get(fold(name))

    @cached_property
    def internal(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.kind is UnitKind.INTERNAL)

    def expand(self, unit: Unit) -> tuple[Unit, ...]:
        """The internal units that report for a unit: itself, a group's or role's members, or none."""
        if unit.kind is UnitKind.INTERNAL:
            return (unit,)
        if unit.kind is UnitKind.EXTERNAL:
            return ()
        if unit.all_internal:
            return self.internal
        codes = {fold(c) for c in unit.members}
        return tuple(u for u in self.internal if fold(u.code) in codes)

    def suggest(self, name: str, count: int = 3) -> tuple[str, ...]:
        """The closest known unit names, for an error message."""
        keys = difflib.get_close_matches(fold(name), list(self._by_key), n=count * 3, cutoff=0.5)
        names: list[str] = []
        for key in keys:
            label = self._by_key[key].name
            if label not in names:
                names.append(label)
        return tuple(names[:count])

    def parse(self, text: str) -> list[UnitMention]:
        """Every unit named in a free-text cell, in order; raises UnknownUnit for the first unknown."""
        mentions, unknown = self.parse_all(text)
        if unknown:
            raise unknown[0]
        return mentions

    def parse_all(self, text: str) -> tuple[list[UnitMention], list[UnknownUnit]]:
        """Every unit named in a cell, and every name that matched no unit (each unknown name on its own).

        A line that is only a note (in parentheses, or "Ghi chú: …") is the scope of the unit before it,
        never a unit with an empty name.
        """
        mentions: list[UnitMention] = []
        unknown: list[UnknownUnit] = []
        order: list[str] = []  # every name in the cell, as split
        for segment in _split_outside_parens(text, ";\n"):
            segment = _strip_bullet(segment)
            name, note = _split_scope(segment)
            if not name or _NOTE.match(segment):
                if mentions and (note or segment):
                    last = mentions[-1]
                    scope = "; ".join(s for s in (last.scope, note or segment) if s)
                    mentions[-1] = UnitMention(last.unit, last.text, scope)
                continue
            self._match_segment(segment, mentions, unknown, order)
        for item in unknown:
            item.split = tuple(order)
        return mentions, unknown

    def _match_segment(self, segment: str, mentions: list, unknown: list, order: list) -> None:
        pieces = _weak_pieces(segment)
        start, unmatched_from = 0, None
        while start < len(pieces):
            for end in range(len(pieces), start, -1):
                name, scope = _split_scope(_join(pieces[start:end]))
                unit = self.owner_of(name)
                if unit is not None:
                    break
            else:
                unmatched_from = start if unmatched_from is None else unmatched_from
                start += 1
                continue
            if unmatched_from is not None:
                self._add_unknown(pieces[unmatched_from:start], unknown, order)
                unmatched_from = None
            mentions.append(UnitMention(unit, one_line(name), scope))
            order.append(one_line(name))
            start = end
        if unmatched_from is not None:
            self._add_unknown(pieces[unmatched_from:], unknown, order)

    def _add_unknown(self, pieces: list[tuple[str, str]], unknown: list, order: list) -> None:
        for name in _names(pieces):
            unknown.append(self._unknown(name))
            order.append(unknown[-1].name)

    def _unknown(self, name: str) -> UnknownUnit:
        name = _split_scope(name)[0]
        return UnknownUnit(name, self.suggest(name))


def split_names(text: str) -> list[tuple[str, str]]:
    """(name, scope) of every unit a cell names, without a registry (for a draft unit list)."""
    return [(unknown.name, "") for unknown in UnitRegistry(()).parse_all(text)[1]]


# A piece after a weak separator starts a new name when it begins with one of these words; pieces
# in lower case ("thị trấn" in "UBND các xã, thị trấn") continue the name before them.
UNIT_WORDS = ("phòng", "sở", "trung tâm", "văn phòng", "vp", "ubnd", "ủy ban", "uỷ ban", "ban", "chi cục", "cục",
              "công an", "bộ", "các", "đơn vị", "cơ quan", "thanh tra", "hội", "đài", "báo", "trường", "bệnh viện",
              "kho bạc", "ngân hàng", "hđnd", "mặt trận", "đoàn", "liên đoàn", "cán bộ", "ccvc", "công chức",
              "bảo hiểm", "chi nhánh", "đội", "tổ", "lãnh đạo", "thủ trưởng", "huyện", "tỉnh", "thành phố", "xã")
# After "và" or a spaced dash only these start a second unit: "Phòng Lao động - Thương binh và Xã hội", "Văn phòng
# HĐND và UBND huyện" are one name each.
AFTER_AND_WORDS = ("phòng", "sở", "trung tâm", "văn phòng", "chi cục", "cục", "ban", "công an", "bệnh viện",
                   "trường", "kho bạc", "ngân hàng", "đài", "thanh tra", "chi nhánh", "bộ")
_NOTE = re.compile(r"(ghi chú|lưu ý|ghi chú:|trong đó)\b", re.I)


def _names(pieces: list[tuple[str, str]]) -> list[str]:
    """Unknown pieces grouped into names: a piece joins the name before it unless it starts a new unit."""
    groups: list[list[tuple[str, str]]] = []
    for i, (sep, text) in enumerate(pieces):
        if groups and (_in_series(pieces, i) or not _starts_unit(sep, text, groups[-1])):
            groups[-1].append((sep, text))
        else:
            groups.append([("", text)])
    return [_join(group) for group in groups]


def _in_series(pieces: list[tuple[str, str]], i: int) -> bool:
    """A piece in the "A, B và C" series of one name: "Sở Văn hóa, Thể thao và Du lịch", "Trung tâm Văn hóa, Thể
    thao và Truyền thanh" (B no unit word, C after "và" none either)."""
    sep, text = pieces[i]
    if sep.strip() != "," or i + 1 >= len(pieces) or pieces[i + 1][0].strip() != "và":
        return False
    return not _begins(text, UNIT_WORDS) and not _begins(pieces[i + 1][1], AFTER_AND_WORDS)


def _begins(text: str, words: tuple[str, ...]) -> bool:
    folded = fold(text)
    return any(folded == w or folded.startswith(w + " ") for w in words)


def _starts_unit(sep: str, text: str, before: list[tuple[str, str]]) -> bool:
    folded = fold(text)
    first_before = fold(before[0][1])
    if first_before.startswith("các ") and len(before) == 1 and len(first_before.split()) <= 2:
        return False  # "Các phòng, Trung tâm trực thuộc Sở" is one group
    if text[:1].islower() and not folded.startswith("các "):
        return False  # "UBND các huyện, thành phố": a list inside one name
    if sep.strip() in ("và", "-", "\u2013", "\u2014"):  # "Văn phòng HĐND và UBND huyện": one name, unless
        return _begins(text, AFTER_AND_WORDS)  # "… và Sở Nội vụ"
    if _begins(text, UNIT_WORDS):
        return True
    return sep.strip() in (",", "&") and text[:1].isupper()


def _split_outside_parens(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char in separators and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts]


_BULLET = re.compile(r"^(?:[\s\-\u2013\u2014•+*]+|\d{1,2}[.)]\s+|[a-zđ][.)]\s+)+")
_END_MARK = re.compile(r"(\s*\./\.|[\s.,;:])+$")


def _strip_bullet(segment: str) -> str:
    """A piece without its bullet ("- ", "+ ", "1. ", "a) ") and trailing marks ("." or "./.")."""
    return _END_MARK.sub("", _BULLET.sub("", one_line(segment))).strip()


_WEAK = re.compile(r"(,\s*|\s+[-\u2013\u2014&]\s*|\s+và\s+)")


def _weak_pieces(segment: str) -> list[tuple[str, str]]:
    """Pieces cut at commas and spaced dashes outside parentheses, each with the separator before it."""
    pieces: list[tuple[str, str]] = []
    depth, last, sep = 0, 0, ""
    for match in _WEAK.finditer(segment):
        depth = segment[:match.start()].count("(") - segment[:match.start()].count(")")
        if depth > 0:
            continue
        pieces.append((sep, segment[last:match.start()]))
        sep, last = match.group(0), match.end()
    pieces.append((sep, segment[last:]))
    return [(s, p.strip()) for s, p in pieces if p.strip()]


def _join(pieces: list[tuple[str, str]]) -> str:
    return "".join((sep if i else "") + text for i, (sep, text) in enumerate(pieces)).strip(" .,;:")


def _split_scope(name: str) -> tuple[str, str]:
    match = re.fullmatch(r"(.*?)\s*\((.*)\)\s*[.,;:]?", name, flags=re.S)
    if not match:
        return name.strip(), ""
    return match.group(1).strip(), one_line(match.group(2))
