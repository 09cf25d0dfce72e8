"""The .xlsx container, checked before any parser reads it.

The zip directory is read first (part count, declared sizes, ratio, duplicate or unreadable names); then
every XML part is inflated here in a stream, counting the bytes really produced: a part that inflates
past its declared size or past the limits, a damaged deflate stream, a wrong checksum or a compression
method Office never uses is refused before python-calamine sees the file. The same pass refuses a DTD
(entity bombs, external entities) anywhere in the prolog of any XML part. A file of up to KEEP_BYTES is read
once into memory, and the parts the reader parses next are handed over as inflated here (not inflated twice).
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection, Generator, Iterator

from ..model.errors import WorkbookReadError
from .ods import is_ods, refuse_encrypted

if TYPE_CHECKING:
    from .limits import ReadLimits

CHUNK = 256 * 1024
KEEP_BYTES = 16 * 2**20  # a part this large or smaller may be kept in memory once inflated
MAX_PROLOG = 2**20  # bytes of comments and processing instructions before the root element
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
# Everything a file's bytes can make zipfile raise while the directory is read.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError,
              UnicodeDecodeError, ValueError, zlib.error, struct.error, OverflowError)
_PROLOG_TOKEN = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)


def open_container(path: Path, shown: str, limits: ReadLimits,
                   keep: Callable[[str], bool] = lambda _name: False) -> tuple[zipfile.ZipFile, dict[str, bytes]]:
    """The zip opened and checked, with the bytes of the XML parts keep() names (each inflated once);
    WorkbookReadError says what is wrong with it."""
    try:  # a file of up to KEEP_BYTES is read once: its parts are then inflated from memory
        archive = zipfile.ZipFile(io.BytesIO(path.read_bytes()) if path.stat().st_size <= KEEP_BYTES else path)
        archive.filename = str(path)  # as when opened by its path (messages name it)
    except ZIP_ERRORS as err:
        raise WorkbookReadError("READ_005", path=shown, detail=_detail(err)) from err
    try:
        infos = archive.infolist()
        check_directory(shown, infos, limits)
        if "xl/workbook.xml" not in archive.NameToInfo:
            if not is_ods(archive):
                raise WorkbookReadError("READ_002", path=shown)
            refuse_encrypted(archive, shown)  # before its encrypted parts are taken for damaged ones
        kept = _inflate_all(archive, shown, infos, limits, keep)
    except BaseException:
        archive.close()
        raise
    return archive, kept


def _detail(err: BaseException) -> str:
    return (str(err) or type(err).__name__)[:200]


def check_directory(shown: str, infos: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    if len(infos) > limits.max_parts:
        raise WorkbookReadError("READ_009", path=shown, detail=f"{len(infos)} parts")
    seen: set[str] = set()
    for info in infos:
        name = info.filename.replace("\\", "/").casefold()
        if name in seen:
            raise WorkbookReadError("READ_016", path=shown, detail=f"{info.filename}: duplicate part")
        seen.add(name)
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_uncompressed:
        raise WorkbookReadError("READ_009", path=shown, detail=f"{total:,} bytes uncompressed")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.max_part_uncompressed or (info.file_size > 2**20 and ratio > limits.max_ratio):
            raise WorkbookReadError("READ_009", path=shown, detail=f"{info.filename}: {info.file_size:,} bytes")


def is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _inflate_all(archive: zipfile.ZipFile, shown: str, infos: list[zipfile.ZipInfo], limits: ReadLimits,
                 keep: Callable[[str], bool]) -> dict[str, bytes]:
    """Inflate every XML part a parser reads on opening, checking real sizes, checksums and prologs.

    Worksheets are left to when they are read: each is parsed in a bounded stream by the sheet scan (DTDs,
    sizes, references) before python-calamine sees it, and a command reads only the sheets it needs (a master
    of ten years is not inflated whole to show one period)."""
    parts = [info for info in infos if is_xml_part(info.filename) and not _is_worksheet(info)]
    return verify_parts(archive, shown, parts, limits, {info.filename for info in parts if keep(info.filename)})


def _is_worksheet(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/").lower()
    return name.startswith("xl/worksheets/") and name.endswith(".xml") and "/_rels/" not in name


def verify_parts(archive: zipfile.ZipFile, shown: str, infos: list[zipfile.ZipInfo], limits: ReadLimits,
                 keep: Collection[str] = ()) -> dict[str, bytes]:
    """Inflate the given parts of an open zip in a stream, checking real sizes, checksums and prologs (a part the
    workbook's relationships name as XML under another extension is checked this way too).

    Returns the bytes of the parts named in keep whose declared size is at most KEEP_BYTES (larger parts
    are read again in a stream by whoever needs them, so memory stays bounded)."""
    total = 0
    kept: dict[str, bytes] = {}
    for info in infos:
        chunks: list[bytes] | None = [] if info.filename in keep and info.file_size <= KEEP_BYTES else None
        for chunk in stream_part(archive, shown, info, limits):
            total += len(chunk)
            if total > limits.max_total_uncompressed:
                raise WorkbookReadError("READ_009", path=shown, detail=f"over {total:,} bytes inflated")
            if chunks is not None:
                chunks.append(chunk)
        if chunks is not None:
            kept[info.filename] = b"".join(chunks)
    return kept


def stream_part(archive: zipfile.ZipFile, shown: str, info: zipfile.ZipInfo,
                limits: ReadLimits) -> Generator[bytes, None, None]:
    """One part's bytes as verify_parts checks them, chunk by chunk: no DTD in its prolog, refused as soon as it
    inflates past its declared size or the limit; its real size and checksum are checked once the last chunk
    was taken (a caller that stops early has checked nothing of them)."""
    handle = archive.fp  # read directly, past zipfile (which seeks back to its own place before reading)
    if handle is None:
        raise WorkbookReadError("READ_005", path=shown, detail="closed")
    prolog = PrologCheck(shown, info.filename)
    try:
        for chunk in _inflate(handle, info, shown, limits):
            prolog.feed(chunk)
            yield chunk
    except WorkbookReadError:
        raise
    except (OSError, ValueError) as err:  # ValueError: a damaged directory's offset, in memory
        raise WorkbookReadError("READ_005", path=shown, detail=_detail(err)) from err


def _inflate(handle, info: zipfile.ZipInfo, shown: str, limits: ReadLimits) -> Iterator[bytes]:
    """The part's bytes as really inflated from its raw data, refused as soon as they pass a limit."""
    def refuse(code: str, why: str) -> WorkbookReadError:
        return WorkbookReadError(code, path=shown, detail=f"{info.filename}: {why}")

    if info.flag_bits & 0x1:
        raise refuse("READ_005", "encrypted part")
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise refuse("READ_005", "bad local header")
    fields = _LOCAL_HEADER.unpack(header)
    handle.seek(info.header_offset + _LOCAL_HEADER.size + fields[10] + fields[11])
    cap = min(info.file_size, limits.max_part_uncompressed)
    if info.compress_type == zipfile.ZIP_STORED:
        inflater = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
    else:
        raise refuse("READ_005", f"compression method {info.compress_type}")
    left, produced, crc = info.compress_size, 0, 0
    while True:
        if inflater is not None and inflater.unconsumed_tail:
            raw = inflater.unconsumed_tail
        elif left > 0:
            raw = handle.read(min(CHUNK, left))
            if not raw:
                raise refuse("READ_005", "truncated")
            left -= len(raw)
        else:
            break
        try:
            data = raw if inflater is None else inflater.decompress(raw, CHUNK)
        except zlib.error as err:
            raise refuse("READ_005", str(err)) from err
        produced += len(data)
        if produced > cap:  # past the declared size (or the limit): the directory lied
            raise refuse("READ_009", f"inflates past {cap:,} bytes")
        crc = zlib.crc32(data, crc)
        if data:
            yield data
        if inflater is not None and inflater.eof:
            break
    if inflater is not None and not inflater.eof:
        raise refuse("READ_005", "truncated deflate stream")
    if produced != info.file_size or crc != info.CRC:
        raise refuse("READ_005", "size or checksum does not match")


class PrologCheck:
    """Fed a part's bytes in order: refuses a DTD (or anything but comments and PIs) before the root."""

    def __init__(self, shown: str, name: str) -> None:
        self.shown, self.name = shown, name
        self.head = b""
        self.done = False

    def feed(self, chunk: bytes) -> None:
        if self.done:
            return
        self.head += chunk
        text = self.head
        if text[:2] in (b"\xff\xfe", b"\xfe\xff"):
            text = text.decode("utf-16", errors="ignore").encode("utf-8")
        state = prolog_state(text[3:] if text.startswith(b"\xef\xbb\xbf") else text)
        if state == "dtd":
            raise WorkbookReadError("READ_008", path=self.shown, detail=self.name)
        if state == "more" and len(self.head) > MAX_PROLOG:
            raise WorkbookReadError("READ_008", path=self.shown, detail=f"{self.name}: prolog over {MAX_PROLOG:,} bytes")
        self.done = state != "more"
        if self.done:
            self.head = b""


def prolog_state(head: bytes) -> str:
    """'dtd' when a declaration other than a comment or PI precedes the root, 'root', 'more' (need bytes)."""
    pos = 0
    while True:
        match = _PROLOG_TOKEN.match(head, pos)
        if match:
            pos = match.end()
            continue
        rest = head[pos:pos + 4]
        if not rest or rest in (b"<", b"<!", b"<!-", b"<?") or rest.startswith((b"<!--", b"<?")):
            return "more"  # an unfinished token: wait for the next bytes
        return "dtd" if rest.startswith(b"<!") else "root"
