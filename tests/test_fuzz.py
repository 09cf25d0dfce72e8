"""Seeded fuzzing: a few hundred damaged copies of a real submission (bit flips, truncations, XML edits).

Every one must end as a coded result: no traceback, no abort, an exit code of 0, 1 or 2, and each file
read in bounded time (a guard against hangs, not a speed target: that is scripts/bench_validate.py).
"""
from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import warnings
import zipfile

from conftest import fill

SEED, MUTANTS = 20261127, 300
FAR_REFS = ("XFD1048576", "AAAAAAAAAA1", "A99999999999", "XFD3000", "g7", "AMK5")
XML_EDITS = (
    lambda xml, rnd: re.sub(rb'r="[A-Z]+\d+"', lambda m: b'r="%s"' % rnd.choice(FAR_REFS).encode(), xml, count=1),
    lambda xml, rnd: xml.replace(b"<v>", b"<f>1+1</f><v>", 1),
    lambda xml, rnd: xml.replace(b"</v>", b"</v><v>2</v>", 1),
    lambda xml, rnd: xml.replace(b"<v>", b"<v>NaN", 1),
    lambda xml, rnd: xml.replace(b"</t>", b"</t><t>x</t>", 1),
    lambda xml, rnd: xml.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "e">]>', 1),
    lambda xml, rnd: re.sub(rb"<(/?)([a-zA-Z]+)", rb"<\1x:\2", xml, count=rnd.randint(1, 50)),
    lambda xml, rnd: xml[:rnd.randrange(len(xml))] + xml[rnd.randrange(len(xml)):],
    lambda xml, rnd: xml.replace(b' r="', b' R="', rnd.randint(1, 20)),
    lambda xml, rnd: xml.replace(b"<c ", b'<c t="inlineStr" ', 3),
    lambda xml, rnd: xml.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="G5:G1048576"/>'
                                                  b"</mergeCells>", 1),
    lambda xml, rnd: xml.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>', 1),
)


def mutate(original: bytes, rnd: random.Random) -> bytes:
    kind = rnd.choice(("flip", "truncate", "xml", "xml", "zip"))
    if kind == "flip":
        data = bytearray(original)
        for _ in range(rnd.randint(1, 30)):
            data[rnd.randrange(len(data))] ^= 1 << rnd.randrange(8)
        return bytes(data)
    if kind == "truncate":
        return original[:rnd.randrange(len(original))]
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    names = [n for n in parts if n.endswith(".xml")]
    target = rnd.choice(names + ["xl/worksheets/sheet3.xml"] * 4)
    if kind == "xml":
        parts[target] = rnd.choice(XML_EDITS)(parts[target], rnd)
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", rnd.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED))) as out:
        warnings.simplefilter("ignore")  # a duplicate name is one of the mutations
        for name, data in parts.items():
            out.writestr(name, data)
        if kind == "zip":  # a duplicate part, or a part under a near-miss name
            out.writestr(rnd.choice((target, target.upper(), target + " ")), parts[target][::-1])
    return buffer.getvalue()


DRIVER = """
import json, sys, time
from cchc_excel import builtin_plan
from cchc_excel.validate import validate_file
plan, slowest, codes = builtin_plan(), 0.0, {}
for path in sys.argv[1:]:
    start = time.perf_counter()
    report = validate_file(path, plan).report
    slowest = max(slowest, time.perf_counter() - start)
    codes[path] = sorted({p.code for p in report.problems})
print(json.dumps({"slowest": slowest, "codes": codes}))
"""


def test_damaged_submissions_always_end_in_a_coded_result(templates, tmp_path):
    original = fill(templates["DKKD"], tmp_path / "goc.xlsx", rows=range(5, 20)).read_bytes()
    rnd = random.Random(SEED)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    paths = []
    for number in range(MUTANTS):
        path = inbox / f"m{number:03d}.xlsx"
        path.write_bytes(mutate(original, rnd))
        paths.append(str(path))
    run = subprocess.run([sys.executable, "-c", DRIVER, *paths], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
    found = json.loads(run.stdout)
    assert len(found["codes"]) == MUTANTS and found["slowest"] < 30
    refused = sum(bool(codes) for codes in found["codes"].values())
    assert refused > MUTANTS // 2  # the mutants do damage: most are refused, each with a code

    validate = subprocess.run([sys.executable, "-m", "cchc_excel", "validate", "--json", *paths[:100]],
                              capture_output=True, text=True, timeout=600)
    assert validate.returncode in (0, 1, 2) and "Traceback" not in validate.stderr, validate.stderr[-3000:]
    assert len(json.loads(validate.stdout)) == 100
    master = tmp_path / "tong-hop.xlsx"
    merge = subprocess.run([sys.executable, "-m", "cchc_excel", "merge-submissions", str(inbox), "--master",
                            str(master), "--json"], capture_output=True, text=True, timeout=600)
    assert merge.returncode in (0, 1, 2) and "Traceback" not in merge.stderr, merge.stderr[-3000:]
    result = json.loads(merge.stdout)
    assert len(result["files"]) == MUTANTS and master.exists()
