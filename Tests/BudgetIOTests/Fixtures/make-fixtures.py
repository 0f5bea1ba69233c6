#!/usr/bin/env python3
"""Regenerates the xlsx fixtures of XlsxTableReaderTests (python3 standard library + LibreOffice).

The committed files are what the tests read; run this only to change them:
    python3 Tests/BudgetIOTests/Fixtures/make-fixtures.py
- chiem-hoa-*.xlsx: LibreOffice's conversion of chiem-hoa-*.csv (a copy of SampleData/chiem-hoa) (dates become serials under
  the Vietnamese locale; -text-dates keeps every date as text).
- titled-spending.xlsx, malformed-spending.xlsx: written by LibreOffice from flat ODS (merged title
  rows, a table starting in column B, real date cells, numbers with fractions, booleans).
- bomb-*.xlsx, laughs.xlsx, nested.xlsx: hostile archives crafted with zipfile.
"""
import os, shutil, struct, subprocess, tempfile, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../.."))


def soffice(src, out_name, infilter=None):
    with tempfile.TemporaryDirectory() as tmp:
        args = ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", tmp]
        if infilter:
            args.insert(2, "--infilter=" + infilter)
        subprocess.run(args + [src], check=True, capture_output=True)
        produced = os.path.join(tmp, os.path.splitext(os.path.basename(src))[0] + ".xlsx")
        shutil.copy(produced, os.path.join(HERE, out_name))


def from_csv():
    with tempfile.TemporaryDirectory() as tmp:
        for table in ["allocations", "spending"]:
            src = os.path.join(tmp, table + ".csv")
            # A frozen copy of SampleData/chiem-hoa (commit 9737266), so the sample may change freely.
            shutil.copy(os.path.join(HERE, "chiem-hoa-%s.csv" % table), src)
            # 44 = ',', 34 = '"', 76 = UTF-8, from line 1, locale 1066 (vi-VN: day first), detect numbers.
            soffice(src, "chiem-hoa-%s.xlsx" % table, "CSV:44,34,76,1,,1066,false,true")
        src = os.path.join(tmp, "spending.csv")
        soffice(src, "chiem-hoa-spending-text-dates.xlsx", "CSV:44,34,76,1,,1066,false,false")


def cell(value):
    if value is None:
        return "<table:table-cell/>"
    kind, text = value
    if kind == "s":
        return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % text
    if kind == "n":
        return '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (text, text)
    if kind == "d":
        return ('<table:table-cell table:style-name="date" office:value-type="date" office:date-value="%s">'
                "<text:p>%s</text:p></table:table-cell>") % (text, text)
    if kind == "b":
        return '<table:table-cell office:value-type="boolean" office:boolean-value="%s"><text:p>%s</text:p></table:table-cell>' % (text, text)
    if kind == "merged":
        span, title = text
        return ('<table:table-cell table:number-columns-spanned="%d" office:value-type="string"><text:p>%s</text:p>'
                "</table:table-cell>" % (span, title)) + "<table:covered-table-cell/>" * (span - 1)
    raise ValueError(kind)


def fods(name, sheet, rows):
    body = "".join("<table:table-row>%s</table:table-row>" % "".join(cell(v) for v in row) for row in rows)
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="dmy"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="dmy"/>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="%s">%s</table:table></office:spreadsheet></office:body>
</office:document>""" % (sheet, body)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, name + ".fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(doc)
        soffice(src, name + ".xlsx")


def from_fods():
    s, n, d, b = (lambda t: ("s", t)), (lambda t: ("n", t)), (lambda t: ("d", t)), (lambda t: ("b", t))
    header = [None] + [s(t) for t in ["Mã", "Số chứng từ", "Ngày", "Nguồn", "Nội dung", "Đơn vị", "Số tiền",
                                      "Số lượng", "Diễn giải"]]
    fods("titled-spending", "Chi tiết", [
        [None, ("merged", (9, "BẢNG KÊ CHI TIẾT THANH TOÁN NĂM 2023"))],
        [None, ("merged", (9, "Đơn vị: UBND xã Hùng Mỹ"))],
        [],
        header,
        [None, s("1"), s("PC01"), d("2023-03-15"), s("TW"), s("PANO"), s("XA_HUNGMY"), n("14000000"), n("2"), s("Pano tuyên truyền")],
        [None, n("2"), s("PC02"), s("20/04/2023"), s("HUYEN"), s("HOINGHI"), s("XA_HUNGMY"), s("1.500.000"), n("2.5"), s("Hội nghị")],
        [],
        [None, s("3"), s("PC03"), d("2024-01-31"), s("TW"), s("PANO"), s("XA_HUNGMY"), n("7000000"), None, s("Dòng 1\nDòng 2")],
    ])
    plain = [s(t) for t in ["id", "date", "source", "activity", "unit", "amount", "quantity", "description"]]
    fods("malformed-spending", "Sheet1", [
        plain,
        [s("a1"), d("2023-03-15"), s("TW"), s("PANO"), s("XA_HUNGMY"), n("1.5"), None, s("fraction of a đồng")],
        [s("a2"), s("31/02/2023"), s("TW"), s("PANO"), s("XA_HUNGMY"), n("1000000"), None, s("impossible date")],
        [s("a3"), d("2023-03-16"), s("T W"), s("PANO"), s("XA_HUNGMY"), n("1000000"), None, s("code with a space")],
        [s("a4"), d("2023-03-17"), s("TW"), s("PANO"), s("XA_HUNGMY"), n("1.234"), None, s("three decimals")],
        [s("a5"), d("2023-03-18"), s("TW"), s("PANO"), s("XA_HUNGMY"), s("một triệu"), None, s("amount in words")],
        [s("a6"), d("2023-03-19"), s("TW"), s("PANO"), s("XA_HUNGMY"), n("1000000"), n("-2"), s("negative quantity"), s("stray")],
    ])


def write_zip(path, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts:
            z.writestr(name, data)


WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>')
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def patch_declared_size(path, entry, size):
    """Rewrites the uncompressed size of `entry` in its local header and the central directory."""
    data = bytearray(open(path, "rb").read())
    name = entry.encode()
    for signature, size_offset, name_offset in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)]:
        start = 0
        while True:
            start = data.find(signature, start)
            if start < 0:
                break
            name_length = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            if data[start + name_offset:start + name_offset + name_length] == name:
                struct.pack_into("<I", data, start + size_offset, size)
            start += 4
    open(path, "wb").write(bytes(data))


def hostile():
    # 20 MB of sheet XML that deflates to about 20 KB, declared honestly.
    filler = SHEET_HEAD + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + "0" * (20 << 20) + "</t></is></c></row></sheetData></worksheet>"
    path = os.path.join(HERE, "bomb-declared.xlsx")
    write_zip(path, [("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", RELS), ("xl/worksheets/sheet1.xml", filler)])
    # The same, but the headers declare 1,000 bytes: only counting while inflating can stop it.
    path = os.path.join(HERE, "bomb-lying.xlsx")
    write_zip(path, [("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", RELS), ("xl/worksheets/sheet1.xml", filler)])
    patch_declared_size(path, "xl/worksheets/sheet1.xml", 1000)
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>')
    write_zip(os.path.join(HERE, "laughs.xlsx"), [("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", RELS),
                                                  ("xl/sharedStrings.xml", laughs),
                                                  ("xl/worksheets/sheet1.xml", SHEET_HEAD + "</sheetData></worksheet>")])
    # A workbook whose sheet part is itself an archive (a zip inside the zip, as in 42.zip).
    inner = os.path.join(HERE, "bomb-declared.xlsx")
    write_zip(os.path.join(HERE, "nested.xlsx"), [("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", RELS),
                                                  ("xl/worksheets/sheet1.xml", open(inner, "rb").read())])


def import_sheets():
    """import-2023-spending.xlsx: five 2023 payments with ids of their own (kinhphi import tests);
    import-bad-codes.xlsx: the same with an unknown source on row 3 and an unknown unit on row 5."""
    header = "id,voucher,date,source,activity,unit,amount,description\n"
    rows = [
        ("NHAP-2023-001", "PC-N-01", "15/03/2023", "TW", "HOINGHI", "XA_HUNGMY", "4500000", "Hội nghị tuyên truyền tại xã Hùng Mỹ"),
        ("NHAP-2023-002", "PC-N-02", "20/04/2023", "TW", "HOINGHI", "XA_HUNGMY", "2750000", "Nước uống đại biểu hội nghị"),
        ("NHAP-2023-003", "PC-N-03", "12/05/2023", "HUYEN", "PTTH", "TTVH", "3200000", "Phóng sự chuyên đề"),
        ("NHAP-2023-004", "PC-N-04", "08/06/2023", "TW", "PANO", "XA_HUNGMY", "6800000", "Pano tuyên truyền"),
        ("NHAP-2023-005", "PC-N-05", "21/09/2023", "TINH", "BAO", "PDT", "1200000", "Báo cho người có uy tín"),
    ]
    bad = [list(r) for r in rows]
    bad[1][3] = "TW_X"
    bad[3][5] = "XA_KHONGCO"
    with tempfile.TemporaryDirectory() as tmp:
        for name, table in [("import-2023-spending", rows), ("import-bad-codes", bad)]:
            src = os.path.join(tmp, name + ".csv")
            with open(src, "w", encoding="utf-8") as f:
                f.write(header + "".join(",".join(r) + "\n" for r in table))
            soffice(src, name + ".xlsx", infilter="CSV:44,34,76,1,,1066,false,true")


if __name__ == "__main__":
    import_sheets()
    from_csv()
    from_fods()
    hostile()
