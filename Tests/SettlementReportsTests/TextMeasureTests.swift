import Testing
import Xlsx

@testable import SettlementReports

/// Column widths and row heights are measured scalar by scalar for simple text (`SimpleScalar`)
/// and by `Character`s otherwise. Both must give exactly what the `Character` walk gives, so every
/// workbook keeps its sizes: checked on every string up to three scalars long over a pool that has
/// what breaks the simple rules (CR LF, marks after spaces and controls, prepended and joined
/// scalars, other scripts), and on longer strings over a smaller pool.
@Suite struct TextMeasureTests {
  static let pool: [String] = [
    "a", "W", "1", " ", "\n", "\r", "\t", "\u{AD}", "\u{301}", "\u{323}", "ế", "Đ", "đ", "é", "—", "…",
    "\u{200D}", "👍", "\u{600}", "한", "\u{1F1FB}", "\u{0483}",
  ]
  static let longPool: [String] = ["a", "ế", " ", "\n", "\u{301}", "\r", "W", "Đ"]

  static func strings(_ pool: [String], length: Int) -> [String] {
    var result = [""]
    for _ in 0..<length { result = result.flatMap { prefix in pool.map { prefix + $0 } } }
    return result
  }

  static var cases: [String] {
    (1...3).flatMap { strings(pool, length: $0) } + strings(longPool, length: 5)
      + [
        "Chi hội nghị biểu dương người có uy tín", "Thanh toán cấp báo \"Dân tộc và Phát triển\" quý",
        "Tiểu dự án 1: Biểu dương, tôn vinh; phổ biến, giáo dục pháp luật; truyền thông",
        "P00012345", "Hoạt động  hai  khoảng trắng\nvà dòng mới\n\n", "Tổng cộng — NGUỒN TRUNG ƯƠNG",
        "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t", "a\r\nb", "x \u{301}y",
      ]
  }

  @Test func characterWidthIsTheGraphemeCount() {
    var simple = 0
    for text in Self.cases {
      let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
      #expect(TextWidth.characters(text) == expected, "\(text.unicodeScalars.map { $0.value })")
      if TextWidth.simpleCharacters(text) != nil { simple += 1 }
    }
    // The fast walk is taken for most of them (else this test would test nothing).
    #expect(simple > Self.cases.count / 3)
  }

  @Test func advancesAreThoseOfTheDecomposition() {
    for text in Self.cases {
      for bold in [false, true] {
        #expect(
          PrintedTextWidth.thousandths(Substring(text), bold: bold)
            == PrintedTextWidth.decomposedThousandths(Substring(text), bold: bold),
          "\(text.unicodeScalars.map { $0.value })")
      }
    }
    #expect(PrintedTextWidth.thousandths("Đế", bold: false) == 722 + 444)
  }

  @Test func wrappedLinesAreThoseOfTheCharacterWalk() {
    var simple = 0
    for text in Self.cases {
      for width in [1.0, 2.5, 9.0, 60.0] {
        for bold in [false, true] {
          let usable = PrintedTextWidth.usablePoints(columnWidth: width, indentLevels: 0) / 1.01
          let grapheme = SheetFrame.graphemeWrappedLines(text, usable: usable, fontSizePoints: 12, bold: bold)
          if let lines = PrintedTextWidth.simpleWrappedLines(
            text, usable: usable, fontSizePoints: 12, bold: bold)
          {
            simple += 1
            #expect(lines == grapheme, "\(text.unicodeScalars.map { $0.value }) width \(width)")
          }
        }
      }
    }
    #expect(simple > Self.cases.count * 8 / 3)
  }
}
