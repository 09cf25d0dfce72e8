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

from .text import fold, one_line


class UnitKind(Enum):
    INTERNAL = "Đơn vị trực thuộc"
    EXTERNAL = "Cơ quan bên ngoài"
    GROUP = "Nhóm đơn vị"
    ROLE = "Vai trò"


KIND_ALIASES = {fold(k.value): k for k in UnitKind} | {k.name.casefold(): k for k in UnitKind}
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
    def __init__(self, name: str, suggestions: tuple[str, ...]) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions


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
        """Every unit named in a cell, and every name that matched no unit."""
        mentions: list[UnitMention] = []
        unknown: list[UnknownUnit] = []
        for segment in _split_outside_parens(text, ";\n"):
            segment = _strip_bullet(segment)
            if segment:
                self._match_segment(segment, mentions, unknown)
        return mentions, unknown

    def _match_segment(self, segment: str, mentions: list, unknown: list) -> None:
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
                unknown.append(self._unknown(_join(pieces[unmatched_from:start])))
                unmatched_from = None
            mentions.append(UnitMention(unit, one_line(name), scope))
            start = end
        if unmatched_from is not None:
            unknown.append(self._unknown(_join(pieces[unmatched_from:])))

    def _unknown(self, name: str) -> UnknownUnit:
        name = _split_scope(name)[0]
        return UnknownUnit(name, self.suggest(name))


def _split_outside_parens(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char in separators and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts]


def _strip_bullet(segment: str) -> str:
    return re.sub(r"^[\s\-\u2013\u2014•+*]+", "", one_line(segment)).strip(" .,;:")


_WEAK = re.compile(r"(,\s*|\s+[-\u2013\u2014]\s*)")


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
