import CredoDomain
import Testing

/// Domain guide §7 F, rules 50–56: team teaching, online, settings, college credit, mentors, charters.
@Suite("Monitoring: team teaching, online, settings and charters (rules 50-56)")
struct MonitoringSettingsTests {
  typealias F = MonitoringFixture

  @Test("Rule 50: team teaching (9.25 = 1): one authorized co-teacher suffices; job sharing (2): exception [S8][C10]")
  func rule50() {
    let chemist = TeacherProfile(
      seid: "2222222222", documents: [F.singleSubject([F.auth("R1S", "SC")], number: "555000")])
    func decide(_ code: String) -> AssignmentDecision {
      let co = SectionAssignment.CoTeacher(
        section: F.section("9325", seid: "2222222222", classId: "C1", multipleTeacher: code), teacher: chemist)
      return F.decide(
        F.section("9325", classId: "C1", multipleTeacher: code), F.teacher(F.multipleSubject()),
        roster: F.roster([.g10: 30]), coTeachers: [co])
    }
    let team = decide("1")
    #expect(team.status == .authorized)
    #expect(team.first.rule == "team.co_teacher_authorized")
    #expect(team.first.basis == "team teaching with 2222222222: TC1 555000 R1S SC")
    #expect(team.tamoOutcome == .clear)
    let jobShare = decide("2")
    #expect(jobShare.status == .exception)
    #expect(jobShare.first.rule == "course.not_authorized")
  }

  @Test("Rule 51: learner-led online (9.33 = 3) is not monitored; instructor-led (1) follows the normal rules")
  func rule51() {
    let learnerLed = F.decide(F.section("9325", online: "3"), F.teacher(F.multipleSubject()))
    #expect(learnerLed.status == .notMonitored)
    #expect(learnerLed.first.rule == "online.learner_led")
    #expect(learnerLed.tamoOutcome == .notApplicable)
    let instructorLed = F.decide(
      F.section("9325", online: "1"), F.teacher(F.multipleSubject()), roster: F.roster([.g10: 3]))
    #expect(instructorLed.first.rule == "course.not_authorized")
  }

  @Test("Rule 52: continuation school, home/hospital (300) or independent study: EC 44865 covers any subject")
  func rule52() {
    let teacher = F.teacher(F.singleSubject([F.auth("R1S", "ENGL")]))
    let continuation = SchoolSetting(cdsCode: "19647331234567", isEC44865Setting: true)
    let decision = F.decide(F.section("9325"), teacher, roster: F.roster([.g11: 15]), school: continuation)
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "setting.ec44865")
    #expect(decision.tamoOutcome == .clear)
    #expect(F.decide(F.section("9325", strategy: "300"), teacher).first.rule == "setting.ec44865")
    #expect(F.decide(F.section("9325", independentStudy: true), teacher).first.rule == "setting.ec44865")
    // An office that requires the consent on record.
    let strict = AssignmentEngine(catalog: F.catalog, policy: MonitoringPolicy(ec44865RequiresRecordedConsent: true))
    let noConsent = F.decide(F.section("9325"), teacher, school: continuation, engine: strict)
    #expect(noConsent.first.rule == "setting.ec44865_no_consent")
    let consented = F.teacher(
      F.singleSubject([F.auth("R1S", "ENGL")]), approvals: [F.approval(.ec44865, approved: nil)])
    #expect(F.decide(F.section("9325"), consented, school: continuation, engine: strict).status == .authorized)
  }

  @Test("Rule 53: college-credit course 9120 with the generic SEID is not monitored (EC 76004)")
  func rule53() {
    let faculty = F.decide(F.section("9120", seid: "9999999999"), nil)
    #expect(faculty.status == .notMonitored)
    #expect(faculty.first.rule == "college_credit.ec76004")
    #expect(faculty.tamoOutcome == .notApplicable)
    let dual = F.decide(F.section("9120"), F.teacher(F.multipleSubject()), roster: F.roster([.g11: 30]))
    #expect(dual.status == .authorized)
    #expect(dual.first.rule == "college_credit.ec76004")
  }

  @Test("Rule 54: mentor course 6010 is predetermined T5 80020.4 for a credential holder; not for a PIP holder")
  func rule54() {
    let decision = F.decide(F.section("6010"), F.teacher(F.singleSubject([F.auth("R1S", "MATH")])))
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "predetermined.t5_80020_4")
    #expect(decision.first.basis == "T5 80020.4")
    let pip = F.document("credo-pip", "54", title: "PIP", term: .permit, expires: "2026-07-01", [F.auth("R1S", "MATH")])
    #expect(F.decide(F.section("6010"), F.teacher(pip)).first.rule == "predetermined.t5_80020_4_no_credential")
  }

  @Test("Rule 55: a charter school's counselor (0400) is not monitored; a district counselor needs PPS counseling")
  func rule55() {
    let record = StaffAssignment(
      academicYear: SchoolYear(startYear: 2025), reportingLEA: F.districtCode, schoolCode: "1234567", seid: F.seid,
      jobClassificationCode: "11", ftePercent: 100, assignmentCodes: ["0400"])
    let charter = SchoolSetting(cdsCode: "19647331234567", isCharter: true)
    let counselor = F.teacher(
      F.document("credo-pps", "5500", title: "Pupil Personnel Services Credential", [F.auth("PPSC")]))
    let inCharter = F.engine.decide(
      ServiceAssignment(record: record, assignmentCode: "0400", school: charter, teacher: counselor), asOf: F.census)
    #expect(inCharter.status == .notMonitored)
    #expect(inCharter.first.rule == "charter.services_not_monitored")
    let inDistrict = F.engine.decide(
      ServiceAssignment(record: record, assignmentCode: "0400", school: F.school, teacher: counselor), asOf: F.census)
    #expect(inDistrict.status == .authorized)
    #expect(inDistrict.first.basis == "credo-pps 5500 PPSC")
    #expect(inDistrict.tamoOutcome == .notApplicable)
  }

  @Test("Rule 56: charter teacher from 2019-20 in a non-core course: grace before 1 Jul 2025, misassignment after")
  func rule56() {
    let charter = SchoolSetting(cdsCode: "19647331234567", isCharter: true)
    let demographics = StaffDemographics(
      academicYear: SchoolYear(startYear: 2019), reportingLEA: F.districtCode, seid: F.seid,
      employmentStartDate: F.day("2019-08-15"))
    let teacher = F.teacher(
      F.document(
        "credo-coc", "5656", title: "Certificate of Clearance", term: .certificate, issued: "2020-06-01",
        expires: "2030-06-01"),
      demographics: demographics)
    let before = F.decide(
      F.section("9380", charterNonCore: true), teacher, roster: F.roster([.g7: 20]), school: charter,
      asOf: F.day("2024-10-02"))
    #expect(before.status == .authorized)
    #expect(before.first.rule == "charter.grace_2019_20")
    let after = F.decide(
      F.section("9380", charterNonCore: true), teacher, roster: F.roster([.g7: 20]), school: charter)
    #expect(after.status == .exception)
    #expect(after.first.rule == "charter.grace_ended")
    #expect(after.tamoOutcome == .ineffective)
  }
}
