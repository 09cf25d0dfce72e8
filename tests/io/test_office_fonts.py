"""Which font LibreOffice prints in place of Times New Roman, as the report command says it."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from cchc_excel.io import office
from cchc_excel.io.office import font_substitute

pytestmark = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig (fc-match) is not installed")


def installed(family: str) -> bool:
    return bool(subprocess.run(["fc-list", family], capture_output=True, text=True).stdout.strip())


def test_an_installed_family_has_no_substitute():
    if not installed("Liberation Serif"):
        pytest.skip("fonts-liberation is not installed")
    assert font_substitute("Liberation Serif") is None


def test_a_missing_times_new_roman_is_named_with_its_substitute():
    if installed("Times New Roman"):
        pytest.skip("Times New Roman is installed here")
    assert font_substitute() == subprocess.run(["fc-match", "-f", "%{family[0]}", "Times New Roman"],
                                               capture_output=True, text=True).stdout.strip()


def test_without_fontconfig_nothing_is_claimed(monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    assert font_substitute() is None
