import BudgetCore
import Xlsx

/// What every sheet shares: fonts, the header block, the title lines, the column headings, the table
/// body, the signature block, column widths and A4 print setup.
struct SheetFrame {
  let document: DocumentStyle
  let layout: SheetLayout
  let scale: DisplayScale
  let context: TemplateContext
  /// Told the number of table rows written since the last call (for a progress line).
  var rowsWritten: ((Int) -> Void)? = nil
  /// Write strictly row after row (constant-memory mode).
  var rowOrdered = false
  /// "Đơn vị: UBND xã Kim Bình" on a unit's own workbook: put before every subtitle, so each page
  /// says whose money it reports.
  var unitLine: String? = nil
  /// "DỰ THẢO" / "DRAFT" while error findings stand: printed in the page header, so every printed
  /// page of every sheet says it (a cell would show on the first page only). nil: a final document.
  var draftMark: String? = nil

  /// The draft mark's text.
  static func draftText(_ language: Language) -> String { language == .vi ? "DỰ THẢO" : "DRAFT" }

  /// Who signs this document: a unit's signers on a unit's own workbook, the office's otherwise.
  var signers: [Signer] { document.signers(forUnit: unitLine != nil) }

  private var base: CellStyle {
    CellStyle(fontName: document.font, fontSizePoints: Double(document.fontSize), verticalAlignment: .center)
  }

  private static let headingFill = Color(rgb: 0xDDEBF7)
  private static let totalFill = Color(rgb: 0xF2F2F2)

  // MARK: - Writing a table sheet

  /// Writes the header block, titles, headings, `content` and the signature block; sets widths and
  /// print setup. `reserveRowsAfterTable` leaves room (e.g. for a chart) before the signatures;
  /// `pagesTall` 0 lets the sheet run over as many pages as it needs, one page wide.
  func write<Show>(
    _ content: TableContent, sheet: TemplateSheet<Show>, to worksheet: Worksheet,
    reserveRowsAfterTable: Int = 0, pagesTall: Int = 0
  ) throws {
    let columnCount = content.columns.count
    let widths = columnWidths(content)
    for (index, width) in widths.enumerated() {
      try worksheet.setColumns(index...index, width: width)
    }
    try writeHeaderBlock(worksheet, widths: widths)
    try writeReferenceLine(form: sheet.form, worksheet: worksheet, widths: widths)
    try writeTitles(sheet, worksheet: worksheet, columnCount: columnCount)
    let headingHeight = try writeHeadings(content.columns, widths: widths, worksheet: worksheet)
    var rowHeights: [Double?] = []
    rowHeights.reserveCapacity(content.rows.count)
    for (index, row) in content.rows.enumerated() {
      rowHeights.append(
        try writeRow(
          row, columns: content.columns, widths: widths, sheetRow: layout.firstDataRow + index,
          worksheet: worksheet))
      if index & 1023 == 1023 { rowsWritten?(1024) }
    }
    rowsWritten?(content.rows.count & 1023)
    let afterTable = layout.firstDataRow + content.rows.count + reserveRowsAfterTable
    // A working sheet (Kiểm tra, Chi tiết chi) is not signed: its print area ends with the table.
    let lastRow =
      sheet.signed ? try writeSignature(worksheet, firstRow: afterTable + 1, widths: widths) : afterTable - 1
    if pagesTall == 0, reserveRowsAfterTable == 0 {
      let breaks = pageBreaks(
        widths: widths, headingHeight: headingHeight, rowHeights: rowHeights,
        keepWithNext: content.rows.map { !isDetail($0.emphasis) }, signed: sheet.signed)
      if !breaks.isEmpty { try worksheet.setHorizontalPageBreaks(breaks) }
    }
    try worksheet.setPageSetup(
      PageSetup(
        paper: .a4, orientation: document.landscape ? .landscape : .portrait, fitToPages: (1, pagesTall),
        margins: PageSetup.Margins(left: 0.6, right: 0.4, top: 0.6, bottom: 0.6),
        header: printedHeader, footer: printedFooter, centerHorizontally: true,
        repeatRows: layout.headingRow...layout.numberRow,
        printArea: CellRange(firstRow: 0, firstColumn: 0, lastRow: lastRow, lastColumn: columnCount - 1),
        // Each sheet is a report of its own: its pages are numbered from 1 even when the whole
        // workbook is printed at once (otherwise Kiểm tra printed as "Trang 14/16").
        firstPageNumber: 1))
  }

  /// The draft mark, centred and bold in the page header of every page; nil on a final document.
  var printedHeader: String? {
    draftMark.map { "&C&\"\(document.font),Bold\"&16" + $0 }
  }

  /// The template's footer, centred, in the document's font (a footer otherwise prints in the
  /// viewer's default sans font).
  var printedFooter: String? {
    document.footer.isEmpty ? nil : "&C&\"\(document.font),Regular\"" + document.footer
  }

  // MARK: - Page breaks

  /// The rows that start a printed page, so that the signature block never prints alone (or split)
  /// on a page of its own under repeated headings: the table's last rows go with it. Excel and
  /// LibreOffice each break pages their own way (LibreOffice measures columns about 13 % wider,
  /// so it prints smaller and fits more rows), so kinhphi sets every break itself, laid out as
  /// Excel does — A4 at `write`'s margins, scaled to fit the width, 7 pixels per width unit, rows
  /// of known height (15.75 points, Times 12, where none was set) — filling 95 % of a page, so
  /// neither viewer needs a break of its own. Empty when the table and signatures fit on the first
  /// page, or past Excel's 1,023 manual breaks (the 200,000-payment detail sheet).
  /// `keepWithNext[i]`: row i is a heading (a group or total row) that must not end a page.
  func pageBreaks(
    widths: [Double], headingHeight: Double, rowHeights: [Double?], keepWithNext: [Bool] = [],
    signed: Bool = true
  ) -> [Int] {
    guard !rowHeights.isEmpty else { return [] }
    let (paperWidth, paperHeight) = document.landscape ? (11.69, 8.27) : (8.27, 11.69)
    // Margins of `write`: 0.6 + 0.4 across, 0.6 + 0.6 down (inches).
    let tablePoints = widths.reduce(0) { $0 + (($1 * 7 + 5).rounded(.down)) } * 0.75
    let scale = min(1, ((paperWidth - 1.0) * 72) / max(tablePoints, 1))
    let pagePoints = (paperHeight - 1.2) * 72 / scale * 0.95
    let defaultHeight = Double(document.fontSize) * 1.3125
    let repeated = headingHeight + defaultHeight
    // The rows above the table: header block, blank row, title, subtitle, unit line, headings,
    // numbering.
    var used =
      Double(layout.headerLines + 1) * defaultHeight + Double(document.titleSize) * 1.8 + 2 * defaultHeight
      + repeated
    var breaks: [Int] = []
    for (index, height) in rowHeights.enumerated() {
      let rowHeight = height ?? defaultHeight
      if used + rowHeight > pagePoints && index > 0 {
        // Headings at the foot of the page go over with the rows they head, while the page keeps
        // at least one row.
        let pageStart = (breaks.last ?? layout.firstDataRow) - layout.firstDataRow
        var start = index
        while start - 1 > pageStart, keepWithNext.indices.contains(start - 1), keepWithNext[start - 1] {
          start -= 1
        }
        breaks.append(layout.firstDataRow + start)
        if breaks.count > XlsxLimits.pageBreaksMax { return [] }
        used = repeated + rowHeights[start..<index].reduce(0) { $0 + ($1 ?? defaultHeight) }
      }
      used += rowHeight
    }
    // Gap row, place and date, signer titles and hints: what must stay with the table.
    if signed, used + 4 * defaultHeight > pagePoints {
      // The last three rows go over with the signatures (the page before ends earlier when its
      // last page had fewer).
      let moved = min(3, rowHeights.count - 1)
      guard moved > 0 else { return breaks }
      var start = rowHeights.count - moved
      breaks.removeAll { $0 >= layout.firstDataRow + start }
      let pageStart = (breaks.last ?? layout.firstDataRow) - layout.firstDataRow
      while start - 1 > pageStart, keepWithNext.indices.contains(start - 1), keepWithNext[start - 1] {
        start -= 1
      }
      breaks.append(layout.firstDataRow + start)
    }
    return breaks
  }

  private func isDetail(_ emphasis: RowEmphasis) -> Bool {
    if case .detail = emphasis { return true }
    return false
  }

  func freezeBelowHeadings(_ worksheet: Worksheet, columns: Int) throws {
    try worksheet.freezePanes(row: layout.firstDataRow, column: columns)
  }

  /// Marks a check cell that is not 0: the identity is broken and the reviewer must see it.
  func highlightNonZero(_ worksheet: Worksheet, column: Int, rows: Int) throws {
    guard rows > 0 else { return }
    try highlightNonZero(
      worksheet, column: column, firstRow: layout.firstDataRow, lastRow: layout.firstDataRow + rows - 1)
  }

  func highlightNonZero(_ worksheet: Worksheet, column: Int, firstRow: Int, lastRow: Int) throws {
    try worksheet.addConditionalFormat(
      .cellValue(.notEqual, .integer(0)),
      range: CellRange(firstRow: firstRow, firstColumn: column, lastRow: lastRow, lastColumn: column),
      style: CellStyle(bold: true, fontColor: Color(rgb: 0x9C0006), fillColor: Color(rgb: 0xFFC7CE)))
  }

  /// Errors on a light red fill and bold, warnings on a light amber fill, across the whole row.
  func highlightSeverities(
    _ worksheet: Worksheet, severityColumn: Int?, columnCount: Int, rows: Int, language: Language
  ) throws {
    guard rows > 0, let severity = severityColumn else { return }
    let range = CellRange(
      firstRow: layout.firstDataRow, firstColumn: 0, lastRow: layout.firstDataRow + rows - 1,
      lastColumn: columnCount - 1)
    let cell = "$" + FormulaText.columnName(severity) + String(layout.firstDataRow + 1)
    // Black text on a light fill: coloured text on a coloured fill turns to grey on grey on a
    // black-and-white printer. Errors are also bold, so they stand out without the colour.
    try worksheet.addConditionalFormat(
      .formula("=\(cell)=\"\(Severity.error.title.text(language))\""), range: range,
      style: CellStyle(bold: true, fontColor: Color(rgb: 0x000000), fillColor: Color(rgb: 0xFFC7CE)))
    try worksheet.addConditionalFormat(
      .formula("=\(cell)=\"\(Severity.warning.title.text(language))\""), range: range,
      style: CellStyle(fontColor: Color(rgb: 0x000000), fillColor: Color(rgb: 0xFFF2CC)))
  }

  // MARK: - Parts

  /// Left: issuer over office; right: the national motto. Each side spans about half the columns.
  private func writeHeaderBlock(_ worksheet: Worksheet, widths: [Double]) throws {
    let columnCount = widths.count
    let leftSpan = rightHalfStart(widths)
    var left = base
    left.horizontalAlignment = .center
    var right = left
    right.bold = true
    for line in 0..<layout.headerLines {
      var leftStyle = left
      leftStyle.bold = line == layout.headerLines - 1
      if line < document.headerLeft.count {
        try span(
          worksheet, row: line, columns: 0...(leftSpan - 1),
          text: context.fill(document.headerLeft[line]), style: leftStyle)
      }
      if line < document.headerRight.count, leftSpan < columnCount {
        var rightStyle = right
        rightStyle.underline = line == layout.headerLines - 1
        try span(
          worksheet, row: line, columns: leftSpan...(columnCount - 1),
          text: context.fill(document.headerRight[line]), style: rightStyle)
      }
    }
  }

  /// The row between the header block and the title: the document's number ("Số: ……/BC-TCKH")
  /// under the issuer, the sheet's form number ("Biểu số 01") on the right. Either may be absent.
  private func writeReferenceLine(form: String?, worksheet: Worksheet, widths: [Double]) throws {
    let columnCount = widths.count
    let leftSpan = rightHalfStart(widths)
    var style = base
    style.horizontalAlignment = .center
    // The number line is the office's ("…/BC-TCKH"); a unit numbers its own documents by hand.
    if let reference = document.reference, unitLine == nil {
      try span(
        worksheet, row: layout.headerLines, columns: 0...(leftSpan - 1), text: context.fill(reference),
        style: style)
    }
    if let form, leftSpan < columnCount {
      var formStyle = style
      formStyle.bold = true
      formStyle.horizontalAlignment = .right
      try span(
        worksheet, row: layout.headerLines, columns: leftSpan...(columnCount - 1), text: context.fill(form),
        style: formStyle)
    }
  }

  private func writeTitles<Show>(_ sheet: TemplateSheet<Show>, worksheet: Worksheet, columnCount: Int)
    throws
  {
    var title = base
    title.bold = true
    title.fontSizePoints = Double(document.titleSize)
    title.horizontalAlignment = .center
    title.wrapText = true
    let all = 0...(columnCount - 1)
    try span(worksheet, row: layout.titleRow, columns: all, text: context.fill(sheet.title), style: title)
    try worksheet.setRow(layout.titleRow, height: Double(document.titleSize) * 1.8)
    let subtitle = [unitLine, sheet.subtitle.map(context.fill)].compactMap { $0 }.joined(separator: " — ")
    if !subtitle.isEmpty {
      var style = base
      style.italic = true
      style.horizontalAlignment = .center
      try span(worksheet, row: layout.subtitleRow, columns: all, text: subtitle, style: style)
    }
    var unit = base
    unit.italic = true
    unit.horizontalAlignment = .right
    let unitColumns = max(columnCount - 3, 0)...(columnCount - 1)
    try span(
      worksheet, row: layout.unitLabelRow, columns: unitColumns, text: document.unitLabels[scale] ?? "",
      style: unit)
  }

  /// Returns the height of the heading row.
  @discardableResult
  private func writeHeadings(_ columns: [TableColumn], widths: [Double], worksheet: Worksheet) throws
    -> Double
  {
    var heading = base
    heading.bold = true
    heading.horizontalAlignment = .center
    heading.wrapText = true
    heading.borders = .all(.thin)
    heading.fillColor = SheetFrame.headingFill
    var number = base
    number.italic = true
    number.horizontalAlignment = .center
    number.borders = .all(.thin)
    number.fontSizePoints = Double(max(document.fontSize - 2, 6))
    var lines = 1
    for (index, column) in columns.enumerated() {
      try worksheet.writeString(column.heading, row: layout.headingRow, column: index, style: heading)
      // Shared strings are numbered in the order written, so the default mode keeps the column-wise
      // order of the golden files; constant-memory mode flushes a row once a later one is written.
      if !rowOrdered {
        try worksheet.writeString(column.number, row: layout.numberRow, column: index, style: number)
      }
      lines = max(lines, wrappedLines(column.heading, width: widths[index], bold: true))
    }
    let headingHeight = lineHeight * Double(lines) + 6
    try worksheet.setRow(layout.headingRow, height: headingHeight)
    if rowOrdered {
      for (index, column) in columns.enumerated() {
        try worksheet.writeString(column.number, row: layout.numberRow, column: index, style: number)
      }
    }
    return headingHeight
  }

  /// Writes one table row; returns the height it set (nil: the default height).
  @discardableResult
  private func writeRow(
    _ row: TableRow, columns: [TableColumn], widths: [Double], sheetRow: Int, worksheet: Worksheet
  ) throws -> Double? {
    var level = 0
    var emphasis = base
    emphasis.borders = Borders(top: .hair, bottom: .hair, left: .thin, right: .thin)
    switch row.emphasis {
    case .total:
      emphasis.bold = true
      emphasis.fillColor = SheetFrame.totalFill
      emphasis.borders = .all(.thin)
    case .group(let groupLevel):
      level = groupLevel
      emphasis.bold = true
      emphasis.italic = groupLevel > 0
    case .detail(let detailLevel):
      level = detailLevel
    }
    for (index, cell) in row.cells.enumerated() {
      var style = emphasis
      switch columns[index].kind {
      case .money:
        style.numberFormat = columns[index].numberFormat ?? document.numberFormats[scale]
        style.horizontalAlignment = .right
      case .integer:
        style.numberFormat = "0"
        style.horizontalAlignment = .center
      case .quantity:
        style.numberFormat = "#,##0.###"
        style.horizontalAlignment = .right
      case .date:
        style.numberFormat = "dd/mm/yyyy"
        style.horizontalAlignment = .center
      case .percent:
        style.numberFormat = columns[index].numberFormat ?? "0.0%"
        style.horizontalAlignment = .right
      case .centeredText:
        style.horizontalAlignment = .center
      case .text:
        style.wrapText = true
        style.horizontalAlignment = .left
        if index == 1 || columns.count == 1 { style.indent = min(level, XlsxLimits.indentMax) }
        if columns[index].indent > 0 { style.indent = min(columns[index].indent, XlsxLimits.indentMax) }
      }
      if let labelSpan = row.labelSpan, labelSpan.contains(index), labelSpan.count > 1 {
        if index == labelSpan.lowerBound, case .text(let text) = cell {
          style.wrapText = false
          try span(worksheet, row: sheetRow, columns: labelSpan, text: text, style: style)
        }
        continue
      }
      try write(cell, row: sheetRow, column: index, style: style, worksheet: worksheet)
    }
    // Neither Excel nor LibreOffice grows a row for wrapped text written by a program, so the
    // height is computed here from the wrapped lines of the widest text.
    var lines = 1
    for (index, cell) in row.cells.enumerated() {
      guard case .text(let text) = cell, case .text = columns[index].kind,
        row.labelSpan?.contains(index) != true
      else { continue }
      let indent =
        columns[index].indent > 0
        ? columns[index].indent : index == 1 || columns.count == 1 ? min(level, XlsxLimits.indentMax) : 0
      lines = max(
        lines,
        wrappedLines(
          text, width: widths[index], indentLevels: indent, bold: emphasis.bold && !emphasis.italic))
    }
    // Outline levels let an officer fold a programme or a unit down to its subtotal.
    let outline = min(level, XlsxLimits.outlineLevelMax)
    if lines > 1 || outline > 0 {
      let height = lines > 1 ? lineHeight * Double(lines) + 3 : 15
      try worksheet.setRow(sheetRow, height: height, outlineLevel: outline)
      return height
    }
    return nil
  }

  private func write(_ cell: CellContent, row: Int, column: Int, style: CellStyle, worksheet: Worksheet)
    throws
  {
    switch cell {
    case .empty: try worksheet.writeBlank(row: row, column: column, style: style)
    case .text(let text): try worksheet.writeString(text, row: row, column: column, style: style)
    case .money(let amount):
      try worksheet.writeInteger(amount.dong, row: row, column: column, style: style)
    case .integer(let value):
      try worksheet.writeInteger(Int64(value), row: row, column: column, style: style)
    case .quantity(let quantity):
      // Thousandths are exact in a double (far below 2^53); quantities are not money.
      try worksheet.writeDouble(
        Double(quantity.thousandths) / Double(Limits.quantityScale), row: row, column: column, style: style)
    case .date(let date):
      try worksheet.writeDate(
        year: date.year, month: date.month, day: date.day, row: row, column: column, style: style)
    case .formula(let formula, let cached):
      try worksheet.writeFormula(
        "=" + formula, cachedInteger: cached.dong, row: row, column: column, style: style)
    case .ratioFormula(let formula, let cached):
      try worksheet.writeFormula("=" + formula, cachedDouble: cached, row: row, column: column, style: style)
    }
  }

  /// Place and date on the right, then the signers side by side with their hints. Returns the last
  /// row used.
  private func writeSignature(_ worksheet: Worksheet, firstRow: Int, widths: [Double]) throws -> Int {
    let columnCount = widths.count
    var placeStyle = base
    placeStyle.italic = true
    placeStyle.horizontalAlignment = .center
    let signers = self.signers
    let spans = signerSpans(count: signers.count, widths: widths)
    // Place and date over the right half, above the head of the unit, as the forms print it.
    let placeColumns = min(rightHalfStart(widths), columnCount - 1)...(columnCount - 1)
    try span(
      worksheet, row: firstRow, columns: placeColumns, text: context.fill(document.placeDate),
      style: placeStyle)
    var title = base
    title.bold = true
    title.horizontalAlignment = .center
    var hint = base
    hint.italic = true
    hint.horizontalAlignment = .center
    // A signer over narrow columns (three signers on a four-column form) wraps onto two lines
    // rather than being cut; only then do the rows wrap and grow.
    func lines(_ text: String, _ columns: ClosedRange<Int>, bold: Bool) -> Int {
      wrappedLines(text, width: columns.map { widths[$0] }.reduce(0, +), bold: bold)
    }
    let titleLines = zip(signers, spans).map { lines($0.title, $1, bold: true) }.max() ?? 1
    let hintLines = zip(signers, spans).map { lines($0.hint, $1, bold: false) }.max() ?? 1
    if titleLines > 1 {
      title.wrapText = true
      try worksheet.setRow(firstRow + 1, height: lineHeight * Double(titleLines) + 3)
    }
    if hintLines > 1 {
      hint.wrapText = true
      try worksheet.setRow(firstRow + 2, height: lineHeight * Double(hintLines) + 3)
    }
    for (signer, columns) in zip(signers, spans) {
      try span(worksheet, row: firstRow + 1, columns: columns, text: signer.title, style: title)
      if !signer.hint.isEmpty && !rowOrdered {
        try span(worksheet, row: firstRow + 2, columns: columns, text: signer.hint, style: hint)
      }
    }
    if rowOrdered {
      for (signer, columns) in zip(signers, spans) where !signer.hint.isEmpty {
        try span(worksheet, row: firstRow + 2, columns: columns, text: signer.hint, style: hint)
      }
    }
    // Room for signatures and seals.
    return firstRow + 6
  }

  /// The first column of the right half of the page by width (the national motto and the place
  /// and date go there): half the columns put the motto over three narrow columns on Biểu đồ.
  private func rightHalfStart(_ widths: [Double]) -> Int {
    guard widths.count > 1 else { return 1 }
    let half = widths.reduce(0, +) / 2
    var sum = 0.0
    var best = 1
    var bestDistance = Double.infinity
    for column in 1..<widths.count {
      sum += widths[column - 1]
      if abs(sum - half) < bestDistance {
        bestDistance = abs(sum - half)
        best = column
      }
    }
    return best
  }

  /// Splits the columns into one span per signer, each about as wide on paper as the others (by
  /// column width, not column count: on Kiểm tra the first two columns are STT and Mức độ, too
  /// narrow for "NGƯỜI LẬP BIỂU"); with fewer columns than signers the last signers share the last
  /// column's row (never overlapping merges).
  private func signerSpans(count: Int, widths: [Double]) -> [ClosedRange<Int>] {
    let columnCount = widths.count
    guard count > 0 else { return [] }
    guard columnCount >= count else {
      return (0..<min(count, columnCount)).map { $0...$0 }
    }
    let total = widths.reduce(0, +)
    var spans: [ClosedRange<Int>] = []
    var start = 0
    var sum = 0.0
    for index in 0..<count {
      var end = start
      sum += widths[start]
      if index == count - 1 {
        end = columnCount - 1
      } else {
        let target = total * Double(index + 1) / Double(count)
        // Grow while the next column brings the edge closer to the target and leaves a column
        // for each signer still to come.
        while end + 1 < columnCount - (count - 1 - index),
          abs(sum + widths[end + 1] - target) < abs(sum - target)
        {
          end += 1
          sum += widths[end]
        }
      }
      spans.append(start...end)
      start = end + 1
    }
    return spans
  }

  /// Writes `text` over `columns` of `row`: a merge when it spans several columns.
  private func span(
    _ worksheet: Worksheet, row: Int, columns: ClosedRange<Int>, text: String, style: CellStyle
  ) throws {
    if columns.count == 1 {
      try worksheet.writeString(text, row: row, column: columns.lowerBound, style: style)
    } else {
      try worksheet.merge(
        CellRange(
          firstRow: row, firstColumn: columns.lowerBound, lastRow: row, lastColumn: columns.upperBound),
        text: text, style: style)
    }
  }

  // MARK: - Widths

  /// Excel has no autofit: each column is as wide as its widest value (money as grouped digits in
  /// the chosen scale), within the column kind's bounds; headings wrap instead of widening.
  func columnWidths(_ content: TableContent) -> [Double] {
    content.columns.enumerated().map { index, column in
      if let fixed = column.fixedWidth { return Double(fixed) }
      // A label merged across columns does not widen the first of them.
      let widths = content.rows.map { row in
        row.labelSpan.map { $0.count > 1 && $0.contains(index) } == true ? 0 : displayWidth(row.cells[index])
      }
      let headingWords = column.heading.split(separator: " ").map { TextWidth.characters(String($0)) }
      switch column.kind {
      case .money:
        // 3 of padding: a bold total otherwise touches the border on its left.
        return TextWidth.columnWidth(fitting: widths + headingWords, padding: 3, minimum: 12, maximum: 22)
      case .text(let maxWidth):
        return TextWidth.columnWidth(
          fitting: widths + headingWords, padding: 3 + column.indent * 2,
          minimum: min(column.minimumWidth ?? 8, maxWidth), maximum: maxWidth)
      case .centeredText:
        // Codes are capitals, wider than a width unit each (POSSIBLE_DUPLICATE is 18 letters and
        // about 24 units of Times), and a centred cell does not wrap: measured, not counted.
        let measured = content.rows.map { row -> Int in
          guard case .text(let text) = row.cells[index], row.labelSpan?.contains(index) != true else {
            return 0
          }
          let points = PrintedTextWidth.points(
            Substring(text), fontSizePoints: Double(document.fontSize),
            bold: row.emphasis != .detail(level: 0))
          return Int((points / (7 * 0.75)).rounded(.up))
        }
        return TextWidth.columnWidth(
          fitting: zip(widths, measured).map { max($0, $1) } + headingWords, padding: 2, minimum: 5,
          maximum: 28)
      case .integer, .quantity, .date, .percent:
        // 9: a heading such as "Được sử dụng đến năm" over a year wraps in two or three lines, not five.
        return TextWidth.columnWidth(fitting: widths + headingWords, padding: 2, minimum: 9, maximum: 14)
      }
    }
  }

  private func displayWidth(_ cell: CellContent) -> Int {
    switch cell {
    case .empty: 0
    case .text(let text): TextWidth.characters(text)
    case .money(let amount), .formula(_, let amount): moneyWidth(amount)
    case .integer(let value): String(value).count
    case .quantity(let quantity): quantity.description.count + 2
    case .date: 10
    case .ratioFormula: 7  // 100,0%
    }
  }

  /// Width of an amount as the scale displays it: nghìn drops 3 digits, triệu drops 6 and adds
  /// three decimals.
  private func moneyWidth(_ amount: Money) -> Int {
    switch scale {
    case .dong: TextWidth.groupedInteger(amount.dong)
    case .nghin: TextWidth.groupedInteger(amount.dong / 1000)
    case .trieu: TextWidth.groupedInteger(amount.dong / 1_000_000) + 4
    }
  }

  /// Points per line of wrapped text: Times New Roman's line spacing is 1.15 em; 1.2 leaves room
  /// for the accents above Vietnamese capitals. (1.3 made a row of three lines almost four tall.)
  private var lineHeight: Double { Double(document.fontSize) * 1.2 }

  /// Lines `text` takes in a column `width` units wide, breaking at spaces as a spreadsheet does;
  /// explicit line breaks count. Measured in Times metrics (PrintedTextWidth), with 1 % to spare:
  /// a line a viewer wraps must not be cut off, and a row one line too tall is what made one-line
  /// rows print double height. Bold italic is measured as regular: its letters
  /// are about as wide.
  func wrappedLines(_ text: String, width: Double, indentLevels: Int = 0, bold: Bool = false) -> Int {
    let usable = PrintedTextWidth.usablePoints(columnWidth: width, indentLevels: indentLevels) / 1.01
    let size = Double(document.fontSize)
    if let lines = PrintedTextWidth.simpleWrappedLines(text, usable: usable, fontSizePoints: size, bold: bold)
    {
      return lines
    }
    return Self.graphemeWrappedLines(text, usable: usable, fontSizePoints: size, bold: bold)
  }

  /// `wrappedLines` by `Character`s, for any text (the definition `simpleWrappedLines` follows).
  static func graphemeWrappedLines(_ text: String, usable: Double, fontSizePoints size: Double, bold: Bool)
    -> Int
  {
    let space = PrintedTextWidth.points(" ", fontSizePoints: size, bold: bold)
    return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, paragraph in
      var filled = PrintedTextWidth.WrappedLines(usable: usable, spacePoints: space)
      for word in paragraph.split(separator: " ") {
        filled.add(wordPoints: PrintedTextWidth.points(word, fontSizePoints: size, bold: bold))
      }
      return total + filled.lines
    }
  }
}
