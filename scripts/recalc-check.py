#!/usr/bin/env python3
"""Does LibreOffice's own recalculation give every formula the value kinhphi cached?

    scripts/recalc-check.py WORKBOOK.xlsx [WORKBOOK.xlsx ...]
    scripts/recalc-check.py --self-test WORKBOOK.xlsx     (also proves a wrong cached value is caught)

kinhphi writes every identity row of its workbooks (Tổng hợp, B01/BCQT's 01 = 02 + 05, Mẫu 20f's
5 = 6 + 7 + 8, …) as a formula with the engine's value as the cached result. A reader that does not
recalculate (a viewer, a script, a phone) shows the cached value, so it must be the value the formula
computes. The tests check this with the project's own evaluator (Tests/XlsxReadBack); this script asks
the real thing: it opens each workbook in LibreOffice headless with a throw-away profile set to
recalculate every OOXML formula on load, saves the result as xlsx, and compares every formula cell's
value before and after. Exit status 0 when every value is the same, 1 when one differs, 2 on a usage
or conversion problem.

Needs libreoffice-calc (Debian: apt-get install -y libreoffice-calc). Not part of CI (LibreOffice is
not installed there); run it on every workbook a change touches, as with scripts/render-workbooks.sh.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# OOXMLRecalcMode 0: "always recalculate" when a file is loaded (the default asks, or never).
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def formula_values(path):
    """{sheet name: {cell reference: (is a formula, cached value text or None)}}."""
    with zipfile.ZipFile(path) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        sheets = {}
        for sheet in workbook.find(f"{{{MAIN}}}sheets"):
            target = targets[sheet.get(f"{{{RELS}}}id")].lstrip("/")
            if not target.startswith("xl/"):
                target = "xl/" + target
            cells = {}
            for cell in ET.fromstring(archive.read(target)).iter(f"{{{MAIN}}}c"):
                formula = cell.find(f"{{{MAIN}}}f")
                value = cell.find(f"{{{MAIN}}}v")
                cells[cell.get("r")] = (formula is not None, value.text if value is not None else None)
            sheets[sheet.get("name")] = cells
        return sheets


def same(cached, recalculated):
    """Money (whole đồng) must be equal exactly; a ratio (a percentage cell) to 12 significant digits,
    because LibreOffice saves 15 while kinhphi writes the shortest round-trip form of the double."""
    if cached is None or recalculated is None:
        return cached == recalculated
    if re.fullmatch(r"-?\d+", cached) and re.fullmatch(r"-?\d+(\.0+)?", recalculated):
        return int(cached) == int(float(recalculated))
    try:
        a, b = float(cached), float(recalculated)
    except ValueError:
        return cached == recalculated
    return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))


def compare(original, recalculated):
    """(formula count, [(sheet, cell, cached, recalculated)] of the cells that differ)."""
    before = formula_values(original)
    after = formula_values(recalculated)
    count, differences = 0, []
    for sheet, cells in before.items():
        for reference, (is_formula, cached) in cells.items():
            if not is_formula:
                continue
            count += 1
            value = after.get(sheet, {}).get(reference, (False, None))[1]
            if not same(cached, value):
                differences.append((sheet, reference, cached, value))
    return count, differences


def recalculate(paths, work):
    """Each workbook re-saved by LibreOffice after a full recalculation, in work/out."""
    profile = os.path.join(work, "profile")
    os.makedirs(os.path.join(profile, "user"))
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as file:
        file.write(PROFILE)
    out = os.path.join(work, "out")
    os.makedirs(out)
    command = [
        "soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
        "--outdir", out, *paths,
    ]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {path: os.path.join(out, os.path.basename(path)) for path in paths}


def corrupted_copy(path, work):
    """A copy whose first cached formula value is one more than kinhphi wrote (the self-test)."""
    copy = os.path.join(work, "self-test-" + os.path.basename(path))
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        changed = False
        for info in source.infolist():
            data = source.read(info.filename)
            if not changed and re.match(r"xl/worksheets/sheet\d+\.xml$", info.filename):
                text = data.decode("utf-8")
                match = re.search(r"<f>[^<]*</f><v>(-?\d+)</v>", text)
                if match:
                    text = text[: match.start(1)] + str(int(match.group(1)) + 1) + text[match.end(1) :]
                    data, changed = text.encode("utf-8"), True
            target.writestr(info, data)
    if not changed:
        sys.exit(f"recalc-check: no integer formula value to corrupt in {path}")
    return copy


def main(arguments):
    self_test = "--self-test" in arguments
    paths = [os.path.abspath(a) for a in arguments if a != "--self-test"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("soffice"):
        print("recalc-check: soffice missing (apt-get install -y libreoffice-calc)", file=sys.stderr)
        return 2
    names = [os.path.basename(p) for p in paths]
    if len(set(names)) != len(names):
        print("recalc-check: give workbooks with different file names", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kinhphi-recalc-") as work:
        corrupted = corrupted_copy(paths[0], work) if self_test else None
        inputs = paths + ([corrupted] if corrupted else [])
        try:
            outputs = recalculate(inputs, work)
        except subprocess.CalledProcessError as error:
            print(f"recalc-check: LibreOffice failed: {error}", file=sys.stderr)
            return 2
        status = 0
        for path in paths:
            if not os.path.exists(outputs[path]):
                print(f"recalc-check: LibreOffice wrote nothing for {path}", file=sys.stderr)
                return 2
            count, differences = compare(path, outputs[path])
            print(f"{path}: {count} formulas, {len(differences)} differ after LibreOffice's recalculation")
            for sheet, reference, cached, value in differences[:20]:
                print(f"  {sheet}!{reference}: cached {cached}, LibreOffice {value}")
            if differences or count == 0:  # no formula at all: not a kinhphi report
                status = 1
        if corrupted:
            count, differences = compare(corrupted, outputs[corrupted])
            caught = len(differences) == 1
            print(f"self-test: one cached value changed by 1 đồng, {len(differences)} caught")
            if not caught:
                status = 1
        return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
