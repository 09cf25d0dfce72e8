"""Text widths in Times New Roman, measured from the font file, for row heights LibreOffice and Excel agree on.

Liberation Serif has the same advance widths as Times New Roman. The font file is looked up at run time
(the usual font folders of Linux, Windows and macOS); reading its `cmap` and `hmtx` tables takes a few
lines of `struct`, so no font library is needed. A letter the file lacks (Liberation Serif 1.x has no
Vietnamese letters beyond Latin-1 and Latin Extended-A) is printed by LibreOffice from a fallback font,
DejaVu Serif where it is installed, so it is measured there. Where no file is found, WIDTHS_FALLBACK (measured once
from Liberation Serif Regular, in thousandths of an em) stands in: a Vietnamese letter is as wide as its
base letter, as the diacritics sit above or below it.
"""
from __future__ import annotations

import os
import re
import struct
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

FILES = {False: ("LiberationSerif-Regular.ttf", "times.ttf", "Times New Roman.ttf"),
         True: ("LiberationSerif-Bold.ttf", "timesbd.ttf", "Times New Roman Bold.ttf")}
FALLBACK_FILES = {False: ("DejaVuSerif.ttf",), True: ("DejaVuSerif-Bold.ttf",)}
# ASCII 32–126, thousandths of an em, Liberation Serif Regular (the same as Times New Roman)
WIDTHS_FALLBACK = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333,
    389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469,
    500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
    278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541)
BOLD_FACTOR = 1.06  # bold Times is about 6 % wider on Vietnamese text; used only without a font file
_AFTER_HYPHEN = re.compile(r"(?<=-)(?=.)")  # where a hyphenated word may break
SPECIAL = {"đ": "d", "Đ": "D", "–": "-", "—": "M", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "•": "-"}


def font_dirs() -> list[Path]:
    dirs = [Path.home() / ".fonts", Path.home() / ".local/share/fonts", Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"), Path("/Library/Fonts"), Path.home() / "Library/Fonts"]
    if sys.platform == "win32":
        dirs.insert(0, Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=None)
def font_file(bold: bool, names: tuple[str, ...] | None = None) -> Path | None:
    """The first Times-metric font file found (or the first of other names), or None."""
    for folder in font_dirs():
        for name in names or FILES[bold]:
            found = next(iter(folder.rglob(name)), None)
            if found:
                return found
    return None


def _tables(blob: bytes) -> dict[bytes, int]:
    count = struct.unpack_from(">H", blob, 4)[0]
    return {blob[12 + 16 * i:16 + 16 * i]: struct.unpack_from(">I", blob, 20 + 16 * i)[0] for i in range(count)}


def _cmap4(blob: bytes, cmap: int) -> dict[int, int]:
    """Character → glyph from the Windows Unicode BMP subtable (format 4) of a cmap table."""
    for i in range(struct.unpack_from(">H", blob, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", blob, cmap + 4 + 8 * i)
        sub = cmap + offset
        if (platform, encoding) == (3, 1) and struct.unpack_from(">H", blob, sub)[0] == 4:
            break
    else:
        return {}
    segs = struct.unpack_from(">H", blob, sub + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", blob, sub + 14)
    starts = struct.unpack_from(f">{segs}H", blob, sub + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", blob, sub + 16 + 4 * segs)
    ranges_at = sub + 16 + 6 * segs
    ranges = struct.unpack_from(f">{segs}H", blob, ranges_at)
    glyphs = {}
    for s, (start, end, delta, rng) in enumerate(zip(starts, ends, deltas, ranges)):
        for char in range(start, min(end, 0xFFFE) + 1):
            if rng == 0:
                glyphs[char] = (char + delta) & 0xFFFF
            else:
                at = ranges_at + 2 * s + rng + 2 * (char - start)
                glyph = struct.unpack_from(">H", blob, at)[0]
                glyphs[char] = (glyph + delta) & 0xFFFF if glyph else 0
    return glyphs


@lru_cache(maxsize=None)
def advances(bold: bool) -> dict[str, float] | None:
    """Character → advance width in em, read from the font file (letters it lacks from the fallback font's);
    None when there is no font file."""
    path = font_file(bold)
    if path is None:
        return None
    fallback = font_file(bold, FALLBACK_FILES[bold])
    return (_read_advances(fallback) if fallback else {}) | _read_advances(path)


def _read_advances(path: Path) -> dict[str, float]:
    blob = path.read_bytes()
    tables = _tables(blob)
    units = struct.unpack_from(">H", blob, tables[b"head"] + 18)[0]
    metrics = struct.unpack_from(">H", blob, tables[b"hhea"] + 34)[0]
    widths = struct.unpack_from(f">{metrics * 2}H", blob, tables[b"hmtx"])[::2]
    return {chr(c): widths[min(g, metrics - 1)] / units for c, g in _cmap4(blob, tables[b"cmap"]).items()}


def _fallback(char: str) -> float:
    base = SPECIAL.get(char) or unicodedata.normalize("NFD", char)[:1] or " "
    return sum(WIDTHS_FALLBACK[ord(b) - 32] if 32 <= ord(b) < 127 else 500 for b in base) / 1000


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in points of one line of text in Times New Roman at a size in points."""
    return word_widths([text], size, bold)[0]


def word_widths(words: list[str], size: float, bold: bool = False) -> list[float]:
    """text_width of each of several texts (the words of a paragraph), in one call: a report measures millions."""
    measured = advances(bold) is not None
    known = _KNOWN.setdefault((bold, measured), {})
    factor = 1 if measured else (BOLD_FACTOR if bold else 1)
    found = []
    for word in words:
        ems = known.get(word)
        if ems is None:
            ems = _sum_ems(word, bold, measured)
            if len(word) <= SHORT and len(known) < KNOWN_LIMIT:
                known[word] = ems
        found.append(ems * size * factor)
    return found


SHORT = 40  # characters: a word or a short line, whose width is remembered (the words of a report repeat)
KNOWN_LIMIT = 1 << 15  # widths remembered, by (bold, measured from the font file)
_KNOWN: dict[tuple[bool, bool], dict[str, float]] = {}


def _sum_ems(text: str, bold: bool, measured: bool) -> float:
    """The advances of a text's characters in em (measured: from the font file, else from the fallback widths)."""
    table = advances(bold) if measured else None
    if table is None:
        return sum(_fallback(c) for c in text)
    return sum(table.get(c) or _fallback(c) for c in text)


def widest_word(text: str, size: float, bold: bool = False) -> float:
    """The width in points of the text's widest unbreakable piece (a word, or its part up to a hyphen, after which
    LibreOffice breaks a line): what a column needs so that none, such as a date "30/09/2022", is broken inside."""
    return max(word_widths(_pieces(str(text).split()), size, bold), default=0.0)


def _pieces(words: list[str]) -> list[str]:
    """The words, each hyphenated one cut after its hyphens."""
    return [piece for word in words for piece in (_AFTER_HYPHEN.split(word) if "-" in word else (word,))]


def wrap(text: str, width: float, size: float, bold: bool = False, hyphens: bool = False) -> int:
    """How many lines a text takes when wrapped at spaces into a width in points (as spreadsheets wrap); hyphens:
    also after a hyphen inside a word, as Excel and LibreOffice wrap a cell's text (a file name)."""
    lines = 0
    space = text_width(" ", size, bold)
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        words = paragraph.split(" ")
        pieces = [_AFTER_HYPHEN.split(word) if "-" in word else [word] for word in words] if hyphens else \
            [[word] for word in words]
        widths = iter(word_widths([piece for cut in pieces for piece in cut], size, bold))
        for cut in pieces:
            for at in range(len(cut)):
                gap = 0.0 if at else space  # the pieces of a hyphenated word follow each other without a space
                w = next(widths)
                if used and used + gap + w > width:
                    lines += 1
                    used = 0.0
                while w > width:  # a word longer than the line breaks where it must
                    lines += 1
                    w -= width
                used = used + gap + w if used else w
    return lines
