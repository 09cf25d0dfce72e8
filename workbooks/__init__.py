"""Shipped workbooks (the built-in plan), installed as the package data cchc_excel.workbooks."""
