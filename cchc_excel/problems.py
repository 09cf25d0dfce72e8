"""Problems in data are data: the Problem record, rendering from the message catalogue, FileReport."""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from .messages import MESSAGES, WARNINGS

ERROR = "error"
WARNING = "warning"

SUGGESTION = ("Có phải là: {names}?", "Did you mean: {names}?")


def render(code: str, lang: str = "vi", **params: object) -> str:
    """The message for a code in the given language ('vi' or 'en')."""
    vi, en = MESSAGES[code]
    names = params.get("suggestions")
    if isinstance(names, (tuple, list)):
        params["suggestions"] = (" " + SUGGESTION[lang == "en"].format(names=", ".join(names))) if names else ""
    return (en if lang == "en" else vi).format(**params)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as the user sees it in Excel (row numbers as shown there)."""

    code: str
    sheet: str = ""
    cell: str = ""
    value: str = ""
    params: dict = dc_field(default_factory=dict, compare=False, hash=False)
    row: int | None = None
    field: str = ""

    @property
    def severity(self) -> str:
        return WARNING if self.code in WARNINGS else ERROR

    def message(self, lang: str = "vi") -> str:
        return render(self.code, lang, value=_short(self.value), field=self.field, **self.params)

    def where(self) -> str:
        return f"'{self.sheet}'!{self.cell}" if self.cell else (f"'{self.sheet}'" if self.sheet else "")

    def located(self, lang: str = "vi") -> str:
        where = self.where()
        return f"[{self.code}] {where}: {self.message(lang)}" if where else f"[{self.code}] {self.message(lang)}"

    def to_dict(self, lang: str = "vi") -> dict:
        return {"code": self.code, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "row": self.row, "field": self.field, "value": self.value, "message": self.message(lang)}


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass
class FileReport:
    """The outcome of checking one file: every problem found, errors and warnings counted."""

    file: str
    problems: list[Problem] = dc_field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    @property
    def valid(self) -> bool:
        return self.errors == 0

    def to_dict(self, lang: str = "vi") -> dict:
        return {"file": self.file, "valid": self.valid, "errors": self.errors, "warnings": self.warnings,
                "issues": [p.to_dict(lang) for p in self.problems]}


LABELS = {"vi": {ERROR: "Lỗi", WARNING: "Cảnh báo"}, "en": {ERROR: "Error", WARNING: "Warning"}}


def format_reports(reports: list[FileReport], lang: str = "vi") -> str:
    """A table a person reads at a glance, grouped by file."""
    en = lang == "en"
    lines = []
    for report in reports:
        if report.valid and not report.problems:
            lines.append(f"{report.file}: {'valid' if en else 'hợp lệ'}")
            continue
        counts = (f"{report.errors} errors, {report.warnings} warnings" if en
                  else f"{report.errors} lỗi, {report.warnings} cảnh báo")
        lines.append(f"{report.file}: {counts}")
        for problem in report.problems:
            label = LABELS[lang if en else "vi"][problem.severity]
            lines.append(f"  {label:<9} {problem.where() or '-':<22} {problem.field or '-':<20} "
                         f"{problem.code:<10} {problem.message(lang)}")
    bad = sum(not r.valid for r in reports)
    lines.append(f"Total: {len(reports)} files, {bad} with errors." if en
                 else f"Tổng: {len(reports)} tệp, {bad} tệp có lỗi.")
    return "\n".join(lines)
