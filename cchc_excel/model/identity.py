"""The identity a workbook made by init or split carries twice: on its metadata sheet (layout.SHEET_META: the whole
record, with the plan's facts) and as custom document properties (docProps/custom.xml), which the reading of a
returned file takes from a part read when the file is opened, without parsing a sheet.

The properties hold only what checking and merging a returned file needs (KEYS), each as text, a long one over
several properties (Excel keeps a text property of up to 255 characters), and a digest of them all. Properties
that are missing, edited (Excel and LibreOffice both let a user edit them), retyped or cut by an application no
longer match their digest, and the metadata sheet is read instead: the properties can only spare a reading, never
change what is read.
"""
from __future__ import annotations

import hashlib
import json

from . import layout
from .text import CELL_LIMIT, excel_length

# What read_entry_sheet, the value rules and merge read of a returned file's metadata
KEYS = ("format", "format_version", "kind", "plan_number", "plan_fingerprint", "period", "unit", "deadline",
        layout.META_CARRIED)
PREFIX = "cchc_"
DIGEST = PREFIX + "digest"
CHUNK = 120  # characters a property: at most 240 UTF-16 code units, under Excel's 255


def properties(texts: dict[str, str]) -> list[tuple[str, str]]:
    """The document properties carrying the identity keys of texts (a key's text as the metadata sheet reads back,
    model.text.clean's): name_, name_1, ... for a text over CHUNK characters; an empty text is left out (read
    back as empty), the digest last. None at all when a text is longer than a cell holds: the sheet holds it cut
    (xlsxwriter cuts it), and is read as it is."""
    held = {key: texts[key] for key in _keys(texts) if texts.get(key)}
    if any(excel_length(text) > CELL_LIMIT for text in held.values()):
        return []
    found = []
    for key, text in held.items():
        found += [(f"{PREFIX}{key}" + (f"_{n}" if n else ""), text[at:at + CHUNK])
                  for n, at in enumerate(range(0, len(text), CHUNK))]
    return found + [(DIGEST, _digest(held))]


def identity(found: dict[str, str]) -> dict[str, str] | None:
    """The identity texts document properties (name → text) carry when they are whole and as written (their digest
    holds); None otherwise (the metadata sheet tells)."""
    digest = found.get(DIGEST)
    if not digest:
        return None
    held = {}
    for key in _keys({name[len(PREFIX):] for name in found if name.startswith(PREFIX)}):
        name = PREFIX + key
        if name in found:
            parts, n = [found[name]], 1
            while f"{name}_{n}" in found:
                parts.append(found[f"{name}_{n}"])
                n += 1
            held[key] = "".join(parts)
    return held if digest == _digest(held) else None


def _keys(present) -> list[str]:
    """KEYS, and the further parts of the carried list present (layout.carried_key)."""
    keys, n = list(KEYS), 2
    while layout.carried_key(n) in present:
        keys.append(layout.carried_key(n))
        n += 1
    return keys


def _digest(held: dict[str, str]) -> str:
    """Of the texts and of the keys they were taken for: properties written by a version with fewer KEYS do not hold
    for a later one, which then reads the sheet (where a new key's text would be) rather than take it as empty."""
    return hashlib.sha256(json.dumps([KEYS, held], ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:32]
