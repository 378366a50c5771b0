import CredoDomain
import Testing

/// Domain guide §7 A, rules 1–15: basic credential scope, supplementary and subject matter authorizations, core
/// settings and the course-level local assignment options.
@Suite("Monitoring: basic credential scope (rules 1-15)")
struct MonitoringCourseScopeTests {
  typealias F = MonitoringFixture

  @Test("Rule 1: MS only, self-contained 1000 at any grade K-12 or adult is authorized [L11-80003]")
  func rule1() {
    for grade in [GradeLevel.kindergarten, .g3, .g8, .g12, .adult] {
      let decision = F.decide(F.section("1000"), F.teacher(F.multipleSubject()), roster: F.roster([grade: 20]))
      #expect(decision.status == .authorized)
      #expect(decision.first.rule == "course.authorized")
      #expect(decision.first.basis == "TC2 200200")
      #expect(decision.tamoOutcome == .clear)
    }
  }

  @Test("Rule 2: MS only teaching grade-10 Chemistry 9325 is an exception [L2][L3][L5]")
  func rule2() {
    let decision = F.decide(F.section("9325"), F.teacher(F.multipleSubject()), roster: F.roster([.g10: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.exceptionType == .course)
    #expect(decision.first.rule == "course.not_authorized")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 2: with EC 44263 (18 units, consent, board) or a GELAP the MS holder is authorized, out-of-field")
  func rule2Options() {
    let viaLAO = F.decide(
      F.section("9325"),
      F.teacher(F.multipleSubject(), approvals: [F.approval(.ec44263, courses: ["9325"], units: 18)]),
      roster: F.roster([.g10: 30]))
    #expect(viaLAO.status == .authorized)
    #expect(viaLAO.first.rule == "lao.ec44263")
    #expect(viaLAO.first.basis == "LAO EC 44263 approved 2025-08-12")
    #expect(viaLAO.tamoOutcome == .outOfField)

    let gelap = F.document(
      "credo-gelap", "555", title: "GELAP", term: .permit, expires: "2026-07-01", [F.auth("", "CHEM")])
    let viaPermit = F.decide(F.section("9325"), F.teacher(F.multipleSubject(), gelap), roster: F.roster([.g10: 30]))
    #expect(viaPermit.first.rule == "permit.gelap")
    #expect(viaPermit.first.basis == "GELAP 555 (permit)")
    #expect(viaPermit.tamoOutcome == .outOfField)

    let via44256b = F.decide(
      F.section("9325"),
      F.teacher(F.multipleSubject(), approvals: [F.approval(.ec44256b, courses: ["9325"], units: 12)]),
      roster: F.roster([.g10: 30]))
    #expect(via44256b.status == .exception)
    #expect(via44256b.first.rule == "lao.ec44256b_grade_limit")
  }

  @Test("Rule 3: MS teaching 9240 in a grade-6 math+science core block (9.34 = Y) is authorized, EC 44258.1 [L6]")
  func rule3() {
    let decision = F.decide(
      F.section("9240", id: "1", range: "MID", core: true), F.teacher(F.multipleSubject()),
      roster: F.roster([.g6: 28]), others: [F.section("9320", id: "2", range: "MID", core: true)])
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "core.ec44258_1")
    #expect(decision.first.basis == "EC 44258.1")
    #expect(decision.tamoOutcome == .clear)
  }

  @Test(
    "Rule 4: the core teacher's extra math period to another group is authorized up to half, beyond is an exception")
  func rule4() {
    let block = [F.section("9240", id: "1", core: true), F.section("9320", id: "2", core: true)]
    let withinHalf = F.decide(
      F.section("9240", id: "3", core: false), F.teacher(F.multipleSubject()), roster: F.roster([.g6: 25]),
      others: block)
    #expect(withinHalf.status == .authorized)
    #expect(withinHalf.first.rule == "core.ec44258_1")

    let beyondHalf = F.decide(
      F.section("9240", id: "3", core: false), F.teacher(F.multipleSubject()), roster: F.roster([.g6: 25]),
      others: block + [F.section("9240", id: "4", core: false), F.section("9320", id: "5", core: false)])
    #expect(beyondHalf.status == .exception)
    #expect(beyondHalf.first.rule == "core.exceeds_half")
    #expect(beyondHalf.tamoOutcome == .ineffective)
  }

  @Test("Rule 5: MS with 12 math units and consent teaching grade-8 Algebra I is authorized via EC 44256(b)")
  func rule5() {
    let decision = F.decide(
      F.section("9249"),
      F.teacher(F.multipleSubject(), approvals: [F.approval(.ec44256b, subject: "MATH", units: 12)]),
      roster: F.roster([.g8: 30]))
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "lao.ec44256b")
    #expect(decision.tamoOutcome == .outOfField)
  }

  @Test("Rule 6: SS Mathematics teaching Algebra I 9249 in grade 7 is authorized [L11-80004]")
  func rule6() {
    let decision = F.decide(
      F.section("9249"), F.teacher(F.singleSubject([F.auth("R1S", "MATH")])), roster: F.roster([.g7: 30]))
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "course.authorized")
    #expect(decision.first.basis == "TC1 123456 R1S MATH")
    #expect(decision.tamoOutcome == .clear)
  }

  @Test("Rule 7: SS English with 12 history units teaching grade-7 9173 under EC 44258.2; grade 10 is an exception")
  func rule7() {
    let teacher = F.teacher(
      F.singleSubject([F.auth("R1S", "ENGL")]), approvals: [F.approval(.ec44258_2, courses: ["9173"], units: 12)])
    let grade7 = F.decide(F.section("9173"), teacher, roster: F.roster([.g7: 30]))
    #expect(grade7.status == .authorized)
    #expect(grade7.first.rule == "lao.ec44258_2")
    let grade10 = F.decide(F.section("9173"), teacher, roster: F.roster([.g10: 30]))
    #expect(grade10.status == .exception)
    #expect(grade10.first.rule == "lao.ec44258_2_grade_limit")
    #expect(grade10.tamoOutcome == .ineffective)
  }

  @Test("Rule 8: SS Business teaching Economics 9175 is authorized (T5 80005 lists economics under Business)")
  func rule8() {
    let decision = F.decide(
      F.section("9175"), F.teacher(F.singleSubject([F.auth("R1S", "BUSI")])), roster: F.roster([.g11: 30]))
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "course.authorized")
    #expect(decision.first.basis == "TC1 123456 R1S BUSI")
  }

  @Test("Rule 9: SS Life Science teaching Health 9160 is authorized; SS PE issued after 1981 is not, before 1981 is")
  func rule9() {
    let lifeScience = F.decide(
      F.section("9160"), F.teacher(F.singleSubject([F.auth("R1S", "LS")])), roster: F.roster([.g9: 30]))
    #expect(lifeScience.status == .authorized)
    #expect(lifeScience.first.rule == "course.statutory")

    let recentPE = F.decide(
      F.section("9160"), F.teacher(F.singleSubject([F.auth("R1S", "PE")])), roster: F.roster([.g9: 30]))
    #expect(recentPE.status == .exception)
    #expect(recentPE.first.rule == "course.not_authorized")

    let lifePE = F.document(
      "TC1", "70001", title: "Standard Secondary", term: .life, issued: "1979-06-01", expires: nil,
      [F.auth("R1S", "PE")])
    let oldPE = F.decide(F.section("9160"), F.teacher(lifePE), roster: F.roster([.g9: 30]))
    #expect(oldPE.status == .authorized)
    #expect(oldPE.first.rule == "course.statutory")
  }

  @Test("Rule 10: Foundational-Level General Science SS teaching Chemistry 9325 is an exception [L11-80004]")
  func rule10() {
    let decision = F.decide(
      F.section("9325"), F.teacher(F.singleSubject([F.auth("R1F", "SIF")])), roster: F.roster([.g10: 30]))
    #expect(decision.status == .exception)
    #expect(decision.first.rule == "course.not_authorized")
    #expect(decision.tamoOutcome == .ineffective)
  }

  @Test("Rule 11: SMAB Introductory Mathematics covers Algebra I 9249 for grade 11, not Pre-Calculus 9257")
  func rule11() {
    let teacher = F.teacher(F.singleSubject([F.auth("R1S", "ENGL"), F.auth("SMAB", "IM2")]))
    let algebra = F.decide(F.section("9249"), teacher, roster: F.roster([.g11: 30]))
    #expect(algebra.status == .authorized)
    #expect(algebra.first.rule == "course.authorized")
    #expect(algebra.first.basis == "TC1 123456 SMAB IM2")

    let precalculus = F.decide(F.section("9257"), teacher, roster: F.roster([.g11: 30]))
    #expect(precalculus.status == .exception)
    #expect(precalculus.first.rule == "course.grade9_restriction")
  }

  @Test("Rule 11: Geometry 9255 is not grade-9-and-below content by default; an office may decide it is (policy)")
  func rule11Geometry() {
    let teacher = F.teacher(F.singleSubject([F.auth("R1S", "ENGL"), F.auth("SMAB", "IM2")]))
    let standard = F.decide(F.section("9255"), teacher, roster: F.roster([.g10: 30]))
    #expect(standard.first.rule == "course.grade9_restriction")
    let lenient = AssignmentEngine(
      catalog: F.catalog, policy: MonitoringPolicy(geometryIsIntroductoryContent: true))
    let decided = F.decide(F.section("9255"), teacher, roster: F.roster([.g10: 30]), engine: lenient)
    #expect(decided.status == .authorized)
    #expect(decided.tamoOutcome == .clear)
  }

  @Test("Rule 11 and 5: an MS supplementary authorization (R2B) is limited by the students' grade, not the content")
  func supplementaryGrade() {
    let teacher = F.teacher(F.multipleSubject([F.auth("R2B", "MATH")]))
    #expect(F.decide(F.section("9249"), teacher, roster: F.roster([.g8: 30])).status == .authorized)
    let grade10 = F.decide(F.section("9249"), teacher, roster: F.roster([.g10: 30]))
    #expect(grade10.first.rule == "course.grade9_restriction")
    // Without a roster the CRSE 9.29 code stands for the grades: MID is grades 5-8.
    #expect(F.decide(F.section("9249", range: "MID"), teacher).status == .authorized)
    #expect(F.decide(F.section("9249", range: "SEC"), teacher).first.rule == "course.grade9_restriction")
  }

  @Test("Rule 12: a Specific SMA in Chemistry on an MS credential authorizes Chemistry 9325 at any grade")
  func rule12() {
    let decision = F.decide(
      F.section("9325"), F.teacher(F.multipleSubject([F.auth("SMAA", "CHEM")])), roster: F.roster([.g12: 30]))
    #expect(decision.status == .authorized)
    #expect(decision.first.basis == "TC2 200200 SMAA CHEM")
    #expect(decision.tamoOutcome == .clear)
  }

  @Test("Rule 13: SS holder teaching an elective the employer documents as directly related: T5 80005(b), clear")
  func rule13() {
    let teacher = F.teacher(
      F.singleSubject([F.auth("R1S", "BUSI")]), approvals: [F.approval(.t5_80005b, courses: ["9380"], consent: nil)])
    let decision = F.decide(F.section("9380"), teacher, roster: F.roster([.g8: 30]))
    #expect(decision.status == .authorized)
    #expect(decision.first.rule == "lao.t5_80005b")
    #expect(decision.tamoOutcome == .clear)
  }

  @Test("Rule 14: EC 44258.7(b) coaching covers one period a day; a second period is an exception")
  func rule14() {
    let teacher = F.teacher(
      F.singleSubject([F.auth("R1S", "MATH")]), approvals: [F.approval(.ec44258_7b, courses: ["9314"], consent: nil)])
    let first = F.decide(F.section("9314", id: "1"), teacher, others: [F.section("9314", id: "2")])
    #expect(first.status == .authorized)
    #expect(first.first.rule == "lao.ec44258_7b")
    let second = F.decide(F.section("9314", id: "2"), teacher, others: [F.section("9314", id: "1")])
    #expect(second.status == .exception)
    #expect(second.first.rule == "lao.ec44258_7b_one_period")
  }

  @Test("Rule 15: EC 44258.7(c) committee approval covers a media arts elective for a PE teacher, not chemistry")
  func rule15() {
    let teacher = F.teacher(
      F.singleSubject([F.auth("R1S", "PE")]),
      approvals: [F.approval(.ec44258_7c, courses: ["9380", "9325"], consent: nil)])
    let elective = F.decide(F.section("9380"), teacher, roster: F.roster([.g8: 30]))
    #expect(elective.status == .authorized)
    #expect(elective.first.rule == "lao.ec44258_7c")
    let core = F.decide(F.section("9325"), teacher, roster: F.roster([.g11: 30]))
    #expect(core.status == .exception)
    #expect(core.first.rule == "lao.ec44258_7c_core_subject")
  }
}
