/// Plain aligned columns for the terminal (widths in characters, i.e. grapheme clusters, so
/// Vietnamese letters count one each).
public enum TextTable {
  /// The table as one text: each line indented by two spaces and ended by a newline.
  public static func render(headers: [String]?, rows: [[String]], rightAligned: Set<Int>) -> String {
    lines(headers: headers, rows: rows, rightAligned: rightAligned).map { $0 + "\n" }.joined()
  }

  /// The table's lines (headers first), indented by two spaces, without trailing spaces — for a
  /// caller that puts something under each row.
  public static func lines(headers: [String]?, rows: [[String]], rightAligned: Set<Int>) -> [String] {
    let all = (headers.map { [$0] } ?? []) + rows
    guard let columns = all.first?.count else { return [] }
    let widths = (0..<columns).map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { cells in
      var line =
        "  "
        + cells.enumerated().map { index, cell in
          let padding = String(repeating: " ", count: widths[index] - cell.count)
          return rightAligned.contains(index) ? padding + cell : cell + padding
        }.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      return line
    }
  }
}
