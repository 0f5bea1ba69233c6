import CXlsxWriter

/// An RGB colour, `0xRRGGBB`.
public struct Color: Hashable, Sendable {
  public let rgb: UInt32

  public init(rgb: UInt32) {
    precondition(rgb <= 0xFF_FFFF, "colour must be 0xRRGGBB")
    self.rgb = rgb
  }

  public static let black = Color(rgb: 0x000000)
  public static let white = Color(rgb: 0xFFFFFF)
  public static let red = Color(rgb: 0xFF0000)

  /// libxlsxwriter reads 0 as "unset" and spells black `LXW_COLOR_BLACK` (0x1000000).
  var lxw: lxw_color_t { rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(rgb) }
}

/// A cell border line style (the subset a report needs).
public enum BorderLine: Hashable, Sendable {
  case thin, medium, thick, dashed, dotted, double, hair

  var lxw: UInt8 {
    let value: lxw_format_borders
    switch self {
    case .thin: value = LXW_BORDER_THIN
    case .medium: value = LXW_BORDER_MEDIUM
    case .thick: value = LXW_BORDER_THICK
    case .dashed: value = LXW_BORDER_DASHED
    case .dotted: value = LXW_BORDER_DOTTED
    case .double: value = LXW_BORDER_DOUBLE
    case .hair: value = LXW_BORDER_HAIR
    }
    return UInt8(value.rawValue)
  }
}

/// The four borders of a cell; `nil` draws none.
public struct Borders: Hashable, Sendable {
  public var top: BorderLine?
  public var bottom: BorderLine?
  public var left: BorderLine?
  public var right: BorderLine?

  public init(
    top: BorderLine? = nil, bottom: BorderLine? = nil, left: BorderLine? = nil, right: BorderLine? = nil
  ) {
    self.top = top
    self.bottom = bottom
    self.left = left
    self.right = right
  }

  public static func all(_ line: BorderLine) -> Borders {
    Borders(top: line, bottom: line, left: line, right: line)
  }

  public static let none = Borders()
}

public enum HorizontalAlignment: Hashable, Sendable {
  case left, center, right, fill, justify, centerAcross, distributed

  var lxw: UInt8 {
    let value: lxw_format_alignments
    switch self {
    case .left: value = LXW_ALIGN_LEFT
    case .center: value = LXW_ALIGN_CENTER
    case .right: value = LXW_ALIGN_RIGHT
    case .fill: value = LXW_ALIGN_FILL
    case .justify: value = LXW_ALIGN_JUSTIFY
    case .centerAcross: value = LXW_ALIGN_CENTER_ACROSS
    case .distributed: value = LXW_ALIGN_DISTRIBUTED
    }
    return UInt8(value.rawValue)
  }
}

public enum VerticalAlignment: Hashable, Sendable {
  case top, center, bottom, justify, distributed

  var lxw: UInt8 {
    let value: lxw_format_alignments
    switch self {
    case .top: value = LXW_ALIGN_VERTICAL_TOP
    case .center: value = LXW_ALIGN_VERTICAL_CENTER
    case .bottom: value = LXW_ALIGN_VERTICAL_BOTTOM
    case .justify: value = LXW_ALIGN_VERTICAL_JUSTIFY
    case .distributed: value = LXW_ALIGN_VERTICAL_DISTRIBUTED
    }
    return UInt8(value.rawValue)
  }
}

/// How a cell looks. A plain value: equal styles share one `lxw_format` in the workbook (the
/// wrapper caches them), and callers never see a C pointer. `nil`/`false` means Excel's default.
public struct CellStyle: Hashable, Sendable {
  public var fontName: String?
  public var fontSizePoints: Double?
  public var bold: Bool
  public var italic: Bool
  public var underline: Bool
  public var fontColor: Color?
  public var fillColor: Color?
  public var borders: Borders
  public var borderColor: Color?
  public var horizontalAlignment: HorizontalAlignment?
  public var verticalAlignment: VerticalAlignment?
  public var wrapText: Bool
  /// An Excel number format such as `#,##0` or `dd/mm/yyyy`.
  public var numberFormat: String?
  /// Indent level 0…15 (Excel's limit).
  public var indent: Int

  public init(
    fontName: String? = nil, fontSizePoints: Double? = nil, bold: Bool = false, italic: Bool = false,
    underline: Bool = false, fontColor: Color? = nil, fillColor: Color? = nil, borders: Borders = .none,
    borderColor: Color? = nil, horizontalAlignment: HorizontalAlignment? = nil,
    verticalAlignment: VerticalAlignment? = nil, wrapText: Bool = false, numberFormat: String? = nil,
    indent: Int = 0
  ) {
    self.fontName = fontName
    self.fontSizePoints = fontSizePoints
    self.bold = bold
    self.italic = italic
    self.underline = underline
    self.fontColor = fontColor
    self.fillColor = fillColor
    self.borders = borders
    self.borderColor = borderColor
    self.horizontalAlignment = horizontalAlignment
    self.verticalAlignment = verticalAlignment
    self.wrapText = wrapText
    self.numberFormat = numberFormat
    self.indent = indent
  }

  /// Excel's default look.
  public static let plain = CellStyle()

  /// The workbook looks every cell's style up among its formats. The synthesized hash ran SipHash
  /// over both strings and every field for each cell (5 % of writing a 2.2-million-cell workbook);
  /// this one hashes the fields that tell a report's few dozen styles apart and the strings'
  /// lengths only. Equal styles still hash equal, and equality is still checked in full.
  public func hash(into hasher: inout Hasher) {
    var bits = (bold ? 1 : 0) | (italic ? 2 : 0) | (underline ? 4 : 0) | (wrapText ? 8 : 0)
    bits |= indent << 4
    bits |= (fontName?.utf8.count ?? 0xFF) << 12
    bits |= (numberFormat?.utf8.count ?? 0xFF) << 20
    hasher.combine(bits)
    hasher.combine(fillColor?.rgb)
    hasher.combine(fontSizePoints)
    hasher.combine(borders)
    hasher.combine(horizontalAlignment)
  }

  /// Why the style cannot be written, or nil when it can.
  var problem: String? {
    if !(0...XlsxLimits.indentMax).contains(indent) { return "indent \(indent) is outside 0…15" }
    if let size = fontSizePoints, !(size.isFinite && size >= 1 && size <= 409) {
      return "font size \(size) is outside 1…409 points"
    }
    for text in [fontName, numberFormat].compactMap({ $0 }) where text.utf8.contains(0) {
      return "style text contains a NUL character"
    }
    return nil
  }

  /// Copies this style onto a fresh `lxw_format` (owned by the workbook).
  func apply(to format: UnsafeMutablePointer<lxw_format>) {
    if let fontName { format_set_font_name(format, fontName) }
    if let fontSizePoints { format_set_font_size(format, fontSizePoints) }
    if bold { format_set_bold(format) }
    if italic { format_set_italic(format) }
    if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
    if let fontColor { format_set_font_color(format, fontColor.lxw) }
    if let fillColor {
      format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
      format_set_bg_color(format, fillColor.lxw)
    }
    if let line = borders.top { format_set_top(format, line.lxw) }
    if let line = borders.bottom { format_set_bottom(format, line.lxw) }
    if let line = borders.left { format_set_left(format, line.lxw) }
    if let line = borders.right { format_set_right(format, line.lxw) }
    if let borderColor { format_set_border_color(format, borderColor.lxw) }
    if let horizontalAlignment { format_set_align(format, horizontalAlignment.lxw) }
    if let verticalAlignment { format_set_align(format, verticalAlignment.lxw) }
    if wrapText { format_set_text_wrap(format) }
    if let numberFormat { format_set_num_format(format, numberFormat) }
    if indent > 0 { format_set_indent(format, UInt8(indent)) }
  }
}
