"""The Word report's body (sections I–V, one paragraph a line) streamed into its `word/document.xml`.

python-docx holds every paragraph as a tree of XML elements, about 4 KB each: at 1,000 units a report lists
some 45,000 difficulties and proposals (one a line), which took 200 MB and 15 s to build. The report is built by
python-docx around a marked paragraph (the header block and title before it, the signature after); the body's
lines replace that paragraph as the document is written, each paragraph as python-docx would write it:
justified, 6 pt before, the first line indented 1,27 cm, runs of the body's size, bold, or italic on yellow
where the Office writes (report_docx._style); the last kept with the signature that follows.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from .report_sections import Line

MARK = "cchc-excel: the report's body goes here"
_PARAGRAPH_START = re.compile(rb"<w:p[ >]")
_HIGHLIGHT = '<w:highlight w:val="yellow"/>'
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # no place in XML (python-docx refuses them)
_BREAKS = re.compile(r"(\t|\r\n|\n|\r)")
WEIGHTS = {"bold": (True, False), "heading": (True, False), "office": (False, True)}  # a run's style → bold, italic
HIGHLIGHTED = "office"  # on yellow: where the Office writes (report_docx._style sets the same on its own runs)
_WEIGHT_XML = {style: ("<w:b/>" if bold else '<w:b w:val="0"/>') + ("<w:i/>" if italic else '<w:i w:val="0"/>')
               for style, (bold, italic) in [*WEIGHTS.items(), ("plain", (False, False))]}


def body_chunks(document_xml: bytes, lines: Iterable[Line], size: int) -> Iterator[bytes]:
    """document.xml with the paragraph holding MARK replaced by a paragraph per line (size: the body's points)."""
    at = document_xml.index(MARK.encode("utf-8"))
    start = [m.start() for m in _PARAGRAPH_START.finditer(document_xml, 0, at)][-1]
    end = document_xml.index(b"</w:p>", at) + len(b"</w:p>")
    yield document_xml[:start]
    batch: list[str] = []
    previous = None
    for line in lines:
        if previous is not None:
            batch.append(paragraph_xml(previous, size))
            if len(batch) >= 500:
                yield "".join(batch).encode("utf-8")
                batch = []
        previous = line
    if previous is not None:  # "Trên đây là báo cáo …" goes with the signature
        batch.append(paragraph_xml(previous, size, keep_with_next=True))
    yield "".join(batch).encode("utf-8")
    yield document_xml[end:]


def paragraph_xml(line: Line, size: int, keep_with_next: bool = False) -> str:
    """One line of the body as a w:p element."""
    keep = "<w:keepNext/>" if keep_with_next else ""
    indent = '<w:ind w:firstLine="720"/>' if line.indent else ""
    runs = "".join(f'<w:r><w:rPr>{_WEIGHT_XML.get(style, _WEIGHT_XML["plain"])}<w:sz w:val="{size * 2}"/>'
                   f'{_HIGHLIGHT if style == HIGHLIGHTED else ""}</w:rPr>{_content(text)}</w:r>'
                   for text, style in line.runs)
    return f'<w:p><w:pPr>{keep}<w:spacing w:before="120"/>{indent}<w:jc w:val="both"/></w:pPr>{runs}</w:p>'


def _content(text: str) -> str:
    """A run's text as python-docx writes it: a tab as w:tab, a line break as w:br, the rest in w:t."""
    out = []
    for piece in _BREAKS.split(_NOT_XML.sub("", text)):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\n", "\r", "\r\n"):
            out.append("<w:br/>")
        elif piece:
            escaped = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            space = ' xml:space="preserve"' if piece.strip() != piece else ""
            out.append(f"<w:t{space}>{escaped}</w:t>")
    return "".join(out)
