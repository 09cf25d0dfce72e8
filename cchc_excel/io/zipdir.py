"""A zip held in memory, its central directory read from the file's bytes in one pass when it has the plain shape
Office and the tool write; any other directory is read by zipfile itself, as before.

The pass makes exactly the entries zipfile makes (every ZipInfo field, in the same order; of two equal names the
last one by name), in about half zipfile's time. It reads only what it can read as zipfile would: the end record
last in the file without a comment and no zip64 locator before it, the directory right before it, every entry
whole inside the directory with no extra field and a name without NUL that decodes. Anything else (and so every
error zipfile raises) is left to zipfile. Reading it, the pass also learns whether the directory is plain as
zipguard.plain_directory defines it, which need not then be walked again.
"""
from __future__ import annotations

import io
import os
import struct
import zipfile

_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile's structCentralDir: one directory entry without its name
END_RECORD = struct.Struct("<4s4H2LH")  # zipfile's structEndArchive: the end of central directory, without a comment
_ZIP64_LOCATOR = b"PK\x06\x07"  # what zipfile looks for just before the end record
_MAX_VERSION = 63  # zipfile's MAX_EXTRACT_VERSION: a higher one is refused (NotImplementedError)
_UTF8_NAME = 0x800
# The ZipInfo fields zipfile fills, on the Pythons whose directory reading this repeats (3.11 to 3.13: 3.13 names
# the level compress_level, keeping _compresslevel as its alias; from 3.12.2 each entry also knows where its data
# must end); on another Python, or where names take another separator, zipfile reads every directory.
_FIELDS = {"orig_filename", "filename", "date_time", "compress_type", "_compresslevel", "comment", "extra",
           "create_system", "create_version", "extract_version", "reserved", "flag_bits", "volume", "internal_attr",
           "external_attr", "header_offset", "CRC", "compress_size", "file_size", "_raw_time"}
_SLOTS = set(zipfile.ZipInfo.__slots__)
_BOUNDED = "_end_offset" in _SLOTS  # zipfile refuses an entry whose data runs into the next one's (zip bombs)
ENABLED = os.sep == "/" and getattr(zipfile, "MAX_EXTRACT_VERSION", None) == _MAX_VERSION \
    and _SLOTS - {"_end_offset"} in (_FIELDS, _FIELDS - {"_compresslevel"} | {"compress_level"})


class Container(zipfile.ZipFile):
    """zipfile.ZipFile (mode "r") over a file's bytes, which it keeps as data."""

    def __init__(self, data: bytes, filename: str) -> None:
        self.data = data
        self.plain: bool | None = None  # the directory is plain (zipguard.plain_directory), when read here
        super().__init__(io.BytesIO(data))
        self.filename = filename  # as when opened by its path (messages name it)

    def _RealGetContents(self) -> None:
        found = read_directory(self.data) if ENABLED else None
        if found is None:
            super()._RealGetContents()  # type: ignore[misc]  # zipfile's own reading (not in its stubs)
            return
        self.filelist, self.NameToInfo, self.start_dir, self.plain = found
        if self.fp is not None:
            self.fp.seek(len(self.data) - END_RECORD.size)  # where zipfile leaves it: past the directory it read


def read_directory(data: bytes) -> tuple[list[zipfile.ZipInfo], dict[str, zipfile.ZipInfo], int, bool] | None:
    """The entries zipfile would read from a zip's bytes (in order, and by name), where its directory starts, and
    whether the directory is plain; None when the directory is not of the shape read here (zipfile reads it)."""
    end = len(data) - END_RECORD.size
    if end < 20 or data[end - 20:end - 16] == _ZIP64_LOCATOR:
        return None
    signature, disk, start_disk, here, entries, size, start, comment = END_RECORD.unpack_from(data, end)
    if signature != b"PK\x05\x06" or comment or start + size != end:
        return None
    infos: list[zipfile.ZipInfo] = []
    names: dict[str, zipfile.ZipInfo] = {}
    unpack, new, at = _CENTRAL.unpack_from, zipfile.ZipInfo.__new__, start
    while at < end:
        if at + _CENTRAL.size > end:
            return None
        (signature, made_by, system, version, reserved, flags, method, time, day, crc, packed, inflated, name_length,
         extra_length, comment_length, volume, internal, external, offset) = unpack(data, at)
        at += _CENTRAL.size
        stop = at + name_length + comment_length
        if signature != b"PK\x01\x02" or extra_length or version > _MAX_VERSION or stop > end:
            return None
        raw = data[at:at + name_length]
        try:  # an ASCII name is the same in both (and ASCII decodes fastest)
            name = raw.decode("ascii" if raw.isascii() else "utf-8" if flags & _UTF8_NAME else "cp437")
        except UnicodeDecodeError:
            return None
        if "\x00" in name:
            return None
        info = new(zipfile.ZipInfo)
        info.orig_filename = info.filename = name
        info._compresslevel = None  # type: ignore[attr-defined]  # fields zipfile's stubs do not name
        info.comment = data[at + name_length:stop]
        info.extra = b""
        info.header_offset = offset
        info.create_version, info.create_system = made_by, system
        info.extract_version, info.reserved, info.flag_bits, info.compress_type = version, reserved, flags, method
        info.CRC, info.compress_size, info.file_size = crc, packed, inflated
        info.volume, info.internal_attr, info.external_attr = volume, internal, external
        info._raw_time = time  # type: ignore[attr-defined]
        info.date_time = ((day >> 9) + 1980, (day >> 5) & 0xF, day & 0x1F, time >> 11, (time >> 5) & 0x3F,
                          (time & 0x1F) * 2)
        infos.append(info)
        names[name] = info
        at = stop
    if _BOUNDED:  # as zipfile does: each entry's data ends where the next one (or the directory) starts
        bound = start
        for info in sorted(infos, key=lambda info: info.header_offset, reverse=True):
            info._end_offset = bound  # type: ignore[attr-defined]
            bound = info.header_offset
    return infos, names, start, not disk and not start_disk and here == entries == len(infos)
