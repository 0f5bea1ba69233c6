import BudgetCore
import Foundation
import Xlsx

/// Called every few thousand cells while a workbook is written (`Workbook.interruption`): a run's
/// cancellation check. What it throws stops the write and reaches the caller of `write(to:)`
/// unchanged; no file is left behind.
public typealias WriteInterruption = () throws -> Void

/// What every workbook kinhphi writes is given besides its figures and templates: the scale its
/// amounts are shown in, its language, the document's creation date and the run's interruption.
public struct WorkbookSettings {
  /// Đồng, nghìn or triệu: the number format only; every cell still holds whole đồng.
  public var scale: DisplayScale
  public var language: Language
  /// The document's creation date; fixed in tests so output is reproducible.
  public var created: Date
  /// Called every few thousand cells while writing (a run's cancellation check); what it throws
  /// stops the write, and no file is left behind.
  public var interruption: WriteInterruption?
  /// Error findings stand in the figures (the caller decides which count: BudgetApp's
  /// `StandingErrors`): every printed page says DỰ THẢO / DRAFT in its header.
  public var isDraft = false

  /// The page-header mark of a draft, nil on a final document.
  var draftMark: String? { isDraft ? SheetFrame.draftText(language) : nil }

  public init(
    scale: DisplayScale = .dong, language: Language = .vi, created: Date,
    interruption: WriteInterruption? = nil
  ) {
    self.scale = scale
    self.language = language
    self.created = created
    self.interruption = interruption
  }
}

/// A workbook written with `WorkbookSettings`; its writer reads them by name.
protocol SettingsWorkbook {
  var settings: WorkbookSettings { get }
}

extension SettingsWorkbook {
  var scale: DisplayScale { settings.scale }
  var language: Language { settings.language }
  var created: Date { settings.created }
  var interruption: WriteInterruption? { settings.interruption }
}

extension SheetRange {
  /// Rows `rows` of one column of the sheet named `sheet`: a chart's categories, or one series'
  /// values, drawn from a table's column.
  static func column(_ column: Int, rows: ClosedRange<Int>, on sheet: String) -> SheetRange {
    SheetRange(
      sheet: sheet,
      range: CellRange(
        firstRow: rows.lowerBound, firstColumn: column, lastRow: rows.upperBound, lastColumn: column))
  }
}

extension Workbook {
  /// The workbook of one of kinhphi's reports: its document properties (the plan's name as subject,
  /// its office as author, its issuer as company) and the run's interruption, set the one way every
  /// report sets them.
  static func report(
    path: String, plan: PlanInfo, title: String, comments: String, keywords: String, created: Date,
    constantMemory: Bool = false, interruption: WriteInterruption?
  ) throws -> Workbook {
    let properties = DocumentProperties(
      title: title, subject: plan.name, author: plan.office, company: plan.issuer, comments: comments,
      keywords: keywords, created: created)
    let workbook = try Workbook(
      path: path,
      options: WorkbookOptions(
        constantMemory: constantMemory, useZip64: constantMemory, properties: properties))
    workbook.interruption = interruption
    return workbook
  }
}
