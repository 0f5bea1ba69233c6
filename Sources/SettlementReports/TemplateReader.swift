import BudgetCore
import Foundation
import LocatedYAML
import Yams

/// Reads a settlement template. A template error is an input error: file, line, what was expected.
public enum TemplateReader {
  /// The default template shipped in `Templates/`, found beside the binary's package or in the
  /// current folder (see `defaultTemplatePath`).
  public static let defaultFileName = "quyet-toan.yaml"

  /// Reads the template at `path`; every sheet must be of one of `kinds` (a settlement template
  /// takes the settlement sheets, a comparison template the comparison sheets).
  public static func read(path: String, kinds: Set<SheetKind> = SheetKind.settlementKinds) throws
    -> SettlementTemplate
  {
    let file = (path as NSString).lastPathComponent
    let text = try TextInputFile.read(
      path: path, file: file, what: LocalizedText(vi: "tệp mẫu báo cáo", en: "report template"))
    return try parse(yaml: text, file: file, kinds: kinds)
  }

  public static func parse(
    yaml: String, file: String, kinds: Set<SheetKind> = SheetKind.settlementKinds
  ) throws -> SettlementTemplate {
    var reader = Reader(file: file, kinds: kinds)
    // The shared located-YAML layer: anchors and aliases refused, syntax errors at line:column.
    guard let root = try LocatedYAML.compose(yaml, file: file) else {
      throw InputErrors([
        InputError(SourceLocation(file: file, line: 1), vi: "Tệp mẫu rỗng.", en: "The template is empty.")
      ])
    }
    let template = reader.template(root)
    try reader.errors.throwIfAny()
    guard let template else { throw reader.errors }
    return template
  }

  /// Walks the YAML nodes, collecting every error with its line instead of stopping at the first.
  private struct Reader {
    let file: String
    let kinds: Set<SheetKind>
    var errors = InputErrors()
    /// The `{…}` names the text being read may use: the document's texts, those of every kind the
    /// template takes; a sheet's, those of its kind.
    var placeholderNames: Set<String>

    init(file: String, kinds: Set<SheetKind>) {
      self.file = file
      self.kinds = kinds
      placeholderNames = kinds.reduce(TemplateContext.placeholderNames) { $0.union($1.extraPlaceholders) }
    }

    mutating func template(_ root: Node) -> SettlementTemplate? {
      // A workbook with texts outside its tables (TemplateTexts.swift) needs its `texts:`.
      // The sheets are read (and their errors reported) whatever is wrong with `texts:`.
      let textKind = templateTextKinds.first { $0.workbookKinds == kinds }
      guard
        let map = mapping(root, keys: ["document", "sheets", "texts"], required: ["document", "sheets"])
      else { return nil }
      let document = map["document"].flatMap { self.document($0) }
      let sheets = map["sheets"].flatMap { self.sheets($0) }
      var texts: TemplateTexts? = TemplateTexts()
      if let textKind {
        if let node = map["texts"] {
          texts = self.texts(node, textKind)
        } else {
          error(root, vi: "Thiếu khóa bắt buộc 'texts'.", en: "Missing required key 'texts'.")
          texts = nil
        }
      } else if case .mapping(let pairs) = root,
        let key = pairs.first(where: { $0.key.string == "texts" })?.key
      {
        error(
          key, vi: "Khóa không hợp lệ 'texts'; các khóa được phép: document, sheets.",
          en: "Unknown key 'texts'; allowed keys: document, sheets.")
        texts = nil
      }
      guard let document, let sheets, let texts else { return nil }
      return SettlementTemplate(document: document, sheets: sheets, file: file, texts: texts)
    }

    /// `texts:`: every key of `Key` (`key_en` optional), each text with the placeholders its key
    /// allows besides the document's.
    mutating func texts<Key: TemplateTextKind>(_ node: Node, _: Key.Type) -> TemplateTexts? {
      let names = Key.allCases.map(\.rawValue)
      guard let map = mapping(node, keys: names.flatMap { [$0, $0 + "_en"] }, required: names) else {
        return nil
      }
      let documentPlaceholders = placeholderNames
      defer { placeholderNames = documentPlaceholders }
      var entries: [String: TemplateTexts.Entry] = [:]
      for key in Key.allCases {
        placeholderNames = documentPlaceholders.union(key.placeholders)
        guard let vietnamese = map[key.rawValue].flatMap({ paragraphs($0, list: key.isList) }) else {
          continue
        }
        let englishNode = map[key.rawValue + "_en"]
        let english = englishNode.flatMap { paragraphs($0, list: key.isList) }
        if englishNode != nil && english == nil { continue }
        entries[key.rawValue] = TemplateTexts.Entry(vietnamese: vietnamese, english: english)
      }
      return entries.count == names.count ? TemplateTexts(entries: entries) : nil
    }

    /// One text, or with `list` a non-empty list of them.
    mutating func paragraphs(_ node: Node, list: Bool) -> [String]? {
      guard list else { return text(node).map { [$0] } }
      guard let items = sequence(node, nonEmpty: true) else { return nil }
      let values = items.compactMap { text($0) }
      return values.count == items.count ? values : nil
    }

    mutating func document(_ node: Node) -> DocumentStyle? {
      let keys = [
        "font", "font_size", "title_size", "orientation", "header", "unit_label", "number_format",
        "signature", "footer",
      ]
      guard let map = mapping(node, keys: keys, required: keys) else { return nil }
      let font = map["font"].flatMap { text($0) }
      let fontSize = map["font_size"].flatMap { integer($0, in: 6...36) }
      let titleSize = map["title_size"].flatMap { integer($0, in: 6...48) }
      let orientation = map["orientation"].flatMap { choice($0, from: ["landscape", "portrait"]) }
      var headerLeft: [String]?
      var headerRight: [String]?
      var reference: String?
      var referenceRefused = false
      if let header = map["header"],
        let headerMap = mapping(
          header, keys: ["left", "right", "reference"], required: ["left", "right"])
      {
        headerLeft = headerMap["left"].flatMap { texts($0) }
        headerRight = headerMap["right"].flatMap { texts($0) }
        reference = headerMap["reference"].flatMap { text($0) }
        referenceRefused = headerMap["reference"] != nil && reference == nil
      }
      let unitLabels = map["unit_label"].flatMap { byScale($0) }
      let numberFormats = map["number_format"].flatMap { byScale($0) }
      var placeDate: String?
      var signers: [Signer]?
      var unitSigners: [Signer]?
      var unitSignersRefused = false
      if let signature = map["signature"],
        let signatureMap = mapping(
          signature, keys: ["place_date", "signers", "unit_signers"], required: ["place_date", "signers"])
      {
        placeDate = signatureMap["place_date"].flatMap { text($0) }
        signers = signatureMap["signers"].flatMap { self.signers($0) }
        unitSigners = signatureMap["unit_signers"].flatMap { self.signers($0) }
        unitSignersRefused = signatureMap["unit_signers"] != nil && unitSigners == nil
      }
      let footer = map["footer"].flatMap { text($0, allowEmpty: true) }
      guard let font, let fontSize, let titleSize, let orientation, let headerLeft, let headerRight,
        let unitLabels, let numberFormats, let placeDate, let signers, let footer, !referenceRefused,
        !unitSignersRefused
      else { return nil }
      return DocumentStyle(
        font: font, fontSize: fontSize, titleSize: titleSize, landscape: orientation == "landscape",
        headerLeft: headerLeft, headerRight: headerRight, unitLabels: unitLabels,
        numberFormats: numberFormats, placeDate: placeDate, signers: signers, footer: footer,
        unitSigners: unitSigners, reference: reference)
    }

    mutating func signers(_ node: Node) -> [Signer]? {
      guard let items = sequence(node, nonEmpty: true) else { return nil }
      let signers = items.compactMap { item -> Signer? in
        guard
          let map = mapping(item, keys: ["title", "hint", "title_en", "hint_en"], required: ["title"])
        else { return nil }
        guard let title = map["title"].flatMap({ text($0) }) else { return nil }
        let titleEnglish = map["title_en"].flatMap { text($0) }
        let hintEnglish = map["hint_en"].flatMap { text($0, allowEmpty: true) }
        if map["title_en"] != nil && titleEnglish == nil || map["hint_en"] != nil && hintEnglish == nil {
          return nil
        }
        return Signer(
          title: title, hint: map["hint"].flatMap { text($0, allowEmpty: true) } ?? "",
          titleEnglish: titleEnglish, hintEnglish: hintEnglish)
      }
      return signers.count == items.count ? signers : nil
    }

    mutating func byScale(_ node: Node) -> [DisplayScale: String]? {
      let names = DisplayScale.allCases.map(\.rawValue)
      guard let map = mapping(node, keys: names, required: names) else { return nil }
      var out: [DisplayScale: String] = [:]
      for scale in DisplayScale.allCases {
        if let value = map[scale.rawValue].flatMap({ text($0) }) { out[scale] = value }
      }
      return out.count == names.count ? out : nil
    }

    mutating func sheets(_ node: Node) -> [WorkbookSheet]? {
      guard let items = sequence(node, nonEmpty: true) else { return nil }
      var sheets: [WorkbookSheet] = []
      var seenKinds: [SheetKind: Int] = [:]
      var seenNames: [String: Int] = [:]
      for item in items {
        guard let sheet = self.sheet(item) else { continue }
        let line = item.mark?.line ?? 1
        if let first = seenKinds[sheet.kind] {
          error(
            item, vi: "Trang loại '\(sheet.kind.rawValue)' đã khai báo ở dòng \(first).",
            en: "A sheet of kind '\(sheet.kind.rawValue)' is already declared on line \(first).")
          continue
        }
        // Excel compares sheet names without regard to case; refuse here, with the line.
        let folded = sheet.name.precomposedStringWithCanonicalMapping.lowercased()
        if let first = seenNames[folded] {
          error(
            item, vi: "Tên trang '\(sheet.name)' trùng với trang ở dòng \(first).",
            en: "Sheet name '\(sheet.name)' repeats the sheet on line \(first).")
          continue
        }
        seenKinds[sheet.kind] = line
        seenNames[folded] = line
        sheets.append(sheet)
      }
      return sheets.count == items.count ? sheets : nil
    }

    mutating func sheet(_ node: Node) -> WorkbookSheet? {
      guard
        let map = mapping(
          node,
          keys: [
            "kind", "name", "name_en", "title", "subtitle", "title_en", "subtitle_en", "columns", "signed",
            "form", "header", "orientation",
          ],
          required: ["kind", "name", "title", "columns"])
      else { return nil }
      let allowedKinds = SheetKind.allCases.filter(kinds.contains).map(\.rawValue)
      guard
        let kindName = map["kind"].flatMap({ choice($0, from: allowedKinds) }),
        let kind = SheetKind(rawValue: kindName)
      else { return nil }
      let documentPlaceholders = placeholderNames
      placeholderNames = TemplateContext.placeholderNames.union(kind.extraPlaceholders)
      defer { placeholderNames = documentPlaceholders }
      let name = map["name"].flatMap { sheetName($0) }
      let title = map["title"].flatMap { text($0) }
      let subtitle = map["subtitle"].flatMap { text($0, allowEmpty: true) }
      let nameEnglish = map["name_en"].flatMap { sheetName($0) }
      if map["name_en"] != nil && nameEnglish == nil { return nil }
      let titleEnglish = map["title_en"].flatMap { text($0) }
      let subtitleEnglish = map["subtitle_en"].flatMap { text($0, allowEmpty: true) }
      if map["title_en"] != nil && titleEnglish == nil || map["subtitle_en"] != nil && subtitleEnglish == nil
      {
        return nil
      }
      let signed = map["signed"].flatMap { boolean($0) }
      if map["signed"] != nil && signed == nil { return nil }
      let form = map["form"].flatMap { text($0) }
      if map["form"] != nil && form == nil { return nil }
      // A form's own page: only the forms workbook prints a sheet with another header or paper.
      var page: SheetPage?
      if map["header"] != nil || map["orientation"] != nil {
        guard SheetKind.formKinds.contains(kind) else {
          error(
            map["header"] ?? map["orientation"]!,
            vi: "Khóa 'header'/'orientation' của một trang chỉ dùng cho biểu mẫu (kinhphi forms).",
            en: "A sheet's 'header'/'orientation' keys apply to the forms (kinhphi forms) only.")
          return nil
        }
        var left: [String]?
        var right: [String]?
        if let header = map["header"] {
          guard let headerMap = mapping(header, keys: ["left", "right"], required: ["left", "right"]),
            let texts = headerMap["left"].flatMap({ texts($0) }),
            let rightTexts = headerMap["right"].flatMap({ self.texts($0) })
          else { return nil }
          (left, right) = (texts, rightTexts)
        }
        let orientation = map["orientation"].flatMap { choice($0, from: ["landscape", "portrait"]) }
        if map["orientation"] != nil && orientation == nil { return nil }
        page = SheetPage(
          headerLeft: left, headerRight: right, landscape: orientation.map { $0 == "landscape" })
      }
      guard let columnsNode = map["columns"] else { return nil }
      /// The sheet with its kind's columns; nil when a text or a column was refused.
      func typed<Show: TemplateColumnKind>(_: Show.Type) -> TemplateSheet<Show>? {
        let columns: [TemplateColumn<Show>]? = self.columns(columnsNode, kind: kind)
        guard let name, let title, let columns else { return nil }
        return TemplateSheet(
          name: name, title: title, subtitle: subtitle, columns: columns, titleEnglish: titleEnglish,
          subtitleEnglish: subtitleEnglish, nameEnglish: nameEnglish, signed: signed ?? true, form: form
        ).with(page: page)
      }
      switch kind {
      case .bySource: return typed(FigureColumn.self).map(WorkbookSheet.bySource)
      case .byContent: return typed(FigureColumn.self).map(WorkbookSheet.byContent)
      case .byUnit: return typed(FigureColumn.self).map(WorkbookSheet.byUnit)
      case .payments: return typed(PaymentColumn.self).map(WorkbookSheet.payments)
      case .findings: return typed(FindingColumn.self).map(WorkbookSheet.findings)
      case .carryOver: return typed(CarryOverColumn.self).map(WorkbookSheet.carryOver)
      case .chart: return typed(ChartColumn.self).map(WorkbookSheet.chart)
      case .lineComparison: return typed(LineComparisonColumn.self).map(WorkbookSheet.lineComparison)
      case .allLines: return typed(LineComparisonColumn.self).map(WorkbookSheet.allLines)
      case .sourceComparison: return typed(SourceComparisonColumn.self).map(WorkbookSheet.sourceComparison)
      case .newFindings: return typed(NewFindingColumn.self).map(WorkbookSheet.newFindings)
      case .sweep: return typed(SweepColumn.self).map(WorkbookSheet.sweep)
      case .phaseSummary: return typed(PhaseColumn.self).map(WorkbookSheet.phaseSummary)
      case .phaseChain: return typed(PhaseChainColumn.self).map(WorkbookSheet.phaseChain)
      case .progressBySource: return typed(ProgressColumn.self).map { .progress(.bySource($0)) }
      case .progressByUnit: return typed(ProgressColumn.self).map { .progress(.byUnit($0)) }
      case .progressByActivity: return typed(ProgressColumn.self).map { .progress(.byActivity($0)) }
      case .progressLaggingUnits: return typed(ProgressColumn.self).map { .progress(.laggingUnits($0)) }
      case .progressLaggingLines: return typed(ProgressColumn.self).map { .progress(.laggingLines($0)) }
      case .progressProjection: return typed(ProgressColumn.self).map { .progress(.projection($0)) }
      case .progressMonthly: return typed(ProgressMonthColumn.self).map { .progress(.monthly($0)) }
      case .progressExpiring: return typed(ProgressExpiringColumn.self).map { .progress(.expiring($0)) }
      case .handoverBalances: return typed(HandoverBalanceColumn.self).map(WorkbookSheet.handoverBalances)
      case .handoverReceipts: return typed(HandoverReceiptColumn.self).map(WorkbookSheet.handoverReceipts)
      case .reconciliation: return typed(ReconciliationColumn.self).map(WorkbookSheet.reconciliation)
      case .allocationDifferences:
        return typed(AllocationDifferenceColumn.self).map(WorkbookSheet.allocationDifferences)
      case .b01: return typed(B01Column.self).map(WorkbookSheet.b01)
      case .f0101: return typed(B01Column.self).map(WorkbookSheet.f0101)
      case .f0102: return typed(F0102Column.self).map(WorkbookSheet.f0102)
      case .form20f: return typed(Form20fColumn.self).map(WorkbookSheet.form20f)
      }
    }

    /// The `columns:` list as `Show` values: an unknown `show:` is an error at its line and column
    /// naming the allowed values.
    mutating func columns<Show: TemplateColumnKind>(_ node: Node, kind: SheetKind) -> [TemplateColumn<Show>]?
    {
      guard let items = sequence(node, nonEmpty: true) else { return nil }
      var columns: [TemplateColumn<Show>] = []
      var seen = Set<Show>()
      for item in items {
        guard
          let map = mapping(
            item, keys: ["show", "heading", "heading_en", "width"], required: ["show", "heading"]),
          let name = map["show"].flatMap({ choice($0, from: Show.names) }),
          let show = Show(rawValue: name),
          let heading = map["heading"].flatMap({ text($0) })
        else { continue }
        let width = map["width"].flatMap { integer($0, in: 2...120) }
        if map["width"] != nil && width == nil { continue }
        let headingEnglish = map["heading_en"].flatMap { text($0) }
        if map["heading_en"] != nil && headingEnglish == nil { continue }
        if !seen.insert(show).inserted {
          error(
            item, vi: "Cột '\(name)' lặp lại.", en: "Column '\(name)' appears twice.")
          continue
        }
        columns.append(
          TemplateColumn(show: show, heading: heading, width: width, headingEnglish: headingEnglish))
      }
      for required in Show.required where !seen.contains(required) {
        error(
          node, vi: "Trang loại '\(kind.rawValue)' cần cột '\(required.name)'.",
          en: "A sheet of kind '\(kind.rawValue)' needs the column '\(required.name)'.")
      }
      guard columns.count == items.count && Show.required.allSatisfy(seen.contains) else { return nil }
      if Show.fixedOrder && columns.map(\.show) != Show.allCases {
        let names = Show.names.joined(separator: ", ")
        error(
          node,
          vi: "Các cột của trang loại '\(kind.rawValue)' cố định: \(names) (theo thứ tự này); chỉ đổi được "
            + "tiêu đề (heading, heading_en) và độ rộng (width).",
          en: "The columns of a sheet of kind '\(kind.rawValue)' are fixed: \(names) (in this order); only "
            + "their headings (heading, heading_en) and widths can change.")
        return nil
      }
      return columns
    }

    // MARK: - Located scalar and collection readers

    /// A mapping with only `keys`; each of `required` present. Unknown keys are errors: a typo in a
    /// template must not silently drop a heading.
    mutating func mapping(_ node: Node, keys: [String], required: [String]) -> [String: Node]? {
      guard case .mapping(let mapping) = node else {
        error(node, vi: "Cần một bảng khóa: giá trị.", en: "Expected a mapping of key: value.")
        return nil
      }
      var out: [String: Node] = [:]
      var ok = true
      for (keyNode, value) in mapping {
        let key = keyNode.string ?? ""
        guard keys.contains(key) else {
          error(
            keyNode, vi: "Khóa không hợp lệ '\(key)'; các khóa được phép: \(keys.joined(separator: ", ")).",
            en: "Unknown key '\(key)'; allowed keys: \(keys.joined(separator: ", ")).")
          ok = false
          continue
        }
        out[key] = value
      }
      for key in required where out[key] == nil {
        error(node, vi: "Thiếu khóa bắt buộc '\(key)'.", en: "Missing required key '\(key)'.")
        ok = false
      }
      return ok ? out : nil
    }

    mutating func sequence(_ node: Node, nonEmpty: Bool) -> [Node]? {
      guard case .sequence(let sequence) = node else {
        error(node, vi: "Cần một danh sách.", en: "Expected a list.")
        return nil
      }
      if nonEmpty && sequence.isEmpty {
        error(node, vi: "Danh sách không được rỗng.", en: "The list must not be empty.")
        return nil
      }
      return Array(sequence)
    }

    mutating func text(_ node: Node, allowEmpty: Bool = false) -> String? {
      guard case .scalar(let scalar) = node else {
        error(node, vi: "Cần một chuỗi văn bản.", en: "Expected a text value.")
        return nil
      }
      if !allowEmpty && scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
        error(node, vi: "Giá trị không được để trống.", en: "The value must not be empty.")
        return nil
      }
      for name in placeholders(in: scalar.string) where !placeholderNames.contains(name) {
        let known = placeholderNames.sorted().map { "{\($0)}" }.joined(separator: " ")
        error(
          node, vi: "Không có biến '{\(name)}'; dùng: \(known).",
          en: "Unknown placeholder '{\(name)}'; available: \(known).")
        return nil
      }
      return scalar.string
    }

    mutating func texts(_ node: Node) -> [String]? {
      guard let items = sequence(node, nonEmpty: false) else { return nil }
      let values = items.compactMap { text($0) }
      return values.count == items.count ? values : nil
    }

    mutating func integer(_ node: Node, in range: ClosedRange<Int>) -> Int? {
      guard case .scalar(let scalar) = node, let value = Int(scalar.string), range.contains(value)
      else {
        error(
          node, vi: "Cần một số nguyên từ \(range.lowerBound) đến \(range.upperBound).",
          en: "Expected a whole number from \(range.lowerBound) to \(range.upperBound).")
        return nil
      }
      return value
    }

    /// `true` or `false`.
    mutating func boolean(_ node: Node) -> Bool? {
      choice(node, from: ["true", "false"]).map { $0 == "true" }
    }

    mutating func choice(_ node: Node, from allowed: [String]) -> String? {
      guard case .scalar(let scalar) = node, allowed.contains(scalar.string) else {
        let found = node.string ?? ""
        error(
          node, vi: "Giá trị '\(found)' không hợp lệ; cần một trong: \(allowed.joined(separator: ", ")).",
          en: "Invalid value '\(found)'; expected one of: \(allowed.joined(separator: ", ")).")
        return nil
      }
      return scalar.string
    }

    /// Excel's sheet-name rules, checked here so the error points at the template line.
    mutating func sheetName(_ node: Node) -> String? {
      guard let name = text(node) else { return nil }
      let forbidden = CharacterSet(charactersIn: "[]:*?/\\")
      if name.utf16.count > Limits.sheetNameLengthMax || name.rangeOfCharacter(from: forbidden) != nil
        || name.hasPrefix("'") || name.hasSuffix("'") || name.lowercased() == "history"
      {
        error(
          node,
          vi: "Tên trang '\(name)' không hợp lệ trong Excel: tối đa 31 ký tự, không chứa [ ] : * ? / \\.",
          en: "Sheet name '\(name)' breaks Excel's rules: at most 31 characters, none of [ ] : * ? / \\.")
        return nil
      }
      return name
    }

    func placeholders(in text: String) -> [String] {
      var names: [String] = []
      var rest = Substring(text)
      while let open = rest.firstIndex(of: "{"),
        let close = rest[open...].firstIndex(of: "}")
      {
        names.append(String(rest[rest.index(after: open)..<close]))
        rest = rest[rest.index(after: close)...]
      }
      return names
    }

    mutating func error(_ node: Node, vi: String, en: String) {
      errors.append(InputError(LocatedYAML.location(node, file: file), vi: vi, en: en))
    }
  }
}
