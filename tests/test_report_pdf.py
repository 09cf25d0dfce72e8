"""The report as printed: LibreOffice turns the Word report and the appendix workbook into PDF, and
`pdftotext -bbox` says where every word landed. Font sizes are read back from the words' widths (the
font's own glyph widths at 1 pt), rows are checked to hold all their text, with the Calibri-metric font
Carlito installed and without it (a fontconfig file that leaves it out)."""
from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel.cli import main
from cchc_excel.io.office import has_writer, soffice_path
from cchc_excel.sheets import metrics

SAMPLES = Path(__file__).parent.parent / "workbooks" / "mau"
pytestmark = pytest.mark.skipif(
    soffice_path() is None or not has_writer() or not shutil.which("pdftotext") or metrics.font_file(False) is None,
    reason="needs LibreOffice (libreoffice-calc-nogui, libreoffice-writer-nogui), poppler-utils and "
           "fonts-liberation to print the report")


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    invoke("merge-submissions", SAMPLES, "--master", folder / "tong-hop.xlsx", "--period", "2021-H1", code=1)
    return folder / "tong-hop.xlsx"


def print_report(master: Path, folder: Path) -> tuple[Path, Path, Path]:
    folder.mkdir(exist_ok=True)
    report = folder / "BAO-CAO.docx"
    result = invoke("report", master, "--period", "2021-H1", "-o", report, "--date", "20/06/2021", "--pdf")
    pdfs = folder / "BAO-CAO.pdf", folder / "BAO-CAO-phu-luc.pdf"
    assert all(p.exists() and str(p) in result.output for p in pdfs)
    return pdfs[0], pdfs[1], folder / "BAO-CAO-phu-luc.xlsx"


@pytest.fixture(scope="module")
def printed(master, tmp_path_factory):
    return print_report(master, tmp_path_factory.mktemp("printed"))


def pages(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """(width, height, words) per page; each word (xMin, yMin, xMax, yMax, text)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    result = []
    for page in ElementTree.fromstring(xml).iter("page"):
        words = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
                 for w in page.iter("word")]
        result.append((float(page.get("width")), float(page.get("height")), words))
    return result


def printed_size(word) -> float | None:
    """The font size a word was printed at: its width over its width at 1 pt (only words the font has)."""
    x0, _, x1, _, text = word
    table = metrics.advances(False)
    own = metrics._read_advances(metrics.font_file(False))
    if len(text) < 4 or not all(c in own for c in text):
        return None
    return (x1 - x0) / sum(table[c] for c in text)


def test_word_report_pages(printed):
    document = pages(printed[0])
    assert len(document) >= 2 and all((round(w), round(h)) == (595, 842) for w, h, _ in document)
    top = [[t for x0, y0, x1, y1, t in words if y1 < 56.7] for _, _, words in document]  # above the 20 mm margin
    assert top[0] == []  # no page number on page 1
    assert top[1] == ["2"] and top[2] == ["3"]
    number = next(w for w in document[1][2] if w[4] == "2")
    assert abs((number[0] + number[2]) / 2 - (30 + (210 - 45) / 2) * 72 / 25.4) < 3  # centred over the text
    first = "".join(w[4] for w in document[0][2])  # words split where a fallback glyph starts
    for text in ("BÁOCÁO", "Kínhgửi:", "I.TÌNHHÌNHTRIỂNKHAI"):
        assert text in first
    sizes = [s for _, _, words in document[1:] for w in words if (s := printed_size(w))]
    assert statistics.median(sizes) == pytest.approx(14, abs=0.3)  # the body: 14 pt on paper
    assert min(sizes) >= 10.5  # the smallest, "Nơi nhận" lines, at 11 pt


def test_appendix_prints_true_to_size(printed):
    appendix = pages(printed[1])
    assert all((round(w), round(h)) == (842, 595) for w, h, _ in appendix)
    sizes = [s for _, _, words in appendix for w in words if (s := printed_size(w))]
    assert min(sizes) >= 10.8 and statistics.median(sizes) == pytest.approx(11, abs=0.3)  # 100 %, not shrunk
    top = [[t for x0, y0, x1, y1, t in words if y1 < 0.85 * 72 - 5] for _, _, words in appendix]
    assert top[0] == [] and top[1] == ["2"]  # the page number from page 2, in the top margin
    right = max(x1 for _, _, words in appendix for _, _, x1, _, _ in words)
    assert right <= 842 - 0.65 * 72  # nothing beyond the right margin


def column_widths(sheet) -> list[float]:
    """Each column's width (openpyxl groups neighbours of equal width in one dimension)."""
    widths = {}
    for dimension in sheet.column_dimensions.values():
        for col in range(dimension.min, dimension.max + 1):
            widths[col] = dimension.width
    return [widths[col] for col in range(1, sheet.max_column + 1)]


def column_edges(sheet) -> list[float]:
    """Column edges in points as LibreOffice prints them: widths in digits of Liberation Serif 11 pt."""
    edges, x = [], 1.2 * 72
    digit = 0.5 * 11 / 0.75  # pixels
    for width in column_widths(sheet):
        edges.append(x)
        x += (round(width * 7) and int(width * digit + 0.5)) * 0.75
    return edges + [x]


def lines_of(words) -> str:
    """Words in reading order (lines grouped by their top), joined with no spaces."""
    ordered, line, last = [], [], None
    for word in sorted(words, key=lambda w: w[1]):
        if last is not None and word[1] - last > 3:
            ordered += sorted(line)
            line = []
        line.append(word)
        last = word[1]
    return "".join(w[4] for w in ordered + sorted(line))


CODE = r"\d+(\.\d+)*|[IVX]+\.?"  # a criterion's or task's code, or a section's roman numeral


def assert_rows_hold_their_text(pdf: Path, xlsx: Path) -> None:
    """Every cell's text of Phụ lục I lies within its row (or merged block) and its column (or merged columns)."""
    sheet = openpyxl.load_workbook(xlsx)["Phụ lục I"]
    edges = column_edges(sheet)
    merged = {(r.min_row, r.min_col): (r.max_row, r.max_col) for r in sheet.merged_cells.ranges if r.min_row > 5}
    inside = {(row, col) for r in sheet.merged_cells.ranges if r.min_row > 5
              for row in range(r.min_row, r.max_row + 1) for col in range(r.min_col, r.max_col + 1)
              if (row, col) != (r.min_row, r.min_col)}
    codes = [sheet.cell(r, 1).value for r in range(6, sheet.max_row + 1)]
    assert all(re.fullmatch(CODE, code) for code in codes)
    tops: list[tuple[int, float, float]] = []  # (page, top, page bottom) per table row
    for number, (_, height, words) in enumerate(pages(pdf)):
        column_a = sorted((w for w in words if edges[0] <= (w[0] + w[2]) / 2 <= edges[1]
                           and re.fullmatch(CODE, w[4])), key=lambda w: w[1])
        tops += [(number, w[1], height - 0.85 * 72) for w in column_a]
    assert len(tops) >= len(codes)  # Phụ lục II follows; its column A holds no codes
    all_pages = pages(pdf)
    for index, code in enumerate(codes):
        row = 6 + index
        for col in range(1, sheet.max_column + 1):
            value = sheet.cell(row, col).value
            if not value or (row, col) in inside:
                continue
            last_row, last_col = merged.get((row, col), (row, col))
            page, top, bottom = tops[index]
            following = tops[last_row - 6 + 1] if last_row - 6 + 1 < len(tops) else None
            if following and following[0] == page:
                bottom = following[1]
            words = [w for w in all_pages[page][2] if w[1] >= top - 2 and w[3] <= bottom + 2
                     and edges[col - 1] <= (w[0] + w[2]) / 2 <= edges[last_col]]
            assert lines_of(words) == re.sub(r"\s+", "", value), (code, col)


def code_pages(pdf: Path, sheet) -> list[int]:
    """The page each table row of Phụ lục I prints on, found by its code in column A, in row order."""
    edges = column_edges(sheet)
    found = [number for number, (_, _, words) in enumerate(pages(pdf))
             for w in sorted(words, key=lambda w: w[1])
             if edges[0] <= (w[0] + w[2]) / 2 <= edges[1] and re.fullmatch(CODE, w[4])]
    return found[:sheet.max_row - 5]


def test_a_merged_block_that_fits_a_page_prints_on_one_page(printed):
    """A criterion's block of rows sharing merged cells (Giải pháp, Chủ trì…) that fits the page between its
    margins, under the table's header, prints on one page; none is left as its first row alone on a page."""
    from cchc_excel.sheets.paper import PRINTABLE

    sheet = openpyxl.load_workbook(printed[2])["Phụ lục I"]
    on_page = code_pages(printed[1], sheet)
    blocks = {(r.min_row, r.max_row) for r in sheet.merged_cells.ranges if r.min_row > 5}
    assert blocks
    for first, last in blocks:
        height = sum(sheet.row_dimensions[r].height for r in [5, *range(first, last + 1)])
        if height <= PRINTABLE:
            assert len({on_page[r - 6] for r in range(first, last + 1)}) == 1, (first, last)
        assert on_page.count(on_page[first - 6]) > 1 or first == last, (first, last)


def test_every_row_holds_its_text_with_calibri_metrics(printed):
    if not subprocess.run(["fc-list", "Carlito"], capture_output=True, text=True).stdout.strip():
        pytest.skip("fonts-crosextra-carlito (Calibri metrics) is not installed")
    assert_rows_hold_their_text(printed[1], printed[2])


def test_every_row_holds_its_text_without_calibri_metrics(master, tmp_path, monkeypatch):
    listing = subprocess.run(["fc-list", "-f", "%{file}\n"], capture_output=True, text=True).stdout.split()
    folders = sorted({str(Path(f).parent) for f in listing if "carlito" not in f.lower() and "crosextra" not in f})
    config = tmp_path / "fonts.conf"
    config.write_text("<?xml version='1.0'?><fontconfig>" + "".join(f"<dir>{d}</dir>" for d in folders)
                      + f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    assert "Carlito" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    pdf, appendix, xlsx = print_report(master, tmp_path / "out")
    assert_rows_hold_their_text(appendix, xlsx)


def test_statistics_rows_hold_their_labels(printed):
    """Phụ lục II: each label (column A) lies within its row's printed height, found from the row's counts."""
    sheet = openpyxl.load_workbook(printed[2])["Phụ lục II"]
    digit = 0.5 * 11 / 0.75
    widths = [int(sheet.column_dimensions[c].width * digit + 0.5) * 0.75 for c in "AB"]
    left = 1.2 * 72
    a, b = (left, left + widths[0]), (left + widths[0], left + widths[0] + widths[1])
    rows = [r for r in range(1, sheet.max_row + 1)
            if isinstance(sheet.cell(r, 2).value, (int, float)) or str(sheet.cell(r, 2).value).startswith("=")]
    printed_pages = pages(printed[1])
    first = next(i for i, (_, _, words) in enumerate(printed_pages) if "THỐNGKÊ" in "".join(w[4] for w in words))
    found = []
    for _, _, words in printed_pages[first:]:
        numbers = sorted((w for w in words if b[0] <= (w[0] + w[2]) / 2 <= b[1] and re.fullmatch(r"\d+", w[4])),
                         key=lambda w: w[1])
        labels = [w[1] for w in words if a[0] <= (w[0] + w[2]) / 2 <= a[1]]
        next_column = [w[1] for w in words if b[1] <= (w[0] + w[2]) / 2 <= 2 * b[1] - b[0] and w[4].isdigit()]
        found += [(words, w[1]) for w in numbers  # a table row: a label and counts side by side
                  if any(abs(y - w[1]) < 2 for y in labels) and any(abs(y - w[1]) < 2 for y in next_column)]
    assert len(found) == len(rows)
    for row, (words, top) in zip(rows, found):
        bottom = top - 3 + sheet.row_dimensions[row].height
        label = [w for w in words if a[0] <= (w[0] + w[2]) / 2 <= a[1] and top - 2 <= w[1] and w[3] <= bottom + 1]
        assert lines_of(label) == re.sub(r"\s+", "", sheet.cell(row, 1).value), row


@pytest.fixture(scope="module", params=["extras", "tasks"])
def shaped(request, tmp_path_factory):
    """The report of a plan with its own extra columns and section headings (and one of tasks only), printed."""
    from shaped_plans import TASKS_ONLY, WITH_EXTRAS, build_master

    folder = tmp_path_factory.mktemp(request.param)
    _, master = build_master(folder / "plan", WITH_EXTRAS if request.param == "extras" else TASKS_ONLY)
    report = folder / "BAO-CAO.docx"
    result = invoke("report", master, "--period", "2022-H1", "-o", report, "--date", "20/06/2022", "--pdf")
    pdfs = folder / "BAO-CAO.pdf", folder / "BAO-CAO-phu-luc.pdf"
    assert all(p.exists() and str(p) in result.output for p in pdfs)
    return pdfs[0], pdfs[1], folder / "BAO-CAO-phu-luc.xlsx"


def test_a_plans_extra_columns_and_sections_print_true_to_size(shaped):
    appendix = pages(shaped[1])
    assert all((round(w), round(h)) == (842, 595) for w, h, _ in appendix)
    sizes = [s for _, _, words in appendix for w in words if (s := printed_size(w))]
    assert min(sizes) >= 10.8 and statistics.median(sizes) == pytest.approx(11, abs=0.3)
    right = max(x1 for _, _, words in appendix for _, _, x1, _, _ in words)
    assert right <= 842 - 0.65 * 72
    assert column_edges(openpyxl.load_workbook(shaped[2])["Phụ lục I"])[-1] <= 842 - 0.65 * 72
    words = "".join(w[4] for _, _, words in appendix for w in words)
    assert "Sảnphẩm" in words and "CẢICÁCHTHỂCHẾ" in words
    assert_rows_hold_their_text(shaped[1], shaped[2])
