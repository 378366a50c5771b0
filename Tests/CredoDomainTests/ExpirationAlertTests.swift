import CredoDomain
import Foundation
import Testing

@Suite("The expiration alert chain (domain guide §1.1 courtesy reminder; EC 44830; EC 45037; docs/rules/notices.md)")
struct ExpirationAlertTests {
  func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }
  let educator = UUID()

  func document(
    number: String = "200012345", code: String = "TC1", term: CredentialTerm = .clear, issued: String = "2022-07-01",
    expires: String?, status: DocumentStatus = .active, renewal: [String] = []
  ) -> CredentialDocument {
    CredentialDocument(
      id: UUID(), educatorId: educator, documentNumber: number, documentCode: code, title: "Single Subject",
      term: term, issueDate: date(issued), expirationDate: expires.map(date), status: status, renewalCodes: renewal,
      authorizations: [])
  }

  func due(
    _ documents: [CredentialDocument], assigned: Bool = true, on today: String, rules: [AlertRule] = AlertRule.defaults
  )
    -> [NoticeRequest]
  {
    ExpirationAlerts.due(
      for: [
        AlertSubject(
          educatorId: educator, firstName: "Ana", lastName: "Reyes", documents: documents, assigned: assigned)
      ], rules: rules, on: date(today), renewalMeaning: { $0 == "R14I" ? "Complete an induction program" : nil })
  }

  @Test("§1.1: 90, 60 and 30 days before expiration the holder is warned, each step once by its own trigger")
  func warningDays() {
    let doc = document(expires: "2027-03-01")
    let at90 = due([doc], on: "2026-12-01")
    #expect(at90.map(\.trigger) == ["doc:200012345:exp:2027-03-01:warning-90"])
    #expect(at90.first?.audience == [.holder])
    #expect(at90.first?.facts["days_left"] == "90")
    #expect(at90.first?.template == "expiration-warning")
    #expect(due([doc], on: "2026-11-30").isEmpty, "91 days before: nothing yet")
    #expect(due([doc], on: "2026-12-31").map(\.trigger) == ["doc:200012345:exp:2027-03-01:warning-60"])
    #expect(due([doc], on: "2027-01-30").map(\.trigger) == ["doc:200012345:exp:2027-03-01:warning-30"])
  }

  @Test("Catching up: a passed 30-day warning is still due until expiration; a stale 90-day one is not once 60 is due")
  func catchingUp() {
    let doc = document(expires: "2027-03-01")
    // The job did not run from day -75 to day -50: only the 60-day step is due, not the 90-day one.
    #expect(due([doc], on: "2027-01-05").map(\.trigger) == ["doc:200012345:exp:2027-03-01:warning-60"])
    // Day -20: the 30-day step (passed ten days ago) is due.
    #expect(due([doc], on: "2027-02-09").map(\.facts["rule"]) == ["warning-30"])
    // On the expiration day the warning chain still says so; the day after, it has ended.
    #expect(due([doc], on: "2027-03-01").map(\.facts["rule"]) == ["warning-30"])
    #expect(!due([doc], on: "2027-03-02").contains { $0.template == "expiration-warning" })
  }

  @Test("EC 44830: the day after expiration, an assigned educator with no valid document may not report to work")
  func noValidDocument() {
    let doc = document(expires: "2026-11-01")
    let notices = due([doc], on: "2026-11-02")
    #expect(notices.map(\.template) == ["no-valid-document"])
    #expect(notices.first?.audience == [.holder, .siteAdministrators, .districtAnalysts])
    #expect(notices.first?.facts["days_expired"] == "1")
    #expect(notices.first?.facts["citation"]?.contains("EC 44830") == true)
    #expect(due([doc], assigned: false, on: "2026-11-02").isEmpty, "not assigned: nobody to tell")
  }

  @Test("Escalation (EC 44258.9, EC 45037): 30 days expired, still assigned, nobody acted → county analysts")
  func escalation() {
    let doc = document(expires: "2026-10-01")
    let notices = due([doc], on: "2026-11-05")
    #expect(Set(notices.map { $0.facts["rule"] ?? "" }) == ["expired-0", "escalation-30"])
    let escalated = notices.first { $0.facts["escalated"] == "yes" }
    #expect(escalated?.audience == [.countyAnalysts, .districtAnalysts])
    #expect(due([doc], on: "2026-10-30").allSatisfy { $0.facts["escalated"] == nil }, "day 29: not yet")
  }

  @Test("Renewal stops the chain: a newer version with a later expiration date starts a new one")
  func renewalStops() {
    let old = document(expires: "2027-01-15")
    let renewed = document(issued: "2026-11-20", expires: "2032-01-15")
    // The current version is the renewed one: its chain is years away, the old date's steps are gone.
    #expect(due([renewed], on: "2026-12-01").isEmpty)
    // Same number, still the old version on file: the 60-day step is due.
    #expect(due([old], on: "2026-12-01").map(\.facts["rule"]) == ["warning-60"])
    // The renewed version's own chain carries its own date.
    #expect(due([renewed], on: "2031-11-01").map(\.trigger) == ["doc:200012345:exp:2032-01-15:warning-90"])
  }

  @Test(
    "A preliminary credential cleared by a clear one of the same code is superseded; a valid other document stops EC 44830 notices"
  )
  func supersededAndCovered() {
    let preliminary = document(number: "1", term: .preliminary, expires: "2027-01-15", renewal: ["R14I"])
    let clear = document(number: "2", term: .clear, issued: "2026-11-01", expires: "2031-11-01")
    #expect(ExpirationAlerts.isSuperseded(preliminary, in: [preliminary, clear]))
    #expect(due([preliminary, clear], on: "2026-12-01").isEmpty)
    let lapsed = document(number: "3", code: "PIP", expires: "2026-09-30")
    #expect(due([lapsed, clear], on: "2026-11-23").isEmpty, "holds a valid clear credential")
  }

  @Test("Renewal requirements (renewal codes, domain guide §1.1): 180 days before, with the catalog's meanings")
  func renewalRequirements() {
    let preliminary = document(term: .preliminary, expires: "2027-05-01", renewal: ["R14I", "X9"])
    let notices = due([preliminary], on: "2026-11-23")
    #expect(notices.map(\.template) == ["renewal-requirements"])
    #expect(
      notices.first?.facts["renewal_requirements"]
        == "R14I: Complete an induction program\nX9: see the CTC renewal code list")
    #expect(due([document(expires: "2027-05-01")], on: "2026-11-23").isEmpty, "no renewal codes: no such notice")
  }

  @Test("Life documents, revoked documents and documents with no date get no expiration alerts")
  func outsideTheChain() {
    #expect(due([document(term: .life, expires: nil)], on: "2026-11-23").isEmpty)
    #expect(due([document(expires: "2026-12-10", status: .revoked)], on: "2026-11-23").isEmpty)
  }

  @Test("Alert rules are data: custom days after, and problems in a rule set are named")
  func customRules() {
    let rules = [
      AlertRule(id: "after-7", chain: "after", offsetDays: 7, template: "no-valid-document", audience: [.payroll])
    ]
    let doc = document(expires: "2026-11-01")
    #expect(due([doc], on: "2026-11-07", rules: rules).isEmpty, "day 6: not yet")
    #expect(due([doc], on: "2026-11-08", rules: rules).map(\.audience) == [[.payroll]])
    let problems = AlertRuleProblem.check(
      rules + rules + [
        AlertRule(id: "x", chain: "x", offsetDays: 900, template: "t", audience: [])
      ])
    #expect(problems == [.duplicateId("after-7"), .emptyAudience("x"), .offsetOutOfRange("x", 900)])
  }

  @Test("Alert rules are data: a switched-off step sends nothing, and the remaining steps of its chain still catch up")
  func switchedOffRule() {
    let doc = document(expires: "2027-03-01")
    var rules = AlertRule.defaults
    rules[rules.firstIndex { $0.id == "warning-60" }!].enabled = false
    // 60 days before: with warning-60 off, the latest passed step of the chain is warning-90 (already due 30 days
    // earlier, same trigger, so the outbox sends it only once).
    #expect(due([doc], on: "2026-12-31", rules: rules).map(\.trigger) == ["doc:200012345:exp:2027-03-01:warning-90"])
    rules = rules.map {
      var r = $0; r.enabled = false; return r
    }
    #expect(due([doc], on: "2027-01-31", rules: rules).isEmpty)
  }

  @Test(
    "Alert rules are checked: the shipped chain is clean; chains mixing before/after, renewal steps after expiration, bad ids are not"
  )
  func ruleChecks() {
    #expect(AlertRuleProblem.check(AlertRule.defaults).isEmpty)
    let mixed =
      AlertRule.defaults + [
        AlertRule(
          id: "warning-late", chain: "warning", offsetDays: 3, template: "expiration-warning", audience: [.holder])
      ]
    #expect(AlertRuleProblem.check(mixed) == [.mixedChain("warning-late")], "the step of the other kind is named")
    let renewalLate = AlertRule(
      id: "renewal-0", chain: "renewal-late", offsetDays: 0, template: "renewal-requirements", audience: [.holder],
      needsRenewalCodes: true)
    #expect(AlertRuleProblem.check([renewalLate]) == [.renewalAfterExpiration("renewal-0")])
    let badId = AlertRule(
      id: "Warning 30", chain: "warning", offsetDays: -30, template: "expiration-warning", audience: [.holder],
      channels: [])
    #expect(AlertRuleProblem.check([badId]) == [.invalidId("Warning 30"), .emptyChannels("Warning 30")])
    #expect(AlertRule.defaults.first { $0.id == "warning-90" }?.whenText == "90 days before expiration")
    #expect(AlertRule.defaults.first { $0.id == "expired-0" }?.whenText == "on the expiration date")
  }
}
