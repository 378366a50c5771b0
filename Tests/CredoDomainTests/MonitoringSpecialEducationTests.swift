import CredoDomain
import Testing

/// Domain guide §7 C, rules 22–28: special education disability areas.
@Suite("Monitoring: special education (rules 22-28)")
struct MonitoringSpecialEducationTests {
  typealias F = MonitoringFixture

  @Test("Rule 22: MMSN teacher, 9.22 = 700, students SLD, OHI, autism: authorized [S25][S21]")
  func rule22() {
    let decision = F.decide(
      F.section("1000", strategy: "700"), F.teacher(F.educationSpecialist("R3MN")),
      roster: F.roster([.g4: 12], disabilities: ["290": 6, "280": 3, "320": 3]))
    #expect(decision.status == .authorized)
    #expect(decision.first.basis == "TC3S 300300 R3MN")
    #expect(decision.tamoOutcome == .clear)
  }

  @Test("Rule 23: MMSN teacher with a deaf-blind student: one special education exception for area 300 [S3]")
  func rule23() {
    let decision = F.decide(
      F.section("1000", strategy: "700"), F.teacher(F.educationSpecialist("R3MN")),
      roster: F.roster([.g4: 12], disabilities: ["290": 11, "300": 1]))
    #expect(decision.status == .exception)
    #expect(decision.findings.count == 1)
    #expect(decision.first.exceptionType == .specialEducation)
    #expect(decision.first.detail == "300")
    #expect(decision.first.rule == "sped.area_not_covered")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 23: one exception per disability area not covered")
  func rule23PerArea() {
    let decision = F.decide(
      F.section("1000", strategy: "700"), F.teacher(F.educationSpecialist("R3DH")),
      roster: F.roster([.g4: 12], disabilities: ["230": 4, "320": 2, "290": 6]))
    #expect(decision.exceptions.map(\.detail) == ["290", "320"])
  }

  @Test(
    "Rule 24: DHH teacher, autism-only student: not authorized; deaf student (who may also be autistic): authorized")
  func rule24() {
    let teacher = F.teacher(F.educationSpecialist("R3DH"))
    let autism = F.decide(
      F.section("1000", strategy: "700"), teacher, roster: F.roster([.g3: 1], disabilities: ["320": 1]))
    #expect(autism.status == .exception)
    #expect(autism.first.detail == "320")
    let deaf = F.decide(
      F.section("1000", strategy: "700"), teacher, roster: F.roster([.g3: 1], disabilities: ["230": 1]))
    #expect(deaf.status == .authorized)
  }

  @Test("Rule 25: ECSE R3EC (birth-pre-K) with a kindergartner is not authorized; R3ER (birth-K) is")
  func rule25() {
    let roster = F.roster([.kindergarten: 8], disabilities: ["290": 8])
    let preK = F.decide(F.section("1000", strategy: "700"), F.teacher(F.educationSpecialist("R3EC")), roster: roster)
    #expect(preK.status == .exception)
    #expect(preK.first.rule == "sped.grade_limit")
    #expect(preK.first.detail == "290")
    let throughK = F.decide(
      F.section("1000", strategy: "700"), F.teacher(F.educationSpecialist("R3ER")), roster: roster)
    #expect(throughK.status == .authorized)
    #expect(throughK.tamoOutcome == .clear)
  }

  @Test("Rule 26: Education Specialist teaching departmentalized SpEd Algebra I within the areas: authorized, no SS")
  func rule26() {
    let decision = F.decide(
      F.section("9249", strategy: "700"), F.teacher(F.educationSpecialist("R3MN")),
      roster: F.roster([.g9: 10], disabilities: ["290": 10]))
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "sped.any_subject")
    #expect(decision.tamoOutcome == .clear)
    // The same teacher in a general-education Algebra I section is not authorized.
    let general = F.decide(F.section("9249"), F.teacher(F.educationSpecialist("R3MN")), roster: F.roster([.g9: 30]))
    #expect(general.first.rule == "course.not_authorized")
  }

  @Test("Rule 27: a DHH holder teaching ASL (9130, LANG-37) to general-education students is not authorized")
  func rule27() {
    let decision = F.decide(
      F.section("9130", subcategory: "LANG-37"), F.teacher(F.educationSpecialist("R3DH")),
      roster: F.roster([.g10: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.rule == "sped.dhh_asl_general_ed")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 28: a SELAP in the needed specialty authorizes the area, out-of-field [S24][C1]")
  func rule28() {
    let selap = F.document(
      "credo-selap", "444", title: "Special Education Limited Assignment Permit", term: .permit,
      expires: "2026-07-01", [F.auth("R3EN")])
    let decision = F.decide(
      F.section("1000", strategy: "700"), F.teacher(F.educationSpecialist("R3MN"), selap),
      roster: F.roster([.g5: 8], disabilities: ["290": 7, "300": 1]))
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "permit.selap")
    #expect(decision.tamoOutcome == .outOfField)
  }
}
