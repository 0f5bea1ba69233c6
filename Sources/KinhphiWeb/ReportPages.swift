import BudgetApp
import BudgetCore
import BudgetEngine
import Foundation
import SettlementReports

/// Reports out: the settlement workbook, its figures as JSON, the per-unit workbooks — made on demand
/// from the analysis in memory, written to a private temporary folder and sent with the names the
/// command line gives them. No request path is ever opened: a download's name is parsed into a year
/// (and a unit) that must exist in the plan, and the file is made from those.
enum ReportPages {
  /// What a download name asks for.
  enum Download: Equatable {
    case settlement(year: Int)
    case json(year: Int)
    case unit(year: Int, unit: UnitCode)
    /// The official forms (B01/BCQT, F01-01/BCQT, F01-02/BCQT, Mẫu 20f), as `kinhphi forms` names them.
    case forms(year: Int)

    /// `quyet-toan-2022.xlsx`, `quyet-toan-2022.json`, `quyet-toan-2022-XA01.xlsx`,
    /// `bao-cao-quyet-toan-2022.xlsx`; anything else is nil.
    init?(fileName: String) {
      if fileName.hasPrefix("bao-cao-") {
        // Only the exact name `kinhphi forms` gives a year's district forms.
        guard fileName.count == FormsRequest.defaultWorkbookPath(year: 2000).count,
          let year = Int(fileName.dropFirst("bao-cao-quyet-toan-".count).prefix(4)),
          fileName == FormsRequest.defaultWorkbookPath(year: year)
        else { return nil }
        self = .forms(year: year)
        return
      }
      let prefix = "quyet-toan-"
      guard fileName.hasPrefix(prefix), fileName.count < 120 else { return nil }
      var rest = Substring(fileName.dropFirst(prefix.count))
      let isJSON = rest.hasSuffix(".json")
      guard isJSON || rest.hasSuffix(".xlsx") else { return nil }
      rest = rest.dropLast(5)
      let yearText = rest.prefix(4)
      guard yearText.count == 4, yearText.allSatisfy(\.isASCII), let year = Int(yearText),
        yearText.allSatisfy(\.isNumber)
      else { return nil }
      rest = rest.dropFirst(4)
      if rest.isEmpty {
        self = isJSON ? .json(year: year) : .settlement(year: year)
        return
      }
      guard !isJSON, rest.hasPrefix("-") else { return nil }
      let code = rest.dropFirst()
      guard !code.isEmpty, code.unicodeScalars.allSatisfy(isCodeCharacter), code != ".", code != ".."
      else { return nil }
      self = .unit(year: year, unit: UnitCode(String(code)))
    }

    var fileName: String {
      switch self {
      case .settlement(let year): "quyet-toan-\(year).xlsx"
      case .json(let year): "quyet-toan-\(year).json"
      case .unit(let year, let unit): "quyet-toan-\(year)-\(unit.rawValue).xlsx"
      case .forms(let year): FormsRequest.defaultWorkbookPath(year: year)
      }
    }

    var year: Int {
      switch self {
      case .settlement(let year), .json(let year), .unit(let year, _), .forms(let year): year
      }
    }
  }

  static func page(_ view: WorkspaceView, year: Int, _ page: PageContext) -> String {
    let yearView = view.year(year)
    var out = OverviewPages.yearLinks(view, current: year) { "/reports?year=\($0)" }
    out += OverviewPages.status(yearView, page)
    if yearView.isDraft {
      out +=
        "<p>\(page.t("Bảng tính vẫn tải được để rà soát, nhưng là bản DỰ THẢO: trang Kiểm tra liệt kê các lỗi còn lại.", "The workbooks can still be downloaded for review, but they are DRAFTS: the Kiểm tra sheet lists the errors that stand."))</p>"
    }
    out += "<h2>\(page.t("Quyết toán năm \(year)", "Settlement of \(year)"))</h2><ul id=\"downloads\">"
    let settlement = Download.settlement(year: year)
    out +=
      "<li><a href=\"/download/\(settlement.fileName)\" download>\(settlement.fileName)</a> — \(page.t("bảng tính quyết toán (Tổng hợp, Theo nội dung, Theo đơn vị, Chi tiết chi, Kiểm tra, Chuyển nguồn, Biểu đồ)", "the settlement workbook"))</li>"
    let json = Download.json(year: year)
    out +=
      "<li><a href=\"/download/\(json.fileName)\" download>\(json.fileName)</a> — \(page.t("số liệu dạng JSON", "the figures as JSON"))</li>"
    let forms = Download.forms(year: year)
    out +=
      "<li><a href=\"/download/\(forms.fileName)\" download>\(forms.fileName)</a> — \(page.t("biểu mẫu báo cáo quyết toán B01/BCQT, F01-01/BCQT, F01-02/BCQT, Mẫu 20f (như kinhphi forms)", "the official settlement forms B01/BCQT, F01-01/BCQT, F01-02/BCQT, Form 20f (as kinhphi forms)"))</li></ul>"
    // The per-unit list (a province has thousands of units) is made once per year and language.
    out += yearView.memo("unit-downloads|\(page.language.rawValue)", words: { $0.utf8.count / 8 }) {
      let units = unitsWithFigures(yearView)
      guard !units.isEmpty else { return "" }
      var list = "<h2>\(page.t("Bảng tính theo đơn vị", "Per-unit workbooks"))</h2><ul id=\"unit-downloads\">"
      for unit in units {
        let download = Download.unit(year: year, unit: unit.code)
        list +=
          "<li><a href=\"/download/\(HTML.escape(download.fileName))\" download>\(HTML.escape(download.fileName))</a> — \(HTML.escape(unit.name))</li>"
      }
      return list + "</ul>"
    }
    return out
  }

  /// Units with a line or a payment in the year, in the plan's order.
  static func unitsWithFigures(_ yearView: YearView) -> [BudgetCore.Unit] {
    let present = Set(yearView.settlement.lines.map(\.key.unit)).union(
      yearView.settlement.payments.map(\.unit))
    return yearView.plan.units.filter { present.contains($0.code) }
  }
}
