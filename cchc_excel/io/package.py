"""What an .xlsx package says before any sheet is read: workbook.xml and its relationships (each sheet's part,
name, state, the date system, the other parts), the shared strings' check, and whether python-calamine, opening
the file, would read the parts the reader reads (then a sheet can be read without it: direct.py)."""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ElementTree
import xml.parsers.expat as expat
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model.errors import WorkbookReadError
from .memo import by_bytes
from .sheetscan import scan_shared_strings
from .zipguard import ZIP_ERRORS, plain_directory

if TYPE_CHECKING:
    from .limits import ReadLimits

WORKBOOK, WORKBOOK_RELS, STYLES, STRINGS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                            "xl/sharedStrings.xml")
PACKAGE_RELS = "_rels/.rels"
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
STATES = {"visible": "visible", "hidden": "hidden", "veryHidden": "veryHidden"}  # a sheet's state attribute

@dataclass(frozen=True)
class Structure:
    """What workbook.xml and its relationships say: each sheet's part, the date system, the other parts."""

    sheets: dict[str, str]
    date1904: bool
    targets: dict[str, tuple[str, ...]]  # relationship type (last path segment) → parts
    names: tuple[str, ...] = ()  # every sheet's name in the workbook's order
    states: dict[str, str] = field(default_factory=dict)  # name → visibility, for the states python-calamine knows
    # every sheet written as python-calamine surely reads it (an unprefixed name and state, the relationships' id,
    # a worksheet's relationship to a target needing no normalising): else it is opened to name and read the sheets
    plain: bool = True


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def part_bytes(archive: zipfile.ZipFile, name: str, shown: str, parts: dict[str, bytes]) -> bytes:
    """A part's bytes: as inflated and kept when the container was opened, else inflated again (the container
    guard already refused DTDs and checked every XML part under the limits); READ_005 when it is missing."""
    if name in parts:
        return parts[name]
    with opened(archive, name, shown) as stream:
        return stream.read()


class _Malformed(Exception):
    """A part that does not parse: its name and why."""


def _parse_xml(name: str, data: bytes) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, LookupError, *ZIP_ERRORS) as err:  # LookupError: an unknown encoding
        raise _Malformed(f"{name}: {str(err)[:160]}") from err


def read_structure(archive: zipfile.ZipFile, shown: str, parts: dict[str, bytes]) -> Structure:
    """The sheets' parts by parsing workbook.xml and its relationships (any prefix, quoting, references)."""
    workbook = part_bytes(archive, WORKBOOK, shown, parts)
    try:
        try:
            rels = part_bytes(archive, WORKBOOK_RELS, shown, parts) if WORKBOOK_RELS in archive.NameToInfo else None
        except WorkbookReadError:
            _parse_xml(WORKBOOK, workbook)  # a malformed workbook is refused first, as it always was
            raise
        return _structure(workbook, rels)
    except _Malformed as err:
        raise WorkbookReadError("READ_005", path=shown, detail=str(err)) from err


@by_bytes
def _structure(workbook_xml: bytes, rels_xml: bytes | None) -> Structure:
    """What workbook.xml and its relationships (None: the part is missing) say; _Malformed when one does not parse."""
    workbook = _parse_xml(WORKBOOK, workbook_xml)
    plain = not _SPACED_SHEET.search(workbook_xml)
    rels = _parse_xml(WORKBOOK_RELS, rels_xml) if rels_xml is not None else ElementTree.Element("r")
    targets: dict[str, str] = {}
    kinds: dict[str, list[str]] = {}
    odd: set[str] = set()  # relationships python-calamine may not take for a worksheet's, or resolve otherwise
    for element in rels.iter():
        if _local(element.tag) != "Relationship":
            continue
        attrs = {_local(k): v for k, v in element.attrib.items()}
        if "Id" in attrs and "Target" in attrs:
            target = attrs["Target"].replace("\\", "/")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            targets[attrs["Id"]] = part
            if target != attrs["Target"] or posixpath.normpath(part) != part or attrs.get("Type") != WORKSHEET \
                    or (not target.startswith("/") and part != "xl/" + target):
                odd.add(attrs["Id"])
            kinds.setdefault(attrs.get("Type", "").rsplit("/", 1)[-1], []).append(part)
    sheets: dict[str, str] = {}
    names: list[str] = []
    states: dict[str, str] = {}
    date1904 = False
    for element in workbook.iter():
        tag = _local(element.tag)
        if tag != "sheet" and tag != "workbookPr":
            continue
        attrs = {_local(k): v for k, v in element.attrib.items()}
        if tag == "sheet" and not _plain_sheet(element.attrib, odd):
            plain = False
        if tag == "sheet" and "name" in attrs:
            names.append(attrs["name"])
            if attrs.get("state", "visible") in STATES:
                states[attrs["name"]] = STATES[attrs.get("state", "visible")]
            if attrs.get("id") in targets:
                sheets[attrs["name"]] = targets[attrs["id"]]
        elif tag == "workbookPr":
            date1904 = attrs.get("date1904", "").strip().lower() in ("1", "true")
    return Structure(sheets, date1904, {k: tuple(v) for k, v in kinds.items()}, tuple(names), states, plain)


_SPACED_SHEET = re.compile(rb"<(?:[^\s<>:]+:)?sheet\s[^>]*[\t\r\n]")  # XML makes these a space in a value, not calamine


def _plain_sheet(attributes: dict[str, str], odd: set[str]) -> bool:
    """Whether a <sheet>'s attributes are as python-calamine surely reads them: its name and state unprefixed (it
    reads no other), its part by the relationships' id, a worksheet's relationship to a target that needs no
    normalising."""
    keys = {_local(key): key for key in attributes}
    return (len(keys) == len(attributes) and keys.get("name") == "name" and keys.get("state", "state") == "state"
            and keys.get("id") == REL_ID and attributes[REL_ID] not in odd)


def check_shared_strings(archive: zipfile.ZipFile, shown: str, limits: ReadLimits, structure: Structure,
                         parts: dict[str, bytes]) -> set[str]:
    """Check the shared strings (python-calamine loads them whole when it opens the workbook); returns the
    parts the fast path decided."""
    names = set(structure.targets.get("sharedStrings", ())) | {
        name for name in archive.NameToInfo if name.lower().endswith("sharedstrings.xml")}
    fast = set()
    for part in sorted(names & set(archive.NameToInfo)):
        if part in parts:
            if scan_shared_strings(parts[part], shown, limits):
                fast.add(part)
            continue
        with opened(archive, part, shown) as stream:
            scan_shared_strings(stream, shown, limits)
    return fast


@contextmanager
def opened(archive: zipfile.ZipFile, part: str, shown: str):
    """A part's stream; a missing part, or any error its bytes raise, is READ_005."""
    if part not in archive.NameToInfo:
        raise WorkbookReadError("READ_005", path=shown, detail=f"{part} missing")
    try:
        with archive.open(part) as stream:
            yield stream
    except WorkbookReadError:
        raise
    except ZIP_ERRORS as err:
        raise WorkbookReadError("READ_005", path=shown, detail=f"{part}: {str(err)[:160]}") from err


def standard(archive: zipfile.ZipFile, parts: dict[str, bytes]) -> bool:
    """Whether python-calamine, opening the file, would read what this reader reads and find it well-formed: the
    zip's directory plain, the package's relationships name xl/workbook.xml as the workbook, styles.xml (if any)
    parses. A sheet can then be read without opening python-calamine at all (direct.py); otherwise it is opened
    and decides, as before."""
    if PACKAGE_RELS not in parts or (STYLES in archive.NameToInfo and STYLES not in parts) \
            or not plain_directory(archive):
        return False
    return _standard_parts(parts.get(STYLES), parts[PACKAGE_RELS])


@by_bytes
def _standard_parts(styles: bytes | None, package_rels: bytes) -> bool:
    """Whether styles.xml (None: there is none) parses as UTF-8 and the package's relationships name xl/workbook.xml,
    alone, as the workbook."""
    try:
        if styles is not None:  # read as UTF-8 whatever it declares, as python-calamine reads it
            if b"\x00" in styles:  # UTF-16 or UTF-32, which expat would detect by itself
                return False
            expat.ParserCreate("utf-8").Parse(styles, True)
        rels = ElementTree.fromstring(package_rels)
    except (ElementTree.ParseError, expat.ExpatError, LookupError, ValueError):
        return False
    targets = [element.attrib.get("Target", "") for element in rels.iter() if _local(element.tag) == "Relationship"
               and element.attrib.get("Type") == OFFICE_DOCUMENT]
    if len(targets) != sum(element.attrib.get("Type", "").endswith("officeDocument") for element in rels.iter()):
        return False  # another element or type python-calamine may take, or not take, for the workbook's
    return len(targets) == 1 and targets[0].lstrip("/") == WORKBOOK
