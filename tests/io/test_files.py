"""Files written as the user would save them: permissions follow the umask."""
from __future__ import annotations

import os
import stat

import pytest

from cchc_excel import builtin_plan, parse_period, write_shared_workbook


@pytest.mark.skipif(os.name != "posix", reason="permissions and umask are POSIX")
@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_follow_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        path = write_shared_workbook(builtin_plan(), parse_period("2021-H1"), tmp_path / "dung-chung.xlsx")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == mode
