import Foundation
import Testing
import XlsxReadBack

/// `kinhphi close` on temporary copies of the sample workspaces (SampleData is never modified).
@Suite struct CloseCommandTests {
  /// A copy of a sample workspace in a fresh temporary folder.
  static func copy(_ sample: String) throws -> URL {
    let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("ws")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: CLIRunner.sample(sample)), to: folder)
    return folder
  }

  static func allocations(_ workspace: URL) throws -> String {
    String(decoding: try Data(contentsOf: workspace.appendingPathComponent("allocations.csv")), as: UTF8.self)
  }

  /// features/close-chain (see its plan): closing 2023 carries TW 10.000.000 (origin 2022) and
  /// 50.000.000 (origin 2023); HUYEN's 3.000.000 of 2022 is cancelled a year after its carry-over.
  @Test func closeAppendsOnceThenAddsNothing() throws {
    let workspace = try Self.copy("features/close-chain")
    let before = try Self.allocations(workspace)

    let refused = try CLIRunner.run(["close", workspace.path, "--year", "2023"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--yes"))
    #expect(refused.stdout.contains("10.000.000") && refused.stdout.contains("50.000.000"))
    #expect(try Self.allocations(workspace) == before)

    let first = try CLIRunner.run(["close", workspace.path, "--year", "2023", "--yes"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("hủy dự toán 3.000.000"))
    let after = try Self.allocations(workspace)
    // The file's ';' and CRLF; the note has a comma but no ';', so it needs no quotes.
    #expect(
      after == before
        + "2024;TW;PANO;PDT;carry_in;10000000;2022;....../QĐ-UBND;;Dự toán năm 2023 chuyển sang (chuyển nguồn), năm gốc 2022\r\n"
        + "2024;TW;PANO;PDT;carry_in;50000000;2023;....../QĐ-UBND;;Dự toán năm 2023 chuyển sang (chuyển nguồn), năm gốc 2023\r\n"
    )

    let second = try CLIRunner.run(["close", workspace.path, "--year", "2023", "--yes"])
    #expect(second.status == 0)
    #expect(second.stdout.contains("đã khóa sổ"))
    #expect(try Self.allocations(workspace) == after)
    #expect(try CLIRunner.run(["check", workspace.path]).status == 0)
  }

  @Test func aYearChangedAfterClosingIsAMismatchWithTheDifference() throws {
    let workspace = try Self.copy("features/close-chain")
    let spending = workspace.appendingPathComponent("spending.csv")
    let handle = try FileHandle(forWritingTo: spending)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("s9,2022-12-20,TW,PANO,PDT,1500000,Nhập muộn\n".utf8))
    try handle.close()

    let check = try CLIRunner.run(["check", workspace.path, "--year", "2023", "--lang", "en"])
    #expect(check.status == 1)
    #expect(check.stdout.contains("CARRY_IN_MISMATCH"))
    #expect(check.stdout.contains("difference 1,500,000"))

    let close = try CLIRunner.run(["close", workspace.path, "--year", "2022", "--yes"])
    #expect(close.status == 1)
    #expect(close.stdout.contains("38.500.000") && close.stdout.contains("40.000.000"))
    #expect(close.stdout.contains("1.500.000"))
  }

  @Test func aYearWithErrorsIsRefusedUnlessForcedAndTheScheduleIsWritten() throws {
    let workspace = try Self.copy("chiem-hoa")
    let before = try Self.allocations(workspace)
    let refused = try CLIRunner.run(["close", workspace.path, "--year", "2023", "--yes"])
    #expect(refused.status == 2)  // refused: nothing written
    #expect(refused.stdout.contains("--force"))
    #expect(refused.stdout.contains("OVERSPEND"))

    let book = workspace.deletingLastPathComponent().appendingPathComponent("chuyen-nguon-2023.xlsx")
    let forced = try CLIRunner.run([
      "close", workspace.path, "--year", "2023", "--force", "--yes", "-o", book.path,
    ])
    #expect(forced.status == 1, "\(forced.stderr)")  // written, but the year's OVERSPEND stands
    // The 2024 carry-in rows of the sample are exactly what closing 2023 yields: nothing to add.
    #expect(forced.stdout.contains("10 đã ghi đúng, 0 cần thêm"))
    #expect(try Self.allocations(workspace) == before)

    let read = try XlsxReadBack(url: book)
    #expect(try read.sheetNames() == ["Chuyển nguồn"])
    let cells = try read.cells(sheet: "Chuyển nguồn")
    // 12 unspent portions (EXPECTED.md, 2023); the total row sums the carry-over to 45.550.000.
    #expect(cells["H21"]?.formula == "SUM(H9:H20)")
    #expect(cells["H21"]?.value == "45550000")
    // No advances in the sample: the carry-over is all số dư dự toán (I), no số dư tạm ứng (J);
    // cancelled (K) 3.200.000, none of it an advance to pay back (L).
    #expect(cells["I21"]?.value == "45550000")
    #expect(cells["J21"]?.value == "0")
    #expect(cells["K21"]?.value == "3200000")
    #expect(cells["L21"]?.value == "0")
  }

  @Test func theLastPlanYearWritesOnlyToASeparateFile() throws {
    let workspace = try Self.copy("features/close-chain")
    _ = try CLIRunner.run(["close", workspace.path, "--year", "2023", "--yes"])
    let outside = try CLIRunner.run(["close", workspace.path, "--year", "2024", "--yes"])
    #expect(outside.status == 2)
    #expect(outside.stderr.contains("2025"))
    let rows = workspace.deletingLastPathComponent().appendingPathComponent("mo-so-2025.csv")
    let separate = try CLIRunner.run([
      "close", workspace.path, "--year", "2024", "--yes", "--output", rows.path,
    ])
    #expect(separate.status == 0, "\(separate.stderr)")
    let text = String(decoding: try Data(contentsOf: rows), as: UTF8.self)
    // Same header and delimiter as allocations.csv; 2024 keeps 10.000.000 (2022, TW usable through 2024:
    // cancelled at its end, so not carried) — only the 2023 and 2024 money carries.
    #expect(
      text.hasPrefix("year;source;activity;unit;kind;amount;origin_year;decision;decision_date;note\r\n"))
    #expect(text.contains("2025;TW;PANO;PDT;carry_in;50000000;2023;"))
    #expect(!text.contains(";2022;"))
  }

  /// Issue 13 §3: the dry run listed 19 rows it "will add" to 2026, which the real run then refused.
  @Test func aDryRunRefusesExactlyWhatTheRealRunRefuses() throws {
    let workspace = try Self.copy("chiem-hoa")
    let before = try Self.allocations(workspace)
    let dryRun = try CLIRunner.run(["close", workspace.path, "--year", "2025", "--dry-run"])
    let real = try CLIRunner.run(["close", workspace.path, "--year", "2025", "--yes"])
    let expected =
      "Không khóa sổ năm 2025: năm 2026 nằm ngoài kế hoạch 2021–2025, nên không ghi được số chuyển nguồn vào allocations.csv; không ghi gì. Dùng --output TỆP để ghi các dòng ra tệp riêng, hoặc `kinhphi handover` để bàn giao số dư.\n"
      + "Not closing 2025: 2026 is outside the plan 2021–2025, so its carry-in rows cannot go into allocations.csv; nothing written. Use --output FILE to write the rows to a file of their own, or `kinhphi handover` to hand the balances over.\n"
    for run in [dryRun, real] {
      #expect(run.status == 2)
      #expect(run.stderr == expected)
      #expect(run.stdout == "")
    }
    #expect(try Self.allocations(workspace) == before)
    // With a rows file of its own the dry run shows the 19 rows and writes nothing.
    let rows = workspace.deletingLastPathComponent().appendingPathComponent("mo-so-2026.csv")
    let separate = try CLIRunner.run([
      "close", workspace.path, "--year", "2025", "--dry-run", "--output", rows.path,
    ])
    #expect(separate.status == 0, "\(separate.stderr)")
    #expect(separate.stdout.contains("19 cần thêm"))
    #expect(!FileManager.default.fileExists(atPath: rows.path))
  }
}
