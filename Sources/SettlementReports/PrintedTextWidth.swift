import Foundation
import Xlsx

/// How wide text prints in Times New Roman, for row heights: neither Excel nor LibreOffice grows a
/// row for wrapped text a program wrote, so the height is computed here. Counting characters (the
/// first version) made one-line rows double height, because a Times letter is much narrower than the
/// digit a column-width unit is measured in. The advances are the Times Roman / Times Bold metrics
/// (thousandths of an em), which Times New Roman follows closely; Vietnamese letters measure as their
/// base letter (the diacritics do not widen a letter).
enum PrintedTextWidth {
  /// The width of `text` in points, at `fontSizePoints`.
  static func points(_ text: Substring, fontSizePoints: Double, bold: Bool) -> Double {
    Double(thousandths(text, bold: bold)) / 1000 * fontSizePoints
  }

  /// The advance of `text` in thousandths of an em: the advances of its canonical decomposition.
  /// A decomposition is the decompositions of its scalars one after another (reordering marks
  /// changes no sum), so below `tableScalars` each scalar's sum is looked up in a table made once;
  /// decomposing every cell's text with Foundation took most of the time spent sizing rows.
  static func thousandths(_ text: Substring, bold: Bool) -> Int {
    let table = bold ? boldTable : regularTable
    var sum = 0
    for scalar in text.unicodeScalars {
      let value = Int(scalar.value)
      guard value < tableScalars else { return decomposedThousandths(text, bold: bold) }
      sum += Int(table[value])
    }
    return sum
  }

  /// `SheetFrame.wrappedLines` in one walk over the scalars, for simple text (`SimpleScalar`): the
  /// same words, the same Double arithmetic in the same order, so the same count. Nil for other text.
  static func simpleWrappedLines(_ text: String, usable: Double, fontSizePoints size: Double, bold: Bool)
    -> Int?
  {
    let table = bold ? boldTable : regularTable
    let space = Double(table[0x20]) / 1000 * size
    var total = 0
    var paragraph = WrappedLines(usable: usable, spacePoints: space)
    var word = 0
    var inWord = false
    var previous: Unicode.Scalar = "\n"
    func endWord() {
      guard inWord else { return }
      paragraph.add(wordPoints: Double(word) / 1000 * size)
      word = 0
      inWord = false
    }
    for scalar in text.unicodeScalars {
      guard let kind = SimpleScalar.kind(scalar, after: previous), Int(scalar.value) < tableScalars else {
        return nil
      }
      previous = scalar
      if kind == .newline {
        endWord()
        total += paragraph.lines
        paragraph = WrappedLines(usable: usable, spacePoints: space)
      } else if scalar.value == 0x20 {
        endWord()
      } else {
        word += Int(table[Int(scalar.value)])
        inWord = true
      }
    }
    endWord()
    return total + paragraph.lines
  }

  /// One paragraph filled word by word, breaking at spaces as a spreadsheet does: the rule both
  /// `simpleWrappedLines` and `SheetFrame.graphemeWrappedLines` count with.
  struct WrappedLines {
    let usable: Double
    let spacePoints: Double
    private(set) var lines = 1
    private var current = 0.0

    init(usable: Double, spacePoints: Double) {
      self.usable = usable
      self.spacePoints = spacePoints
    }

    mutating func add(wordPoints length: Double) {
      if current == 0 {
        // A word wider than the column is broken across lines.
        lines += max(Int((length / max(usable, 1)).rounded(.up)) - 1, 0)
        current = length.truncatingRemainder(dividingBy: max(usable, 1))
      } else if current + spacePoints + length <= usable {
        current += spacePoints + length
      } else {
        lines += 1
        current = length
      }
    }
  }

  /// Scalars below this (Latin, Vietnamese, combining marks, general punctuation) are in the tables.
  static let tableScalars = 0x2100
  private static let regularTable = makeTable(bold: false)
  private static let boldTable = makeTable(bold: true)

  private static func makeTable(bold: Bool) -> [UInt16] {
    (0..<tableScalars).map { value in
      guard let scalar = Unicode.Scalar(value) else { return 0 }  // surrogates: not in a String
      return UInt16(decomposedThousandths(Substring(String(Character(scalar))), bold: bold))
    }
  }

  /// The advance through Foundation's decomposition (the definition the tables are made from).
  static func decomposedThousandths(_ text: Substring, bold: Bool) -> Int {
    var thousandths = 0
    for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
      thousandths += advance(scalar, bold: bold)
    }
    return thousandths
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
