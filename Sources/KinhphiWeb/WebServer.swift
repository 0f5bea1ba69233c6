import BudgetApp
import BudgetCore
import Foundation
import Hummingbird

/// What `kinhphi serve` was told: the workspace, where to listen, who may sign in, the limits.
public struct WebOptions: Sendable {
  public var workspace: String
  public var host: String
  public var port: Int
  /// nil: no sign-in (only allowed on the loopback address; `validate` refuses otherwise).
  public var users: UserList?
  /// The application layer, as the command line has it (templates, document date): every page calls
  /// its entry points.
  public var app: KinhphiApp
  /// The largest request body accepted (an uploaded workbook); larger ones get 413.
  public var maxUploadBytes: Int
  /// Requests per second per client address, with a burst; 0 = no limit (for a load generator).
  public var requestsPerSecond: Double
  public var requestBurst: Double
  /// Sign-in tries per client address: `signInBurst` at once, refilled at `signInPerSecond` (10 a minute).
  public var signInBurst: Double = 10
  public var signInPerSecond: Double = 10.0 / 60

  public init(
    workspace: String, host: String = "127.0.0.1", port: Int = 8080, users: UserList? = nil,
    app: KinhphiApp, maxUploadBytes: Int = 32 << 20, requestsPerSecond: Double = 50,
    requestBurst: Double = 200
  ) {
    self.workspace = workspace
    self.host = host
    self.port = port
    self.users = users
    self.app = app
    self.maxUploadBytes = maxUploadBytes
    self.requestsPerSecond = requestsPerSecond
    self.requestBurst = requestBurst
  }

  /// Loopback addresses: the only ones served without sign-in.
  public static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }

  /// Any address but the loopback one needs a password file: the page can change the workspace.
  public func validate() throws {
    if users == nil && !Self.isLoopback(host) {
      throw InputErrors([
        InputError(
          nil,
          vi:
            "Mở trang trên địa chỉ \(host) cho máy khác truy cập thì phải có --password-file (người dùng và mật "
            + "khẩu đã băm); không có thì chỉ nghe trên 127.0.0.1.",
          en: "Serving on \(host), reachable from other machines, requires --password-file (users and hashed "
            + "passwords); without it the page listens on 127.0.0.1 only.")
      ])
    }
  }
}

/// The request context: the client's address (for the rate limit), and what the security middleware
/// found — the session, the language, the parsed form of a POST.
public struct WebContext: RequestContext {
  public typealias Source = ApplicationRequestContextSource
  public var coreContext: CoreRequestContextStorage
  public let client: String
  var session: Session?
  var language: Language = .vi
  var form = FormData()

  public init(source: Source) {
    coreContext = .init(source: source)
    client = source.channel.remoteAddress?.ipAddress ?? "local"
  }

  /// Bodies are read whole by the middleware up to the server's own limit.
  public var maxUploadSize: Int { Int.max }
}

/// Everything the routes share.
final class WebState: Sendable {
  let options: WebOptions
  let store: WorkspaceStore
  let sessions = SessionStore()
  let limiter: RateLimiter
  /// Sign-in tries per address (bcrypt is slow on purpose; this keeps guessing slower still).
  let signInLimiter: RateLimiter
  let pending = PendingStore()
  let writeLog: WriteLog

  var app: KinhphiApp { options.app }

  init(options: WebOptions) {
    self.options = options
    store = WorkspaceStore(folder: options.workspace, app: options.app)
    limiter = RateLimiter(perSecond: options.requestsPerSecond, burst: options.requestBurst)
    signInLimiter = RateLimiter(perSecond: options.signInPerSecond, burst: options.signInBurst)
    writeLog = WriteLog(workspace: options.workspace)
  }

  var requiresSignIn: Bool { options.users != nil }
}

/// Builds the server's router: every route, behind the security middleware.
public func makeRouter(options: WebOptions) -> Router<WebContext> {
  let state = WebState(options: options)
  let router = Router(context: WebContext.self)
  router.add(middleware: SecurityMiddleware(state: state))
  Routes(state: state).register(on: router)
  return router
}

/// Runs the server until the process is stopped (Ctrl-C); `started` is called once it listens, with
/// the address to open. Blocks the calling thread: the command line's `serve` is synchronous.
public func runServer(options: WebOptions, started: @escaping @Sendable (String) -> Void) throws {
  try options.validate()
  let host = options.host.contains(":") ? "[\(options.host)]" : options.host
  let address = "http://\(host):\(options.port)/"
  let app = Application(
    router: makeRouter(options: options),
    configuration: .init(address: .hostname(options.host, port: options.port), serverName: "kinhphi"),
    onServerRunning: { _ in started(address) })
  let finished = DispatchSemaphore(value: 0)
  let failure = FailureBox()
  Task {
    do {
      try await app.runService()
    } catch {
      failure.set(error)
    }
    finished.signal()
  }
  finished.wait()
  if let error = failure.get() { throw error }
}

private final class FailureBox: @unchecked Sendable {
  private let lock = NSLock()
  private var error: (any Error)?
  func set(_ error: any Error) { lock.withLock { self.error = error } }
  func get() -> (any Error)? { lock.withLock { error } }
}
