import BudgetCore
import Foundation
import Testing

@testable import SettlementReports

/// Template columns are an enum per sheet kind: every `show:` name reads as its kind's case and
/// back, and a name the kind does not have is a located error in both languages.
@Suite struct TemplateColumnTests {
  static let templatesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Templates")

  /// A one-sheet template of `kind` showing `columns` (the document block of so-sanh.yaml).
  /// so-sanh.yaml's document with one sheet of `kind`, and its `texts:` when `withTexts` (by
  /// default when the sheet is a comparison sheet, whose template needs them).
  static func template(kind: SheetKind, columns: [String], withTexts: Bool? = nil) throws -> String {
    let shipped = try String(
      contentsOf: templatesFolder.appendingPathComponent("so-sanh.yaml"), encoding: .utf8)
    let document = try #require(shipped.components(separatedBy: "\nsheets:").first)
    let texts = try #require(shipped.components(separatedBy: "\ntexts:").last)
    var yaml = document + "\nsheets:\n  - kind: \(kind.rawValue)\n    name: \"Trang\"\n    title: \"T\"\n"
    yaml += "    columns:\n"
    for column in columns { yaml += "      - {show: \(column), heading: \"H \(column)\"}\n" }
    if withTexts ?? SheetKind.comparisonKinds.contains(kind) { yaml += "texts:" + texts }
    return yaml
  }

  @Test(arguments: SheetKind.allCases)
  func everyColumnOfAKindRoundTrips(kind: SheetKind) throws {
    let yaml = try Self.template(kind: kind, columns: kind.allowedColumns, withTexts: false)
    let template = try TemplateReader.parse(yaml: yaml, file: "t.yaml", kinds: Set(SheetKind.allCases))
    let sheet = try #require(template.sheets.first)
    #expect(sheet.kind == kind)
    #expect(sheet.columnNames == kind.allowedColumns)
    #expect(sheet.headings == kind.allowedColumns.map { "H \($0)" })
    // The required columns are among the allowed ones (a template could not otherwise be valid).
    #expect(Set(kind.requiredColumns).isSubset(of: kind.allowedColumns))
  }

  /// Every template file kinhphi ships, with the sheet kinds it takes.
  static let shipped: [(file: String, kinds: Set<SheetKind>)] = [
    ("quyet-toan.yaml", SheetKind.settlementKinds), ("so-sanh.yaml", SheetKind.comparisonKinds),
    ("giai-doan.yaml", SheetKind.phaseKinds), ("ban-giao.yaml", SheetKind.handoverKinds),
    ("hop-nhat.yaml", SheetKind.consolidationKinds), ("tien-do.yaml", SheetKind.progressKinds),
  ]

  @Test(arguments: shipped.map(\.file))
  func aShippedTemplateLoadsAndItsColumnsRoundTrip(file: String) throws {
    let kinds = try #require(Self.shipped.first { $0.file == file }?.kinds)
    let template = try TemplateReader.read(
      path: Self.templatesFolder.appendingPathComponent(file).path, kinds: kinds)
    // Every kind the file is for has its sheet.
    #expect(Set(template.sheets.map(\.kind)) == kinds)
    for sheet in template.sheets {
      // Each `show:` name read as its kind's enum case, and the case's name is the text again.
      #expect(sheet.columnNames.allSatisfy(sheet.kind.allowedColumns.contains))
      #expect(Set(sheet.kind.requiredColumns).isSubset(of: sheet.columnNames))
      #expect(!sheet.headings.contains(""))
    }
  }

  @Test func thePhaseTemplateHasEnglishTextsAndPhasePlaceholders() throws {
    let template = try TemplateReader.read(
      path: Self.templatesFolder.appendingPathComponent("giai-doan.yaml").path, kinds: SheetKind.phaseKinds)
    let sheet = try #require(template.phaseSummarySheet)
    #expect(sheet.columns.map(\.show) == PhaseColumn.allCases)
    #expect(sheet.localized(.en).title == "PROJECT 10 SETTLEMENT {span} BY SOURCE")
    #expect(sheet.localized(.vi).columns[2].heading == "Dự toán trước {first_year} chuyển sang")
    #expect(sheet.localized(.en).columns[2].heading == "Carried in from before {first_year}")
    // A heading without heading_en is the same in both languages.
    #expect(sheet.localized(.en).columns[0].heading == "STT")
    #expect(template.document.placeDate.contains("{report_year}"))
    // {span} is a phase placeholder: a settlement template may not use it.
    let settlement = try String(
      contentsOf: Self.templatesFolder.appendingPathComponent("quyet-toan.yaml"), encoding: .utf8)
    #expect(throws: InputErrors.self) {
      _ = try TemplateReader.parse(
        yaml: settlement.replacingOccurrences(
          of: "NĂM {year}\"\n    subtitle: \"Theo nguồn", with: "{span}\"\n    subtitle: \"Theo nguồn"),
        file: "t.yaml")
    }
  }

  @Test func theHandoverTemplateSignsInEitherLanguage() throws {
    let template = try TemplateReader.read(
      path: Self.templatesFolder.appendingPathComponent("ban-giao.yaml").path, kinds: SheetKind.handoverKinds)
    #expect(template.document.signers.map(\.title) == ["NGƯỜI LẬP BIỂU", "ĐẠI DIỆN BÊN GIAO"])
    #expect(
      template.document.localized(.en).signers.map(\.title) == ["PREPARED BY", "FOR THE HANDING SIDE"])
    #expect(
      template.document.localized(.en).signers.map(\.hint) == [
        "(Signature, name)", "(Signature, name, seal)",
      ])
    #expect(template.handoverBalancesSheet?.columns.map(\.show) == HandoverBalanceColumn.allCases)
    #expect(
      template.handoverReceiptsSheet?.localized(.en).title
        == "SCHEDULE 02: WHAT EACH SUCCESSOR RECEIVES, {date}")
    // {date} belongs to the handover sheets: the document's texts may use it, a settlement sheet not.
    #expect(!TemplateContext.placeholderNames.contains("date"))
  }

  @Test func theConsolidationTemplateNamesItsSheetsInEitherLanguage() throws {
    let template = try TemplateReader.read(
      path: Self.templatesFolder.appendingPathComponent("hop-nhat.yaml").path,
      kinds: SheetKind.consolidationKinds)
    let reconciliation = try #require(template.reconciliationSheet)
    #expect(reconciliation.name == "Đối chiếu")
    #expect(reconciliation.localized(.en).name == "Reconciliation")
    #expect(reconciliation.localized(.en).columns.map(\.heading).first == "No.")
    #expect(template.allocationDifferencesSheet?.localized(.en).name == "Allocation differences")
    // name_en follows Excel's rules like name, located at its line.
    let text = try String(
      contentsOf: Self.templatesFolder.appendingPathComponent("hop-nhat.yaml"), encoding: .utf8)
    #expect(throws: InputErrors.self) {
      _ = try TemplateReader.parse(
        yaml: text.replacingOccurrences(
          of: "name_en: \"Reconciliation\"", with: "name_en: \"Re/conciliation\""),
        file: "t.yaml", kinds: SheetKind.consolidationKinds)
    }
  }

  @Test func fixedColumnsOutOfOrderAreLocated() throws {
    var columns = PhaseChainColumn.allCases.map(\.rawValue)
    columns.swapAt(2, 3)
    let yaml = try Self.template(kind: .phaseChain, columns: columns)
    let lines = yaml.components(separatedBy: "\n")
    let line = try #require(lines.lastIndex { $0.contains("    columns:") }) + 2
    var found: [InputError] = []
    do {
      _ = try TemplateReader.parse(yaml: yaml, file: "t.yaml", kinds: SheetKind.phaseKinds)
    } catch let errors as InputErrors {
      found = errors.errors
    }
    #expect(found.count == 1)
    #expect(found.first?.location?.line == line)
    #expect(
      found.first?.message.en
        == "The columns of a sheet of kind 'phase_chain' are fixed: stt, source, carried_over, carried_in, "
        + "difference, note (in this order); only their headings (heading, heading_en) and widths can change."
    )
    #expect(found.first?.message.vi.hasPrefix("Các cột của trang loại 'phase_chain' cố định:") == true)
  }

  @Test func theAllowedColumnsOfEachKind() {
    #expect(
      SheetKind.bySource.allowedColumns == [
        "stt", "label", "carried_in", "allocated", "available", "spent", "settled", "carry_over",
        "cancelled", "overspent", "check", "note",
      ])
    #expect(SheetKind.findings.requiredColumns == ["code", "message"])
    #expect(
      SheetKind.sweep.allowedColumns == [
        "value", "broken", "new_errors", "overspend_increase", "counterpart_short_increase", "allocated",
      ])
    #expect(FigureColumn.figure(.carriedIn).figure == .carriedIn && FigureColumn.note.figure == nil)
    // Every figure has its column under its own name, and the names read back as the same column.
    #expect(FigureColumn.allCases.compactMap(\.figure) == FigureKind.allCases)
    #expect(FigureColumn.allCases.allSatisfy { FigureColumn(rawValue: $0.rawValue) == $0 })
    #expect(
      FigureColumn(rawValue: "carry_over") == .figure(.carryOver) && FigureColumn(rawValue: "sum") == nil)
    #expect(ChartColumn.carryOverShare.share == .carryOver && ChartColumn.carryOver.share == nil)
    #expect(LineComparisonColumn.delta.isPerScenario && !LineComparisonColumn.status.isPerScenario)
  }

  @Test func anUnknownColumnIsLocatedWithTheAllowedValues() throws {
    let yaml = try Self.template(kind: .sweep, columns: ["value", "broken", "overspend"])
    let lines = yaml.components(separatedBy: "\n")
    let line = try #require(lines.firstIndex { $0.contains("show: overspend,") }) + 1
    var found: [InputError] = []
    do {
      _ = try TemplateReader.parse(yaml: yaml, file: "t.yaml", kinds: SheetKind.comparisonKinds)
    } catch let errors as InputErrors {
      found = errors.errors
    }
    #expect(found.count == 1)
    let error = try #require(found.first)
    // The `show:` value's own line and column (1-based).
    #expect(error.location == SourceLocation(file: "t.yaml", line: line, column: 16))
    let allowed = SheetKind.sweep.allowedColumns.joined(separator: ", ")
    #expect(error.message.en == "Invalid value 'overspend'; expected one of: \(allowed).")
    #expect(error.message.vi == "Giá trị 'overspend' không hợp lệ; cần một trong: \(allowed).")
  }

  @Test func aColumnOfAnotherKindIsRefused() throws {
    // `unspent` is a carry_over column; a by_source sheet has no such figure.
    let yaml = try Self.template(kind: .bySource, columns: ["label", "unspent"])
    #expect(throws: InputErrors.self) {
      _ = try TemplateReader.parse(yaml: yaml, file: "t.yaml", kinds: SheetKind.settlementKinds)
    }
  }
}
