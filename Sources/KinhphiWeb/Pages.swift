import BudgetCore
import Foundation
import Hummingbird

/// What a page needs to know about the request it answers.
struct PageContext {
  let language: Language
  let session: Session?
  let signInRequired: Bool
  /// The path and query of this page (to come back to after switching language).
  let here: String

  init(_ context: WebContext, request: Request, signInRequired: Bool) {
    language = context.language
    session = context.session
    self.signInRequired = signInRequired
    here = request.uri.description
  }

  var vi: Bool { language == .vi }
  func t(_ vi: String, _ en: String) -> String { HTML.escape(language == .vi ? vi : en) }
  func t(_ text: LocalizedText) -> String { HTML.escape(text.text(language)) }
  func money(_ amount: Money) -> String { amount.shown(language) }

  /// The hidden CSRF field every form carries.
  var csrfField: String {
    "<input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.escape(session?.csrfToken ?? ""))\">"
  }
}

/// The parts of the page around the content, and the small shared pieces.
enum Pages {
  enum Section: String {
    case overview, reports, dataIn, whatIf, close, signIn
  }

  static func html(_ status: HTTPResponse.Status = .ok, _ body: String) -> Response {
    var buffer = ByteBuffer()
    buffer.writeString(body)
    return Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
  }

  static func page(
    _ page: PageContext, title: String, section: Section, status: HTTPResponse.Status = .ok, _ content: String
  ) -> Response {
    let vi = page.vi
    let nav: [(Section, String, String)] = [
      (.overview, "/", page.t("Tổng quan", "Overview")),
      (.reports, "/reports", page.t("Báo cáo", "Reports")),
      (.dataIn, "/import", page.t("Nhập số liệu", "Data in")),
      (.whatIf, "/whatif", page.t("Giả định", "What-if")),
      (.close, "/close", page.t("Khóa sổ", "Year-end close")),
    ]
    let signedIn = page.session.map { !$0.user.isEmpty } ?? false
    var right = ""
    let other = vi ? "en" : "vi"
    right +=
      "<a href=\"\(HTML.escape(HTML.link("/lang", [("to", other), ("back", page.here)])))\" lang=\"\(other)\">"
      + (vi ? "English" : "Tiếng Việt") + "</a>"
    if page.signInRequired && signedIn, let session = page.session {
      right +=
        "<span>\(HTML.escape(session.user))</span><form method=\"post\" action=\"/logout\">\(page.csrfField)"
        + "<button type=\"submit\">\(page.t("Đăng xuất", "Sign out"))</button></form>"
    }
    let links =
      section == .signIn
      ? ""
      : nav.map { item in
        "<a href=\"\(item.1)\"\(item.0 == section ? " class=\"here\"" : "")>\(item.2)</a>"
      }.joined()
    let document = """
      <!doctype html>
      <html lang="\(page.language.rawValue)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(HTML.escape(title)) · kinhphi</title>
      <link rel="stylesheet" href="/assets/app.css">
      <script src="/assets/app.js" defer></script>
      </head>
      <body>
      <header class="top"><a class="brand" href="/">kinhphi</a><nav>\(links)</nav><div class="right">\(right)</div></header>
      <main>
      <h1>\(HTML.escape(title))</h1>
      \(content)
      </main>
      </body>
      </html>

      """
    return html(status, document)
  }

  /// A page that only says what went wrong (both languages: it may be the first thing a user sees).
  static func error(_ status: HTTPResponse.Status, vi: String, en: String, language: Language) -> Response {
    let (first, second) = language == .vi ? (vi, en) : (en, vi)
    let body = """
      <!doctype html>
      <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(status.code) · kinhphi</title>
      <link rel="stylesheet" href="/assets/app.css"></head>
      <body><header class="top"><a class="brand" href="/">kinhphi</a></header><main>
      <h1>\(status.code)</h1><div class="errors"><p>\(HTML.escape(first))</p><p lang="\(language == .vi ? "en" : "vi")">\(HTML.escape(second))</p></div>
      <p><a href="/">\(language == .vi ? "Về trang đầu" : "Back to the start page")</a></p>
      </main></body></html>

      """
    return html(status, body)
  }

  /// Located input errors as a list: where (file or sheet, line or cell, column), then what, in the
  /// page's language with the other one beside it.
  static func inputErrors(_ errors: InputErrors, _ page: PageContext, heading: String) -> String {
    var out = "<div class=\"errors\" id=\"input-errors\"><p><strong>\(heading)</strong></p><ul>"
    for error in errors.errors {
      let where_ = error.location.map { "<span class=\"where\">\(HTML.escape(place($0)))</span> " } ?? ""
      let other = page.vi ? error.message.en : error.message.vi
      out +=
        "<li>\(where_)\(HTML.escape(error.message.text(page.language)))<br><span class=\"note\" lang=\"\(page.vi ? "en" : "vi")\">\(HTML.escape(other))</span></li>"
    }
    out += "</ul>"
    if errors.omittedCount > 0 {
      out += "<p>\(page.t("… và \(errors.omittedCount) lỗi nữa.", "… and \(errors.omittedCount) more."))</p>"
    }
    return out + "</div>"
  }

  /// Where an input error is, as an officer looks for it: a sheet's cell as Excel names it
  /// (`du-toan.xlsx · Chi tiết!F12`), a text file's line and field (`spending.csv:12:6`).
  static func place(_ location: SourceLocation) -> String {
    guard let sheet = location.sheet else { return location.description }
    // A whole row as Excel names it: `Chi tiết!12:12`.
    return "\(location.path) · \(sheet)!\(location.cellReference ?? "\(location.line):\(location.line)")"
  }

  static func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
  }

  /// A file to download, with the name the command line gives it.
  static func download(_ data: Data, fileName: String, contentType: String) -> Response {
    var buffer = ByteBuffer()
    buffer.writeBytes(data)
    return Response(
      status: .ok,
      headers: [
        .contentType: contentType,
        .contentDisposition: "attachment; filename=\"\(fileName)\"",
      ], body: .init(byteBuffer: buffer))
  }

  /// Links to the neighbouring pages of a paged list.
  static func pager(_ page: PageContext, pageIndex: Int, pageCount: Int, total: Int, link: (Int) -> String)
    -> String
  {
    guard pageCount > 1 else { return "" }
    var out = "<div class=\"pager\">"
    if pageIndex > 1 {
      out += "<a href=\"\(HTML.escape(link(pageIndex - 1)))\">← \(page.t("Trang trước", "Previous"))</a>"
    }
    out +=
      "<span>\(page.t("Trang \(pageIndex)/\(pageCount) · \(total) dòng", "Page \(pageIndex)/\(pageCount) · \(total) rows"))</span>"
    if pageIndex < pageCount {
      out += "<a href=\"\(HTML.escape(link(pageIndex + 1)))\">\(page.t("Trang sau", "Next")) →</a>"
    }
    return out + "</div>"
  }
}
