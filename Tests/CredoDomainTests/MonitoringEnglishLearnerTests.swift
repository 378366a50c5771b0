import CredoDomain
import Testing

/// Domain guide §7 D, rules 29–33: English learner services and bilingual instruction.
@Suite("Monitoring: English learners (rules 29-33)")
struct MonitoringEnglishLearnerTests {
  typealias F = MonitoringFixture

  @Test("Rule 29: 9.20 = 1 in Spanish (9.21 = 01), bilingual authorization in Vietnamese only: bilingual exception")
  func rule29() {
    let teacher = F.teacher(F.multipleSubject([F.auth("BA", language: "Vietnamese")]))
    let decision = F.decide(
      F.section("1000", service: "1", language: "01"), teacher, roster: F.roster([.g2: 20], englishLearners: 12))
    #expect(decision.status == .exception)
    #expect(decision.findings.count == 1)
    #expect(decision.first.exceptionType == .bilingual)
    #expect(decision.first.rule == "bilingual.language_mismatch")
    #expect(decision.first.detail == "01")
    let spanish = F.teacher(F.multipleSubject([F.auth("BA", language: "Spanish")]))
    let matched = F.decide(
      F.section("1000", service: "1", language: "01"), spanish, roster: F.roster([.g2: 20], englishLearners: 12))
    #expect(matched.status == .authorized)
  }

  @Test(
    "Rule 30: departmentalized ELD 9104 with revised ELAS is not authorized; with ELA1 or SS World Language: ELD it is")
  func rule30() {
    let revised = F.decide(
      F.section("9104"), F.teacher(F.singleSubject([F.auth("R1S", "ENGL"), F.auth("ELAS")])),
      roster: F.roster([.g9: 20], englishLearners: 20))
    #expect(revised.status == .exception)
    #expect(revised.first.rule == "el.revised_ela_departmentalized")
    #expect(revised.tamoOutcome == .ineffective)

    let full = F.decide(
      F.section("9104"), F.teacher(F.singleSubject([F.auth("R1S", "ENGL"), F.auth("ELA1")])),
      roster: F.roster([.g9: 20]))
    #expect(full.status == .authorized)
    let eld = F.decide(
      F.section("9104"), F.teacher(F.singleSubject([F.auth("R1WL", "WLEL")])), roster: F.roster([.g9: 20]))
    #expect(eld.status == .authorized)
    #expect(eld.first.basis == "TC1 123456 R1WL WLEL")
  }

  @Test("Rule 31: designated (2) or integrated (3) ELD in the teacher's own subject with ELAS is authorized")
  func rule31() {
    let teacher = F.teacher(F.singleSubject([F.auth("R1S", "MATH"), F.auth("ELAS")]))
    for service in ["2", "3", "4"] {
      let decision = F.decide(
        F.section("9249", service: service), teacher, roster: F.roster([.g9: 30], englishLearners: 4))
      #expect(decision.status == .authorized)
      #expect(decision.tamoOutcome == .clear)
    }
    let without = F.decide(
      F.section("9249", service: "2"), F.teacher(F.singleSubject([F.auth("R1S", "MATH")])),
      roster: F.roster([.g9: 30], englishLearners: 4))
    #expect(without.first.exceptionType == .englishLearner)
    #expect(without.first.rule == "el.not_authorized")
    #expect(without.first.detail == "2")
  }

  @Test("Rule 32: Clear DS CTE (S17C) covers integrated ELD (3) in a CTE section; designated (2) is an exception")
  func rule32() {
    let cte = F.document(
      "CTE", "707", title: "Designated Subjects Career Technical Education Teaching Credential",
      [F.auth("R4T", "ECDF"), F.auth("S17C")])
    let integrated = F.decide(
      F.section("7001", service: "3"), F.teacher(cte), roster: F.roster([.g7: 25], englishLearners: 3))
    #expect(integrated.status == .authorized)
    #expect(integrated.first.basis == "CTE 707 R4T ECDF")
    let designated = F.decide(
      F.section("7001", service: "2"), F.teacher(cte), roster: F.roster([.g7: 25], englishLearners: 3))
    #expect(designated.status == .exception)
    #expect(designated.first.exceptionType == .englishLearner)
    #expect(designated.first.rule == "el.not_authorized")
    #expect(designated.first.detail == "2")
  }

  @Test("Rule 33: English learners enrolled and 9.20 blank is a CALPADS input error (exception, TAMO incomplete)")
  func rule33() {
    let decision = F.decide(
      F.section("9249"), F.teacher(F.singleSubject([F.auth("R1S", "MATH")])),
      roster: F.roster([.g9: 30], englishLearners: 2))
    #expect(decision.status == .exception)
    #expect(decision.first.exceptionType == .englishLearner)
    #expect(decision.first.rule == "el.service_code_missing")
    #expect(decision.tamoOutcome == .incomplete)
    // No English learners: the blank code is fine.
    let none = F.decide(
      F.section("9249"), F.teacher(F.singleSubject([F.auth("R1S", "MATH")])), roster: F.roster([.g9: 30]))
    #expect(none.status == .authorized)
  }
}
