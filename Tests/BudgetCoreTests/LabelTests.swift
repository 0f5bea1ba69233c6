import BudgetCore
import Testing

@Suite struct LabelTests {
  /// Every code a person may read gets its own Vietnamese and English words, never the code itself.
  @Test func everyFindingCodeHasItsOwnLabel() {
    let labels = FindingCode.allCases.map(\.label)
    #expect(Set(labels.map(\.vi)).count == FindingCode.allCases.count)
    #expect(Set(labels.map(\.en)).count == FindingCode.allCases.count)
    for code in FindingCode.allCases {
      #expect(!code.label.vi.isEmpty && !code.label.en.isEmpty)
      #expect(!code.label.vi.contains(code.rawValue))
      #expect(!code.label.vi.contains("_"))
    }
    #expect(FindingCode.overspend.label.vi == "Chi vượt dự toán")
    #expect(FindingCode.unspent.label.vi == "Dự toán chưa sử dụng hết")
    #expect(FindingCode.counterpartShort.label.vi == "Thiếu kinh phí đối ứng (NSĐP)")
  }

  @Test func everyAllocationKindHasItsOwnLabel() {
    let labels = AllocationKind.allCases.map(\.label.vi)
    #expect(Set(labels).count == AllocationKind.allCases.count)
    for kind in AllocationKind.allCases {
      #expect(!kind.label.vi.contains(kind.rawValue))
    }
    #expect(AllocationKind.initial.label.vi == "Dự toán giao đầu năm")
    #expect(AllocationKind.supplement.label.vi == "Dự toán bổ sung")
    #expect(AllocationKind.adjustment.label.vi == "Điều chỉnh dự toán")
    #expect(AllocationKind.carryIn.label.vi == "Kinh phí chuyển nguồn năm trước sang")
  }
}
