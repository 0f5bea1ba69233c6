import Foundation
import Testing
import XlsxReadBack

/// `kinhphi consolidate` on Chiêm Hóa and the unit submissions in SampleData/chiem-hoa-units.
@Suite("kinhphi consolidate")
struct ConsolidateTests {
  static let units = ["vhtt", "xa-hung-my", "xa-kim-binh"].map { CLIRunner.sample("chiem-hoa-units/" + $0) }

  @Test("the sample: one difference with both figures, exit 1, workbook with unit and reconciliation sheets")
  func sample() throws {
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("hop-nhat.xlsx")
    let result = try CLIRunner.run(
      ["consolidate", CLIRunner.sample("chiem-hoa")] + Self.units + [
        "--year", "2023", "-o", out.path, "--lang", "en",
      ],
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stdout.contains("ALLOCATION DIFFERENCES (1)"))
    #expect(result.stdout.contains("[xa-kim-binh] Amount differs: TW · MOHINH · XA_KIMBINH"))
    #expect(result.stdout.contains("district 15,000,000, unit 10,000,000 (difference -5,000,000)"))

    let book = try XlsxReadBack(url: out)
    let names = try book.sheetNames()
    #expect(names.contains("Reconciliation") && names.contains("Allocation differences"))
    #expect(
      names.contains("Unit VHTT") && names.contains("Unit XA_HUNGMY") && names.contains("Unit XA_KIMBINH"))
    // The consolidated totals equal the district's own settlement: the units sent the same payments.
    let settle = try CLIRunner.run(["settle", CLIRunner.sample("chiem-hoa"), "--year", "2023", "--json", "-"])
    let json = try JSONSerialization.jsonObject(with: Data(settle.stdout.utf8)) as? [String: Any]
    let spent = (json?["totals"] as? [String: Any])?["spent"] as? Int
    let summary = try book.cells(sheet: "Tổng hợp")
    let spentText = try #require(spent.map(String.init))
    #expect(summary.values.contains { $0.value == spentText })
    // Reconciliation: a difference cell holds −5,000,000 as a live formula.
    let reconciliation = try book.cells(sheet: "Reconciliation")
    #expect(reconciliation.values.contains { $0.formula != nil && $0.value == "-5000000" })
    // Unit sheets keep each payment's origin: submission/id and file!sheet:row.
    let strings = try book.sharedStrings()
    #expect(
      strings.contains { $0.hasPrefix("xa-kim-binh/") && Int($0.dropFirst("xa-kim-binh/".count)) != nil })
    #expect(strings.contains { $0.hasPrefix("xa-kim-binh/spending.xlsx!spending:") })
  }

  @Test("a missing unit folder and an empty unit list are refused")
  func refusals() throws {
    let missing = try CLIRunner.run([
      "consolidate", CLIRunner.sample("chiem-hoa"), "/nonexistent/unit", "--year", "2023",
    ])
    #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/unit"))
    let none = try CLIRunner.run(["consolidate", CLIRunner.sample("chiem-hoa"), "--year", "2023"])
    #expect(none.status != 0)
  }
}
