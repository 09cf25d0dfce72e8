"""What a workbook may be before it is refused: limits for files from outside and for the tool's own master."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ReadLimits:
    """What a workbook may be before it is refused as too large or as a zip bomb."""

    max_file_bytes: int = 50 * 2**20
    max_total_uncompressed: int = 500 * 2**20
    max_part_uncompressed: int = 250 * 2**20
    max_ratio: int = 200  # for parts over 1 MiB uncompressed
    max_parts: int = 2000
    max_rows: int = 100_000
    max_columns: int = 1024  # LibreOffice's historical width; the tool's sheets use fewer than 30
    max_cells: int = 5_000_000  # rows × columns of a sheet's bounding box (python-calamine allocates it)
    max_merged_cells: int = 1_000_000  # cells covered by merged ranges (each is mapped to its top-left)
    max_cell_chars: int = 100_000  # text of one cell; Excel holds 32,767 (VAL_013 reports what is over)


DEFAULT_LIMITS = ReadLimits()
# The tool's own master, once recognised by its metadata and plan fingerprint (io/master_file.py): it grows
# with every period (a decade of quarterly periods at 4,000 units is about 2.4 million data rows over some
# 40 period sheets), so only what the format itself bounds applies: a zip32 file, Excel's rows per sheet.
# The ratio check stays meaningful against deflate's own ceiling (about 1,032:1).
MASTER_LIMITS = ReadLimits(max_file_bytes=2**32 - 1, max_total_uncompressed=2**40, max_part_uncompressed=2**32 - 1,
                           max_ratio=1100, max_parts=65_535, max_rows=1_048_576)
# Its period, history and log sheets (Dữ liệu / Lịch sử <kỳ>, Nhật ký <năm>), bounded before python-calamine
# allocates their bounding box (io/tablescan.py; the metadata and fingerprint that make a master trusted can be
# copied): Excel's 1,048,576 rows (a period sheet at 4,000 units holds 60,001), 64 columns (the widest, Lịch sử,
# has 19: room for columns a later layout adds), at most 1,048,576 rows of 20 columns in all (python-calamine
# takes about 32 bytes a cell: some 670 MB at worst, where one cell at XFD1048576 asks for 17 billion cells).
# Each part's real size and checksum are checked against the zip's directory, within MASTER_LIMITS' 4 GiB.
MASTER_TABLE_LIMITS = replace(MASTER_LIMITS, max_columns=64, max_cells=20 * 1_048_576)
