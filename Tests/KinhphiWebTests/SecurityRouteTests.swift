import BudgetCore
import Foundation
import Hummingbird
import Testing

@testable import KinhphiWeb

/// Sign-in, sessions, CSRF, limits, headers, addresses.
@Suite struct SecurityRouteTests {
  /// A password file with one user, hashed at the lowest cost so the test stays quick.
  static func users() throws -> UserList {
    try UserList.read(UserList.line(name: "ketoan", password: "mat-khau-dung", cost: 4) + "\n", file: "users")
  }

  @Test func withoutSignInEveryBrowserGetsAStrictHttpOnlySession() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      let page = try await browser.get("/year/2022")
      let cookie = try #require(page.headers[.setCookie])
      #expect(cookie.hasPrefix("kinhphi_session="))
      #expect(cookie.contains("HttpOnly"))
      #expect(cookie.contains("SameSite=Strict"))
      #expect(cookie.contains("Path=/"))
      #expect(page.headers[.init("Content-Security-Policy")!]?.contains("default-src 'self'") == true)
      #expect(page.headers[.init("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true)
      #expect(page.headers[.init("X-Content-Type-Options")!] == "nosniff")
      // The second request sends the cookie back: no new session.
      let again = try await browser.get("/year/2022")
      #expect(again.headers[.setCookie] == nil)
    }
  }

  @Test func aFormWithoutTheRightTokenIsRefused() async throws {
    let workspace = try sampleWorkspace()
    let options = try webOptions(workspace: workspace)
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let token = try #require(browser.csrfToken)
      #expect(token.count == 64)
      let missing = try await browser.post("/import/confirm", fields: ["id": "x"], token: "")
      #expect(missing.status == .forbidden)
      #expect(missing.text.contains("CSRF"))
      let wrong = try await browser.post(
        "/import/confirm", fields: ["id": "x"], token: String(repeating: "0", count: 64))
      #expect(wrong.status == .forbidden)
      // The right token passes the check (the preview id is unknown: 410, not 403).
      let right = try await browser.post("/import/confirm", fields: ["id": "x"], token: token)
      #expect(right.status == .gone)
      // Another site's page posting with the token it cannot know is refused by its Origin too.
      browser.origin = "http://evil.example"
      let foreign = try await browser.post("/import/confirm", fields: ["id": "x"], token: token)
      #expect(foreign.status == .forbidden)
    }
  }

  @Test func aTokenOfAnotherSessionIsRefused() async throws {
    let options = try webOptions(workspace: try sampleWorkspace())
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let first = try #require(browser.csrfToken)
      browser.cookies = [:]
      _ = try await browser.get("/import")
      let second = try #require(browser.csrfToken)
      #expect(first != second)
      let checked1 =
        try await browser.post("/import/confirm", fields: ["id": "x"], token: first).status == .forbidden
      #expect(checked1)
    }
  }

  @Test func signInIsRequiredWithAPasswordFile() async throws {
    let options = try webOptions(workspace: try sampleWorkspace(), users: try Self.users())
    try await withPage(options) { browser in
      let page = try await browser.get("/year/2022")
      #expect(page.status == .seeOther)
      #expect(page.location == "/login?next=%2Fyear%2F2022")
      let checked2 = try await browser.get("/download/quyet-toan-2022.xlsx").status == .seeOther
      #expect(checked2)
      let form = try await browser.get("/login?next=%2Fyear%2F2022")
      #expect(form.status == .ok)
      #expect(form.text.contains("name=\"password\""))
      let anonymous = browser.cookies["kinhphi_session"]

      let wrong = try await browser.post(
        "/login", fields: ["user": "ketoan", "password": "sai", "next": "/year/2022"])
      #expect(wrong.status == .unauthorized)
      #expect(wrong.text.contains("Sai tên hoặc mật khẩu"))
      let unknown = try await browser.post("/login", fields: ["user": "ai-do", "password": "mat-khau-dung"])
      #expect(unknown.status == .unauthorized)

      let right = try await browser.post(
        "/login", fields: ["user": "ketoan", "password": "mat-khau-dung", "next": "/year/2022"])
      #expect(right.status == .seeOther)
      #expect(right.location == "/year/2022")
      // A new session id on sign-in.
      #expect(browser.cookies["kinhphi_session"] != anonymous)
      let dashboard = try await browser.get("/year/2022")
      #expect(dashboard.status == .ok)
      #expect(dashboard.text.contains("ketoan"))

      // Signing out forgets the session.
      let out = try await browser.post("/logout", fields: [:])
      #expect(out.status == .seeOther)
      let checked3 = try await browser.get("/year/2022").status == .seeOther
      #expect(checked3)
    }
  }

  @Test func anOldSessionCookieDoesNotSurviveSignOut() async throws {
    let options = try webOptions(workspace: try sampleWorkspace(), users: try Self.users())
    try await withPage(options) { browser in
      _ = try await browser.get("/login")
      _ = try await browser.post("/login", fields: ["user": "ketoan", "password": "mat-khau-dung"])
      let session = try #require(browser.cookies["kinhphi_session"])
      _ = try await browser.get("/year/2022")
      _ = try await browser.post("/logout", fields: [:])
      browser.cookies["kinhphi_session"] = session
      let checked4 = try await browser.get("/year/2022").status == .seeOther
      #expect(checked4)
    }
  }

  @Test func signInAttemptsAreLimited() async throws {
    var options = try webOptions(workspace: try sampleWorkspace(), users: try Self.users())
    // Ten tries, and no refill while the test runs (the default refills one every six seconds).
    options.signInPerSecond = 1e-9
    try await withPage(options) { browser in
      _ = try await browser.get("/login")
      var statuses: [Int] = []
      for _ in 0..<12 {
        statuses.append(
          try await browser.post("/login", fields: ["user": "ketoan", "password": "sai"]).status.code)
        _ = try await browser.get("/login")
      }
      // 10 tries per address, then 429 even with the right password.
      #expect(statuses.prefix(10).allSatisfy { $0 == 401 })
      #expect(statuses.suffix(2).allSatisfy { $0 == 429 })
      let right = try await browser.post("/login", fields: ["user": "ketoan", "password": "mat-khau-dung"])
      #expect(right.status == .tooManyRequests)
    }
  }

  @Test func requestsOverTheRateAreRefused() async throws {
    let options = try webOptions(workspace: try sampleWorkspace(), requestsPerSecond: 0.001, burst: 3)
    try await withPage(options) { browser in
      var statuses: [Int] = []
      for _ in 0..<5 { statuses.append(try await browser.get("/assets/app.css").status.code) }
      #expect(statuses == [200, 200, 200, 429, 429])
    }
  }

  @Test func anUploadOverTheLimitIsRefusedWithNothingWritten() async throws {
    let workspace = try sampleWorkspace()
    let before = try Data(contentsOf: URL(fileURLWithPath: workspace + "/spending.csv"))
    let options = try webOptions(workspace: workspace, maxUploadBytes: 100_000)
    try await withPage(options) { browser in
      _ = try await browser.get("/import")
      let page = try await browser.upload(
        "/import", fields: ["table": "spending", "mode": "append"], fileField: "file", fileName: "big.xlsx",
        data: Data(repeating: 0x41, count: 200_000))
      #expect(page.status == .contentTooLarge)
      #expect(page.text.contains("tối đa 0 MB") || page.text.contains("quá lớn"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: workspace + "/spending.csv")) == before)
  }

  @Test func otherAddressesNeedAPasswordFile() throws {
    var options = try webOptions(workspace: try sampleWorkspace())
    options.host = "0.0.0.0"
    #expect(throws: InputErrors.self) { try options.validate() }
    options.users = try Self.users()
    try options.validate()
    options.users = nil
    for loopback in ["127.0.0.1", "localhost", "::1"] {
      options.host = loopback
      try options.validate()
    }
  }
}

@Suite struct SecurityUnitTests {
  @Test func passwordFilesAreReadWithLocatedErrors() throws {
    let good = UserList.line(name: "a", password: "p", cost: 4)
    let users = try UserList.read("# users\n\n\(good)\n", file: "users")
    #expect(users.verify(name: "a", password: "p"))
    #expect(!users.verify(name: "a", password: "q"))
    #expect(!users.verify(name: "b", password: "p"))
    // htpasswd -B writes $2y$: the same algorithm.
    let y = "a:$2y$" + good.dropFirst("a:$2b$".count)
    #expect(try UserList.read(String(y), file: "users").verify(name: "a", password: "p"))

    do {
      _ = try UserList.read("\(good)\nb:md5hash\nbad line\n\(good)\n", file: "users")
      Issue.record("accepted a malformed password file")
    } catch let errors as InputErrors {
      let lines = errors.errors.compactMap { $0.location?.line }
      #expect(lines == [2, 3, 4])
      #expect(errors.errors[0].message.en.contains("bcrypt"))
      #expect(errors.errors[2].message.en.contains("twice"))
    }
    #expect(throws: InputErrors.self) { try UserList.read("# nobody\n", file: "users") }
  }

  @Test func multipartFormsAreParsed() {
    let body = Data(
      ("--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"chi 2023.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        + "PK\u{03}\u{04}\r\n--not-the-boundary\r\n\r\n--XyZ--\r\n").utf8)
    let form = FormData.parse(body: body, contentType: "multipart/form-data; boundary=XyZ")
    #expect(form["_csrf"] == "abc")
    #expect(form.files["file"]?.fileName == "chi 2023.xlsx")
    #expect(form.files["file"]?.data == Data("PK\u{03}\u{04}\r\n--not-the-boundary\r\n".utf8))
    // Malformed: no fields at all (so the CSRF check refuses it).
    #expect(
      FormData.parse(body: Data("garbage".utf8), contentType: "multipart/form-data; boundary=XyZ").fields
        .isEmpty)
    #expect(FormData.parse(body: body, contentType: "text/plain").fields.isEmpty)
    let encoded = FormData.parse(
      body: Data("a=1+2&b=%C4%91%E1%BB%93ng&a=3".utf8), contentType: "application/x-www-form-urlencoded")
    #expect(encoded["a"] == "1 2")
    #expect(encoded["b"] == "đồng")
  }

  @Test func sharesAreExactTenthsOfAPercent() {
    #expect(shareTenths(Money(dong: 1_784_520_000), of: Money(dong: 1_963_000_000)) == 909)
    #expect(shareTenths(Money(dong: 1), of: Money(dong: 2000)) == 1)  // 0.05 % rounds half up
    #expect(shareTenths(Money(dong: 1), of: Money(dong: 2001)) == 0)
    #expect(shareTenths(Money(dong: 5), of: .zero) == nil)
    #expect(shareTenths(Money(dong: Int64.max / 2), of: Money(dong: Int64.max / 2)) == 1000)
    #expect(shareText(909, .vi) == "90,9 %")
    #expect(shareText(909, .en) == "90.9%")
    #expect(shareText(nil, .vi) == "—")
  }

  @Test func onlyLocalPathsAreFollowed() {
    #expect(safeLocalPath("/year/2022?code=X") == "/year/2022?code=X")
    for foreign in [
      "//evil.example/", "https://evil.example/", "javascript:alert(1)", "/\\evil", nil, "/a\nb",
    ] {
      #expect(safeLocalPath(foreign) == "/")
    }
  }

  @Test func textFromDataIsEscaped() {
    #expect(
      HTML.escape("<script>\"a\" & 'b'</script>")
        == "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;")
  }
}

@Suite struct WriteLogTests {
  /// FIPS 180-4 examples and `printf '' | sha256sum`.
  @Test func sha256MatchesTheStandardsVectors() {
    #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}
