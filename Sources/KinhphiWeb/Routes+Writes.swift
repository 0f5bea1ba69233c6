import BudgetApp
import BudgetCore
import BudgetIO
import Foundation
import Hummingbird
import SafeOutput

/// The routes that change the workspace. Each write: under the workspace lock (shared with the command
/// line), through the layers' atomic writes, recorded in the write log; the kept analysis is dropped
/// so the next page shows the new figures.
extension Routes {
  /// How long a write waits for the command line (or another request) to finish with the workspace.
  static let lockWaitSeconds = 3.0

  func registerWrites(on router: Router<WebContext>) {
    router.get("/import") { request, context in
      let page = pageContext(request, context)
      let view = await currentView()
      return Pages.page(
        page, title: page.t("Nhập số liệu", "Data in"), section: .dataIn, ImportPages.form(view, page))
    }
    router.post("/import") { request, context in try await checkUpload(request, context) }
    router.post("/import/confirm") { request, context in try await confirmUpload(request, context) }
  }

  /// The workspace now, when it can be read (a form still shows when it cannot).
  func currentView() async -> WorkspaceView? {
    if case .ready(let view) = await state.store.view() { return view }
    return nil
  }

  func checkUpload(_ request: Request, _ context: WebContext) async throws -> Response {
    let page = pageContext(request, context)
    let view = await currentView()
    let table = context.form["table"].flatMap(WorkspaceTable.init(rawValue:)) ?? .spending
    func refuse(_ errors: InputErrors, status: HTTPResponse.Status = .unprocessableContent) -> Response {
      Pages.page(
        page, title: page.t("Nhập số liệu", "Data in"), section: .dataIn, status: status,
        Pages.inputErrors(
          errors, page,
          heading: page.t(
            "Tệp chưa nhập được, không ghi gì. Sửa các chỗ sau rồi tải lên lại:",
            "The file cannot be imported; nothing was written. Fix these, then upload again:"))
          + ImportPages.form(view, page, table: table))
    }
    guard let upload = context.form.files["file"], !upload.data.isEmpty else {
      return refuse(
        InputErrors([
          InputError(nil, vi: "Chưa chọn tệp .xlsx hoặc .csv nào.", en: "No .xlsx or .csv file was chosen.")
        ]),
        status: .badRequest)
    }
    let uploadName = ImportPages.safeUploadName(upload.fileName)
    guard [".xlsx", ".csv"].contains(where: uploadName.lowercased().hasSuffix) else {
      return refuse(
        InputErrors([
          InputError(
            nil,
            vi:
              "'\(uploadName)' không phải tệp .xlsx hay .csv: trang nhận bảng tính Excel (.xlsx) hoặc tệp CSV.",
            en: "'\(uploadName)' is neither an .xlsx nor a .csv file: the page takes Excel workbooks (.xlsx) "
              + "or CSV files.")
        ]))
    }
    let replaceYear: Int?
    switch context.form["mode"] ?? "append" {
    case "append": replaceYear = nil
    case let value where value.hasPrefix("replace-"):
      guard let year = Int(value.dropFirst("replace-".count)) else {
        return refuse(InputErrors([InputError(nil, vi: "Năm không hợp lệ.", en: "Not a year.")]))
      }
      replaceYear = year
    default:
      return refuse(InputErrors([InputError(nil, vi: "Cách nhập không hợp lệ.", en: "Unknown import mode.")]))
    }
    let sheet = context.form["sheet"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap {
      $0.isEmpty ? nil : $0
    }
    let workspace = state.options.workspace
    let data = upload.data
    let app = state.app
    // The upload goes to a private folder under its own name (the name the errors are located by),
    // then through the application layer's `planImport`, as `kinhphi import` reads a file.
    let outcome: Result<ImportPlan, AppError> = await offload {
      TemporaryFolder.with { folder in
        let path = folder + "/" + uploadName
        guard FileManager.default.createFile(atPath: path, contents: data) else {
          return .failure(
            .unusable(LocalizedText(vi: "Không lưu được tệp tải lên.", en: "Could not keep the upload.")))
        }
        do throws(AppError) {
          return .success(
            try app.planImport(
              ImportRequest(
                file: path, table: table, workspace: workspace, sheet: sheet, replaceYear: replaceYear)))
        } catch {
          return .failure(error)
        }
      }
    }
    switch outcome {
    case .failure(let error):
      return refuse(error.located)
    case .success(let plan):
      let pending = ImportPages.Pending(plan: plan, uploadName: uploadName)
      let id = state.pending.put(pending, session: context.session?.id ?? "")
      return Pages.page(
        page, title: page.t("Xem trước khi ghi", "Preview before writing"), section: .dataIn,
        ImportPages.preview(pending, id: id, page))
    }
  }

  func confirmUpload(_ request: Request, _ context: WebContext) async throws -> Response {
    let page = pageContext(request, context)
    guard let id = context.form["id"],
      let pending = state.pending.take(id, session: context.session?.id ?? "", as: ImportPages.Pending.self)
    else {
      return Pages.error(
        .gone, vi: "Bản xem trước đã hết hạn hoặc đã được ghi; tải tệp lên lại.",
        en: "The preview expired or was already written; upload the file again.", language: page.language)
    }
    let user = context.session?.user ?? ""
    let client = context.client
    let workspace = state.options.workspace
    let log = state.writeLog
    let app = state.app
    let outcome: Result<String?, WriteRefusal> = await offload {
      WriteRefusal.catching {
        // The lock held across the write and its log line; `applyImport` takes it too (re-entrant).
        try WorkspaceLock.withLock(workspace: workspace, waitSeconds: Self.lockWaitSeconds) {
          let plan = pending.plan.plan
          let backup = try app.applyImport(pending.plan)
          let written = FileManager.default.contents(atPath: plan.targetPath)
          var entries = [
            WriteLog.Entry(
              user: user, client: client, action: "import \(pending.uploadName)",
              file: plan.table.csvFile, before: plan.existing, after: written)
          ]
          if let backup {
            entries.append(
              WriteLog.Entry(
                user: user, client: client, action: "backup",
                file: URL(fileURLWithPath: backup).lastPathComponent,
                before: nil, after: plan.existing))
          }
          try log.append(entries)
          return backup
        }
      }
    }
    await state.store.invalidate()
    switch outcome {
    case .failure(let refusal):
      return Pages.page(
        page, title: page.t("Chưa ghi", "Not written"), section: .dataIn, status: refusal.status,
        Pages.inputErrors(refusal.errors, page, heading: page.t("Không ghi gì:", "Nothing was written:")))
    case .success(let backup):
      let plan = pending.plan.plan
      var content = "<div class=\"success\" id=\"import-done\"><p>"
      content += page.t(
        "Đã ghi \(plan.rowsAdded) dòng vào \(plan.table.csvFile).",
        "Wrote \(plan.rowsAdded) rows to \(plan.table.csvFile).")
      if let backup {
        let name = URL(fileURLWithPath: backup).lastPathComponent
        content += " " + page.t("Tệp cũ được giữ lại thành \(name).", "The previous file is kept as \(name).")
      }
      content += "</p><p><a href=\"/\">\(page.t("Xem tổng quan", "See the overview"))</a></p></div>"
      return Pages.page(page, title: page.t("Đã nhập", "Imported"), section: .dataIn, content)
    }
  }
}

/// Why a write did not happen: the workspace busy (409), or located problems (422).
struct WriteRefusal: Error {
  let status: HTTPResponse.Status
  let errors: InputErrors

  static func catching<T>(_ body: () throws -> T) -> Result<T, WriteRefusal> {
    do {
      return .success(try body())
    } catch let busy as WorkspaceLock.Busy {
      return .failure(
        WriteRefusal(status: .conflict, errors: InputErrors([InputError(nil, vi: busy.vi, en: busy.en)])))
    } catch let errors as InputErrors {
      return .failure(WriteRefusal(status: .unprocessableContent, errors: errors))
    } catch let error as AppError {
      return .failure(WriteRefusal(status: error.status, errors: error.located))
    } catch let problem as FileProblem {
      return .failure(
        WriteRefusal(
          status: .internalServerError,
          errors: InputErrors([
            InputError(
              nil, vi: "Không ghi được \(problem.path): \(problem.reasonVi).",
              en: "Could not write \(problem.path): \(problem.reasonEn).")
          ])))
    } catch {
      return .failure(
        WriteRefusal(
          status: .internalServerError, errors: InputErrors([InputError(nil, vi: "\(error)", en: "\(error)")])
        ))
    }
  }
}
