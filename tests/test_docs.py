"""README stays true: every command, option and error code it should name is there, and nothing else."""
from __future__ import annotations

import re
from pathlib import Path

import click

from cchc_excel.cli import main
from cchc_excel.model.messages import MESSAGES, WARNING

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    for name in main.commands:
        assert f"cchc-excel {name}" in README, name


def test_every_documented_command_and_option_exists():
    named = set(re.findall(r"cchc-excel ([a-z][a-z-]+)", README))
    assert named <= set(main.commands), named - set(main.commands)
    options = {opt for command in main.commands.values() for param in command.params
               if isinstance(param, click.Option) for opt in param.opts}
    written = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", README))
    scripts = Path(__file__).parent.parent / "scripts"  # the benchmarks' own options, named in "Hiệu năng"
    script_options = {opt for name in set(re.findall(r"scripts/(bench_\w+\.py)", README))
                      for opt in re.findall(r"[\"'](--[a-z][a-z-]+)[\"']", (scripts / name).read_text(encoding="utf-8"))}
    assert written <= options | script_options | {"--help", "--version"}, written - options - script_options


def test_every_option_of_every_command_is_documented():
    for command in main.commands.values():
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(f"`{opt}" in README or f" {opt} " in README for opt in param.opts), param.opts


def test_every_error_code_is_documented_with_its_severity():
    documented = dict(re.findall(r"\| `([A-Z]+_\d{3})` \| (lỗi|cảnh báo) \|", README))
    assert set(documented) == set(MESSAGES)
    assert {code for code, level in documented.items() if level == "cảnh báo"} == {code for code, m in MESSAGES.items() if m.severity == WARNING}


def test_readme_starts_with_the_two_commands_that_ci_runs():
    assert "python3 scripts/run_demo.py" in README and "python3 scripts/run_tests.py" in README
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 scripts/run_tests.py" in ci
