import ArgumentParser

struct Kinhphi: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kinhphi",
    abstract: "Quyết toán kinh phí truyền thông CTMTQG DTTS&MN (Dự án 10) theo nguồn, nội dung, đơn vị.",
    discussion: """
      kinhphi đọc một thư mục dữ liệu (workspace) và tính số quyết toán chính xác đến từng đồng.
      (kinhphi reads a workspace folder and settles the budget to the đồng; --lang en for English.)

      Thư mục dữ liệu / workspace files:
        plan.yaml         danh mục nguồn, đơn vị, dự án, nội dung và các quy tắc (đối ứng, định mức)
                          catalogue of sources, units, projects, activities and the rules
        allocations.csv   dự toán: giao đầu năm, bổ sung, điều chỉnh, năm trước chuyển sang
                          allocations: initial, supplement, adjustment, carry_in
        spending.csv      thực chi / giải ngân, mỗi dòng một khoản chi
                          payments, one row per payment line
      CSV: UTF-8 (có hoặc không BOM), dấu phân cách ',' hoặc ';', ngày DD/MM/YYYY hoặc YYYY-MM-DD,
      số tiền là đồng nguyên, có thể nhóm 1.234.567. Xem docs/FORMATS.md.

      Mã thoát / exit status: 0 không có lỗi · 1 có phát hiện mức lỗi · 2 dữ liệu đầu vào không dùng được.

      Ví dụ / examples:
        kinhphi check SampleData/chiem-hoa --year 2022
        kinhphi settle SampleData/chiem-hoa --year 2022 --json out/quyet-toan-2022.json
      """,
    version: "0.1.0",
    // In the order of the year's work: check and settle, plan what-ifs, close, hand over; then the
    // tools around them.
    subcommands: [
      CheckCommand.self, SettleCommand.self, WhatIfCommand.self, CloseCommand.self, HandoverCommand.self,
      ImportCommand.self, ConsolidateCommand.self, GenerateCommand.self,
    ]
  )
}

/// Exit statuses promised in the help and FORMATS.md §8.
enum ExitStatus {
  static let clean: Int32 = 0
  static let errorFindings: Int32 = 1
  static let unusableInput: Int32 = 2
}
