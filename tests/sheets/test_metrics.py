"""Text widths in Times New Roman metrics: from the font file, or from the table committed in code."""
from __future__ import annotations

import pytest

from cchc_excel.sheets import metrics


def test_the_committed_table_is_the_fonts_own_widths():
    path = metrics.font_file(False)
    if path is None:
        pytest.skip("fonts-liberation is not installed")
    own = metrics._read_advances(path)
    assert tuple(round(own[chr(c)] * 1000) for c in range(32, 127)) == metrics.WIDTHS_FALLBACK


def test_without_a_font_file_vietnamese_letters_are_as_wide_as_their_base(monkeypatch):
    monkeypatch.setattr(metrics, "advances", lambda bold: None)
    assert metrics.text_width("Hoàn thành", 10) == metrics.text_width("Hoan thanh", 10)
    assert metrics.text_width("Đường", 12) == metrics.text_width("Duong", 12)
    assert metrics.text_width("ab", 12, bold=True) > metrics.text_width("ab", 12)


@pytest.mark.parametrize("text, width, lines", [
    ("", 100, 1), ("một", 100, 1), ("a\nb", 100, 2), ("word " * 40, 100, None), ("x" * 200, 50, None)])
def test_wrap(text, width, lines):
    count = metrics.wrap(text, width, 11)
    if lines is not None:
        assert count == lines
    else:  # at least as many lines as the text is wide
        assert count >= metrics.text_width(text.strip(), 11) / width


def test_wrap_after_hyphens_as_spreadsheets_wrap_file_names():
    piece = metrics.text_width("Bao-cao-", 12)
    assert metrics.wrap("Bao-cao-tien-do", piece + 1, 12, hyphens=True) == 2  # "Bao-cao-" / "tien-do"
    assert metrics.wrap("Bao-cao-tien-do", piece + 1, 12, hyphens=False) == 2  # one word broken where it must
    assert metrics.wrap("Bao-cao-tien-do-Phong", piece + 1, 12, hyphens=True) == 3
    assert metrics.wrap("a-b c", 100, 12, hyphens=True) == metrics.wrap("a-b c", 100, 12) == 1
