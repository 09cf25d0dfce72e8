"""Fill workbooks in LibreOffice Calc as staff would type, through its UNO API; run by the system Python.

Usage: /usr/bin/python3 tests/uno_fill.py JOB.json RESULT.json

The project's virtual environment cannot import uno (it comes with LibreOffice's Python bindings), so the
tests run this script as a subprocess. One headless soffice, with a throwaway profile and a named pipe, serves
every case of the job. Each case sets the locale LibreOffice reads input with (Tools > Options > Language
Settings > Locale setting), opens a copy, types each value into its cell the way the keyboard does (the
dispatcher's GoToCell then EnterString: the cell input path, with the cell's number format and the locale's
parsing, not XCell.setString), optionally inserts hyperlinks and saves it as .xlsx or .ods (Calc 7.4 headless
dies closing a typed document it stored as .ods, or loading the next one: that soffice is then retired and a
new one serves the next case). The result tells, for each typed cell, what Calc made of it (TEXT, VALUE, FORMULA) and the text it
displays, and the validation rules as Calc imported them.

Job: {"cases": [{"source", "locale", "general": [refs formatted General first, as in an older template],
"ops": [["unprotect"], ["delete_row", n]], "typed": {ref: text}, "links": {ref: [text, url]}, "validations": [refs],
"save": .xlsx or .ods path}],
"formulas": [{"locale", "texts": [...], "formulas": [...]}], "heights": [{"path", "sheets": [...]}]}.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import DisposedException

SHEET = "Tiến độ"
XLSX, ODS = "Calc MS Excel 2007 XML", "calc8"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Office:
    def __init__(self):
        self.dead = False
        self.profile = tempfile.mkdtemp(prefix="cchc-uno-")
        self.pipe = f"cchc_uno_{os.getpid()}"
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             f"-env:UserInstallation=file://{self.profile}", f"--accept=pipe,name={self.pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                if self.proc.poll() is not None:
                    raise RuntimeError("soffice exited")
                time.sleep(0.1)
        else:
            raise RuntimeError("soffice did not answer")
        smgr = self.ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.ctx)
        self.config = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.ctx)

    def set_locale(self, locale):
        if getattr(self, "locale", None) == locale:
            return
        self.locale = locale
        access = self.config.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.Setup/L10N"),))
        access.setPropertyValue("ooSetupSystemLocale", locale)
        access.commitChanges()

    def open(self, url):
        for _ in range(50):
            doc = self.desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            if doc is not None:
                return doc
            time.sleep(0.1)
        raise RuntimeError(f"could not open {url}")

    def type_into(self, doc, ref, text):
        frame = doc.getCurrentController().getFrame()
        self.dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, (prop("ToPoint", ref),))
        self.dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", text),))

    def close_document(self, doc):
        """Close a document; Calc 7.4 headless now and then dies doing so after a store (the stored file is
        complete by then): the next piece of work then starts soffice again."""
        try:
            doc.close(True)
        except DisposedException:
            self.dead = True

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes away as soffice quits
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def fill(office, case):
    office.set_locale(case["locale"])
    _remove_locks(case)  # a lock file left by a soffice that died would stop the file from opening
    doc = office.open(uno.systemPathToFileUrl(case["source"]))
    try:
        sheet = doc.Sheets.getByName(SHEET)
        doc.getCurrentController().setActiveSheet(sheet)
        for op in case.get("ops", []):  # ["unprotect"] (no password), ["delete_row", n]: what a unit may do first
            if op[0] == "unprotect":
                sheet.unprotect("")
            elif op[0] == "delete_row":
                sheet.Rows.removeByIndex(op[1] - 1, 1)
        for ref in case.get("general", []):
            sheet.getCellRangeByName(ref).NumberFormat = 0  # General, as in an older template
        cells = {}
        for ref, text in case["typed"].items():
            office.type_into(doc, ref, text)
        for ref, (text, url) in case.get("links", {}).items():
            cell = sheet.getCellRangeByName(ref)
            cell.setString("")
            field = doc.createInstance("com.sun.star.text.TextField.URL")
            field.URL, field.Representation = url, text
            cell.insertTextContent(cell.createTextCursor(), field, False)
        for ref in list(case["typed"]) + list(case.get("links", {})):
            cell = sheet.getCellRangeByName(ref)
            cells[ref] = [cell.getType().value, cell.getString()]
        for ref in case.get("validations", []):  # the rule as Calc imported it
            rule = sheet.getCellRangeByName(ref).Validation
            cells["validation " + ref] = [rule.Type.value, rule.getFormula1()]
        ods = case["save"].endswith(".ods")
        doc.storeToURL(uno.systemPathToFileUrl(case["save"]), (prop("FilterName", ODS if ods else XLSX),))
    except BaseException:
        office.close_document(doc)
        raise
    if ods:  # Calc 7.4 headless dies closing (or loading after) a typed document it stored as .ods: retire it
        office.dead = True
    else:
        office.close_document(doc)
    return cells


def evaluate(office, job):
    """The value of each formula over its text in column A of a new sheet, in the given locale."""
    office.set_locale(job["locale"])
    doc = office.open("private:factory/scalc")
    try:
        sheet = doc.Sheets.getByIndex(0)
        results = []
        for row, (text, formula) in enumerate(zip(job["texts"], job["formulas"]), start=1):
            sheet.getCellRangeByName(f"A{row}").setString(text)
            cell = sheet.getCellRangeByName(f"B{row}")
            cell.setFormula(formula.replace(",", ";"))  # Calc's own syntax: ';' between arguments
            results.append([cell.getType().value, cell.getValue(), cell.getString()])
        return results
    finally:
        doc.close(True)


def heights(office, job):
    """Rows whose height is less than Calc's own optimal height for their text: [sheet, row, ours, optimal]
    in 1/100 mm (a tolerance of 0.2 mm)."""
    _remove_locks({"source": job["path"]})
    doc = office.open(uno.systemPathToFileUrl(job["path"]))
    short = []
    try:
        for name in job["sheets"]:
            sheet = doc.Sheets.getByName(name)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            rows = sheet.getRows()
            for index in range(cursor.getRangeAddress().EndRow + 1):
                row = rows.getByIndex(index)
                ours = row.Height
                row.OptimalHeight = True
                if row.Height > ours + 20:
                    short.append([name, index + 1, ours, row.Height])
    finally:
        office.close_document(doc)
    return short


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    office = Office()
    try:
        cases, formulas = [], []
        for case in job.get("cases", []):
            cells, office = _with_restarts(office, fill, case)
            cases.append(cells)
        for rule in job.get("formulas", []):
            values, office = _with_restarts(office, evaluate, rule)
            formulas.append(values)
        short = []
        for measure in job.get("heights", []):
            rows, office = _with_restarts(office, heights, measure)
            short.append(rows)
    finally:
        office.close()
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump({"cases": cases, "formulas": formulas, "heights": short}, handle, ensure_ascii=False)


def _with_restarts(office, work, case, attempts=3):
    """Do a piece of work, starting soffice again when it has died (see Office.close_document)."""
    for attempt in range(attempts):
        if office.dead:
            office.close()
            office = Office()
        try:
            return work(office, case), office
        except DisposedException:
            office.dead = True
            if attempt == attempts - 1:
                raise


def _remove_locks(case):
    for path in (case.get("source"), case.get("save")):
        if path:
            folder, name = os.path.split(path)
            lock = os.path.join(folder, f".~lock.{name}#")
            if os.path.exists(lock):
                os.unlink(lock)


if __name__ == "__main__":
    main()
