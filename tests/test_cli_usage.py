"""`cchc-excel --help` and each command's `--help`: click's own words said in Vietnamese, every option listed."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from cchc_excel.cli import main

# What click writes around a command's help when left to itself (click 8.x, untranslated gettext).
CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Positional arguments", "Show the version and exit",
                 "Show this message and exit", "[required]", "required", "default:", "[OPTIONS]", "COMMAND",
                 "[ARGS]", "TEXT", "FILE", "DIRECTORY", "PATH", "env var", "MASTER", "INBOXES", "SOURCE",
                 "APPENDIX")


def help_of(*command: str) -> str:
    result = CliRunner().invoke(main, [*command, "--help"], prog_name="cchc-excel")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", [[], *([name] for name in main.commands)], ids=lambda c: " ".join(c) or "group")
def test_help_says_clicks_words_in_vietnamese_and_lists_every_option(command):
    text = help_of(*command)
    assert text.startswith(f"Cách dùng: cchc-excel {' '.join(command)}".rstrip() + " [TÙY_CHỌN]"), text
    assert "\nTùy chọn:\n" in text and "Hiện hướng dẫn này rồi thoát." in text
    assert [word for word in CLICK_ENGLISH if word in text] == [], text
    target = main.commands[command[0]] if command else main
    for param in target.params:
        for name in param.opts if param.param_type_name == "option" else ():
            assert re.search(rf"(^|[ ,]){re.escape(name)}\b", text, re.M), (name, text)


def test_the_group_lists_its_commands_under_lenh_and_says_the_version_in_vietnamese():
    text = help_of()
    assert "\nLệnh:\n" in text and "Hiện phiên bản rồi thoát." in text
    assert all(re.search(rf"^  {name} ", text, re.M) for name in main.commands), text
    version = CliRunner().invoke(main, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("cchc-excel, phiên bản "), version.output


def test_required_defaults_and_kinds_of_value_are_said_in_vietnamese():
    text = help_of("report")
    assert re.search(r"--period KỲ\s+Kỳ báo cáo, ví dụ 2021-H1\.\s+\[bắt buộc\]", text), text
    assert re.search(r"-o, --output TỆP\s", text) and re.search(r"--lang \[vi\|en\]\s.*\[mặc định: vi\]", text)
    assert "cchc-excel report [TÙY_CHỌN] TỆP_TỔNG_HỢP" in text and "--date NGÀY" in text
    assert "-o, --output THƯ_MỤC" in help_of("split") and "--annotate THƯ_MỤC" in help_of("validate")


def test_the_docstrings_english_sentence_is_kept():
    assert "Follow up an administrative-reform remediation plan through Excel." in help_of()


def test_a_usage_error_in_english_keeps_the_english_usage_prefix(tmp_path):
    result = CliRunner().invoke(main, ["status", "--lang", "en"], prog_name="cchc-excel")
    assert result.exit_code == 2 and result.output.startswith("Usage: cchc-excel status [TÙY_CHỌN] TỆP_TỔNG_HỢP")
    assert "Error OPT_004: " in result.output
    result = CliRunner().invoke(main, ["status"], prog_name="cchc-excel")
    assert result.exit_code == 2 and result.output.startswith("Cách dùng: cchc-excel status") and "Usage" not in \
        result.output


def test_the_command_alone_shows_the_help_not_a_usage_error():
    result = CliRunner().invoke(main, [], prog_name="cchc-excel")
    assert result.output.startswith("Cách dùng: cchc-excel [TÙY_CHỌN] LỆNH") and "\nLệnh:\n" in result.output
    assert "OPT_004" not in result.output and "Lỗi" not in result.output, result.output
