import CredoDomain
import Testing

/// Domain guide §7 B, rules 16–21: who may use a local assignment option, where and when.
@Suite("Monitoring: local assignment option eligibility (rules 16-21)")
struct MonitoringLocalAssignmentTests {
  typealias F = MonitoringFixture

  @Test("Rule 16: an intern-only teacher with an LAO in 9.35 is not eligible: exception lao.invalid_holder [S16]")
  func rule16() {
    let intern = F.document(
      "credo-intern-university", "888", title: "University Intern Credential: Single Subject", term: .intern,
      [F.auth("R1S", "ENGL")])
    let decision = F.decide(F.section("9325", lao: "EC 44263"), F.teacher(intern), roster: F.roster([.g10: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.rule == "lao.invalid_holder")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 17: an LAO for a special education section is invalid (general education only) [S16]")
  func rule17() {
    let teacher = F.teacher(
      F.singleSubject([F.auth("R1S", "ENGL")]), approvals: [F.approval(.ec44263, courses: ["9249"], units: 18)])
    let decision = F.decide(F.section("9249", strategy: "700"), teacher)
    #expect(decision.status == .exception)
    #expect(decision.findings.contains { $0.exceptionType == .course && $0.rule == "lao.general_ed_only" })
    // The same option in a general-education section is fine.
    #expect(F.decide(F.section("9249"), teacher, roster: F.roster([.g9: 30])).first.rule == "lao.ec44263")
  }

  @Test("Rule 18: board approval after the assignment start leaves the teacher misassigned until approval [S16]")
  func rule18() {
    let teacher = F.teacher(
      F.multipleSubject(),
      approvals: [F.approval(.ec44263, courses: ["9325"], units: 18, approved: "2025-10-15", start: "2025-08-14")])
    let onCensus = F.decide(F.section("9325"), teacher, roster: F.roster([.g10: 30]))
    #expect(onCensus.status == .exception)
    #expect(onCensus.first.rule == "lao.approved_after_start")
    let afterApproval = F.decide(
      F.section("9325"), teacher, roster: F.roster([.g10: 30]), asOf: F.day("2025-10-20"))
    #expect(afterApproval.status == .authorized)
    #expect(afterApproval.first.rule == "lao.ec44263")
  }

  @Test("Rule 19: an EC 44263 approval from the prior school year has expired (annual approval) [L5]")
  func rule19() {
    let teacher = F.teacher(
      F.multipleSubject(),
      approvals: [
        F.approval(
          .ec44263, courses: ["9325"], units: 18, year: 2024, consent: "2024-08-01", approved: "2024-08-12",
          start: "2024-08-14")
      ])
    let decision = F.decide(F.section("9325"), teacher, roster: F.roster([.g10: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.rule == "lao.prior_year")
  }

  @Test("Rule 20: an EC 44258.3 verification from another district is not valid here [L3]")
  func rule20() {
    let teacher = F.teacher(
      F.multipleSubject(), approvals: [F.approval(.ec44258_3, courses: ["9325"], district: "1964212")])
    let decision = F.decide(F.section("9325"), teacher, roster: F.roster([.g10: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.rule == "lao.other_district")
    let here = F.teacher(F.multipleSubject(), approvals: [F.approval(.ec44258_3, courses: ["9325"])])
    #expect(F.decide(F.section("9325"), here, roster: F.roster([.g10: 30])).first.rule == "lao.ec44258_3")
  }

  @Test("Rule 21: EC 44258.3 requested for an emergency-permit (PIP) holder is not allowed [L3]")
  func rule21() {
    let pip = F.document(
      "credo-pip", "901", title: "Provisional Internship Permit", term: .permit, expires: "2026-07-01",
      [F.auth("R1S", "ENGL")])
    let teacher = F.teacher(pip, approvals: [F.approval(.ec44258_3, courses: ["9325"])])
    let decision = F.decide(F.section("9325"), teacher, roster: F.roster([.g10: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.rule == "lao.ec44258_3_emergency_permit")
  }
}
