"""Click's usage errors (a missing argument, an unknown option, a folder where a file was asked...; exit 2) said
as the tool's own errors are: coded (OPT_004), in Vietnamese unless `--lang en` is on the command line; and
click's own words around the help text (`--help`: headings, the usage line, the help option, `[bắt buộc]`,
`[mặc định: vi]`, the kinds of values) in Vietnamese.

Click words them in English through gettext, which a program cannot point at its own catalogue without
compiled .mo files; so each error is said again from what the exception carries (the parameter, its kind, the
option's name) and, for the reasons click's types give (a path that is a file, a value not among the choices),
from their English wording; a reason not recognised is kept in English rather than guessed.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import partial

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


_HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Positional arguments": "Đối số"}
_METAVARS = {"TEXT": "GIÁ_TRỊ", "FILE": "TỆP", "DIRECTORY": "THƯ_MỤC", "PATH": "ĐƯỜNG_DẪN"}
USAGE_VI, USAGE_EN = "Cách dùng:", "Usage:"
HELP_TEXT = "Hiện hướng dẫn này rồi thoát."
VERSION_TEXT, VERSION_MESSAGE = "Hiện phiên bản rồi thoát.", "%(prog)s, phiên bản %(version)s"


class VietnameseHelpFormatter(click.HelpFormatter):
    """Click's formatter with the usage prefix and the section headings in Vietnamese.

    The headings reach the formatter already worded (through gettext, untranslated: click ships no catalogue);
    a heading not known here is written as it comes.
    """

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{USAGE_VI} " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class LocalisedContext(click.Context):
    formatter_class = VietnameseHelpFormatter


class LocalisedOption(click.Option):
    """An option whose help line says `[mặc định: vi]`, `[bắt buộc]` and the kind of value (TỆP...) in Vietnamese."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)  # for the option's names and value; its English extras are left
        if record is None:
            return None
        extra = self.get_help_extra(ctx)
        words = ([f"mặc định: {extra['default']}"] if "default" in extra else []) + \
            (["bắt buộc"] if "required" in extra else [])
        help_text = self.help or ""
        return record[0], f"{help_text}  [{'; '.join(words)}]".lstrip() if words else help_text

    def make_metavar(self, ctx: click.Context) -> str:
        metavar = super().make_metavar(ctx)
        return _METAVARS.get(metavar, metavar)


option = partial(click.option, cls=LocalisedOption)


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
            click.echo(usage.replace(USAGE_VI, USAGE_EN, 1) if self.lang == "en" else usage, file=file, err=True)
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
    except (UsageFailed, click.exceptions.NoArgsIsHelpError):  # the latter: the help, for `cchc-excel` alone
        raise
    except click.UsageError as err:
        if err.ctx is None:
            err.ctx = ctx
        raise UsageFailed(err, lang) from err


class _Localised(click.Command):
    """Usage errors are UsageFailed; the help is worded in Vietnamese (LocalisedContext's formatter)."""

    context_class = LocalisedContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with _localised(ctx, args):
            return super().parse_args(ctx, args)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        help_option = super().get_help_option(ctx)
        if help_option is not None:
            help_option.help = HELP_TEXT
        return help_option


class LocalisedCommand(_Localised):
    """A command of the tool."""


class LocalisedGroup(_Localised, click.Group):
    """The group: its own usage errors (no such command) and its commands' are UsageFailed."""

    command_class = LocalisedCommand

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "LỆNH [ĐỐI_SỐ]...")
        super().__init__(*args, **kwargs)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        with _localised(ctx, args):
            return super().resolve_command(ctx, args)
