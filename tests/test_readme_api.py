"""The public API: every name of __all__ exists, is typed, and README's Python example runs."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import cchc_excel as cx

ROOT = Path(__file__).parent.parent


def test_every_exported_name_exists_and_functions_are_annotated():
    for name in cx.__all__:
        value = getattr(cx, name)
        if inspect.isfunction(value):
            hints = inspect.signature(value)
            assert hints.return_annotation is not inspect.Signature.empty, name
    assert (ROOT / "cchc_excel" / "py.typed").exists()


def test_every_error_class_is_exported():
    errors = {n for n, v in vars(cx.model.errors).items() if inspect.isclass(v) and issubclass(v, Exception)
              and v.__module__ == "cchc_excel.model.errors"}
    assert errors <= set(cx.__all__)


def test_the_readme_python_example_runs(tmp_path, templates, monkeypatch):
    from conftest import fill, make_plan
    code = re.search(r"## Dùng từ Python\n\n```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "thu-muc-nhan").mkdir()
    make_plan(tmp_path / "phu-luc.xlsx", [[1, "Công khai TTHC", "Niêm yết đúng quy định", "Văn phòng Sở", "", "Năm 2021"]])
    fill(templates["DKKD"], tmp_path / "thu-muc-nhan" / "VP-2021-H1.xlsx", rows=range(5, 10))
    fill(templates["DKKD"], tmp_path / "VP-2021-H1.xlsx", rows=range(5, 10))
    exec(compile(code, "README.md", "exec"), {"print": lambda *a, **k: None})
    for name in ("ke-hoach.xlsx", "dung-chung.xlsx", "tong-hop.xlsx", "BAO-CAO.docx", "THEO-DOI.xlsx"):
        assert (tmp_path / name).exists(), name
