"""The `cchc-excel` command: each command parses options, makes one library call, renders, exits.

Exit codes: 0 done and clean, 1 problems found in the inputs, 2 could not run.
Library modules are imported inside the commands so that --help stays instant (no pandas).
"""
from __future__ import annotations

import functools

import click

from .cli_usage import VERSION_MESSAGE, VERSION_TEXT, LocalisedGroup, option
from .render import say

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2


class CommandFailed(click.ClickException):
    """A library error shown as its message in the chosen language; exit code 2."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, lang: str = "vi", code: str = "") -> None:
        super().__init__(message)
        self.lang, self.code = lang, code

    def show(self, file=None) -> None:
        """`Lỗi READ_002: ...`: the code, as the README's table and the validation reports give it, then why."""
        click.echo(f"{say('error', self.lang)}{' ' + self.code if self.code else ''}: {self.message}", file=file,
                   err=True)


def lang_option(command):
    @option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
            help="Ngôn ngữ thông báo / message language.")
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from .model.errors import CchcExcelError, PlanError

        try:
            return command(*args, **kwargs)
        except CchcExcelError as err:
            lang = kwargs.get("lang", "vi")  # a plan's problems are listed each with its own code
            raise CommandFailed(err.message(lang), lang, "" if isinstance(err, PlanError) else err.code) from err

    return wrapper


def _date_option(value: str | None):
    from .model.errors import OptionError
    from .model.text import parse_vn_date

    if value is None:
        return None
    day = parse_vn_date(value)
    if day is None:
        raise OptionError("OPT_002", value=value)
    return day


@click.group(cls=LocalisedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cchc_excel", prog_name="cchc-excel", message=VERSION_MESSAGE, help=VERSION_TEXT)
def main() -> None:
    """Theo dõi kế hoạch khắc phục hạn chế sau chấm điểm cải cách hành chính bằng Excel.

    Follow up an administrative-reform remediation plan through Excel.
    """


def plan_option(command, help_text="Tệp kế hoạch của cơ quan (.xlsx); bỏ trống: Kế hoạch mẫu 707/KH-SKHĐT có sẵn."):
    return option("--plan", "plan_path", type=click.Path(dir_okay=False), help=help_text)(command)


def _load_plan(plan_path):
    from .io.builtin import builtin_plan
    from .io.plan_reader import load_plan

    return load_plan(plan_path) if plan_path else builtin_plan()


@main.command()
@plan_option
@option("--period", metavar="KỲ", help="Kỳ báo cáo: 2021-Q1, 2021-H1, 2021-Q3, 2021-Y; bỏ trống: kỳ của hôm nay.")
@option("--deadline", metavar="NGÀY",
        help="Hạn đơn vị gửi về Văn phòng, dd/mm/yyyy; bỏ trống: ngày sau hạn chốt số liệu.")
@option("-o", "--output", required=True, type=click.Path(dir_okay=False),
        help="Tệp dùng chung sẽ tạo (.xlsx).")
@option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@lang_option
def init(plan_path, period, deadline, output, force, lang):
    """Tạo tệp dùng chung (Hướng dẫn, Kế hoạch, Tiến độ, Đơn vị) từ kế hoạch."""
    from datetime import date

    from .model.periods import parse_period, period_for
    from .model.status import period_deadline_warnings
    from .model.summary import criterion_key
    from .io.files import require_period, write_shared_workbook
    from .render import describe_warnings

    chosen = parse_period(period) if period else period_for(date.today())
    plan = _load_plan(plan_path)
    require_period(plan, chosen)  # OPT_006: a year before the plan (the library writes any period it is given)
    written = write_shared_workbook(plan, chosen, output, deadline=_date_option(deadline), overwrite=force)
    criteria = {criterion_key(item, plan.has_criteria) for item in plan.items}  # tasks 2a, 2b: one criterion
    click.echo(say("init_done", lang, path=written, items=len(criteria), rows=len(plan.entry_rows()),
                   period=chosen.label(lang)))
    for warning in plan.warnings:  # e.g. a timeframe with no readable due date (PLAN_013)
        click.echo(f"  {warning.located(lang)}")
    for line in describe_warnings(period_deadline_warnings(plan.facts, chosen, _date_option(deadline)), lang):
        click.echo(line)


@main.command("plan")
@click.argument("appendix", type=click.Path(dir_okay=False), metavar="TỆP_PHỤ_LỤC")
@option("-o", "--output", required=True, type=click.Path(dir_okay=False),
        help="Tệp kế hoạch sẽ tạo (.xlsx): Phụ lục, Thông tin, Đơn vị.")
@option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@lang_option
def plan_command(appendix, output, force, lang):
    """Tạo tệp kế hoạch từ phụ lục của cơ quan; in ra những gì Văn phòng còn phải điền."""
    from .draft import draft_plan
    from .render import describe_draft

    draft = draft_plan(appendix, output, overwrite=force)
    click.echo(describe_draft(draft, output, lang))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(),  # a folder or missing file: its own problem
                metavar="TỆP...")
@functools.partial(plan_option, help_text="Tệp kế hoạch để đối chiếu; bỏ trống: kế hoạch mà chính tệp mang theo.")
@option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho máy đọc).")
@option("--annotate", type=click.Path(file_okay=False),
        help="Ghi bản sao có tô màu và chú thích ô lỗi vào thư mục này (không sửa tệp gốc).")
@lang_option
def validate(files, plan_path, as_json, annotate, lang):
    """Kiểm tra tệp đơn vị gửi về; liệt kê mọi lỗi theo ô. Mã thoát 0: không lỗi, 1: có lỗi."""
    import json

    from .model.text import printable
    from .render import format_reports
    from .validate import validate as check
    from .validate import validate_annotated

    plan = _load_plan(plan_path) if plan_path else None  # none: each file's own plan
    checked = validate_annotated(files, plan, annotate, lang=lang) if annotate else \
        [(report, None) for report in check(files, plan)]
    reports, written = [r for r, _ in checked], [path for _, path in checked if path]
    if as_json:
        click.echo(json.dumps([r.to_dict(lang) for r in reports], ensure_ascii=False, indent=2))
    else:
        click.echo(format_reports(reports, lang))
        for path in written:
            click.echo(say("annotated", lang, path=printable(str(path))))
    raise SystemExit(EXIT_OK if all(r.valid for r in reports) else EXIT_PROBLEMS)


@main.command()
@click.argument("source", type=click.Path(dir_okay=False), metavar="TỆP_NGUỒN")
@option("--period", metavar="KỲ", required=True, help="Kỳ báo cáo của các bản sao, ví dụ 2021-Q3.")
@option("--deadline", metavar="NGÀY", help="Hạn đơn vị gửi về Văn phòng, dd/mm/yyyy.")
@option("-o", "--output", required=True, type=click.Path(file_okay=False), help="Thư mục ghi các bản sao.")
@option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@option("--plan", "plan_path", type=click.Path(dir_okay=False),
        help="Bản kế hoạch đã sửa (.xlsx): bản sao theo bản này, điền sẵn số liệu của tệp nguồn.")
@lang_option
def split(source, period, deadline, output, force, plan_path, lang):
    """Tạo bản sao cho từng đơn vị (chỉ các dòng của đơn vị) từ tệp dùng chung hoặc tệp tổng hợp."""
    from .model.periods import parse_period
    from .render import describe_carried, describe_warnings
    from .split import split_copies

    result = split_copies(source, parse_period(period), output, deadline=_date_option(deadline), overwrite=force,
                          plan=_load_plan(plan_path) if plan_path else None)
    click.echo(say("split_done", lang, n=len(result.paths), folder=output))
    for path in result.paths:
        click.echo(f"  {path.name}")
    for line in describe_carried(result.carried, lang) + describe_warnings(result.warnings, lang):
        click.echo(line)


@main.command("merge-submissions")
@click.argument("inboxes", nargs=-1, required=True, type=click.Path(), metavar="THƯ_MỤC_HOẶC_TỆP...")
@option("--master", required=True, type=click.Path(dir_okay=False), help="Tệp tổng hợp của Văn phòng.")
@option("--period", metavar="KỲ", help="Chỉ nhận tệp của kỳ này, ví dụ 2021-H1.")
@option("--strict", is_flag=True, help="Tệp có bất kỳ lỗi nào bị từ chối cả tệp.")
@option("--dry-run", is_flag=True, help="Chạy thử: báo kết quả nhưng không ghi tệp tổng hợp.")
@option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@plan_option
@lang_option
def merge_submissions(inboxes, master, period, strict, dry_run, as_json, plan_path, lang):
    """Gộp các tệp đơn vị gửi về (thư mục hoặc tệp) vào tệp tổng hợp. Mã thoát 1: có tệp bị từ chối hoặc còn thiếu."""
    import json
    import sys

    from .merge import collect_inbox
    from .render import describe
    from .merge import merge_submissions as merge
    from .model.periods import parse_period
    from .io.inbox import require_inboxes

    files: list = []
    if sys.stdout.isatty() and not as_json:  # the inbox is listed twice only for a progress bar
        files, _ = collect_inbox(inboxes, master)
    else:
        require_inboxes(inboxes)  # the same refusal, before the master's lock, as when it is listed
    show_bar = len(files) > 5
    with click.progressbar(length=len(files), label=say("reading_files", lang),
                           hidden=not show_bar) as bar:
        result = merge(inboxes, master, period=parse_period(period) if period else None, strict=strict,
                       dry_run=dry_run, plan=_load_plan(plan_path) if plan_path else None,
                       progress=lambda _: bar.update(1))
    click.echo(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) if as_json else describe(result, lang))
    raise SystemExit(EXIT_OK if result.clean else EXIT_PROBLEMS)


@main.command()
@click.argument("master", type=click.Path(dir_okay=False), metavar="TỆP_TỔNG_HỢP")
@option("--period", metavar="KỲ", required=True, help="Kỳ báo cáo, ví dụ 2021-H1.")
@option("--as-of", "as_of", metavar="NGÀY", help="Ngày xét quá hạn, dd/mm/yyyy; bỏ trống: hôm nay.")
@option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@lang_option
def status(master, period, as_of, as_json, lang):
    """Đơn vị nào đã/chưa báo cáo, số dòng theo tình trạng, dòng quá hạn (tính đến ngày --as-of)."""
    import json

    from .model.periods import parse_period
    from .render import describe_status
    from .status import master_status

    report = master_status(master, parse_period(period), _date_option(as_of))
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if as_json else describe_status(report, lang))


@main.command()
@click.argument("master", type=click.Path(dir_okay=False), metavar="TỆP_TỔNG_HỢP")
@option("--period", metavar="KỲ", required=True, help="Kỳ báo cáo, ví dụ 2021-H1.")
@option("-o", "--output", required=True, type=click.Path(dir_okay=False),
        help="Báo cáo sẽ tạo: BAO-CAO.docx (kèm BAO-CAO-phu-luc.xlsx bên cạnh) hoặc chỉ phụ lục .xlsx.")
@option("--follow-up", "follow_up", type=click.Path(dir_okay=False),
        help="Tệp theo dõi nội bộ của Văn phòng (.xlsx): đơn vị, nhiệm vụ chưa báo cáo, quá hạn; không gửi đi.")
@option("--number", default="",
        help="Số, ký hiệu của báo cáo theo ký hiệu của cơ quan, ví dụ 12/BC-UBND; bỏ trống để văn thư ghi.")
@option("--date", "report_date", metavar="NGÀY",
        help="Ngày báo cáo, dd/mm/yyyy; mọi số liệu tính đến ngày này. Bỏ trống: hôm nay.")
@option("--signer", default="", help="Họ tên người ký, nếu khác người ký trong tệp kế hoạch.")
@option("--due", metavar="NGÀY",
        help="Hạn báo cáo Sở Nội vụ, dd/mm/yyyy; bỏ trống: ngày ghi trong tệp kế hoạch, không có thì ngày 20 tháng cuối kỳ.")
@option("--pdf", is_flag=True, help="Xuất thêm PDF của báo cáo và phụ lục bằng LibreOffice.")
@option("--force", is_flag=True, help="Ghi đè tệp đã có.")
@lang_option
def report(master, period, output, follow_up, number, report_date, signer, due, pdf, force, lang):
    """Lập báo cáo gửi Sở Nội vụ (thể thức Nghị định 30/2020/NĐ-CP) và phụ lục từ tệp tổng hợp."""
    from .io.office import font_substitute
    from .model.periods import parse_period
    from .render import describe_pdf, describe_report
    from .report import ReportOptions, write_report

    options = ReportOptions(number=number, day=_date_option(report_date), signer=signer, due=_date_option(due))
    files = write_report(master, parse_period(period), output, options, followup=follow_up, overwrite=force, pdf=pdf)
    click.echo(describe_report(files, lang))
    substitute = font_substitute() if files.pdfs else None
    for path in files.pdfs:
        click.echo(describe_pdf(path, substitute, lang))
