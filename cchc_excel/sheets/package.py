"""Assembling an .xlsx zip part by part: parts copied compressed as they are, or deflated as they stream.

The master is rewritten on every merge, but most of it (the sheets of periods the merge did not touch)
has not changed: those parts are copied from the previous file byte for byte, without inflating them,
and only the parts that changed are deflated (at level 1) while their XML is generated row by row.
Entries carry a fixed time so that the same content gives the same file. No zip64: one part and the
whole file stay under 4 GiB (a decade of quarterly periods at 4,000 units is far below; see README).
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from typing import BinaryIO, Callable, Iterable, Mapping

_LOCAL = struct.Struct("<4s5H3I2H")
_CENTRAL = struct.Struct("<4s6H3I5H2I")
_END = struct.Struct("<4s4H2IH")
_DOS_DATE, _DOS_TIME = (1980 - 1980) << 9 | 1 << 5 | 1, 0  # 1980-01-01 00:00
_LIMIT = 0xFFFFFFFF
LEVEL = 1
SENT_LEVEL = 6  # zlib's default, as Excel and xlsxwriter deflate: a file sent by e-mail (the report) kept small


class PackageWriter:
    """Write zip entries one after another into a seekable binary file, then the central directory."""

    def __init__(self, handle: BinaryIO) -> None:
        self._out = handle
        self._entries: list[tuple[bytes, int, int, int, int, int]] = []  # name, method, crc, csize, size, offset

    def copy(self, source: zipfile.ZipFile, info: zipfile.ZipInfo, name: str | None = None) -> None:
        """Copy a part of another zip as it is stored there (compressed bytes, CRC and sizes unchanged)."""
        handle = source.fp  # the open zip's own file: zipfile seeks before each of its reads too
        if handle is None:
            raise ValueError("the source zip is closed")
        handle.seek(info.header_offset)
        header = handle.read(_LOCAL.size)
        if header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"{source.filename}: {info.filename} has no local header")
        name_length, extra_length = struct.unpack("<2H", header[26:30])
        handle.seek(info.header_offset + _LOCAL.size + name_length + extra_length)
        offset = self._header(name or info.filename, info.compress_type, info.CRC, info.compress_size,
                              info.file_size)
        remaining = info.compress_size
        while remaining:
            chunk = handle.read(min(remaining, 2**20))
            if not chunk:
                raise zipfile.BadZipFile(f"{source.filename}: {info.filename} is truncated")
            self._out.write(chunk)
            remaining -= len(chunk)
        self._entries.append((self._name(name or info.filename), info.compress_type, info.CRC, info.compress_size,
                              info.file_size, offset))

    def write(self, name: str, chunks: Iterable[bytes], level: int = LEVEL) -> int:
        """Deflate chunks into a new entry as they come; returns the uncompressed size. When chunks raise, the
        entry is dropped (the file cut back to where it began) and the exception goes on: another may follow."""
        offset = self._header(name, zipfile.ZIP_DEFLATED, 0, 0, 0)
        deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
        crc = size = written = 0
        try:
            for chunk in chunks:
                crc = zlib.crc32(chunk, crc)
                size += len(chunk)
                data = deflate.compress(chunk)
                if data:
                    self._out.write(data)
                    written += len(data)
        except BaseException:
            self._out.seek(offset)
            self._out.truncate()
            raise
        data = deflate.flush()
        self._out.write(data)
        written += len(data)
        if size > _LIMIT or written > _LIMIT:
            raise OverflowError(f"{name}: a part over 4 GiB needs zip64")
        end = self._out.tell()
        self._out.seek(offset + 14)
        self._out.write(struct.pack("<3I", crc, written, size))
        self._out.seek(end)
        self._entries.append((self._name(name), zipfile.ZIP_DEFLATED, crc, written, size, offset))
        return size

    def close(self) -> None:
        """Write the central directory; the caller closes the file."""
        start = self._out.tell()
        for name, method, crc, csize, size, offset in self._entries:
            self._out.write(_CENTRAL.pack(b"PK\x01\x02", 20, 20, 0, method, _DOS_TIME, _DOS_DATE, crc, csize, size,
                                          len(name), 0, 0, 0, 0, 0, offset))
            self._out.write(name)
        end = self._out.tell()
        if end > _LIMIT or len(self._entries) > 0xFFFF:
            raise OverflowError("a workbook over 4 GiB or 65,535 parts needs zip64")
        self._out.write(_END.pack(b"PK\x05\x06", 0, 0, len(self._entries), len(self._entries), end - start, start, 0))

    def _header(self, name: str, method: int, crc: int, csize: int, size: int) -> int:
        offset = self._out.tell()
        if offset > _LIMIT:
            raise OverflowError("a workbook over 4 GiB needs zip64")
        encoded = self._name(name)
        self._out.write(_LOCAL.pack(b"PK\x03\x04", 20, 0, method, _DOS_TIME, _DOS_DATE, crc, csize, size,
                                    len(encoded), 0))
        self._out.write(encoded)
        return offset

    @staticmethod
    def _name(name: str) -> bytes:
        return name.encode("ascii")  # Office part names are ASCII


def repackage(frame: BinaryIO, path, rewrites: Mapping[str, Callable[[bytes], Iterable[bytes]]],
              level: int = LEVEL) -> None:
    """Write the zip `frame` (a workbook xlsxwriter wrote in memory, its large sheets left empty) to path part by
    part: a part named in rewrites becomes what its function makes of the part's bytes (deflated as it streams,
    at level), the others are copied as they are. RuntimeError when a part to rewrite is not in the frame."""
    left = dict(rewrites)
    with zipfile.ZipFile(frame) as parts, open(path, "wb") as out:
        writer = PackageWriter(out)
        for info in parts.infolist():
            make = left.pop(info.filename, None)
            if make is None:
                writer.copy(parts, info)
            else:
                writer.write(info.filename, make(parts.read(info)), level)
        writer.close()
    if left:
        raise RuntimeError(f"xlsxwriter did not write the parts {sorted(left)}")
