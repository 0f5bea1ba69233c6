import BudgetApp
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Hummingbird
import HummingbirdTesting
import SettlementReports

@testable import KinhphiWeb

/// The package's root, from this file's path (fixtures are read in place, not bundled).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func fixture(_ name: String) throws -> Data {
  try Data(contentsOf: packageRoot.appendingPathComponent("Tests/BudgetIOTests/Fixtures/" + name))
}

/// A copy of SampleData/chiem-hoa in a fresh temporary folder (tests that write change only the copy).
/// A copy of the sample workspace with its spending table's path and bytes before any upload.
func sampleSpending() throws -> (workspace: String, csvPath: String, before: Data) {
  let workspace = try sampleWorkspace()
  let csvPath = workspace + "/spending.csv"
  return (workspace, csvPath, try Data(contentsOf: URL(fileURLWithPath: csvPath)))
}

/// The id of the preview waiting for confirmation, from its confirmation form.
func pendingID(_ page: String) -> String? {
  page.range(of: "name=\"id\" value=\"").map { String(page[$0.upperBound...].prefix(64)) }
}

func sampleWorkspace() throws -> String {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "kinhphi-web-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let source = packageRoot.appendingPathComponent("SampleData/chiem-hoa")
  for name in ["plan.yaml", "allocations.csv", "spending.csv"] {
    try FileManager.default.copyItem(
      at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
  }
  let scenarios = source.appendingPathComponent("scenarios")
  if FileManager.default.fileExists(atPath: scenarios.path) {
    try FileManager.default.copyItem(at: scenarios, to: folder.appendingPathComponent("scenarios"))
  }
  return folder.path
}

func webOptions(
  workspace: String, users: UserList? = nil, maxUploadBytes: Int = 8 << 20, requestsPerSecond: Double = 0,
  burst: Double = 0
) throws -> WebOptions {
  // The application as the command line has it, with the package's templates and a fixed date.
  let app = KinhphiApp(
    templates: TemplateLocations(folders: [packageRoot.appendingPathComponent("Templates").path]),
    documentDate: Date(timeIntervalSince1970: 1_767_225_600))
  return WebOptions(
    workspace: workspace, users: users, app: app, maxUploadBytes: maxUploadBytes,
    requestsPerSecond: requestsPerSecond, requestBurst: burst)
}

/// The engine's own figures for a workspace: what the pages must show.
func analysis(of workspace: String) throws -> Analysis {
  Engine.analyze(try WorkspaceReader.read(directory: workspace))
}

/// A browser in a test: keeps the cookies the server sets and sends them back, and finds the CSRF
/// token in the last page.
final class TestBrowser: @unchecked Sendable {
  let client: any TestClientProtocol
  var cookies: [String: String] = [:]
  var lastBody = ""
  var origin: String?

  init(_ client: any TestClientProtocol) { self.client = client }

  struct Page {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
  }

  private func cookieHeader() -> HTTPFields {
    var fields = HTTPFields()
    if !cookies.isEmpty {
      fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
    }
    if let origin { fields[.origin] = origin }
    return fields
  }

  private func keep(_ response: TestResponse) -> Page {
    for field in response.headers where field.name == .setCookie {
      let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
      if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
    }
    let page = Page(status: response.status, headers: response.headers, body: response.body)
    lastBody = page.text
    return page
  }

  @discardableResult
  func get(_ uri: String) async throws -> Page {
    keep(try await client.executeRequest(uri: uri, method: .get, headers: cookieHeader(), body: nil))
  }

  /// The CSRF token of the last page's forms.
  var csrfToken: String? {
    guard let range = lastBody.range(of: "name=\"_csrf\" value=\"") else { return nil }
    let rest = lastBody[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  @discardableResult
  func post(_ uri: String, fields: [String: String], token: String? = nil) async throws -> Page {
    var all = fields
    if let token = token ?? csrfToken { all["_csrf"] = token }
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let body = all.map {
      "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
    }.joined(separator: "&")
    var headers = cookieHeader()
    headers[.contentType] = "application/x-www-form-urlencoded"
    return keep(
      try await client.executeRequest(
        uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)))
  }

  /// A multipart form with one file, as a browser sends it.
  @discardableResult
  func upload(
    _ uri: String, fields: [String: String], fileField: String, fileName: String, data: Data,
    token: String? = nil
  ) async throws -> Page {
    let boundary = "----kinhphiTestBoundary7MA4YWxkTrZu0gW"
    var body = Data()
    var all = fields
    if let token = token ?? csrfToken { all["_csrf"] = token }
    for (name, value) in all.sorted(by: { $0.key < $1.key }) {
      body.append(
        Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }
    body.append(
      Data(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
          .utf8))
    body.append(data)
    body.append(Data("\r\n--\(boundary)--\r\n".utf8))
    var headers = cookieHeader()
    headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
    var buffer = ByteBuffer()
    buffer.writeBytes(body)
    return keep(try await client.executeRequest(uri: uri, method: .post, headers: headers, body: buffer))
  }
}

/// Runs `body` against the page in process (no socket), with a fresh browser.
func withPage<T: Sendable>(
  _ options: WebOptions, _ body: @escaping @Sendable (TestBrowser) async throws -> T
) async throws -> T {
  let app = Application(router: makeRouter(options: options))
  return try await app.test(.router) { client in try await body(TestBrowser(client)) }
}
