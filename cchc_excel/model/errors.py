"""Failures of the tool: one base class, subclasses by cause, mixed with the matching built-in."""
from __future__ import annotations

from .problems import Problem, render


class CchcExcelError(Exception):
    """Base of every error cchc_excel raises on purpose. str() is the Vietnamese message."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("vi"))

    def message(self, lang: str = "vi") -> str:
        return render(self.code, lang, **self.params)

    def __reduce__(self):
        """Rebuilt from its code and parameters (an error raised in a worker process reaches the parent whole)."""
        return (_rebuild, (type(self), self.code, self.params))


def _rebuild(cls: type[CchcExcelError], code: str, params: dict[str, object]) -> CchcExcelError:
    error = cls.__new__(cls)
    CchcExcelError.__init__(error, code, **params)
    return error


class WorkbookReadError(CchcExcelError, OSError):
    """A file could not be opened as a workbook (missing, not a zip, encrypted, corrupt, ...)."""


class OutputExistsError(CchcExcelError, FileExistsError):
    """Refusing to overwrite a file the user did not ask to replace."""


class WriteError(CchcExcelError, OSError):
    """A file could not be written (full disk, read-only file or folder); the old file and its backup stay."""


class OptionError(CchcExcelError, ValueError):
    """A bad value for an option such as a period code or a date."""


class PlanError(CchcExcelError, ValueError):
    """A plan workbook that cannot be understood; carries every problem found, not only the first."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        Exception.__init__(self, self.message("vi"))
        self.code = problems[0].code if problems else ""
        self.params = {}

    def __reduce__(self):
        return (type(self), (self.path, list(self.problems)))

    def message(self, lang: str = "vi") -> str:
        head = (f"Không đọc được kế hoạch {self.path} ({len(self.problems)} lỗi):" if lang != "en"
                else f"Cannot read the plan {self.path} ({len(self.problems)} problems):")
        return "\n".join([head] + ["  " + p.located(lang) for p in self.problems])


class MergeError(CchcExcelError, RuntimeError):
    """The merge could not run (master open in Excel, an inbox that does not exist, ...)."""


class ReportError(CchcExcelError, ValueError):
    """The report cannot be made (no data for the period, ...)."""


class OfficeError(CchcExcelError, RuntimeError):
    """LibreOffice is missing or failed to convert a file."""


class MasterError(CchcExcelError, ValueError):
    """The master workbook was edited or damaged where the tool keeps its own data."""
