// The words a finance officer reads beside the stable codes. The codes (OVERSPEND, carry_in, …) stay
// in every output because files and scripts match on them; the labels are what a person reads first.
// One place for every front end (terminal text, JSON, workbooks), so a term is fixed once.

extension FindingCode {
  /// A short name for the finding, in the terms of the settlement forms.
  public var label: LocalizedText {
    switch self {
    case .unknownSource:
      LocalizedText(vi: "Nguồn không có trong kế hoạch", en: "Source not in the plan")
    case .unknownActivity:
      LocalizedText(vi: "Nội dung chi không có trong kế hoạch", en: "Activity not in the plan")
    case .unknownUnit:
      LocalizedText(vi: "Đơn vị không có trong kế hoạch", en: "Unit not in the plan")
    case .ineligibleSource:
      LocalizedText(
        vi: "Nguồn không được dùng cho nội dung này", en: "Source not eligible for the activity")
    case .yearOutsidePlan:
      LocalizedText(vi: "Năm ngân sách ngoài kế hoạch", en: "Budget year outside the plan")
    case .paymentOutsideWindow:
      LocalizedText(
        vi: "Ngày chi ngoài thời hạn của năm ngân sách", en: "Payment date outside the budget year")
    case .duplicateID:
      LocalizedText(vi: "Trùng mã khoản chi", en: "Duplicate payment id")
    case .possibleDuplicate:
      LocalizedText(vi: "Có thể chi trùng", en: "Possible duplicate payment")
    case .badReversal:
      LocalizedText(vi: "Khoản giảm chi (thu hồi) không hợp lệ", en: "Invalid reversal")
    case .badAdvanceSettlement:
      LocalizedText(vi: "Thanh toán tạm ứng không hợp lệ", en: "Invalid advance settlement")
    case .unbudgeted:
      LocalizedText(vi: "Chi không có dự toán", en: "Spending without a budget")
    case .overspend:
      LocalizedText(vi: "Chi vượt dự toán", en: "Overspent")
    case .drawnOverAvailable:
      LocalizedText(vi: "Rút kinh phí vượt dự toán", en: "Drawn more than available")
    case .counterpartShort:
      LocalizedText(
        vi: "Thiếu kinh phí đối ứng (NSĐP)", en: "Local counterpart funding short")
    case .pooledAsCounterpart:
      LocalizedText(
        vi: "Vốn lồng ghép tính làm kinh phí đối ứng",
        en: "Pooled source counted as counterpart")
    case .normExceeded:
      LocalizedText(vi: "Vượt định mức chi", en: "Spending norm exceeded")
    case .missingDecision:
      LocalizedText(vi: "Thiếu số quyết định giao dự toán", en: "Allocation decision missing")
    case .carryInMismatch:
      LocalizedText(
        vi: "Số chuyển nguồn không khớp năm trước", en: "Carry-in differs from the previous year")
    case .advanceNotCarriedIn:
      LocalizedText(
        vi: "Thanh toán tạm ứng năm trước chưa chuyển sang",
        en: "Earlier advance settled but not carried in")
    case .advanceOpen:
      LocalizedText(
        vi: "Tạm ứng chưa thanh toán sau thời gian chỉnh lý", en: "Advance open after the adjustment period")
    case .unspent:
      LocalizedText(vi: "Dự toán chưa sử dụng hết", en: "Budget not fully used")
    case .missingBudgetCode:
      LocalizedText(
        vi: "Thiếu mã Mục lục NSNN cho biểu mẫu", en: "Budget classification code missing for a form")
    }
  }
}

extension AllocationKind {
  /// The name of the allocation kind as the settlement forms write it.
  public var label: LocalizedText {
    switch self {
    case .initial: LocalizedText(vi: "Dự toán giao đầu năm", en: "Initial allocation")
    case .supplement: LocalizedText(vi: "Dự toán bổ sung", en: "Supplementary allocation")
    case .adjustment: LocalizedText(vi: "Điều chỉnh dự toán", en: "Allocation adjustment")
    case .carryIn:
      LocalizedText(
        vi: "Kinh phí chuyển nguồn năm trước sang", en: "Carried in from the previous year")
    }
  }
}
