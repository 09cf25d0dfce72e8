"""A plan workbook from an agency's appendix alone (`cchc-excel plan`): what was read, what is left to fill."""
from __future__ import annotations

from pathlib import Path

from .io.draft import Draft, read_draft
from .io.files import atomic_write, require_suffix
from .sheets.draft import write_draft_workbook


def draft_plan(appendix: str | Path, output: str | Path, *, overwrite: bool = False) -> Draft:
    """Write the plan workbook of an appendix (its facts as far as read, every unit it names); atomic."""
    require_suffix(output, ".xlsx")
    draft = read_draft(appendix)
    atomic_write(output, lambda temp: write_draft_workbook(temp, draft.items, draft.shape, draft.facts, draft.units),
                 overwrite=overwrite)
    return draft
