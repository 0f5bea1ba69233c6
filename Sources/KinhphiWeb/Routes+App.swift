import BudgetApp
import BudgetCore
import BudgetEngine
import BudgetIO
import Foundation
import Hummingbird
import SafeOutput
import SettlementReports

/// What-if and year-end close: both through the application layer's entry points, as the command line.
extension Routes {
  func registerAppActions(on router: Router<WebContext>) {
    router.get("/whatif") { request, context in
      let page = pageContext(request, context)
      let files = WhatIfPages.scenarioFiles(workspace: state.options.workspace)
      return Pages.page(
        page, title: page.t("Giả định", "What-if"), section: .whatIf,
        WhatIfPages.form(files: files, selected: nil, text: "", page)
          + (await whatIfBuilder(values: [:], errors: [], page)))
    }
    router.post("/whatif") { request, context in try await runWhatIf(request, context, workbook: false) }
    router.post("/whatif/workbook") { request, context in
      try await runWhatIf(request, context, workbook: true)
    }
    router.post("/whatif/form") { request, context in
      try await runWhatIfForm(request, context, workbook: false)
    }
    router.post("/whatif/form/workbook") { request, context in
      try await runWhatIfForm(request, context, workbook: true)
    }
    router.get("/close") { request, context in try await closePreview(request, context) }
    router.post("/close/confirm") { request, context in try await closeConfirm(request, context) }
  }

  var app: KinhphiApp { state.app }

  /// Renders an `AppError` as a page: located input errors, or the message in both languages.
  func appErrorPage(
    _ error: AppError, _ page: PageContext, title: String, section: Pages.Section, after: String = ""
  ) -> Response {
    Pages.page(
      page, title: title, section: section, status: error.status,
      Pages.inputErrors(
        error.located, page,
        heading: page.t("Không làm được; không ghi gì:", "Not done; nothing was written:"))
        + after)
  }

  func runWhatIf(_ request: Request, _ context: WebContext, workbook: Bool) async throws -> Response {
    let page = pageContext(request, context)
    let workspace = state.options.workspace
    let files = WhatIfPages.scenarioFiles(workspace: workspace)
    let chosen = context.form["file"].flatMap { $0.isEmpty ? nil : $0 }
    let text = context.form["text"] ?? ""
    let form = WhatIfPages.form(files: files, selected: chosen, text: chosen == nil ? text : "", page)
    let title = page.t("Giả định", "What-if")
    // Only a file of the listing, by name; pasted text goes to a private temporary file.
    if let chosen, !files.contains(chosen) {
      return Pages.page(page, title: title, section: .whatIf, status: .notFound, form)
    }
    if chosen == nil && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      return Pages.page(
        page, title: title, section: .whatIf, status: .badRequest,
        "<div class=\"errors\">\(page.t("Chọn một kịch bản hoặc dán một kịch bản.", "Choose a scenario or paste one."))</div>"
          + form)
    }
    let builder = await whatIfBuilder(values: [:], errors: [], page)
    return await whatIfResponse(page, workbook: workbook, forms: form + builder) {
      (app, folder, request) throws(AppError) in
      let scenarioPath: String
      if let chosen {
        scenarioPath = URL(fileURLWithPath: workspace).appendingPathComponent("scenarios/" + chosen).path
      } else {
        scenarioPath = folder + "/kich-ban.yaml"
        try? Data(text.utf8).write(to: URL(fileURLWithPath: scenarioPath))
      }
      return try app.whatIf(request(scenarioPath))
    }
  }

  /// The what-if form: the scenario `ScenarioForm` builds from the fields, through the same
  /// `KinhphiApp.whatIf` as a file; a field's problem comes back beside it (422).
  func runWhatIfForm(_ request: Request, _ context: WebContext, workbook: Bool) async throws -> Response {
    let page = pageContext(request, context)
    let title = page.t("Giả định", "What-if")
    let files = WhatIfPages.scenarioFiles(workspace: state.options.workspace)
    let values = WhatIfFormPage.values(context.form)
    let picker = WhatIfPages.form(files: files, selected: nil, text: "", page)
    switch ScenarioForm.scenario(values) {
    case .failure(let errors):
      return Pages.page(
        page, title: title, section: .whatIf, status: .unprocessableContent,
        picker + (await whatIfBuilder(values: values, errors: errors.fields, page)))
    case .success(let scenario):
      let builder = await whatIfBuilder(values: values, errors: [], page)
      return await whatIfResponse(page, workbook: workbook, forms: picker + builder) {
        (app, _, request) throws(AppError) in
        try app.whatIf(request(nil), scenarios: [scenario])
      }
    }
  }

  func whatIfBuilder(values: [String: String], errors: [ScenarioForm.FieldError], _ page: PageContext) async
    -> String
  {
    let view = await currentView()
    return WhatIfFormPage.form(
      plan: view?.plan, defaultYear: view?.defaultYear, values: values, errors: errors, page)
  }

  /// Runs a what-if off the event loop in a private folder (`run` gets the app, the folder, and the
  /// request for a scenario file or none), then shows the result, or the comparison workbook.
  func whatIfResponse(
    _ page: PageContext, workbook: Bool, forms: String,
    run: @escaping @Sendable (KinhphiApp, String, (String?) -> WhatIfRequest) throws(AppError) -> WhatIfResult
  ) async -> Response {
    let title = page.t("Giả định", "What-if")
    let app = self.app
    let workspace = state.options.workspace
    let language = page.language
    let outcome: Result<(WhatIfResult, Data?), AppError> = await offload {
      TemporaryFolder.with { folder in
        let workbookPath = workbook ? folder + "/so-sanh.xlsx" : nil
        func request(_ scenarioPath: String?) -> WhatIfRequest {
          WhatIfRequest(
            workspace: workspace, scenarios: scenarioPath.map { [$0] } ?? [], workbook: workbookPath,
            style: WorkbookStyle(language: language))
        }
        do throws(AppError) {
          let result = try run(app, folder, request)
          return .success((result, workbookPath.flatMap { FileManager.default.contents(atPath: $0) }))
        } catch {
          return .failure(error)
        }
      }
    }
    switch outcome {
    case .failure(let error):
      return appErrorPage(error, page, title: title, section: .whatIf, after: forms)
    case .success(let (result, data)):
      if workbook, let data {
        return Pages.download(
          data, fileName: "so-sanh-\(result.report.year).xlsx",
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      }
      let plan = result.report.plan
      let content = result.report.comparisons.map { WhatIfPages.result($0, plan: plan, page) }.joined()
      return Pages.page(page, title: title, section: .whatIf, forms + content)
    }
  }

  func closePreview(_ request: Request, _ context: WebContext) async throws -> Response {
    try await withView(request, context, section: .close) { view, page in
      let values = query(request)
      let year = values["year"].flatMap(Int.init) ?? view.defaultYear
      guard view.plan.info.years.contains(year) else { return .notFound }
      let force = values["force"] == "1"
      let app = self.app
      let workspace = state.options.workspace
      let language = page.language
      let outcome: Result<ClosePlan, AppError> = await offload {
        do throws(AppError) {
          return .success(
            try app.planClose(
              CloseRequest(
                workspace: workspace, year: year, force: force, style: WorkbookStyle(language: language))))
        } catch {
          return .failure(error)
        }
      }
      let title = page.t("Khóa sổ năm \(year)", "Year-end close of \(year)")
      switch outcome {
      case .failure(let error):
        return .response(appErrorPage(error, page, title: title, section: .close))
      case .success(let plan):
        let id = plan.writesRows ? state.pending.put(plan, session: context.session?.id ?? "") : nil
        return .page(title, ClosePages.page(plan, view: view, pendingID: id, page))
      }
    }
  }

  func closeConfirm(_ request: Request, _ context: WebContext) async throws -> Response {
    let page = pageContext(request, context)
    guard context.form["confirm"] == "yes" else {
      return Pages.error(
        .badRequest, vi: "Chưa đánh dấu xác nhận: không ghi gì.",
        en: "The confirmation box was not ticked: nothing written.",
        language: page.language)
    }
    guard let id = context.form["id"],
      let plan = state.pending.take(id, session: context.session?.id ?? "", as: ClosePlan.self)
    else {
      return Pages.error(
        .gone, vi: "Bản xem trước đã hết hạn hoặc đã được ghi; mở lại trang Khóa sổ.",
        en: "The preview expired or was already written; open the close page again.", language: page.language)
    }
    let app = self.app
    let workspace = state.options.workspace
    let (user, client, log) = (context.session?.user ?? "", context.client, state.writeLog)
    let outcome: Result<Int, WriteRefusal> = await offload {
      WriteRefusal.catching {
        try WorkspaceLock.withLock(workspace: workspace, waitSeconds: Self.lockWaitSeconds) {
          let before = FileManager.default.contents(atPath: plan.destination)
          let count = try app.applyClose(plan)
          let after = FileManager.default.contents(atPath: plan.destination)
          try log.append([
            WriteLog.Entry(
              user: user, client: client,
              action: "close \(plan.request.year)\(plan.request.force ? " --force" : "")",
              file: URL(fileURLWithPath: plan.destination).lastPathComponent, before: before, after: after)
          ])
          return count
        }
      }
    }
    await state.store.invalidate()
    let title = page.t("Khóa sổ năm \(plan.request.year)", "Year-end close of \(plan.request.year)")
    switch outcome {
    case .failure(let refusal):
      return Pages.page(
        page, title: title, section: .close, status: refusal.status,
        Pages.inputErrors(refusal.errors, page, heading: page.t("Không ghi gì:", "Nothing was written:")))
    case .success(let count):
      let nextYear = plan.close.nextYear
      return Pages.page(
        page, title: title, section: .close,
        "<div class=\"success\" id=\"close-written\">"
          + page.t(
            "Đã ghi \(count) dòng dự toán chuyển sang năm \(nextYear) vào allocations.csv. Điền số quyết định thay cho \(CarryInWriter.decisionPlaceholder).",
            "Wrote \(count) carry_in rows for \(nextYear) to allocations.csv. Replace \(CarryInWriter.decisionPlaceholder) by the decision number."
          )
          + "</div><p><a href=\"/year/\(nextYear)\">\(page.t("Xem năm \(nextYear)", "See \(nextYear)"))</a></p>"
      )
    }
  }
}
