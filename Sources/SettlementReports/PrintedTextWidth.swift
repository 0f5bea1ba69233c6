import Foundation

/// How wide text prints in Times New Roman, for row heights: neither Excel nor LibreOffice grows a
/// row for wrapped text a program wrote, so the height is computed here. Counting characters (the
/// first version) made one-line rows double height, because a Times letter is much narrower than the
/// digit a column-width unit is measured in. The advances are the Times Roman / Times Bold metrics
/// (thousandths of an em), which Times New Roman follows closely; Vietnamese letters measure as their
/// base letter (the diacritics do not widen a letter).
enum PrintedTextWidth {
  /// The width of `text` in points, at `fontSizePoints`.
  static func points(_ text: Substring, fontSizePoints: Double, bold: Bool) -> Double {
    var thousandths = 0
    for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
      thousandths += advance(scalar, bold: bold)
    }
    return Double(thousandths) / 1000 * fontSizePoints
  }

  /// The room for text in a column `width` Excel units wide, less `indentLevels` indents, in
  /// points: 7 pixels per unit at 96 pixels per inch (Excel adds 5 pixels of margin around them).
  static func usablePoints(columnWidth width: Double, indentLevels: Int) -> Double {
    // About 10 points per indent level (LibreOffice and Excel both indent by roughly that much).
    width * 7 * 0.75 - Double(indentLevels) * 10
  }

  private static func advance(_ scalar: Unicode.Scalar, bold: Bool) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .spacingMark: return 0
    default: break
    }
    let character = Character(scalar)
    if character == "đ" { return bold ? 556 : 500 }
    if character == "Đ" { return 722 }
    if let ascii = scalar.isASCII ? Int(scalar.value) : nil, ascii >= 32, ascii < 127 {
      return (bold ? boldASCII : regularASCII)[ascii - 32]
    }
    // Dashes, arrows, other symbols: about an en.
    return character == "—" ? 1000 : 556
  }

  // Advance widths of ASCII 32…126, Times-Roman.afm and Times-Bold.afm.
  private static let regularASCII: [Int] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  // space … /
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500,  // 0 … 9
    278, 278, 564, 564, 564, 444, 921,  // : … @
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
    611, 722, 722, 944, 722, 722, 611,  // A … Z
    333, 278, 333, 469, 500, 333,  // [ … `
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
    278, 500, 500, 722, 500, 500, 444,  // a … z
    480, 200, 480, 541,  // { … ~
  ]
  private static let boldASCII: [Int] = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
    333, 333, 570, 570, 570, 500, 930,
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556,
    667, 722, 722, 1000, 722, 722, 667,
    333, 278, 333, 581, 500, 333,
    500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
    333, 556, 500, 722, 500, 500, 444,
    394, 220, 394, 520,
  ]
}
