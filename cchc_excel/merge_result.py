"""What a merge did: each file's outcome and the run's counts, as commands show them and the master's log keeps them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .model.periods import Period
from .model.problems import ERROR, WARNING, Problem
from .model.text import printable

ACCEPTED, PARTIAL, REJECTED, SKIPPED = "accepted", "partial", "rejected", "skipped"
# How each outcome is written in the master's log (the master is a Vietnamese document)
LOG_LABELS = {ACCEPTED: "Chấp nhận", PARTIAL: "Chấp nhận một phần", REJECTED: "Từ chối", SKIPPED: "Bỏ qua"}
# How each of a file's problems is labelled in the log: an error's reason, or a warning (the rows were kept)
REASON_LABELS = {ERROR: "Lý do", WARNING: "Cảnh báo"}
SAME_WARNINGS_SHOWN = 3  # a file's warnings of one code shown one by one; the rest are told in one MERGE_017


@dataclass
class FileOutcome:
    """What happened to one file of the inbox."""

    path: str
    status: str
    sha256: str = ""
    problems: list[Problem] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    superseded: int = 0  # rows kept only as history: beaten in this merge, or older than the master's
    older: int = 0  # of those, the rows the master keeps a later Ngày cập nhật for (MERGE_014): older than its
    # value, or beaten in this merge by a file saved before this one (a correction dated too early?)
    rejected_rows: int = 0
    period: Period | None = None  # the period the file was made for (its metadata), once accepted
    name: str = ""  # as the master records it: its path inside the inbox folder given (io/inbox.record_name)

    def to_dict(self, lang: str = "vi") -> dict:
        return {"file": printable(self.path), "status": self.status, "sha256": self.sha256, "added": self.added,
                "changed": self.changed, "unchanged": self.unchanged, "superseded": self.superseded,
                "older": self.older, "rejected_rows": self.rejected_rows, "issues": [p.to_dict(lang) for p in self.problems]}


@dataclass
class MergeResult:
    """The outcome of a merge: per file, per row count, and the rows of the period still missing."""

    master: str
    period: str | None
    dry_run: bool
    merged_at: datetime
    files: list[FileOutcome] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)  # unit name → item codes
    backup: str | None = None
    written: bool = True  # False when no master existed and nothing was accepted: none is created

    def count(self, attribute: str) -> int:
        return sum(getattr(f, attribute) for f in self.files)

    @property
    def clean(self) -> bool:
        return all(f.status in (ACCEPTED, SKIPPED) for f in self.files) and not self.missing

    def to_dict(self, lang: str = "vi") -> dict:
        return {"master": self.master, "period": self.period, "dry_run": self.dry_run,
                "merged_at": self.merged_at.isoformat(), "clean": self.clean, "backup": self.backup,
                "added": self.count("added"), "changed": self.count("changed"),
                "unchanged": self.count("unchanged"), "superseded": self.count("superseded"),
                "older": self.count("older"), "rejected_rows": self.count("rejected_rows"),
                "files": [f.to_dict(lang) for f in self.files], "missing": self.missing, "written": self.written}


def fold_warnings(warnings: list[Problem], path: str) -> list[Problem]:
    """A file's warnings with those of a code past the first SAME_WARNINGS_SHOWN told in one MERGE_017 (how many, which
    cells): a unit whose keyboard writes decomposed text has a VAL_015 in nearly every cell, and a thousand such files
    would fill the console and the master's log with the same sentence. validate shows each one."""
    shown: list[Problem] = []
    rest: dict[str, list[Problem]] = {}  # by code, the warnings past those shown
    counts: dict[str, int] = {}
    for problem in warnings:
        counts[problem.code] = counts.get(problem.code, 0) + 1
        if counts[problem.code] <= SAME_WARNINGS_SHOWN:
            shown.append(problem)
        else:
            rest.setdefault(problem.code, []).append(problem)
    return shown + [_more(same, path) for same in rest.values()]


def _more(rest: list[Problem], path: str) -> Problem:
    cells = [p.cell for p in rest if p.cell]
    return Problem("MERGE_017", rest[0].sheet, value=str(len(rest)), params={
        "kind": rest[0].code, "path": path, "cells": ", ".join(cells[:10]) + (", …" if len(cells) > 10 else "")})


def log_rows(result: MergeResult) -> list[tuple]:
    """The rows a merge adds to the master's log (a Vietnamese document): each file, its reasons, what is missing."""
    at = result.merged_at.strftime("%d/%m/%Y %H:%M:%S")
    rows: list[tuple] = []
    for f in result.files:
        name = printable(f.name or Path(f.path).name)
        rows.append((at, name, f.sha256, LOG_LABELS[f.status], f.added, f.changed, f.unchanged, f.rejected_rows,
                     "", "", _superseded(f)))
        rows.extend((at, name, f.sha256, REASON_LABELS[p.severity], "", "", "", "", p.code, p.where(), p.message())
                    for p in f.problems)
    for unit, codes in result.missing.items():
        rows.append((at, "", "", "Còn thiếu", "", "", "", "", "", "", f"{unit} (kỳ {result.period}): {', '.join(codes)}"))
    if not result.count("added") and not result.count("changed"):
        rows.append((at, "", "", "Không có thay đổi", "", "", result.count("unchanged"), "", "", "",
                     "Không có dòng nào được thêm hay thay đổi trong lần gộp này."))
    return rows


def _superseded(f: FileOutcome) -> str:
    """The log's words for a file's rows kept only as history, those older than the master's said apart."""
    if not f.superseded:
        return ""
    text = f"{f.superseded} dòng bị thay bởi bản mới hơn"
    return text + (f", trong đó {f.older} dòng cũ hơn giá trị tệp tổng hợp đang có (chỉ ghi vào Lịch sử)"
                   if f.older else "")
