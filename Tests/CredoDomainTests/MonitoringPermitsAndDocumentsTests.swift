import CredoDomain
import Testing

/// Domain guide §7 E, rules 34–49: vacancies, substitutes, permits, waivers, interns and document validity.
@Suite("Monitoring: substitutes, vacancies, permits and documents (rules 34-49)")
struct MonitoringPermitsAndDocumentsTests {
  typealias F = MonitoringFixture

  static let sub30 = F.document(
    "credo-sub30", "30030", title: "Emergency 30-Day Substitute Teaching Permit", term: .permit, expires: "2026-07-01")

  @Test("Rule 34: generic SEID 9999999999 is a predetermined vacancy, outside TAMO [S4][C10][S14]")
  func rule34() {
    let decision = F.decide(F.section("9249", seid: "9999999999"), nil)
    #expect(decision.status == .vacancy)
    #expect(decision.first.rule == "vacancy.generic_seid")
    #expect(decision.tamoOutcome == .unknown)
  }

  @Test("Rule 35: a teacher of record holding only a 30-day substitute permit is a substitute exception, ineffective")
  func rule35() {
    let decision = F.decide(F.section("9249"), F.teacher(Self.sub30), roster: F.roster([.g9: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.exceptionType == .substitute)
    #expect(decision.first.rule == "substitute.teacher_of_record")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 36: 30-day permit: day 31 for one teacher, or day 21 in special education, is not allowed [L11-80025]")
  func rule36() {
    #expect(SubstituteDayLimit.decide(permit: .thirtyDay, day: 30, specialEducation: false).allowed)
    let day31 = SubstituteDayLimit.decide(permit: .thirtyDay, day: 31, specialEducation: false)
    #expect(!day31.allowed)
    #expect(day31.rule == "substitute.day_limit")
    #expect(!SubstituteDayLimit.decide(permit: .thirtyDay, day: 21, specialEducation: true).allowed)
    // SB 1397 limits are an office setting.
    #expect(SubstituteDayLimit.decide(permit: .thirtyDay, day: 31, specialEducation: false, limits: .sb1397).allowed)
  }

  @Test("Rule 37: prospective-teacher permit: more than 90 days in a school year is not allowed [L11-80025.2]")
  func rule37() {
    let decision = SubstituteDayLimit.decide(
      permit: .prospectiveTeacher, day: 5, specialEducation: false, totalDaysThisYear: 91)
    #expect(!decision.allowed)
    #expect(decision.rule == "substitute.prospective_total")
    #expect(
      SubstituteDayLimit.decide(permit: .prospectiveTeacher, day: 5, specialEducation: false, totalDaysThisYear: 90)
        .allowed)
  }

  @Test("Rule 38: career substitute permit: 60 days per teacher allowed, 61 not; only in qualifying districts")
  func rule38() {
    #expect(SubstituteDayLimit.decide(permit: .career, day: 60, specialEducation: false).allowed)
    #expect(!SubstituteDayLimit.decide(permit: .career, day: 61, specialEducation: false).allowed)
    let elsewhere = SubstituteDayLimit.decide(
      permit: .career, day: 3, specialEducation: false, inQualifyingDistrict: false)
    #expect(elsewhere.rule == "substitute.career_district")
  }

  @Test("Rule 39: TPSL covering a vacancy is not allowed; covering a statutory leave is, and counts ineffective")
  func rule39() {
    #expect(
      StatutoryLeaveCoverage.decide(coversContractedTeacherOnStatutoryLeave: false).rule == "permit.tpsl_not_leave")
    #expect(StatutoryLeaveCoverage.decide(coversContractedTeacherOnStatutoryLeave: true).allowed)
    let tpsl = F.document(
      "credo-tpsl", "3939", title: "Teaching Permit for Statutory Leave", term: .permit, expires: "2026-07-01",
      employer: F.districtCode, [F.auth("R1S", "MATH")])
    let decision = F.decide(F.section("9249"), F.teacher(tpsl), roster: F.roster([.g9: 30]))
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "permit.tpsl")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 40: a Short-Term Waiver used again for the teacher or class, or beyond a semester, is invalid")
  func rule40() {
    let start = F.day("2025-08-14")
    let semesterEnd = F.day("2026-01-23")
    #expect(
      ShortTermWaiverUse.decide(
        earlierWaiversForTeacher: 1, earlierWaiversForClass: 0, start: start, end: semesterEnd,
        semesterEnd: semesterEnd
      ).rule == "waiver.stw_teacher_reuse")
    #expect(
      ShortTermWaiverUse.decide(
        earlierWaiversForTeacher: 0, earlierWaiversForClass: 1, start: start, end: semesterEnd,
        semesterEnd: semesterEnd
      ).rule == "waiver.stw_class_reuse")
    #expect(
      ShortTermWaiverUse.decide(
        earlierWaiversForTeacher: 0, earlierWaiversForClass: 0, start: start, end: F.day("2026-03-01"),
        semesterEnd: semesterEnd
      ).rule == "waiver.stw_too_long")
    let stw = F.document(
      "credo-stw", "4040", title: "Short-Term Waiver", term: .waiver, expires: "2026-01-23", [F.auth("", "CHEM")])
    let decision = F.decide(F.section("9325"), F.teacher(F.multipleSubject(), stw), roster: F.roster([.g10: 30]))
    #expect(decision.first.rule == "waiver.stw")
    #expect(decision.first.basis == "STW 4040 (waiver)")
    #expect(decision.tamoOutcome == .outOfField)
  }

  @Test("Rule 41: a fourth GELAP issuance in the same subject is not allowed [S34]")
  func rule41() {
    #expect(GELAPIssuance.decide(earlierIssuancesInSubject: 2).allowed)
    let fourth = GELAPIssuance.decide(earlierIssuancesInSubject: 3)
    #expect(!fourth.allowed)
    #expect(fourth.rule == "permit.gelap_reissue_limit")
  }

  @Test(
    "Rule 42: STSP after five emergency permits is ineligible; an STSP outside the requesting employer is not valid")
  func rule42() {
    let ineligible = ShortTermStaffPermitEligibility.decide(
      earlierLongTermEmergencyPermits: 5, requestingDistrict: "1964733", assignmentDistrict: "1964733")
    #expect(ineligible.rule == "permit.stsp_ineligible")
    let stsp = F.document(
      "credo-stsp", "4242", title: "Short-Term Staff Permit", term: .permit, expires: "2026-07-01",
      employer: "1964212", [F.auth("R1S", "MATH")])
    let decision = F.decide(F.section("9249"), F.teacher(stsp), roster: F.roster([.g9: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.rule == "permit.employer_restriction")
  }

  @Test("Rule 43: a PIP authorizes only in the requesting employer, and counts ineffective [L11-80021.1]")
  func rule43() {
    func pip(_ employer: String) -> CredentialDocument {
      F.document(
        "credo-pip", "4343", title: "Provisional Internship Permit", term: .permit, expires: "2026-07-01",
        employer: employer, [F.auth("R1S", "MATH")])
    }
    let home = F.decide(F.section("9249"), F.teacher(pip(F.districtCode)), roster: F.roster([.g9: 30]))
    #expect(home.status == .authorized)
    #expect(home.first.rule == "permit.pip")
    #expect(home.first.basis == "PIP 4343 (permit)")
    #expect(home.tamoOutcome == .ineffective)
    let elsewhere = F.decide(F.section("9249"), F.teacher(pip("1964212")), roster: F.roster([.g9: 30]))
    #expect(elsewhere.first.rule == "permit.employer_restriction")
  }

  @Test("Rule 44: an intern properly assigned is authorized, TAMO Intern; outside the intern area an exception")
  func rule44() {
    let intern = F.document(
      "credo-intern-university", "4444", title: "University Intern Credential", term: .intern,
      expires: "2027-07-01", employer: F.districtCode, [F.auth("R1S", "MATH")])
    let inArea = F.decide(F.section("9249"), F.teacher(intern), roster: F.roster([.g9: 30]))
    #expect(inArea.status == .authorized)
    #expect(inArea.first.rule == "intern.authorized")
    #expect(inArea.tamoOutcome == .intern)
    let outside = F.decide(F.section("9325"), F.teacher(intern), roster: F.roster([.g10: 30]))
    #expect(outside.status == .exception)
    #expect(outside.first.rule == "course.not_authorized")
  }

  @Test("Rule 45: a pending application is an exception (TAMO incomplete); once granted on/before census, authorized")
  func rule45() {
    let pending = F.document(
      "TC1", "4545", title: "Single Subject Teaching Credential", term: .preliminary, status: .pending,
      [F.auth("R1S", "MATH")])
    let waiting = F.decide(F.section("9249"), F.teacher(pending), roster: F.roster([.g9: 30]))
    #expect(waiting.status == .exception)
    #expect(waiting.first.rule == "document.pending")
    #expect(waiting.tamoOutcome == .incomplete)
    let granted = F.document(
      "TC1", "4545", title: "Single Subject Teaching Credential", term: .preliminary, issued: "2025-09-30",
      [F.auth("R1S", "MATH")])
    #expect(F.decide(F.section("9249"), F.teacher(granted), roster: F.roster([.g9: 30])).status == .authorized)
    let late = F.document(
      "TC1", "4545", title: "Single Subject Teaching Credential", term: .preliminary, issued: "2025-10-20",
      [F.auth("R1S", "MATH")])
    #expect(
      F.decide(F.section("9249"), F.teacher(late), roster: F.roster([.g9: 30])).first.rule == "document.not_yet_issued")
  }

  @Test("Rule 46: a credential suspended on census day raises an exception though it would authorize [S8]")
  func rule46() {
    let suspended = F.document(
      "TC1", "4646", title: "Single Subject Teaching Credential", status: .suspended, statusFrom: "2025-09-01",
      [F.auth("R1S", "MATH")])
    let decision = F.decide(F.section("9249"), F.teacher(suspended), roster: F.roster([.g9: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.rule == "document.suspended")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 47: an expired clear credential does not authorize (service in the gap is unauthorized)")
  func rule47() {
    let expired = F.document(
      "TC1", "4747", title: "Single Subject Teaching Credential", expires: "2025-09-01", [F.auth("R1S", "MATH")])
    let decision = F.decide(F.section("9249"), F.teacher(expired), roster: F.roster([.g9: 30]))
    #expect(decision.first.rule == "document.expired")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 48: a preliminary credential past its 5-year expiry is invalid: exception")
  func rule48() {
    let preliminary = F.document(
      "TC1", "4848", title: "Single Subject Teaching Credential", term: .preliminary, issued: "2020-07-01",
      expires: "2025-07-01", [F.auth("R1S", "MATH")])
    let decision = F.decide(F.section("9249"), F.teacher(preliminary), roster: F.roster([.g9: 30]))
    #expect(decision.first.rule == "document.expired")
    #expect(decision.first.explanation.contains("not renewable"))
  }

  @Test("Rule 49: a TCC older than one calendar year is invalid; within its year it authorizes, TAMO incomplete")
  func rule49() {
    let old = F.document(
      "credo-tcc", "4949", title: "Temporary County Certificate", term: .temporaryCountyCertificate,
      issued: "2024-09-01", expires: "2026-09-01", [F.auth("R1S", "MATH")])
    #expect(
      F.decide(F.section("9249"), F.teacher(old), roster: F.roster([.g9: 30])).first.rule == "document.tcc_expired")
    let current = F.document(
      "credo-tcc", "4950", title: "Temporary County Certificate", term: .temporaryCountyCertificate,
      issued: "2025-08-01", expires: "2026-07-31", [F.auth("R1S", "MATH")])
    let decision = F.decide(F.section("9249"), F.teacher(current), roster: F.roster([.g9: 30]))
    #expect(decision.status == .authorized)
    #expect(decision.first.basis == "TCC 4950 (certificate)")
    #expect(decision.tamoOutcome == .incomplete)
  }
}
