import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Testing
import XlsxReadBack

@testable import SettlementReports

/// The phase workbook's own sheets take their names, titles and headings from giai-doan.yaml: an
/// office's edited copy changes them, in either language, with the figures untouched.
@Suite struct PhaseTemplateTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func write(phaseYAML: String, language: Language) throws -> XlsxReadBack {
    let ledger = try WorkspaceReader.read(
      directory: root.appendingPathComponent("SampleData/chiem-hoa").path)
    let analysis = Engine.analyze(ledger)
    let template = try TemplateReader.read(
      path: root.appendingPathComponent("Templates/quyet-toan.yaml").path)
    let phaseTemplate = try TemplateReader.parse(
      yaml: phaseYAML, file: "giai-doan.yaml", kinds: SheetKind.phaseKinds)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("giai-doan.xlsx")
    try MultiYearWorkbook(
      summary: MultiYearSummary(analysis: analysis, years: 2021...2025), plan: ledger.plan,
      template: template, phaseTemplate: phaseTemplate,
      settings: WorkbookSettings(language: language, created: Date(timeIntervalSince1970: 1_767_139_200))
    ).write(to: url.path)
    return try XlsxReadBack(url: url)
  }

  static func shipped() throws -> String {
    try String(contentsOf: root.appendingPathComponent("Templates/giai-doan.yaml"), encoding: .utf8)
  }

  @Test func theShippedTemplateGivesTheFormsHeadings() throws {
    let book = try Self.write(phaseYAML: try Self.shipped(), language: .vi)
    #expect(try book.sheetNames().prefix(2) == ["Toàn giai đoạn", "Đối chiếu chuyển nguồn"])
    let cells = try book.cells(sheet: "Toàn giai đoạn")
    #expect(cells["A4"]?.text == "QUYẾT TOÁN KINH PHÍ DỰ ÁN 10 GIAI ĐOẠN 2021-2025 THEO NGUỒN")
    // {first_year} and {next_year} filled in the headings.
    #expect(cells["C7"]?.text == "Dự toán trước 2021 chuyển sang")
    #expect(cells["H7"]?.text == "Chuyển nguồn sang 2026")
    #expect(cells["J8"]?.text == "8=1+2+7-4-5-6")
  }

  @Test func anEditedCopyRenamesSheetsAndHeadingsInBothLanguages() throws {
    let edited = try Self.shipped()
      .replacingOccurrences(of: "name: \"Toàn giai đoạn\"", with: "name: \"Cả giai đoạn\"")
      .replacingOccurrences(
        of: "{show: cancelled, heading: \"Dự toán bị hủy\", heading_en: \"Cancelled\"}",
        with: "{show: cancelled, heading: \"Dự toán hủy bỏ\", heading_en: \"Cancelled budget\"}")
    let vi = try Self.write(phaseYAML: edited, language: .vi)
    #expect(try vi.sheetNames().first == "Cả giai đoạn")
    let viCells = try vi.cells(sheet: "Cả giai đoạn")
    #expect(viCells["G7"]?.text == "Dự toán hủy bỏ")
    let en = try Self.write(phaseYAML: edited, language: .en)
    let enCells = try en.cells(sheet: "Cả giai đoạn")
    #expect(enCells["G7"]?.text == "Cancelled budget")
    #expect(enCells["A4"]?.text == "PROJECT 10 SETTLEMENT 2021-2025 BY SOURCE")
    // The figures do not depend on the headings: the total row is the same in both.
    #expect(viCells["G9"]?.value == enCells["G9"]?.value)
    #expect(viCells["G9"]?.formula?.hasPrefix("SUM(") == true)
  }
}
