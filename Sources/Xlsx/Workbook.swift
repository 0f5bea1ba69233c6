import CXlsxWriter
import Foundation
import SafeOutput

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Document properties shown in Excel's File → Info (docProps/core.xml and app.xml).
public struct DocumentProperties: Hashable, Sendable {
  public var title: String?
  public var subject: String?
  public var author: String?
  public var company: String?
  public var comments: String?
  public var keywords: String?
  /// The creation date written into core.xml. `nil` lets libxlsxwriter use "now", which makes every
  /// run's file differ; pass a fixed date for reproducible output (tests always do).
  public var created: Date?

  public init(
    title: String? = nil, subject: String? = nil, author: String? = nil, company: String? = nil,
    comments: String? = nil, keywords: String? = nil, created: Date? = nil
  ) {
    self.title = title
    self.subject = subject
    self.author = author
    self.company = company
    self.comments = comments
    self.keywords = keywords
    self.created = created
  }
}

public struct WorkbookOptions: Hashable, Sendable {
  /// Rows are flushed as soon as a later row is written: RAM stays flat for big detail sheets, but
  /// rows must be written in order and strings are stored inline.
  public var constantMemory: Bool
  /// ZIP64 for parts above 4 GB.
  public var useZip64: Bool
  public var properties: DocumentProperties

  public init(constantMemory: Bool = false, useZip64: Bool = false, properties: DocumentProperties = .init())
  {
    self.constantMemory = constantMemory
    self.useZip64 = useZip64
    self.properties = properties
  }
}

/// An xlsx file being written: one owner of one `lxw_workbook`.
///
/// Output goes to a unique temporary file beside the target (`.kinhphi-<pid>-XXXXXX.xlsx.tmp`, see
/// `TemporaryFiles`: removed on an interrupt, or by the next run if the process was killed) and is
/// renamed over the target only when `close()` succeeds, so a failed run never leaves a half file
/// nor clobbers the previous one. A workbook dropped without `close()` frees the C objects without
/// writing and removes its temporary file.
///
/// Not `Sendable`: libxlsxwriter objects are not thread-safe; use a workbook from one thread/task.
public final class Workbook {
  /// The file the workbook is written to on a successful `close()`.
  public let path: String
  public let options: WorkbookOptions
  /// The temporary file that becomes `path`.
  let temporaryPath: String

  /// nil once closed (or once a close failed): the C objects are freed by `workbook_close`.
  private var handle: UnsafeMutablePointer<lxw_workbook>?
  private var sheets: [(name: String, keys: Set<String>)] = []
  /// Lowercased `scope-sheet-name \u{0} defined-name`, for the duplicate check.
  private var definedNameKeys: Set<String> = []
  /// Equal styles share one `lxw_format`; the formats are owned and freed by the C workbook.
  private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]

  /// Called once every `interruptionInterval` cell writes (a run's cancellation check): what it
  /// throws stops the write there and reaches the caller unchanged; the workbook, dropped without
  /// `close()`, leaves no file behind. nil: never interrupted.
  public var interruption: (() throws -> Void)? = nil
  /// Cell writes between two calls of `interruption`: a few hundred table rows, so a cancelled run
  /// stops within a fraction of a second, and the call (a lock) is lost among thousands of C calls.
  public static let interruptionInterval = 4096
  private var cellWritesSinceInterruption = 0

  public convenience init(url: URL, options: WorkbookOptions = .init()) throws {
    try self.init(path: url.path, options: options)
  }

  public init(path: String, options: WorkbookOptions = .init()) throws {
    self.path = path
    self.options = options
    let operation = "create workbook"
    temporaryPath = try Workbook.makeTemporaryFile(besides: path, operation: operation)
    var cOptions = lxw_workbook_options()
    cOptions.constant_memory = options.constantMemory ? 1 : 0
    cOptions.use_zip64 = options.useZip64 ? 1 : 0
    let created = NumericLocale.withCLocale { workbook_new_opt(temporaryPath, &cOptions) }
    guard let created else {
      TemporaryFiles.remove(temporaryPath)
      throw XlsxError(code: LXW_ERROR_MEMORY_MALLOC_FAILED, operation: operation)
    }
    handle = created
    do {
      try setProperties(options.properties)
    } catch {
      lxw_workbook_free(created)
      handle = nil
      TemporaryFiles.remove(temporaryPath)
      throw error
    }
  }

  deinit {
    // Dropped without close(): free without writing, and leave no file behind.
    if let handle {
      lxw_workbook_free(handle)
      TemporaryFiles.remove(temporaryPath)
    }
  }

  public var isOpen: Bool { handle != nil }

  /// Sheet names in workbook order (NFC).
  public var worksheetNames: [String] { sheets.map(\.name) }

  /// Adds a worksheet. The name is stored in NFC and must follow Excel's rules; it may not equal an
  /// existing name under case folding ("Tổng hợp" and "TỔNG HỢP" collide).
  public func addWorksheet(named requestedName: String) throws -> Worksheet {
    let operation = "add worksheet"
    let handle = try openHandle(operation)
    let name = requestedName.precomposedStringWithCanonicalMapping
    if let rule = NameRules.sheetNameProblem(name) {
      throw XlsxError(.invalidSheetName(requestedName, rule: rule), operation: operation)
    }
    let keys = NameRules.sheetNameKeys(name)
    if let existing = sheets.first(where: { !$0.keys.isDisjoint(with: keys) }) {
      throw XlsxError(.duplicateSheetName(requestedName, existing: existing.name), operation: operation)
    }
    let code = NumericLocale.withCLocale { workbook_validate_sheet_name(handle, name) }
    guard code == LXW_NO_ERROR else { throw XlsxError(code: code, operation: operation, sheet: name) }
    guard let sheetHandle = NumericLocale.withCLocale({ workbook_add_worksheet(handle, name) }) else {
      throw XlsxError(code: LXW_ERROR_MEMORY_MALLOC_FAILED, operation: operation, sheet: name)
    }
    sheets.append((name, keys))
    return Worksheet(name: name, workbook: self, handle: sheetHandle)
  }

  /// Defines a name for a formula or range, global (`scope` nil) or local to the sheet `scope`.
  /// Names are ASCII (libxlsxwriter 1.1.4's rule), not cell-reference-like, and unique per scope
  /// ignoring case: Excel repairs a file with duplicates, libxlsxwriter does not refuse them.
  public func defineName(_ name: String, formula: String, scope: String? = nil) throws {
    let operation = "define name"
    let handle = try openHandle(operation)
    if let rule = NameRules.definedNameProblem(name) {
      throw XlsxError(.invalidDefinedName(name, rule: rule), operation: operation, sheet: scope)
    }
    var scopeName: String?
    if let scope {
      scopeName = try existingSheetName(scope, operation: operation)
      if scope.contains("!") {
        // libxlsxwriter splits "sheet!name" at the first '!'.
        throw XlsxError(
          .invalidArgument("a sheet-local name cannot be scoped to a sheet whose name contains '!'"),
          operation: operation, sheet: scope)
      }
    }
    let key =
      (scopeName.map { NameRules.sheetNameKeys($0).sorted().joined() } ?? "") + "\u{0}"
      + name.lowercased()
    if definedNameKeys.contains(key) {
      throw XlsxError(.duplicateDefinedName(name, scope: scopeName), operation: operation, sheet: scopeName)
    }
    if formula.utf8.contains(0) {
      throw XlsxError(.invalidArgument("formula contains a NUL character"), operation: operation)
    }
    let cName = scopeName.map { "'\($0)'!\(name)" } ?? name
    let code = NumericLocale.withCLocale { workbook_define_name(handle, cName, formula) }
    guard code == LXW_NO_ERROR else {
      throw XlsxError(code: code, operation: operation, sheet: scopeName, cell: name)
    }
    definedNameKeys.insert(key)
  }

  /// Defines `name` as the absolute range `range` on sheet `sheet`.
  public func defineName(_ name: String, range: CellRange, onSheet sheet: String, scope: String? = nil) throws
  {
    let sheetName = try existingSheetName(sheet, operation: "define name")
    try defineName(name, formula: "=" + range.reference(onSheet: sheetName), scope: scope)
  }

  /// Writes the file: the temporary file is completed, flushed to disk and renamed over `path`.
  /// On any failure the temporary file is removed and a previous file at `path` is untouched.
  /// The workbook cannot be used afterwards, whether close succeeded or not.
  public func close() throws {
    let operation = "close"
    let handle = try openHandle(operation)
    // workbook_close frees the C workbook whatever it returns.
    self.handle = nil
    formats.removeAll()
    let code = NumericLocale.withCLocale { workbook_close(handle) }
    guard code == LXW_NO_ERROR else {
      TemporaryFiles.remove(temporaryPath)
      throw XlsxError(code: code, operation: operation, cell: nil)
    }
    let descriptor = open(temporaryPath, O_RDONLY)
    if descriptor >= 0 {
      // Durable before it replaces the previous file.
      _ = fsync(descriptor)
      closeDescriptor(descriptor)
    }
    if rename(temporaryPath, path) != 0 {
      let message = String(cString: strerror(errno))
      TemporaryFiles.remove(temporaryPath)
      throw XlsxError(.fileSystem(path: path, message: message), operation: operation)
    }
    TemporaryFiles.forget(temporaryPath)
  }

  // MARK: - Internal, for Worksheet

  /// Counts one cell write; calls `interruption` when the interval is full.
  func countCellWrite() throws {
    cellWritesSinceInterruption += 1
    guard cellWritesSinceInterruption >= Self.interruptionInterval else { return }
    cellWritesSinceInterruption = 0
    try interruption?()
  }

  func openHandle(_ operation: String, sheet: String? = nil) throws -> UnsafeMutablePointer<lxw_workbook> {
    guard let handle else { throw XlsxError(.workbookClosed, operation: operation, sheet: sheet) }
    return handle
  }

  /// The `lxw_format` for `style`, created once per distinct style; nil for no style.
  func format(for style: CellStyle?, operation: String, sheet: String?) throws -> UnsafeMutablePointer<
    lxw_format
  >? {
    guard let style else { return nil }
    if let cached = formats[style] { return cached }
    if let problem = style.problem {
      throw XlsxError(.invalidArgument(problem), operation: operation, sheet: sheet)
    }
    let handle = try openHandle(operation, sheet: sheet)
    guard let format = NumericLocale.withCLocale({ workbook_add_format(handle) }) else {
      throw XlsxError(code: LXW_ERROR_MEMORY_MALLOC_FAILED, operation: operation, sheet: sheet)
    }
    NumericLocale.withCLocale { style.apply(to: format) }
    formats[style] = format
    return format
  }

  /// Number of distinct formats created so far (equal styles are shared).
  public var distinctStyleCount: Int { formats.count }

  /// The stored name of the sheet called `name` (compared in NFC, exactly), or a thrown error.
  func existingSheetName(_ name: String, operation: String) throws -> String {
    let composed = name.precomposedStringWithCanonicalMapping
    guard let sheet = sheets.first(where: { $0.name == composed }) else {
      throw XlsxError(.unknownSheet(name), operation: operation)
    }
    return sheet.name
  }

  // MARK: - Private

  private func setProperties(_ properties: DocumentProperties) throws {
    let handle = try openHandle("set document properties")
    // libxlsxwriter copies the strings; ours live until the call returns.
    var owned: [UnsafeMutablePointer<CChar>] = []
    defer { owned.forEach { free($0) } }
    func duplicate(_ text: String?) -> UnsafeMutablePointer<CChar>? {
      guard let text, let copy = strdup(text) else { return nil }
      owned.append(copy)
      return copy
    }
    var cProperties = lxw_doc_properties()
    cProperties.title = duplicate(properties.title)
    cProperties.subject = duplicate(properties.subject)
    cProperties.author = duplicate(properties.author)
    cProperties.company = duplicate(properties.company)
    cProperties.comments = duplicate(properties.comments)
    cProperties.keywords = duplicate(properties.keywords)
    if let created = properties.created {
      let seconds = created.timeIntervalSince1970.rounded(.down)
      guard seconds >= 1, seconds < 253_402_300_800 else {
        // time_t 0 means "now" to libxlsxwriter; Excel dates end at 9999-12-31.
        throw XlsxError(
          .invalidArgument("creation date must be after 1970-01-01 and before year 10000"),
          operation: "set document properties")
      }
      cProperties.created = time_t(seconds)
    }
    let code = NumericLocale.withCLocale { workbook_set_properties(handle, &cProperties) }
    guard code == LXW_NO_ERROR else { throw XlsxError(code: code, operation: "set document properties") }
  }

  private static func makeTemporaryFile(besides target: String, operation: String) throws -> String {
    do {
      return try TemporaryFiles.create(besides: target, suffix: ".xlsx")
    } catch {
      throw XlsxError(.fileSystem(path: target, message: error.reasonEn), operation: operation)
    }
  }
}

/// `close(2)`; the name is taken by `Workbook.close()` inside the class.
private func closeDescriptor(_ descriptor: Int32) {
  #if canImport(Glibc)
    _ = Glibc.close(descriptor)
  #elseif canImport(Darwin)
    _ = Darwin.close(descriptor)
  #endif
}
