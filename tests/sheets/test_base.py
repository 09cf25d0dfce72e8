"""sheets/base.py: the deflate level swapped into xlsxwriter while the master is written."""
from __future__ import annotations

import threading
import zipfile
import zlib

from cchc_excel.sheets.base import fast_deflate, new_workbook


def deflated_size(data: bytes, level: int) -> int:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return len(compressor.compress(data) + compressor.flush())


def write(path, text: str) -> None:
    workbook = new_workbook(path)
    sheet = workbook.add_worksheet("Dữ liệu")
    for row in range(2000):
        sheet.write_string(row, 0, f"{text} {row} " + "cải cách hành chính " * (row % 7))
        sheet.write_number(row, 1, row * 1.5)
    workbook.close()


def sizes(path) -> tuple[int, int, int]:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        data = archive.read(info)
    return info.compress_size, deflated_size(data, 1), deflated_size(data, 6)


def test_fast_deflate_writes_at_level_1_and_only_inside_the_block(tmp_path):
    with fast_deflate():
        write(tmp_path / "fast.xlsx", "nhanh")
    stored, level1, level6 = sizes(tmp_path / "fast.xlsx")
    assert level1 != level6 and stored == level1  # fails when xlsxwriter no longer uses the swapped name
    write(tmp_path / "normal.xlsx", "thường")
    stored, level1, level6 = sizes(tmp_path / "normal.xlsx")
    assert stored == level6


def test_fast_deflate_is_held_by_one_thread_at_a_time(tmp_path):
    import xlsxwriter.workbook as module

    original = module.ZipFile
    inside, release = threading.Event(), threading.Event()
    entered = []

    def first():
        with fast_deflate():
            inside.set()
            release.wait(5)

    def second():
        inside.wait(5)
        with fast_deflate():
            entered.append(module.ZipFile is not original)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    inside.wait(5)
    threads[1].join(0.3)  # give the second thread time to try
    assert entered == []  # the second thread waits for the first to restore the name
    release.set()
    for thread in threads:
        thread.join(5)
    assert entered == [True] and module.ZipFile is original
