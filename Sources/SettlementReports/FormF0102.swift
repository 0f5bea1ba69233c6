import BudgetCore
import BudgetEngine

/// The chỉ tiêu of F01-02/BCQT: B01's không thường xuyên rows, with B01's mã số (docs/forms.md).
public enum F0102Row: String, CaseIterable, Sendable {
  case r05 = "05", r06 = "06", r07 = "07", r10 = "10", r13 = "13", r16 = "16", r19 = "19"
  case r25 = "25", r26 = "26", r27 = "27", r28 = "28", r33 = "33", r34 = "34", r35 = "35"

  public var code: String { rawValue }
  var b01: B01Row { B01Row(rawValue: rawValue)! }

  /// The rows this row adds, as B01 prints them (13 adds 05 and 10 on B01 too).
  public var sumOf: [F0102Row] { b01.sumOf.map { F0102Row(rawValue: $0.rawValue)! } }

  /// Whole chỉ tiêu print bold; their parts ("–") under them.
  public var isHeading: Bool { [.r05, .r10, .r13, .r16, .r19, .r25, .r33].contains(self) }

  public func label(_ language: Language) -> String {
    let vi = language == .vi
    switch self {
    case .r05:
      return vi
        ? "Số dư kinh phí năm trước chuyển sang (05=06+07)"
        : "Balance carried in from the previous year (05=06+07)"
    case .r10: return vi ? "Dự toán được giao trong năm" : "Allocated in the year"
    case .r13:
      return vi ? "Tổng số được sử dụng trong năm (13=05+10)" : "Total available in the year (13=05+10)"
    case .r16: return vi ? "Kinh phí thực nhận trong năm" : "Funds actually received in the year"
    case .r19: return vi ? "Kinh phí đề nghị quyết toán" : "Proposed for settlement"
    case .r25: return vi ? "Kinh phí giảm trong năm (25=26+27+28)" : "Reductions in the year (25=26+27+28)"
    case .r33:
      return vi
        ? "Số dư kinh phí được phép chuyển sang năm sau sử dụng và quyết toán (33=34+35)"
        : "Balance allowed to carry over to next year (33=34+35)"
    default: return b01.label(language)
    }
  }
}

/// Mẫu số F01-02/BCQT "Báo cáo chi tiết kinh phí chương trình, dự án": per programme, dự án and tiểu
/// dự án (codes from plan.yaml), the không thường xuyên chỉ tiêu in three columns — the total approved
/// for the phase, this year, and the figure since the phase began (docs/forms.md says which parts of
/// this layout are inferred). Plain data from `Analysis.programmeFigures`.
public struct F0102Form: Hashable, Sendable {
  public struct Line: Hashable, Sendable {
    public let row: F0102Row
    public let label: String
    /// Tổng số kinh phí được duyệt: on the dự toán row only.
    public let approved: Money?
    public let year: Money?
    public let cumulative: Money?
  }

  public struct Block: Hashable, Sendable {
    /// Nil: the programme as a whole.
    public let project: ProjectCode?
    public let code: Coded<NationalProgrammeCode>
    public let label: String
    /// 0 programme, 1 dự án, 2 tiểu dự án, …
    public let depth: Int
    /// Indices (into `blocks`) of the blocks this one adds up, when it has no money of its own: its
    /// own rows are then formulas over theirs. Empty: its figures stand as numbers.
    public let sumOfBlocks: [Int]
    public let lines: [Line]

    public func line(_ row: F0102Row) -> Line { lines[F0102Row.allCases.firstIndex(of: row)!] }
  }

  public let year: Int
  public let blocks: [Block]

  public init(year: Int, plan: Plan, projects: [ProjectFigures], language: Language) {
    self.year = year
    let vi = language == .vi
    let index = Dictionary(uniqueKeysWithValues: projects.enumerated().map { ($1.project, $0) })
    blocks = projects.map { figures in
      func amounts(_ treasury: TreasuryFigures) -> [String: Money] {
        let form = B01Form(
          year: year, figures: treasury.figures, treasury: B01TreasurySplit(treasury), language: language)
        return Dictionary(
          uniqueKeysWithValues: form.rows.compactMap { row in row.amount.map { (row.code, $0) } })
      }
      let thisYear = amounts(figures.year)
      let since = amounts(figures.sinceFirstYear)
      let opening = amounts(figures.firstYear)
      let lines = F0102Row.allCases.map { row -> Line in
        // Since the phase began: the flows summed over the years; the balance carried in is the one the
        // phase began with, the balance carried over this year's; 13 = 05 + 10 as on the form.
        let cumulative: Money?
        switch row {
        case .r05, .r06, .r07: cumulative = opening[row.code]
        case .r13: cumulative = (opening["05"] ?? .zero) + (since["10"] ?? .zero)
        case .r33, .r34, .r35: cumulative = thisYear[row.code]
        default: cumulative = since[row.code]
        }
        return Line(
          row: row, label: row.label(language), approved: row == .r10 ? figures.approvedAllocated : nil,
          year: thisYear[row.code], cumulative: cumulative)
      }
      let name =
        (figures.project.map { plan.projectByCode[$0]?.name ?? $0.rawValue }
          ?? (vi ? "Chương trình mục tiêu quốc gia" : "National target programme"))
        + (figures.code == .missing ? (vi ? " (chưa có mã)" : " (not coded)") : "")
      let children =
        figures.project == nil
        ? projects.enumerated().filter { $1.depth == 1 }.map(\.offset)
        : figures.children.compactMap { index[$0] }
      return Block(
        project: figures.project, code: figures.code, label: name, depth: figures.depth,
        sumOfBlocks: figures.hasOwnMoney ? [] : children, lines: lines)
    }
  }
}

extension FormsWorkbook {
  /// Each block: its heading row (the programme's or project's name and code), then its chỉ tiêu with
  /// their mã số. A chỉ tiêu that adds others is a formula within the block; a block without money of
  /// its own adds its sub-projects' blocks cell by cell.
  func f0102Content(_ form: F0102Form, sheet: TemplateSheet<F0102Column>, layout: SheetLayout) -> TableContent
  {
    let columns = sheet.columns.map { column -> TableColumn in
      switch column.show {
      case .stt:
        TableColumn(heading: column.heading, number: "A", kind: .centeredText, fixedWidth: column.width)
      case .label:
        TableColumn(heading: column.heading, number: "B", kind: .text(maxWidth: 62), fixedWidth: column.width)
      case .code:
        TableColumn(heading: column.heading, number: "C", kind: .centeredText, fixedWidth: column.width)
      case .approved:
        TableColumn(heading: column.heading, number: "1", kind: .money, fixedWidth: column.width)
      case .year: TableColumn(heading: column.heading, number: "2", kind: .money, fixedWidth: column.width)
      case .cumulative:
        TableColumn(heading: column.heading, number: "3", kind: .money, fixedWidth: column.width)
      }
    }
    let rowsPerBlock = 1 + F0102Row.allCases.count
    let blockRow = { (block: Int) in layout.firstDataRow + block * rowsPerBlock }
    let lineRow = { (block: Int, row: F0102Row) in
      blockRow(block) + 1 + F0102Row.allCases.firstIndex(of: row)!
    }
    var rows: [TableRow] = []
    var numbers: [Int] = []
    for (blockIndex, block) in form.blocks.enumerated() {
      // STT: I for the programme, 1, 2 … for its dự án, 1.1 … for their tiểu dự án.
      let stt: String
      if block.depth == 0 {
        stt = "I"
        numbers = []
      } else {
        numbers = Array(numbers.prefix(block.depth))
        if numbers.count < block.depth { numbers.append(0) }
        numbers[block.depth - 1] += 1
        stt = numbers.map(String.init).joined(separator: ".")
      }
      // The programme's or project's heading stands out like a total row, so each block is found.
      rows.append(
        TableRow(
          emphasis: .total,
          cells: sheet.columns.map { column in
            switch column.show {
            case .stt: .text(stt)
            case .label: .text(block.label)
            case .code: .text(block.code.code?.rawValue ?? "")
            case .approved, .year, .cumulative: .empty
            }
          }))
      for line in block.lines {
        func cell(_ amount: Money?, column: Int) -> CellContent {
          guard let amount else { return .empty }
          let parts: [Int]
          if !line.row.sumOf.isEmpty {
            parts = line.row.sumOf.map { lineRow(blockIndex, $0) }
          } else if !block.sumOfBlocks.isEmpty {
            parts = block.sumOfBlocks.map { lineRow($0, line.row) }
          } else {
            return .money(amount)
          }
          return .formula(
            parts.map { FormulaText.cell(row: $0, column: column) }.joined(separator: "+"), cached: amount)
        }
        rows.append(
          TableRow(
            emphasis: line.row.isHeading ? .group(level: 0) : .detail(level: 1),
            cells: sheet.columns.enumerated().map { column, template in
              switch template.show {
              case .stt: .empty
              case .label: .text(line.label)
              case .code: .text(line.row.code)
              case .approved: cell(line.approved, column: column)
              case .year: cell(line.year, column: column)
              case .cumulative: cell(line.cumulative, column: column)
              }
            }))
      }
    }
    return TableContent(columns: columns, rows: rows)
  }
}
