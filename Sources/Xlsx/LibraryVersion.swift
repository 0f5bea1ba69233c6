import CXlsxWriter

/// The version of the libxlsxwriter the program is linked against at run time (Debian 12 ships
/// 1.1.4; the wrapper's refusals are written for its behaviour).
public enum XlsxLibrary {
  public static var version: String { String(cString: lxw_version()) }
}
