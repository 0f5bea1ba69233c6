import BudgetCore
import Foundation
import Hummingbird

/// In front of every route: the request-rate limit, the session cookie, sign-in, the body size limit,
/// the CSRF token of every form, and the headers that keep the pages to themselves (no framing, no
/// script or style from elsewhere).
struct SecurityMiddleware: RouterMiddleware {
  typealias Context = WebContext
  let state: WebState

  static let languageCookie = "kinhphi_lang"

  func handle(
    _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
  ) async throws -> Response {
    var context = context
    context.language = request.cookies[Self.languageCookie]?.value == "en" ? .en : .vi
    guard state.limiter.allow(context.client) else {
      return secured(
        Pages.error(
          .tooManyRequests, vi: "Quá nhiều yêu cầu; chờ vài giây rồi thử lại.",
          en: "Too many requests; wait a few seconds and try again.", language: context.language))
    }
    let path = request.uri.path
    if path.hasPrefix("/assets/") { return secured(try await next(request, context)) }

    var newSession: Session?
    if let id = request.cookies[SessionStore.cookieName]?.value, let session = state.sessions.session(id) {
      context.session = session
    } else {
      // Without sign-in every browser gets a session at once (it carries the CSRF token); with
      // sign-in a browser first gets an anonymous one for the sign-in form.
      newSession = state.sessions.create(user: state.requiresSignIn ? "" : "local")
      context.session = newSession
    }
    let signedIn = !(context.session?.user.isEmpty ?? true)

    var request = request
    if request.method == .post {
      // Another site's page cannot post here: SameSite=Strict keeps the cookie off its requests, the
      // token is in our pages only, and a foreign Origin is refused outright.
      if let origin = request.headers[.origin], let host = request.head.authority,
        URL(string: origin)?.host.map({ hostPart(of: host) == $0 }) != true
      {
        return secured(forbidden(context.language))
      }
      let body: ByteBuffer
      do {
        body = try await request.collectBody(upTo: state.options.maxUploadBytes)
      } catch {
        let megabytes = state.options.maxUploadBytes >> 20
        return secured(
          Pages.error(
            .contentTooLarge, vi: "Tệp tải lên quá lớn (tối đa \(megabytes) MB).",
            en: "The upload is too large (at most \(megabytes) MB).", language: context.language))
      }
      context.form = FormData.parse(
        body: Data(body.readableBytesView), contentType: request.headers[.contentType])
      guard let session = context.session, let token = context.form["_csrf"],
        constantTimeEqual(token, session.csrfToken)
      else { return secured(forbidden(context.language)) }
    }

    var response: Response
    if state.requiresSignIn && !signedIn && path != "/login" && path != "/lang" {
      if request.method == .get {
        response = Response(
          status: .seeOther,
          headers: [.location: HTML.link("/login", [("next", safeLocalPath(request.uri.description))])])
      } else {
        response = forbidden(context.language)
      }
    } else {
      response = try await next(request, context)
    }
    if let newSession { response.setCookie(Self.sessionCookie(newSession.id)) }
    return secured(response)
  }

  static func sessionCookie(_ id: String) -> Cookie {
    Cookie(name: SessionStore.cookieName, value: id, path: "/", httpOnly: true, sameSite: .strict)
  }

  private func forbidden(_ language: Language) -> Response {
    Pages.error(
      .forbidden,
      vi: "Biểu mẫu đã hết hạn hoặc không gửi từ trang này (mã CSRF không khớp). Tải lại trang rồi gửi lại.",
      en:
        "The form expired or did not come from this page (CSRF token mismatch). Reload the page and send again.",
      language: language)
  }

  private func secured(_ response: Response) -> Response {
    var response = response
    response.headers[.contentSecurityPolicy] =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
      + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.referrerPolicy] = "same-origin"
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }

  private func hostPart(of host: String) -> String {
    if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
      return String(host[host.index(after: host.startIndex)..<end])
    }
    return String(host.split(separator: ":").first ?? "")
  }
}

// `HTTPFields.Element` is HTTPTypes' `HTTPField`, reached through Hummingbird's exports.
extension HTTPFields.Element.Name {
  static let contentSecurityPolicy = Self("Content-Security-Policy")!
  static let xContentTypeOptions = Self("X-Content-Type-Options")!
  static let referrerPolicy = Self("Referrer-Policy")!
}

/// A path on this site to go back to after signing in or switching language: a local absolute path
/// only (never `//elsewhere` or `https://…`), else the start page.
func safeLocalPath(_ candidate: String?) -> String {
  guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
    candidate.count < 2000,
    !candidate.unicodeScalars.contains(where: { $0.value < 0x20 })
  else { return "/" }
  return candidate
}
