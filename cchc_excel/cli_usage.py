"""Click's usage errors (a missing argument, an unknown option, a folder where a file was asked...; exit 2) said
as the tool's own errors are: coded (OPT_004), in Vietnamese unless `--lang en` is on the command line.

Click words them in English through gettext, which a program cannot point at its own catalogue without
compiled .mo files; so each error is said again from what the exception carries (the parameter, its kind, the
option's name) and, for the reasons click's types give (a path that is a file, a value not among the choices),
from their English wording; a reason not recognised is kept in English rather than guessed.
"""
from __future__ import annotations

import re
from contextlib import contextmanager

import click

from .model.problems import render
from .render import say

_KINDS = {"file": "tệp", "directory": "thư mục", "path": "đường dẫn"}
_PATH = re.compile(r"^(File|Directory|Path) ('.*') (does not exist|is a file|is a directory|is not readable|"
                   r"is not writable|is not executable)\.$", re.S)
_PATH_VI = {"does not exist": "{kind} {name} không có.", "is a file": "{name} là một tệp, không phải thư mục.",
            "is a directory": "{name} là một thư mục, không phải tệp.", "is not readable": "Không đọc được {kind} {name}.",
            "is not writable": "Không ghi được vào {kind} {name}.", "is not executable": "Không chạy được {kind} {name}."}
_CHOICE = re.compile(r"^('.*') is not (?:one of )?(.*)\.$", re.S)
_OTHERS = ((re.compile(r"^No such command ('.*')\.$"), "Không có lệnh {0}."),
           (re.compile(r"^Got unexpected extra arguments? \((.*)\)$", re.S), "Thừa đối số: {0}."),
           (re.compile(r"^Missing command\.$"), "Thiếu tên lệnh (init, validate, merge-submissions, status, report...)."))


def usage_language(args) -> str:
    """'en' when the command line asks for English (`--lang en`, `--lang=en`), else 'vi'."""
    args = list(args)
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return "en" if args[index + 1] == "en" else "vi"
        if arg.startswith("--lang="):
            return "en" if arg == "--lang=en" else "vi"
    return "vi"


class UsageFailed(click.UsageError):
    """A usage error of click, shown as `Lỗi OPT_004: <why> <how to see the usage>` with the command's usage line."""

    def __init__(self, error: click.UsageError, lang: str) -> None:
        super().__init__(error.format_message(), error.ctx)
        self.error, self.lang = error, lang

    def show(self, file=None) -> None:
        command = self.ctx.command_path if self.ctx else "cchc-excel"
        detail = self.message if self.lang == "en" else vietnamese(self.error)
        detail = detail if detail.endswith((".", "?")) else detail + "."
        if self.ctx is not None:
            usage = self.ctx.get_usage()
            click.echo(usage if self.lang == "en" else re.sub(r"^Usage:", "Cách dùng:", usage), file=file, err=True)
        message = render("OPT_004", self.lang, detail=detail, command=command)
        click.echo(f"{say('error', self.lang)} OPT_004: {message}", file=file, err=True)


def vietnamese(error: click.UsageError) -> str:
    """What went wrong, in Vietnamese, from the exception (its English words where they are not recognised)."""
    if isinstance(error, click.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param else "")
        return f"Thiếu {'đối số' if kind == 'argument' else 'tùy chọn'} {_hint(error)}.".replace("  ", " ")
    if isinstance(error, click.NoSuchOption):
        also = f" Có phải là: {', '.join(sorted(error.possibilities))}?" if error.possibilities else ""
        return f"Không có tùy chọn '{error.option_name}'.{also}"
    if isinstance(error, click.BadOptionUsage) and "requires an argument" in error.message:
        return f"Tùy chọn '{error.option_name}' cần một giá trị."
    if isinstance(error, click.BadParameter):
        hint = _hint(error)
        return f"Giá trị không hợp lệ cho {hint}: {_reason(error.message)}" if hint else _reason(error.message)
    for pattern, text in _OTHERS:
        found = pattern.match(error.message)
        if found:
            return text.format(*found.groups())
    return error.message


def _hint(error: click.BadParameter) -> str:
    if error.param_hint is not None:
        hint = error.param_hint
        return " / ".join(f"'{h}'" for h in hint) if isinstance(hint, (list, tuple)) else str(hint)
    return error.param.get_error_hint(error.ctx) if error.param is not None else ""


def _reason(message: str) -> str:
    found = _PATH.match(message)
    if found:
        kind, name, what = found.groups()
        return _PATH_VI[what].format(kind=_KINDS[kind.lower()], name=name)
    found = _CHOICE.match(message)
    if found:
        return f"{found.group(1)} không phải một trong: {found.group(2)}."
    return message


@contextmanager
def _localised(ctx: click.Context, args: list[str]):
    lang = usage_language(args)  # before click's parser, which consumes the list
    try:
        yield
    except UsageFailed:
        raise
    except click.UsageError as err:
        if err.ctx is None:
            err.ctx = ctx
        raise UsageFailed(err, lang) from err


class LocalisedCommand(click.Command):
    """A command whose usage errors are UsageFailed."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with _localised(ctx, args):
            return super().parse_args(ctx, args)


class LocalisedGroup(click.Group):
    """The group: its own usage errors (no such command) and its commands' are UsageFailed."""

    command_class = LocalisedCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with _localised(ctx, args):
            return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        with _localised(ctx, args):
            return super().resolve_command(ctx, args)
