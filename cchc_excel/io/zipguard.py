"""The .xlsx container, checked before any parser reads it.

The zip directory is read first (part count, declared sizes, ratio, duplicate or unreadable names); then
every XML part is inflated here in a stream, counting the bytes really produced: a part that inflates
past its declared size or past the limits, a damaged deflate stream, a wrong checksum or a compression
method Office never uses is refused before python-calamine sees the file. The same pass refuses a DTD
(entity bombs, external entities) anywhere in the prolog of any XML part. A file of up to KEEP_BYTES is read
once into memory, and every XML part but the worksheets is handed over as inflated here (not inflated twice);
of a larger file, only the parts keep() names. A file read whole is opened from its bytes (zipdir.Container: its
directory read in one pass, exactly as zipfile reads it). Either way a kept part is at most KEEP_BYTES, and at most
KEEP_TOTAL bytes are kept for one file. Worksheets are verified (the same checks) when they are read.
A small part whose raw bytes, method, size and checksum an earlier file had (files made from one template) is
not inflated again: what that inflation gave, checked the same way, is remembered (memo.py).
"""
from __future__ import annotations

import re
import struct
import zipfile

from zlib_ng import zlib_ng  # inflates and checksums about 1.5x as fast as zlib 1.2 (same API, same results)
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection, Generator, Iterator, cast

from ..model.errors import WorkbookReadError
from .memo import MEMO_BYTES, MEMO_SIZE, remembering
from .ods import ZIP_ERRORS, is_ods, refuse_encrypted
from .zipdir import END_RECORD, Container

if TYPE_CHECKING:
    from .limits import ReadLimits

CHUNK = 256 * 1024
KEEP_BYTES = 16 * 2**20  # a part this large or smaller may be kept in memory once inflated
KEEP_TOTAL = 64 * 2**20  # inflated bytes kept in all for one file (larger parts or beyond: read again in a stream)
MAX_PROLOG = 2**20  # bytes of comments and processing instructions before the root element
_LOCAL_HEADER_SIZE = 30
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # Office's compression methods: any other is refused
_LOCAL_LENGTHS = struct.Struct("<HH")  # name and extra field lengths, at offset 26 of a local header
_CENTRAL_LENGTHS = struct.Struct("<3H")  # name, extra field and comment lengths, at offset 28 of a directory entry
_INFLATE_ERROR = cast("type[Exception]", zlib_ng.error)  # its stub types it as an instance
_PROLOG_TOKEN = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)  # the same tokens, all at once (never backtracks)
_DECLARED_ROOT = re.compile(rb"<\?xml[^?>]*\?>\s*<[^!?]")  # what nearly every part starts with: the root is next


def open_container(path: Path, shown: str, limits: ReadLimits, keep: Callable[[str], bool] = lambda _name: False,
                   data: bytes | None = None) -> tuple[zipfile.ZipFile, dict[str, bytes]]:
    """The zip opened and checked, with the inflated bytes of its XML parts other than worksheets (each inflated
    once, here): all of them for a file of up to KEEP_BYTES, those keep() names for a larger one, in both cases
    only parts of up to KEEP_BYTES and KEEP_TOTAL in all. data: the file's bytes when already read whole.
    WorkbookReadError says what is wrong with it."""
    try:  # a file of up to KEEP_BYTES is read once: its parts are then inflated from memory
        if data is None and path.stat().st_size <= KEEP_BYTES:
            data = path.read_bytes()
        archive = zipfile.ZipFile(path) if data is None else Container(data, str(path))
        archive.filename = str(path)  # as when opened by its path (messages name it)
    except ZIP_ERRORS as err:
        raise WorkbookReadError("READ_005", path=shown, detail=_detail(err)) from err
    try:
        infos = archive.filelist
        check_directory(shown, infos, limits)
        if "xl/workbook.xml" not in archive.NameToInfo:
            if not is_ods(archive):
                raise WorkbookReadError("READ_002", path=shown)
            refuse_encrypted(archive, shown)  # before its encrypted parts are taken for damaged ones
        kept = _inflate_all(archive, shown, infos, limits, (lambda _name: True) if data is not None else keep)
    except BaseException:
        archive.close()
        raise
    return archive, kept


def _detail(err: BaseException) -> str:
    return (str(err) or type(err).__name__)[:200]


def check_directory(shown: str, infos: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    """Refuses (in this order) too many parts, two parts of one name, too many bytes in all, one part too large."""
    if len(infos) > limits.max_parts:
        raise WorkbookReadError("READ_009", path=shown, detail=f"{len(infos)} parts")
    if _layout_of(infos)[0]:
        seen: set[str] = set()
        for info in infos:
            name = info.filename.replace("\\", "/").casefold()
            if name in seen:
                raise WorkbookReadError("READ_016", path=shown, detail=f"{info.filename}: duplicate part")
            seen.add(name)
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_uncompressed:
        raise WorkbookReadError("READ_009", path=shown, detail=f"{total:,} bytes uncompressed")
    largest, ratio = limits.max_part_uncompressed, limits.max_ratio
    for info in infos:
        size = info.file_size
        if size > largest or (size > 2**20 and size / max(info.compress_size, 1) > ratio):
            raise WorkbookReadError("READ_009", path=shown, detail=f"{info.filename}: {size:,} bytes")


def plain_directory(archive: zipfile.ZipFile) -> bool:
    """Whether the zip ends with a plain end record (no comment, one disk, nothing before the first part) and its
    directory, walked by its own length fields, holds exactly the entries the record counts and zipfile read.
    zipfile reads a directory leniently (it cuts a name running past the directory's end and stops there,
    whatever the count says); python-calamine's zip reader refuses such a file when it opens it."""
    handle = archive.fp
    if isinstance(archive, Container) and archive.plain is not None and handle is not None:
        return archive.plain  # found when its directory was read (zipdir.py)
    try:
        if handle is None:
            return False
        length = handle.seek(0, 2)
        handle.seek(length - END_RECORD.size)
        end = handle.read(END_RECORD.size)
        if len(end) != END_RECORD.size:
            return False
        signature, disk, start_disk, here, entries, size, offset, comment = END_RECORD.unpack(end)
        if signature != b"PK\x05\x06" or disk or start_disk or comment or not here == entries == len(archive.filelist) \
                or offset + size != length - END_RECORD.size:
            return False
        handle.seek(offset)
        directory = handle.read(size)
    except (OSError, ValueError):
        return False
    at = 0
    for _ in range(entries):
        if directory[at:at + 4] != b"PK\x01\x02" or at + 46 > size:
            return False
        names, extra, remark = _CENTRAL_LENGTHS.unpack_from(directory, at + 28)
        at += 46 + names + extra + remark
    return at == size


def is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _inflate_all(archive: zipfile.ZipFile, shown: str, infos: list[zipfile.ZipInfo], limits: ReadLimits,
                 keep: Callable[[str], bool]) -> dict[str, bytes]:
    """Inflate every XML part a parser reads on opening, checking real sizes, checksums and prologs.

    Worksheets are left to when they are read: each is parsed in a bounded stream by the sheet scan (DTDs,
    sizes, references) before python-calamine sees it, and a command reads only the sheets it needs (a master
    of ten years is not inflated whole to show one period)."""
    parts = [infos[at] for at in _layout_of(infos)[1]]
    return verify_parts(archive, shown, parts, limits, {info.filename for info in parts if keep(info.filename)})


def _layout_of(infos: list[zipfile.ZipInfo]) -> tuple[bool, tuple[int, ...]]:
    """_layout of the entries' names, remembered for the last few directories whose names are at most MEMO_BYTES
    characters in all (the files of one template repeat them; a pure function of the whole names, as memo.py's)."""
    names = tuple([info.filename for info in infos])
    return _layout(names) if sum(map(len, names)) <= MEMO_BYTES else _layout.__wrapped__(names)


@lru_cache(maxsize=MEMO_SIZE)
def _layout(names: tuple[str, ...]) -> tuple[bool, tuple[int, ...]]:
    """Whether two of a zip's names are one part (case and slashes aside), and the positions of the parts checked
    when it is opened."""
    duplicated = len({name.replace("\\", "/").casefold() for name in names}) < len(names)
    return duplicated, tuple(at for at, name in enumerate(names) if _is_checked_at_open(name.lower()))


def _is_checked_at_open(name: str) -> bool:
    """An XML part but a worksheet (name in lower case)."""
    if not is_xml_part(name):
        return False
    name = name.replace("\\", "/")
    return not (name.startswith("xl/worksheets/") and name.endswith(".xml") and "/_rels/" not in name)


def verify_parts(archive: zipfile.ZipFile, shown: str, infos: list[zipfile.ZipInfo], limits: ReadLimits,
                 keep: Collection[str] = ()) -> dict[str, bytes]:
    """Inflate the given parts of an open zip in a stream, checking real sizes, checksums and prologs (a part the
    workbook's relationships name as XML under another extension is checked this way too).

    Returns the bytes of the parts named in keep whose declared size is at most KEEP_BYTES, while the bytes
    kept stay within KEEP_TOTAL (larger parts are read again in a stream by whoever needs them, so memory
    stays bounded)."""
    total = 0
    kept: dict[str, bytes] = {}
    room = KEEP_TOTAL
    for info in infos:
        wanted = info.file_size <= KEEP_BYTES and info.file_size <= room and info.filename in keep
        known = _verified_before(archive, shown, info, limits, total)
        chunks = [known] if known is not None else [data for data in stream_part(archive, shown, info, limits, total)
                                                     if wanted]
        total += info.file_size  # what it really inflated to (checked)
        if wanted:
            kept[info.filename] = chunks[0] if len(chunks) == 1 else b"".join(chunks)
            room -= info.file_size
    return kept


def _verified_before(archive: zipfile.ZipFile, shown: str, info: zipfile.ZipInfo, limits: ReadLimits,
                     before: int) -> bytes | None:
    """A small part's bytes when its raw bytes (same method, size and checksum) inflate, as _inflate checks them, to
    what an earlier file of the same template had (memo.py); None when that is not so: _inflate decides."""
    size, packed, header = info.file_size, info.compress_size, info.header_offset
    if size > MEMO_BYTES or packed > MEMO_BYTES or size > limits.max_part_uncompressed \
            or before + size > limits.max_total_uncompressed or info.flag_bits & 0x1 or info.compress_type not in _METHODS \
            or not isinstance(archive, Container) or archive.fp is None:
        return None  # _inflate decides (it refuses an encrypted part or another method)
    data = archive.data
    start = _data_start(data[header:header + _LOCAL_HEADER_SIZE], header) if header >= 0 else None
    if start is None:
        return None  # _inflate refuses its local header (or a damaged directory's offset)
    raw = data[start:start + packed]
    if len(raw) != packed:  # the file ends first: _inflate decides (truncated, unless a deflate ends)
        return None
    return _inflated(raw, info.compress_type, size, info.CRC)


@remembering(16)  # a file has a dozen parts not worksheets, most of them the template's
def _inflated(raw: bytes, method: int, size: int, crc: int) -> bytes | None:
    """raw's bytes when they inflate by method to exactly size bytes with the checksum crc, the XML declaration then
    the root element first (no DTD); else None."""
    if method == zipfile.ZIP_STORED:
        data = raw
    else:
        inflater = zlib_ng.decompressobj(-15)
        try:
            data = inflater.decompress(raw, size + 1)
        except _INFLATE_ERROR:
            return None
        if not inflater.eof or inflater.unused_data or inflater.unconsumed_tail:
            return None
    ok = len(data) == size and zlib_ng.crc32(data) == crc and (not data or _DECLARED_ROOT.match(data))
    return data if ok else None


def stream_part(archive: zipfile.ZipFile, shown: str, info: zipfile.ZipInfo, limits: ReadLimits,
                before: int = 0) -> Generator[bytes, None, None]:
    """One part's bytes as verify_parts checks them, chunk by chunk: refused as soon as they inflate past its
    declared size or the limits (before: bytes already inflated from the file), its prolog checked as they come
    (no DTD); its real size and checksum are checked once the last chunk was taken (a caller that stops early
    has checked nothing of them)."""
    handle = archive.fp  # read directly, past zipfile (which seeks back to its own place before reading)
    if handle is None:
        raise WorkbookReadError("READ_005", path=shown, detail="closed")
    try:
        yield from _inflate(handle, info, shown, limits, before)
    except WorkbookReadError:
        raise
    except (OSError, ValueError) as err:  # ValueError: a damaged directory's offset, in memory
        raise WorkbookReadError("READ_005", path=shown, detail=_detail(err)) from err


def _inflate(handle, info: zipfile.ZipInfo, shown: str, limits: ReadLimits, total: int) -> Iterator[bytes]:
    """The part's bytes as really inflated from its raw data, refused as soon as they pass a limit (total: the
    bytes inflated before it); its prolog checked as the bytes come, its size and checksum at the end."""
    inflater = _seek_data(handle, info, shown)
    cap = min(info.file_size, limits.max_part_uncompressed)
    left, produced, crc = info.compress_size, 0, 0
    prolog: PrologCheck | None = None  # made only when the first bytes do not settle the prolog
    while True:
        if inflater is not None and inflater.unconsumed_tail:
            raw = inflater.unconsumed_tail
        elif left > 0:
            raw = handle.read(min(CHUNK, left))
            if not raw:
                raise _refuse(shown, info, "READ_005", "truncated")
            left -= len(raw)
        else:
            break
        try:
            data = raw if inflater is None else inflater.decompress(raw, CHUNK)
        except _INFLATE_ERROR as err:
            raise _refuse(shown, info, "READ_005", str(err)) from err
        produced += len(data)
        if produced > cap:  # past the declared size (or the limit): the directory lied
            raise _refuse(shown, info, "READ_009", f"inflates past {cap:,} bytes")
        crc = zlib_ng.crc32(data, crc)
        if data:
            if total + produced > limits.max_total_uncompressed:
                raise WorkbookReadError("READ_009", path=shown, detail=f"over {total + produced:,} bytes inflated")
            if produced == len(data):  # the first bytes: most prologs are settled by them
                if not _DECLARED_ROOT.match(data) and not _prolog_settled(shown, info.filename, data):
                    prolog = PrologCheck(shown, info.filename)
                    prolog.feed(data)
            elif prolog is not None:
                prolog.feed(data)
            yield data
        if inflater is not None and inflater.eof:
            break
    if inflater is not None and not inflater.eof:
        raise _refuse(shown, info, "READ_005", "truncated deflate stream")
    if produced != info.file_size or crc != info.CRC:
        raise _refuse(shown, info, "READ_005", "size or checksum does not match")


def _seek_data(handle, info: zipfile.ZipInfo, shown: str):
    """Seek to the part's raw data past its local header; returns its inflater (None for a stored part)."""
    if info.flag_bits & 0x1:
        raise _refuse(shown, info, "READ_005", "encrypted part")
    handle.seek(info.header_offset)
    start = _data_start(handle.read(_LOCAL_HEADER_SIZE), info.header_offset)
    if start is None:
        raise _refuse(shown, info, "READ_005", "bad local header")
    handle.seek(start)
    if info.compress_type == zipfile.ZIP_STORED:
        return None
    if info.compress_type == zipfile.ZIP_DEFLATED:
        return zlib_ng.decompressobj(-15)
    raise _refuse(shown, info, "READ_005", f"compression method {info.compress_type}")


def _data_start(header: bytes, offset: int) -> int | None:
    """Where a part's raw data starts in the file: past the local header read at offset (header: its bytes there);
    None when they are not a whole local header."""
    if len(header) < _LOCAL_HEADER_SIZE or not header.startswith(b"PK\x03\x04"):
        return None
    name_length, extra_length = _LOCAL_LENGTHS.unpack_from(header, 26)
    return offset + _LOCAL_HEADER_SIZE + name_length + extra_length


def _refuse(shown: str, info: zipfile.ZipInfo, code: str, why: str) -> WorkbookReadError:
    return WorkbookReadError(code, path=shown, detail=f"{info.filename}: {why}")


def _prolog_settled(shown: str, name: str, head: bytes) -> bool:
    """True when a part's first bytes show its root element after nothing but comments and PIs; a DTD is
    refused; False when more bytes are needed (or the bytes are UTF-16: PrologCheck decodes them)."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    start = 3 if head[:3] == b"\xef\xbb\xbf" else 0
    tokens = _PROLOG.match(head, start)
    end = tokens.end() if tokens else start  # it matches, if only the empty string
    if head[end:end + 1] == b"<" and head[end + 1:end + 2] not in (b"!", b"?", b""):
        return True  # the root element starts: what parts usually show in their first bytes
    state = prolog_state(head[start:])
    if state == "dtd":
        raise WorkbookReadError("READ_008", path=shown, detail=name)
    return state == "root"


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
