import BudgetApp
import BudgetCore
import BudgetEngine
import Foundation
import Hummingbird
import SettlementReports

/// Every route of the page. Handlers parse the request, call the layers below, render and answer:
/// no budget rule is decided here.
struct Routes {
  let state: WebState

  func register(on router: Router<WebContext>) {
    router.get("/assets/app.css") { _, _ in asset(Assets.css, type: "text/css; charset=utf-8") }
    router.get("/assets/app.js") { _, _ in asset(Assets.javascript, type: "text/javascript; charset=utf-8") }
    router.get("/lang") { request, _ in language(request) }
    router.get("/login") { request, context in signInPage(request, context, failed: false) }
    router.post("/login") { request, context in try await signIn(request, context) }
    router.post("/logout") { _, context in signOut(context) }

    router.get("/") { request, context in
      try await withView(request, context, section: .overview) { view, _ in
        .redirect("/year/\(view.defaultYear)")
      }
    }
    overviewPage("/year/:year", on: router, content: OverviewPages.dashboard) {
      LocalizedText(vi: "Tổng quan năm \($0)", en: "\($0) at a glance")
    }
    overviewPage("/year/:year/lines", on: router, content: OverviewPages.lines) {
      LocalizedText(vi: "Các dòng dự toán năm \($0)", en: "Budget lines of \($0)")
    }
    overviewPage("/year/:year/payments", on: router, content: OverviewPages.payments) {
      LocalizedText(vi: "Các khoản chi năm \($0)", en: "Payments of \($0)")
    }
    router.get("/reports") { request, context in
      try await withView(request, context, section: .reports) { view, page in
        let year = query(request)["year"].flatMap(Int.init) ?? view.defaultYear
        guard view.plan.info.years.contains(year) else { return .notFound }
        return .page(
          page.t("Báo cáo năm \(year)", "Reports of \(year)"), ReportPages.page(view, year: year, page))
      }
    }
    router.get("/download/:file") { request, context in try await download(request, context) }
    registerWrites(on: router)
    registerAppActions(on: router)
  }

  // MARK: Plumbing

  /// What a page handler returns; turned into a response with the layout around it.
  enum Outcome {
    case page(String, String)
    case redirect(String)
    case response(Response)
    case notFound
  }

  func pageContext(_ request: Request, _ context: WebContext) -> PageContext {
    PageContext(context, request: request, signInRequired: state.requiresSignIn)
  }

  func query(_ request: Request) -> [String: String] {
    var values: [String: String] = [:]
    for (name, value) in request.uri.queryParameters where values[String(name)] == nil {
      values[String(name)] = String(value)
    }
    return values
  }

  /// Runs `body` with the workspace as it is on disk now, or shows its input errors (located, both
  /// languages) when it cannot be read.
  func withView(
    _ request: Request, _ context: WebContext, section: Pages.Section,
    _ body: (WorkspaceView, PageContext) async throws -> Outcome
  ) async throws -> Response {
    let page = pageContext(request, context)
    switch await state.store.view() {
    case .unusable(let errors, _):
      return Pages.page(
        page, title: page.t("Không đọc được thư mục dữ liệu", "The workspace cannot be read"),
        section: section,
        status: .ok,
        Pages.inputErrors(
          errors, page,
          heading: page.t(
            "Sửa các tệp sau rồi tải lại trang (các thay đổi trên đĩa được đọc lại tự động):",
            "Fix these files, then reload the page (changes on disk are read again automatically):")))
    case .ready(let view):
      switch try await body(view, page) {
      case .page(let title, let content): return Pages.page(page, title: title, section: section, content)
      case .redirect(let location): return Pages.redirect(location)
      case .response(let response): return response
      case .notFound: return notFound(page.language)
      }
    }
  }

  /// A page of one year's overview (`/year/:year…`): titled with the year, drawn from the workspace,
  /// the year and the query.
  func overviewPage(
    _ path: String, on router: Router<WebContext>,
    content: @escaping @Sendable (WorkspaceView, Int, [String: String], PageContext) -> String,
    title: @escaping @Sendable (Int) -> LocalizedText
  ) {
    router.get(RouterPath(path)) { request, context in
      try await withYear(request, context, section: .overview) { view, year, page in
        .page(page.t(title(year)), content(view, year, query(request), page))
      }
    }
  }

  /// `withView` for a page of one year: the year must lie in the plan.
  func withYear(
    _ request: Request, _ context: WebContext, section: Pages.Section,
    _ body: @escaping (WorkspaceView, Int, PageContext) async throws -> Outcome
  ) async throws -> Response {
    try await withView(request, context, section: section) { view, page in
      guard let year = context.parameters.get("year", as: Int.self), view.plan.info.years.contains(year)
      else {
        return .notFound
      }
      // A million-payment year's first view builds its indexes: off the cooperative pool.
      let yearView = await offload { view.year(year) }
      _ = yearView
      return try await body(view, year, page)
    }
  }

  func notFound(_ language: Language) -> Response {
    Pages.error(
      .notFound, vi: "Không có trang này (hoặc năm nằm ngoài kế hoạch).",
      en: "No such page (or the year is outside the plan).", language: language)
  }

  func asset(_ text: String, type: String) -> Response {
    var buffer = ByteBuffer()
    buffer.writeString(text)
    return Response(
      status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
      body: .init(byteBuffer: buffer))
  }

  func language(_ request: Request) -> Response {
    let values = query(request)
    let language = values["to"] == "en" ? "en" : "vi"
    var response = Pages.redirect(safeLocalPath(values["back"]))
    response.setCookie(
      Cookie(
        name: SecurityMiddleware.languageCookie, value: language, maxAge: 365 * 86400, path: "/",
        httpOnly: true,
        sameSite: .strict))
    return response
  }

  // MARK: Sign-in

  func signInPage(_ request: Request, _ context: WebContext, failed: Bool, status: HTTPResponse.Status = .ok)
    -> Response
  {
    let page = pageContext(request, context)
    guard state.requiresSignIn else { return Pages.redirect("/") }
    let next = safeLocalPath(query(request)["next"] ?? context.form["next"])
    var content = ""
    if failed {
      content +=
        "<div class=\"errors\" id=\"sign-in-failed\">\(page.t("Sai tên hoặc mật khẩu.", "Wrong name or password."))</div>"
    }
    content += """
      <form method="post" action="/login" class="panel">\(page.csrfField)
      <input type="hidden" name="next" value="\(HTML.escape(next))">
      <div class="field"><label for="user">\(page.t("Tên người dùng", "User name"))</label><input type="text" id="user" name="user" autocomplete="username" required></div>
      <div class="field"><label for="password">\(page.t("Mật khẩu", "Password"))</label><input type="password" id="password" name="password" autocomplete="current-password" required></div>
      <button type="submit">\(page.t("Đăng nhập", "Sign in"))</button>
      </form>
      """
    return Pages.page(page, title: page.t("Đăng nhập", "Sign in"), section: .signIn, status: status, content)
  }

  func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
    guard let users = state.options.users, let session = context.session else { return Pages.redirect("/") }
    guard state.signInLimiter.allow(context.client) else {
      return Pages.error(
        .tooManyRequests, vi: "Quá nhiều lần đăng nhập; chờ một phút rồi thử lại.",
        en: "Too many sign-in attempts; wait a minute and try again.", language: context.language)
    }
    let name = context.form["user"] ?? ""
    let password = context.form["password"] ?? ""
    // bcrypt is slow on purpose: off the cooperative pool.
    let valid = await offload { users.verify(name: name, password: password) }
    guard valid else { return signInPage(request, context, failed: true, status: .unauthorized) }
    // A new session id on sign-in: a session fixed before it cannot be taken over.
    state.sessions.remove(session.id)
    let signedIn = state.sessions.create(user: name)
    var response = Pages.redirect(safeLocalPath(context.form["next"]))
    response.setCookie(SecurityMiddleware.sessionCookie(signedIn.id))
    return response
  }

  func signOut(_ context: WebContext) -> Response {
    if let session = context.session { state.sessions.remove(session.id) }
    var response = Pages.redirect(state.requiresSignIn ? "/login" : "/")
    response.setCookie(
      Cookie(
        name: SessionStore.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
    return response
  }

  // MARK: Reports out

  func download(_ request: Request, _ context: WebContext) async throws -> Response {
    let page = pageContext(request, context)
    guard let name = context.parameters.get("file"), let download = ReportPages.Download(fileName: name)
    else {
      return notFound(page.language)
    }
    let state = self.state
    return try await withView(request, context, section: .reports) { view, page in
      guard view.plan.info.years.contains(download.year) else { return .notFound }
      if case .unit(_, let unit) = download, view.plan.unitByCode[unit] == nil { return .notFound }
      let language = page.language
      let result: Result<Data, AppError> = await offload {
        ReportMaker.make(download, app: state.app, workspace: state.options.workspace, language: language)
      }
      switch result {
      case .success(let data):
        return .response(
          Pages.download(
            data, fileName: download.fileName,
            contentType: download.fileName.hasSuffix(".json")
              ? "application/json; charset=utf-8"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
      case .failure(let error):
        return .response(
          Pages.page(
            page, title: download.fileName, section: .reports, status: error.status,
            Pages.inputErrors(
              error.located, page, heading: page.t("Không tạo được tệp:", "The file could not be made:"))))
      }
    }
  }
}
