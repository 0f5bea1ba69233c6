import BudgetCore
import Foundation
import Testing

@testable import BudgetIO

/// successors.yaml: the three ways to hand over, located errors, the sample map.
@Suite struct SuccessorsReaderTests {
  @Test func readsWholeSharesAndLines() throws {
    let map = try SuccessorsReader.read(
      yaml: """
        handover: {date: 30/06/2025, decision: "12/QĐ-UBND", successor_plan: moi/plan.yaml}
        successors:
          - {unit: PDT, to: SO_DTTG}
          - unit: VHTT
            shares: {XA_A: 33.34, XA_B: 33.33, XA_C: 33.33}
          - unit: TTVH
            lines:
              - {source: TW, activity: PTTH, to: BAO}
            otherwise: XA_A
        """)
    #expect(map.date == CivilDate(year: 2025, month: 6, day: 30))
    #expect(map.successorPlan == "moi/plan.yaml" && map.decision == "12/QĐ-UBND")
    #expect(map.units.map(\.unit) == ["PDT", "VHTT", "TTVH"])
    #expect(map.units[0].rule == .whole("SO_DTTG"))
    #expect(
      map.units[1].rule
        == .percentages([
          SuccessorShare(successor: "XA_A", percent: Percent(hundredths: 3334)),
          SuccessorShare(successor: "XA_B", percent: Percent(hundredths: 3333)),
          SuccessorShare(successor: "XA_C", percent: Percent(hundredths: 3333)),
        ]))
    #expect(
      map.units[2].rule
        == .byLine([SuccessorLineRule(source: "TW", activity: "PTTH", successor: "BAO")], otherwise: "XA_A"))
    #expect(map.units[1].location?.line == 4)
    #expect(map.successors == ["BAO", "SO_DTTG", "XA_A", "XA_B", "XA_C"])
  }

  @Test func sharesMustSumToAHundredAndErrorsAreLocated() {
    let errors = inputErrors {
      _ = try SuccessorsReader.read(
        yaml: """
          successors:
            - unit: VHTT
              shares: {XA_A: 50, XA_B: 49.99}
            - {unit: PDT, to: SO, shares: {XA_A: 100}}
            - {unit: TP, to: SO_TP, colour: red}
            - {unit: MTTQ, to: SO}
            - {unit: MTTQ, to: SO_TINH}
          """)
    }
    expectError(errors, file: "successors.yaml", line: 3, mentions: ["99.99"])
    expectError(errors, file: "successors.yaml", line: 4, mentions: ["PDT"])
    expectError(errors, file: "successors.yaml", line: 5, mentions: ["colour"])
    expectError(errors, file: "successors.yaml", line: 7, mentions: ["MTTQ", "6"])
  }

  @Test func theChiemHoaMapReads() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("SampleData/chiem-hoa/successors.yaml").path
    let map = try SuccessorsReader.read(path: path)
    #expect(map.units.count == 13)
    #expect(map.successorPlan == "sau-sap-xep/plan.yaml")
  }
}
