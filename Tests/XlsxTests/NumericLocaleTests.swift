import Foundation
import Testing
import XlsxReadBack

@testable import Xlsx

#if canImport(Glibc)
  import Glibc
#endif

/// libxlsxwriter prints numbers with printf; under a comma-decimal locale that would write `0,5`.
@Suite struct NumericLocaleTests {
  /// A comma-decimal locale: an installed one, or (on machines with only C/POSIX, like this
  /// project's CI image) one compiled with `localedef` into a temporary folder and found through
  /// LOCPATH. nil when neither works; the test then checks only that the wrapper switches to "C".
  static func commaLocale(in folder: TestFolder) -> locale_t? {
    for name in ["vi_VN.UTF-8", "de_DE.UTF-8", "vi_VN.utf8", "de_DE.utf8"] {
      if let locale = newlocale(1 << LC_NUMERIC, name, nil) { return locale }
    }
    let localedef = "/usr/bin/localedef"
    guard FileManager.default.isExecutableFile(atPath: localedef),
      FileManager.default.fileExists(atPath: "/usr/share/i18n/locales/vi_VN")
    else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: localedef)
    process.arguments = ["-i", "vi_VN", "-f", "UTF-8", folder.url.appendingPathComponent("vi_VN.UTF-8").path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    let previous = getenv("LOCPATH").map { String(cString: $0) }
    setenv("LOCPATH", folder.url.path, 1)
    defer {
      if let previous { setenv("LOCPATH", previous, 1) } else { unsetenv("LOCPATH") }
    }
    return newlocale(1 << LC_NUMERIC, "vi_VN.UTF-8", nil)
  }

  /// printf("%g", 0.5) on this thread.
  static func printed(_ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 32)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%g", $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  @Test func numbersAreWrittenWithADotUnderACommaLocale() throws {
    let folder = try TestFolder()
    let target = folder.file("locale.xlsx")
    let comma = Self.commaLocale(in: folder)
    // Sync test body: everything below runs on this one thread, so uselocale covers it.
    let previous = comma.map { uselocale($0) }
    defer {
      if let previous { uselocale(previous) }
      if let comma { freelocale(comma) }
    }
    if FileManager.default.fileExists(atPath: "/usr/share/i18n/locales/vi_VN") {
      // Where a comma locale can be had, the test must really run under one.
      #expect(comma != nil)
    }
    if comma != nil {
      #expect(Self.printed(0.5) == "0,5", "the comma locale is in effect, so the test means something")
    }
    let workbook = try Workbook(url: target, options: Fixture.options)
    let sheet = try workbook.addWorksheet(named: "S")
    try sheet.writeDouble(0.5, row: 0, column: 0)
    try sheet.writeFormula("=A1*3", cachedDouble: 1.5, row: 0, column: 1)
    try sheet.setColumns(0...0, width: 12.5)
    try sheet.setPageSetup(PageSetup(margins: .init(left: 0.25, right: 0.25, top: 0.5, bottom: 0.5)))
    try workbook.close()
    if comma != nil { #expect(Self.printed(0.5) == "0,5", "the caller's locale is restored") }

    let book = try XlsxReadBack(url: target)
    let cells = try book.cells(sheet: "S")
    #expect(cells["A1"]?.value == "0.5")
    #expect(cells["B1"]?.value == "1.5")
    let sheetXML = try book.sheet(named: "S")
    #expect(sheetXML.first("col")?.attributes["width"]?.contains(",") == false)
    #expect(sheetXML.first("pageMargins")?.attributes["left"] == "0.25")
  }

  @Test func theWrapperRunsCCallsUnderTheCLocale() {
    #expect(NumericLocale.withCLocale { NumericLocale.currentDecimalPoint } == ".")
    #expect(NumericLocale.withCLocale { Self.printed(0.5) } == "0.5")
  }
}
