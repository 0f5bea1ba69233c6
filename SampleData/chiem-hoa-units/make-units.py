#!/usr/bin/env python3
"""Regenerates the unit submissions of SampleData/chiem-hoa-units from SampleData/chiem-hoa.

Each unit's rows are cut out of the district's CSVs, ids are renumbered 1, 2, 3… within the unit
(so the same ids appear in every unit: duplicates only across units), and LibreOffice writes them
as allocations.xlsx and spending.xlsx. Deliberate departures, documented in README.md:
- xa-kim-binh records its 2023 initial TW·MOHINH allocation as 5.000.000 đ less than the district gave;
- vhtt keeps a title line above the table in both files (the reader finds the header row below it).
Run: python3 SampleData/chiem-hoa-units/make-units.py   (needs python3 and LibreOffice's soffice)
"""
import csv, io, os, shutil, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT = os.path.join(HERE, "..", "chiem-hoa")
UNITS = {"xa-hung-my": "XA_HUNGMY", "xa-kim-binh": "XA_KIMBINH", "vhtt": "VHTT"}
TITLES = {"vhtt": "BẢNG KÊ - PHÒNG VĂN HÓA VÀ THÔNG TIN HUYỆN CHIÊM HÓA"}


def rows(name):
    with open(os.path.join(DISTRICT, name), encoding="utf-8") as f:
        return list(csv.reader(f))


def write_xlsx(folder, table, header, body, title):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, table + ".csv")
        with open(src, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            if title:
                writer.writerow([title] + [""] * (len(header) - 1))
            writer.writerow(header)
            writer.writerows(body)
        # 44 = ',', 34 = '"', 76 = UTF-8, line 1, locale 1066 (vi-VN: day first), detect dates and numbers.
        subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1,,1066,false,true", "--convert-to",
                        "xlsx", "--outdir", folder, src], check=True, capture_output=True)


def main():
    allocations = rows("allocations.csv")
    spending = rows("spending.csv")
    a_head, s_head = allocations[0], spending[0]
    a_unit, s_unit = a_head.index("unit"), s_head.index("unit")
    s_id, s_rev, s_settles = s_head.index("id"), s_head.index("reverses"), s_head.index("settles")
    for folder, unit in UNITS.items():
        path = os.path.join(HERE, folder)
        os.makedirs(path, exist_ok=True)
        mine = [r for r in allocations[1:] if r[a_unit] == unit]
        if folder == "xa-kim-binh":
            for r in mine:
                if r[0] == "2023" and r[1] == "TW" and r[2] == "MOHINH" and r[4] == "initial":
                    r[5] = str(int(r[5]) - 5_000_000)
                    break
        paid = [list(r) for r in spending[1:] if r[s_unit] == unit]
        renumber = {r[s_id]: str(i + 1) for i, r in enumerate(paid)}
        for r in paid:
            r[s_id] = renumber[r[s_id]]
            if r[s_rev]:
                r[s_rev] = renumber[r[s_rev]]
            if r[s_settles]:  # an advance settlement names its advance by the unit's own id
                r[s_settles] = renumber[r[s_settles]]
        write_xlsx(path, "allocations", a_head, mine, TITLES.get(folder))
        write_xlsx(path, "spending", s_head, paid, TITLES.get(folder))


if __name__ == "__main__":
    main()
