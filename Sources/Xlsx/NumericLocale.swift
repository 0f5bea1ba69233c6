#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libxlsxwriter prints every number (cell values, font sizes, margins, chart scales) with the C
/// library's `printf`, which follows the current `LC_NUMERIC`. Under a Vietnamese or German locale
/// that writes `0,5`, and Excel then reports the file as corrupt. So every call into the library runs
/// with the "C" locale.
///
/// We switch the *calling thread's* locale with `uselocale` instead of `setlocale`: `setlocale`
/// changes the whole process and races with any other thread that formats numbers meanwhile, while
/// `uselocale` is per thread and cheap (a pointer swap), so it can wrap every call — which matters
/// because in constant-memory mode rows are printed during the `worksheet_write_*` calls, not only at
/// `workbook_close`. The previous thread locale is restored afterwards.
enum NumericLocale {
  /// The "C" locale object, created once and never freed (process lifetime). `newlocale` returns
  /// an immutable object that `uselocale` only reads, so sharing it between threads is safe.
  /// With a nil base every other category is "C" too, which the library does not mind.
  nonisolated(unsafe) private static let cLocale: locale_t? = newlocale(numericMask, "C", nil)

  #if canImport(Glibc)
    // glibc's LC_NUMERIC_MASK is a macro Swift does not import: it is 1 << LC_NUMERIC.
    private static let numericMask: Int32 = 1 << LC_NUMERIC
  #else
    private static let numericMask: Int32 = LC_NUMERIC_MASK
  #endif

  /// Runs `body` with the C numeric conventions on this thread.
  static func withCLocale<Result>(_ body: () throws -> Result) rethrows -> Result {
    guard let cLocale else {
      // newlocale("C") cannot fail short of memory exhaustion; a broken libc is an invariant.
      preconditionFailure("newlocale(\"C\") failed")
    }
    let previous = uselocale(cLocale)
    defer { uselocale(previous) }
    return try body()
  }

  /// The decimal point the calling thread's locale uses now (for tests and diagnostics).
  static var currentDecimalPoint: String {
    guard let conventions = localeconv(), let point = conventions.pointee.decimal_point else {
      return "."
    }
    return String(cString: point)
  }
}
