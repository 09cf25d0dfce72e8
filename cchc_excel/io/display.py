"""What an .xlsx cell shows and links to beyond its value: the text of a number or date through the cell's
number format ("100%", not 1), and the address of a hyperlink. Read from the sheet XML the reader already
holds, styles.xml (cellXfs → numFmts) and the sheet's relationships, only for the few cells asked about.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from ..model.cells import a1, column_number
from ..model.errors import WorkbookReadError
from .direct import unescape

# Built-in number formats (ECMA-376 18.8.30) that can show a typed value; 14 is the locale's short date,
# shown the Vietnamese way.
BUILTIN = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
           14: "dd/mm/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
           20: "h:mm", 21: "h:mm:ss", 22: "dd/mm/yyyy h:mm", 49: "@"}


def xlsx_shown_texts(read_part, sheet_xml: bytes, sheet, cells, date1904: bool) -> dict[tuple[int, int], str]:
    """(row, column) → displayed text for the given cells of a sheet (value and number format)."""
    wanted = {a1(r, c): (r, c) for r, c in cells}
    if not wanted:
        return {}
    styles = {}
    for match in re.finditer(rb'<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*>', sheet_xml):
        if match.group(1).decode() in wanted:
            style = re.search(rb'\bs="(\d+)"', match.group(0))
            styles[wanted[match.group(1).decode()]] = int(style.group(1)) if style else 0
    formats = _number_formats(read_part)
    return {cell: display(sheet.raw(*cell), formats.get(styles.get(cell, 0), "General"), date1904)
            for cell in cells}


def _number_formats(read_part) -> dict[int, str]:
    """Style index (the cell's s attribute) → its number format code."""
    try:
        xml = read_part("xl/styles.xml")
    except WorkbookReadError:  # a workbook without styles shows every value as General
        return {}
    custom = {int(i): _unescape(code.decode()) for i, code in
              re.findall(rb'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"', xml)}
    xfs = re.search(rb"<cellXfs\b.*?</cellXfs>", xml, flags=re.S)
    ids = [int(m.group(1)) if m else 0 for m in (re.search(rb'numFmtId="(\d+)"', xf) for xf in
                                                 re.findall(rb"<xf\b[^>]*>", xfs.group(0) if xfs else b""))]
    return {index: custom.get(i) or BUILTIN.get(i, "General") for index, i in enumerate(ids)}


def display(value: object, code: str, date1904: bool = False) -> str:
    """A value as a number format shows it (Vietnamese separators for General and grouped numbers)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    code = re.sub(r'\[[^\]]*\]|"[^"]*"|\\.|_.|\*.', "", code.split(";")[0]).strip()
    is_date_code = _is_date_code(code)
    if isinstance(value, (datetime, date, time, timedelta)) or (is_date_code and isinstance(value, (int, float))):
        try:
            return _date_text(value, code if is_date_code else "dd/mm/yyyy", date1904)
        except (OverflowError, ValueError):  # no calendar date (Excel shows ####): the number is kept, as General
            code = "General"
    if not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if "%" in code:
        return _fixed(value * 100, code) + "%"
    if code in ("", "General", "@") or "E" in code.upper():  # General: no grouping, up to 10 decimals
        text = f"{value:.10f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return _fixed(value, code)


def _fixed(value: float, code: str) -> str:
    """A number with the format's decimals and grouping, the Vietnamese way (1.234,50)."""
    decimals = len(re.sub(r"[^0#]", "", code.split(".", 1)[1])) if "." in code else 0
    text = f"{value:,.{decimals}f}" if "," in code else f"{value:.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _is_date_code(code: str) -> bool:
    return bool(re.search(r"[dy]|m{3,}", code, flags=re.I))


def _date_text(value: datetime | date | time | timedelta | float, code: str, date1904: bool) -> str:
    if isinstance(value, (int, float)):
        value = (datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)) + timedelta(days=float(value))
    if isinstance(value, timedelta):
        value = datetime(1899, 12, 30) + value
    if isinstance(value, time):
        value = datetime.combine(date(1899, 12, 30), value)
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    tokens = {"yyyy": "%Y", "yy": "%y", "mmmm": "%B", "mmm": "%b", "mm": "%m", "m": "%-m", "dd": "%d", "d": "%-d",
              "hh": "%H", "h": "%-H", "ss": "%S", "am/pm": "%p"}
    parts = re.findall(r"am/pm|yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|.", code, flags=re.I)
    out, after_hour = [], False
    for part in parts:
        key = part.lower()
        if key in ("mm", "m") and after_hour:  # minutes, not month
            out.append(f"{value.minute:02d}" if key == "mm" else str(value.minute))
            continue
        after_hour = key in ("hh", "h") or (after_hour and key == ":")
        out.append(_strftime(value, tokens[key]) if key in tokens else part)
    return "".join(out)


def _strftime(value: datetime, token: str) -> str:
    if token.startswith("%-"):
        return str(getattr(value, {"m": "month", "d": "day", "H": "hour"}[token[2]]))
    return value.strftime(token)


def xlsx_hyperlinks(read_part, parts, sheet_path: str) -> dict[tuple[int, int], str]:
    """(row, column) → the external address of every hyperlink of a sheet (internal jumps are left out).

    An external address lives in the sheet's relationships part: a sheet without one (every copy the tool
    makes) has no link to read, and its XML is not inflated again to look.
    """
    folder, name = sheet_path.rsplit("/", 1) if "/" in sheet_path else ("", sheet_path)
    rels_path = f"{folder}/_rels/{name}.rels"
    if not sheet_path or rels_path not in parts or sheet_path not in parts:
        return {}
    sheet_xml = read_part(sheet_path)
    if b"hyperlink" not in sheet_xml:  # most sheets have none: a plain search, not the pattern's
        return {}
    links = re.findall(rb"<(?:\w+:)?hyperlink\b[^>]*>", sheet_xml)
    if not links:
        return {}
    rels = read_part(rels_path)
    targets = {}
    for rel in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid, target = re.search(rb'\bId="([^"]*)"', rel), re.search(rb'\bTarget="([^"]*)"', rel)
        if rid and target:
            targets[rid.group(1)] = _unescape(target.group(1).decode())
    found = {}
    for tag in links:
        ref, rid = re.search(rb'\bref="([A-Z]+)(\d+)', tag), re.search(rb'\b(?:\w+:)?id="([^"]*)"', tag)
        if ref and rid and rid.group(1) in targets:
            found[(int(ref.group(2)), column_number(ref.group(1).decode()))] = targets[rid.group(1)]
    return found


def _unescape(text: str) -> str:
    """An attribute's text with its entities and character references decoded; a reference to no character is
    left as written."""
    try:
        return unescape(text)
    except ValueError:
        return text
