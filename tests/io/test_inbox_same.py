"""Identical files of an inbox: only files of one size are compared, by SHA-256; the shortest name is read."""
from __future__ import annotations

import hashlib

from cchc_excel.io.inbox import same_bytes


def test_only_byte_for_byte_copies_are_set_aside_and_the_shortest_name_is_read(tmp_path):
    contents = {"vp - Copy.xlsx": b"A" * 100, "vp.xlsx": b"A" * 100, "vp (1).xlsx": b"A" * 100,
                "khac.xlsx": b"B" * 100, "ngan.xlsx": b"A" * 99}  # same size other bytes; same bytes but one
    files = []
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    files.append(tmp_path / "mat.xlsx")  # gone before it is read: left to the reader to report
    read, repeated = same_bytes(sorted(files))
    sha = hashlib.sha256(b"A" * 100).hexdigest()
    assert [p.name for p in read] == ["khac.xlsx", "mat.xlsx", "ngan.xlsx", "vp.xlsx"]
    assert [(p.name, first.name, digest) for p, first, digest in repeated] == [
        ("vp (1).xlsx", "vp.xlsx", sha), ("vp - Copy.xlsx", "vp.xlsx", sha)]
