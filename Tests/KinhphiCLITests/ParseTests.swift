import ArgumentParser
import BudgetCore
import SettlementReports
import Testing

@testable import kinhphi

/// Tier 1 of the CLI tests: every command's options and validation errors, parsed in process with
/// `Kinhphi.parseAsRoot` (no binary started, nothing read or written).
@Suite struct ParseTests {
  /// The command parsed from `arguments`, as its own type.
  func parse<Command: ParsableCommand>(_ arguments: [String], as: Command.Type) throws -> Command {
    let parsed = try Kinhphi.parseAsRoot(arguments)
    return try #require(parsed as? Command, "parsed as \(type(of: parsed))")
  }

  /// The message of the error that parsing (with validation) throws.
  func refusal(_ arguments: [String]) -> String {
    do {
      _ = try Kinhphi.parseAsRoot(arguments)
      return "parsed without an error"
    } catch {
      return Kinhphi.message(for: error)
    }
  }

  @Test func check() throws {
    let command = try parse(
      ["check", "ws", "--year", "2023", "--json", "--all", "--quiet", "--lang", "en"], as: CheckCommand.self)
    #expect(command.options.workspace == "ws")
    #expect(command.options.lang == .en)
    #expect(command.year == 2023 && command.json && command.all && command.quiet)
    let defaults = try parse(["check", "ws"], as: CheckCommand.self)
    #expect(defaults.year == nil && !defaults.json && !defaults.all && defaults.options.lang == .vi)
    #expect(refusal(["check", "ws", "--year", "hai"]).contains("--year"))
    #expect(refusal(["check", "ws", "--lang", "fr"]).contains("fr"))
    #expect(refusal(["check"]).contains("workspace"))
  }

  @Test func settleAYearAPhaseOrPerUnit() throws {
    let year = try parse(
      ["settle", "ws", "--year", "2022", "-o", "q.xlsx", "--scale", "trieu", "--template", "t.yaml"],
      as: SettleCommand.self)
    #expect(year.year == 2022 && year.output == "q.xlsx")
    // The workbook options every workbook-writing command shares.
    #expect(year.workbookOptions.scale == .trieu && year.workbookOptions.template == "t.yaml")
    let json = try parse(["settle", "ws", "--year", "2022", "--json", "-"], as: SettleCommand.self)
    #expect(json.json == "-")
    let phase = try parse(["settle", "ws", "--years", "2021-2025"], as: SettleCommand.self)
    #expect(phase.years?.range == 2021...2025 && phase.year == nil)
    let single = try parse(["settle", "ws", "--years", "2023"], as: SettleCommand.self)
    #expect(single.years?.range == 2023...2023)
    let perUnit = try parse(["settle", "ws", "--year", "2022", "--per-unit", "out"], as: SettleCommand.self)
    #expect(perUnit.perUnit == "out")
  }

  @Test func settleRefusesContradictoryChoices() {
    #expect(
      refusal(["settle", "ws"]) == "Cần --year NĂM hoặc --years A-B. / Give --year YEAR or --years A-B.")
    #expect(
      refusal(["settle", "ws", "--year", "2022", "--years", "2021-2022"])
        == "Chỉ một trong --year và --years. / Give only one of --year and --years.")
    #expect(
      refusal(["settle", "ws", "--years", "2021-2022", "--json", "x.json"])
        == "--years ghi bảng tính, không ghi JSON. / --years writes a workbook, not JSON.")
    #expect(
      refusal(["settle", "ws", "--year", "2022", "--per-unit", "d", "-o", "x.xlsx"])
        == "--per-unit không dùng cùng --json/-o/--years. / --per-unit cannot be combined with --json/-o/--years."
    )
    #expect(
      refusal(["settle", "ws", "--year", "2022", "--json", "x.json", "--template", "t.yaml"])
        == "--json không dùng cùng -o/--template. / --json cannot be combined with -o/--template.")
    // A range backwards, or outside the years kinhphi accepts, is not a range.
    #expect(refusal(["settle", "ws", "--years", "2025-2021"]).contains("--years"))
    #expect(refusal(["settle", "ws", "--years", "1-2"]).contains("--years"))
    #expect(refusal(["settle", "ws", "--year", "2022", "--scale", "ty"]).contains("ty"))
  }

  @Test func whatIf() throws {
    let command = try parse(
      [
        "whatif", "ws", "a.yaml", "b.yaml", "-o", "c.xlsx", "--json", "-", "--scale", "nghin", "--template",
        "t.yaml",
      ], as: WhatIfCommand.self)
    #expect(command.scenarios == ["a.yaml", "b.yaml"] && command.output == "c.xlsx" && command.json == "-")
    #expect(command.workbookOptions.scale == .nghin && command.workbookOptions.template == "t.yaml")
    #expect(command.sweep == nil)
    let sweep = try parse(
      ["whatif", "ws", "a.yaml", "--sweep", "scale.percent=-50..0 step 5"], as: WhatIfCommand.self)
    #expect(sweep.sweep == "scale.percent=-50..0 step 5")
    #expect(
      refusal(["whatif", "ws"]) == "Cần ít nhất một tệp kịch bản. / At least one scenario file is needed.")
    #expect(
      refusal(["whatif", "ws", "a.yaml", "b.yaml", "--sweep", "scale.percent=0..10 step 5"])
        == "--sweep chỉ dùng với một kịch bản. / --sweep takes exactly one scenario.")
  }

  @Test func close() throws {
    let command = try parse(
      ["close", "ws", "--year", "2023", "--force", "--yes", "--dry-run", "-o", "s.xlsx", "-o", "rows.csv"],
      as: CloseCommand.self)
    #expect(command.year == 2023 && command.force && command.yes && command.dryRun)
    // -o sorts itself by extension: .xlsx is a schedule, anything else the rows file.
    #expect(command.workbookPaths == ["s.xlsx"] && command.rowsPaths == ["rows.csv"])
    #expect(
      refusal(["close", "ws", "--year", "2023", "-o", "a.csv", "-o", "b.csv"])
        == "Chỉ một tệp nhận các dòng. / Only one rows file may be given.")
    #expect(refusal(["close", "ws"]).contains("--year"))
  }

  @Test func handover() throws {
    let command = try parse(
      ["handover", "ws", "--date", "30/06/2025", "--map", "m.yaml", "-o", "b.xlsx", "--rows", "r.csv"],
      as: HandoverCommand.self)
    #expect(command.date == "30/06/2025" && command.map == "m.yaml")
    #expect(command.output == "b.xlsx" && command.rows == "r.csv")
    #expect(refusal(["handover", "ws", "--date", "2025-06-30"]).contains("--map"))
    #expect(refusal(["handover", "ws", "--map", "m.yaml"]).contains("--date"))
  }

  @Test func importTable() throws {
    let command = try parse(
      [
        "import", "chi.xlsx", "--as", "spending", "--into", "ws", "--sheet", "Chi", "--replace-year", "2023",
        "--yes", "--dry-run", "--lang", "en",
      ], as: ImportCommand.self)
    #expect(command.file == "chi.xlsx" && command.table == .spending && command.into == "ws")
    #expect(command.sheet == "Chi" && command.replaceYear == 2023 && command.yes && command.dryRun)
    #expect(command.lang == .en)
    #expect(refusal(["import", "chi.xlsx", "--as", "payments", "--into", "ws"]).contains("payments"))
    #expect(
      refusal(["import", "chi.xlsx", "--as", "spending", "--into", "ws", "--force"]).hasPrefix(
        "--force không còn dùng"))
  }

  @Test func consolidate() throws {
    let command = try parse(
      ["consolidate", "district", "u1", "u2", "--year", "2023", "-o", "h.xlsx", "--lang", "en"],
      as: ConsolidateCommand.self)
    #expect(command.district == "district" && command.units == ["u1", "u2"] && command.year == 2023)
    #expect(command.output == "h.xlsx" && command.lang == .en)
    #expect(
      refusal(["consolidate", "district", "--year", "2023"])
        == "Cần ít nhất một thư mục đơn vị. / Expected at least one unit folder.")
  }

  @Test func generate() throws {
    let command = try parse(
      [
        "generate", "out", "--units", "20", "--payments", "500", "--years", "2022-2024", "--seed", "9",
        "--quiet",
      ],
      as: GenerateCommand.self)
    #expect(command.output == "out" && command.units == 20 && command.payments == 500)
    #expect(command.years == "2022-2024" && command.seed == 9 && command.quiet)
    let defaults = try parse(["generate", "out"], as: GenerateCommand.self)
    #expect(defaults.units == 100 && defaults.payments == 10_000 && defaults.seed == 1)
    #expect(refusal(["generate", "out", "--units", "many"]).contains("many"))
  }

  @Test func progress() throws {
    let command = try parse(
      ["progress", "ws", "--as-of", "30/06/2023", "--by", "unit", "--json", "p.json"],
      as: ProgressCommand.self)
    #expect(command.asOf == "30/06/2023" && command.by == .unit && command.json == "p.json")
    #expect(refusal(["progress", "ws"]).contains("--as-of"))
    #expect(refusal(["progress", "ws", "--as-of", "30/06/2023", "--by", "year"]).contains("year"))
  }

  @Test func anUnknownCommandOrOptionIsRefused() {
    #expect(refusal(["settel", "ws"]).contains("settel"))
    #expect(refusal(["check", "ws", "--yaer", "2023"]).contains("--yaer"))
  }
}
