"""Problems in data are data: the Problem record, rendering from the message catalogue, FileReport."""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from .messages import ERROR, MESSAGES, PLAN_CHANGES, WARNING, Scope
from .text import printable

SUGGESTION = ("Có phải là: {names}?", "Did you mean: {names}?")


def render(code: str, lang: str = "vi", **params: object) -> str:
    """The message for a code in the given language ('vi' or 'en')."""
    names = params.get("suggestions")
    if isinstance(names, (tuple, list)):
        params["suggestions"] = (" " + SUGGESTION[lang == "en"].format(names=", ".join(names))) if names else ""
    changes = params.get("changes")
    if isinstance(changes, (tuple, list)):
        params["changes"] = changes_text(changes, lang)
    safe = {key: printable(value) if isinstance(value, str) else value for key, value in params.items()}
    return MESSAGES[code].text(lang).format(**safe)


def changes_text(changes, lang: str = "vi") -> str:
    """What one version of a plan differs in from another: (kind, what[, how many]) of model/plan_changes.py."""
    return "; ".join(PLAN_CHANGES[kind][lang == "en"].format(what=what, s="s" if n and n[0] > 1 else "")
                     for kind, what, *n in changes)


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

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"no message for the code {self.code!r}")

    @property
    def severity(self) -> str:
        return MESSAGES[self.code].severity

    @property
    def scope(self) -> Scope:
        return MESSAGES[self.code].scope

    def message(self, lang: str = "vi") -> str:
        return render(self.code, lang, value=_short(self.value), field=self.field, **self.params)

    def where(self) -> str:
        return f"'{self.sheet}'!{self.cell}" if self.cell else (f"'{self.sheet}'" if self.sheet else "")

    def located(self, lang: str = "vi") -> str:
        where = self.where()
        return f"[{self.code}] {where}: {self.message(lang)}" if where else f"[{self.code}] {self.message(lang)}"

    def to_dict(self, lang: str = "vi") -> dict:
        return {"code": self.code, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "row": self.row, "field": self.field, "value": printable(self.value), "message": self.message(lang)}


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass
class FileReport:
    """The outcome of checking one file: every problem found, errors and warnings counted."""

    file: str
    problems: list[Problem] = dc_field(default_factory=list)
    readable: bool = True  # False when the reader refused the file: nothing in it can be marked

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
        return {"file": printable(self.file), "valid": self.valid, "errors": self.errors, "warnings": self.warnings,
                "issues": [p.to_dict(lang) for p in self.problems]}
