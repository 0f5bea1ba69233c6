import Testing

@testable import Xlsx

@Suite struct TextWidthTests {
  @Test func countsGraphemesNotBytes() {
    #expect(TextWidth.characters("Tổng hợp") == 8)
    #expect("Tổng hợp".utf8.count == 12)
    // Decomposed Vietnamese is still 8 wide.
    #expect(TextWidth.characters("Tổng hợp".decomposedStringWithCanonicalMapping) == 8)
    #expect(TextWidth.characters("Dòng 1\nDòng dài hơn") == 12)
    #expect(TextWidth.characters("") == 0)
  }

  @Test func groupedIntegerWidth() {
    #expect(TextWidth.groupedInteger(0) == 1)
    #expect(TextWidth.groupedInteger(999) == 3)
    #expect(TextWidth.groupedInteger(1_000) == 5)
    #expect(TextWidth.groupedInteger(-1_234_567) == 10)
    #expect(TextWidth.groupedInteger(1_000_000_000_000_000) == 21)  // 1.000.000.000.000.000
    #expect(TextWidth.groupedInteger(.min) == 26)
  }

  @Test func columnWidthIsPaddedAndClamped() {
    #expect(TextWidth.columnWidth(fitting: [3, 10, 7]) == 12)
    #expect(TextWidth.columnWidth(fitting: [1]) == 6)
    #expect(TextWidth.columnWidth(fitting: [500]) == 60)
    #expect(TextWidth.columnWidth(fitting: []) == 6)
  }

  @Test func cellNames() {
    #expect(CellRange.columnName(0) == "A")
    #expect(CellRange.columnName(25) == "Z")
    #expect(CellRange.columnName(26) == "AA")
    #expect(CellRange.columnName(701) == "ZZ")
    #expect(CellRange.columnName(702) == "AAA")
    #expect(CellRange.columnName(16_383) == "XFD")
    #expect(CellRange.cellName(row: 6, column: 2) == "C7")
    #expect(
      CellRange(firstRow: 4, firstColumn: 3, lastRow: 1, lastColumn: 1).a1(absolute: true) == "$B$2:$D$5")
    #expect(CellRange(row: 0, column: 0).reference(onSheet: "Bà Rịa's") == "'Bà Rịa''s'!$A$1")
    #expect(
      CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 2).overlaps(CellRange(row: 2, column: 2))
    )
    #expect(
      !CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 2).overlaps(
        CellRange(row: 3, column: 2)))
  }
}
