import BudgetCore
import Foundation
import Testing
import XlsxReadBack

@testable import KinhphiWeb

/// The what-if form (issue 14, point 4): the five operations typed into fields build the same scenario
/// as the YAML file and run through the same `KinhphiApp.whatIf`; bad values come back located at
/// their field in both languages; nothing in the workspace changes.
@Suite struct WhatIfFormRouteTests {
  /// The result tables (changed and broken lines) and the counts above them, without the scenario's name.
  static func result(_ html: String) throws -> String {
    let panel = try #require(html.range(of: "id=\"whatif-result\""))
    let start = try #require(html.range(of: "<p>", range: panel.upperBound..<html.endIndex))
    return String(html[start.lowerBound...])
  }

  /// Each operation of the form against the same operation as YAML: the page's result tables match.
  static let cases: [(yaml: String, form: [String: String])] = [
    (
      "  - scale: {source: TINH, percent: -30}\n",
      [
        "operation": "scale", "scale.source": "TINH", "scale.activity": "", "scale.unit": "",
        "scale.percent": "-30",
      ]
    ),
    (
      "  - move:\n      from: {source: TW, activity: PANO, unit: XA_NGOCHOI}\n"
        + "      to: {source: TW, activity: PTTH, unit: TTVH}\n      amount: 7000000\n",
      [
        "operation": "move", "move.from.source": "TW", "move.from.activity": "PANO",
        "move.from.unit": "XA_NGOCHOI",
        "move.to.source": "TW", "move.to.activity": "PTTH", "move.to.unit": "TTVH",
        "move.amount": "7.000.000",
      ]
    ),
    (
      "  - set: {line: {source: HUYEN, activity: PANO, unit: XA_YENLAP}, amount: 20000000}\n",
      [
        "operation": "set", "set.source": "HUYEN", "set.activity": "PANO", "set.unit": "XA_YENLAP",
        "set.amount": "20000000",
      ]
    ),
    (
      "  - distribute: {source: TW, activity: HOINGHI, amount: 60000000, min: 6000000, max: 30000000, "
        + "over: {XA_BINHAN: 3, XA_HOAPHU: 1, XA_NGOCHOI: 2}}\n",
      [
        "operation": "distribute", "distribute.source": "TW", "distribute.activity": "HOINGHI",
        "distribute.amount": "60.000.000", "distribute.min": "6000000", "distribute.max": "30000000",
        "distribute.over": "XA_BINHAN: 3\nXA_HOAPHU: 1, XA_NGOCHOI: 2",
      ]
    ),
    (
      "  - cofinance: {activity: PANO, unit: PDT, total: 100000000, shares: {TW: 90, HUYEN: 10}}\n",
      [
        "operation": "cofinance", "cofinance.activity": "PANO", "cofinance.unit": "PDT",
        "cofinance.total": "100000000",
        "cofinance.shares": "TW: 90\nHUYEN: 10",
      ]
    ),
  ]

  @Test func eachOperationOfTheFormRunsLikeTheSameYAML() async throws {
    let workspace = try sampleWorkspace()
    let before = try Data(contentsOf: URL(fileURLWithPath: workspace + "/allocations.csv"))
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      let empty = try await browser.get("/whatif").text
      #expect(empty.contains("id=\"whatif-builder\""))
      #expect(empty.contains("<option value=\"TINH\">TINH · "))
      for (yaml, form) in Self.cases {
        let text = "scenario:\n  name: x\n  year: 2023\noperations:\n" + yaml
        let fromYAML = try await browser.post("/whatif", fields: ["file": "", "text": text])
        #expect(fromYAML.status == .ok, "\(yaml)")
        let fromForm = try await browser.post(
          "/whatif/form", fields: form.merging(["year": "2023", "name": "x"]) { $1 })
        #expect(fromForm.status == .ok, "\(form)")
        let expected = try Self.result(fromYAML.text)
        #expect(try Self.result(fromForm.text) == expected, "\(form)")
        // Something changed: a scenario that changes nothing would make this comparison empty.
        #expect(expected.contains("<tr class=\"changed\">") || expected.contains("<tr class=\"broken\">"))
        // The form keeps its values for the next change.
        let first = form.first { $0.key.contains(".") && !$0.value.isEmpty && !$0.value.contains("\n") }
        if let (field, value) = first {
          #expect(
            fromForm.text.contains("name=\"\(field)\" value=\"\(HTML.escape(value))\"")
              || fromForm.text.contains("value=\"\(value)\" selected"))
        }
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace + "/allocations.csv")) == before)
  }

  @Test func badValuesAreLocatedAtTheirFieldsInBothLanguages() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      _ = try await browser.get("/whatif")
      let scale = try await browser.post(
        "/whatif/form",
        fields: ["year": "2023", "operation": "scale", "scale.source": "TINH", "scale.percent": "-130"])
      #expect(scale.status == .unprocessableContent)
      #expect(
        scale.text.contains(
          "<span class=\"field-error\" data-field=\"scale.percent\">'percent' không hợp lệ &#39;-130&#39;"
            .replacingOccurrences(of: "'percent'", with: "&#39;percent&#39;")))
      #expect(scale.text.contains("expected a number from -100 to 100"))
      #expect(
        scale.text.contains(
          "id=\"f-scale.percent\" name=\"scale.percent\" value=\"-130\" placeholder=\"-30\" aria-invalid=\"true\""
        ))

      let cofinance = try await browser.post(
        "/whatif/form",
        fields: [
          "year": "20x3", "operation": "cofinance", "cofinance.activity": "PANO", "cofinance.unit": "PDT",
          "cofinance.total": "1.000.00x", "cofinance.shares": "TW: 90\nHUYEN: 5",
        ])
      #expect(cofinance.status == .unprocessableContent)
      let errors = cofinance.text.components(separatedBy: "class=\"field-error\" data-field=\"").dropFirst()
        .map {
          String($0.prefix { $0 != "\"" })
        }
      #expect(errors.sorted() == ["cofinance.shares", "cofinance.total", "year"])
      #expect(cofinance.text.contains("cộng lại 95%, cần đúng 100%"))
      #expect(cofinance.text.contains("add up to 95%, expected exactly 100%"))

      let move = try await browser.post(
        "/whatif/form", fields: ["year": "2023", "operation": "move", "move.from.source": "tw x"])
      #expect(move.status == .unprocessableContent)
      for field in ["move.from.source", "move.from.activity", "move.to.unit", "move.amount"] {
        #expect(move.text.contains("data-field=\"\(field)\""), "\(field)")
      }
      let unknown = try await browser.post("/whatif/form", fields: ["year": "2023", "operation": "drop"])
      #expect(unknown.status == .unprocessableContent)
      #expect(unknown.text.contains("data-field=\"operation\""))
    }
  }

  @Test func aCodeThePlanLacksIsRefusedByTheSameRunAsAFile() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      _ = try await browser.get("/whatif")
      let page = try await browser.post(
        "/whatif/form",
        fields: ["year": "2023", "operation": "scale", "scale.source": "KHONGCO", "scale.percent": "-10"])
      #expect(page.status == .unprocessableContent)
      #expect(page.text.contains("id=\"input-errors\""))
      #expect(page.text.contains("KHONGCO"))
      // The form is shown again with what was typed.
      #expect(page.text.contains("id=\"whatif-builder\""))
    }
  }

  @Test func theFormsComparisonWorkbookIsTheFilesWorkbook() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    let (fromFile, fromForm) = try await withPage(options) { browser in
      _ = try await browser.get("/whatif")
      let file = try await browser.post("/whatif/workbook", fields: ["file": "tinh-giam-30.yaml"])
      #expect(file.status == .ok)
      _ = try await browser.get("/whatif")  // a download carries no form token: the next post takes a page's
      let form = try await browser.post(
        "/whatif/form/workbook",
        fields: [
          "year": "2023", "name": "Tỉnh giảm 30% đối ứng", "operation": "scale", "scale.source": "TINH",
          "scale.percent": "-30",
        ])
      #expect(form.status == .ok)
      #expect(form.headers[.contentDisposition] == "attachment; filename=\"so-sanh-2023.xlsx\"")
      return (Data(file.body.readableBytesView), Data(form.body.readableBytesView))
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "web-form-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try fromFile.write(to: folder.appendingPathComponent("file.xlsx"))
    try fromForm.write(to: folder.appendingPathComponent("form.xlsx"))
    let expected = try XlsxReadBack(url: folder.appendingPathComponent("file.xlsx"))
    let workbook = try XlsxReadBack(url: folder.appendingPathComponent("form.xlsx"))
    let sheets = try workbook.sheetNames()
    let expectedSheets = try expected.sheetNames()
    #expect(sheets.count >= 2 && sheets == expectedSheets)
    // Every cell's value and formula as the scenario file's workbook has them (the name made equal).
    for sheet in sheets {
      let cells = try workbook.cells(sheet: sheet)
      #expect(!cells.isEmpty)
      let expectedCells = try expected.cells(sheet: sheet)
      #expect(cells == expectedCells, "\(sheet)")
    }
  }
}
