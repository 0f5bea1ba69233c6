import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// Runs a reader and returns its errors (empty when it succeeded).
func inputErrors(_ body: () throws -> Void) -> InputErrors {
  do {
    try body()
    return InputErrors()
  } catch let errors as InputErrors {
    return errors
  } catch {
    Issue.record("unexpected error \(error)")
    return InputErrors()
  }
}

/// Expects exactly one error at `line` (and `column` when given) whose messages, in both languages,
/// mention every string of `mentions`.
@discardableResult
func expectError(
  _ errors: InputErrors, file: String, line: Int, column: Int? = nil, mentions: [String] = [],
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> InputError? {
  let matching = errors.errors.filter {
    $0.location?.file == file && $0.location?.line == line && (column == nil || $0.location?.column == column)
  }
  #expect(
    matching.count == 1, "expected one error at \(file):\(line):\(column ?? 0) in \(errors)",
    sourceLocation: sourceLocation)
  guard let error = matching.first else { return nil }
  #expect(!error.message.vi.isEmpty && !error.message.en.isEmpty, sourceLocation: sourceLocation)
  for text in mentions {
    #expect(
      error.message.vi.contains(text), "vi: \(error.message.vi) lacks \(text)", sourceLocation: sourceLocation
    )
    #expect(
      error.message.en.contains(text), "en: \(error.message.en) lacks \(text)", sourceLocation: sourceLocation
    )
  }
  return error
}

let spendingHeader = "id,voucher,date,year,source,activity,unit,amount,quantity,description,reverses"
let allocationsHeader = "year,source,activity,unit,kind,amount,origin_year,decision,decision_date,note"

func readSpending(_ text: String) throws -> [Payment] {
  try SpendingReader.read(bytes: Array(text.utf8), file: "spending.csv")
}

func readAllocations(_ text: String) throws -> [Allocation] {
  try AllocationsReader.read(bytes: Array(text.utf8), file: "allocations.csv")
}

func spendingErrors(_ text: String) -> InputErrors { inputErrors { _ = try readSpending(text) } }
func allocationErrors(_ text: String) -> InputErrors { inputErrors { _ = try readAllocations(text) } }
func planErrors(_ yaml: String) -> InputErrors {
  inputErrors { _ = try PlanReader.read(yaml: yaml, file: "plan.yaml") }
}

let validPlan = """
  plan:
    name: "Kế hoạch truyền thông 2021-2025"
    issuer: "UBND huyện Chiêm Hóa"
    office: "Phòng Tài chính - Kế hoạch"
    place: "Chiêm Hóa"
    first_year: 2021
    last_year: 2025
  sources:
    - code: TW
      name: "Ngân sách trung ương"
      kind: central
      carry_over_years: 1
    - code: TINH
      name: "Ngân sách tỉnh"
      kind: provincial
    - code: LG
      name: "Lồng ghép giảm nghèo"
      kind: pooled
      programme: "CTMTQG giảm nghèo bền vững"
  units:
    - code: HUYEN
      name: "UBND huyện"
    - code: PDT
      name: "Phòng Dân tộc"
      parent: HUYEN
  projects:
    - code: DA10
      name: "Dự án 10"
    - code: DA10.1
      name: "Tiểu dự án 1"
      parent: DA10
  activities:
    - code: PANO
      name: "Pano, áp phích"
      project: DA10.1
      sources: [TW, TINH]
      unit_cost_max: "7.000.000"
    - code: HN
      name: "Hội nghị"
      project: DA10
      unit_cost_max: 150000
  counterpart:
    - central: TW
      local: [TINH, LG]
      min_percent: 12.5
  checks:
    COUNTERPART_SHORT: warning
    UNSPENT: off

  """

/// A temporary workspace folder with the given files; removed by the caller.
func makeWorkspace(_ files: [String: [UInt8]]) throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "kinhphi-io-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  for (name, bytes) in files {
    try Data(bytes).write(to: folder.appendingPathComponent(name))
  }
  return folder
}
