#!/usr/bin/python3
"""The web page in a real browser: headless Chromium from Debian's packages, driven by Selenium
(python3-selenium + chromium-driver, also Debian's).

Selenium rather than the DevTools protocol by hand: it is packaged by Debian (no pip, no download at
run time), its file-upload (send_keys on <input type=file>) and alert handling are what a test of
forms needs, and downloads go to a folder we choose through Chrome's preferences.

What it does, on a copy of SampleData/chiem-hoa served by `kinhphi serve` on a loopback port:
  1. opens the start page and sees the year at a glance (totals, chart, DỰ THẢO on 2023);
  2. uploads a malformed sheet and sees the located errors (sheet and cell), then a malformed CSV
     file (line and field);
  3. uploads a good sheet, sees the preview, confirms, and sees the success;
  4. downloads the settlement workbook and reads it back: its cached totals equal `kinhphi settle
     --json` on the same workspace after the import; then the forms workbook (B01/BCQT);
  5. takes a screenshot of each page into docs/web/ (with --screenshots).

Usage: Tests/Browser/web_test.py [--kinhphi .build/debug/kinhphi] [--screenshots docs/web]
Prints 'N passed, M failed'; exit status 1 when anything failed.
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
import xml.etree.ElementTree as ET

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "BudgetIOTests", "Fixtures")
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

results = []
# Pages opened for a look and a screenshot: (path, an element id the page must have, file name).
OTHER_PAGES = [("/close?year=2023", "close-summary", "khoa-so.png")]


def check(name, condition, detail=""):
    results.append((name, bool(condition)))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else "  " + detail), flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(port, process, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError("kinhphi serve exited with status %s" % process.returncode)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("kinhphi serve did not listen within %d s" % seconds)


def workbook_values(path, sheet_name):
    """The cached values of one sheet of an xlsx file, by cell reference (numbers as text)."""
    with zipfile.ZipFile(path) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        rid = None
        for sheet in workbook.iter(MAIN_NS + "sheet"):
            if sheet.get("name") == sheet_name:
                rid = sheet.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        if rid is None:
            return None
        target = targets[rid].lstrip("/")
        part = target if target.startswith("xl/") else "xl/" + target
        sheet = ET.fromstring(archive.read(part))
        values = {}
        for cell in sheet.iter(MAIN_NS + "c"):
            value = cell.find(MAIN_NS + "v")
            if value is not None and cell.get("t") not in ("s", "str", "inlineStr"):
                values[cell.get("r")] = value.text
        return values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kinhphi", default=os.path.join(ROOT, ".build", "debug", "kinhphi"))
    parser.add_argument("--screenshots", default=None, help="folder for one PNG per page")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="kinhphi-browser-")
    workspace = os.path.join(work, "chiem-hoa")
    shutil.copytree(os.path.join(ROOT, "SampleData", "chiem-hoa"), workspace)
    downloads = os.path.join(work, "downloads")
    os.mkdir(downloads)
    port = free_port()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    server = subprocess.Popen(
        [args.kinhphi, "serve", workspace, "--port", str(port), "--rate-limit", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    driver = None
    try:
        wait_for_server(port, server)
        base = "http://127.0.0.1:%d" % port
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
                     "--lang=vi", "--disable-gpu", "--no-first-run"]:
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "download.default_directory": downloads, "download.prompt_for_download": False,
            "safebrowsing.enabled": False})
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        wait = WebDriverWait(driver, 60)

        def shot(name):
            if args.screenshots:
                os.makedirs(args.screenshots, exist_ok=True)
                height = driver.execute_script("return Math.min(document.body.scrollHeight, 2400)")
                driver.set_window_size(1366, max(900, height))
                driver.save_screenshot(os.path.join(args.screenshots, name))
                driver.set_window_size(1366, 900)

        # 1. The year at a glance.
        driver.get(base + "/")
        wait.until(EC.presence_of_element_located((By.ID, "totals")))
        check("start page opens the latest year", driver.current_url.endswith("/year/2025"), driver.current_url)
        driver.get(base + "/year/2023")
        wait.until(EC.presence_of_element_located((By.ID, "totals")))
        check("2023 is a draft while its error stands", "DỰ THẢO" in driver.find_element(By.ID, "draft").text)
        check("the chart is drawn", driver.find_element(By.ID, "chart").size["height"] > 100)
        total = driver.find_element(By.CSS_SELECTOR, "#totals tr.total").text
        check("2023 totals as in EXPECTED.md", "1.972.980.000" in total and "1.927.480.000" in total, total)
        rows = driver.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")
        check("findings, error first", rows and rows[0].get_attribute("data-code") == "OVERSPEND")
        shot("tong-quan.png")
        Select(driver.find_element(By.NAME, "code")).select_by_value("UNSPENT")
        wait.until(EC.url_contains("code=UNSPENT"))
        codes = {r.get_attribute("data-code") for r in driver.find_elements(By.CSS_SELECTOR, "#findings-table tbody tr")}
        check("the code filter applies on change (script)", codes == {"UNSPENT"}, str(codes))
        driver.find_element(By.CSS_SELECTOR, "#totals tr[data-source='TW'] a").click()
        wait.until(EC.presence_of_element_located((By.ID, "lines")))
        shot("dong-du-toan.png")
        driver.find_element(By.CSS_SELECTOR, "#lines tbody tr td.num a").click()
        wait.until(EC.presence_of_element_located((By.ID, "payments")))
        check("a line's payments are listed", len(driver.find_elements(By.CSS_SELECTOR, "#payments tbody tr")) >= 2)
        shot("khoan-chi.png")

        # 2. A malformed sheet: located errors, nothing written.
        spending = os.path.join(workspace, "spending.csv")
        with open(spending, "rb") as f:
            before = f.read()
        driver.get(base + "/import")
        driver.find_element(By.ID, "file").send_keys(os.path.join(FIXTURES, "import-bad-codes.xlsx"))
        driver.find_element(By.ID, "check-upload").click()
        errors = wait.until(EC.presence_of_element_located((By.ID, "input-errors"))).text
        check("the malformed sheet's errors name sheet and cell",
              "import-bad-codes!D3" in errors and "import-bad-codes!F5" in errors, errors[:300])
        check("the malformed sheet's errors say what", "'TW_X'" in errors and "'XA_KHONGCO'" in errors)
        with open(spending, "rb") as f:
            check("nothing written after the malformed sheet", f.read() == before)
        shot("nhap-loi.png")

        # 2b. A malformed CSV file: line and field, nothing written.
        bad_csv = os.path.join(work, "chi-loi.csv")
        with open(bad_csv, "w", encoding="utf-8") as f:
            f.write("id,date,source,activity,unit,amount\n"
                    "CSV-1,15/03/2023,TW,HOINGHI,VHTT,1000\n"
                    "CSV-2,15/03/2023,TW,HOINGHI,VHTT,12abc\n")
        driver.get(base + "/import")
        driver.find_element(By.ID, "file").send_keys(bad_csv)
        driver.find_element(By.ID, "check-upload").click()
        errors = wait.until(EC.presence_of_element_located((By.ID, "input-errors"))).text
        check("the malformed CSV file's error names line and field", "chi-loi.csv:3:6" in errors, errors[:300])
        check("the malformed CSV file's error says what", "12abc" in errors, errors[:300])
        with open(spending, "rb") as f:
            check("nothing written after the malformed CSV file", f.read() == before)
        shot("nhap-loi-csv.png")

        # 3. A good sheet: preview, confirm, written.
        driver.get(base + "/import")
        driver.find_element(By.ID, "file").send_keys(os.path.join(FIXTURES, "import-2023-spending.xlsx"))
        driver.find_element(By.ID, "check-upload").click()
        preview = wait.until(EC.presence_of_element_located((By.ID, "preview-table"))).text
        check("the preview shows the rows added to 2023", re.search(r"2023\s+242\s+0\s+5\s+247", preview), preview)
        with open(spending, "rb") as f:
            check("nothing written by the preview", f.read() == before)
        shot("nhap-xem-truoc.png")
        driver.find_element(By.ID, "confirm-import").click()
        alert = wait.until(EC.alert_is_present())
        alert.accept()
        done = wait.until(EC.presence_of_element_located((By.ID, "import-done"))).text
        check("the import is confirmed", "5" in done, done)
        with open(spending, "rb") as f:
            after = f.read()
        check("spending.csv grew by the five rows", after.startswith(before) and after.count(b"NHAP-2023-") == 5)
        with open(os.path.join(workspace, "nhat-ky-ghi.log"), encoding="utf-8") as f:
            log = f.read()
        check("the write is in the log", "import import-2023-spending.xlsx" in log and "\tspending.csv\t" in log)
        shot("nhap-xong.png")

        # 4. The settlement workbook, downloaded and read back.
        driver.get(base + "/reports?year=2023")
        wait.until(EC.presence_of_element_located((By.ID, "downloads")))
        shot("bao-cao.png")
        driver.find_element(By.CSS_SELECTOR, "#downloads a[href='/download/quyet-toan-2023.xlsx']").click()
        target = os.path.join(downloads, "quyet-toan-2023.xlsx")
        deadline = time.time() + 120
        while time.time() < deadline and not (os.path.exists(target) and not os.path.exists(target + ".crdownload")):
            time.sleep(0.2)
        check("the workbook downloads with the command line's name", os.path.exists(target))
        if os.path.exists(target):
            figures = json.loads(subprocess.run(
                [args.kinhphi, "settle", workspace, "--year", "2023", "--json", "-"],
                capture_output=True, env=env).stdout)
            values = set((workbook_values(target, "Tổng hợp") or {}).values())
            spent = str(figures["totals"]["spent"])
            available = str(figures["totals"]["available"])
            check("the downloaded workbook holds the figures after the import",
                  spent in values and available in values and spent != "1927480000",
                  "spent %s available %s" % (spent, available))

        # 4b. The official forms (kinhphi forms' name), downloaded and read back.
        driver.get(base + "/reports?year=2023")
        driver.find_element(By.CSS_SELECTOR, "#downloads a[href='/download/bao-cao-quyet-toan-2023.xlsx']").click()
        forms = os.path.join(downloads, "bao-cao-quyet-toan-2023.xlsx")
        deadline = time.time() + 120
        while time.time() < deadline and not (os.path.exists(forms) and not os.path.exists(forms + ".crdownload")):
            time.sleep(0.2)
        check("the forms workbook downloads with kinhphi forms' name", os.path.exists(forms))
        if os.path.exists(forms):
            values = set((workbook_values(forms, "B01-BCQT") or {}).values())
            # EXPECTED.md B01/BCQT 2023: mã số 11, the year's money available, 1.972.980.000 (the
            # import above added payments only).
            check("the forms workbook holds B01's figures", "1972980000" in values and "175980000" in values,
                  str(sorted(values)[:20]))

        # 5. A what-if from a scenario of the workspace: nothing written.
        driver.get(base + "/whatif")
        Select(wait.until(EC.presence_of_element_located((By.ID, "scenario-file")))).select_by_value("tinh-giam-30.yaml")
        driver.find_element(By.ID, "run-whatif").click()
        result = wait.until(EC.presence_of_element_located((By.ID, "whatif-result"))).text
        check("a what-if runs from a scenario of the workspace", "Tỉnh giảm 30%" in result, result[:200])
        check("changed and broken lines side by side",
              driver.find_elements(By.ID, "changed-lines") and driver.find_elements(By.ID, "broken-lines"))
        shot("gia-dinh.png")

        # 5b. The same cut through the what-if form: the script shows the chosen operation's fields.
        driver.get(base + "/whatif")
        Select(wait.until(EC.presence_of_element_located((By.ID, "f-operation")))).select_by_value("move")
        check("the form shows the chosen operation only",
              driver.find_element(By.ID, "op-move").is_displayed() and not driver.find_element(By.ID, "op-scale").is_displayed())
        Select(driver.find_element(By.ID, "f-operation")).select_by_value("scale")
        Select(driver.find_element(By.ID, "f-scale.source")).select_by_value("TINH")
        driver.find_element(By.ID, "f-scale.percent").send_keys("-130")
        driver.find_element(By.ID, "run-whatif-form").click()
        error = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".field-error[data-field='scale.percent']"))).text
        check("a bad percentage is shown at its field", "-130" in error and "-100" in error, error)
        shot("gia-dinh-bieu-mau-loi.png")
        field = driver.find_element(By.ID, "f-scale.percent")
        field.clear()
        field.send_keys("-30")
        driver.find_element(By.ID, "run-whatif-form").click()
        rows = wait.until(EC.presence_of_element_located((By.ID, "changed-lines"))).text
        check("the form's scenario changes the TINH lines", "TINH" in rows, rows[:200])
        shot("gia-dinh-bieu-mau.png")

        # 6. The other pages, for the screenshots and a look.
        for path, element, name in OTHER_PAGES:
            driver.get(base + path)
            try:
                WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.ID, element)))
                shot(name)
            except Exception as error:  # a page not there is a failure, said plainly
                check("page %s opens" % path, False, repr(error)[:200])
        driver.get(base + "/lang?to=en&back=%2Fyear%2F2023")
        wait.until(EC.presence_of_element_located((By.ID, "totals")))
        check("the English switch", "Totals by source" in driver.page_source)
        shot("overview-en.png")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)

    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
