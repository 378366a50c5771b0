import CredoDomain
import Testing

/// Domain guide §7 rules 82–84 and §3.2a: the TAMO outcome of one assignment; and the non-classroom service codes
/// (§1.4, §4.5).
@Suite("Monitoring: TAMO outcome and services (rules 82-84)")
struct MonitoringTAMOTests {
  typealias F = MonitoringFixture

  @Test("Rule 82: PIP → Ineffective, GELAP → Out-of-Field, university intern → Intern, preliminary in field → Clear")
  func rule82() {
    let roster = F.roster([.g9: 30])
    let pip = F.document(
      "credo-pip", "1", title: "PIP", term: .permit, expires: "2026-07-01", employer: F.districtCode,
      [F.auth("R1S", "MATH")])
    #expect(F.decide(F.section("9249"), F.teacher(pip), roster: roster).tamoOutcome == .ineffective)
    let gelap = F.document(
      "credo-gelap", "2", title: "GELAP", term: .permit, expires: "2026-07-01", [F.auth("", "MATH")])
    #expect(
      F.decide(F.section("9249"), F.teacher(F.multipleSubject(), gelap), roster: roster).tamoOutcome == .outOfField)
    let intern = F.document(
      "credo-intern-university", "3", title: "University Intern", term: .intern, expires: "2027-07-01",
      [F.auth("R1S", "MATH")])
    #expect(F.decide(F.section("9249"), F.teacher(intern), roster: roster).tamoOutcome == .intern)
    let preliminary = F.singleSubject([F.auth("R1S", "MATH")], term: .preliminary)
    #expect(F.decide(F.section("9249"), F.teacher(preliminary), roster: roster).tamoOutcome == .clear)
  }

  @Test("Rule 82: the weakest needed part sets the outcome; the strongest document for a part is used")
  func rule82Combination() {
    let gelap = F.document(
      "credo-gelap", "2", title: "GELAP", term: .permit, expires: "2026-07-01", [F.auth("", "MATH")])
    let both = F.decide(
      F.section("9249"), F.teacher(F.singleSubject([F.auth("R1S", "MATH")]), gelap), roster: F.roster([.g9: 30]))
    #expect(both.tamoOutcome == .clear)
    #expect(both.first.rule == "course.authorized")
  }

  @Test("Rule 82: an LAO user counts out-of-field by default; an office may count them otherwise (policy)")
  func rule82Policy() {
    let teacher = F.teacher(F.multipleSubject(), approvals: [F.approval(.ec44263, courses: ["9325"], units: 18)])
    #expect(F.decide(F.section("9325"), teacher, roster: F.roster([.g10: 30])).tamoOutcome == .outOfField)
    let office = AssignmentEngine(catalog: F.catalog, policy: MonitoringPolicy(localAssignmentOptionOutcome: .clear))
    #expect(F.decide(F.section("9325"), teacher, roster: F.roster([.g10: 30]), engine: office).tamoOutcome == .clear)
  }

  @Test("Rule 83: service years total 2 → inexperienced (INEXP); 3 → experienced (EXP) [C1][C10]")
  func rule83() {
    #expect(TeacherExperienceLevel(serviceYearsTotal: 2) == .inexperienced)
    #expect(TeacherExperienceLevel(serviceYearsTotal: 3) == .experienced)
    #expect(TeacherExperienceLevel(serviceYearsTotal: nil) == nil)
    #expect(TeacherExperienceLevel.inexperienced.rawValue == "INEXP")
  }

  @Test("Rule 84: substitute permit holder as teacher of record: exception, Ineffective; with a credential: Clear")
  func rule84() {
    let sub = F.document("credo-sub30", "84", title: "30-Day Substitute", term: .permit, expires: "2026-07-01")
    let only = F.decide(F.section("9249"), F.teacher(sub), roster: F.roster([.g9: 30]))
    #expect(only.first.rule == "substitute.teacher_of_record")
    #expect(only.first.exceptionType == .substitute)
    #expect(only.tamoOutcome == .ineffective)
    let credentialed = F.decide(
      F.section("9249"), F.teacher(sub, F.singleSubject([F.auth("R1S", "MATH")])), roster: F.roster([.g9: 30]))
    #expect(credentialed.status == .authorized)
    #expect(credentialed.tamoOutcome == .clear)
  }

  @Test("§3.2a: an SEID with no educator on file is an exception with TAMO incomplete")
  func notOnFile() {
    let decision = F.decide(F.section("9249"), nil)
    #expect(decision.first.rule == "teacher.not_on_file")
    #expect(decision.tamoOutcome == .incomplete)
  }

  func service(_ code: String, _ teacher: TeacherProfile?) -> AssignmentDecision {
    let record = StaffAssignment(
      academicYear: SchoolYear(startYear: 2025), reportingLEA: F.districtCode, schoolCode: "1234567", seid: F.seid,
      jobClassificationCode: "11", ftePercent: 100, assignmentCodes: [code])
    return F.engine.decide(
      ServiceAssignment(record: record, assignmentCode: code, school: F.school, teacher: teacher), asOf: F.census)
  }

  @Test("§1.4, §4.5: 0202 psychologist needs PPS school psychology; 0301 principal the Administrative Services")
  func services() {
    let counselorOnly = F.teacher(F.document("credo-pps", "1", title: "PPS", [F.auth("PPSC")]))
    let psychologist = service("0202", counselorOnly)
    #expect(psychologist.status == .exception)
    #expect(psychologist.first.exceptionType == .nonClassroom)
    #expect(psychologist.first.rule == "service.not_authorized")
    #expect(
      service("0202", F.teacher(F.document("credo-pps", "2", title: "PPS", [F.auth("PPSP")]))).status == .authorized)
    let principal = service("0301", F.teacher(F.document("credo-asc", "3", title: "Administrative Services")))
    #expect(principal.status == .authorized)
    #expect(principal.first.basis == "credo-asc 3")
    let expired = service(
      "0301", F.teacher(F.document("credo-asc", "4", title: "Administrative Services", expires: "2025-06-30")))
    #expect(expired.first.rule == "document.expired")
  }

  @Test("§4.3, §4.6: 6018 on leave and licensed therapists are not monitored; 6010 mentor is T5 80020.4")
  func servicesNotMonitored() {
    #expect(service("6018", nil).first.rule == "service.on_leave")
    #expect(service("0213", nil).status == .notMonitored)
    let mentor = service("6010", F.teacher(F.multipleSubject()))
    #expect(mentor.status == .authorized)
    #expect(mentor.first.rule == "predetermined.t5_80020_4")
  }
}
