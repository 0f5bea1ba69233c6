import Testing

@testable import Xlsx

@Suite struct LibraryVersionTests {
  /// The system library links and is the version the wrapper was written against.
  @Test func linksAgainstLibxlsxwriter114() {
    #expect(XlsxLibrary.version == "1.1.4")
  }
}
